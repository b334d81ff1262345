import { optionalObject, optionKeys } from '../internal/validate';
import type { CovariatePathHistory } from './core/covariatePaths';
import { requireDuration } from './core/inputs';
import type { CustomerHistory, DiscreteHistory, ModelSpec } from './core/types';
import { customerPrediction } from './customerPrediction';
import { intervalFor, type PredictionInterval, type PredictionIntervalOptions } from './predictionInterval';
import { requireModel } from './registry';

/**
 * Options of {@link probabilityAlive}.
 *
 * @category CLV models
 */
export interface ProbabilityAliveOptions {
  /**
   * How far past the end of observation to look, in the fit's time unit (whole opportunities for BG/BB);
   * default 0, the probability of being alive now.
   */
  readonly horizon?: number;
  /**
   * A range around the probability (`{ level, method: 'delta' | 'bootstrap', bootstrap }`, made on the logit
   * scale for the delta method): the result is then a {@link PredictionInterval}. See {@link predictionInterval}.
   */
  readonly intervals?: PredictionIntervalOptions;
}

const PROBABILITY_ALIVE_OPTION_KEYS = /* @__PURE__ */ optionKeys<ProbabilityAliveOptions>()([
  'horizon',
  'intervals',
]);

const FN = 'probabilityAlive';

/**
 * The probability that a customer with this history is still alive (has not dropped out) at the end of
 * observation, or `horizon` later, from a BG/NBD, MBG/NBD, Pareto/NBD or BG/BB fit.
 *
 * Formulas: BG/NBD 1/(1 + a/(b+x−1)·((α+T)/(α+t_x))^(r+x)) for x > 0 and 1 for x = 0 (Fader, Hardie & Lee
 * 2005); MBG/NBD the same with b+x and for every x (Batislam et al. 2007); Pareto/NBD Fader & Hardie (2005)
 * eq. (18); BG/BB Fader, Hardie & Shang (2010) eq. (11). With a horizon, the posterior chance of surviving
 * it is multiplied in: ((β+T)/(β+T+h))^s for Pareto/NBD, E[e^(−λph)] over the alive posterior for the BG
 * models, B(γ, δ+n+h)/B(γ, δ+n) for BG/BB. Always in [0, 1]; unchanged when every time (and alpha, beta)
 * is expressed in another unit. A fit with covariates uses the customer's `covariates`; a fit with
 * time-varying covariates (`timeVarying`, Pareto/NBD) the customer's `covariatePath` and `purchaseTimes`
 * ({@link CovariatePathHistory}), with the path running to T + horizon: P(alive at T) is the alive term's
 * share of the path likelihood, times ((β+B(T))/(β+B(T+h)))^s with B the dropout exposure ∫ e^(γ·z(t)) dt.
 *
 * @param fit - a BG/NBD, MBG/NBD, Pareto/NBD or BG/BB fit
 * @param customer - `{ frequency, recency, T }` (BG/BB: `{ frequency, recency, periods }`)
 * @param options - `horizon` (default 0), `intervals` for a range around the probability
 * @returns a probability in [0, 1]; with `intervals`, the probability with its interval
 * @throws PatronageError `INVALID_FIT`, `UNSUPPORTED_MODEL`, `INVALID_SUMMARY_ROW` for an inconsistent
 *   customer, the field codes for a bad horizon.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one); for a fit with covariates,
 *   `MISSING_COVARIATE` naming a covariate the customer lacks; for a time-varying fit,
 *   `INVALID_COVARIATE_PATH` for a customer without a path, or one with a gap, an overlap or not reaching
 *   T + horizon. With `intervals`, the codes of {@link predictionInterval}.
 *
 * @example
 * ```ts
 * import { fitBgNbd, probabilityAlive } from 'patronage';
 *
 * const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * probabilityAlive(fit, { frequency: 0, recency: 0, T: 38.86 }); // => 1
 * // two purchases, the last 8 weeks ago
 * Math.round(probabilityAlive(fit, { frequency: 2, recency: 30.43, T: 38.86 }) * 1000) / 1000; // => 0.727
 * // a heavy buyer who went quiet for 20 weeks
 * probabilityAlive(fit, { frequency: 20, recency: 18.86, T: 38.86 }) < 0.01; // => true
 *
 * // a 90% interval from the estimates' covariance, for a fit made here
 * const own = fitBgNbd([
 *   { frequency: 0, recency: 0, T: 38, weight: 600 },
 *   { frequency: 1, recency: 4, T: 38, weight: 100 },
 *   { frequency: 1, recency: 30, T: 36, weight: 90 },
 *   { frequency: 2, recency: 10, T: 38, weight: 40 },
 *   { frequency: 2, recency: 33, T: 35, weight: 40 },
 *   { frequency: 4, recency: 20, T: 37, weight: 20 },
 *   { frequency: 6, recency: 35, T: 37, weight: 15 },
 * ]);
 * const range = probabilityAlive(own, { frequency: 2, recency: 12, T: 30 }, { intervals: { method: 'delta' } });
 * 0 < range.lower && range.lower < range.estimate && range.upper < 1; // => true
 * ```
 *
 * @category CLV models
 */
export function probabilityAlive(
  fit: ModelSpec,
  customer: CustomerHistory | DiscreteHistory | CovariatePathHistory,
  options?: ProbabilityAliveOptions & { readonly intervals?: undefined },
): number;
export function probabilityAlive(
  fit: ModelSpec,
  customer: CustomerHistory | DiscreteHistory | CovariatePathHistory,
  options: ProbabilityAliveOptions & { readonly intervals: PredictionIntervalOptions },
): PredictionInterval;
export function probabilityAlive(
  fit: ModelSpec,
  customer: CustomerHistory | DiscreteHistory | CovariatePathHistory,
  options?: ProbabilityAliveOptions,
): number | PredictionInterval {
  const record = optionalObject(FN, 'options', options, PROBABILITY_ALIVE_OPTION_KEYS);
  if (record['intervals'] === undefined) return pointProbabilityAlive(fit, customer, record);
  const { intervals, ...rest } = record;
  return intervalFor(
    FN,
    [fit],
    intervals,
    ([spec]) => pointProbabilityAlive(spec as ModelSpec, customer, rest),
    'probability',
  );
}

/** {@link probabilityAlive} without the `intervals` option, its options already read. Internal. */
export function pointProbabilityAlive(
  fit: ModelSpec,
  customer: CustomerHistory | DiscreteHistory | CovariatePathHistory,
  record: Readonly<Record<string, unknown>>,
): number {
  const model = requireModel(FN, fit, ['probabilityAliveLater'], undefined, true);
  const time = model.definition.time ?? 'continuous';
  const horizon =
    record['horizon'] === undefined ? 0 : requireDuration(FN, 'options.horizon', record['horizon'], time);
  return customerPrediction(FN, model, fit, customer, horizon, 'alive', (own, x, tx, T, h) =>
    model.predictions.probabilityAliveLater(own, x, tx, T, h),
  );
}
