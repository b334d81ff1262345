// The Pareto/NBD log-likelihood with its analytic gradient. Internal.
//
// Fader & Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related Expressions", eq. (22):
//   L = Γ(r+x) α^r β^s / Γ(r) · [ (α+T)^−(r+x) (β+T)^−s + s · I ],
//   I = ∫_{t_x}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ = (J(t_x) − J(T)) / (r+s+x),
// where J(t) = (r+s+x)·∫_t^∞ … is the ₂F₁ term of the note. After Euler's transformation every J is
// a product of powers and H = ₂F₁(1, p; q; z) with 0 < p < q and 0 ≤ z < 1, a series of positive terms:
//   α ≥ β:  J(t) = (α+t)^−(r+x) (β+t)^−s     · H(r+x, r+s+x+1, (α−β)/(α+t))
//   α < β:  J(t) = (α+t)^−(r+x−1) (β+t)^−(s+1) · H(s+1,  r+s+x+1, (β−α)/(β+t))
// so the likelihood is evaluated in log space without the cancellation and overflow of the raw ₂F₁.

import { type LogHypergeometricWithGradient, logHyp2f1UnitWithGradient } from '../../math/hypergeometric';
import type { Objective } from '../../math/optimize';
import { digamma, logGamma } from '../../math/special';
import type { Likelihood } from '../core/definition';
import { type CompressedRows, subsample } from '../core/rows';
import { scaleTimes, timeScaleOf, totalPurchases } from '../core/timeScale';

/** ln J(t) and its gradient with respect to (r, α, s, β). */
interface LogJ {
  value: number;
  dr: number;
  dAlpha: number;
  ds: number;
  dBeta: number;
}

const series: LogHypergeometricWithGradient = { value: 0, dp: 0, dq: 0, dz: 0 };

/** Writes ln J(t) and its gradient into `out`. */
export function logJ(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  t: number,
  out: LogJ,
): void {
  const q = r + s + x + 1;
  const alphaT = alpha + t;
  const betaT = beta + t;
  const logAlphaT = Math.log(alphaT);
  const logBetaT = Math.log(betaT);
  if (alpha >= beta) {
    const z = (alpha - beta) / alphaT;
    logHyp2f1UnitWithGradient(r + x, q, z, series);
    out.value = -(r + x) * logAlphaT - s * logBetaT + series.value;
    out.dr = -logAlphaT + series.dp + series.dq;
    out.ds = -logBetaT + series.dq;
    out.dAlpha = -(r + x) / alphaT + (series.dz * betaT) / (alphaT * alphaT);
    out.dBeta = -s / betaT - series.dz / alphaT;
  } else {
    const z = (beta - alpha) / betaT;
    logHyp2f1UnitWithGradient(s + 1, q, z, series);
    out.value = -(r + x - 1) * logAlphaT - (s + 1) * logBetaT + series.value;
    out.dr = -logAlphaT + series.dq;
    out.ds = -logBetaT + series.dp + series.dq;
    out.dAlpha = -(r + x - 1) / alphaT - series.dz / betaT;
    out.dBeta = -(s + 1) / betaT + (series.dz * alphaT) / (betaT * betaT);
  }
}

/**
 * ln of the bracket of the likelihood, (α+T)^−(r+x)(β+T)^−s + s·I, or NaN when a series does not settle.
 * Shared by the likelihood and by P(alive).
 */
export function paretoLogTerms(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
  atTx: LogJ,
  atT: LogJ,
): { logFirst: number; logBracket: number; share1: number; share2: number; share0: number } {
  const A = r + s + x;
  const logFirst = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  logJ(r, alpha, s, beta, x, tx, atTx);
  logJ(r, alpha, s, beta, x, T, atT);
  const c = s / A;
  const top = Math.max(logFirst, atTx.value);
  const e0 = Math.exp(logFirst - top);
  const e1 = c * Math.exp(atTx.value - top);
  const e2 = c * Math.exp(atT.value - top);
  // J(t_x) ≥ J(T) mathematically; when t_x = T both are the same number and cancel exactly
  const bracket = e0 + Math.max(0, e1 - e2);
  return {
    logFirst,
    logBracket: top + Math.log(bracket),
    share0: e0 / bracket,
    share1: e1 / bracket,
    share2: e2 / bracket,
  };
}

