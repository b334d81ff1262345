import { normalCdf } from './normal';

/**
 * The Wilson score interval of a binomial proportion (E. B. Wilson, "Probable inference, the law of
 * succession, and statistical inference", JASA 22, 1927): for `successes` of `trials` (p = successes /
 * trials, n = trials) and the normal quantile `z` of the confidence level (1.96 for 95%),
 *
 *   centre = (p + z²/2n) / (1 + z²/n),   half-width = z·√(p(1 − p)/n + z²/4n²) / (1 + z²/n).
 *
 * Unlike the Wald interval p ± z·√(p(1 − p)/n) it lies inside [0, 1] and stays sensible for small n and
 * for p near 0 or 1. The bounds are exactly 0 at p = 0 and 1 at p = 1 in exact arithmetic, and are
 * returned so there (rounding could leave a last bit on either side); the min/max absorb rounding elsewhere.
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
  return {
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === trials ? 1 : Math.min(1, centre + half),
  };
}

/**
 * The pooled two-proportion z-test (the score test of p₁ = p₂; its square is Pearson's χ² of the 2×2 table
 * without continuity correction, R's `prop.test(correct = FALSE)`): with p̂ = (x₁ + x₂) / (n₁ + n₂),
 *
 *   z = (x₂/n₂ − x₁/n₁) / √(p̂(1 − p̂)(1/n₁ + 1/n₂)),   two-sided p-value = 2·Φ(−|z|).
 *
 * When p̂ is 0 or 1 both shares are equal (all failures or all successes): z is 0 and the p-value 1.
 * Swapping the samples negates z exactly and leaves the p-value as it is.
 *
 * @param firstSuccesses - x₁, whole number from 0 to `firstTrials`
 * @param firstTrials - n₁, whole number above 0
 * @param secondSuccesses - x₂, whole number from 0 to `secondTrials`
 * @param secondTrials - n₂, whole number above 0
 * @returns z (positive when the second share is the higher) and the two-sided p-value, in [0, 1]
 */
export function twoProportionZTest(
  firstSuccesses: number,
  firstTrials: number,
  secondSuccesses: number,
  secondTrials: number,
): { z: number; pValue: number } {
  const pooled = (firstSuccesses + secondSuccesses) / (firstTrials + secondTrials);
  if (pooled === 0 || pooled === 1) return { z: 0, pValue: 1 };
  const difference = secondSuccesses / secondTrials - firstSuccesses / firstTrials;
  const error = Math.sqrt(pooled * (1 - pooled) * (1 / firstTrials + 1 / secondTrials));
  const z = difference / error;
  return { z: z === 0 ? 0 : z, pValue: Math.min(1, 2 * normalCdf(-Math.abs(z))) };
}
