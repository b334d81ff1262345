// The per-customer reading shared by holdoutComparison and holdoutByRecency: each row's calibration
// history, its holdout purchases and the fit's conditional expectation for the holdout, with the error
// figures over all rows. Internal.

import { PatronageError } from '../../errors/PatronageError';
import { requireCount, requireList, requireObject } from '../../internal/validate';
import { requireModel } from '../registry';
import { finiteResult, requireCustomer, requireDuration } from './inputs';
import type { ModelSpec } from './types';

/** The figures over all rows of a holdout check, as holdoutComparison and holdoutByRecency report them. */
export interface HoldoutFigures {
  readonly meanAbsoluteError: number;
  readonly rootMeanSquaredError: number;
  readonly actualTotal: number;
  readonly predictedTotal: number;
}

/** The figures of a reading, alone (for a result that reports them beside its groups). */
export function holdoutFigures(reading: HoldoutFigures): HoldoutFigures {
  return {
    meanAbsoluteError: reading.meanAbsoluteError,
    rootMeanSquaredError: reading.rootMeanSquaredError,
    actualTotal: reading.actualTotal,
    predictedTotal: reading.predictedTotal,
  };
}

/** The rows read, and the figures over all of them. */
export interface HoldoutReading extends HoldoutFigures {
  /** Calibration frequency, recency and T (opportunities on the discrete axis), per row. */
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  readonly T: Float64Array;
  /** Holdout purchases per row. */
  readonly actual: Float64Array;
  /** The fit's conditional expectation of them per row. */
  readonly predicted: Float64Array;
}

/**
 * Reads the rows of a holdout check (validating the fit first, then each row in order) and predicts each
 * row's holdout purchases, E[Y(t) | x, t_x, T].
 */
export function readHoldout(fn: string, fit: ModelSpec, rows: readonly unknown[]): HoldoutReading {
  const { definition, params, predictions } = requireModel(fn, fit, ['conditionalExpectedPurchases']);
  const time = definition.time ?? 'continuous';
  // the holdout's length: a duration in continuous time, whole opportunities in discrete time
  const holdoutField = time === 'discrete' ? 'periodsHoldout' : 'durationHoldout';
  return readRows(fn, rows, (list) => {
    const n = list.length;
    const reading = {
      frequency: new Float64Array(n),
      recency: new Float64Array(n),
      T: new Float64Array(n),
      actual: new Float64Array(n),
      predicted: new Float64Array(n),
    };
    for (let i = 0; i < n; i++) {
      const name = `rows[${i}]`;
      const row = requireObject(fn, name, list[i]);
      const holdout = requireCount(fn, `${name}.frequencyHoldout`, row['frequencyHoldout']);
      const { x, tx, T } = requireCustomer(fn, name, row, time);
      const future = requireDuration(fn, `${name}.${holdoutField}`, row[holdoutField], time);
      reading.frequency[i] = x;
      reading.recency[i] = tx;
      reading.T[i] = T;
      reading.actual[i] = holdout;
      reading.predicted[i] = finiteResult(
        fn,
        `the prediction for rows[${i}]`,
        predictions.conditionalExpectedPurchases(params, x, tx, T, future),
      );
    }
    return reading;
  });
}

function readRows(
  fn: string,
  rows: readonly unknown[],
  read: (list: unknown[]) => Omit<HoldoutReading, keyof HoldoutFigures>,
): HoldoutReading {
  const list = requireList(fn, 'rows', rows);
  if (list.length === 0) {
    throw new PatronageError('EMPTY_INPUT', `${fn}: rows is empty`, { argument: 'rows', value: list });
  }
  const reading = read(list);
  const { actual, predicted } = reading;
  const n = list.length;
  let absolute = 0;
  let squared = 0;
  // the squared errors again, as a sum scaled by the largest error: finite where the plain sum overflows
  let largest = 0;
  let scaled = 0;
  let actualTotal = 0;
  let predictedTotal = 0;
  for (let i = 0; i < n; i++) {
    const error = Math.abs((predicted[i] as number) - (actual[i] as number));
    absolute += error;
    squared += error ** 2;
    if (error > largest) {
      scaled = scaled * (largest / error) ** 2 + 1;
      largest = error;
    } else if (error > 0) scaled += (error / largest) ** 2;
    actualTotal += actual[i] as number;
    predictedTotal += predicted[i] as number;
  }
  return {
    ...reading,
    meanAbsoluteError: finiteResult(fn, 'the mean absolute error', absolute / n),
    rootMeanSquaredError: Number.isFinite(squared) ? Math.sqrt(squared / n) : largest * Math.sqrt(scaled / n),
    actualTotal,
    predictedTotal: finiteResult(fn, 'the predicted total', predictedTotal),
  };
}

/** One group of {@link groupMeans}: its key, its customers and their mean actual and predicted purchases. */
export interface GroupMean {
  readonly key: number;
  readonly customers: number;
  readonly actual: number;
  readonly predicted: number;
}

/**
 * The customers of a holdout reading grouped by `keyOf(i)`, in ascending key order, with each group's mean
 * actual and predicted holdout purchases (the latter checked finite, named for `fn`).
 */
export function groupMeans(fn: string, reading: HoldoutReading, keyOf: (i: number) => number): GroupMean[] {
  const groups = new Map<number, { customers: number; actual: number; predicted: number }>();
  for (let i = 0; i < reading.actual.length; i++) {
    const key = keyOf(i);
    const group = groups.get(key) ?? { customers: 0, actual: 0, predicted: 0 };
    group.customers++;
    group.actual += reading.actual[i] as number;
    group.predicted += reading.predicted[i] as number;
    groups.set(key, group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([key, group]) => ({
      key,
      customers: group.customers,
      actual: group.actual / group.customers,
      predicted: finiteResult(fn, "a group's mean prediction", group.predicted / group.customers),
    }));
}
