// Time-varying covariates: reading and checking a customer's covariate path (the periods, each with its
// covariate values) and the times of its repeat purchases. Internal; the covariate fit (covariates.ts) and
// the predictions of a time-varying fit call it. See docs/model-covariates.md, "Time-varying covariates".
//
// A path is a list of periods `{ start, end, covariates }` in the customer's own time (its first purchase at
// 0, in the rows' unit), each period [start, end) followed by the next without a gap or an overlap, covering
// the customer from 0 to the end of what is needed (T for a fit, T + horizon for a prediction). Inside a
// period every covariate is constant (CLVTools' weekly Cov.Date rows are periods of length 1 week).
// Consecutive periods with the same values are merged, and the path is cut to [0, until]: the likelihood
// is the same, with fewer segments.

import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { requireFinite, requireKnownKeys, requireList, requireObject } from '../../internal/validate';

/**
 * One period of a customer's time-varying covariates: from `start` (inclusive) to `end` (exclusive), in the
 * fit's time unit since the customer's first purchase (so a period that began before it has a negative
 * `start`), with the covariates' values in that period.
 *
 * @category CLV models
 */
export interface CovariatePeriod {
  /** Start of the period, in the fit's time unit since the first purchase. */
  readonly start: number;
  /** End of the period (the next period's start). */
  readonly end: number;
  /** The covariates' values during the period, by name. */
  readonly covariates: Readonly<Record<string, number>>;
}

/**
 * A customer with time-varying covariates: the summary `{ frequency, recency, T }`, the times of the repeat
 * purchases, and the covariate path. A covariate named in the fit is read from each period's `covariates`,
 * or, when the periods do not carry it, from the row's time-invariant `covariates` (never both).
 *
 * @category CLV models
 */
export interface CovariatePathHistory {
  /** Repeat purchases (after the first). */
  readonly frequency: number;
  /** Time of the last purchase since the first. */
  readonly recency: number;
  /** Length of observation since the first purchase. */
  readonly T: number;
  /** The times of the `frequency` repeat purchases since the first, ascending; the last is `recency`. */
  readonly purchaseTimes: readonly number[];
  /** The covariate path: consecutive periods from at most 0 to at least `T` (or `T` + horizon). */
  readonly covariatePath: readonly CovariatePeriod[];
  /** Time-invariant covariates, for the named covariates the periods do not carry. */
  readonly covariates?: Readonly<Record<string, number>>;
  /** The customer's id, named in error messages. */
  readonly customerId?: string | number;
}

/**
 * A row of a fit with time-varying covariates: a {@link CovariatePathHistory}, with an optional weight
 * (the number of identical customers).
 *
 * @category CLV models
 */
export interface CovariatePathRow extends CovariatePathHistory {
  /** Number of customers with this history (default 1). */
  readonly weight?: number;
}

/** A checked path cut to [0, until], with merged segments. */
export interface CheckedPath {
  /** Segment ends, ascending; segment k runs from ends[k − 1] (0 for k = 0) to ends[k]; the last is `until`. */
  readonly ends: Float64Array;
  /** Per covariate (in the order asked for), its value per segment. */
  readonly columns: readonly Float64Array[];
  /** Repeat purchases per segment. */
  readonly counts: Float64Array;
}

const PERIOD_KEYS = ['start', 'end', 'covariates'];

function pathError(message: string, argument: string, value: unknown): PatronageError {
  return new PatronageError('INVALID_COVARIATE_PATH', message, { argument, value });
}

/** Reads a row's covariate `name`: MISSING_COVARIATE when absent, the number codes when not finite. */
export function requireCovariate(
  fn: string,
  name: string,
  who: string,
  covariates: Readonly<Record<string, unknown>>,
  covariate: string,
): number {
  const value = covariates[covariate];
  if (value === undefined) {
    throw new PatronageError(
      'MISSING_COVARIATE',
      `${fn}: ${who} has no covariate ${covariate} in its covariates`,
      {
        argument: `${name}.covariates.${covariate}`,
        field: covariate,
        value,
      },
    );
  }
  return requireFinite(fn, `${name}.covariates.${covariate}`, value);
}

/** Whether a row or customer carries a covariate path (a `covariatePath` field). */
export function hasPath(record: unknown): boolean {
  return (
    typeof record === 'object' &&
    record !== null &&
    (record as Readonly<Record<string, unknown>>)['covariatePath'] !== undefined
  );
}

/**
 * Reads and checks a customer's path for covariates `names` over [0, until], and assigns its repeat
 * purchases (x of them, the last at t_x) to the segments. Throws `INVALID_COVARIATE_PATH` (naming the
 * customer and the period) for a missing or empty path, a period that does not end after it starts, a gap,
 * an overlap, a path that starts after the first purchase or ends before `until`, a covariate given both in
 * a period and in the row's `covariates`, and purchase times that are not `frequency` ascending times in
 * (0, t_x] ending at t_x; `MISSING_COVARIATE` for a covariate neither gives; the number codes for values
 * that are not finite.
 */
