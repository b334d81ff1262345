import {
  finiteResult,
  MAX_OPPORTUNITIES,
  requireBoundedCount,
  requireCustomer,
  requireDuration,
} from './core/inputs';
import type { CustomerHistory, DiscreteHistory, ModelSpec } from './core/types';
import { requireModel } from './registry';

const FN = 'conditionalPurchaseProbability';

/**
 * P(Y(t) = count | x, t_x, T): the probability that a customer with this history makes exactly `count`
 * purchases in the next `t` (the window (T, T + t]), from a BG/NBD, MBG/NBD, Pareto/NBD, GGom/NBD, NBD or
 * BG/BB fit.
 * `count = 0` is the probability of no purchase in the next `t`, which is how businesses usually define
 * churn; it is computed directly (the dead share plus the alive share that stays quiet), never as 1 − Σ.
 *
 * Formulas: a customer dead at T makes no purchase; a customer alive at T is a customer just acquired
 * whose mixing distributions are the posteriors given the history, so the count is the model's
 * {@link purchaseProbability} at those parameters times P(alive) (BG/NBD: Fader, Hardie & Lee's note
 * "Computing P(X(t) = x | history)", λ ~ Gamma(r+x, α+T), p ~ Beta(a, b+x), b+x+1 for MBG/NBD; Pareto/NBD:
 * λ ~ Gamma(r+x, α+T), μ ~ Gamma(s, β+T), the lifetime integrated numerically; GGom/NBD: λ ~ Gamma(r+x,
 * α+T) and the Gamma-Gompertz lifetime conditioned on τ > T, its death in the window integrated by adaptive
 * quadrature; NBD, which has no dropout: the negative binomial count at λ ~ Gamma(r+x, α+T); BG/BB:
 * p ~ Beta(α+x, β+n−x), θ ~ Beta(γ, δ+n) in eq. 7 of Fader, Hardie & Shang 2010). Summed over count = 0, 1, 2, … it gives 1, its
 * mean is {@link expectedPurchases} of the customer, and the count-0 probability falls as `t` grows and is
 * never below 1 − P(alive).
 *
 * @param fit - a BG/NBD, MBG/NBD, Pareto/NBD, GGom/NBD, NBD or BG/BB fit
 * @param customer - `{ frequency, recency, T }` (BG/BB: `{ frequency, recency, periods }`), in the fit's unit
 * @param count - the number of purchases in the window (a whole number, at most 10⁶)
 * @param t - the window's length, in the fit's time unit (BG/BB: whole opportunities, at most 100,000)
 * @returns a probability in [0, 1]
 * @throws PatronageError `INVALID_FIT`, `UNSUPPORTED_MODEL` (Gamma-Gamma, shifted beta-geometric),
 *   `INVALID_SUMMARY_ROW` for an inconsistent customer, the field codes (`NOT_A_NUMBER`, `NOT_AN_INTEGER`,
 *   `OUT_OF_RANGE`, …) for `count` and `t`, `NOT_FINITE` where floating point overflows.
 *
 * @example
 * ```ts
 * import { conditionalPurchaseProbability } from 'patronage';
 *
 * // Fader, Hardie & Lee (2005): the CDNOW BG/NBD fit, in weeks
 * const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * const customer = { frequency: 2, recency: 30.43, T: 38.86 };
 * // no purchase in the next 39 weeks
 * Math.round(conditionalPurchaseProbability(fit, customer, 0, 39) * 1000) / 1000; // => 0.445
 * // exactly one
 * Math.round(conditionalPurchaseProbability(fit, customer, 1, 39) * 1000) / 1000; // => 0.239
 * ```
 *
 * @category CLV models
 */
export function conditionalPurchaseProbability(
  fit: ModelSpec,
  customer: CustomerHistory | DiscreteHistory,
  count: number,
  t: number,
): number {
  const { definition, params, predictions } = requireModel(FN, fit, ['conditionalPurchaseProbability']);
  const time = definition.time ?? 'continuous';
  const { x, tx, T } = requireCustomer(FN, 'customer', customer, time);
  const k = requireBoundedCount(FN, 'count', count, 1_000_000);
  const window =
    time === 'discrete'
      ? requireBoundedCount(FN, 't', t, MAX_OPPORTUNITIES)
      : requireDuration(FN, 't', t, time);
  return finiteResult(
    FN,
    'probability',
    predictions.conditionalPurchaseProbability(params, x, tx, T, k, window),
  );
}
