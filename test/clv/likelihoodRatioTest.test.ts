import { describe, expect, it } from 'vitest';
import {
  fitBgNbd,
  fitParetoNbd,
  LIKELIHOOD_TOLERANCE,
  likelihoodRatioTest,
  logLikelihoodAt,
} from '../../src/index';
import { codeOf } from '../helpers/errors';
import { expectClose } from '../helpers/numbers';

const ROWS = [
  { frequency: 0, recency: 0, T: 38, weight: 600 },
  { frequency: 0, recency: 0, T: 30, weight: 300 },
  { frequency: 1, recency: 4, T: 38, weight: 100 },
  { frequency: 1, recency: 30, T: 36, weight: 90 },
  { frequency: 2, recency: 10, T: 38, weight: 40 },
  { frequency: 2, recency: 33, T: 35, weight: 40 },
  { frequency: 4, recency: 20, T: 37, weight: 20 },
  { frequency: 6, recency: 35, T: 37, weight: 15 },
  { frequency: 12, recency: 36, T: 38, weight: 5 },
];

/** A fit-shaped record with `count` parameters and the given log-likelihood, on 1,000 customers in 50 rows. */
function fitWith(count: number, logLikelihood: number) {
  const params: Record<string, number> = {};
  for (let i = 0; i < count; i++) params[`p${i}`] = 1 + i;
  return { params, logLikelihood, n: 1000, distinctRows: 50 };
}

