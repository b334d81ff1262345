// The shifted-beta-geometric log-likelihood of contract lifetimes (Fader & Hardie 2007) with its analytic
// gradient. Internal.
//
// A customer churning at the end of period t contributes P(T = t) = B(α+1, β+t−1)/B(α, β); one still
// active after t periods contributes S(t) = B(α, β+t)/B(α, β). ∂ ln B(u, v)/∂u = ψ(u) − ψ(u+v).

import type { Objective } from '../../math/optimize';
import { digamma, logBeta } from '../../math/special';
import type { Likelihood } from '../core/definition';
import type { CompressedRows } from '../core/rows';

/**
 * −ln L / total over (ln α, ln β), with its analytic gradient, for rows of periods t in `first` and
 * churned (1) or still active (0) in `second`.
 */
export function shiftedBetaGeometricObjective(rows: CompressedRows): Objective {
  const { first: periods, second: churned, weight, total } = rows;
  return (logParams, gradient) => {
    const alpha = Math.exp(logParams[0] as number);
    const beta = Math.exp(logParams[1] as number);
    if (![alpha, beta].every((value) => value > 0 && Number.isFinite(value))) return Number.NaN;
    const norm = logBeta(alpha, beta);
    const psiAB = digamma(alpha + beta);
    const psiA = digamma(alpha);
    const normAlpha = psiA - psiAB;
    const normBeta = digamma(beta) - psiAB;
    let sum = 0;
    let gAlpha = 0;
    let gBeta = 0;
    for (let i = 0; i < periods.length; i++) {
      const t = periods[i] as number;
      const w = weight[i] as number;
      // churned: B(α+1, β+t−1); active: B(α, β+t); both have first + second argument α + β + t
      const first = churned[i] === 1 ? alpha + 1 : alpha;
      const second = churned[i] === 1 ? beta + t - 1 : beta + t;
      sum += w * (logBeta(first, second) - norm);
      if (gradient !== null) {
        const psiSum = digamma(alpha + beta + t);
        gAlpha += w * (digamma(first) - psiSum - normAlpha);
        gBeta += w * (digamma(second) - psiSum - normBeta);
      }
    }
    if (gradient !== null) {
      gradient[0] = (-gAlpha * alpha) / total;
      gradient[1] = (-gBeta * beta) / total;
    }
    return -sum / total;
  };
}

/** The shifted-beta-geometric likelihood of tallied lifetimes (see {@link shiftedBetaGeometricObjective}). */
export function shiftedBetaGeometricLikelihood(rows: CompressedRows): Likelihood {
  return {
    objective: shiftedBetaGeometricObjective(rows),
    total: rows.total,
    distinctRows: rows.first.length,
  };
}
