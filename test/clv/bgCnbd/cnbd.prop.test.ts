import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  conditionalPurchaseProbability,
  type ErlangSummaryRow,
  expectedPurchases,
  fitBgCnbd,
  fitBgNbd,
  fitMbgCnbd,
  fitMbgNbd,
  probabilityAlive,
  purchaseProbability,
  scoreCustomers,
  simulateCustomers,
} from '../../../src/index';
import { closeTo, expectClose } from '../../helpers/numbers';
import { positive, summaryRows, wellFormed } from '../arbitraries';

/** Rows with a mean log gap below its bound ln(t_x / x) (by `slack` ≥ 0 per gap). */
const erlangRows = fc
  .tuple(summaryRows, fc.array(positive(0, 3), { minLength: 12, maxLength: 12 }))
  .map(([rows, slacks]) =>
    rows.map(
      (row, i): ErlangSummaryRow => ({
        ...row,
        meanLogInterval:
          row.frequency === 0 ? null : Math.log(row.recency / row.frequency) - (slacks[i] as number),
      }),
    ),
  );

/** Moderate parameters and histories, where the series of the predictions stay short. */
const cnbdParams = fc.record({
  k: fc.integer({ min: 1, max: 8 }),
  r: positive(0.05, 5),
  alpha: positive(0.1, 50),
  a: positive(0.05, 5),
  b: positive(0.05, 20),
});
const moderateHistory = fc
  .record({ frequency: fc.integer({ min: 0, max: 40 }), T: positive(0.5, 100), share: positive(0.001, 1) })
  .map(({ frequency, T, share }) => ({ frequency, recency: frequency === 0 ? 0 : T * share, T }));
const variant = fc.constantFrom('bgCnbd' as const, 'mbgCnbd' as const);

