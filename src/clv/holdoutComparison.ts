import { optionalObject, optionKeys, requireCount } from '../internal/validate';
import { groupMeans, holdoutFigures, readHoldout } from './core/holdout';
import type { ModelSpec } from './core/types';
import { requireModel } from './registry';

/**
 * A customer with calibration history and holdout outcome ({@link calibrationHoldoutSummary} rows qualify).
 *
 * @category CLV models
 */
export interface HoldoutRow {
  /** x in calibration. */
  readonly frequency: number;
  /** t_x in calibration. */
  readonly recency: number;
  /** T in calibration (continuous models). */
  readonly T?: number;
  /** n opportunities in calibration (BG/BB). */
  readonly periods?: number;
  /** Repeat purchases observed in the holdout. */
  readonly frequencyHoldout: number;
  /** Length of the holdout, in the fit's time unit (continuous models). */
  readonly durationHoldout?: number;
  /** Opportunities in the holdout (BG/BB). */
  readonly periodsHoldout?: number;
}

/**
 * One calibration-frequency group of {@link holdoutComparison}.
 *
 * @category CLV models
 */
export interface HoldoutGroup {
  /** The calibration frequency; the last group holds every customer at or above `maxFrequency`. */
  readonly frequency: number;
  /** Whether this group is "frequency or more". */
  readonly orMore: boolean;
  /** Customers in the group. */
  readonly customers: number;
  /** Mean observed holdout purchases. */
  readonly actual: number;
  /** Mean predicted holdout purchases (conditional expectation). */
  readonly predicted: number;
}

/**
 * Predicted versus actual holdout purchases.
 *
 * @category CLV models
 */
export interface HoldoutComparison {
  /** By calibration frequency, ascending; empty groups are left out. */
  readonly groups: readonly HoldoutGroup[];
  /** Mean |predicted − actual| per customer. */
  readonly meanAbsoluteError: number;
  /** Root mean squared error per customer. */
  readonly rootMeanSquaredError: number;
  /** Observed holdout purchases, all customers. */
  readonly actualTotal: number;
  /** Predicted holdout purchases, all customers. */
  readonly predictedTotal: number;
}

/**
 * Options of {@link holdoutComparison}.
 *
 * @category CLV models
 */
export interface HoldoutComparisonOptions {
  /** Calibration frequencies at or above it form one group (default 7); a whole number. */
  readonly maxFrequency?: number;
}

const HOLDOUT_COMPARISON_OPTION_KEYS = /* @__PURE__ */ optionKeys<HoldoutComparisonOptions>()([
  'maxFrequency',
]);

const FN = 'holdoutComparison';

/**
 * Checks a fit on a holdout period with numbers: each customer's conditional expectation E[Y(t) | x, t_x, T]
 * for the holdout length against the purchases they made, grouped by calibration frequency (Fader, Hardie &
 * Lee 2005, figure 4; BTYD `PlotFreqVsConditionalExpectedFrequency`), plus per-customer MAE and RMSE and the
 * totals. {@link holdoutByRecency} groups the same comparison by calibration recency.
 *
 * @param fit - a BG/NBD, MBG/NBD, Pareto/NBD or BG/BB fit made on the calibration rows
 * @param rows - calibration history plus `frequencyHoldout` and `durationHoldout` (BG/BB: `periods` and `periodsHoldout`)
 * @param options - `maxFrequency` (default 7): frequencies at or above it form one group
 * @returns groups, error figures and totals
 * @throws PatronageError `INVALID_FIT`, `UNSUPPORTED_MODEL`, `EMPTY_INPUT` for no rows, and naming the row
 *   the field codes and `INVALID_SUMMARY_ROW`; `NOT_FINITE` when a prediction, a mean or a total cannot be
 *   computed in floating point.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { holdoutComparison } from 'patronage';
 *
 * const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * const check = holdoutComparison(fit, [
 *   { frequency: 0, recency: 0, T: 38, frequencyHoldout: 0, durationHoldout: 39 },
 *   { frequency: 2, recency: 30, T: 38, frequencyHoldout: 2, durationHoldout: 39 },
 * ]);
 * check.groups.map((group) => group.frequency); // => [0, 2]
 * check.actualTotal; // => 2
 * ```
 *
 * @category CLV models
 */
export function holdoutComparison(
  fit: ModelSpec,
  rows: readonly HoldoutRow[],
  options?: HoldoutComparisonOptions,
): HoldoutComparison {
  requireModel(FN, fit, ['conditionalExpectedPurchases']);
  const record = optionalObject(FN, 'options', options, HOLDOUT_COMPARISON_OPTION_KEYS);
  const maxFrequency =
    record['maxFrequency'] === undefined
      ? 7
      : requireCount(FN, 'options.maxFrequency', record['maxFrequency']);
  const reading = readHoldout(FN, fit, rows);
  const groups = groupMeans(FN, reading, (i) => Math.min(reading.frequency[i] as number, maxFrequency));
  return {
    groups: groups.map(({ key, customers, actual, predicted }) => ({
      frequency: key,
      orMore: key === maxFrequency,
      customers,
      actual,
      predicted,
    })),
    ...holdoutFigures(reading),
  };
}
