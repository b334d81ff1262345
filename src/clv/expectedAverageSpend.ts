import { PatronageError } from '../errors/PatronageError';
import { optionalObject, optionKeys, requireCount, requireFinite, requireObject } from '../internal/validate';
import { finiteResult } from './core/inputs';
import type { ModelSpec } from './core/types';
import { intervalFor, type PredictionInterval, type PredictionIntervalOptions } from './predictionInterval';
import { requireModel } from './registry';

/**
 * A customer's spend history for {@link expectedAverageSpend}.
 *
 * @category CLV models
 */
export interface SpendHistory {
  /** x: repeat transactions (0 for a customer without any: the population mean is returned). */
  readonly frequency: number;
  /** m̄: mean value of those transactions (ignored when frequency is 0). */
  readonly monetaryValue: number;
}

/**
 * Options of {@link expectedAverageSpend}.
 *
 * @category CLV models
 */
export interface ExpectedAverageSpendOptions {
  /**
   * A range around the expected spend (`{ level, method: 'delta' | 'bootstrap', bootstrap }`): the result is then
   * a {@link PredictionInterval}. See {@link predictionInterval}.
   */
  readonly intervals?: PredictionIntervalOptions;
}

const EXPECTED_AVERAGE_SPEND_OPTION_KEYS = /* @__PURE__ */ optionKeys<ExpectedAverageSpendOptions>()([
  'intervals',
]);

const FN = 'expectedAverageSpend';

/**
 * The expected value of a customer's future transactions under the Gamma-Gamma model (Fader, Hardie & Lee
 * 2005; Fader & Hardie 2013 eq. 5): E[M | x, m̄] = p(γ + x·m̄)/(px + q − 1), a weighted average of the
 * population mean pγ/(q − 1) and the customer's own mean m̄, the weight on m̄ growing with x.
 *
 * @param fit - a Gamma-Gamma fit
 * @param customer - `{ frequency, monetaryValue }`; frequency 0 gives the population mean
 * @param options - `intervals` for a range around the expected spend
 * @returns the expected spend per transaction, in the fit's money unit; with `intervals`, with its interval
 * @throws PatronageError `INVALID_FIT`, `UNSUPPORTED_MODEL` for other models, the field codes,
 *   `INVALID_SUMMARY_ROW` for a monetary value that is not positive with frequency above 0,
 *   `UNDEFINED_PREDICTION` when px + q ≤ 1 (for frequency 0: q ≤ 1), where the expectation is infinite.
 *   With `intervals`, the codes of {@link predictionInterval}; `INVALID_OPTION` for an unknown option key.
 *
 * @example
 * ```ts
 * import { expectedAverageSpend } from 'patronage';
 *
 * // Fader, Hardie & Lee (2005): the CDNOW spend model
 * const fit = { model: 'gammaGamma', params: { p: 6.25, q: 3.74, gamma: 15.44 } } as const;
 * Math.round(expectedAverageSpend(fit, { frequency: 0, monetaryValue: 0 }) * 100) / 100; // => 35.22
 * Math.round(expectedAverageSpend(fit, { frequency: 2, monetaryValue: 22.35 }) * 100) / 100; // => 24.66
 * ```
 *
 * @category CLV models
 */
export function expectedAverageSpend(
  fit: ModelSpec,
  customer: SpendHistory,
  options?: ExpectedAverageSpendOptions & { readonly intervals?: undefined },
): number;
export function expectedAverageSpend(
  fit: ModelSpec,
  customer: SpendHistory,
  options: ExpectedAverageSpendOptions & { readonly intervals: PredictionIntervalOptions },
): PredictionInterval;
export function expectedAverageSpend(
  fit: ModelSpec,
  customer: SpendHistory,
  options?: ExpectedAverageSpendOptions,
): number | PredictionInterval {
  const record = optionalObject(FN, 'options', options, EXPECTED_AVERAGE_SPEND_OPTION_KEYS);
  if (record['intervals'] === undefined) return pointSpend(fit, customer);
  return intervalFor(
    FN,
    [fit],
    record['intervals'],
    ([spec]) => pointSpend(spec as ModelSpec, customer),
    'positive',
  );
}

function pointSpend(fit: ModelSpec, customer: SpendHistory): number {
  const { params, predictions } = requireModel(FN, fit, ['expectedAverageSpend']);
  const record = requireObject(FN, 'customer', customer);
  const x = requireCount(FN, 'customer.frequency', record['frequency']);
  const m = requireFinite(FN, 'customer.monetaryValue', record['monetaryValue']);
  if (x > 0 && !(m > 0)) {
    throw new PatronageError(
      'INVALID_SUMMARY_ROW',
      `${FN}: customer.monetaryValue (${m}) must be positive when frequency is above 0`,
      {
        argument: 'customer.monetaryValue',
        value: m,
      },
    );
  }
  return finiteResult(FN, 'expected spend', predictions.expectedAverageSpend(params, x, m));
}
