import { PatronageError } from '../errors/PatronageError';
import { optionalObject, requireCount, requireList, requireObject } from '../internal/validate';
import { finiteResult, requireCustomer, requireDuration } from './core/inputs';
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

const FN = 'holdoutComparison';

/**
 * Checks a fit on a holdout period with numbers: each customer's conditional expectation E[Y(t) | x, t_x, T]
 * for the holdout length against the purchases they made, grouped by calibration frequency (Fader, Hardie &
 * Lee 2005, figure 4), plus per-customer MAE and RMSE and the totals.
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
  options?: { readonly maxFrequency?: number },
): HoldoutComparison {
  const { definition, params, predictions } = requireModel(FN, fit, ['conditionalExpectedPurchases']);
  const time = definition.time ?? 'continuous';
  // the holdout's length: a duration in continuous time, whole opportunities in discrete time
  const holdoutField = time === 'discrete' ? 'periodsHoldout' : 'durationHoldout';
  const record = optionalObject(FN, 'options', options, ['maxFrequency']);
  const maxFrequency =
    record['maxFrequency'] === undefined
      ? 7
      : requireCount(FN, 'options.maxFrequency', record['maxFrequency']);
  const list = requireList(FN, 'rows', rows);
  if (list.length === 0) {
    throw new PatronageError('EMPTY_INPUT', `${FN}: rows is empty`, { argument: 'rows', value: list });
  }
  const groups = new Map<number, { customers: number; actual: number; predicted: number }>();
  let absolute = 0;
  let squared = 0;
  // the squared errors again, as a sum scaled by the largest error: finite where the plain sum overflows
  let largest = 0;
  let scaled = 0;
  let actualTotal = 0;
  let predictedTotal = 0;
  list.forEach((entry, i) => {
    const name = `rows[${i}]`;
    const row = requireObject(FN, name, entry);
    const holdout = requireCount(FN, `${name}.frequencyHoldout`, row['frequencyHoldout']);
    const { x, tx, T } = requireCustomer(FN, name, row, time);
    const future = requireDuration(FN, `${name}.${holdoutField}`, row[holdoutField], time);
    const predicted = finiteResult(
      FN,
      `the prediction for rows[${i}]`,
      predictions.conditionalExpectedPurchases(params, x, tx, T, future),
    );
    const key = Math.min(x, maxFrequency);
    const group = groups.get(key) ?? { customers: 0, actual: 0, predicted: 0 };
    group.customers++;
    group.actual += holdout;
    group.predicted += predicted;
    groups.set(key, group);
    absolute += Math.abs(predicted - holdout);
    squared += (predicted - holdout) ** 2;
    const error = Math.abs(predicted - holdout);
    if (error > largest) {
      scaled = scaled * (largest / error) ** 2 + 1;
      largest = error;
    } else if (error > 0) scaled += (error / largest) ** 2;
    actualTotal += holdout;
    predictedTotal += predicted;
  });
  const n = list.length;
  return {
    groups: [...groups.entries()]
      .sort(([a], [b]) => a - b)
      .map(([frequency, group]) => ({
        frequency,
        orMore: frequency === maxFrequency,
        customers: group.customers,
        actual: group.actual / group.customers,
        predicted: finiteResult(FN, "a group's mean prediction", group.predicted / group.customers),
      })),
    meanAbsoluteError: finiteResult(FN, 'the mean absolute error', absolute / n),
    rootMeanSquaredError: Number.isFinite(squared) ? Math.sqrt(squared / n) : largest * Math.sqrt(scaled / n),
    actualTotal,
    predictedTotal: finiteResult(FN, 'the predicted total', predictedTotal),
  };
}
