import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { optionalObject, optionKeys } from '../../internal/validate';
import { type FitDefinition, fitModel, maximumLikelihood, spendHint } from '../core/fitCore';
import { readFitOptions } from '../core/fitOptions';
import { spendRows } from '../core/rows';
import type { FitOptions, GammaGammaFit } from '../core/types';
import { GAMMA_GAMMA } from './definition';
import { frequencySpendCorrelation } from './frequencySpendCorrelation';
import { qAboveOneLikelihood } from './likelihood';

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
 * Options of {@link fitGammaGamma}.
 *
 * @category CLV models
 */
export interface FitGammaGammaOptions extends FitOptions {
  /**
   * Keep q above 1 (lifetimes' `q_constraint`), so that the population mean spend pγ/(q − 1) is finite and
   * positive. Default false. The fit is the unconstrained one whenever that has q > 1; otherwise the
   * likelihood is maximised over q > 1 (the optimiser works on ln(q − 1)), and when the data put the
   * maximum at q ≤ 1 the estimate ends at the bound, reported as not converged with the reason.
   */
  readonly qAboveOne?: boolean;
}

const FIT_GAMMA_GAMMA_OPTION_KEYS = /* @__PURE__ */ optionKeys<FitGammaGammaOptions>()([
  'penalty',
  'qAboveOne',
]);

const FN = 'fitGammaGamma';

/**
 * The definition under `qAboveOne`: its starts are (p, q − 1, γ) on the fit's money scale, q at 2, 3 and 5.
 * (A plain literal, so that a bundle without fitGammaGamma drops it.)
 */
const ABOVE_ONE: FitDefinition<'gammaGamma'> = {
  name: 'gammaGamma',
  parameters: ['p', 'q', 'gamma'],
  starts: [
    [1, 1, 1],
    [5, 2, 3],
    [0.5, 4, 0.2],
  ],
};

/**
 * Fits the Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader &
 * Hardie 2013, "The Gamma-Gamma Model of Monetary Value"): transaction values are Gamma(p, ν) around a
 * customer's mean p/ν, with ν ~ Gamma(q, gamma). Per customer with x transactions of mean m̄:
 * ln f = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(γ + m̄x).
 *
 * The model assumes spend is independent of purchase frequency: the fit reports the Pearson correlation
 * of `frequency` and `monetaryValue` over its customers as `frequencySpendCorrelation`, which should be
 * weak (Fader & Hardie 2013 find 0.11 on CDNOW) before the model is relied on (see the Gamma-Gamma guide).
 * The likelihood is summed by distinct frequency: its gamma functions are evaluated once per frequency and
 * only ln(γ + m̄x) once per distinct row.
 *
 * @param rows - `{ frequency, monetaryValue, weight? }` for customers with at least one repeat transaction
 *   (filter `frequency > 0` from {@link rfmSummary} rows: customers without one carry no spend information)
 * @param options - `qAboveOne` (default false): keep q above 1, so that the population mean spend
 *   pγ/(q − 1) is finite (lifetimes' `q_constraint`); `penalty: { logParams: c }` (c from 0 to 1e6, default 0):
 *   maximise ln L − n·c·Σ (ln θ)² instead of ln L, shrinking the parameters towards 1 on small data
 *   ({@link FitPenalty}; under `qAboveOne` the term for q is (ln(q − 1))², the coordinate the optimiser moves);
 *   `logLikelihood` stays the unpenalised value, and `penalizedLogLikelihood` is the objective
 * @returns the fit, with `params` `{ p, q, gamma }` (`gamma` in money) and `frequencySpendCorrelation`
 *   (null when every customer has the same frequency or the same mean spend). Under `qAboveOne` it is the
 *   unconstrained fit whenever that has q > 1 (standard errors and intervals included); otherwise the
 *   maximum over q > 1, which the data may put at the bound (`converged` false, the reason says so).
 * @throws PatronageError `EMPTY_INPUT` for no rows; naming the row, the field codes, and
 *   `INVALID_SUMMARY_ROW` for frequency 0, a monetary value that is not positive or a weight that is not
 *   positive; for options, `INVALID_OPTION` for an unknown option key (naming the nearest valid one),
 *   `INVALID_ARGUMENT` for a `qAboveOne` that is not a boolean, and `OUT_OF_RANGE` (outside [0, 1e6]) or
 *   `NOT_FINITE` for `penalty.logParams`.
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
 * // the independence check: frequency and mean spend are only weakly correlated here
 * Math.round((fit.frequencySpendCorrelation ?? Number.NaN) * 100) / 100; // => 0.21
 * ```
 *
 * @example
 * ```ts
 * import { fitGammaGamma } from 'patronage';
 *
 * // repeat buyers as a histogram: frequency, mean spend and how many customers share them
 * const fit = fitGammaGamma(
 *   {
 *     frequency: [1, 1, 1, 2, 2, 2, 3, 3, 4, 6],
 *     monetaryValue: [12, 25, 60, 15, 30, 45, 20, 35, 28, 33],
 *     weight: [40, 30, 10, 20, 15, 6, 10, 6, 5, 3],
 *   },
 *   { qAboveOne: true },
 * );
 * fit.params.q > 1; // => true
 * ```
 *
 * @category CLV models
 */
export function fitGammaGamma(
  rows: readonly SpendSummaryRow[] | SpendSummaryColumns,
  options?: FitGammaGammaOptions,
): GammaGammaFit {
  const record = optionalObject(FN, 'options', options, FIT_GAMMA_GAMMA_OPTION_KEYS);
  const penalty = readFitOptions(
    FN,
    record['penalty'] === undefined ? undefined : { penalty: record['penalty'] },
  );
  const qAboveOne = record['qAboveOne'] ?? false;
  if (typeof qAboveOne !== 'boolean') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: options.qAboveOne must be true or false, got ${describeValue(qAboveOne)}`,
      { argument: 'options.qAboveOne', value: qAboveOne },
    );
  }
  const compressed = spendRows(FN, rows);
  const hint = spendHint(compressed);
  const frequencySpendCorrelationValue = frequencySpendCorrelation(compressed);
  const fit = fitModel(GAMMA_GAMMA, compressed, hint, penalty);
  if (!qAboveOne || (fit.logLikelihood !== null && fit.params.q > 1)) {
    return { ...fit, frequencySpendCorrelation: frequencySpendCorrelationValue };
  }
  const constrained = maximumLikelihood(
    ABOVE_ONE,
    qAboveOneLikelihood(compressed),
    hint ??
      (fit.logLikelihood === null
        ? null
        : `without the constraint the likelihood is highest at q = ${fit.params.q.toPrecision(3)}, so no q above 1 maximises it: the customers' mean spends have too heavy a tail for a finite population mean`),
    penalty,
  );
  return { ...constrained, frequencySpendCorrelation: frequencySpendCorrelationValue };
}
