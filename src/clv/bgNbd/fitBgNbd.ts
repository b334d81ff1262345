import {
  type CovariateFit,
  type CovariateFitOptions,
  fitWithCovariates,
  hasCovariates,
} from '../core/covariates';
import { customerBaseHint, fitModel } from '../core/fitCore';
import { readFitOptions } from '../core/fitOptions';
import { continuousRows } from '../core/rows';
import type { BgNbdFit, CustomerHistory, FitOptions, MbgNbdFit } from '../core/types';
import { BG_NBD_COVARIATES } from './covariateKernel';
import { BG_NBD, MBG_NBD } from './definition';

/**
 * A row for the continuous-time fits: a customer's summary, optionally standing for `weight` identical customers.
 *
 * @category CLV models
 */
export interface CustomerSummaryRow extends CustomerHistory {
  /** How many customers share this summary (default 1). */
  readonly weight?: number;
}

/**
 * The continuous-time fits' rows as columns: one array (or typed array) per field, all of one length, such
 * as a histogram from a SQL engine (`frequency, recency, T, weight`) or {@link rfmSummaryColumns}' result.
 * Other keys are ignored, as other fields of a row are.
 *
 * @example
 * ```ts
 * import { fitBgNbd, type CustomerSummaryColumns } from 'patronage';
 *
 * const histogram: CustomerSummaryColumns = {
 *   frequency: [0, 0, 1, 1, 2, 2, 4, 6, 12],
 *   recency: [0, 0, 4, 30, 10, 33, 20, 35, 36],
 *   T: [38, 30, 38, 36, 38, 35, 37, 37, 38],
 *   weight: [600, 300, 100, 90, 40, 40, 20, 15, 5],
 * };
 * fitBgNbd(histogram).n; // => 1210
 * ```
 *
 * @category CLV models
 */
export interface CustomerSummaryColumns {
  /** x per row: repeat purchases. */
  readonly frequency: ArrayLike<number>;
  /** t_x per row: the time of the last repeat purchase (0 without one). */
  readonly recency: ArrayLike<number>;
  /** T per row: the time observed since the first purchase. */
  readonly T: ArrayLike<number>;
  /** How many customers each row stands for (default 1 each). */
  readonly weight?: ArrayLike<number>;
}

/**
 * Fits BG/NBD with time-invariant covariates, as CLVTools' static-covariate BG/NBD (Bachmann, Meierer & Näf
 * 2021): customer i has α_i = α·exp(−γ_purchase·z_i) (the purchase rate scales as exp(γ_purchase·z)) and
 * a_i = a·exp(γ_dropout·z_i), b_i = b·exp(γ_dropout·z_i) (one dropout coefficient per covariate, on both
 * shapes of the Beta dropout distribution). Options, result and errors as the covariate form of
 * {@link fitParetoNbd}; see `docs/model-covariates.md`.
 *
 * @param rows - `{ frequency, recency, T, weight?, covariates }` per customer
 * @param options - `covariates: { purchase, dropout }` (names), `constrain`, `fixed`, `start`,
 *   `penalty: { purchase?, dropout?, logParams? }` ({@link FitPenalty})
 * @returns the fit with `coefficients`, their standard errors and intervals, `constrained`, and `aic`,
 *   `bic`, `covariance`, `penalizedLogLikelihood` and `penalty` as every fit
 * @throws PatronageError as the covariate form of {@link fitParetoNbd}
 *
 * @example
 * ```ts
 * import { fitBgNbd } from 'patronage';
 *
 * // frequency, recency, T, weight (customers) and whether they were acquired online
 * const histogram: [number, number, number, number, number][] = [
 *   [0, 0, 38, 180, 1], [0, 0, 38, 420, 0], [0, 0, 30, 105, 1], [0, 0, 30, 195, 0],
 *   [1, 4, 38, 50, 1], [1, 4, 38, 50, 0], [1, 30, 36, 50, 1], [1, 30, 36, 40, 0],
 *   [2, 10, 38, 24, 1], [2, 10, 38, 16, 0], [2, 33, 35, 28, 1], [2, 33, 35, 12, 0],
 *   [4, 20, 37, 14, 1], [4, 20, 37, 6, 0], [6, 35, 37, 12, 1], [6, 35, 37, 3, 0],
 *   [12, 36, 38, 4, 1], [12, 36, 38, 1, 0],
 * ];
 * const rows = histogram.map(([frequency, recency, T, weight, online]) => ({
 *   frequency, recency, T, weight, covariates: { online },
 * }));
 * const fit = fitBgNbd(rows, { covariates: { purchase: ['online'] } });
 * fit.converged; // => true
 * // customers acquired online buy more often
 * (fit.coefficients.purchase['online'] ?? 0) > 0; // => true
 * ```
 *
 * @category CLV models
 */
