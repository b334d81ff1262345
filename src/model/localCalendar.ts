// Local calendars: the period vocabulary, the wall clock of a calendar (UTC, a fixed offset or an IANA zone),
// civil-date arithmetic on local day numbers, and the period starts on them. The public calendar functions
// (model/calendar) and the bulk period keyers (model/calendarKeys) are both built on this.

import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { optionalObject, optionKeys, requireFinite } from '../internal/validate';
import { DAY_MS, MAX_EPOCH_MS } from './time';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

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

/** The keys of {@link CalendarOptions}. */
export const CALENDAR_OPTION_KEYS: readonly (keyof CalendarOptions & string)[] =
  /* @__PURE__ */ optionKeys<CalendarOptions>()(['timeZone', 'utcOffsetMinutes', 'weekStartsOn']);

/** A resolved calendar: converts instants to local wall-clock milliseconds and back. */
export interface Calendar {
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
    (fields['hour'] ?? 0) * HOUR_MS +
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

/**
 * Validates calendar options and returns the calendar they describe. `keys` are the valid keys of the
 * options object as the public function takes it (the calendar keys and its own).
 */
export function resolveCalendar(fn: string, options: unknown, keys: readonly string[]): Calendar {
  const record = optionalObject(fn, 'options', options, keys);
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

/** The day number (days since 1970-01-01) of a proleptic Gregorian date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthIndex = month + (month > 2 ? -3 : 9);
  const dayOfYear = Math.floor((153 * monthIndex + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The proleptic Gregorian date of a day number (days since 1970-01-01). */
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
export function periodStartDay(wallMs: number, period: CalendarPeriod, weekStartsOn: number): number {
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

/** The start day of the period `count` periods after (or before) the one starting on `startDay`. */
export function shiftDay(startDay: number, period: CalendarPeriod, count: number): number {
  if (period === 'day') return startDay + count;
  if (period === 'week') return startDay + 7 * count;
  const { year, month } = civilFromDays(startDay);
  const months = period === 'month' ? count : period === 'quarter' ? 3 * count : 12 * count;
  const monthIndex = year * 12 + (month - 1) + months;
  return daysFromCivil(Math.floor(monthIndex / 12), (((monthIndex % 12) + 12) % 12) + 1, 1);
}

/** The instant of a local period-start day, or INVALID_TIMESTAMP when it falls outside the Date range. */
export function periodStartInstant(fn: string, calendar: Calendar, startDay: number): number {
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
