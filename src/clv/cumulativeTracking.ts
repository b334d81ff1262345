import { PatronageError } from '../errors/PatronageError';
import {
  optionalBoolean,
  optionKeys,
  requireAtLeast,
  requireList,
  requireOptions,
} from '../internal/validate';
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
  /**
   * Whether to add the model's covariance of the per-period purchases (`covariance` in the result, what
   * {@link trackingAlarm} reads; default false). Needs times in increasing order and a BG/NBD, MBG/NBD,
   * Pareto/NBD or NBD fit.
   */
  readonly covariance?: boolean;
}

const CUMULATIVE_TRACKING_INPUT_KEYS = /* @__PURE__ */ optionKeys<CumulativeTrackingInput>()([
  'births',
  'times',
  'actual',
  'covariance',
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
  /**
   * With `input.covariance`: the model's covariance of the cohort's per-period repeat purchases, entry
   * [j][k] = Cov[purchases in period j, purchases in period k] (period j ends at `points[j].time` and
   * starts at the time before it, the first at 0); its diagonal is each period's variance. Customers are
   * independent given the parameters, so it is Σ over customers of each one's covariance (see
   * docs/decisions.md, "Model drift").
   */
  readonly covariance?: readonly (readonly number[])[];
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
 * With `covariance: true` (BG/NBD, MBG/NBD, Pareto/NBD, NBD; times increasing) the result also carries the
 * model's covariance of the per-period purchases, what {@link trackingAlarm} needs for a false-alarm rate
 * that holds: Σ over customers of Cov[X(τⱼ − bᵢ), X(τₖ − bᵢ)], differenced to periods. Per customer it is
 * exact for NBD, for Pareto/NBD a closed form and one integral of the lifetime's survival, and for the BG
 * models one integral over p (Fader, Hardie & Lee's 2005 variance of X(t) to 1e−13), derived in
 * docs/decisions.md ("Model drift"). It costs about (distinct births) × (times)² × 200 operations: 0.2 s
 * for 84 distinct birth days and 78 weeks (Pareto/NBD), 0.8 s for BG/NBD.
 *
 * @param fit - the purchase model
 * @param input - `births`, `times`, optional `actual`, optional `covariance`
 * @returns the points and error figures, and with `covariance` the periods' covariance
 * @throws PatronageError `INVALID_FIT`, `UNSUPPORTED_MODEL` (also for `covariance` with a model that has
 *   none), the field codes naming the entry, `INVALID_ARGUMENT` when `actual` and `times` differ in length,
 *   a list has a hole (naming its index), `covariance` is not a boolean or, with it, times do not increase.
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
 * // with the covariance of the periods' purchases: a customer's variance at week 39 (Fader, Hardie & Lee
 * // 2005, eq. 8: Σ x² P(X(39) = x) − E[X(39)]² = 6.44795081032102)
 * const single = cumulativeTracking(fit, { births: [0], times: [39], covariance: true });
 * single.covariance?.[0]?.[0]?.toFixed(6); // => '6.447951'
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
  const covariance = optionalBoolean(FN, 'input.covariance', record['covariance'], false)
    ? { covariance: periodCovariance(fit, cohorts, times) }
    : {};
  if (actual === null || points.length === 0) {
    return {
      points,
      meanAbsoluteError: null,
      rootMeanSquaredError: null,
      finalRelativeError: null,
      ...covariance,
    };
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
    ...covariance,
  };
}

/**
 * Cov[purchases in period j, purchases in period k] over the cohort: the covariance K of the cumulative
 * counts at the times is Σ over births b (with their counts) of Cov[X(τⱼ − b), X(τₖ − b)] (0 where an age is
 * not positive), and the periods' covariance is its second difference.
 */
function periodCovariance(
  fit: ModelSpec,
  cohorts: readonly (readonly [number, number])[],
  times: readonly number[],
): number[][] {
  const { params, predictions } = requireModel(
    FN,
    fit,
    ['expectedPurchases', 'purchaseCovariance'],
    'continuous',
  );
  const n = times.length;
  for (let j = 1; j < n; j++) {
    if (!((times[j] as number) > (times[j - 1] as number))) {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${FN}: input.times[${j}] (${times[j]}) must be after the time before it (${times[j - 1]}) for the covariance`,
        { argument: `input.times[${j}]`, value: times[j] },
      );
    }
  }
  const cumulative = new Float64Array(n * n);
  for (const [birth, count] of cohorts) {
    let first = 0;
    while (first < n && !((times[first] as number) > birth)) first++;
    if (first === n) continue;
    const ages = times.slice(first).map((time) => time - birth);
    const m = ages.length;
    const single = predictions.purchaseCovariance(params, ages);
    for (let j = 0; j < m; j++) {
      for (let k = 0; k < m; k++) {
        const at = (first + j) * n + first + k;
        cumulative[at] = (cumulative[at] as number) + count * (single[j * m + k] as number);
      }
    }
  }
  const at = (j: number, k: number): number => (j < 0 || k < 0 ? 0 : (cumulative[j * n + k] as number));
  // the second difference of a symmetric K, computed once per pair so that the result is exactly symmetric
  const periods: number[][] = Array.from({ length: n }, () => new Array<number>(n));
  for (let j = 0; j < n; j++) {
    for (let k = j; k < n; k++) {
      const value = finiteResult(FN, 'covariance', at(j, k) - at(j - 1, k) - at(j, k - 1) + at(j - 1, k - 1));
      (periods[j] as number[])[k] = value;
      (periods[k] as number[])[j] = value;
    }
  }
  return periods;
}
