import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import {
  optionalObject,
  optionKeys,
  requireAtLeast,
  requireBetween,
  requireFinite,
  requireList,
} from '../internal/validate';
import { normalQuantile } from '../math/normal';
import type { CumulativeTrackingResult, TrackingPoint } from './cumulativeTracking';

/**
 * How {@link trackingAlarm} decides: `'cusum'`, Page's (1954) cumulative sum of the standardised residuals
 * (reference value k = 0.5, threshold for an in-control average run length of 1/`falseAlarmRate`
 * periods), or `'band'`, each period's standardised residual against a normal tolerance band with
 * per-period false-alarm probability `falseAlarmRate`.
 *
 * @category CLV models
 */
export type TrackingAlarmMethod = 'cusum' | 'band';

/**
 * Which departures raise the alarm: purchases `'below'` the model, `'above'` it, or `'both'`.
 *
 * @category CLV models
 */
export type TrackingAlarmDirection = 'both' | 'below' | 'above';

/**
 * What a period's count is compared with: `'model'`, the fit's covariance of the cohort's per-period
 * purchases (customers differ in rate and drop out, so counts vary more than Poisson and persist from
 * period to period), carried by a {@link cumulativeTracking} result made with `covariance: true`; or
 * `'poisson'`, each period on its own with variance `dispersion` × its expectation.
 *
 * @category CLV models
 */
export type TrackingAlarmVariance = 'model' | 'poisson';

/**
 * Options of {@link trackingAlarm}.
 *
 * @category CLV models
 */
export interface TrackingAlarmOptions {
  /** `'cusum'` (default) or `'band'`. */
  readonly method?: TrackingAlarmMethod;
  /**
   * The in-control false-alarm rate per period, between 1e-6 and 0.1 (default 0.01): for `'band'` the
   * probability that one period on the model falls outside the band; for `'cusum'` the reciprocal of the
   * in-control average run length (0.01: one false alarm per 100 periods on average).
   */
  readonly falseAlarmRate?: number;
  /** `'both'` (default), `'below'` or `'above'`. */
  readonly direction?: TrackingAlarmDirection;
  /**
   * The index of the first period to watch (default 0), such as the first period after the fit's
   * calibration end; the periods before it are reported but not watched.
   */
  readonly start?: number;
  /** `'cumulative'` (default: as {@link cumulativeTracking} counts) or `'perPeriod'` counts in `actual`. */
  readonly actualCounts?: 'cumulative' | 'perPeriod';
  /**
   * `'model'` (default: the covariance that `expected` carries, from {@link cumulativeTracking} with
   * `covariance: true`) or `'poisson'` (independent periods, variance `dispersion` × expectation).
   */
  readonly variance?: TrackingAlarmVariance;
  /**
   * With `variance: 'poisson'`: a period's variance over its expectation, at least 1 (default 1). A cohort
   * whose customers differ in purchase rate varies more than Poisson; see docs/decisions.md.
   */
  readonly dispersion?: number;
  /** The word before a time in `message` (default `'time'`; the CLI passes its unit, such as `'week'`). */
  readonly timeLabel?: string;
}

const TRACKING_ALARM_OPTION_KEYS = /* @__PURE__ */ optionKeys<TrackingAlarmOptions>()([
  'method',
  'falseAlarmRate',
  'direction',
  'start',
  'actualCounts',
  'variance',
  'dispersion',
  'timeLabel',
]);

/**
 * One period of {@link trackingAlarm}: the period ends at `time` and starts at the previous point's time
 * (the first at the cohort's start).
 *
 * @category CLV models
 */
