// The beta-discrete-Weibull log-likelihood of contract lifetimes (Fader, Hardie, Liu, Davin & Steenburgh
// 2018) with its analytic gradient. Internal.
//
// With u = t^c, S(t) = B(α, β + u)/B(α, β); a customer churning at the end of period t contributes
// P(T = t) = S(t − 1) − S(t), one still active after t periods S(t). ∂ ln B(u, v)/∂u = ψ(u) − ψ(u + v).

import type { Objective } from '../../math/optimize';
import { digammaDifference } from '../../math/special';
import type { Likelihood } from '../core/definition';
import type { CompressedRows } from '../core/rows';
import { logSurvivalRatio, weibullAges } from './survival';

/**
 * −ln L / total over (ln α, ln β, ln c), with its analytic gradient, for rows of periods t in `first` and
 * churned (1) or still active (0) in `second`.
 */
export function betaDiscreteWeibullObjective(rows: CompressedRows): Objective {
  const { first: periods, second: churned, weight, total } = rows;
  return (logParams, gradient) => {
    const alpha = Math.exp(logParams[0] as number);
    const beta = Math.exp(logParams[1] as number);
    const c = Math.exp(logParams[2] as number);
    if (![alpha, beta, c].every((value) => value > 0 && Number.isFinite(value))) return Number.NaN;
    const psiBShift = digammaDifference(beta, alpha); // ψ(α+β) − ψ(β)
    // ∂ ln S at age u = t^c (u ln t = ∂u/∂c), from differences of digammas that keep their digits at large u:
    // α: ψ(α+β) − ψ(α+β+u); β: [ψ(β+u) − ψ(α+β+u)] + [ψ(α+β) − ψ(β)]; c: [ψ(β+u) − ψ(α+β+u)]·u ln t
    const slope = { alpha: 0, beta: 0, c: 0 };
    const slopes = (u: number, uLogT: number): void => {
      if (u === 0) {
        slope.alpha = 0;
        slope.beta = 0;
        slope.c = 0;
        return;
      }
      const shifted = -digammaDifference(beta + u, alpha);
      slope.alpha = -digammaDifference(alpha + beta, u);
      slope.beta = shifted + psiBShift;
      slope.c = shifted * uLogT;
    };
    let sum = 0;
    let gAlpha = 0;
    let gBeta = 0;
    let gC = 0;
    for (let i = 0; i < periods.length; i++) {
      const t = periods[i] as number;
      const w = weight[i] as number;
      const { before, now, step } = weibullAges(t, c);
      if (churned[i] !== 1) {
        sum += w * logSurvivalRatio(alpha, beta, now);
        if (gradient !== null) {
          slopes(now, now * Math.log(t));
          gAlpha += w * slope.alpha;
          gBeta += w * slope.beta;
          gC += w * slope.c;
        }
        continue;
      }
      // ln P(T = t) = ln S(t − 1) + ln(1 − r), r = S(t)/S(t − 1)
      const logBefore = logSurvivalRatio(alpha, beta, before);
      const logRetain = logSurvivalRatio(alpha, beta + before, step);
      const lost = -Math.expm1(logRetain);
      sum += w * (logBefore + Math.log(lost));
      if (gradient !== null) {
        // ∂ ln P = (g(t − 1) − r·g(t))/(1 − r), g = ∂ ln S
        const retain = 1 - lost;
        slopes(before, t > 1 ? before * Math.log(t - 1) : 0);
        const a0 = slope.alpha;
        const b0 = slope.beta;
        const c0 = slope.c;
        slopes(now, now * Math.log(t));
        gAlpha += (w * (a0 - retain * slope.alpha)) / lost;
        gBeta += (w * (b0 - retain * slope.beta)) / lost;
        gC += (w * (c0 - retain * slope.c)) / lost;
      }
    }
    if (gradient !== null) {
      gradient[0] = (-gAlpha * alpha) / total;
      gradient[1] = (-gBeta * beta) / total;
      gradient[2] = (-gC * c) / total;
    }
    return -sum / total;
  };
}

/** The beta-discrete-Weibull likelihood of tallied lifetimes (see {@link betaDiscreteWeibullObjective}). */
export function betaDiscreteWeibullLikelihood(rows: CompressedRows): Likelihood {
  return {
    objective: betaDiscreteWeibullObjective(rows),
    total: rows.total,
    distinctRows: rows.first.length,
  };
}