export function fitBgNbd(
  rows: readonly CustomerSummaryRow[],
  options: CovariateFitOptions<'bgNbd'>,
): CovariateFit<'bgNbd'>;
/**
 * Fits the BG/NBD model (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way") by maximum
 * likelihood: while alive, a customer buys at rate λ ~ Gamma(r, alpha); after each purchase they drop out
 * with probability p ~ Beta(a, b).
 *
 * Times are in whatever unit the rows use (a week in the literature's CDNOW example), and `alpha` comes
 * back in that unit. Identical rows are merged before fitting, so a million customers with day-resolution
 * summaries cost a fraction of a million likelihood terms; the merged rows are put in an order that
 * depends only on the rows given, so the raw rows in any order, or a histogram of them (distinct rows
 * with their counts as `weight`, from any engine or partition), give the same fit to the last bit. The optimiser is BFGS on log-parameters with
 * the analytic gradient, started from several points, with Nelder–Mead as fallback; the likelihood is
 * computed in log space throughout, so heavy buyers (frequency 10⁴) neither overflow nor give NaN.
 *
 * @param rows - `{ frequency, recency, T, weight? }` per customer (x, t_x, T; for example {@link rfmSummary} rows),
 *   or the same as columns ({@link CustomerSummaryColumns})
 * @param options - `penalty: { logParams: c }` (c from 0 to 1e6, default 0): maximise ln L − n·c·Σ (ln θ)² instead of
 *   ln L, shrinking the parameters towards 1 on small data ({@link FitPenalty}); `logLikelihood` stays the
 *   unpenalised value, and `penalizedLogLikelihood` is the objective
 * @returns the fit: `params` `{ r, alpha, a, b }`, `logLikelihood`, `standardErrors`, `confidenceIntervals`,
 *   `iterations`, `converged` (with a `reason` when false), `n` customers, `distinctRows`, `aic`, `bic`,
 *   `covariance` and `penalizedLogLikelihood`
 * @throws PatronageError `EMPTY_INPUT` for no rows; naming the row, `INVALID_ARGUMENT`, `NOT_FINITE`,
 *   `NOT_AN_INTEGER` or `OUT_OF_RANGE` for a bad field and `INVALID_SUMMARY_ROW` when recency exceeds T,
 *   recency is 0 with repeat purchases (or not 0 without), or a weight is not positive; for columns,
 *   `INVALID_ARGUMENT` naming a column that is missing, not an array or of another length, and the value
 *   as `rows.frequency[i]`; for options,
 *   `INVALID_OPTION` naming an unknown key, or `constrain`, `fixed`, `start`, `penalty.purchase` or
 *   `penalty.dropout` without `covariates`, and `OUT_OF_RANGE` (outside [0, 1e6]) or `NOT_FINITE` for
 *   `penalty.logParams`.
 *
 * @example
 * ```ts
 * import { fitBgNbd } from 'patronage';
 *
 * const fit = fitBgNbd([
 *   { frequency: 0, recency: 0, T: 38, weight: 600 },
 *   { frequency: 0, recency: 0, T: 30, weight: 300 },
 *   { frequency: 1, recency: 4, T: 38, weight: 100 },
 *   { frequency: 1, recency: 30, T: 36, weight: 90 },
 *   { frequency: 2, recency: 10, T: 38, weight: 40 },
 *   { frequency: 2, recency: 33, T: 35, weight: 40 },
 *   { frequency: 4, recency: 20, T: 37, weight: 20 },
 *   { frequency: 6, recency: 35, T: 37, weight: 15 },
 *   { frequency: 12, recency: 36, T: 38, weight: 5 },
 * ]);
 * fit.model; // => 'bgNbd'
 * fit.converged; // => true
 * fit.n; // => 1210
 * fit.distinctRows; // => 9
 * Math.round(fit.params.r * 1000) / 1000; // => 0.185
 * ```
 *
 * @category CLV models
 */
