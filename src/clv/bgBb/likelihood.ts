// BG/BB formulas (Fader, Hardie & Shang 2010). Internal.

import { logAddExp, logBeta } from '../../math/special';
import type { BgBbParams } from '../core/types';

/**
 * ln L for one customer (FHS 2010, eq. 5):
 *   L = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
 *       + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ)
 * Also returns ln of the first (alive) term, for P(alive).
 */
export function bgBbLogTerms(
  { alpha, beta, gamma, delta }: BgBbParams,
  x: number,
  tx: number,
  n: number,
  norms?: { alphaBeta: number; gammaDelta: number },
): { logAlive: number; logLikelihood: number } {
  const logAB = norms?.alphaBeta ?? logBeta(alpha, beta);
  const logGD = norms?.gammaDelta ?? logBeta(gamma, delta);
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
