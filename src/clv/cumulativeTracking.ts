import { PatronageError } from '../errors/PatronageError';
import { optionKeys, requireAtLeast, requireList, requireOptions } from '../internal/validate';
import { finiteResult } from './core/inputs';
import type { ModelSpec } from './core/types';
import { requireModel } from './registry';

/**
 * Input of {@link cumulativeTracking}.
 *
 * @category CLV models
 */
export interface CumulativeTrackingInput {
  /** Each customer's first-purchase time, measured from the start of the cohort, in the fit's time unit. */
  readonly births: readonly number[];
  /** The times at which to report cumulative repeat purchases (same origin and unit). */
  readonly times: readonly number[];
  /** Observed cumulative repeat purchases at each time, to compare (optional). */
  readonly actual?: readonly number[];
}

const CUMULATIVE_TRACKING_INPUT_KEYS = /* @__PURE__ */ optionKeys<CumulativeTrackingInput>()([
  'births',
  'times',
  'actual',
]);

/**
 * One point of the tracking curve.
 *
 * @category CLV models
 */
export interface TrackingPoint {
  /** The time. */
  readonly time: number;
  /** Expected cumulative repeat purchases of the cohort by then. */
  readonly expected: number;
  /** Observed cumulative repeat purchases, or null when not given. */
  readonly actual: number | null;
  /**
   * Expected repeat purchases since the previous point (at the first point: since the start, time 0), the
   * per-period (incremental) tracking of Fader, Hardie & Lee (2005, figure 3). {@link cumulativeTracking}
   * always sets it; optional so that points built by hand for {@link trackingAlarm} need not carry it.
   */
  readonly incrementalExpected?: number;
  /** Observed repeat purchases since the previous point (null without `actual`), as `incrementalExpected`. */
  readonly incrementalActual?: number | null;
}

/**
 * A point of {@link cumulativeTracking}'s result: a {@link TrackingPoint} with its increments.
 *
 * @category CLV models
 */
export interface CumulativeTrackingPoint extends TrackingPoint {
  /** Expected repeat purchases since the previous point (the first: since time 0). */
  readonly incrementalExpected: number;
  /** Observed repeat purchases since the previous point, or null when `actual` is not given. */
  readonly incrementalActual: number | null;
}

/**
 * The tracking curve and, when `actual` is given, how far it is from the data.
 *
 * @category CLV models
 */
export interface CumulativeTrackingResult {
  /** One point per time, in input order. */
  readonly points: readonly CumulativeTrackingPoint[];
  /** Mean |expected − actual| over the times; null without `actual`. */
  readonly meanAbsoluteError: number | null;
  /** Root mean squared error over the times; null without `actual`. */
  readonly rootMeanSquaredError: number | null;
  /** (expected − actual)/actual at the last time; null without `actual` or when that actual is 0. */
  readonly finalRelativeError: number | null;
}

const FN = 'cumulativeTracking';

/**
 * The list `value` as numbers of at least 0, each read once by index; a hole (a sparse array) is
 * `INVALID_ARGUMENT` naming its index, never a value left out or read as `undefined`.
 */
function readValues(name: string, value: unknown): number[] {
  const list = requireList(FN, name, value);
  const values = new Array<number>(list.length);
  for (let i = 0; i < list.length; i++) {
    if (!(i in list)) {
      throw new PatronageError('INVALID_ARGUMENT', `${FN}: ${name}[${i}] is a hole in a sparse array`, {
        argument: `${name}[${i}]`,
        value: undefined,
      });
    }
    values[i] = requireAtLeast(FN, `${name}[${i}]`, list[i], 0);
  }
  return values;
}

