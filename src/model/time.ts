// The time vocabulary every folder shares: the length of a day, the Date range, and the units in which
// summaries and models express durations. Defined here once; everything else imports it.

import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';

/** Milliseconds in a day (UTC days; calendar days in a time zone go through `model/calendar`). */
export const DAY_MS = 86_400_000;

/** The range of a JavaScript Date: ±8.64e15 ms around the epoch. */
export const MAX_EPOCH_MS = 8.64e15;

/** Days in the average Gregorian year, the length behind `'month'`, `'quarter'` and `'year'`. */
export const DAYS_PER_YEAR = 365.2425;

/**
 * The time unit of recency and T: a calendar word or a length in milliseconds (1 ms to 8.64e15 ms, the
 * span of the Date range). `'month'` is the average Gregorian month, 365.2425 / 12 days, so the unit only
 * scales the times.
 *
 * @category Tables
 */
export type TimeUnit = 'day' | 'week' | 'month' | number;

/** The length of a {@link TimeUnit} in milliseconds; OUT_OF_RANGE for anything else. */
export function unitLength(fn: string, unit: unknown): number {
  if (unit === 'day') return DAY_MS;
  if (unit === 'week') return 7 * DAY_MS;
  if (unit === 'month') return (DAYS_PER_YEAR / 12) * DAY_MS;
  if (typeof unit === 'number' && unit >= 1 && unit <= MAX_EPOCH_MS) return unit;
  throw new PatronageError(
    'OUT_OF_RANGE',
    `${fn}: unit must be 'day', 'week', 'month' or a length from 1 ms to 8.64e15 ms, got ${describeValue(unit)}`,
    { argument: 'unit', value: unit },
  );
}
