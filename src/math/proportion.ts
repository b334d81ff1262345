/**
 * The Wilson score interval of a binomial proportion (E. B. Wilson, "Probable inference, the law of
 * succession, and statistical inference", JASA 22, 1927): for `successes` of `trials` (p = successes /
 * trials, n = trials) and the normal quantile `z` of the confidence level (1.96 for 95%),
 *
 *   centre = (p + z²/2n) / (1 + z²/n),   half-width = z·√(p(1 − p)/n + z²/4n²) / (1 + z²/n).
 *
 * Unlike the Wald interval p ± z·√(p(1 − p)/n) it lies inside [0, 1] and stays sensible for small n and
 * for p near 0 or 1. The bounds are exactly 0 at p = 0 and 1 at p = 1 in exact arithmetic; the min/max
 * only absorb the last bit of rounding there.
 *
 * @param successes - whole number, 0 ≤ successes ≤ trials
 * @param trials - whole number above 0
 * @param z - the normal quantile, above 0
 * @returns the lower and upper bounds, within [0, 1]
 */
export function wilsonInterval(
  successes: number,
  trials: number,
  z: number,
): { lower: number; upper: number } {
  const share = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (share + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((share * (1 - share)) / trials + z2 / (4 * trials * trials))) / denominator;
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}
