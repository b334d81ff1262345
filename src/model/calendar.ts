import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { optionalObject, requireFinite } from '../internal/validate';
import { DAY_MS, MAX_EPOCH_MS } from './time';
import { type TimestampInput, toEpochMsIn } from './timestamp';

const MINUTE_MS = 60_000;

/**
 * A calendar period used to bucket timestamps.
 *
 * @category Time
 */
export type CalendarPeriod = 'day' | 'week' | 'month' | 'quarter' | 'year';

const PERIODS: readonly CalendarPeriod[] = ['day', 'week', 'month', 'quarter', 'year'];

/**
 * Where calendar boundaries fall. By default periods are computed in **UTC** with weeks starting on
 * Monday (ISO 8601). Give either `timeZone` (an IANA name such as `'Europe/Bucharest'`, daylight saving
 * time applied) or `utcOffsetMinutes` (a fixed offset, `420` for UTC+07:00), not both.
 *
 * @category Time
 */
export interface CalendarOptions {
  /** IANA time-zone name, for example `'Asia/Ho_Chi_Minh'` or `'America/New_York'`. */
  readonly timeZone?: string;
  /** A fixed offset from UTC in minutes, between -1080 and 1080 (east positive). */
  readonly utcOffsetMinutes?: number;
  /** First day of the week, 0 = Sunday ... 6 = Saturday. Default 1 (Monday, ISO 8601). */
  readonly weekStartsOn?: 0 | 1 | 2 | 3 | 4 | 5 | 6;
}

