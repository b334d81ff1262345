import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import {
  optionalObject,
  optionKeys,
  requireAtLeast,
  requireBetween,
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
   * The variance of a period's purchase count over its expectation, at least 1 (default 1: Poisson). A
   * cohort whose customers differ in purchase rate varies more than Poisson; see docs/decisions.md.
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
   * (actual − expected)/√(dispersion · expected), or null before `start` (and 0 when both are 0).
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

function percent(fraction: number): string {
  const value = Math.abs(fraction) * 100;
  return `${value < 10 ? value.toFixed(1) : value.toFixed(0)}%`;
}

/**
 * Whether incoming purchases have drifted from a fit's expectation: compares each period's repeat
 * purchases with the increment of {@link cumulativeTracking}'s expected curve and says when a refit is due.
 *
 * A period's count X is taken as having mean μ (the model's expected increment) and variance φμ
 * (`dispersion` φ, 1 for Poisson); its standardised residual is z = (X − μ)/√(φμ). The `'cusum'` method
 * (default) runs Page's (1954) one-sided sums S⁻ₜ = max(0, S⁻ₜ₋₁ − zₜ − k) and
 * S⁺ₜ = max(0, S⁺ₜ₋₁ + zₜ − k) with k = 0.5 from `start` on, and the alarm is on while a watched sum
 * exceeds h; h is set by Siegmund's approximation so that the in-control average run length is
 * 1/`falseAlarmRate` periods (for `'both'`, each side gets twice that). The `'band'` method alarms in a
 * period whose |z| (or the one watched side) exceeds Φ⁻¹(1 − α/2) (one side: Φ⁻¹(1 − α)), α =
 * `falseAlarmRate`. Both rest on the normal approximation to the count, good when the model expects
 * about 20 or more purchases a period; docs/decisions.md gives the rates measured by simulation.
 *
 * Laws (property-tested): no alarm when the actual counts equal the expected ones; a larger shortfall
 * (actual lower in every period) never alarms later when watching `'below'`.
 *
 * @param expected - a {@link CumulativeTrackingResult} or its `points` (the expected cumulative curve)
 * @param actual - the observed repeat purchases at each point: cumulative (default) or per period
 * @param options - `method`, `falseAlarmRate`, `direction`, `start`, `actualCounts`, `dispersion`,
 *   `timeLabel`
 * @returns per period the residual, the statistics and the alarm; the first alarm; the gap and a sentence
 * @throws PatronageError `INVALID_ARGUMENT` for no points, lengths that differ, times not increasing, a
 *   cumulative count that falls, a period the model expects no purchases in but that has some, a hole in a
 *   list or an unknown `method`, `direction` or `actualCounts`; `OUT_OF_RANGE` for a negative count, a
 *   `falseAlarmRate` outside [1e-6, 0.1], a `dispersion` below 1 or a `start` outside the points (or not
 *   whole); `NOT_FINITE` for a non-finite count; `INVALID_OPTION` for an unknown option key.
 *
 * @example
 * ```ts
 * import { trackingAlarm } from 'patronage';
 *
 * // the model expects 100 repeat purchases a week; from week 3 on, 80 come
 * const points = [1, 2, 3, 4, 5, 6].map((week) => ({ time: week, expected: 100 * week, actual: null }));
 * trackingAlarm(points, [100, 200, 300, 400, 500, 600]).firstAlarm; // => null
 * const drop = trackingAlarm(points, [100, 200, 280, 360, 440, 520], { timeLabel: 'week' });
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
    const residual = mean === 0 ? 0 : (count - mean) / Math.sqrt(dispersion * mean);
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
  return { method, direction, falseAlarmRate, threshold, periods, firstAlarm, relativeGap, message };
}
