// The beta-discrete-Weibull survival function in log space, shared by its likelihood and predictions.
// Internal.

import { logGammaDifference } from '../../math/special';

/** A period's Weibull ages: u(t − 1) = (t − 1)^c, u(t) = t^c and their difference, each to full precision. */
export interface WeibullAges {
  readonly before: number;
  readonly now: number;
  readonly step: number;
}

/**
 * (t − 1)^c, t^c and t^c − (t − 1)^c for a period t ≥ 1; the difference as t^c·(1 − (1 − 1/t)^c), which
 * keeps its digits where the two powers nearly cancel (long tenures).
 */
export function weibullAges(t: number, c: number): WeibullAges {
  const now = t ** c;
  if (t === 1) return { before: 0, now, step: now };
  const step = -now * Math.expm1(c * Math.log1p(-1 / t));
  return { before: (t - 1) ** c, now, step };
}

/**
 * ln [B(α, x + d)/B(α, x)]: with x = β + u, ln S(u + d) − ln S(u) of the survival B(α, β + u)/B(α, β) at
 * Weibull ages u and u + d. As g(x) − g(x + d) with g(y) = ln Γ(y + α) − ln Γ(y) (ln Γ(α) cancels exactly),
 * each g to full relative precision ({@link logGammaDifference}), so that long tenures, where x is in the
 * thousands, keep their digits.
 */
export function logSurvivalRatio(alpha: number, x: number, step: number): number {
  if (step === 0) return 0;
  return logGammaDifference(x, alpha) - logGammaDifference(x + step, alpha);
}
