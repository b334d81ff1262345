// The negative binomial count shared by the BG/NBD family and Pareto/NBD. Internal.

import { logGamma, logRegularizedBeta } from '../../math/special';

/**
 * ln NBD(j; r, α, τ) = ln[Γ(r+j)/(Γ(r) j!) (α/(α+τ))^r (τ/(α+τ))^j]: the log-probability of j purchases
 * in a window of length τ at a Gamma(r, α) rate (Fader, Hardie & Lee 2005, eq. 3); 0 or −∞ at τ = 0.
 */
export function logNbd(r: number, alpha: number, j: number, tau: number): number {
  if (tau === 0) return j === 0 ? 0 : Number.NEGATIVE_INFINITY;
  return (
    logGamma(r + j) -
    logGamma(r) -
    logGamma(j + 1) -
    r * Math.log1p(tau / alpha) +
    (j === 0 ? 0 : j * (Math.log(tau) - Math.log(alpha + tau)))
  );
}

/**
 * ln P(N(t) ≥ count) for the NBD count (Gamma(r, α) rate): the regularised incomplete beta
 * I_z(count, r), z = t/(α + t), so that far tails keep their digits (1 − Σ_{j<count} loses them all);
 * the direct sum where the continued fraction does not settle.
 */
export function logNbdAtLeast(r: number, alpha: number, count: number, t: number): number {
  if (count === 0) return 0;
  const value = logRegularizedBeta(count, r, t / (alpha + t), alpha / (alpha + t));
  if (!Number.isNaN(value)) return value;
  let below = 0;
  for (let j = 0; j < count; j++) below += Math.exp(logNbd(r, alpha, j, t));
  return Math.log(Math.max(0, 1 - below));
}
