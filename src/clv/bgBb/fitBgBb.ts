import { customerBaseHint, fitModel } from '../core/fitCore';
import { readFitOptions } from '../core/fitOptions';
import { discreteRows } from '../core/rows';
import type { BgBbFit, DiscreteHistory, FitOptions } from '../core/types';
import { BG_BB } from './definition';

/**
 * A BG/BB row: a customer's discrete-time summary, optionally standing for `weight` identical customers.
 *
 * @category CLV models
 */
export interface DiscreteSummaryRow extends DiscreteHistory {
  /** How many customers share this summary (default 1). */
  readonly weight?: number;
}

/**
 * BG/BB rows as columns: one array (or typed array) per field, all of one length (a histogram of
 * (x, t_x, n) with counts, say). Other keys are ignored.
 *
 * @example
 * ```ts
 * import { fitBgBb } from 'patronage';
 *
 * const fit = fitBgBb({
 *   frequency: [0, 1, 3, 6],
 *   recency: [0, 1, 6, 6],
 *   periods: [6, 6, 6, 6],
 *   weight: [3464, 1091, 357, 1203],
 * });
 * fit.n; // => 6115
 * ```
 *
 * @category CLV models
 */
export interface DiscreteSummaryColumns {
  /** x per row: transactions. */
  readonly frequency: ArrayLike<number>;
  /** t_x per row: the opportunity of the last transaction (0 without one). */
  readonly recency: ArrayLike<number>;
  /** n per row: opportunities observed. */
  readonly periods: ArrayLike<number>;
  /** How many customers each row stands for (default 1 each). */
  readonly weight?: ArrayLike<number>;
}

/**
 * Fits the beta-geometric/beta-Bernoulli model (Fader, Hardie & Shang 2010) for discrete transaction
 * opportunities (annual donations, event attendance): while alive a customer transacts at each opportunity
 * with probability p ~ Beta(alpha, beta) and drops out before each opportunity with probability
 * θ ~ Beta(gamma, delta).
 *
 * @param rows - `{ frequency, recency, periods, weight? }`: x transactions in n = `periods` opportunities,
 *   the last at opportunity t_x (0 when x = 0); the donations data's (x, t_x, n) with counts as weights;
 *   or the same as columns ({@link DiscreteSummaryColumns}). The fit does not depend on the rows' order.
 * @param options - `penalty: { logParams: c }` (c from 0 to 1e6, default 0): maximise ln L − n·c·Σ (ln θ)² instead of
 *   ln L, shrinking the parameters towards 1 on small data ({@link FitPenalty}); `logLikelihood` stays the
 *   unpenalised value, and `penalizedLogLikelihood` is the objective
 * @returns the fit, with `params` `{ alpha, beta, gamma, delta }`
 * @throws PatronageError `EMPTY_INPUT` for no rows; naming the row, `INVALID_ARGUMENT`, `NOT_FINITE`,
 *   `NOT_AN_INTEGER` or `OUT_OF_RANGE` for a bad field, `INVALID_SUMMARY_ROW` when recency exceeds
 *   periods, frequency exceeds recency, recency is 0 with transactions (or not 0 without) or a weight is not
 *   positive; for columns, `INVALID_ARGUMENT` naming a missing, non-array or shorter column; for options,
 *   `INVALID_OPTION` naming an unknown key and `OUT_OF_RANGE` (outside [0, 1e6]) or `NOT_FINITE` for
 *   `penalty.logParams`.
 *
 * @example
 * ```ts
 * import { fitBgBb } from 'patronage';
 *
 * const fit = fitBgBb([
 *   { frequency: 0, recency: 0, periods: 6, weight: 3464 },
 *   { frequency: 1, recency: 1, periods: 6, weight: 1091 },
 *   { frequency: 3, recency: 6, periods: 6, weight: 357 },
 *   { frequency: 6, recency: 6, periods: 6, weight: 1203 },
 * ]);
 * fit.model; // => 'bgBb'
 * fit.n; // => 6115
 * ```
 *
 * @category CLV models
 */
export function fitBgBb(
  rows: readonly DiscreteSummaryRow[] | DiscreteSummaryColumns,
  options?: FitOptions,
): BgBbFit {
  const penalty = readFitOptions('fitBgBb', options);
  const compressed = discreteRows('fitBgBb', rows);
  return fitModel(BG_BB, compressed, customerBaseHint(compressed, 'discrete'), penalty);
}
