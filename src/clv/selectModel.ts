import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { optionalObject, optionKeys, requireCount, requireList } from '../internal/validate';
import { type DiscreteSummaryRow, fitBgBb } from './bgBb/fitBgBb';
import { type CustomerSummaryColumns, type CustomerSummaryRow, fitBgNbd, fitMbgNbd } from './bgNbd/fitBgNbd';
import type { ModelFit } from './core/types';
import { fitGgomNbd } from './ggomNbd/fitGgomNbd';
import { type HoldoutComparison, type HoldoutRow, holdoutComparison } from './holdoutComparison';
import { fitNbd } from './nbd/fitNbd';
import { fitParetoNbd } from './paretoNbd/fitParetoNbd';

/**
 * A purchase model {@link selectModel} can fit: the continuous-time models, or BG/BB on its own.
 *
 * @category CLV models
 */
export type SelectableModel = 'bgNbd' | 'mbgNbd' | 'paretoNbd' | 'nbd' | 'ggomNbd' | 'bgBb';

/**
 * The holdout error {@link selectModel} ranks by: a per-customer error of {@link holdoutComparison}, or the
 * gap between predicted and actual holdout totals.
 *
 * @category CLV models
 */
export type SelectionCriterion = 'rootMeanSquaredError' | 'meanAbsoluteError' | 'totalError';

/**
 * Options of {@link selectModel}.
 *
 * @category CLV models
 */
export interface SelectModelOptions {
  /**
   * The candidates, each once (default the continuous models `'bgNbd'`, `'mbgNbd'`, `'paretoNbd'`, `'nbd'`
   * and `'ggomNbd'`); `['bgBb']` for discrete-time rows. Continuous and discrete models cannot be mixed.
   */
  readonly models?: readonly SelectableModel[];
  /** What to rank by (default `'rootMeanSquaredError'`). */
  readonly criterion?: SelectionCriterion;
  /** Passed to {@link holdoutComparison}: frequencies at or above it form one group (default 7). */
  readonly maxFrequency?: number;
}

const SELECT_MODEL_OPTION_KEYS = /* @__PURE__ */ optionKeys<SelectModelOptions>()([
  'models',
  'criterion',
  'maxFrequency',
]);

/**
 * One candidate of {@link selectModel}.
 *
 * @category CLV models
 */
export interface ModelCandidate {
  /** The model. */
  readonly model: SelectableModel;
  /** Its fit on the calibration rows. */
  readonly fit: ModelFit;
  /** The fit against the holdout; null when the fit could not evaluate its likelihood (no estimates). */
  readonly comparison: HoldoutComparison | null;
  /** The criterion's value (lower is better); null with `comparison`. */
  readonly error: number | null;
  /** Whether the candidate can be chosen: the fit converged (`fit.converged`) and has a comparison. */
  readonly eligible: boolean;
  /** Why it cannot be chosen (the fit's reason), or null. */
  readonly reason: string | null;
}

/**
 * The answer of {@link selectModel}.
 *
 * @category CLV models
 */
export interface ModelSelection {
  /** The eligible candidate with the lowest error, or null when no fit converged. */
  readonly best: SelectableModel | null;
  /** The criterion used. */
  readonly criterion: SelectionCriterion;
  /**
   * Every candidate, ranked: the eligible ones by error (ties by the order of `models`), then the fits that
   * did not converge, by error where they have one.
   */
  readonly candidates: readonly ModelCandidate[];
}

const FN = 'selectModel';
const CONTINUOUS: readonly SelectableModel[] = ['bgNbd', 'mbgNbd', 'paretoNbd', 'nbd', 'ggomNbd'];
const FITS: {
  readonly [M in SelectableModel]: (rows: never) => ModelFit;
} = {
  bgNbd: fitBgNbd as (rows: never) => ModelFit,
  mbgNbd: fitMbgNbd as (rows: never) => ModelFit,
  paretoNbd: fitParetoNbd as (rows: never) => ModelFit,
  nbd: fitNbd as (rows: never) => ModelFit,
  ggomNbd: fitGgomNbd as (rows: never) => ModelFit,
  bgBb: fitBgBb as (rows: never) => ModelFit,
};
const CRITERIA: readonly SelectionCriterion[] = ['rootMeanSquaredError', 'meanAbsoluteError', 'totalError'];

