import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { optionalObject, optionKeys, requireBetween, requireList, requireObject } from '../internal/validate';
import { twoSidedZ } from '../math/normal';

/**
 * Right-censored durations: subject i lasted `durations[i]` (in any one unit) and `observed[i]` says
 * whether the event (a cancellation, a lapse) happened then (`true`) or the subject was still going when
 * observation stopped (`false`, censored).
 *
 * @category Survival
 */
export interface SurvivalData {
  /** Durations, finite and at least 0, all in one unit. */
  readonly durations: Iterable<number>;
  /** Whether each duration ended in the event (`true` or 1) or was censored (`false` or 0). */
  readonly observed: Iterable<boolean | 0 | 1>;
}

/**
 * Options of {@link kaplanMeier}.
 *
 * @category Survival
 */
export interface KaplanMeierOptions {
  /** Level of the pointwise confidence intervals, between 0 and 1 exclusive. Default 0.95. */
  readonly confidenceLevel?: number;
}

const KAPLAN_MEIER_OPTION_KEYS = /* @__PURE__ */ optionKeys<KaplanMeierOptions>()(['confidenceLevel']);

/**
 * The Kaplan–Meier estimate, one entry per distinct time at which an event or a censoring happened.
 *
 * @category Survival
 */
export interface KaplanMeierResult {
  /** Distinct durations, ascending. */
  readonly times: readonly number[];
  /** Subjects still at risk just before each time. */
  readonly atRisk: readonly number[];
  /** Events at each time. */
  readonly events: readonly number[];
  /** Censored subjects at each time. */
  readonly censored: readonly number[];
  /** Estimated survival S(t) just after each time. */
  readonly survival: readonly number[];
  /** Greenwood standard error of S(t); `null` once S(t) has reached 0 (it is undefined there). */
  readonly standardError: readonly (number | null)[];
  /** Lower bound of the log-type confidence interval; `null` where S(t) is 0. */
  readonly lower: readonly (number | null)[];
  /** Upper bound of the log-type confidence interval, at most 1; `null` where S(t) is 0. */
  readonly upper: readonly (number | null)[];
  /** Median survival time; `null` when survival never falls to 0.5. */
  readonly median: number | null;
  /** The confidence level used. */
  readonly confidenceLevel: number;
}

/** A confidence level and its two-sided normal multiplier. */
interface Level {
  readonly level: number;
  readonly z: number;
}

/** The confidence level of the options, strictly between 0 and 1 (default 0.95), with its z. */
function confidenceLevelOf(fn: string, options: unknown): Level {
  const { confidenceLevel = 0.95 } = optionalObject(fn, 'options', options, KAPLAN_MEIER_OPTION_KEYS);
  const level = requireBetween(fn, 'confidenceLevel', confidenceLevel, 0, 1);
  if (level === 0 || level === 1) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${fn}: confidenceLevel must be strictly between 0 and 1, got ${level}`,
      {
        argument: 'confidenceLevel',
        value: level,
      },
    );
  }
  return { level, z: twoSidedZ(fn, 'confidenceLevel', level) };
}

const LEVEL_95: Level = { level: 0.95, z: /* @__PURE__ */ twoSidedZ('kaplanMeier', 'confidenceLevel', 0.95) };

/**
 * Durations already tallied: at each distinct time (ascending), how many subjects had the event and how
 * many were censored. Ten million purchase gaps of whole days fit in a few hundred entries.
 */
export interface SurvivalCounts {
  /** Distinct durations, finite, at least 0 and strictly ascending. */
  readonly times: readonly number[];
  /** Subjects whose event happened at each time: whole numbers, at least 0, not all 0 with `censored`. */
  readonly events: readonly number[];
  /** Subjects censored at each time: whole numbers, at least 0. */
  readonly censored: readonly number[];
}

/**
 * The estimate of {@link kaplanMeier} from durations already counted per distinct time (for callers inside
 * the package that built the counts themselves, such as the report: not validated), at the 0.95 level:
 * the same result as `kaplanMeier` on the subjects the counts describe, in time and memory that grow with
 * the distinct times rather than the subjects.
 */
export function kaplanMeierOfCounts(counts: SurvivalCounts): KaplanMeierResult {
  return estimateFromCounts(counts.times, counts.events, counts.censored, LEVEL_95);
}

/**
 * Kaplan–Meier survival estimate with right censoring: `S(t) = Π_{tᵢ ≤ t} (1 − dᵢ / nᵢ)`, where nᵢ
 * subjects are at risk and dᵢ have the event at time tᵢ (Kaplan & Meier 1958), with Greenwood's standard
 * error `S(t) √(Σ dᵢ / (nᵢ (nᵢ − dᵢ)))` and log-type pointwise confidence intervals
 * `S(t) exp(±z σ(t))` capped at 1 (the defaults of R's `survival::survfit`, which the tests check against).
 * Subjects censored at a time are at risk at that time. The median is the first time S(t) ≤ 0.5; when
 * S(t) is 0.5 (within 1.49e-8, survfit's tolerance) until a later drop, the midpoint of the two times (as
 * `survfit` reports it), or that time when no drop follows.
 *
 * For churn analysis, durations are customer or subscription lifetimes; see
 * {@link survivalFromSubscriptions} and {@link survivalFromPurchaseGaps} to build them from events.
 *
 * @param data - `durations` and `observed`, of equal length, at least one subject
 * @param options - `confidenceLevel`, default 0.95
 * @returns the estimate at every distinct time
 * @throws PatronageError `EMPTY_INPUT` for no subjects, `INVALID_ARGUMENT` (lists of different length, an
 *   `observed` entry that is not a boolean, 0 or 1, a duration that is not a number), `NOT_FINITE`,
 *   `OUT_OF_RANGE` (a negative duration, a confidence level outside (0, 1)).
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { kaplanMeier } from 'patronage';
 *
 * const fit = kaplanMeier({ durations: [1, 2, 3, 4], observed: [true, true, true, true] });
 * fit.survival; // => [0.75, 0.5, 0.25, 0]
 * fit.median; // => 2.5
 * fit.standardError; // => [0.21650635094610965, 0.25, 0.21650635094610965, null]
 * ```
 *
 * @category Survival
 */
export function kaplanMeier(data: SurvivalData, options?: KaplanMeierOptions): KaplanMeierResult {
  const fn = 'kaplanMeier';
  const record = requireObject(fn, 'data', data);
  const level = confidenceLevelOf(fn, options);
  const durations = requireList(fn, 'durations', record['durations']);
  const observed = requireList(fn, 'observed', record['observed']);
  if (durations.length !== observed.length) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: durations (${durations.length}) and observed (${observed.length}) differ in length`,
      { argument: 'observed', value: observed.length },
    );
  }
  if (durations.length === 0)
    throw new PatronageError('EMPTY_INPUT', `${fn}: no subjects`, {
      argument: 'durations',
      value: durations,
    });
  const subjects = Array.from(durations, (duration, index) => {
    const time = requireBetween(fn, `durations[${index}]`, duration, 0, Number.MAX_VALUE);
    const flag = observed[index];
    if (flag !== true && flag !== false && flag !== 0 && flag !== 1) {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${fn}: observed[${index}] must be true, false, 1 or 0, got ${describeValue(flag)}`,
        {
          argument: `observed[${index}]`,
          value: flag,
        },
      );
    }
    return { time, event: flag === true || flag === 1 };
  });
  subjects.sort((a, b) => a.time - b.time);
  // the distinct times with their events and censorings, then the estimate from those counts
  const times: number[] = [];
  const events: number[] = [];
  const censored: number[] = [];
  let index = 0;
  while (index < subjects.length) {
    const time = (subjects[index] as { time: number }).time;
    let eventCount = 0;
    let censoredCount = 0;
    while (index < subjects.length && (subjects[index] as { time: number }).time === time) {
      if ((subjects[index] as { event: boolean }).event) eventCount++;
      else censoredCount++;
      index++;
    }
    times.push(time);
    events.push(eventCount);
    censored.push(censoredCount);
  }
  return estimateFromCounts(times, events, censored, level);
}

