// The BG/NBD likelihood of one customer at that customer's own parameters, for the fit with covariates.
// Internal.
//
// With time-invariant covariates z, CLVTools' static-covariate BG/NBD (Bachmann, Meierer & Näf 2021) gives
// a customer α_i = α·exp(−γ_purchase·z) (the purchase rate scales as exp(γ_purchase·z)) and
// a_i = a·exp(γ_dropout·z), b_i = b·exp(γ_dropout·z) (one dropout coefficient per covariate on both shapes).
// Given (r, α_i, a_i, b_i) the customer's likelihood is Fader, Hardie & Lee (2005) eq. (6):
//   ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
//          + ln[(α+T)^−(r+x) + 1{x>0} · a/(b+x−1) · (α+t_x)^−(r+x)]

import { digamma, logGamma } from '../../math/special';
import type { CovariateEffects, CovariateKernel, RowLogLikelihood } from '../core/definition';
import { gammaTerms, gammaTermsAt } from '../core/gammaTerms';

/**
 * ln Γ(y + x) − ln Γ(y) and ψ(y + x) − ψ(y) for a whole x ≥ 0: as sums over the x factors for x ≤ 64, so
 * that a large y (a covariate can take a_i + b_i to 1e13, where the ln Γ difference loses every digit)
 * keeps full precision; otherwise as differences.
 */
function logRising(y: number, x: number): number {
  if (x > 64) return logGamma(y + x) - logGamma(y);
  let sum = 0;
  for (let k = 0; k < x; k++) sum += Math.log(y + k);
  return sum;
}

function digammaRising(y: number, x: number): number {
  if (x > 64) return digamma(y + x) - digamma(y);
  let sum = 0;
  for (let k = 0; k < x; k++) sum += 1 / (y + k);
  return sum;
}

// the Gamma-function terms depend on r and x only: kept for the last (r, x) seen (rows come sorted by x)
const gamma = /* @__PURE__ */ gammaTerms();

/** ln L of one customer at (r, α_i, a_i, b_i), with the gradient with respect to their logarithms. */
const rowLogLikelihood: RowLogLikelihood = (params, x, tx, T, gradient) => {
  const r = params[0] as number;
  const alpha = params[1] as number;
  const a = params[2] as number;
  const b = params[3] as number;
  const { lgR, psiR, lgRX, psiRX } = gammaTermsAt(gamma, r, x);
  const logAlpha = Math.log(alpha);
  const logAlphaT = Math.log(alpha + T);
  // ln B(a, b+x) − ln B(a, b) = [ln Γ(b+x) − ln Γ(b)] − [ln Γ(a+b+x) − ln Γ(a+b)]
  let ll = lgRX - lgR + r * logAlpha + logRising(b, x) - logRising(a + b, x) - (r + x) * logAlphaT;
  // the weight of the second term of the bracket, e^d/(1 + e^d)
  let second = 0;
  let logAlphaTx = 0;
  if (x > 0) {
    logAlphaTx = Math.log(alpha + tx);
    const d = Math.log(a) - Math.log(b + x - 1) + (r + x) * (logAlphaT - logAlphaTx);
    const e = Math.exp(-Math.abs(d));
    ll += Math.max(d, 0) + Math.log1p(e);
    const q = 1 / (1 + e);
    second = d >= 0 ? q : e * q;
  }
  if (gradient !== null) {
    const first = 1 - second;
    const risingAB = digammaRising(a + b, x); // ψ(a+b+x) − ψ(a+b)
    gradient[0] = r * (psiRX - psiR + logAlpha - first * logAlphaT - second * logAlphaTx);
    gradient[1] = alpha * (r / alpha - (r + x) * (first / (alpha + T) + (x > 0 ? second / (alpha + tx) : 0)));
    gradient[2] = a * (second / a - risingAB);
    gradient[3] = b * (digammaRising(b, x) - risingAB - (x > 0 ? second / (b + x - 1) : 0));
  }
  return ll;
};

/** BG/NBD with covariates: purchase covariates on α as exp(−γ·z), dropout covariates on a and b as exp(γ·z). */
const EFFECTS: CovariateEffects['effects'] = [
  { process: null, sign: 1 },
  { process: 'purchase', sign: -1 },
  { process: 'dropout', sign: 1 },
  { process: 'dropout', sign: 1 },
];
const TIME_POWERS: CovariateEffects['timePowers'] = [0, 1, 0, 0];

/** How covariates enter BG/NBD, for the registry and the predictions. */
export const BG_NBD_COVARIATE_EFFECTS: CovariateEffects = {
  effects: EFFECTS,
  timePowers: TIME_POWERS,
};

/** The same with the likelihood of one customer, for the fit. */
export const BG_NBD_COVARIATES: CovariateKernel = {
  effects: EFFECTS,
  timePowers: TIME_POWERS,
  rowLogLikelihood,
};