const atTx: LogJ = { value: 0, dr: 0, dAlpha: 0, ds: 0, dBeta: 0 };
const atT: LogJ = { value: 0, dr: 0, dAlpha: 0, ds: 0, dBeta: 0 };

/** −ln L / total over (ln r, ln α, ln s, ln β), with its gradient. */
export function paretoNbdObjective(rows: CompressedRows): Objective {
  const { first: frequency, second: recency, third: age, weight, total } = rows;
  return (logParams, gradient) => {
    const r = Math.exp(logParams[0] as number);
    const alpha = Math.exp(logParams[1] as number);
    const s = Math.exp(logParams[2] as number);
    const beta = Math.exp(logParams[3] as number);
    if (![r, alpha, s, beta].every((value) => value > 0 && Number.isFinite(value))) return Number.NaN;
    const lgR = logGamma(r);
    const psiR = digamma(r);
    const logAlpha = Math.log(alpha);
    const logBeta = Math.log(beta);
    let sum = 0;
    let gR = 0;
    let gAlpha = 0;
    let gS = 0;
    let gBeta = 0;
    let lastX = Number.NaN;
    let lgRX = 0;
    let psiRX = 0;
    for (let i = 0; i < frequency.length; i++) {
      const x = frequency[i] as number;
      const tx = recency[i] as number;
      const T = age[i] as number;
      const w = weight[i] as number;
      if (x !== lastX) {
        lastX = x;
        lgRX = logGamma(r + x);
        psiRX = digamma(r + x);
      }
      const terms = paretoLogTerms(r, alpha, s, beta, x, tx, T, atTx, atT);
      if (!Number.isFinite(terms.logBracket)) return Number.NaN;
      sum += w * (lgRX - lgR + r * logAlpha + s * logBeta + terms.logBracket);
      if (gradient !== null) {
        const A = r + s + x;
        const { share0, share1, share2 } = terms;
        const shareI = share1 - share2; // the s·I part of the bracket
        // d ln(s/A): dr −1/A, ds 1/s − 1/A
        const dr0 = -Math.log(alpha + T);
        const ds0 = -Math.log(beta + T);
        gR +=
          w *
          (psiRX - psiR + logAlpha + share0 * dr0 + shareI * (-1 / A) + share1 * atTx.dr - share2 * atT.dr);
        gS += w * (logBeta + share0 * ds0 + shareI * (1 / s - 1 / A) + share1 * atTx.ds - share2 * atT.ds);
        gAlpha +=
          w * (r / alpha + share0 * (-(r + x) / (alpha + T)) + share1 * atTx.dAlpha - share2 * atT.dAlpha);
        gBeta += w * (s / beta + share0 * (-s / (beta + T)) + share1 * atTx.dBeta - share2 * atT.dBeta);
      }
    }
    if (gradient !== null) {
      gradient[0] = (-gR * r) / total;
      gradient[1] = (-gAlpha * alpha) / total;
      gradient[2] = (-gS * s) / total;
      gradient[3] = (-gBeta * beta) / total;
    }
    return -sum / total;
  };
}

/**
 * The Pareto/NBD likelihood of validated rows, over rescaled times (see {@link timeScaleOf}), with a pilot
 * subsample for large data.
 */
export function paretoNbdLikelihood(rows: CompressedRows): Likelihood {
  const scale = timeScaleOf(rows);
  const purchases = totalPurchases(rows);
  const scaled = scaleTimes(rows, scale);
  const sampled = subsample(scaled);
  return {
    objective: paretoNbdObjective(scaled),
    pilot: sampled === null ? null : paretoNbdObjective(sampled),
    total: rows.total,
    distinctRows: rows.first.length,
    unscale: ([r, alpha, s, beta]) => [
      r as number,
      (alpha as number) * scale,
      s as number,
      (beta as number) * scale,
    ],
    unscaleLogLikelihood: (logLikelihood) => logLikelihood - purchases * Math.log(scale),
  };
}