/**
 * The cohort's expected cumulative repeat purchases over calendar time, Σᵢ E[X(τ − bᵢ)] over customers born
 * (first purchase) at bᵢ ≤ τ: the calibration-versus-holdout tracking plot of Fader, Hardie & Lee (2005,
 * figure 2), with error figures when the observed curve is given. Each point also carries the incremental
 * (per-period) series of their figure 3: `incrementalExpected` and `incrementalActual`, the change since the
 * previous point (the first point's since time 0, where nothing has been bought), so that with times in
 * increasing order (weekly, say) they are the purchases of each period, and the increments up to a point
 * sum to its cumulative value (to rounding); in another order they are still the differences between
 * consecutive points, and may be negative. Works for BG/NBD, MBG/NBD, Pareto/NBD and
 * BG/BB (births and times in whole opportunities).
 *
 * @param fit - the purchase model
 * @param input - `births`, `times`, optional `actual`
 * @returns the points and error figures
 * @throws PatronageError `INVALID_FIT`, `UNSUPPORTED_MODEL`, the field codes naming the entry,
 *   `INVALID_ARGUMENT` when `actual` and `times` differ in length or a list has a hole (naming its index).
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { cumulativeTracking } from 'patronage';
 *
 * const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * const result = cumulativeTracking(fit, { births: [0, 0, 1, 2], times: [1, 10, 20], actual: [0, 1, 2] });
 * result.points.length; // => 3
 * result.points[0]?.expected === result.points[0]?.expected; // => true
 * // the purchases of each period: the increments add up to the cumulative curve
 * result.points.map((point) => point.incrementalActual); // => [0, 1, 1]
 * const total = result.points.reduce((sum, point) => sum + point.incrementalExpected, 0);
 * Math.abs(total - (result.points[2]?.expected ?? 0)) < 1e-12; // => true
 * ```
 *
 * @category CLV models
 */
export function cumulativeTracking(fit: ModelSpec, input: CumulativeTrackingInput): CumulativeTrackingResult {
  const { definition, params, predictions } = requireModel(FN, fit, ['expectedPurchases']);
  const record = requireOptions(FN, 'input', input, CUMULATIVE_TRACKING_INPUT_KEYS);
  const births = readValues('input.births', record['births']);
  const times = readValues('input.times', record['times']);
  const actualValue = record['actual'];
  const actual = actualValue === undefined ? null : readValues('input.actual', actualValue);
  if (actual !== null && actual.length !== times.length) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: input.actual has ${actual.length} values for ${times.length} times`,
      {
        argument: 'input.actual',
        value: actual.length,
      },
    );
  }
  // on the discrete axis, the opportunities completed by then
  const discrete = definition.time === 'discrete';
  const expectedAfter = (t: number): number =>
    predictions.expectedPurchases(params, discrete ? Math.floor(t) : t);
  const counts = new Map<number, number>();
  for (const birth of births) counts.set(birth, (counts.get(birth) ?? 0) + 1);
  const cohorts = [...counts.entries()];
  const points: CumulativeTrackingPoint[] = new Array(times.length);
  for (let j = 0; j < times.length; j++) {
    const time = times[j] as number;
    let sum = 0;
    for (const [birth, count] of cohorts) if (time > birth) sum += count * expectedAfter(time - birth);
    const previous = j === 0 ? null : (points[j - 1] as CumulativeTrackingPoint);
    // E[X(t)] never falls as t grows, but where the curve is flat its rounding can step back by an ulp
    // (BG/NBD with every customer gone: −2.2e−16): a later point keeps at least the earlier value, so that
    // the cumulative curve is non-decreasing and no increment is negative
    const rising = previous !== null && time >= previous.time ? Math.max(sum, previous.expected) : sum;
    const expected = finiteResult(FN, 'expected purchases', rising);
    const observed = actual ? (actual[j] as number) : null;
    points[j] = {
      time,
      expected,
      actual: observed,
      incrementalExpected: finiteResult(
        FN,
        'incremental expected purchases',
        expected - (previous?.expected ?? 0),
      ),
      incrementalActual:
        observed === null
          ? null
          : finiteResult(FN, 'incremental actual purchases', observed - (previous?.actual ?? 0)),
    };
  }
  if (actual === null || points.length === 0) {
    return { points, meanAbsoluteError: null, rootMeanSquaredError: null, finalRelativeError: null };
  }
  // errors are scaled by the largest before squaring, so that huge counts cannot overflow the RMSE
  const errors = points.map((point) => point.expected - (point.actual as number));
  let largest = 0;
  for (const error of errors) largest = Math.max(largest, Math.abs(error));
  let absolute = 0;
  let squared = 0;
  for (const error of errors) {
    absolute += Math.abs(error) / points.length;
    squared += largest === 0 ? 0 : (error / largest) ** 2;
  }
  const last = points[points.length - 1] as TrackingPoint;
  return {
    points,
    meanAbsoluteError: absolute,
    rootMeanSquaredError: largest * Math.sqrt(squared / points.length),
    finalRelativeError:
      last.actual === 0
        ? null
        : finiteResult(
            FN,
            'final relative error',
            (last.expected - (last.actual as number)) / (last.actual as number),
          ),
  };
}