function invalid(name: string, message: string, value: unknown): PatronageError {
  return new PatronageError('INVALID_ARGUMENT', `${FN}: ${name} ${message}, got ${describeValue(value)}`, {
    argument: name,
    value,
  });
}

function readModels(value: unknown): readonly SelectableModel[] {
  if (value === undefined) return CONTINUOUS;
  const list = requireList(FN, 'options.models', value);
  if (list.length === 0) throw invalid('options.models', 'must name at least one model', value);
  const seen = new Set<string>();
  list.forEach((model, i) => {
    if (typeof model !== 'string' || !Object.hasOwn(FITS, model)) {
      throw invalid(`options.models[${i}]`, `must be one of ${Object.keys(FITS).join(', ')}`, model);
    }
    if (seen.has(model)) throw invalid(`options.models[${i}]`, 'names a model twice', model);
    seen.add(model);
  });
  if (seen.has('bgBb') && seen.size > 1) {
    throw invalid(
      'options.models',
      'cannot mix bgBb (discrete time, whole opportunities) with the continuous-time models: their rows differ',
      value,
    );
  }
  return list as SelectableModel[];
}

function errorOf(comparison: HoldoutComparison, criterion: SelectionCriterion): number {
  if (criterion === 'totalError') return Math.abs(comparison.predictedTotal - comparison.actualTotal);
  return comparison[criterion];
}

/**
 * Fits candidate purchase models on the calibration rows and ranks them by their error on the holdout
 * ({@link holdoutComparison}): the model to use on this data, chosen by how it predicts rather than by how it
 * fits. A fit that did not converge is listed with its reason and never chosen. Information criteria
 * (`fit.aic`, `fit.bic`) are in each candidate's fit, for the comparison on the calibration data alone
 * (docs/model-comparison.md).
 *
 * The usual input is {@link calibrationHoldoutSummary}'s rows as both arguments (each row carries the
 * calibration history and the holdout count). GGom/NBD is the slowest fit (several times BG/NBD's): leave it
 * out with `models` on large data.
 *
 * @param calibration - the rows to fit on (`{ frequency, recency, T, weight? }`, or columns; BG/BB:
 *   `{ frequency, recency, periods, weight? }`)
 * @param holdout - calibration history plus `frequencyHoldout` and `durationHoldout` (BG/BB: `periodsHoldout`)
 * @param options - `models`, `criterion`, `maxFrequency`
 * @returns the candidates ranked and the best eligible model
 * @throws PatronageError as the fits and {@link holdoutComparison} do for bad rows; `INVALID_ARGUMENT` for an
 *   unknown, repeated or mixed model list or an unknown criterion; `INVALID_OPTION` for an unknown option
 *   key.
 *
 * @example
 * ```ts
 * import { selectModel } from 'patronage';
 *
 * // 1,210 customers: calibration history (38 weeks) and purchases in a 39-week holdout
 * const groups = [
 *   { frequency: 0, recency: 0, T: 38, frequencyHoldout: 0, durationHoldout: 39, weight: 600 },
 *   { frequency: 0, recency: 0, T: 30, frequencyHoldout: 1, durationHoldout: 39, weight: 300 },
 *   { frequency: 1, recency: 4, T: 38, frequencyHoldout: 0, durationHoldout: 39, weight: 100 },
 *   { frequency: 1, recency: 30, T: 36, frequencyHoldout: 1, durationHoldout: 39, weight: 90 },
 *   { frequency: 2, recency: 10, T: 38, frequencyHoldout: 1, durationHoldout: 39, weight: 40 },
 *   { frequency: 2, recency: 33, T: 35, frequencyHoldout: 2, durationHoldout: 39, weight: 40 },
 *   { frequency: 4, recency: 20, T: 37, frequencyHoldout: 1, durationHoldout: 39, weight: 20 },
 *   { frequency: 6, recency: 35, T: 37, frequencyHoldout: 5, durationHoldout: 39, weight: 15 },
 *   { frequency: 12, recency: 36, T: 38, frequencyHoldout: 9, durationHoldout: 39, weight: 5 },
 * ];
 * const customers = groups.flatMap(({ weight, ...customer }) => Array.from({ length: weight }, () => customer));
 * const selection = selectModel(groups, customers, { models: ['bgNbd', 'paretoNbd', 'nbd'] });
 * selection.best; // => 'bgNbd'
 * selection.candidates.map((candidate) => candidate.model); // => ['bgNbd', 'paretoNbd', 'nbd']
 * // the root mean squared error of the holdout purchases, per customer
 * Math.round((selection.candidates[0]?.error ?? 0) * 1000) / 1000; // => 0.522
 * ```
 *
 * @category CLV models
 */
