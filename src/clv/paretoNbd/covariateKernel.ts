// The Pareto/NBD likelihood of one customer at that customer's own parameters, for the fit with
// covariates. Internal.
//
// With time-invariant covariates z (Bachmann, Meierer & Näf 2021; CLVTools' parameterisation) a customer
// has α_i = α·exp(−γ_purchase·z) and β_i = β·exp(−γ_dropout·z): the purchase rate scales as
// exp(γ_purchase·z) and the dropout rate as exp(γ_dropout·z). Given (r, α_i, s, β_i) the customer's
// likelihood is Fader & Hardie's (2005) eq. (22), evaluated by the same log-space terms as the plain fit.

import type { CovariateEffects, CovariateKernel, RowLogLikelihood } from '../core/definition';
import { gammaTerms, gammaTermsAt } from '../core/gammaTerms';
import { paretoLogTerms } from './likelihood';
import { paretoPathLogLikelihood } from './pathLikelihood';

const atTx = { value: 0, dr: 0, dAlpha: 0, ds: 0, dBeta: 0 };
const atT = { value: 0, dr: 0, dAlpha: 0, ds: 0, dBeta: 0 };

// the Gamma-function terms depend on r and x only: kept for the last (r, x) seen (rows come sorted by x)
const gamma = /* @__PURE__ */ gammaTerms();

/**
 * ln L of one customer at natural parameters (r, α_i, s, β_i), with the gradient with respect to their
 * logarithms written to `gradient`; NaN where a series does not settle.
 */
export const rowLogLikelihood: RowLogLikelihood = (params, x, tx, T, gradient) => {
  const r = params[0] as number;
  const alpha = params[1] as number;
  const s = params[2] as number;
  const beta = params[3] as number;
  const { lgR, psiR, lgRX, psiRX } = gammaTermsAt(gamma, r, x);
  const terms = paretoLogTerms(r, alpha, s, beta, x, tx, T, atTx, atT);
  if (!Number.isFinite(terms.logBracket)) return Number.NaN;
  const logAlpha = Math.log(alpha);
  const logBeta = Math.log(beta);
  if (gradient !== null) {
    const A = r + s + x;
    const { share0, share1, share2 } = terms;
    const shareI = share1 - share2; // the s·I part of the bracket
    gradient[0] =
      r *
      (psiRX -
        psiR +
        logAlpha -
        share0 * Math.log(alpha + T) -
        shareI / A +
        share1 * atTx.dr -
        share2 * atT.dr);
    gradient[1] =
      alpha * (r / alpha - (share0 * (r + x)) / (alpha + T) + share1 * atTx.dAlpha - share2 * atT.dAlpha);
    gradient[2] =
      s *
      (logBeta - share0 * Math.log(beta + T) + shareI * (1 / s - 1 / A) + share1 * atTx.ds - share2 * atT.ds);
    gradient[3] = beta * (s / beta - (share0 * s) / (beta + T) + share1 * atTx.dBeta - share2 * atT.dBeta);
  }
  return lgRX - lgR + r * logAlpha + s * logBeta + terms.logBracket;
};

/** Pareto/NBD with covariates: purchase covariates on α, dropout covariates on β, both as exp(−γ·z). */
const EFFECTS: CovariateEffects['effects'] = [
  { process: null, sign: 1 },
  { process: 'purchase', sign: -1 },
  { process: null, sign: 1 },
  { process: 'dropout', sign: -1 },
];
const TIME_POWERS: CovariateEffects['timePowers'] = [0, 1, 0, 1];

/** How covariates enter Pareto/NBD, for the registry and the predictions. */
export const PARETO_NBD_COVARIATE_EFFECTS: CovariateEffects = {
  effects: EFFECTS,
  timePowers: TIME_POWERS,
};

/** The same with the likelihood of one customer, for the fit. */
export const PARETO_NBD_COVARIATES: CovariateKernel = {
  effects: EFFECTS,
  timePowers: TIME_POWERS,
  rowLogLikelihood,
  pathLogLikelihood: paretoPathLogLikelihood,
};
