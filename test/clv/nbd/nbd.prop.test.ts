import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  customerLifetimeValue,
  expectedPurchases,
  fitNbd,
  probabilityAlive,
  purchaseProbability,
} from '../../../src/index';
import { lgamma } from '../../helpers/lgamma';
import { closeTo } from '../../helpers/numbers';
import { history, nbdParams, positive, summaryRows } from '../arbitraries';

const model = 'nbd' as const;

describe('NBD predictions', () => {
  it('P(alive) is 1 for every customer and horizon: the model has no dropout', () => {
    fc.assert(
      fc.property(nbdParams, history, positive(0, 1000), (params, customer, horizon) => {
        expect(probabilityAlive({ model, params }, customer)).toBe(1);
        expect(probabilityAlive({ model, params }, customer, { horizon })).toBe(1);
      }),
    );
  });

  it('conditional expected purchases are t·(r+x)/(α+T), linear in t and independent of recency', () => {
    fc.assert(
      fc.property(nbdParams, history, positive(0.01, 500), (params, customer, t) => {
        const fit = { model, params };
        const expected = expectedPurchases(fit, t, customer);
        expect(
          closeTo(expected, (t * (params.r + customer.frequency)) / (params.alpha + customer.T), 1e-12),
        ).toBe(true);
        expect(closeTo(expectedPurchases(fit, 2 * t, customer), 2 * expected, 1e-12)).toBe(true);
        const earlier = { ...customer, recency: customer.frequency === 0 ? 0 : customer.recency / 2 };
        expect(expectedPurchases(fit, t, earlier)).toBe(expected);
      }),
    );
  });

  it('the mean of the purchase probabilities is E[X(t)] = r·t/α (the first 2,000 counts)', () => {
    fc.assert(
      fc.property(nbdParams, positive(0.1, 40), (params, t) => {
        const fit = { model, params };
        const mean = expectedPurchases(fit, t);
        // the tail beyond 2,000 is below (t/(α+t))^2000 ≤ e^−40
        fc.pre(mean <= 20 && t / (params.alpha + t) <= 0.98);
        let total = 0;
        for (let count = 1; count < 2000; count++) total += count * purchaseProbability(fit, count, t);
        expect(closeTo(total, mean, 1e-6)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('CLV grows with the horizon', () => {
    fc.assert(
      fc.property(nbdParams, history, positive(1, 100), (params, customer, horizon) => {
        fc.pre(customer.T <= 1000);
        const options = { timeUnit: 'week' as const, margin: 0.3, averageSpend: 40, discountRate: 0.1 };
        const short = customerLifetimeValue({ model, params }, customer, { ...options, horizon });
        const long = customerLifetimeValue({ model, params }, customer, { ...options, horizon: 2 * horizon });
        expect(long).toBeGreaterThan(short);
      }),
      { numRuns: 100 },
    );
  });
});

describe('NBD fit', () => {
  it('a converged fit is a maximum of an independent evaluation of the likelihood: its value matches, a 1% nudge of either parameter lowers it', () => {
    fc.assert(
      fc.property(summaryRows, (rows) => {
        const fit = fitNbd(rows);
        fc.pre(fit.converged && fit.logLikelihood !== null);
        const at = (r: number, alpha: number) =>
          rows.reduce((sum, row) => {
            const w = row.weight;
            const x = row.frequency;
            return (
              sum + w * (lgamma(r + x) - lgamma(r) + r * Math.log(alpha) - (r + x) * Math.log(alpha + row.T))
            );
          }, 0);
        const { r, alpha } = fit.params;
        const best = at(r, alpha);
        expect(closeTo(best, fit.logLikelihood as number, 1e-9)).toBe(true);
        for (const [dr, da] of [
          [1.01, 1],
          [0.99, 1],
          [1, 1.01],
          [1, 0.99],
        ] as const) {
          expect(at(r * dr, alpha * da)).toBeLessThanOrEqual(best + 1e-9 * Math.abs(best));
        }
      }),
      { numRuns: 40 },
    );
  });
});
