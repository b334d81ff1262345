// The public calendar functions: period starts, period arithmetic and ISO labels in UTC, a fixed offset or
// an IANA time zone. The calendars themselves are in model/localCalendar, the bulk keyers in model/calendarKeys.

import { requireSafeInteger } from '../internal/validate';
import { labelOfPeriodKey } from './calendarKeys';
import {
  CALENDAR_OPTION_KEYS,
  type CalendarOptions,
  type CalendarPeriod,
  civilFromDays,
  periodStartDay,
  periodStartInstant,
  requirePeriod,
  resolveCalendar,
  shiftDay,
} from './localCalendar';
import { type TimestampInput, toEpochMsIn } from './timestamp';

export type { CalendarOptions, CalendarPeriod } from './localCalendar';

/**
 * The first instant (epoch ms) of the calendar period containing `at`.
 *
 * Boundaries are local midnights of the chosen calendar (UTC by default; see {@link CalendarOptions}).
 * Where daylight saving time skips local midnight, the period starts at the first instant of the new
 * local day. Weeks start on Monday unless `weekStartsOn` says otherwise. Month and quarter starts follow
 * the Gregorian calendar, so 29 February belongs to February and 31 January to January.
 *
 * @param at - a timestamp (Date, epoch ms or ISO-8601 string)
 * @param period - `'day' | 'week' | 'month' | 'quarter' | 'year'`
 * @param options - time zone or fixed offset, and week start
 * @returns epoch milliseconds of the period start
 * @throws PatronageError `INVALID_TIMESTAMP`, `INVALID_PERIOD`, `INVALID_TIME_ZONE`, `OUT_OF_RANGE`
 *   (weekStartsOn, utcOffsetMinutes), `INVALID_ARGUMENT` (both timeZone and utcOffsetMinutes).
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { startOfPeriod } from 'patronage';
 *
 * new Date(startOfPeriod('2024-02-29T15:00:00Z', 'month')).toISOString(); // => '2024-02-01T00:00:00.000Z'
 * new Date(startOfPeriod('2024-03-14T10:00:00Z', 'week')).toISOString(); // => '2024-03-11T00:00:00.000Z'
 * // 10 March 2024, 01:00 in New York is still in the day that started at 05:00 UTC
 * new Date(startOfPeriod('2024-03-10T06:00:00Z', 'day', { timeZone: 'America/New_York' })).toISOString(); // => '2024-03-10T05:00:00.000Z'
 * ```
 *
 * @category Time
 */
export function startOfPeriod(at: TimestampInput, period: CalendarPeriod, options?: CalendarOptions): number {
  const fn = 'startOfPeriod';
  const epochMs = toEpochMsIn(fn, 'at', at);
  const checkedPeriod = requirePeriod(fn, period);
  const calendar = resolveCalendar(fn, options, CALENDAR_OPTION_KEYS);
  const startDay = periodStartDay(calendar.toLocal(epochMs), checkedPeriod, calendar.weekStartsOn);
  return periodStartInstant(fn, calendar, startDay);
}

/**
 * The first instant of the period `count` periods after (or, when negative, before) the one containing
 * `at`: `addPeriods(at, 'month', 1)` is the start of the next month, whatever the day of `at`, so month
 * ends never overflow (31 January plus one month is 1 February, the start of February).
 *
 * @param at - a timestamp in the period to start from
 * @param period - the calendar period
 * @param count - whole number of periods to move, may be negative
 * @param options - time zone or fixed offset, and week start
 * @returns epoch milliseconds of the start of the target period
 * @throws PatronageError `INVALID_TIMESTAMP`, `INVALID_PERIOD`, `NOT_AN_INTEGER`, `NOT_FINITE`,
 *   `INVALID_ARGUMENT`, `INVALID_TIME_ZONE`, `OUT_OF_RANGE`.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { addPeriods } from 'patronage';
 *
 * new Date(addPeriods('2024-01-31', 'month', 1)).toISOString(); // => '2024-02-01T00:00:00.000Z'
 * new Date(addPeriods('2024-05-20', 'quarter', -1)).toISOString(); // => '2024-01-01T00:00:00.000Z'
 * ```
 *
 * @category Time
 */
