import { requireAtLeast } from '../internal/validate';
import { finiteResult, MAX_OPPORTUNITIES, requireBoundedCount } from './core/inputs';
import type { ModelSpec } from './core/types';
import { requireModel } from './registry';

const FN = 'purchaseProbability';

/**
 * P(X(t) = count): the probability that a customer just acquired makes exactly `count` repeat purchases in
 * (0, t], from a BG/NBD (Fader, Hardie & Lee 2005 eq. 8), MBG/NBD, Pareto/NBD (the NBD count mixed over the
 * exponential lifetime, integrated numerically) or BG/BB (Fader, Hardie & Shang 2010 eq. 7) fit. Summed
 * over count = 0, 1, 2, … it gives 1; multiplied by the cohort size it gives the expected histogram of
 * calibration frequencies, the standard first check of a fit.
 *
 * @param fit - a BG/NBD, MBG/NBD, Pareto/NBD or BG/BB fit
 * @param count - the number of repeat purchases (a whole number, at most 10⁶)
 * @param t - the window, in the fit's time unit (whole opportunities for BG/BB)
 * @returns a probability in [0, 1]
 * @throws PatronageError `INVALID_FIT`, `UNSUPPORTED_MODEL`, the field codes for `count` and `t`.
 *
 * @example
 * ```ts
 * import { purchaseProbability } from 'patronage';
 *
 * const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * // share of CDNOW customers with no repeat purchase in their first 32 weeks
 * Math.round(purchaseProbability(fit, 0, 32) * 1000) / 1000; // => 0.599
 * ```
 *
 * @category CLV models
 */
export function purchaseProbability(fit: ModelSpec, count: number, t: number): number {
  const { definition, params, predictions } = requireModel(FN, fit, ['purchaseProbability']);
  const k = requireBoundedCount(FN, 'count', count, 1_000_000);
  // the discrete likelihood sums over the opportunities, so their number is bounded
  const window =
    definition.time === 'discrete'
      ? requireBoundedCount(FN, 't', t, MAX_OPPORTUNITIES)
      : requireAtLeast(FN, 't', t, 0);
  return finiteResult(FN, 'probability', predictions.purchaseProbability(params, k, window));
}
