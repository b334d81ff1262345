import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dataSuitability, fitGammaGamma, rfmSummary } from '../../src/index';
import { codeOf } from '../helpers/errors';
import { hasSharedData, readShared, SKIP_MESSAGE } from '../helpers/sharedData';

const describeShared = describe.skipIf(!hasSharedData);
const label = hasSharedData ? 'shared data present' : SKIP_MESSAGE;

/** The lower weighted median of a list, by brute force over the expanded values. */
function lowerMedian(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length / 2) - 1] as number;
}

const row = fc
  .record({
    frequency: fc.integer({ min: 0, max: 40 }),
    T: fc.integer({ min: 1, max: 200 }),
    share: fc.integer({ min: 1, max: 100 }),
    monetaryValue: fc.oneof(fc.constant(0), fc.integer({ min: -50, max: 500 })),
    weight: fc.integer({ min: 1, max: 5 }),
  })
  .map(({ frequency, T, share, monetaryValue, weight }) => ({
    frequency,
    recency: frequency === 0 ? 0 : (T * share) / 100,
    T,
    monetaryValue: frequency === 0 ? 0 : monetaryValue,
    weight,
  }));

describe('dataSuitability', () => {
  it('gives the figures of the expanded customers, by brute force', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), (rows) => {
        const result = dataSuitability(rows);
        const customers = rows.flatMap(({ weight, ...customer }) =>
          Array.from({ length: weight }, () => customer),
        );
        const repeat = customers.filter((customer) => customer.frequency > 0);
        expect(result.customers).toBe(customers.length);
        expect(result.repeatCustomers).toBe(repeat.length);
        expect(result.oneTimeShare).toBe((customers.length - repeat.length) / customers.length);
        expect(result.medianAge).toBe(lowerMedian(customers.map((customer) => customer.T)));
        const gap = repeat.length === 0 ? null : lowerMedian(repeat.map((c) => c.recency / c.frequency));
        expect(result.medianPurchaseGap).toBe(gap);
        expect(result.windowRatio).toBe(gap === null || gap === 0 ? null : result.medianAge / gap);
        expect(result.nonPositiveSpend).toBe(repeat.filter((customer) => customer.monetaryValue <= 0).length);
        // the same numbers from the expanded rows (weights count as customers) and in another order
        const expanded = dataSuitability(customers);
        const reversed = dataSuitability([...rows].reverse());
        for (const other of [expanded, reversed]) {
          expect({ ...other, frequencySpendCorrelation: null }).toEqual({
            ...result,
            frequencySpendCorrelation: null,
          });
          if (result.frequencySpendCorrelation === null) expect(other.frequencySpendCorrelation).toBeNull();
          else
            expect(
              Math.abs((other.frequencySpendCorrelation as number) - result.frequencySpendCorrelation),
            ).toBeLessThan(1e-12);
        }
        expect(result.extremePurchaseShare).toBeGreaterThanOrEqual(0);
        expect(result.extremePurchaseShare).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the correlation fitGammaGamma reports, over the repeat customers with a positive spend', () => {
    const rows = [
      { frequency: 1, recency: 5, T: 20, monetaryValue: 20, weight: 30 },
      { frequency: 2, recency: 9, T: 20, monetaryValue: 35, weight: 12 },
      { frequency: 5, recency: 18, T: 20, monetaryValue: 28, weight: 6 },
      { frequency: 3, recency: 15, T: 20, monetaryValue: 60, weight: 4 },
      { frequency: 0, recency: 0, T: 20, monetaryValue: 0, weight: 50 },
    ];
    const spenders = rows.filter((r) => r.frequency > 0);
    expect(dataSuitability(rows).frequencySpendCorrelation).toBe(
      fitGammaGamma(spenders).frequencySpendCorrelation,
    );
  });

  it('warns at each level, and only there', () => {
    const base = [
      { frequency: 0, recency: 0, T: 52, weight: 40 },
      { frequency: 2, recency: 20, T: 52, weight: 30 },
      { frequency: 4, recency: 40, T: 52, weight: 30 },
    ];
    expect(dataSuitability(base).warnings).toEqual([]);
    expect(dataSuitability(base, { minimumRepeatCustomers: 61 }).warnings.map((w) => w.code)).toEqual([
      'FEW_REPEAT_CUSTOMERS',
    ]);
    // median age 52 against a median gap of 10: 5.2 gaps
    expect(dataSuitability(base).windowRatio).toBe(5.2);
    expect(dataSuitability(base, { minimumWindowRatio: 6 }).warnings.map((w) => w.code)).toEqual([
      'SHORT_WINDOW',
    ]);
    const withSpend = base.map((r, i) => ({ ...r, monetaryValue: r.frequency === 0 ? 0 : 10 + 10 * i }));
    expect(dataSuitability(withSpend).frequencySpendCorrelation).toBe(1);
    expect(dataSuitability(withSpend).warnings.map((w) => w.code)).toEqual(['SPEND_FREQUENCY_CORRELATED']);
    expect(dataSuitability(withSpend, { maximumCorrelation: 1 }).warnings).toEqual([]);
    const refunds = [...withSpend, { frequency: 1, recency: 3, T: 52, monetaryValue: -5 }];
    const warned = dataSuitability(refunds, { maximumCorrelation: 1 });
    expect(warned.nonPositiveSpend).toBe(1);
    expect(warned.warnings.map((w) => w.code)).toEqual(['NON_POSITIVE_SPEND']);
    expect(warned.warnings[0]?.message).toMatch(/^1 repeat customer has a mean spend of 0 or less/);
    // a reseller: 200 purchases against quartiles of 2 and 4 (fence 4 + 3·4 = 16)
    const reseller = [...base, { frequency: 200, recency: 51, T: 52 }];
    const extreme = dataSuitability(reseller);
    expect(extreme.extremeCustomers).toBe(1);
    expect(extreme.extremePurchaseShare).toBe(200 / (2 * 30 + 4 * 30 + 200));
    expect(extreme.warnings.map((w) => w.code)).toEqual(['EXTREME_CUSTOMERS']);
    expect(dataSuitability(reseller, { maximumExtremeShare: 0.6 }).warnings).toEqual([]);
  });

  it('refuses bad input with codes', () => {
    const good = [{ frequency: 1, recency: 2, T: 3 }];
    expect(codeOf(() => dataSuitability([]))).toBe('EMPTY_INPUT');
    expect(codeOf(() => dataSuitability([{ frequency: 2, recency: 5, T: 3 }]))).toBe('INVALID_SUMMARY_ROW');
    expect(
      codeOf(() => dataSuitability([{ frequency: 1, recency: 2, T: 3, weight: 0 }])),
    ).not.toBeUndefined();
    expect(codeOf(() => dataSuitability([{ ...good[0], monetaryValue: Number.NaN } as never]))).toBe(
      'NOT_FINITE',
    );
    expect(codeOf(() => dataSuitability([...good, { ...good[0], monetaryValue: 5 } as never]))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => dataSuitability(good, { maximumCorrelation: 2 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => dataSuitability(good, { minimumWindowRatio: -1 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => dataSuitability(good, { maximumCorrelations: 0.5 } as never))).toBe('INVALID_OPTION');
  });
});

describeShared(`dataSuitability on CDNOW_master (${label})`, () => {
  it('finds the 51.1% one-time buyers of issue 14 and warns only of the one customer whose refunds net to 0', () => {
    const transactions = readShared('CDNOW_master.txt')
      .split(/\r?\n/)
      .filter((line) => /^\s*\d/.test(line))
      .map((line) => {
        const [id = '', date = '', , dollars = ''] = line.trim().split(/\s+/);
        return {
          customerId: id,
          at: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`,
          amount: Number(dollars),
        };
      });
    const result = dataSuitability(rfmSummary(transactions, { unit: 'week' }));
    expect(result.customers).toBe(23_570);
    expect(Math.round(result.oneTimeShare * 1000) / 10).toBe(51.1);
    expect(result.warnings.map((w) => w.code)).toEqual(['NON_POSITIVE_SPEND']);
    expect(result.windowRatio as number).toBeGreaterThan(3);
  });
});