export interface TrackingAlarmPeriod {
  /** The end of the period. */
  readonly time: number;
  /** The model's expected repeat purchases in the period (the increment of the expected curve). */
  readonly expected: number;
  /** The repeat purchases observed in the period. */
  readonly actual: number;
  /**
   * The standardised residual, or null before `start` (and 0 when the model expects no purchases and
   * none came). `'model'`: the period's innovation, its departure from what the model expects given the
   * counts of the watched periods before it, over its conditional standard deviation; `'poisson'`:
   * (actual − expected)/√(dispersion · expected).
   */
  readonly residual: number | null;
  /** The statistic for purchases below the model (CUSUM S⁻, or max(0, −residual) for the band); ≥ 0. */
  readonly below: number;
  /** The statistic for purchases above the model (CUSUM S⁺, or max(0, residual) for the band); ≥ 0. */
  readonly above: number;
  /** Whether a watched statistic is above `threshold` in this period. */
  readonly alarm: boolean;
}

/**
 * The answer of {@link trackingAlarm}.
 *
 * @category CLV models
 */
export interface TrackingAlarmResult {
  /** The method used. */
  readonly method: TrackingAlarmMethod;
  /** The direction watched. */
  readonly direction: TrackingAlarmDirection;
  /** The variance used: `'model'` or `'poisson'`. */
  readonly variance: TrackingAlarmVariance;
  /** The false-alarm rate the threshold was set for. */
  readonly falseAlarmRate: number;
  /** The threshold a watched statistic must exceed (CUSUM h, or the band's z). */
  readonly threshold: number;
  /** One entry per point, in input order. */
  readonly periods: readonly TrackingAlarmPeriod[];
  /** The first period with the alarm on (index into `periods`, its time, the side), or null. */
  readonly firstAlarm: {
    /** Its index into `periods`. */
    readonly index: number;
    /** Its time (the end of the period). */
    readonly time: number;
    /** Whether purchases were below or above the model. */
    readonly side: 'below' | 'above';
  } | null;
  /**
   * (Σ actual − Σ expected)/Σ expected over the watched periods; null when the model expects none.
   */
  readonly relativeGap: number | null;
  /** A plain sentence: `refit due since week 12: purchases 18% below the model …` or why none is due. */
  readonly message: string;
}

const FN = 'trackingAlarm';

/** Page's reference value, in standard deviations: the CUSUM is tuned to a shift of 2k = 1σ. */
const REFERENCE = 0.5;
/** Siegmund's (1985) correction of the threshold for the overshoot of a normal random walk. */
const OVERSHOOT = 1.166;
/** Relative rounding allowed in a decrease of the expected cumulative curve (sums of model terms). */
const ROUNDING = 1e-9;

/**
 * The CUSUM threshold h whose one-sided in-control average run length is `runLength`, from Siegmund's
 * approximation ARL₀ = (e^{2kb} − 2kb − 1)/(2k²), b = h + 1.166 (Siegmund 1985, eq. 2.55; within 2% of
 * the exact run lengths of Montgomery's table 9.3 for k = 0.5, h = 4 and 5), solved by bisection.
 */
function cusumThreshold(runLength: number): number {
  const k = REFERENCE;
  const arl = (b: number): number => (Math.exp(2 * k * b) - 2 * k * b - 1) / (2 * k * k);
  let low = 0;
  let high = 64;
  for (let step = 0; step < 200; step++) {
    const middle = (low + high) / 2;
    if (arl(middle) < runLength) low = middle;
    else high = middle;
  }
  return (low + high) / 2 - OVERSHOOT;
}

/** The list `value` as numbers of at least 0 (a hole is INVALID_ARGUMENT naming its index, in requireList). */
function readCounts(name: string, value: unknown): number[] {
  return requireList(FN, name, value).map((count, i) => requireAtLeast(FN, `${name}[${i}]`, count, 0));
}

function choice<T extends string>(name: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: ${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describeValue(value)}`,
      { argument: name, value },
    );
  }
  return value as T;
}

/** The increments of a cumulative list; a decrease is an error naming the entry. */
function increments(name: string, cumulative: readonly number[], rounding: number): number[] {
  let previous = 0;
  return cumulative.map((value, i) => {
    const step = value - previous;
    if (step < 0 && -step > rounding * Math.max(previous, 1)) {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${FN}: ${name}[${i}] (${value}) is below the value before it (${previous}); cumulative counts cannot fall`,
        { argument: `${name}[${i}]`, value },
      );
    }
    previous = value;
    return Math.max(0, step); // a rounding-level decrease of the expected curve is no purchase
  });
}

