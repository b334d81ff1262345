import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateCustomers } from '../../src/index';
import { continuousFit, positive } from './arbitraries';

describe('simulateCustomers laws', () => {
  it('each summary row is its customer’s transactions: frequency = count − 1, recency = the last time ≤ T, times increasing', () => {
    fc.assert(
      fc.property(
        continuousFit.filter(({ params }) => params.r / params.alpha < 50),
        positive(0, 100),
        fc.nat(2 ** 32 - 1),
        (fit, T, seed) => {
          const { transactions, summary } = simulateCustomers(fit, { customers: 20, T, seed });
          let index = 0;
          for (const row of summary) {
            expect(transactions[index]).toEqual({ customerId: row.customerId, time: 0 });
            let last = 0;
            for (let k = 1; k <= row.frequency; k++) {
              const next = transactions[index + k];
              expect(next?.customerId).toBe(row.customerId);
              expect(next?.time).toBeGreaterThan(last);
              last = next?.time as number;
            }
            expect(row.recency).toBe(last);
            expect(row.recency).toBeLessThanOrEqual(T);
            index += row.frequency + 1;
          }
          expect(index).toBe(transactions.length);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('BG/BB: frequency ≤ recency ≤ periods, recency 0 exactly without repeat transactions', () => {
    fc.assert(
      fc.property(
        fc.record({
          alpha: positive(0.01, 20),
          beta: positive(0.01, 20),
          gamma: positive(0.01, 20),
          delta: positive(0.01, 20),
        }),
        fc.integer({ min: 0, max: 50 }),
        fc.nat(2 ** 32 - 1),
        (params, periods, seed) => {
          const { summary } = simulateCustomers(
            { model: 'bgBb', params },
            { customers: 20, T: periods, seed },
          );
          for (const row of summary) {
            expect(row.frequency).toBeLessThanOrEqual(row.recency);
            expect(row.recency).toBeLessThanOrEqual(row.periods);
            expect(row.recency === 0).toBe(row.frequency === 0);
          }
        },
      ),
    );
  });
});