/** A resolved calendar: converts instants to local wall-clock milliseconds and back. */
interface Calendar {
  readonly toLocal: (epochMs: number) => number;
  readonly fromLocal: (wallMs: number) => number;
  readonly weekStartsOn: number;
  /** Set for UTC and fixed-offset calendars: local wall clock minus UTC, in ms. */
  readonly fixedOffsetMs?: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(fn: string, timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      });
    } catch {
      throw new PatronageError(
        'INVALID_TIME_ZONE',
        `${fn}: timeZone ${describeValue(timeZone)} is not an IANA time zone this runtime knows`,
        { argument: 'timeZone', value: timeZone },
      );
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Offset of a zone from UTC at an instant, in ms (local wall clock minus UTC). */
function zoneOffset(formatter: Intl.DateTimeFormat, epochMs: number): number {
  // Probes around a wall time may step just outside the Date range; read the offset at the edge then.
  const inRange = Math.min(MAX_EPOCH_MS, Math.max(-MAX_EPOCH_MS, epochMs));
  const whole = Math.floor(inRange / 1000) * 1000;
  const fields: Record<string, number> = {};
  let bc = false;
  for (const part of formatter.formatToParts(whole)) {
    if (part.type === 'era') bc = part.value === 'BC' || part.value === 'B';
    else if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const year = bc ? 1 - (fields['year'] ?? 0) : (fields['year'] ?? 0);
  const wall =
    daysFromCivil(year, fields['month'] ?? 1, fields['day'] ?? 1) * DAY_MS +
    (fields['hour'] ?? 0) * 3_600_000 +
    (fields['minute'] ?? 0) * MINUTE_MS +
    (fields['second'] ?? 0) * 1000;
  return wall - whole;
}

function zoneCalendar(fn: string, timeZone: string, weekStartsOn: number): Calendar {
  const formatter = zoneFormatter(fn, timeZone);
  const offset = (epochMs: number): number => zoneOffset(formatter, epochMs);
  const toLocal = (epochMs: number): number => epochMs + offset(epochMs);
  const fromLocal = (wallMs: number): number => {
    // Offsets in force around this wall time; a candidate is valid when it maps back to the wall time.
    const offsets = new Set([offset(wallMs - DAY_MS), offset(wallMs), offset(wallMs + DAY_MS)]);
    let best: number | undefined;
    for (const candidateOffset of offsets) {
      const instant = wallMs - candidateOffset;
      if (toLocal(instant) === wallMs && (best === undefined || instant < best)) best = instant;
    }
    if (best !== undefined) return best;
    // The wall time falls in a gap (clocks moved forward): the first instant at or after it is the
    // transition. Search between the earliest and latest candidate instants.
    let low = wallMs - Math.max(...offsets);
    let high = wallMs - Math.min(...offsets);
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (toLocal(middle) >= wallMs) high = middle;
      else low = middle;
    }
    return high;
  };
  return { toLocal, fromLocal, weekStartsOn };
}

const utcCalendars = new Map<string, Calendar>();

function offsetCalendar(offsetMs: number, weekStartsOn: number): Calendar {
  const key = `${offsetMs}/${weekStartsOn}`;
  let calendar = utcCalendars.get(key);
  if (calendar === undefined) {
    calendar = {
      toLocal: (epochMs) => epochMs + offsetMs,
      fromLocal: (wallMs) => wallMs - offsetMs,
      weekStartsOn,
      fixedOffsetMs: offsetMs,
    };
    utcCalendars.set(key, calendar);
  }
  return calendar;
}

/** Validates calendar options and returns the calendar they describe. */
export function resolveCalendar(fn: string, options: unknown): Calendar {
  const record = optionalObject(fn, 'options', options);
  const { timeZone, utcOffsetMinutes, weekStartsOn = 1 } = record;
  if (
    typeof weekStartsOn !== 'number' ||
    !Number.isInteger(weekStartsOn) ||
    weekStartsOn < 0 ||
    weekStartsOn > 6
  ) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${fn}: weekStartsOn must be a whole number from 0 (Sunday) to 6 (Saturday), got ${describeValue(weekStartsOn)}`,
      { argument: 'weekStartsOn', value: weekStartsOn },
    );
  }
  if (timeZone !== undefined && utcOffsetMinutes !== undefined) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: give either timeZone or utcOffsetMinutes, not both`,
      {
        argument: 'options',
        value: record,
      },
    );
  }
  if (utcOffsetMinutes !== undefined) {
    const minutes = requireFinite(fn, 'utcOffsetMinutes', utcOffsetMinutes);
    if (!Number.isInteger(minutes) || Math.abs(minutes) > 1080) {
      throw new PatronageError(
        'OUT_OF_RANGE',
        `${fn}: utcOffsetMinutes must be a whole number of minutes between -1080 and 1080, got ${describeValue(minutes)}`,
        { argument: 'utcOffsetMinutes', value: minutes },
      );
    }
    return offsetCalendar(minutes * MINUTE_MS, weekStartsOn);
  }
  if (timeZone !== undefined) {
    if (typeof timeZone !== 'string' || timeZone.length === 0) {
      throw new PatronageError(
        'INVALID_TIME_ZONE',
        `${fn}: timeZone must be an IANA time-zone name, got ${describeValue(timeZone)}`,
        { argument: 'timeZone', value: timeZone },
      );
    }
    if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return offsetCalendar(0, weekStartsOn);
    return zoneCalendar(fn, timeZone, weekStartsOn);
  }
  return offsetCalendar(0, weekStartsOn);
}

/** Checks a period name. */
export function requirePeriod(fn: string, period: unknown): CalendarPeriod {
  if (typeof period !== 'string' || !PERIODS.includes(period as CalendarPeriod)) {
    throw new PatronageError(
      'INVALID_PERIOD',
      `${fn}: period must be one of ${PERIODS.join(', ')}, got ${describeValue(period)}`,
      { argument: 'period', value: period },
    );
  }
  return period as CalendarPeriod;
}