export function selectModel(
  calibration: readonly CustomerSummaryRow[] | CustomerSummaryColumns | readonly DiscreteSummaryRow[],
  holdout: readonly HoldoutRow[],
  options?: SelectModelOptions,
): ModelSelection {
  const record = optionalObject(FN, 'options', options, SELECT_MODEL_OPTION_KEYS);
  const models = readModels(record['models']);
  const criterion = record['criterion'] ?? 'rootMeanSquaredError';
  if (typeof criterion !== 'string' || !CRITERIA.includes(criterion as SelectionCriterion)) {
    throw invalid('options.criterion', `must be one of ${CRITERIA.join(', ')}`, criterion);
  }
  const maxFrequency =
    record['maxFrequency'] === undefined
      ? undefined
      : requireCount(FN, 'options.maxFrequency', record['maxFrequency']);
  const comparisonOptions = maxFrequency === undefined ? undefined : { maxFrequency };
  // holdoutComparison counts rows as customers: a weighted holdout row would be counted once
  // each list read once (a snapshot): every candidate sees the same rows
  const holdoutRows = requireList(FN, 'holdout', holdout) as HoldoutRow[];
  const calibrationRows = Array.isArray(calibration)
    ? requireList(FN, 'calibration', calibration)
    : calibration;
  holdoutRows.forEach((row, i) => {
    const weight = typeof row === 'object' && row !== null ? (row as { weight?: unknown }).weight : undefined;
    if (weight !== undefined && weight !== 1) {
      throw invalid(
        `holdout[${i}].weight`,
        'must be absent or 1: the holdout errors are per customer (expand weighted rows, or pass the calibration rows with weights and the holdout rows without)',
        weight,
      );
    }
  });
  const candidates = models.map((model, order): ModelCandidate & { order: number } => {
    const fit = FITS[model](calibrationRows as never);
    const comparison =
      fit.logLikelihood === null ? null : holdoutComparison(fit, holdoutRows, comparisonOptions);
    const error = comparison === null ? null : errorOf(comparison, criterion as SelectionCriterion);
    const eligible = comparison !== null && fit.converged;
    const reason = eligible ? null : (fit.reason ?? 'the fit did not converge');
    return { model, fit, comparison, error, eligible, reason, order };
  });
  candidates.sort(
    (left, right) =>
      Number(right.eligible) - Number(left.eligible) ||
      (left.error ?? Number.POSITIVE_INFINITY) - (right.error ?? Number.POSITIVE_INFINITY) ||
      left.order - right.order,
  );
  const ranked = candidates.map(({ order: _order, ...candidate }) => candidate);
  const first = ranked[0];
  return {
    best: first?.eligible ? first.model : null,
    criterion: criterion as SelectionCriterion,
    candidates: ranked,
  };
}
