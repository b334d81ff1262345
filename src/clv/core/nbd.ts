// The negative binomial count shared by the BG/NBD family and Pareto/NBD. Internal.

import { logGamma } from '../../math/special';

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
