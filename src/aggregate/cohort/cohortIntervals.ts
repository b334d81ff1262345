import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { optionKeys, requireBetween, requireOptions } from '../../internal/validate';
import { twoSidedZ } from '../../math/normal';
import { twoProportionZTest, wilsonInterval } from '../../math/proportion';
import type { CohortCellInterval, CohortIntervalOptions, CohortRow } from './cohortCore';

/** The `intervals` option as validated: the confidence level, its normal quantile and the test's level. */
export interface ResolvedCohortIntervals {
  readonly confidenceLevel: number;
  /** Φ⁻¹(1 − α/2), α = 1 − `confidenceLevel`: 1.959963984540054 at 0.95. */
  readonly z: number;
  /** α = 1 − `confidenceLevel`. */
  readonly alpha: number;
}

const INTERVAL_OPTION_KEYS = /* @__PURE__ */ optionKeys<CohortIntervalOptions>()(['confidenceLevel']);

/** The default confidence level of `intervals: true`. */
const DEFAULT_LEVEL = 0.95;

/**
 * Reads the `intervals` option: `undefined` or `false` for none, `true` for 95 %, or
 * `{ confidenceLevel }` with a level strictly between 0 and 1 (and far enough from 1 that 1 − α/2 is below 1
 * as a double: up to 0.9999999999999998).
 */
export function resolveCohortIntervals(fn: string, value: unknown): ResolvedCohortIntervals | undefined {
  if (value === undefined || value === false) return undefined;
  let level = DEFAULT_LEVEL;
  if (value !== true) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${fn}: options.intervals must be true, false or { confidenceLevel }, got ${describeValue(value)}`,
        { argument: 'options.intervals', value },
      );
    }
    const record = requireOptions(fn, 'options.intervals', value, INTERVAL_OPTION_KEYS);
    const raw = record['confidenceLevel'];
    if (raw !== undefined) {
      level = requireBetween(fn, 'options.intervals.confidenceLevel', raw, 0, 1);
      if (level === 0 || level === 1) {
        throw new PatronageError(
          'OUT_OF_RANGE',
          `${fn}: options.intervals.confidenceLevel must be strictly between 0 and 1, got ${level}`,
          { argument: 'options.intervals.confidenceLevel', value: level },
        );
      }
    }
  }
  return {
    confidenceLevel: level,
    z: twoSidedZ(fn, 'options.intervals.confidenceLevel', level),
    alpha: 1 - level,
  };
}

/** The serialisable form of the option, for an accumulator's state: nothing without intervals. */
export function plainCohortIntervals(resolved: ResolvedCohortIntervals | undefined): Record<string, unknown> {
  return resolved === undefined
    ? {}
    : { intervals: Object.freeze({ confidenceLevel: resolved.confidenceLevel }) };
}

/**
 * The rows with `intervals` added: per cell the Wilson interval of `counts[k]` of `size` and the pooled
 * two-proportion z-test against the previous row's cell k. The rows come back unchanged without the option.
 */
export function withCohortIntervals(
  rows: CohortRow[],
  resolved: ResolvedCohortIntervals | undefined,
): CohortRow[] {
  if (resolved === undefined) return rows;
  const { z, alpha } = resolved;
  const result = new Array<CohortRow>(rows.length);
  let previous: CohortRow | undefined;
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index] as CohortRow;
    const { counts, size } = row;
    const intervals = new Array<CohortCellInterval | null>(counts.length);
    for (let k = 0; k < counts.length; k++) {
      const count = counts[k];
      if (count === null || count === undefined) {
        intervals[k] = null;
        continue;
      }
      const { lower, upper } = wilsonInterval(count, size, z);
      const before = previous?.counts[k];
      if (previous === undefined || before === null || before === undefined) {
        intervals[k] = { lower, upper, pValue: null, direction: null };
        continue;
      }
      const test = twoProportionZTest(before, previous.size, count, size);
      const direction = test.pValue < alpha ? (test.z > 0 ? 'higher' : 'lower') : null;
      intervals[k] = { lower, upper, pValue: test.pValue, direction };
    }
    result[index] = { ...row, intervals };
    previous = row;
  }
  return result;
}