export function readPath(
  fn: string,
  name: string,
  who: string,
  record: Readonly<Record<string, unknown>>,
  names: readonly string[],
  x: number,
  tx: number,
  until: number,
  untilWhat: string,
): CheckedPath {
  if (record['covariatePath'] === undefined) {
    throw pathError(
      `${fn}: ${who} has no covariatePath: a fit with time-varying covariates needs each customer's covariate path`,
      `${name}.covariatePath`,
      undefined,
    );
  }
  const periods = requireList(fn, `${name}.covariatePath`, record['covariatePath']);
  if (periods.length === 0) {
    throw pathError(`${fn}: ${who} has an empty covariatePath`, `${name}.covariatePath`, periods);
  }
  const statics =
    record['covariates'] === undefined ? null : requireObject(fn, `${name}.covariates`, record['covariates']);
  const ends: number[] = [];
  const values: number[][] = names.map(() => []);
  let previousEnd = Number.NaN;
  for (let p = 0; p < periods.length; p++) {
    const label = `${name}.covariatePath[${p}]`;
    const period = requireObject(fn, label, periods[p]);
    requireKnownKeys(fn, label, period, PERIOD_KEYS);
    const start = requireFinite(fn, `${label}.start`, period['start']);
    const end = requireFinite(fn, `${label}.end`, period['end']);
    if (!(end > start)) {
      throw pathError(
        `${fn}: ${who}'s ${label} ends at ${end}, not after its start ${start}`,
        `${label}.end`,
        end,
      );
    }
    if (p === 0 && start > 0) {
      throw pathError(
        `${fn}: ${who}'s covariate path starts at ${start}, after the first purchase (time 0): it must cover the customer from the first purchase`,
        `${label}.start`,
        start,
      );
    }
    if (p > 0 && start !== previousEnd) {
      throw pathError(
        start > previousEnd
          ? `${fn}: ${who}'s covariate path has a gap: ${name}.covariatePath[${p - 1}] ends at ${previousEnd} and ${label} starts at ${start}`
          : `${fn}: ${who}'s covariate path overlaps: ${name}.covariatePath[${p - 1}] ends at ${previousEnd} and ${label} starts at ${start}`,
        `${label}.start`,
        start,
      );
    }
    previousEnd = end;
    const own =
      period['covariates'] === undefined
        ? null
        : requireObject(fn, `${label}.covariates`, period['covariates']);
    // periods wholly before the first purchase or after `until` are checked but not used
    const used = end > 0 && start < until;
    names.forEach((covariate, c) => {
      const inPeriod = own?.[covariate];
      const inRow = statics?.[covariate];
      if (inPeriod !== undefined && inRow !== undefined) {
        throw pathError(
          `${fn}: ${who} gives ${covariate} both in ${label}.covariates and in ${name}.covariates: a covariate is either time-varying or not`,
          `${label}.covariates.${covariate}`,
          inPeriod,
        );
      }
      // absent from both: the period is named, as the place a time-varying value belongs
      const value =
        inRow === undefined || statics === null
          ? requireCovariate(fn, label, who, own ?? {}, covariate)
          : requireCovariate(fn, name, who, statics, covariate);
      if (used) (values[c] as number[]).push(value + 0);
    });
    if (used) ends.push(Math.min(end, until));
  }
  if (previousEnd < until) {
    throw pathError(
      `${fn}: ${who}'s covariate path ends at ${previousEnd}, before ${untilWhat} (${until}): it must cover the customer until then`,
      `${name}.covariatePath[${periods.length - 1}].end`,
      previousEnd,
    );
  }
  // merge consecutive segments with the same values
  const merged: number[] = [];
  const columns: number[][] = names.map(() => []);
  for (let k = 0; k < ends.length; k++) {
    const last = merged.length - 1;
    const same = last >= 0 && values.every((column, c) => column[k] === (columns[c] as number[])[last]);
    if (same) merged[last] = ends[k] as number;
    else {
      merged.push(ends[k] as number);
      values.forEach((column, c) => {
        (columns[c] as number[]).push(column[k] as number);
      });
    }
  }
  const checked: CheckedPath = {
    ends: Float64Array.from(merged),
    columns: columns.map((column) => Float64Array.from(column)),
    counts: new Float64Array(merged.length),
  };
  assignPurchases(fn, name, who, record, x, tx, checked);
  return checked;
}

/** Counts the repeat purchases per segment, checking `purchaseTimes` against x and t_x. */
function assignPurchases(
  fn: string,
  name: string,
  who: string,
  record: Readonly<Record<string, unknown>>,
  x: number,
  tx: number,
  path: CheckedPath,
): void {
  const argument = `${name}.purchaseTimes`;
  if (record['purchaseTimes'] === undefined) {
    throw pathError(
      `${fn}: ${who} has no purchaseTimes: a fit with time-varying covariates needs the times of the repeat purchases (the covariates in effect at each purchase enter the likelihood)`,
      argument,
      undefined,
    );
  }
  const times = requireList(fn, argument, record['purchaseTimes']);
  if (times.length !== x) {
    throw pathError(
      `${fn}: ${who} has ${times.length} purchaseTimes but frequency ${x}: one time per repeat purchase`,
      argument,
      times.length,
    );
  }
  let previous = 0;
  let k = 0;
  const { ends, counts } = path;
  times.forEach((entry, j) => {
    const t = requireFinite(fn, `${argument}[${j}]`, entry);
    if (!(t > 0) || t < previous || t > tx || (j === times.length - 1 && t !== tx)) {
      throw pathError(
        `${fn}: ${who}'s ${argument}[${j}] is ${describeValue(t)}: the repeat purchase times must ascend in (0, recency], the last equal to recency (${tx})`,
        `${argument}[${j}]`,
        t,
      );
    }
    previous = t;
    // segments are [start, end): a purchase at a segment's end is in the next one (the last holds its end)
    while (k < ends.length - 1 && t >= (ends[k] as number)) k++;
    counts[k] = (counts[k] as number) + 1;
  });
}