// Civil-date arithmetic on day numbers since 1970-01-01 (proleptic Gregorian), after H. Hinnant,
// "chrono-Compatible Low-Level Date Algorithms".
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthIndex = month + (month > 2 ? -3 : 9);
  const dayOfYear = Math.floor((153 * monthIndex + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

export function civilFromDays(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Local day number (days since 1970-01-01 on the local calendar) of the period start containing `wallMs`. */
function periodStartDay(wallMs: number, period: CalendarPeriod, weekStartsOn: number): number {
  const dayNumber = Math.floor(wallMs / DAY_MS);
  switch (period) {
    case 'day':
      return dayNumber;
    case 'week': {
      const weekday = (((dayNumber + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday (4)
      return dayNumber - ((weekday - weekStartsOn + 7) % 7);
    }
    default: {
      const { year, month } = civilFromDays(dayNumber);
      if (period === 'month') return daysFromCivil(year, month, 1);
      if (period === 'quarter') return daysFromCivil(year, month - ((month - 1) % 3), 1);
      return daysFromCivil(year, 1, 1);
    }
  }
}

function shiftDay(startDay: number, period: CalendarPeriod, count: number): number {
  if (period === 'day') return startDay + count;
  if (period === 'week') return startDay + 7 * count;
  const { year, month } = civilFromDays(startDay);
  const months = period === 'month' ? count : period === 'quarter' ? 3 * count : 12 * count;
  const monthIndex = year * 12 + (month - 1) + months;
  return daysFromCivil(Math.floor(monthIndex / 12), (((monthIndex % 12) + 12) % 12) + 1, 1);
}

/** The instant of a local period-start day, or INVALID_TIMESTAMP when it falls outside the Date range. */
function checkedResult(fn: string, calendar: Calendar, startDay: number): number {
  const wallMs = startDay * DAY_MS;
  const result = Math.abs(wallMs) <= MAX_EPOCH_MS + 2 * DAY_MS ? calendar.fromLocal(wallMs) : Number.NaN;
  if (!(Math.abs(result) <= MAX_EPOCH_MS)) {
    throw new PatronageError(
      'INVALID_TIMESTAMP',
      `${fn}: the resulting period start is outside the range of a JavaScript Date (±8.64e15 ms)`,
      { argument: 'at', value: startDay },
    );
  }
  return result === 0 ? 0 : result;
}

function requireWholeCount(fn: string, count: unknown): number {
  const value = requireFinite(fn, 'count', count);
  if (!Number.isSafeInteger(value)) {
    throw new PatronageError(
      'NOT_AN_INTEGER',
      `${fn}: count must be a whole number, got ${describeValue(value)}`,
      {
        argument: 'count',
        value,
      },
    );
  }
  return value;
}

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
  const calendar = resolveCalendar(fn, options);
  const startDay = periodStartDay(calendar.toLocal(epochMs), checkedPeriod, calendar.weekStartsOn);
  return checkedResult(fn, calendar, startDay);
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
  const steps = requireWholeCount(fn, count);
  const calendar = resolveCalendar(fn, options);
  const startDay = periodStartDay(calendar.toLocal(epochMs), checkedPeriod, calendar.weekStartsOn);
  return checkedResult(fn, calendar, shiftDay(startDay, checkedPeriod, steps));
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
  const calendar = resolveCalendar(fn, options);
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

function formatYear(year: number): string {
  if (year >= 0 && year <= 9999) return String(year).padStart(4, '0');
  return (year < 0 ? '-' : '+') + String(Math.abs(year)).padStart(6, '0');
}

const pad2 = (value: number): string => String(value).padStart(2, '0');

/** ISO-8601 week-numbering year and week of a local day number. */
function isoWeek(dayNumber: number): { year: number; week: number } {
  const weekday = (((dayNumber + 4) % 7) + 7) % 7 || 7; // Monday 1 ... Sunday 7
  const thursday = dayNumber + (4 - weekday);
  const { year } = civilFromDays(thursday);
  const week = Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1;
  return { year, week };
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
  const calendar = resolveCalendar(fn, options);
  const startDay = periodStartDay(calendar.toLocal(epochMs), checkedPeriod, calendar.weekStartsOn);
  return labelOfPeriodKey(startDay, checkedPeriod, calendar.weekStartsOn);
}

/**
 * Fast period keys for bulk work: `keyOf(epochMs)` is the local day number (days since 1970-01-01 on the
 * calendar's wall clock) of the start of the period containing the instant, `startOf(key)` the instant
 * that period starts. With UTC or a fixed offset both are plain arithmetic; with an IANA zone the offset
 * is cached per UTC hour (zones change offset only on whole or half hours, and the cache is keyed on
 * 15-minute slices to be safe).
 */
export interface PeriodKeyer {
  readonly keyOf: (epochMs: number) => number;
  readonly startOf: (key: number) => number;
}

export function periodKeyer(fn: string, period: CalendarPeriod, options: unknown): PeriodKeyer {
  const calendar = resolveCalendar(fn, options);
  const { weekStartsOn, fixedOffsetMs } = calendar;
  let toLocal = calendar.toLocal;
  if (fixedOffsetMs === undefined) {
    const cache = new Map<number, number>();
    const slice = 900_000;
    toLocal = (epochMs) => {
      const bucket = Math.floor(epochMs / slice);
      let offset = cache.get(bucket);
      if (offset === undefined) {
        const probe = bucket * slice;
        offset = calendar.toLocal(probe) - probe;
        // cache only slices without a transition inside
        if (calendar.toLocal(probe + slice - 1) - (probe + slice - 1) === offset) cache.set(bucket, offset);
        else offset = calendar.toLocal(epochMs) - epochMs;
      }
      return epochMs + offset;
    };
  }
  const startCache = new Map<number, number>();
  const startOf =
    fixedOffsetMs === undefined
      ? (key: number): number => {
          let start = startCache.get(key);
          if (start === undefined) {
            start = checkedResult(fn, calendar, key);
            startCache.set(key, start);
          }
          return start;
        }
      : (key: number): number => key * DAY_MS - fixedOffsetMs;
  if (fixedOffsetMs === undefined) {
    return { keyOf: (epochMs) => periodStartDay(toLocal(epochMs), period, weekStartsOn), startOf };
  }
  if (period === 'day')
    return { keyOf: (epochMs) => Math.floor((epochMs + fixedOffsetMs) / DAY_MS), startOf };
  // Longer periods: memoise day → period start in a table around the first day seen (±20,000 days).
  const EMPTY = 0x7fff_ffff;
  let base = Number.NaN;
  const table = new Int32Array(40_001).fill(EMPTY);
  const keyOf = (epochMs: number): number => {
    const day = Math.floor((epochMs + fixedOffsetMs) / DAY_MS);
    if (Number.isNaN(base)) base = day - 20_000;
    const slot = day - base;
    if (slot < 0 || slot > 40_000) return periodStartDay(day * DAY_MS, period, weekStartsOn);
    let key = table[slot] as number;
    if (key === EMPTY) {
      key = periodStartDay(day * DAY_MS, period, weekStartsOn);
      table[slot] = key;
    }
    return key;
  };
  return { keyOf, startOf };
}

/** The period key (local start day) containing a local day number. */
export function periodKeyOfDay(dayNumber: number, period: CalendarPeriod, weekStartsOn = 1): number {
  return periodStartDay(dayNumber * DAY_MS, period, weekStartsOn);
}

/** The ISO-8601 label of a period key (a local start day), as periodLabel writes it. */
export function labelOfPeriodKey(key: number, period: CalendarPeriod, weekStartsOn = 1): string {
  const { year, month, day } = civilFromDays(key);
  switch (period) {
    case 'day':
      return `${formatYear(year)}-${pad2(month)}-${pad2(day)}`;
    case 'week': {
      if (weekStartsOn !== 1) return `${formatYear(year)}-${pad2(month)}-${pad2(day)}`;
      const iso = isoWeek(key);
      return `${formatYear(iso.year)}-W${pad2(iso.week)}`;
    }
    case 'month':
      return `${formatYear(year)}-${pad2(month)}`;
    case 'quarter':
      return `${formatYear(year)}-Q${(month - 1) / 3 + 1}`;
    default:
      return formatYear(year);
  }
}

/** The key of the period `count` periods after the one with `key`. */
export function shiftPeriodKey(key: number, period: CalendarPeriod, count: number): number {
  return shiftDay(key, period, count);
}

/** Whole periods from key `from` to key `to`. */
export function periodKeyDistance(from: number, to: number, period: CalendarPeriod): number {
  if (period === 'day') return to - from;
  if (period === 'week') return Math.round((to - from) / 7);
  const a = civilFromDays(from);
  const b = civilFromDays(to);
  const months = (b.year - a.year) * 12 + (b.month - a.month);
  return period === 'month'
    ? months
    : period === 'quarter'
      ? Math.floor(months / 3)
      : Math.floor(months / 12);
}
