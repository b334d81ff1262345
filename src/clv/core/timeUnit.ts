// The time unit of a fit, as the valuation functions take it. Internal.

import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { DAY_MS, DAYS_PER_YEAR, type TimeUnit, unitLength } from '../../model/time';

/**
 * The unit of a fit's times: whatever {@link rfmSummary}'s `unit` accepts (`'day'`, `'week'`, `'month'` =
 * 365.2425/12 days, or a length in milliseconds), plus `'quarter'` (365.2425/4 days) and `'year'`
 * (365.2425 days). Pass the `unit` the summaries were made with.
 *
 * @category CLV models
 */
export type ModelTimeUnit = TimeUnit | 'quarter' | 'year';

/** Days in a {@link ModelTimeUnit}; the shared units and milliseconds are read by {@link unitLength}. */
export function daysOf(fn: string, name: string, unit: unknown): number {
  if (unit === 'quarter') return DAYS_PER_YEAR / 4;
  if (unit === 'year') return DAYS_PER_YEAR;
  try {
    return unitLength(fn, unit) / DAY_MS;
  } catch (error) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${fn}: ${name} must be 'day', 'week', 'month', 'quarter', 'year' or a length from 1 ms to 8.64e15 ms, got ${describeValue(unit)}`,
      { argument: name, value: unit, cause: error },
    );
  }
}
