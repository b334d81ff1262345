import { describe, expect, it } from 'vitest';
import { BG_NBD } from '../../../src/clv/bgNbd/definition';
import type { Likelihood } from '../../../src/clv/core/definition';
import { maximumLikelihood, NOT_EVALUATED } from '../../../src/clv/core/fitCore';
import { expectedPurchases, probabilityAlive } from '../../../src/index';
import { codeOf } from '../../helpers/errors';

/** A likelihood that cannot be evaluated anywhere (every point gives NaN, with or without the gradient). */
const nowhere: Likelihood = {
  objective: () => Number.NaN,
  total: 10,
  distinctRows: 2,
};

describe('maximumLikelihood when the likelihood cannot be evaluated anywhere (regression: it returned logLikelihood 0, a perfect fit)', () => {
  const fit = maximumLikelihood(BG_NBD, nowhere);

  it('says so: logLikelihood null, not converged, the reason', () => {
    expect(fit.logLikelihood).toBeNull();
    expect(fit.converged).toBe(false);
    expect(fit.reason).toBe(NOT_EVALUATED);
  });

  it('gives no standard errors or intervals, and the first start as params', () => {
    expect(fit.standardErrors).toBeNull();
    expect(fit.confidenceIntervals).toBeNull();
    expect(fit.params).toEqual({ r: 1, alpha: 1, a: 1, b: 1 });
    expect(fit.n).toBe(10);
    expect(fit.distinctRows).toBe(2);
  });

  it('is refused by the predictions, which would otherwise predict from the starting point', () => {
    expect(codeOf(() => probabilityAlive(fit, { frequency: 1, recency: 2, T: 3 }))).toBe('INVALID_FIT');
    expect(codeOf(() => expectedPurchases(fit, 10))).toBe('INVALID_FIT');
    expect(JSON.parse(JSON.stringify(fit))).toEqual(fit);
  });

  it('also when the objective is finite but its unscaled log-likelihood overflows', () => {
    const overflowing = maximumLikelihood(BG_NBD, {
      ...BG_NBD.likelihood({
        first: Float64Array.of(1),
        second: Float64Array.of(1),
        third: Float64Array.of(2),
        weight: Float64Array.of(1),
        total: 1,
      }),
      unscaleLogLikelihood: () => Number.NEGATIVE_INFINITY,
    });
    expect(overflowing.logLikelihood).toBeNull();
    expect(overflowing.converged).toBe(false);
  });
});