export function addPeriods(
  at: TimestampInput,
  period: CalendarPeriod,
  count: number,
  options?: CalendarOptions,
): number {
  const fn = 'addPeriods';
  const epochMs = toEpochMsIn(fn, 'at', at);
  const checkedPeriod = requirePeriod(fn, period);
  const steps = requireSafeInteger(fn, 'count', count);
  const calendar = resolveCalendar(fn, options, CALENDAR_OPTION_KEYS);
  const startDay = periodStartDay(calendar.toLocal(epochMs), checkedPeriod, calendar.weekStartsOn);
  return periodStartInstant(fn, calendar, shiftDay(startDay, checkedPeriod, steps));
}

/**
 * The number of period boundaries crossed from `from` to `to`: 0 in the same period, 1 in the next, and
 * negative when `to` is earlier. This is the "k-th period after acquisition" of a cohort table.
 *
 * @param from - the earlier timestamp (for example the acquisition time)
 * @param to - the later timestamp
 * @param period - the calendar period
 * @param options - time zone or fixed offset, and week start
 * @returns a whole number of periods
 * @throws PatronageError `INVALID_TIMESTAMP`, `INVALID_PERIOD`, `INVALID_TIME_ZONE`, `OUT_OF_RANGE`,
 *   `INVALID_ARGUMENT`.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { periodsBetween } from 'patronage';
 *
 * periodsBetween('2024-01-31', '2024-02-01', 'month'); // => 1
 * periodsBetween('2024-01-01', '2024-12-31', 'quarter'); // => 3
 * ```
 *
 * @category Time
 */
export function periodsBetween(
  from: TimestampInput,
  to: TimestampInput,
  period: CalendarPeriod,
  options?: CalendarOptions,
): number {
  const fn = 'periodsBetween';
  const fromMs = toEpochMsIn(fn, 'from', from);
  const toMs = toEpochMsIn(fn, 'to', to);
  const checkedPeriod = requirePeriod(fn, period);
  const calendar = resolveCalendar(fn, options, CALENDAR_OPTION_KEYS);
  const fromDay = periodStartDay(calendar.toLocal(fromMs), checkedPeriod, calendar.weekStartsOn);
  const toDay = periodStartDay(calendar.toLocal(toMs), checkedPeriod, calendar.weekStartsOn);
  if (checkedPeriod === 'day') return toDay - fromDay;
  if (checkedPeriod === 'week') return (toDay - fromDay) / 7;
  const a = civilFromDays(fromDay);
  const b = civilFromDays(toDay);
  const months = (b.year - a.year) * 12 + (b.month - a.month);
  if (checkedPeriod === 'month') return months;
  return checkedPeriod === 'quarter' ? months / 3 : months / 12;
}

/**
 * An ISO-8601 label for the period containing `at`: `2024-03-15` (day), `2024-W11` (week, ISO week
 * numbering; with a `weekStartsOn` other than Monday the label is the week's first day, `2024-03-10`),
 * `2024-03` (month), `2024-Q1` (quarter), `2024` (year). Labels sort chronologically as strings within
 * years 0-9999.
 *
 * @param at - a timestamp
 * @param period - the calendar period
 * @param options - time zone or fixed offset, and week start
 * @returns the label
 * @throws PatronageError `INVALID_TIMESTAMP`, `INVALID_PERIOD`, `INVALID_TIME_ZONE`, `OUT_OF_RANGE`,
 *   `INVALID_ARGUMENT`.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { periodLabel } from 'patronage';
 *
 * periodLabel('2024-03-15T12:00:00Z', 'month'); // => '2024-03'
 * periodLabel('2024-12-30', 'week'); // => '2025-W01'
 * periodLabel('2024-03-31T23:30:00Z', 'quarter', { utcOffsetMinutes: 120 }); // => '2024-Q2'
 * ```
 *
 * @category Time
 */
export function periodLabel(at: TimestampInput, period: CalendarPeriod, options?: CalendarOptions): string {
  const fn = 'periodLabel';
  const epochMs = toEpochMsIn(fn, 'at', at);
  const checkedPeriod = requirePeriod(fn, period);
  const calendar = resolveCalendar(fn, options, CALENDAR_OPTION_KEYS);
  const startDay = periodStartDay(calendar.toLocal(epochMs), checkedPeriod, calendar.weekStartsOn);
  return labelOfPeriodKey(startDay, checkedPeriod, calendar.weekStartsOn);
}
