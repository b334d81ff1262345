import { PatronageError } from '../errors/PatronageError';
import { optionalObject, optionKeys } from '../internal/validate';
import type { CovariatePathHistory } from './core/covariatePaths';
import { requireCoefficients } from './core/covariates';
import { finiteResult, requireDuration } from './core/inputs';
import { isTimeVarying } from './core/pathPredictions';
import type { CustomerHistory, DiscreteHistory, ModelSpec } from './core/types';
import { customerPrediction } from './customerPrediction';
import { intervalFor, type PredictionInterval, type PredictionIntervalOptions } from './predictionInterval';
import { requireModel } from './registry';

/**
 * Options of {@link expectedPurchases}.
 *
 * @category CLV models
 */
export interface ExpectedPurchasesOptions {
  /**
   * A range around the prediction (`{ level, method: 'delta' | 'bootstrap', bootstrap }`): the result is then a
   * {@link PredictionInterval} instead of a number. See {@link predictionInterval}.
   */
  readonly intervals?: PredictionIntervalOptions;
}

const EXPECTED_PURCHASES_OPTION_KEYS = /* @__PURE__ */ optionKeys<ExpectedPurchasesOptions>()(['intervals']);

const FN = 'expectedPurchases';

/**
 * Expected repeat purchases in a future window of length `t`, from a BG/NBD, MBG/NBD, Pareto/NBD or BG/BB
 * fit (dispatching on `fit.model`).
 *
 * - Without `customer`: E[X(t)], the purchases of a customer just acquired in (0, t] (Fader, Hardie & Lee
 *   2005 eq. 9 for BG/NBD; Schmittlein et al. 1987 for Pareto/NBD; Fader, Hardie & Shang 2010 eq. 8 for BG/BB).
 * - With `customer` (x, t_x, T): E[Y(t) | x, t_x, T], the purchases in (T, T + t] given that history
 *   (FHL 2005 eq. 10; Fader & Hardie 2005 eq. 27; FHS 2010 eq. 13).
 *
 * `t` and the customer's times are in the unit the model was fitted in; for BG/BB, `t` is a whole number of
 * future opportunities and the customer is `{ frequency, recency, periods }`. Never negative; non-decreasing
 * in `t`. A fit with covariates (its `coefficients`) uses the customer's `covariates`, and needs the customer.
 * A fit with time-varying covariates (`timeVarying`, Pareto/NBD) needs the customer's `covariatePath` through
 * T + t (the future covariate path) and `purchaseTimes` ({@link CovariatePathHistory}): P(alive at T) ·
 * (r+x)/(α+A(T)) · ∫_T^{T+t} a(u)·((β+B(T))/(β+B(u)))^s du, exactly, segment by segment (A and B the
 * purchase and dropout exposures ∫ e^(γ·z(t)) dt along the path).
 *
 * @param fit - a fit from {@link fitBgNbd}, {@link fitMbgNbd}, {@link fitParetoNbd} or {@link fitBgBb}
 *   (or any `{ model, params }`)
 * @param t - the length of the future window, in the fit's time unit (opportunities for BG/BB)
 * @param customer - the customer's summary, or omitted (undefined) for a new customer
 * @param options - `intervals` for a range around the prediction ({@link PredictionIntervalOptions})
 * @returns the expected number of repeat purchases; with `intervals`, the number with its interval
 * @throws PatronageError `INVALID_FIT` for a malformed fit, `UNSUPPORTED_MODEL` for a Gamma-Gamma or
 *   shifted beta-geometric fit, the field codes for `t`, `INVALID_SUMMARY_ROW` for an inconsistent customer,
 *   `MISSING_COVARIATE` for a fit with covariates without the customer or a covariate of it;
 *   `INVALID_COVARIATE_PATH` for a time-varying fit's customer without a path or with one that has a gap,
 *   an overlap or stops before T + t. With `intervals`, the codes of {@link predictionInterval}.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { expectedPurchases, fitBgNbd } from 'patronage';
 *
 * // Fader, Hardie & Lee (2005): the CDNOW BG/NBD fit, in weeks
 * const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * Math.round(expectedPurchases(fit, 39) * 1000) / 1000; // => 1.197
 * // the paper's customer: 2 repeat purchases, the last at week 30.43, observed for 38.86 weeks
 * Math.round(expectedPurchases(fit, 39, { frequency: 2, recency: 30.43, T: 38.86 }) * 1000) / 1000; // => 1.226
 *
 * // with a 90% interval from a fit's covariance (the delta method)
 * const rows = [
 *   { frequency: 0, recency: 0, T: 38, weight: 600 },
 *   { frequency: 1, recency: 4, T: 38, weight: 100 },
 *   { frequency: 1, recency: 30, T: 36, weight: 90 },
 *   { frequency: 2, recency: 10, T: 38, weight: 40 },
 *   { frequency: 2, recency: 33, T: 35, weight: 40 },
 *   { frequency: 4, recency: 20, T: 37, weight: 20 },
 *   { frequency: 6, recency: 35, T: 37, weight: 15 },
 * ];
 * const own = fitBgNbd(rows);
 * const range = expectedPurchases(own, 52, { frequency: 2, recency: 25, T: 30 }, { intervals: { method: 'delta' } });
 * range.lower < range.estimate && range.estimate < range.upper; // => true
 * ```
 *
 * @category CLV models
 */
export function expectedPurchases(
  fit: ModelSpec,
  t: number,
  customer?: CustomerHistory | DiscreteHistory | CovariatePathHistory,
  options?: ExpectedPurchasesOptions & { readonly intervals?: undefined },
): number;
export function expectedPurchases(
  fit: ModelSpec,
  t: number,
  customer: CustomerHistory | DiscreteHistory | CovariatePathHistory | undefined,
  options: ExpectedPurchasesOptions & { readonly intervals: PredictionIntervalOptions },
): PredictionInterval;
export function expectedPurchases(
  fit: ModelSpec,
  t: number,
  customer?: CustomerHistory | DiscreteHistory | CovariatePathHistory,
  options?: ExpectedPurchasesOptions,
): number | PredictionInterval {
  const record = optionalObject(FN, 'options', options, EXPECTED_PURCHASES_OPTION_KEYS);
  if (record['intervals'] === undefined) return pointExpectedPurchases(fit, t, customer);
  return intervalFor(
    FN,
    [fit],
    record['intervals'],
    ([spec]) => pointExpectedPurchases(spec as ModelSpec, t, customer),
    'positive',
  );
}

/** {@link expectedPurchases} without the `intervals` option: the number alone (for the charts, which need no interval code). Internal. */
export function pointExpectedPurchases(
  fit: ModelSpec,
  t: number,
  customer?: CustomerHistory | DiscreteHistory | CovariatePathHistory,
): number {
  const model = requireModel(FN, fit, ['expectedPurchases', 'conditionalExpectedPurchases'], undefined, true);
  const { definition, params, predictions } = model;
  const time = definition.time ?? 'continuous';
  const window = requireDuration(FN, 't', t, time);
  if (customer === undefined) {
    if (isTimeVarying(fit) || requireCoefficients(FN, definition, fit) !== null) {
      throw new PatronageError(
        'MISSING_COVARIATE',
        `${FN}: a fit with covariates predicts for a customer with covariates; give the customer`,
        { argument: 'customer', value: customer },
      );
    }
    return finiteResult(FN, 'expected purchases', predictions.expectedPurchases(params, window));
  }
  return customerPrediction(FN, model, fit, customer, window, 'purchases', (own, x, tx, T, h) =>
    predictions.conditionalExpectedPurchases(own, x, tx, T, h),
  );
}
