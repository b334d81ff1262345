// The BG/BB log-likelihood (Fader, Hardie & Shang 2010) with its analytic gradient. Internal.
//
// Per customer with x transactions in n opportunities, the last at t_x (FHS 2010, eq. 5):
//   L = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
//       + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ)
// Every term is B(α+x, β+k)·B(g, δ+j) over the two normalisers, and ∂ ln B(u, v)/∂u = ψ(u) − ψ(u+v).

import type { Objective } from '../../math/optimize';
import { digamma, logAddExp, logBeta } from '../../math/special';
import type { Likelihood } from '../core/definition';
import type { CompressedRows } from '../core/rows';
import type { BgBbParams } from '../core/types';

/**
 * ln L for one customer, and ln of its first (alive) term, for P(alive).
 */
export function bgBbLogTerms(
  { alpha, beta, gamma, delta }: BgBbParams,
  x: number,
  tx: number,
  n: number,
): { logAlive: number; logLikelihood: number } {
  const logAB = logBeta(alpha, beta);
  const logGD = logBeta(gamma, delta);
  const logAlive = logBeta(alpha + x, beta + n - x) - logAB + logBeta(gamma, delta + n) - logGD;
  let total = logAlive;
  for (let i = 0; i < n - tx; i++) {
    total = logAddExp(
      total,
      logBeta(alpha + x, beta + tx - x + i) - logAB + logBeta(gamma + 1, delta + tx + i) - logGD,
    );
  }
  return { logAlive, logLikelihood: total };
}

/** −ln L / total over (ln α, ln β, ln γ, ln δ), with its analytic gradient. */
export function bgBbObjective(rows: CompressedRows): Objective {
  const { first: frequency, second: recency, third: periods, weight, total } = rows;
  return (logParams, gradient) => {
    const alpha = Math.exp(logParams[0] as number);
    const beta = Math.exp(logParams[1] as number);
    const gamma = Math.exp(logParams[2] as number);
    const delta = Math.exp(logParams[3] as number);
    if (![alpha, beta, gamma, delta].every((value) => value > 0 && Number.isFinite(value))) return Number.NaN;
    const logAB = logBeta(alpha, beta);
    const logGD = logBeta(gamma, delta);
    const psiAB = digamma(alpha + beta);
    const psiGD = digamma(gamma + delta);
    // the normalisers' derivatives, ∂ ln B(α, β)/∂α and so on
    const normAlpha = digamma(alpha) - psiAB;
    const normBeta = digamma(beta) - psiAB;
    const normGamma = digamma(gamma) - psiGD;
    const normDelta = digamma(delta) - psiGD;
    const wantGradient = gradient !== null;
    let sum = 0;
    let gAlpha = 0;
    let gBeta = 0;
    let gGamma = 0;
    let gDelta = 0;
    for (let row = 0; row < frequency.length; row++) {
      const x = frequency[row] as number;
      const tx = recency[row] as number;
      const n = periods[row] as number;
      const w = weight[row] as number;
      const psiAX = wantGradient ? digamma(alpha + x) : 0;
      // log-sum-exp over the terms as they come, each term's derivatives weighted by its share
      let top = Number.NEGATIVE_INFINITY;
      let mass = 0;
      let dAlpha = 0;
      let dBeta = 0;
      let dGamma = 0;
      let dDelta = 0;
      const add = (k: number, g: number, j: number): void => {
        const value = logBeta(alpha + x, beta + k) + logBeta(g, delta + j);
        if (value > top) {
          const rescale = Math.exp(top - value);
          mass *= rescale;
          dAlpha *= rescale;
          dBeta *= rescale;
          dGamma *= rescale;
          dDelta *= rescale;
          top = value;
        }
        const share = Math.exp(value - top);
        mass += share;
        if (wantGradient) {
          const psiA = digamma(alpha + beta + x + k);
          const psiG = digamma(g + delta + j);
          dAlpha += share * (psiAX - psiA);
          dBeta += share * (digamma(beta + k) - psiA);
          dGamma += share * (digamma(g) - psiG);
          dDelta += share * (digamma(delta + j) - psiG);
        }
      };
      add(n - x, gamma, n);
      for (let i = 0; i < n - tx; i++) add(tx - x + i, gamma + 1, tx + i);
      sum += w * (top + Math.log(mass) - logAB - logGD);
      if (wantGradient) {
        gAlpha += w * (dAlpha / mass - normAlpha);
        gBeta += w * (dBeta / mass - normBeta);
        gGamma += w * (dGamma / mass - normGamma);
        gDelta += w * (dDelta / mass - normDelta);
      }
    }
    if (gradient !== null) {
      gradient[0] = (-gAlpha * alpha) / total;
      gradient[1] = (-gBeta * beta) / total;
      gradient[2] = (-gGamma * gamma) / total;
      gradient[3] = (-gDelta * delta) / total;
    }
    return -sum / total;
  };
}

/** The BG/BB likelihood of validated `{ frequency, recency, periods }` rows. */
export function bgBbLikelihood(rows: CompressedRows): Likelihood {
  return { objective: bgBbObjective(rows), total: rows.total, distinctRows: rows.first.length };
}
