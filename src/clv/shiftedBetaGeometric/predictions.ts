// Predictions of the shifted-beta-geometric contract model (Fader & Hardie 2007, 2010), on validated
// parameters. Internal. A customer churns at the end of each period with probability θ ~ Beta(α, β).

import { logHyp2f1 } from '../../math/hypergeometric';
import { betaExpectation } from '../../math/quadrature';
import { logBetaShift } from '../../math/special';
import type { ModelPredictions } from '../core/definition';
import type { ShiftedBetaGeometricParams } from '../core/types';

/** The predictions of the shifted beta-geometric model. */
export const shiftedBetaGeometricPredictions: ModelPredictions<ShiftedBetaGeometricParams> = {
  /** S(t) = B(α, β+t)/B(α, β) (by {@link logBetaShift}: no cancellation of two large log-betas at large β). */
  survival: ({ alpha, beta }, t) => Math.exp(logBetaShift(alpha, beta, t)),

  /** r(t) = (β+t−1)/(α+β+t−1). */
  retention: ({ alpha, beta }, t) => (beta + t - 1) / (alpha + beta + t - 1),

  /** P(T = t) = B(α+1, β+t−1)/B(α, β) = α/(α+β) · B(α+1, β+t−1)/B(α+1, β). */
  churn: ({ alpha, beta }, t) =>
    Math.exp(Math.log(alpha / (alpha + beta)) + logBetaShift(alpha + 1, beta, t - 1)),

  /**
   * DERL = B(α, β+n+1)/B(α, β+n) · ₂F₁(1, β+n+1; α+β+n+1; 1/(1+d)) (Fader & Hardie 2010, eq. 6), with
   * quadrature over the posterior of θ where the series does not settle.
   */
  discountedResidualLifetime: ({ alpha, beta }, n, rate) => {
    const z = 1 / (1 + rate);
    const lead = Math.log((beta + n) / (alpha + beta + n)); // B(α, β+n+1)/B(α, β+n)
    const logF = logHyp2f1(1, beta + n + 1, alpha + beta + n + 1, z);
    if (Number.isFinite(logF)) return Math.exp(lead + logF);
    // Σ_k S(n+1+k)/S(n) z^k = E over θ | alive at n of (1 − θ)/(1 − z(1 − θ)), θ ~ Beta(α, β + n)
    return betaExpectation(alpha, beta + n, (_theta, survive) => survive / (1 - z * survive));
  },
};
