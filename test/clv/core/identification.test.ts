import { describe, expect, it } from 'vitest';
import { BG_NBD } from '../../../src/clv/bgNbd/definition';
import type { Likelihood } from '../../../src/clv/core/definition';
import {
  IDENTIFICATION_BOUND,
  IDENTIFICATION_MINIMUM,
  maximumLikelihood,
} from '../../../src/clv/core/fitCore';
import {
  fitBgBb,
  fitBgNbd,
  fitGammaGamma,
  fitMbgNbd,
  fitParetoNbd,
  fitShiftedBetaGeometric,
  type ModelFit,
} from '../../../src/index';

const neverRepeat = [
  { frequency: 0, recency: 0, T: 10, weight: 50 },
  { frequency: 0, recency: 0, T: 20, weight: 30 },
];
const atZero = [{ frequency: 0, recency: 0, T: 0, weight: 50 }];
const identical = [{ frequency: 2, recency: 5, T: 10, weight: 100 }];

/**
 * Data that cannot identify the model (issue 15, item 3). Before the fix, the first thirteen returned
 * `converged: true` with `reason: null` (the start point, or an arbitrary point of a ridge); each must say
 * it did not converge, why (the information matrix, a boundary) and what in the data causes it.
 */
const cases: readonly {
  readonly name: string;
  readonly run: () => ModelFit;
  readonly why: RegExp;
  readonly cause: string;
}[] = [
  {
    name: 'BG/NBD, T = 0 everywhere',
    run: () => fitBgNbd(atZero),
    why: /flat/,
    cause: 'all customers have T = 0',
  },
  {
    name: 'BG/NBD, no repeat purchase',
    run: () => fitBgNbd(neverRepeat),
    why: /singular.*r, alpha/,
    cause: 'no customer made a repeat purchase',
  },
  {
    name: 'MBG/NBD, T = 0 everywhere',
    run: () => fitMbgNbd(atZero),
    // ln L is 0 at every point here (b/(a+b)·(1 + a/b) = 1), and the analytic information says so; the
    // forward differences it replaced (session 30) left rounding noise that read as "singular"
    why: /flat/,
    cause: 'all customers have T = 0',
  },
  {
    name: 'MBG/NBD, no repeat purchase',
    run: () => fitMbgNbd(neverRepeat),
    why: /singular/,
    cause: 'no customer made a repeat purchase',
  },
  {
    name: 'Pareto/NBD, no repeat purchase',
    run: () => fitParetoNbd(neverRepeat),
    why: /singular/,
    cause: 'no customer made a repeat purchase',
  },
  {
    name: 'Pareto/NBD, T = 0 everywhere',
    run: () => fitParetoNbd(atZero),
    why: /flat/,
    cause: 'all customers have T = 0',
  },
  {
    name: 'BG/BB, all zeros',
    run: () => fitBgBb([{ frequency: 0, recency: 0, periods: 6, weight: 100 }]),
    why: /singular/,
    cause: 'no customer made a repeat purchase',
  },
  {
    name: 'BG/BB, everyone buying every period',
    run: () => fitBgBb([{ frequency: 6, recency: 6, periods: 6, weight: 100 }]),
    why: /singular/,
    cause: 'every customer bought at every opportunity',
  },
  {
    name: 'sBG, one transition ({ survivors: [100, 50] })',
    run: () => fitShiftedBetaGeometric({ survivors: [100, 50] }),
    why: /singular.*alpha and beta separately/,
    cause: 'only the first renewal is observed: one transition for two parameters',
  },
  {
    name: 'sBG, no churn',
    run: () => fitShiftedBetaGeometric({ survivors: [100, 100, 100, 100] }),
    why: /singular/,
    cause: 'no customer churned',
  },
  {
    name: 'sBG, everyone churning',
    run: () => fitShiftedBetaGeometric({ survivors: [100, 0] }),
    why: /singular/,
    cause: 'every customer churned at the end of the first period',
  },
  {
    name: 'sBG, everyone churning, a longer curve',
    run: () => fitShiftedBetaGeometric({ survivors: [100, 0, 0, 0] }),
    why: /singular/,
    cause: 'every customer churned at the end of the first period',
  },
  {
    name: 'sBG, lifetimes all churned after one period',
    run: () => fitShiftedBetaGeometric({ lifetimes: [{ periods: 1, churned: true, weight: 40 }] }),
    why: /singular/,
    cause: 'every customer churned at the end of the first period',
  },
  {
    name: 'BG/NBD, a single row',
    run: () => fitBgNbd([{ frequency: 2, recency: 5, T: 10 }]),
    why: /no interior maximum/,
    cause: 'all customers have the same history',
  },
  {
    name: 'BG/NBD, all rows identical',
    run: () => fitBgNbd(identical),
    why: /no interior maximum/,
    cause: 'all customers have the same history',
  },
  {
    name: 'MBG/NBD, all rows identical',
    run: () => fitMbgNbd(identical),
    why: /no interior maximum/,
    cause: 'all customers have the same history',
  },
  {
    name: 'Pareto/NBD, all rows identical',
    run: () => fitParetoNbd(identical),
    why: /no interior maximum/,
    cause: 'all customers have the same history',
  },
  {
    name: 'BG/BB, a single row',
    run: () => fitBgBb([{ frequency: 3, recency: 5, periods: 6 }]),
    why: /no interior maximum/,
    cause: 'all customers have the same history',
  },
  {
    name: 'Gamma-Gamma, all rows identical',
    run: () => fitGammaGamma([{ frequency: 2, monetaryValue: 10, weight: 100 }]),
    why: /no interior maximum/,
    cause: 'all customers have the same frequency and mean spend',
  },
  {
    name: 'Gamma-Gamma, a single row',
    run: () => fitGammaGamma([{ frequency: 2, monetaryValue: 10 }]),
    why: /no interior maximum/,
    cause: 'all customers have the same frequency and mean spend',
  },
];

