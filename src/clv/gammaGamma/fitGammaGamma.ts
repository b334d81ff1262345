import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { optionalObject, optionKeys } from '../../internal/validate';
import { type FitDefinition, fitModel, maximumLikelihood, spendHint } from '../core/fitCore';
import { spendRows } from '../core/rows';
import type { GammaGammaFit } from '../core/types';
import { GAMMA_GAMMA } from './definition';
import { frequencySpendCorrelation } from './frequencySpendCorrelation';
import { gammaGammaLikelihood } from './likelihood';

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
export interface FitGammaGammaOptions {
  /**
   * Keep q above 1 (lifetimes' `q_constraint`), so that the population mean spend pγ/(q − 1) is finite and
   * positive. Default false. The fit is the unconstrained one whenever that has q > 1; otherwise the
   * likelihood is maximised over q > 1 (the optimiser works on ln(q − 1)), and when the data put the
   * maximum at q ≤ 1 the estimate ends at the bound, reported as not converged with the reason.
   */
  readonly qAboveOne?: boolean;
}

const FIT_GAMMA_GAMMA_OPTION_KEYS = /* @__PURE__ */ optionKeys<FitGammaGammaOptions>()(['qAboveOne']);

const FN = 'fitGammaGamma';

/** The starts under `qAboveOne`, as (p, q − 1, γ) on the fit's money scale: q at 2, 3 and 5. */
const STARTS_ABOVE_ONE: FitDefinition<'gammaGamma'> = {
  name: 'gammaGamma',
  parameters: GAMMA_GAMMA.parameters,
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
 * The model assumes spend is independent of purchase frequency; check that the correlation between
 * `frequency` and `monetaryValue` is weak before relying on it.
 *
 * @param rows - `{ frequency, monetaryValue, weight? }` for customers with at least one repeat transaction
 *   (filter `frequency > 0` from {@link rfmSummary} rows: customers without one carry no spend information)
 * @returns the fit, with `params` `{ p, q, gamma }` (`gamma` in money)
 * @throws PatronageError `EMPTY_INPUT` for no rows; naming the row, the field codes, and
 *   `INVALID_SUMMARY_ROW` for frequency 0, a monetary value that is not positive or a weight that is not
 *   positive.
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
  options?: FitGammaGammaOptions,
): GammaGammaFit {
  const record = optionalObject(FN, 'options', options, FIT_GAMMA_GAMMA_OPTION_KEYS);
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
  const fit = fitModel(GAMMA_GAMMA, compressed, hint);
  if (!qAboveOne || (fit.logLikelihood !== null && fit.params.q > 1)) {
    return { ...fit, frequencySpendCorrelation: frequencySpendCorrelationValue };
  }
  const constrained = maximumLikelihood(
    STARTS_ABOVE_ONE,
    gammaGammaLikelihood(compressed, true),
    hint ??
      (fit.logLikelihood === null
        ? null
        : `without the constraint the likelihood is highest at q = ${fit.params.q.toPrecision(3)}, so no q above 1 maximises it: the customers' mean spends have too heavy a tail for a finite population mean`),
  );
  return { ...constrained, frequencySpendCorrelation: frequencySpendCorrelationValue };
}
