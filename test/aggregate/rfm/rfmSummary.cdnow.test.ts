import { describe, expect, it } from 'vitest';
import { rfmSummary } from '../../../src/index';
import { cdnowSampleTransactions, hasSharedData, readShared, SKIP_MESSAGE } from '../../helpers/sharedData';

// The summary file prints x, t_x, T and zbar to 2 decimals, so a value reproduces the file when it
// rounds to the printed figure: |computed − printed| ≤ 0.005 (plus the float error of the printed value).
const PRINTED_HALF_UNIT = 0.005 + 1e-9;

describe.skipIf(!hasSharedData)(`CDNOW (${hasSharedData ? 'shared data present' : SKIP_MESSAGE})`, () => {
  it('reproduces cdnow_customers_summary_with_transactions.csv for every customer (Fader, Hardie & Lee 2005 calibration data)', () => {
    const expected = readShared('cdnow_customers_summary_with_transactions.csv')
      .split(/\r?\n/)
      .slice(1)
      .filter((line) => line.trim() !== '')
      .map((line) => line.split(',').map(Number));
    const rows = rfmSummary(cdnowSampleTransactions(), { unit: 'week', observationEnd: '1997-09-30' });
    expect(rows).toHaveLength(2357);
    const byId = new Map(rows.map((row) => [row.customerId, row]));
    const mismatches: string[] = [];
    for (const [id, x, tx, T, zbar] of expected as [number, number, number, number, number][]) {
      const row = byId.get(String(id));
      if (
        row === undefined ||
        row.frequency !== x ||
        Math.abs(row.recency - tx) > PRINTED_HALF_UNIT ||
        Math.abs(row.T - T) > PRINTED_HALF_UNIT ||
        Math.abs(row.monetaryValue - zbar) > PRINTED_HALF_UNIT
      ) {
        mismatches.push(`${id}: expected ${[x, tx, T, zbar].join(', ')}, got ${JSON.stringify(row)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('has the published calibration totals: 2,457 repeat transactions, 1,411 customers with none', () => {
    const rows = rfmSummary(cdnowSampleTransactions(), { unit: 'week', observationEnd: '1997-09-30' });
    expect(rows.reduce((total, row) => total + row.frequency, 0)).toBe(2457);
    expect(rows.filter((row) => row.frequency === 0)).toHaveLength(1411);
  });

  it('gives T in weeks from the first purchase to 1997-09-30 (272 days = 38.857142... weeks for a 1 January buyer)', () => {
    const rows = rfmSummary(cdnowSampleTransactions(), { unit: 'week', observationEnd: '1997-09-30' });
    expect(rows[0]?.T).toBe(272 / 7);
  });
});

describe.skipIf(!hasSharedData)('CDNOW calibration and holdout', () => {
  it('has 1,882 repeat transactions in the 39-week holdout and the calibration values of the summary file (Fader, Hardie & Lee 2005)', async () => {
    const { calibrationHoldoutSummary } = await import('../../../src/index');
    const rows = calibrationHoldoutSummary(cdnowSampleTransactions(), {
      unit: 'week',
      calibrationEnd: '1997-09-30',
      observationEnd: '1998-06-30',
    });
    expect(rows).toHaveLength(2357);
    expect(rows.reduce((total, row) => total + row.frequencyHoldout, 0)).toBe(1882);
    expect(rows.reduce((total, row) => total + row.frequency, 0)).toBe(2457);
    expect(rows[0]?.durationHoldout).toBe(273 / 7);
  });
});