describe('fits on data that cannot identify the model say so (issue 15, item 3)', () => {
  it.each(cases)('$name: converged false, a reason naming the cause', ({ run, why, cause }) => {
    const result = run();
    expect(result.converged).toBe(false);
    expect(result.reason).toMatch(why);
    expect(result.reason).toContain(`(${cause}`);
  });

  it.each(cases.filter((c) => !/no interior/.test(c.why.source)))(
    '$name: no standard errors (the information matrix is not positive definite)',
    ({ run }) => {
      const result = run();
      expect(result.standardErrors).toBeNull();
      expect(result.confidenceIntervals).toBeNull();
    },
  );

  it('the bound is documented as 1e−10 of the largest eigenvalue', () => {
    expect(IDENTIFICATION_BOUND).toBe(1e-10);
  });

  it('sBG on one transition no longer presents alpha = beta = 1 as an estimate', () => {
    const fit = fitShiftedBetaGeometric({ survivors: [100, 50] });
    expect(fit.reason).toBe(
      'the information matrix is singular: the data do not identify alpha and beta separately (only the first renewal is observed: one transition for two parameters)',
    );
  });
});

describe('maximumLikelihood: the identification check is the driver’s, for any likelihood', () => {
  it('an objective that depends on log θ₀ + log θ₁ only is singular in θ₀ and θ₁ and names them', () => {
    // −log L = (log r + log alpha − 1)² + (log a)² + (log b − 0.5)²: a ridge in r·alpha
    const ridge: Likelihood = {
      objective: (x, gradient) => {
        const [u = 0, v = 0, w = 0, z = 0] = x;
        if (gradient) {
          gradient[0] = 2 * (u + v - 1);
          gradient[1] = 2 * (u + v - 1);
          gradient[2] = 2 * w;
          gradient[3] = 2 * (z - 0.5);
        }
        return (u + v - 1) ** 2 + w ** 2 + (z - 0.5) ** 2;
      },
      total: 100,
      distinctRows: 10,
    };
    const fit = maximumLikelihood(BG_NBD, ridge);
    expect(fit.converged).toBe(false);
    expect(fit.reason).toBe(
      'the information matrix is singular: the data do not identify r and alpha separately',
    );
    expect(fit.standardErrors).toBeNull();
  });

  // −log L ÷ total = c·(log r)² + (log alpha)² + (log a)² + (log b)²: the information on log r is 2c·total (total
  // 100), on the others 200
  const weakIn = (c: number): Likelihood => ({
    objective: (x, gradient) => {
      const [u = 0, v = 0, w = 0, z = 0] = x;
      if (gradient) {
        gradient[0] = 2 * c * u;
        gradient[1] = 2 * v;
        gradient[2] = 2 * w;
        gradient[3] = 2 * z;
      }
      return c * u ** 2 + v ** 2 + w ** 2 + z ** 2;
    },
    total: 100,
    distinctRows: 10,
  });

  it('an invertible information below IDENTIFICATION_MINIMUM along a direction does not identify it (a standard error above 10 in log terms)', () => {
    expect(IDENTIFICATION_MINIMUM).toBe(0.01);
    // 200c = 0.004: well conditioned by the ratio (2e−5 of the largest, far above 1e−10), yet too little information
    const weak = maximumLikelihood(BG_NBD, weakIn(0.00002));
    expect(weak.converged).toBe(false);
    expect(weak.reason).toMatch(
      /^the information is too small along one direction \(smallest eigenvalue 0\.0040 .*the data do not identify r$/,
    );
    // 200c = 0.04: enough
    const enough = maximumLikelihood(BG_NBD, weakIn(0.0002));
    expect(enough.converged).toBe(true);
    expect(enough.reason).toBeNull();
  });
});
