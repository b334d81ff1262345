import { PatronageError } from '../errors/PatronageError';
import { optionKeys, requireAtLeast, requireCount, requireOptions } from '../internal/validate';
import { finiteResult } from './core/inputs';
import type { ModelSpec } from './core/types';
import { requireModel } from './registry';

/**
 * Options of {@link discountedResidualLifetime}.
 *
 * @category CLV models
 */
export interface ResidualLifetimeOptions {
  /** n: renewals the customer has made so far (0 for a customer in their first period). */
  readonly renewals: number;
  /** Discount rate per period (for monthly contracts, the monthly rate), above 0. */
  readonly discountRate: number;
}

const RESIDUAL_LIFETIME_OPTION_KEYS = /* @__PURE__ */ optionKeys<ResidualLifetimeOptions>()([
  'renewals',
  'discountRate',
]);

const FN = 'discountedResidualLifetime';

/**
 * The discounted expected residual lifetime (DERL) of a customer who has renewed `renewals` times, under a
 * shifted beta-geometric fit (Fader & Hardie 2010, "Customer-Base Valuation in a Contractual Setting",
 * eq. 6): DERL = B(α, β+n+1)/B(α, β+n) · ₂F₁(1, β+n+1; α+β+n+1; 1/(1+d)), the expected number of further
 * payments counting the next one undiscounted and each later one discounted by (1+d) per period. Multiply
 * by the margin per period for the customer's residual value. A beta-discrete-Weibull fit (no closed form)
 * sums Σ_k S(n+1+k)/S(n)·(1+d)^−k until the tail is below 1e−16 of the sum.
 *
 * @param fit - a shifted beta-geometric or beta-discrete-Weibull fit
 * @param options - `renewals` (n) and the per-period `discountRate` (d > 0)
 * @returns the expected discounted number of future payments
 * @throws PatronageError `INVALID_FIT`, `UNSUPPORTED_MODEL`, the field codes, `OUT_OF_RANGE` for a discount
 *   rate of 0 (the undiscounted residual lifetime is infinite when α ≤ 1); `UNDEFINED_PREDICTION` for a
 *   beta-discrete-Weibull fit at a rate so small (below about 1e−5) that the series needs more than two
 *   million periods.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { discountedResidualLifetime } from 'patronage';
 *
 * const fit = { model: 'shiftedBetaGeometric', params: { alpha: 0.704, beta: 1.182 } } as const;
 * const newer = discountedResidualLifetime(fit, { renewals: 0, discountRate: 0.1 });
 * const loyal = discountedResidualLifetime(fit, { renewals: 4, discountRate: 0.1 });
 * loyal > newer; // => true
 * ```
 *
 * @category CLV models
 */
export function discountedResidualLifetime(fit: ModelSpec, options: ResidualLifetimeOptions): number {
  const { params, predictions } = requireModel(FN, fit, ['discountedResidualLifetime']);
  const record = requireOptions(FN, 'options', options, RESIDUAL_LIFETIME_OPTION_KEYS);
  const n = requireCount(FN, 'options.renewals', record['renewals']);
  const rate = requireAtLeast(FN, 'options.discountRate', record['discountRate'], 0);
  if (rate === 0) {
    throw new PatronageError('OUT_OF_RANGE', `${FN}: options.discountRate must be above 0`, {
      argument: 'options.discountRate',
      value: rate,
    });
  }
  return finiteResult(FN, 'DERL', predictions.discountedResidualLifetime(params, n, rate));
}
