import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MODELS } from '../../../src/clv/registry';
import {
  contractSurvival,
  discountedResidualLifetime,
  fitBetaDiscreteWeibull,
  fitShiftedBetaGeometric,
  logLikelihoodAt,
} from '../../../src/index';
import { betaDraw, seededUniform } from '../../../src/math/random';
import { positive, survivorCounts, wellFormed } from '../arbitraries';

const params = fc.record({ alpha: positive(0.05, 20), beta: positive(0.05, 50), c: positive(0.2, 4) });

/** Survivor counts of `size` customers with θ ~ Beta(alpha, beta), each churning in period t with probability 1 − (1 − θ)^(t^c − (t−1)^c). */
function simulate(
  size: number,
  alpha: number,
  beta: number,
  c: number,
  periods: number,
  seed: number,
): number[] {
  const uniform = seededUniform(seed);
  const survivors = new Array<number>(periods + 1).fill(0);
  for (let i = 0; i < size; i++) {
    const theta = betaDraw(uniform, alpha, beta);
    let t = 0;
    survivors[0] = (survivors[0] as number) + 1;
    while (t < periods) {
      t += 1;
      const stay = (1 - theta) ** (t ** c - (t - 1) ** c);
      if (uniform() >= stay) break;
      survivors[t] = (survivors[t] as number) + 1;
    }
  }
  return survivors;
}

describe('beta-discrete-Weibull laws', () => {
  it('fits are well formed on random valid data', () => {
    fc.assert(
      fc.property(survivorCounts, (counts) => wellFormed(fitBetaDiscreteWeibull({ survivors: counts }))),
      { numRuns: 40 },
    );
  });

  it('c = 1 is the shifted beta-geometric: the same log-likelihood, curves and DERL', () => {
    fc.assert(
      fc.property(survivorCounts, positive(0.05, 20), positive(0.05, 50), (survivors, alpha, beta) => {
        const sbg = { model: 'shiftedBetaGeometric', params: { alpha, beta } } as const;
        const bdw = { model: 'betaDiscreteWeibull', params: { alpha, beta, c: 1 } } as const;
        const close = (a: number, b: number, tolerance: number): void => {
          expect(Math.abs(a - b)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(b)));
        };
        close(logLikelihoodAt(bdw, { survivors }), logLikelihoodAt(sbg, { survivors }), 1e-11);
        const [curvesB, curvesS] = [contractSurvival(bdw, 30), contractSurvival(sbg, 30)];
        for (let t = 0; t < 30; t++) {
          close(curvesB.survival[t + 1] as number, curvesS.survival[t + 1] as number, 1e-12);
          close(curvesB.retention[t] as number, curvesS.retention[t] as number, 1e-12);
          close(curvesB.churn[t] as number, curvesS.churn[t] as number, 1e-11);
        }
        const options = { renewals: 3, discountRate: 0.1 };
        close(discountedResidualLifetime(bdw, options), discountedResidualLifetime(sbg, options), 1e-11);
      }),
      { numRuns: 60 },
    );
  });

  it('the BdW fit never does worse than the sBG it nests, and they agree where c = 1 is the optimum', () => {
    fc.assert(
      fc.property(survivorCounts, (survivors) => {
        const bdw = fitBetaDiscreteWeibull({ survivors });
        const sbg = fitShiftedBetaGeometric({ survivors });
        if (bdw.logLikelihood === null || sbg.logLikelihood === null || !sbg.converged) return;
        expect(bdw.logLikelihood).toBeGreaterThanOrEqual(sbg.logLikelihood - 1e-7);
      }),
      { numRuns: 40 },
    );
  });

  it('survival falls from 1 and stays in (0, 1]; retention r(t) = S(t)/S(t − 1) in (0, 1); churn sums with survival to 1', () => {
    fc.assert(
      fc.property(params, (p) => {
        const fit = { model: 'betaDiscreteWeibull', params: p } as const;
        const { survival, retention, churn } = contractSurvival(fit, 40);
        expect(survival[0]).toBe(1);
        let churned = 0;
        for (let t = 1; t <= 40; t++) {
          const now = survival[t] as number;
          const before = survival[t - 1] as number;
          expect(now).toBeGreaterThan(0);
          expect(now).toBeLessThanOrEqual(before);
          expect(retention[t - 1] as number).toBeGreaterThan(0);
          expect(retention[t - 1] as number).toBeLessThanOrEqual(1);
          expect(Math.abs((retention[t - 1] as number) - now / before)).toBeLessThan(1e-12);
          churned += churn[t - 1] as number;
          expect(Math.abs(churned + now - 1)).toBeLessThan(1e-12);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('DERL grows as the discount rate falls, between the chance of the next payment and (1 + d)/d', () => {
    fc.assert(
      fc.property(params, fc.integer({ min: 0, max: 20 }), (p, renewals) => {
        const fit = { model: 'betaDiscreteWeibull', params: p } as const;
        const high = discountedResidualLifetime(fit, { renewals, discountRate: 0.2 });
        const low = discountedResidualLifetime(fit, { renewals, discountRate: 0.05 });
        const next = contractSurvival(fit, renewals + 1).retention[renewals] as number;
        expect(high).toBeGreaterThanOrEqual(next * (1 - 1e-12));
        expect(high).toBeLessThanOrEqual(1.2 / 0.2);
        expect(low).toBeGreaterThan(high);
      }),
      { numRuns: 40 },
    );
  });

  it('refits of simulated cohorts recover the parameters: their errors in standard errors are about N(0, 1)', () => {
    // 180 cohorts of 5,000 over 12 periods at three points (fixed seeds, so the test is deterministic); per
    // parameter the z-scores (estimate − truth)/SE have mean within ±0.35, spread 0.8–1.25 and at most 3% beyond 3
    const truths = [
      { alpha: 1.5, beta: 2, c: 0.7 },
      { alpha: 0.6, beta: 6, c: 1.5 },
      { alpha: 3, beta: 2, c: 1 },
    ];
    const z: Record<'alpha' | 'beta' | 'c', number[]> = { alpha: [], beta: [], c: [] };
    for (const truth of truths) {
      for (let seed = 1; seed <= 60; seed++) {
        const fit = fitBetaDiscreteWeibull({
          survivors: simulate(5000, truth.alpha, truth.beta, truth.c, 12, seed * 7919),
        });
        expect(fit.converged, fit.reason ?? '').toBe(true);
        const errors = fit.standardErrors as NonNullable<typeof fit.standardErrors>;
        for (const name of ['alpha', 'beta', 'c'] as const) {
          z[name].push((fit.params[name] - truth[name]) / errors[name]);
        }
      }
    }
    for (const [name, scores] of Object.entries(z)) {
      const mean = scores.reduce((sum, value) => sum + value, 0) / scores.length;
      const spread = Math.sqrt(scores.reduce((sum, value) => sum + (value - mean) ** 2, 0) / scores.length);
      const beyond = scores.filter((value) => Math.abs(value) > 3).length / scores.length;
      expect(Math.abs(mean), `${name} mean ${mean}`).toBeLessThan(0.35);
      expect(spread, `${name} spread`).toBeGreaterThan(0.8);
      expect(spread, `${name} spread`).toBeLessThan(1.25);
      expect(beyond, `${name} beyond 3 SE`).toBeLessThanOrEqual(0.03);
    }
  });

  it('is in the registry with the contract predictions', () => {
    const { predictions } = MODELS.betaDiscreteWeibull;
    expect(Object.keys(predictions).sort()).toEqual([
      'churn',
      'discountedResidualLifetime',
      'retention',
      'survival',
    ]);
  });
});