export function fitBgNbd(
  rows: readonly CustomerSummaryRow[] | CustomerSummaryColumns,
  options?: FitOptions,
): BgNbdFit;
export function fitBgNbd(
  rows: readonly CustomerSummaryRow[] | CustomerSummaryColumns,
  options?: FitOptions | CovariateFitOptions<'bgNbd'>,
): BgNbdFit | CovariateFit<'bgNbd'> {
  if (hasCovariates(options)) return fitWithCovariates('fitBgNbd', BG_NBD, BG_NBD_COVARIATES, rows, options);
  const penalty = readFitOptions('fitBgNbd', options, true);
  const compressed = continuousRows('fitBgNbd', rows);
  return fitModel(BG_NBD, compressed, customerBaseHint(compressed, 'continuous'), penalty);
}

/**
 * Fits the MBG/NBD model (Batislam, Denizel & Filiztekin 2007): BG/NBD where a customer may also drop out
 * right after the first purchase, so that customers without repeat purchases are not certainly alive
 * (BTYDplus's `mbgnbd`; lifetimes' `ModifiedBetaGeoFitter`). Same inputs, outputs and numerics as
 * {@link fitBgNbd}.
 *
 * @param rows - `{ frequency, recency, T, weight? }` per customer, or the same as columns
 *   ({@link CustomerSummaryColumns})
 * @param options - `penalty: { logParams: c }` (c from 0 to 1e6, default 0): maximise ln L − n·c·Σ (ln θ)² instead of
 *   ln L, shrinking the parameters towards 1 on small data ({@link FitPenalty}); `logLikelihood` stays the
 *   unpenalised value, and `penalizedLogLikelihood` is the objective
 * @returns the fit, with `params` `{ r, alpha, a, b }`
 * @throws PatronageError as {@link fitBgNbd}
 *
 * @example
 * ```ts
 * import { fitMbgNbd } from 'patronage';
 *
 * const fit = fitMbgNbd([
 *   { frequency: 0, recency: 0, T: 38, weight: 600 },
 *   { frequency: 0, recency: 0, T: 30, weight: 300 },
 *   { frequency: 1, recency: 4, T: 38, weight: 100 },
 *   { frequency: 1, recency: 30, T: 36, weight: 90 },
 *   { frequency: 2, recency: 10, T: 38, weight: 40 },
 *   { frequency: 2, recency: 33, T: 35, weight: 40 },
 *   { frequency: 4, recency: 20, T: 37, weight: 20 },
 *   { frequency: 6, recency: 35, T: 37, weight: 15 },
 *   { frequency: 12, recency: 36, T: 38, weight: 5 },
 * ]);
 * fit.model; // => 'mbgNbd'
 * fit.converged; // => true
 * ```
 *
 * @category CLV models
 */
export function fitMbgNbd(
  rows: readonly CustomerSummaryRow[] | CustomerSummaryColumns,
  options?: FitOptions,
): MbgNbdFit {
  const penalty = readFitOptions('fitMbgNbd', options);
  const compressed = continuousRows('fitMbgNbd', rows);
  return fitModel(MBG_NBD, compressed, customerBaseHint(compressed, 'continuous'), penalty);
}
