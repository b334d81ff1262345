import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedPurchases, probabilityAlive, scoreCustomers } from '../../src/index';
import { continuousFit, history, positive } from './arbitraries';

describe('scoreCustomers', () => {
  it('scoreCustomers gives exactly what the per-customer functions give, repeated customers included', () => {
    fc.assert(
      fc.property(
        continuousFit,
        fc.array(history, { minLength: 1, maxLength: 8 }),
        positive(0, 100),
        (fit, distinct, horizon) => {
          // every customer twice, so the second of each pair is served from the (x, T) memo
          const customers = [...distinct, ...distinct.slice().reverse()];
          const scores = scoreCustomers(fit, customers, { horizon });
          customers.forEach((customer, i) => {
            expect(scores.probabilityAlive[i]).toBe(probabilityAlive(fit, customer));
            expect(scores.expectedPurchases[i]).toBe(expectedPurchases(fit, horizon, customer));
          });
        },
      ),
      { numRuns: 60 },
    );
  });
});
