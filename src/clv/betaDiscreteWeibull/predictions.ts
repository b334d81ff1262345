// Predictions of the beta-discrete-Weibull contract model (Fader, Hardie, Liu, Davin & Steenburgh 2018), on
// validated parameters. Internal. With u = t^c, S(t) = B(α, β + u)/B(α, β).

import { PatronageError } from '../../errors/PatronageError';
import type { ModelPredictions } from '../core/definition';
import type { BetaDiscreteWeibullParams } from '../core/types';
import { logSurvivalRatio, weibullAges } from './survival';

/**
 * Terms of the DERL series summed at most (about 0.3 s): enough for a discount rate down to about 1e−5 per
 * period, below which the series (whose terms fall at least as (1 + d)^−k) is refused rather than cut short.
 */
const MAX_RESIDUAL_TERMS = 2_000_000;

/** The predictions of the beta-discrete-Weibull model. */
export const betaDiscreteWeibullPredictions: ModelPredictions<BetaDiscreteWeibullParams> = {
  /** S(t) = B(α, β + t^c)/B(α, β) (Fader et al. 2018). */
  survival: ({ alpha, beta, c }, t) => Math.exp(logSurvivalRatio(alpha, beta, t ** c)),

  /** r(t) = S(t)/S(t − 1) = B(α, β + t^c)/B(α, β + (t − 1)^c). */
  retention: ({ alpha, beta, c }, t) => {
    const { before, step } = weibullAges(t, c);
    return Math.exp(logSurvivalRatio(alpha, beta + before, step));
  },

  /** P(T = t) = S(t − 1) − S(t) = S(t − 1)·(1 − r(t)), without the cancellation of the difference. */
  churn: ({ alpha, beta, c }, t) => {
    const { before, step } = weibullAges(t, c);
    return (
      Math.exp(logSurvivalRatio(alpha, beta, before)) *
      -Math.expm1(logSurvivalRatio(alpha, beta + before, step))
    );
  },

  /**
   * DERL = Σ_{k ≥ 0} S(n + 1 + k)/S(n) · (1 + d)^−k, the discounted expected further payments of a customer
   * after n renewals (the next one undiscounted), as for the shifted beta-geometric (Fader & Hardie 2010)
   * with the BdW survival: no closed form, so the series is summed until its tail, at most the last
   * term times (1 + d)^−1/(1 − (1 + d)^−1) since S falls, is below 1e−16 of the sum. `UNDEFINED_PREDICTION`
   * when that needs more than 2,000,000 terms (a discount rate below about 1e−5 per period).
   */
  discountedResidualLifetime: ({ alpha, beta, c }, n, rate) => {
    const z = 1 / (1 + rate);
    const tailFactor = z / (1 - z);
    const age = n ** c;
    let sum = 0;
    let weight = 1;
    for (let k = 0; k < MAX_RESIDUAL_TERMS; k++) {
      const later = (n + 1 + k) ** c;
      const term = weight * Math.exp(logSurvivalRatio(alpha, beta + age, later - age));
      sum += term;
      if (term * tailFactor <= 1e-16 * sum) return sum;
      weight *= z;
    }
    throw new PatronageError(
      'UNDEFINED_PREDICTION',
      `discountedResidualLifetime: the beta-discrete-Weibull series does not settle within ${MAX_RESIDUAL_TERMS} periods at discountRate ${rate}; use a rate of at least about 1e-5 per period`,
      { argument: 'options.discountRate', value: rate },
    );
  },
};