/** `expected.covariance`: n rows of n finite numbers. */
function readCovariance(value: unknown, n: number): number[][] {
  const rows = requireList(FN, 'expected.covariance', value);
  if (rows.length !== n) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: expected.covariance has ${rows.length} rows for ${n} points`,
      { argument: 'expected.covariance', value: rows.length },
    );
  }
  return rows.map((row, i) => {
    const entries = requireList(FN, `expected.covariance[${i}]`, row);
    if (entries.length !== n) {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${FN}: expected.covariance[${i}] has ${entries.length} entries for ${n} points`,
        { argument: `expected.covariance[${i}]`, value: entries.length },
      );
    }
    return entries.map((entry, k) => requireFinite(FN, `expected.covariance[${i}][${k}]`, entry));
  });
}

/**
 * The standardised innovations of the deviations `deviation` under the covariance `covariance`: with
 * covariance = L Lᵀ (Cholesky, over the `active` periods: the watched ones the model expects purchases
 * in), z solves L z = deviation, so that zᵢ is period i's departure from its best linear prediction from
 * the active periods before it, over the prediction's standard deviation; uncorrelated with unit variance
 * on the model. The other periods get 0.
 */
function innovations(
  covariance: readonly (readonly number[])[],
  deviation: readonly number[],
  active: readonly boolean[],
): number[] {
  const n = deviation.length;
  const lower: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const z = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    if (!active[i]) continue;
    const row = lower[i] as number[];
    for (let k = 0; k < i; k++) {
      if (!active[k]) continue;
      const other = lower[k] as number[];
      let sum = (covariance[i] as readonly number[])[k] as number;
      for (let m = 0; m < k; m++) sum -= (row[m] as number) * (other[m] as number);
      row[k] = sum / (other[k] as number);
    }
    const variance = (covariance[i] as readonly number[])[i] as number;
    let pivot = variance;
    for (let m = 0; m < i; m++) pivot -= (row[m] as number) ** 2;
    if (!(variance > 0) || !(pivot > 1e-12 * variance)) {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${FN}: expected.covariance is not positive definite at period ${i} (conditional variance ${pivot})`,
        { argument: `expected.covariance[${i}]`, value: pivot },
      );
    }
    row[i] = Math.sqrt(pivot);
    let rest = deviation[i] as number;
    for (let m = 0; m < i; m++) rest -= (row[m] as number) * (z[m] as number);
    z[i] = rest / (row[i] as number);
  }
  return z;
}

function percent(fraction: number): string {
  const value = Math.abs(fraction) * 100;
  return `${value < 10 ? value.toFixed(1) : value.toFixed(0)}%`;
}

/**
 * Whether incoming purchases have drifted from a fit's expectation: compares each period's repeat
 * purchases with the increment of {@link cumulativeTracking}'s expected curve and says when a refit is due.
 *
 * A period's count X has mean μ, the model's expected increment. With `variance: 'model'` (the default)
 * its residual z is its standardised innovation under the model's covariance Σ of the periods' counts,
 * which `expected` must carry ({@link cumulativeTracking} with `covariance: true`): with Σ = L Lᵀ
 * (Cholesky, over the watched periods), z solves L z = X − μ, so zₜ is the period's departure from what
 * the model expects given the counts of the watched periods before it, over that prediction's standard
 * deviation (the first watched period's is its plain standardised departure from the curve); on the
 * model the residuals are uncorrelated with variance 1, however much the customers differ and however long
 * their differences persist (docs/decisions.md, "Model drift"). With `variance: 'poisson'` the periods are
 * taken as independent with variance φμ (`dispersion` φ, default 1): z = (X − μ)/√(φμ). The `'cusum'` method
 * (default) runs Page's (1954) one-sided sums S⁻ₜ = max(0, S⁻ₜ₋₁ − zₜ − k) and
 * S⁺ₜ = max(0, S⁺ₜ₋₁ + zₜ − k) with k = 0.5 from `start` on, and the alarm is on while a watched sum
 * exceeds h; h is set by Siegmund's approximation so that the in-control average run length is
 * 1/`falseAlarmRate` periods (for `'both'`, each side gets twice that). The `'band'` method alarms in a
 * period whose |z| (or the one watched side) exceeds Φ⁻¹(1 − α/2) (one side: Φ⁻¹(1 − α)), α =
 * `falseAlarmRate`. Both rest on the normal approximation to the count, good when the model expects
 * about 20 or more purchases a period; docs/decisions.md gives the rates measured by simulation (on
 * CDNOW-sized cohorts drawn from the fit, the band's rate is 0.0108 a week at 0.01 with the model's variance).
 *
 * Laws (property-tested): no alarm when the actual counts equal the expected ones; a lower
 * `falseAlarmRate` never alarms earlier; with `'poisson'`, a larger shortfall (actual lower in every
 * period) never alarms later when watching `'below'`.
 *
 * @param expected - a {@link CumulativeTrackingResult} or its `points` (the expected cumulative curve)
 * @param actual - the observed repeat purchases at each point: cumulative (default) or per period
 * @param options - `method`, `falseAlarmRate`, `direction`, `start`, `actualCounts`, `variance`,
 *   `dispersion`, `timeLabel`
 * @returns per period the residual, the statistics and the alarm; the first alarm; the gap and a sentence
 * @throws PatronageError `INVALID_ARGUMENT` for no points, lengths that differ, times not increasing, a
 *   cumulative count that falls, a period the model expects no purchases in but that has some, a hole in a
 *   list, an unknown `method`, `direction`, `actualCounts` or `variance`, `variance: 'model'` without a
 *   covariance (or one that is not n × n or not positive definite) or with `dispersion`; `OUT_OF_RANGE`
 *   for a negative count, a
 *   `falseAlarmRate` outside [1e-6, 0.1], a `dispersion` below 1 or a `start` outside the points (or not
 *   whole); `NOT_FINITE` for a non-finite count; `INVALID_OPTION` for an unknown option key.
 *
 * @example
 * ```ts
 * import { cumulativeTracking, trackingAlarm } from 'patronage';
 *
 * // CDNOW's BG/NBD fit (Fader, Hardie & Lee 2005): 2357 customers born over 12 weeks, tracked 78 weeks
 * const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * const births = Array.from({ length: 2357 }, (_, i) => Math.floor((i * 12) / 2357));
 * const times = Array.from({ length: 78 }, (_, k) => k + 1);
 * const tracking = cumulativeTracking(fit, { births, times, covariance: true });
 * // on the model to week 39, then 20% fewer repeat purchases each week; watched from week 40
 * const onModel = tracking.points.map((point) => Math.round(point.expected));
 * const base = onModel[38] ?? 0;
 * const actual = onModel.map((value, k) => (k < 39 ? value : Math.round(base + 0.8 * (value - base))));
 * trackingAlarm(tracking, onModel, { start: 39 }).firstAlarm; // => null
 * trackingAlarm(tracking, actual, { start: 39, timeLabel: 'week' }).firstAlarm?.time; // => 47
 *
 * // points made by hand carry no covariance: independent Poisson periods, said explicitly
 * const points = [1, 2, 3, 4, 5, 6].map((week) => ({ time: week, expected: 100 * week, actual: null }));
 * const drop = trackingAlarm(points, [100, 200, 280, 360, 440, 520], { variance: 'poisson', timeLabel: 'week' });
 * drop.firstAlarm; // => { index: 4, time: 5, side: 'below' }
 * drop.message; // => 'refit due since week 5: purchases 13% below the model over weeks 0–6 (CUSUM, false-alarm rate 0.01 a period)'
 * ```
 *
 * @category CLV models
 */
export function trackingAlarm(
  expected:
    | CumulativeTrackingResult
    | { readonly points: readonly TrackingPoint[] }
    | readonly TrackingPoint[],
  actual: readonly number[],
  options?: TrackingAlarmOptions,
): TrackingAlarmResult {
  const record = optionalObject(FN, 'options', options, TRACKING_ALARM_OPTION_KEYS);
  const method = choice<TrackingAlarmMethod>('options.method', record['method'], ['cusum', 'band'], 'cusum');
  const direction = choice<TrackingAlarmDirection>(
    'options.direction',
    record['direction'],
    ['both', 'below', 'above'],
    'both',
  );
  const actualCounts = choice(
    'options.actualCounts',
    record['actualCounts'],
    ['cumulative', 'perPeriod'],
    'cumulative',
  );
  const falseAlarmRate =
    record['falseAlarmRate'] === undefined
      ? 0.01
      : requireBetween(FN, 'options.falseAlarmRate', record['falseAlarmRate'], 1e-6, 0.1);
  const variance = choice<TrackingAlarmVariance>(
    'options.variance',
    record['variance'],
    ['model', 'poisson'],
    'model',
  );
  if (variance === 'model' && record['dispersion'] !== undefined) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: options.dispersion applies only with options.variance 'poisson' (the model's covariance already has the spread)`,
      { argument: 'options.dispersion', value: record['dispersion'] },
    );
  }
  const dispersion =
    record['dispersion'] === undefined
      ? 1
      : requireAtLeast(FN, 'options.dispersion', record['dispersion'], 1);
  const labelValue = record['timeLabel'];
  if (labelValue !== undefined && typeof labelValue !== 'string') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: options.timeLabel must be a string, got ${describeValue(labelValue)}`,
      { argument: 'options.timeLabel', value: labelValue },
    );
  }
  const label = labelValue ?? 'time';

  const pointsValue =
    typeof expected === 'object' && expected !== null && !Array.isArray(expected)
      ? (expected as CumulativeTrackingResult).points
      : expected;
  const points = requireList(FN, 'expected.points', pointsValue) as readonly TrackingPoint[];
  const covarianceValue =
    typeof expected === 'object' && expected !== null && !Array.isArray(expected)
      ? (expected as { readonly covariance?: unknown }).covariance
      : undefined;
  if (variance === 'model' && covarianceValue === undefined) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: expected carries no covariance for options.variance 'model' (the default): pass cumulativeTracking's result made with input.covariance true, or set options.variance to 'poisson'`,
      { argument: 'expected.covariance', value: undefined },
    );
  }
  if (points.length === 0) {
    throw new PatronageError('INVALID_ARGUMENT', `${FN}: expected has no points to compare`, {
      argument: 'expected.points',
      value: 0,
    });
  }
  const observed = readCounts('actual', actual);
  if (observed.length !== points.length) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: actual has ${observed.length} values for ${points.length} points`,
      { argument: 'actual', value: observed.length },
    );
  }
  const times = new Array<number>(points.length);
  const expectedCumulative = new Array<number>(points.length);
  for (let i = 0; i < points.length; i++) {
    const point = points[i];
    if (typeof point !== 'object' || point === null) {
      throw new PatronageError('INVALID_ARGUMENT', `${FN}: expected.points[${i}] must be a tracking point`, {
        argument: `expected.points[${i}]`,
        value: point,
      });
    }
    times[i] = requireAtLeast(FN, `expected.points[${i}].time`, point.time, 0);
    expectedCumulative[i] = requireAtLeast(FN, `expected.points[${i}].expected`, point.expected, 0);
    if (i > 0 && !((times[i] as number) > (times[i - 1] as number))) {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${FN}: expected.points[${i}].time (${times[i]}) must be after the time before it (${times[i - 1]})`,
        { argument: `expected.points[${i}].time`, value: times[i] },
      );
    }
  }
  const startValue = record['start'] ?? 0;
  const start = requireBetween(FN, 'options.start', startValue, 0, points.length - 1);
  if (!Number.isInteger(start)) {
    throw new PatronageError('OUT_OF_RANGE', `${FN}: options.start (${start}) must be a whole index`, {
      argument: 'options.start',
      value: start,
    });
  }

  const expectedSteps = increments('expected.points[].expected', expectedCumulative, ROUNDING);
  const actualSteps = actualCounts === 'cumulative' ? increments('actual', observed, 0) : observed;
  const modelResiduals =
    variance === 'model'
      ? innovations(
          readCovariance(covarianceValue, points.length),
          actualSteps.map((count, i) => count - (expectedSteps[i] as number)),
          // the watched periods only: a model that misses the periods before start must not excuse the same
          // miss after it (conditioning on them would take a persistent gap for the cohort's own level)
          expectedSteps.map((mean, i) => i >= start && mean > 0),
        )
      : null;
  const oneSided = direction !== 'both';
  const threshold =
    method === 'cusum'
      ? cusumThreshold(oneSided ? 1 / falseAlarmRate : 2 / falseAlarmRate)
      : normalQuantile(oneSided ? 1 - falseAlarmRate : 1 - falseAlarmRate / 2);
  const watchBelow = direction !== 'above';
  const watchAbove = direction !== 'below';

  let below = 0;
  let above = 0;
  let firstAlarm: TrackingAlarmResult['firstAlarm'] = null;
  let expectedTotal = 0;
  let actualTotal = 0;
  const periods: TrackingAlarmPeriod[] = [];
  for (let i = 0; i < points.length; i++) {
    const mean = expectedSteps[i] as number;
    const count = actualSteps[i] as number;
    const time = times[i] as number;
    if (i < start) {
      periods.push({ time, expected: mean, actual: count, residual: null, below: 0, above: 0, alarm: false });
      continue;
    }
    if (mean === 0 && count > 0) {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${FN}: the model expects no purchases in the period ending at ${time} but ${count} were made; start watching after it`,
        { argument: `actual[${i}]`, value: count },
      );
    }
    const residual =
      mean === 0
        ? 0
        : modelResiduals !== null
          ? (modelResiduals[i] as number)
          : (count - mean) / Math.sqrt(dispersion * mean);
    if (method === 'cusum') {
      below = Math.max(0, below - residual - REFERENCE);
      above = Math.max(0, above + residual - REFERENCE);
    } else {
      below = Math.max(0, -residual);
      above = Math.max(0, residual);
    }
    const belowOn = watchBelow && below > threshold;
    const aboveOn = watchAbove && above > threshold;
    const alarm = belowOn || aboveOn;
    if (alarm && firstAlarm === null) firstAlarm = { index: i, time, side: belowOn ? 'below' : 'above' };
    expectedTotal += mean;
    actualTotal += count;
    periods.push({ time, expected: mean, actual: count, residual, below, above, alarm });
  }
  const relativeGap = expectedTotal === 0 ? null : (actualTotal - expectedTotal) / expectedTotal;
  const span = `${label}s ${start === 0 ? 0 : times[start - 1]}–${times[times.length - 1]}`;
  const gapText =
    relativeGap === null
      ? `the model expects no purchases over ${span}`
      : `purchases ${percent(relativeGap)} ${relativeGap < 0 ? 'below' : 'above'} the model over ${span}`;
  const how = `${method === 'cusum' ? 'CUSUM' : 'band'}, false-alarm rate ${falseAlarmRate} a period`;
  const message =
    firstAlarm === null
      ? `no refit due: ${gapText}, within the limits (${how})`
      : `refit due since ${label} ${firstAlarm.time}: ${gapText} (${how})`;
  return {
    method,
    direction,
    variance,
    falseAlarmRate,
    threshold,
    periods,
    firstAlarm,
    relativeGap,
    message,
  };
}
