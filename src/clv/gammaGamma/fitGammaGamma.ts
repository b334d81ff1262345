import { fitModel, spendHint } from '../core/fitCore';
import { readFitOptions } from '../core/fitOptions';
import { spendRows } from '../core/rows';
import type { FitOptions, GammaGammaFit } from '../core/types';
import { GAMMA_GAMMA } from './definition';

/**
 * A Gamma-Gamma row: a customer's repeat transactions and their mean value, optionally weighted.
 *
 * @category CLV models
 */
export interface SpendSummaryRow {
  /** x: repeat transactions (at least 1). */
  readonly frequency: number;
  /** m̄: the mean value of those transactions, in money (positive). */
  readonly monetaryValue: number;
  /** How many customers share this summary (default 1). */
  readonly weight?: number;
}

/**
 * Gamma-Gamma rows as columns: one array (or typed array) per field, all of one length. Other keys are
 * ignored.
 *
 * @example
 * ```ts
 * import { fitGammaGamma } from 'patronage';
 *
 * const fit = fitGammaGamma({ frequency: [1, 2, 3, 5, 8], monetaryValue: [20, 35, 18, 42, 25] });
 * fit.n; // => 5
 * ```
 *
 * @category CLV models
 */
export interface SpendSummaryColumns {
  /** x per row: repeat transactions (at least 1). */
  readonly frequency: ArrayLike<number>;
  /** m̄ per row: their mean value (positive). */
  readonly monetaryValue: ArrayLike<number>;
  /** How many customers each row stands for (default 1 each). */
  readonly weight?: ArrayLike<number>;
}

/**
 * Fits the Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader &
 * Hardie 2013, "The Gamma-Gamma Model of Monetary Value"): transaction values are Gamma(p, ν) around a
 * customer's mean p/ν, with ν ~ Gamma(q, gamma). Per customer with x transactions of mean m̄:
 * ln f = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(γ + m̄x).
 *
 * The model assumes spend is independent of purchase frequency; check that the correlation between
 * `frequency` and `monetaryValue` is weak before relying on it.
 *
 * @param rows - `{ frequency, monetaryValue, weight? }` for customers with at least one repeat transaction
 *   (filter `frequency > 0` from {@link rfmSummary} rows: customers without one carry no spend information)
 * @param options - `penalty: { logParams: c }` (c from 0 to 1e6, default 0): maximise ln L − n·c·Σ (ln θ)² instead of
 *   ln L, shrinking the parameters towards 1 on small data ({@link FitPenalty}); `logLikelihood` stays the
 *   unpenalised value, and `penalizedLogLikelihood` is the objective
 * @returns the fit, with `params` `{ p, q, gamma }` (`gamma` in money)
 * @throws PatronageError `EMPTY_INPUT` for no rows; naming the row, the field codes, and
 *   `INVALID_SUMMARY_ROW` for frequency 0, a monetary value that is not positive or a weight that is not
 *   positive; for options,
 *   `INVALID_OPTION` naming an unknown key and `OUT_OF_RANGE` (outside [0, 1e6]) or `NOT_FINITE` for
 *   `penalty.logParams`.
 *
 * @example
 * ```ts
 * import { fitGammaGamma } from 'patronage';
 *
 * const fit = fitGammaGamma([
 *   { frequency: 5, monetaryValue: 10 },
 *   { frequency: 6, monetaryValue: 80 },
 *   { frequency: 4, monetaryValue: 25 },
 *   { frequency: 8, monetaryValue: 45 },
 *   { frequency: 1, monetaryValue: 30 },
 *   { frequency: 2, monetaryValue: 15 },
 *   { frequency: 3, monetaryValue: 60 },
 *   { frequency: 7, monetaryValue: 20 },
 * ]);
 * fit.model; // => 'gammaGamma'
 * Object.keys(fit.params); // => ['p', 'q', 'gamma']
 * ```
 *
 * @category CLV models
 */
export function fitGammaGamma(
  rows: readonly SpendSummaryRow[] | SpendSummaryColumns,
  options?: FitOptions,
): GammaGammaFit {
  const penalty = readFitOptions('fitGammaGamma', options);
  const compressed = spendRows('fitGammaGamma', rows);
  return fitModel(GAMMA_GAMMA, compressed, spendHint(compressed), penalty);
}
