import { PatronageError } from '../errors/PatronageError';
import { optionalObject, optionKeys } from '../internal/validate';
import { groupMeans, holdoutFigures, readHoldout } from './core/holdout';
import { requireBoundedCount } from './core/inputs';
import type { ModelSpec } from './core/types';
import type { HoldoutRow } from './holdoutComparison';
import { requireModel } from './registry';

/**
 * Options of {@link holdoutByRecency}.
 *
 * @category CLV models
 */
export interface HoldoutByRecencyOptions {
  /**
   * How many equal-width recency bins over [0, the largest T of the rows] (default 10), a whole number from 1
   * to 10⁶; when the rows have at most this many distinct recencies, each recency is its own group instead.
   */
  readonly bins?: number;
}

const HOLDOUT_BY_RECENCY_OPTION_KEYS = /* @__PURE__ */ optionKeys<HoldoutByRecencyOptions>()(['bins']);

/**
 * One calibration-recency group of {@link holdoutByRecency}.
 *
 * @category CLV models
 */
export interface HoldoutRecencyGroup {
  /** The lowest calibration recency of the group (a bin's lower edge, or the one recency when `exact`). */
  readonly from: number;
  /**
   * The upper edge of the bin: the group holds recencies from `from` up to but not including `to`, the last
   * bin `to` included; when `exact`, `to` equals `from`.
   */
  readonly to: number;
  /** Whether the group is one recency value (the rows have few distinct ones) rather than a bin. */
  readonly exact: boolean;
  /** Customers in the group. */
  readonly customers: number;
  /** Mean observed holdout purchases. */
  readonly actual: number;
  /** Mean predicted holdout purchases (conditional expectation). */
  readonly predicted: number;
}

/**
 * Predicted versus actual holdout purchases by calibration recency.
 *
 * @category CLV models
 */
export interface HoldoutByRecency {
  /** What the groups are of: always `'recency'` (a {@link HoldoutComparison} groups by frequency). */
  readonly by: 'recency';
  /** By calibration recency, ascending; empty bins are left out. */
  readonly groups: readonly HoldoutRecencyGroup[];
  /** Mean |predicted − actual| per customer (as {@link holdoutComparison} gives it). */
  readonly meanAbsoluteError: number;
  /** Root mean squared error per customer. */
  readonly rootMeanSquaredError: number;
  /** Observed holdout purchases, all customers. */
  readonly actualTotal: number;
  /** Predicted holdout purchases, all customers. */
  readonly predictedTotal: number;
}

const FN = 'holdoutByRecency';

/**
 * Checks a fit on a holdout period by calibration recency (BTYD `PlotRecVsConditionalExpectedFrequency`):
 * each customer's conditional expectation E[Y(t) | x, t_x, T] for the holdout length against the purchases
 * they made, the mean of both per recency group, plus per-customer MAE and RMSE and the totals (the same
 * figures as {@link holdoutComparison}, which groups by calibration frequency). Recency (t_x, the time of
 * the last calibration purchase since the first) is where the models' dropout shows: customers whose last
 * purchase is long ago are predicted to buy little, and this says whether they did.
 *
 * Groups: when the rows have at most `bins` distinct recencies (a discrete-time BG/BB fit, or few rows),
 * one group per recency; otherwise `bins` equal-width bins over [0, max T] (max T the largest calibration
 * length of the rows), bin i holding recencies in [i·w, (i+1)·w), the last bin its upper edge too. Empty
 * bins are left out. A separate function rather than an option of {@link holdoutComparison}: its groups
 * are ranges, not frequencies (docs/models.md, "Holdout by recency").
 *
 * @param fit - a fit with `conditionalExpectedPurchases` made on the calibration rows
 * @param rows - calibration history plus `frequencyHoldout` and `durationHoldout` (BG/BB: `periods` and
 *   `periodsHoldout`), as {@link holdoutComparison} reads them
 * @param options - `bins` (default 10)
 * @returns groups, error figures and totals
 * @throws PatronageError `INVALID_FIT`, `UNSUPPORTED_MODEL`, `EMPTY_INPUT` for no rows, and naming the row
 *   the field codes and `INVALID_SUMMARY_ROW`; `NOT_FINITE` when a prediction, a mean or a total cannot be
 *   computed in floating point; `INVALID_OPTION`, `NOT_AN_INTEGER` or `OUT_OF_RANGE` for the options.
 *
 * @example
 * ```ts
 * import { holdoutByRecency } from 'patronage';
 *
 * const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * const check = holdoutByRecency(fit, [
 *   { frequency: 0, recency: 0, T: 38, frequencyHoldout: 0, durationHoldout: 39 },
 *   { frequency: 2, recency: 5, T: 38, frequencyHoldout: 0, durationHoldout: 39 },
 *   { frequency: 2, recency: 30, T: 38, frequencyHoldout: 2, durationHoldout: 39 },
 *   { frequency: 4, recency: 36, T: 38, frequencyHoldout: 3, durationHoldout: 39 },
 * ], { bins: 2 });
 * check.groups.map((group) => [group.from, group.to, group.customers]); // => [[0, 19, 2], [19, 38, 2]]
 * check.groups.map((group) => group.actual); // => [0, 2.5]
 * ```
 *
 * @category CLV models
 */
export function holdoutByRecency(
  fit: ModelSpec,
  rows: readonly HoldoutRow[],
  options?: HoldoutByRecencyOptions,
): HoldoutByRecency {
  requireModel(FN, fit, ['conditionalExpectedPurchases']);
  const record = optionalObject(FN, 'options', options, HOLDOUT_BY_RECENCY_OPTION_KEYS);
  const bins =
    record['bins'] === undefined ? 10 : requireBoundedCount(FN, 'options.bins', record['bins'], 1_000_000);
  if (bins < 1) {
    throw new PatronageError('OUT_OF_RANGE', `${FN}: options.bins must be at least 1, got 0`, {
      argument: 'options.bins',
      value: bins,
    });
  }
  const reading = readHoldout(FN, fit, rows);
  const { recency, T } = reading;
  const n = recency.length;
  // few distinct recencies: one group each
  const distinct = new Set<number>();
  for (let i = 0; i < n && distinct.size <= bins; i++) distinct.add(recency[i] as number);
  const exact = distinct.size <= bins;
  let maxT = 0;
  for (let i = 0; i < n; i++) maxT = Math.max(maxT, T[i] as number);
  // bin k of w = maxT/bins holds [k·w, (k+1)·w); tx/maxT·bins avoids a width that underflows
  const groups = groupMeans(FN, reading, (i) => {
    const tx = recency[i] as number;
    return exact ? tx : Math.min(bins - 1, Math.floor((tx / maxT) * bins));
  });
  const edge = (k: number): number => (k === bins ? maxT : (k / bins) * maxT);
  return {
    by: 'recency',
    groups: groups.map(({ key, customers, actual, predicted }) => ({
      from: exact ? key : edge(key),
      to: exact ? key : edge(key + 1),
      exact,
      customers,
      actual,
      predicted,
    })),
    ...holdoutFigures(reading),
  };
}
