import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interPurchaseTimes, rfmSummary, type Transaction } from '../../src/index';
import { closeTo } from '../helpers/numbers';
import { DAY, transactionLog, withShuffled } from './transactionLogs';

const log = transactionLog({
  start: Date.UTC(2024, 0, 1),
  days: 200,
  numbers: 9,
  names: ['x', 'y'],
  maxLength: 80,
});

/** The definitions, directly, on UTC day numbers: gaps, their mean and mean log, and k from the last two gaps. */
function naive(transactions: readonly Transaction[]) {
  const days = new Map<string, Set<number>>();
  for (const { customerId, at } of transactions) {
    const set = days.get(String(customerId)) ?? new Set<number>();
    set.add(Math.floor((at as number) / DAY));
    days.set(String(customerId), set);
  }
  const rows = new Map<string, { intervals: number; mean: number | null; meanLog: number | null }>();
  const ratios: number[] = [];
  for (const [id, set] of days) {
    const sorted = [...set].sort((a, b) => a - b);
    const gaps = sorted.slice(1).map((day, i) => day - (sorted[i] as number));
    rows.set(id, {
      intervals: gaps.length,
      mean: gaps.length === 0 ? null : gaps.reduce((a, b) => a + b, 0) / gaps.length,
      meanLog: gaps.length === 0 ? null : gaps.reduce((a, b) => a + Math.log(b), 0) / gaps.length,
    });
    if (gaps.length >= 2) {
      const [t1, t2] = gaps.slice(-2) as [number, number];
      ratios.push(t1 / (t1 + t2));
    }
  }
  const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
  const variance = ratios.reduce((a, b) => a + (b - mean) ** 2, 0) / (ratios.length - 1);
  const k =
    ratios.length < 2 || !(variance > 0) || variance >= 0.25 ? null : (1 - 4 * variance) / (8 * variance);
  return { rows, k, customers: ratios.length };
}

const near = (a: number | null, b: number | null): boolean =>
  a === null || b === null ? a === b : closeTo(a, b);

describe('interPurchaseTimes laws', () => {
  it('matches a direct implementation of the definitions (gaps, means, Wheat & Morrison k)', () => {
    fc.assert(
      fc.property(log, (transactions) => {
        const { customers, regularity } = interPurchaseTimes(transactions);
        const expected = naive(transactions);
        expect(customers.map((row) => row.customerId).sort()).toEqual([...expected.rows.keys()].sort());
        for (const row of customers) {
          const other = expected.rows.get(row.customerId);
          expect(row.intervals).toBe(other?.intervals);
          expect(near(row.meanInterval, other?.mean ?? null)).toBe(true);
          expect(near(row.meanLogInterval, other?.meanLog ?? null)).toBe(true);
        }
        expect(regularity.customers).toBe(expected.customers);
        expect(near(regularity.k, expected.k), `${regularity.k} ${expected.k}`).toBe(true);
      }),
    );
  });

  it('intervals are the RFM frequency and meanInterval × intervals the RFM recency; e^meanLog ≤ meanInterval', () => {
    fc.assert(
      fc.property(log, fc.constantFrom('day', 'week', 'month'), (transactions, mergeWithin) => {
        const options = { unit: 'week', mergeWithin } as const;
        const rfm = rfmSummary(transactions, options);
        const { customers } = interPurchaseTimes(transactions, options);
        expect(customers.map((row) => row.customerId)).toEqual(rfm.map((row) => row.customerId));
        for (const [index, row] of customers.entries()) {
          const summary = rfm[index];
          expect(row.intervals).toBe(summary?.frequency);
          if (row.meanInterval === null || row.meanLogInterval === null) continue;
          expect(closeTo(row.meanInterval * row.intervals, summary?.recency as number)).toBe(true);
          expect(Math.exp(row.meanLogInterval)).toBeLessThanOrEqual(row.meanInterval * (1 + 1e-12)); // AM ≥ GM
        }
      }),
    );
  });

  it('the unit only scales: log gaps in weeks are those in days minus ln 7, and k does not change', () => {
    fc.assert(
      fc.property(log, (transactions) => {
        const days = interPurchaseTimes(transactions, { unit: 'day' });
        const weeks = interPurchaseTimes(transactions, { unit: 'week' });
        expect(near(weeks.regularity.k, days.regularity.k)).toBe(true);
        for (const [index, row] of weeks.customers.entries()) {
          const other = days.customers[index];
          if (row.meanLogInterval === null) continue;
          expect(
            Math.abs(row.meanLogInterval - ((other?.meanLogInterval as number) - Math.log(7))),
          ).toBeLessThan(1e-12);
        }
      }),
    );
  });

  it('the order of the transactions does not change the result', () => {
    fc.assert(
      fc.property(withShuffled(log), ([transactions, shuffled]) => {
        expect(interPurchaseTimes(shuffled)).toEqual(interPurchaseTimes(transactions));
      }),
    );
  });
});