describe('likelihoodRatioTest', () => {
  it('a fit against itself: statistic 0, 0 degrees of freedom, p-value 1', () => {
    const fit = fitBgNbd(ROWS);
    expect(likelihoodRatioTest(fit, fit)).toEqual({ statistic: 0, degreesOfFreedom: 0, pValue: 1 });
  });

  it('the statistic is 2(ℓ_full − ℓ_restricted) and the degrees of freedom the difference of the parameter counts', () => {
    const test = likelihoodRatioTest(fitWith(2, -1055.25), fitWith(4, -1000));
    expect(test.statistic).toBe(110.5);
    expect(test.degreesOfFreedom).toBe(2);
  });

  // mpmath 1.3.0: gammainc(df/2, statistic/2, inf, regularized=True) at 40 digits, rounded to the nearest double
  it.each([
    [4.5, 1, 0.033894853524689274],
    [110.5, 2, 1.0121150314608957e-24],
    [30, 3, 1.3800570312932547e-6],
    [200, 10, 1.6139305336977305e-37],
    [1000, 3, 1.7994208765314476e-216],
    [1380, 1, 4.661158455673913e-302],
    [0.5, 4, 0.9735009788392561],
  ])('statistic %d on %d degrees of freedom: p-value %d (mpmath), to 1e-12 relative', (statistic, df, p) => {
    const test = likelihoodRatioTest(fitWith(12 - df, -1000 - statistic / 2), fitWith(12, -1000));
    expect(test.statistic).toBe(statistic);
    expectClose(test.pValue, p);
  });

  it('a p-value below the smallest double is 0 (mpmath: 3.9e−328 for statistic 1500 on 1 degree of freedom)', () => {
    expect(likelihoodRatioTest(fitWith(3, -1750), fitWith(4, -1000)).pValue).toBe(0);
  });

  it('a restricted likelihood above the full one within the tolerance is statistic 0, p-value 1', () => {
    const excess = 0.5 * LIKELIHOOD_TOLERANCE * 1000;
    expect(likelihoodRatioTest(fitWith(3, -1000 + excess), fitWith(4, -1000))).toEqual({
      statistic: 0,
      degreesOfFreedom: 1,
      pValue: 1,
    });
  });

  it('beyond the tolerance: NOT_MAXIMUM_LIKELIHOOD (the full fit is not at its maximum)', () => {
    const excess = 2 * LIKELIHOOD_TOLERANCE * 1000;
    expect(codeOf(() => likelihoodRatioTest(fitWith(3, -1000 + excess), fitWith(4, -1000)))).toBe(
      'NOT_MAXIMUM_LIKELIHOOD',
    );
    expect(() => likelihoodRatioTest(fitWith(3, -990), fitWith(4, -1000))).toThrow(/did not converge/);
  });

  it('a penalised fit: NOT_MAXIMUM_LIKELIHOOD', () => {
    const penalised = fitBgNbd(ROWS, { penalty: { logParams: 0.1 } });
    expect(codeOf(() => likelihoodRatioTest(penalised, fitBgNbd(ROWS)))).toBe('NOT_MAXIMUM_LIKELIHOOD');
  });

  it('fits of different data, or a full fit without more parameters: NOT_NESTED', () => {
    expect(codeOf(() => likelihoodRatioTest({ ...fitWith(3, -1010), n: 999 }, fitWith(4, -1000)))).toBe(
      'NOT_NESTED',
    );
    expect(
      codeOf(() => likelihoodRatioTest({ ...fitWith(3, -1010), distinctRows: 49 }, fitWith(4, -1000))),
    ).toBe('NOT_NESTED');
    expect(codeOf(() => likelihoodRatioTest(fitWith(4, -1010), fitWith(3, -1000)))).toBe('NOT_NESTED');
    expect(codeOf(() => likelihoodRatioTest(fitWith(4, -1010), fitWith(4, -1000)))).toBe('NOT_NESTED');
    // Pareto/NBD and BG/NBD have four parameters each: neither nests the other
    expect(codeOf(() => likelihoodRatioTest(fitBgNbd(ROWS), fitParetoNbd(ROWS)))).toBe('NOT_NESTED');
  });

  it('log-likelihoods too far apart for the statistic to be a double: NOT_FINITE (the hostile-input sweep, seed −1158996591)', () => {
    expect(codeOf(() => likelihoodRatioTest(fitWith(3, -1e308), fitWith(4, 8.98846567431158e307)))).toBe(
      'NOT_FINITE',
    );
  });

  it('a fit without a log-likelihood or with a non-finite parameter: INVALID_FIT', () => {
    expect(
      codeOf(() => likelihoodRatioTest({ ...fitWith(3, -1010), logLikelihood: null }, fitWith(4, -1000))),
    ).toBe('INVALID_FIT');
    expect(
      codeOf(() =>
        likelihoodRatioTest({ ...fitWith(3, -1010), params: { r: Number.NaN } }, fitWith(4, -1000)),
      ),
    ).toBe('INVALID_FIT');
  });

  it('options.degreesOfFreedom counts restrictions within one model: BG/NBD with b held at twice its estimate', () => {
    // no model of this version nests another with a parameter held fixed, so the restricted maximum is the
    // likelihood at the full fit's other parameters, which is at most the restricted maximum: the test is
    // then conservative in the statistic's direction (it can only overstate it); docs/model-comparison.md
    const full = fitBgNbd(ROWS);
    const held = { ...full.params, b: full.params.b * 2 };
    const restricted = {
      ...full,
      params: held,
      logLikelihood: logLikelihoodAt({ model: 'bgNbd', params: held }, ROWS),
    };
    const test = likelihoodRatioTest(restricted, full, { degreesOfFreedom: 1 });
    expect(test.degreesOfFreedom).toBe(1);
    expect(test.statistic).toBe(2 * ((full.logLikelihood as number) - restricted.logLikelihood));
    expect(test.statistic).toBeGreaterThan(0);
    expect(test.pValue).toBeGreaterThan(0);
    expect(test.pValue).toBeLessThan(1);
    expect(codeOf(() => likelihoodRatioTest(restricted, full, { degreesOfFreedom: 5 }))).toBe('NOT_NESTED');
    expect(codeOf(() => likelihoodRatioTest(restricted, full, { degreesOfFreedom: 0 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => likelihoodRatioTest(restricted, full, { degreesOfFreedom: 1.5 }))).toBe(
      'NOT_AN_INTEGER',
    );
  });
});
