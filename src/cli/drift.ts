// The drift check of the command line (`predict --track`, the report's holdout): trackingAlarm on the
// periods after the calibration end, and the cohort's repeat purchases per period that it reads.

import type { PurchaseDays } from '../aggregate/shared/purchaseDays';
import {
  type CumulativeTrackingResult,
  cumulativeTracking,
  isPatronageError,
  type ModelSpec,
  type TrackingPoint,
  trackingAlarm,
} from '../index';

/** The customers first seen by the calibration end: their births and the repeat purchases per period. */
export interface HoldoutCounts {
  /** Each such customer's first purchase day, in units since the first transaction's day. */
  readonly births: number[];
  /** Cumulative repeat purchase days of those customers at the end of each period 1, 2, … */
  readonly actual: number[];
  /** The period ends, 1, 2, … (units since the first transaction's day). */
  readonly times: number[];
}

/**
 * The repeat purchase days, per period of `unitMs` from the first transaction's day up to the day
 * `holdoutKey`, of the customers (of `customers`, dense numbers) first seen by the day `calibrationKey`;
 * `visit` sees each such customer's dense number, first day index and split indexes.
 */
export function holdoutCounts(
  days: PurchaseDays,
  customers: Iterable<number>,
  keys: { readonly first: number; readonly calibration: number; readonly holdout: number },
  unitMs: number,
  visit?: (customer: number, from: number, split: number, end: number) => void,
): HoldoutCounts {
  const { keyer } = days;
  const { offsets, keys: dayKeys } = days.grouped;
  const firstStart = keyer.startOf(keys.first);
  const steps = Math.max(1, Math.ceil((keyer.startOf(keys.holdout) - firstStart) / unitMs));
  const repeatsByStep = new Float64Array(steps + 1);
  const births: number[] = [];
  for (const c of customers) {
    const from = offsets[c] as number;
    const to = offsets[c + 1] as number;
    if ((dayKeys[from] as number) > keys.calibration) continue;
    let split = from;
    while (split < to && (dayKeys[split] as number) <= keys.calibration) split++;
    let end = split;
    while (end < to && (dayKeys[end] as number) <= keys.holdout) end++;
    births.push((keyer.startOf(dayKeys[from] as number) - firstStart) / unitMs);
    for (let k = from + 1; k < end; k++) {
      const slot = Math.min(steps, Math.ceil((keyer.startOf(dayKeys[k] as number) - firstStart) / unitMs));
      repeatsByStep[slot] = (repeatsByStep[slot] as number) + 1;
    }
    visit?.(c, from, split, end);
  }
  const times = Array.from({ length: steps }, (_, k) => k + 1);
  let cumulative = 0;
  const actual = times.map((time) => {
    cumulative += repeatsByStep[time] as number;
    return cumulative;
  });
  return { births, actual, times };
}

/**
 * The drift check (`trackingAlarm`, two-sided CUSUM, false-alarm rate 0.01 a period) on the periods that
 * begin at or after `calibrationEnd` (units since the first transaction's day), as a sentence: with the
 * model's covariance when `tracking` carries it, else with Poisson variance, which the sentence says.
 */
export function driftSentence(
  tracking: CumulativeTrackingResult,
  actual: readonly number[],
  calibrationEnd: number,
  unit: string,
): string {
  const points = tracking.points;
  const start = points.findIndex(
    (_, k) => (k === 0 ? 0 : (points[k - 1] as TrackingPoint).time) >= calibrationEnd,
  );
  if (start < 0) return 'Drift check: no whole period after the calibration end to watch.';
  try {
    const poisson = tracking.covariance === undefined;
    const alarm = trackingAlarm(tracking, actual, {
      start,
      timeLabel: unit,
      variance: poisson ? 'poisson' : 'model',
    });
    const caveat = poisson
      ? ' Poisson variance: this model gives no covariance of its counts, so the limits are too tight; read an alarm as worth a look.'
      : '';
    return `Drift check (${alarm.firstAlarm === null ? 'no alarm' : 'alarm'}): ${alarm.message}.${caveat}`;
  } catch (error) {
    if (isPatronageError(error)) return `Drift check not possible: ${error.message}.`;
    throw error;
  }
}

/**
 * The drift sentence of a fit on the counts of {@link holdoutCounts}, with the model's covariance of the
 * periods' counts where the model has one (BG/NBD, MBG/NBD, Pareto/NBD, NBD).
 */
export function driftOf(fit: ModelSpec, counts: HoldoutCounts, calibrationEnd: number, unit: string): string {
  const input = { births: counts.births, times: counts.times, actual: counts.actual };
  let tracking: CumulativeTrackingResult;
  try {
    tracking = cumulativeTracking(fit, { ...input, covariance: true });
  } catch (error) {
    if (!isPatronageError(error) || error.code !== 'UNSUPPORTED_MODEL') throw error;
    tracking = cumulativeTracking(fit, input);
  }
  return driftSentence(tracking, counts.actual, calibrationEnd, unit);
}