/**
 * The product-limit estimate from the distinct times (ascending) and the events and censorings at each:
 * the one computation behind {@link kaplanMeier} and {@link kaplanMeierOfCounts}.
 */
function estimateFromCounts(
  times: readonly number[],
  events: readonly number[],
  censored: readonly number[],
  { level, z }: Level,
): KaplanMeierResult {
  const result = {
    times: [] as number[],
    atRisk: [] as number[],
    events: [] as number[],
    censored: [] as number[],
    survival: [] as number[],
    standardError: [] as (number | null)[],
    lower: [] as (number | null)[],
    upper: [] as (number | null)[],
  };
  let atRisk = 0;
  for (let index = 0; index < times.length; index++)
    atRisk += (events[index] as number) + (censored[index] as number);
  let survival = 1;
  let greenwood = 0; // Σ d / (n (n − d))
  for (let index = 0; index < times.length; index++) {
    const time = times[index] as number;
    const eventCount = events[index] as number;
    const censoredCount = censored[index] as number;
    if (eventCount > 0) {
      survival *= 1 - eventCount / atRisk;
      greenwood =
        eventCount === atRisk
          ? Number.POSITIVE_INFINITY
          : greenwood + eventCount / (atRisk * (atRisk - eventCount));
    }
    const defined = survival > 0 && Number.isFinite(greenwood);
    const sigma = Math.sqrt(greenwood);
    result.times.push(time);
    result.atRisk.push(atRisk);
    result.events.push(eventCount);
    result.censored.push(censoredCount);
    result.survival.push(survival);
    result.standardError.push(defined ? survival * sigma : null);
    result.lower.push(defined ? survival * Math.exp(-z * sigma) : null);
    result.upper.push(defined ? Math.min(1, survival * Math.exp(z * sigma)) : null);
    atRisk -= eventCount + censoredCount;
  }
  return { ...result, median: medianOf(result.times, result.survival), confidenceLevel: level };
}

/**
 * (a + b) / 2 without overflow: two durations near `Number.MAX_VALUE` have an infinite sum, and halving each
 * first keeps the midpoint finite; otherwise the plain formula (the same value wherever it does not overflow).
 */
function midpoint(a: number, b: number): number {
  const sum = a + b;
  return Number.isFinite(sum) ? sum / 2 : a / 2 + b / 2;
}

/** Within this distance of 0.5, S counts as exactly 0.5 (survfit's tolerance, √ε). */
const HALF_TOLERANCE = 1.49e-8;

/** First time with S ≤ 0.5; the midpoint with the next drop when S is 0.5 (survfit's rule). */
function medianOf(times: readonly number[], survival: readonly number[]): number | null {
  for (let index = 0; index < times.length; index++) {
    const value = survival[index] as number;
    if (Math.abs(value - 0.5) <= HALF_TOLERANCE) {
      for (let next = index + 1; next < times.length; next++) {
        if ((survival[next] as number) < 0.5 - HALF_TOLERANCE)
          return midpoint(times[index] as number, times[next] as number);
      }
      return times[index] as number;
    }
    if (value < 0.5) return times[index] as number;
  }
  return null;
}