describe('BG/CNBD-k and MBG/CNBD-k: laws', () => {
  it('k = 1 is BG/NBD and MBG/NBD: the same log-likelihood (1e-12) and estimates (1e-9) on random rows', () => {
    fc.assert(
      fc.property(erlangRows, (rows) => {
        for (const [cnbd, nbd] of [
          [fitBgCnbd(rows, { k: 1 }), fitBgNbd(rows)],
          [fitMbgCnbd(rows, { k: 1 }), fitMbgNbd(rows)],
        ] as const) {
          if (nbd.logLikelihood === null || !nbd.converged) continue;
          expectClose(cnbd.logLikelihood as number, nbd.logLikelihood);
          for (const name of ['r', 'alpha', 'a', 'b'] as const) {
            // the same maximum: to 1e-9, or, along a ridge where the optimiser's stopping rule leaves an
            // estimate looser than that, to 1e-6 of its standard error (seed -110978176: two customers with
            // 2,628 and 9,988 purchases, ℓ equal to 2e-16, b 5684.7035961 against 5684.7035900, SE 21,610)
            const error = nbd.standardErrors?.[name];
            const gap = Math.abs(cnbd.params[name] - nbd.params[name]);
            const same =
              closeTo(cnbd.params[name], nbd.params[name], 1e-9) ||
              (error !== undefined && Number.isFinite(error) && gap <= 1e-6 * error);
            expect(same, `${name}: ${cnbd.params[name]} vs ${nbd.params[name]}`).toBe(true);
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it('k = 1 predicts as BG/NBD and MBG/NBD: P(alive) now and later, E[Y(t)], P(Y(t) = n), pmf and E[X(t)] to 1e-12', () => {
    fc.assert(
      fc.property(
        cnbdParams,
        moderateHistory,
        positive(0.01, 50),
        fc.integer({ min: 0, max: 6 }),
        (params, customer, t, count) => {
          const one = { ...params, k: 1 };
          for (const [model, reference] of [
            ['bgCnbd', 'bgNbd'],
            ['mbgCnbd', 'mbgNbd'],
          ] as const) {
            const cnbd = { model, params: one };
            const nbd = { model: reference, params: one };
            expectClose(probabilityAlive(cnbd, customer), probabilityAlive(nbd, customer));
            expectClose(
              probabilityAlive(cnbd, customer, { horizon: t }),
              probabilityAlive(nbd, customer, { horizon: t }),
              1e-10,
            );
            expectClose(expectedPurchases(cnbd, t, customer), expectedPurchases(nbd, t, customer), 1e-10);
            expectClose(expectedPurchases(cnbd, t), expectedPurchases(nbd, t), 1e-10);
            expectClose(
              conditionalPurchaseProbability(cnbd, customer, count, t),
              conditionalPurchaseProbability(nbd, customer, count, t),
              1e-10,
            );
            expectClose(purchaseProbability(cnbd, count, t), purchaseProbability(nbd, count, t), 1e-10);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the conditional count probabilities sum to 1 over n, and Σ n·P(n) is the conditional expectation', () => {
    fc.assert(
      fc.property(variant, cnbdParams, moderateHistory, positive(0.01, 20), (model, params, customer, t) => {
        const spec = { model, params };
        const expected = expectedPurchases(spec, t, customer);
        let total = 0;
        let mean = 0;
        for (let n = 0; n < 5000; n++) {
          const p = conditionalPurchaseProbability(spec, customer, n, t);
          expect(p).toBeGreaterThanOrEqual(0);
          total += p;
          mean += n * p;
          if (n > 4 * expected + 20 && p < 1e-18) break;
        }
        expect(Math.abs(total - 1)).toBeLessThanOrEqual(1e-9);
        expect(Math.abs(mean - expected)).toBeLessThanOrEqual(1e-8 * Math.max(1, expected));
      }),
      { numRuns: 60 },
    );
  });

  it('P(alive) is in [0, 1] and does not rise with the horizon; expected purchases rise with the window', () => {
    fc.assert(
      fc.property(
        variant,
        cnbdParams,
        moderateHistory,
        positive(0, 30),
        positive(0, 30),
        (model, params, customer, h1, h2) => {
          const spec = { model, params };
          const [short, long] = h1 <= h2 ? [h1, h2] : [h2, h1];
          const now = probabilityAlive(spec, customer);
          expect(now).toBeGreaterThanOrEqual(0);
          expect(now).toBeLessThanOrEqual(1);
          const later = probabilityAlive(spec, customer, { horizon: short });
          expect(later).toBeLessThanOrEqual(now * (1 + 1e-12));
          expect(probabilityAlive(spec, customer, { horizon: long })).toBeLessThanOrEqual(
            later * (1 + 1e-12),
          );
          expect(expectedPurchases(spec, long, customer)).toBeGreaterThanOrEqual(
            expectedPurchases(spec, short, customer) * (1 - 1e-12),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the row order does not change the fit (to the bit), and the fit is well formed', () => {
    fc.assert(
      fc.property(erlangRows, fc.integer({ min: 1, max: 4 }), fc.integer(), (rows, k, seed) => {
        const shuffled = [...rows].sort((l, r) => ((l.T * 7919 + seed) % 13) - ((r.T * 7919 + seed) % 13));
        for (const fitter of [fitBgCnbd, fitMbgCnbd]) {
          const a = fitter(rows, { k });
          wellFormed(a as never);
          expect(fitter(shuffled, { k })).toEqual(a);
        }
      }),
      { numRuns: 15 },
    );
  });
});

describe('bulk scoring', () => {
  it('scoreCustomers gives each customer exactly probabilityAlive and expectedPurchases (no shortcut that depends on (x, T) alone)', () => {
    fc.assert(
      fc.property(
        variant,
        cnbdParams,
        fc.array(moderateHistory, { minLength: 1, maxLength: 20 }),
        positive(0, 30),
        (model, params, customers, horizon) => {
          const spec = { model, params };
          const scores = scoreCustomers(spec, customers, { horizon });
          customers.forEach((customer, i) => {
            expect(scores.probabilityAlive[i]).toBe(probabilityAlive(spec, customer));
            expect(scores.expectedPurchases[i]).toBe(expectedPurchases(spec, horizon, customer));
          });
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('simulation and refit', () => {
  it('MBG/CNBD-k data drawn at k = 3 (BTYDplus test parameters) give back k = 3 and r, alpha, a, b within 3 standard errors', () => {
    const params = { k: 3, r: 0.85, alpha: 1.45, a: 0.79, b: 2.42 };
    const ages = Array.from({ length: 8000 }, (_, i) => 36 + (i % 6) * 12);
    const { summary } = simulateCustomers(
      { model: 'mbgCnbd', params },
      { customers: 8000, T: ages, seed: 11 },
    );
    const fit = fitMbgCnbd(summary);
    expect(fit.params.k).toBe(3);
    expect(fit.converged).toBe(true);
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      const error = fit.standardErrors?.[name] as number;
      expect(Math.abs(fit.params[name] - params[name]), name).toBeLessThanOrEqual(3 * error);
    }
  });

  it('BG/CNBD-k data drawn at k = 6 give back k = 6 (BTYDplus test-bg-cnbd-k.R)', () => {
    const params = { k: 6, r: 0.85, alpha: 1.45, a: 0.79, b: 2.42 };
    const ages = Array.from({ length: 2000 }, (_, i) => 36 + (i % 6) * 12);
    const { summary } = simulateCustomers({ model: 'bgCnbd', params }, { customers: 2000, T: ages, seed: 5 });
    const fit = fitBgCnbd(summary);
    expect(fit.params.k).toBe(6);
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      const error = fit.standardErrors?.[name] as number;
      expect(Math.abs(fit.params[name] - params[name]), name).toBeLessThanOrEqual(3 * error);
    }
  });
});
