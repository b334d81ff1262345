import { describe, expect, it } from 'vitest';
import {
  acquisitionPayback,
  customerLifetimeValue,
  fitBgNbd,
  fitGammaGamma,
  rfmSummary,
} from '../../src/index';
import { cdnowSampleTransactions, hasSharedData, SKIP_MESSAGE } from '../helpers/sharedData';

const describeShared = describe.skipIf(!hasSharedData);
const label = hasSharedData ? 'shared data present' : SKIP_MESSAGE;

// The worked example of docs/decisions.md: the CDNOW sample (2,357 customers acquired in January–March
// 1997), 39 calibration weeks, one BG/NBD fit per month of acquisition and one Gamma-Gamma fit.
describeShared(`acquisitionPayback by acquisition cohort on CDNOW (${label})`, () => {
  it('each cohort gets its own fit; the break-even cost is that fit’s new-customer CLV; costs order the payback', () => {
    const transactions = cdnowSampleTransactions();
    const first = new Map<number, string>();
    for (const { customerId, at } of transactions) {
      const month = at.slice(0, 7);
      const seen = first.get(customerId);
      if (seen === undefined || month < seen) first.set(customerId, month);
    }
    const summaryOf = (month: string | null) =>
      rfmSummary(
        transactions.filter(({ customerId }) => month === null || first.get(customerId) === month),
        { unit: 'week', observationEnd: '1997-09-30' },
      );
    const all = summaryOf(null);
    expect(all.length).toBe(2357);
    const spendFit = fitGammaGamma(all.filter((row) => row.frequency > 0));
    const cohorts = ['1997-01', '1997-02', '1997-03'];
    const fits = Object.fromEntries(cohorts.map((month) => [month, fitBgNbd(summaryOf(month))]));
    const options = {
      timeUnit: 'week',
      horizon: 104,
      margin: 0.3,
      discountRate: 0.1,
      acquisitionCost: 10,
    } as const;
    const rows = acquisitionPayback(fits['1997-01'] as never, spendFit, {
      ...options,
      by: Object.fromEntries(cohorts.map((month) => [month, { fit: fits[month] as never }])),
    });
    expect(rows.map((row) => row.group)).toEqual(cohorts);
    for (const row of rows) {
      const { acquisitionCost: _, ...rest } = options;
      const value = customerLifetimeValue(fits[row.group as string] as never, 'new', {
        ...rest,
        spendModel: spendFit,
      });
      expect(row.breakEvenCost).toBe(value);
      expect(row.paybackTime === null).toBe(row.breakEvenCost < 10);
    }
    // the figures docs/decisions.md quotes
    const shown = rows.map((row) => [row.group, Math.round(row.breakEvenCost * 100) / 100, row.paybackTime]);
    expect(shown).toEqual([
      ['1997-01', 22.36, 29],
      ['1997-02', 22.31, 28],
      ['1997-03', 19.59, 31],
    ]);
  });
});
