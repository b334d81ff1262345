import { PatronageError } from '../errors/PatronageError';
import { dateTime } from '../internal/dates';
import { describeValue } from '../internal/describe';
import { daysFromCivil } from './localCalendar';
import { DAY_MS, MAX_EPOCH_MS } from './time';

/**
 * A point in time as callers may give it: a `Date`, epoch milliseconds, or an ISO-8601 string.
 * patronage normalises every one to epoch milliseconds (UTC) at the boundary; see {@link toEpochMs}.
 *
 * @category Time
 */
export type TimestampInput = Date | number | string;

// YYYY-MM-DD (or an expanded ±YYYYYY year), optionally followed by T (or a space) HH:mm[:ss[.fraction]]
// and Z or ±HH:mm / ±HHmm / ±HH.
const ISO_PATTERN =
  /^(\d{4}|[+-]\d{6})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Whether `year` is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (1-based) of a year. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 31);
}

function invalid(fn: string, name: string, value: unknown, why: string): PatronageError {
  return new PatronageError('INVALID_TIMESTAMP', `${fn}: ${name} ${why}, got ${describeValue(value)}`, {
    argument: name,
    value,
  });
}

function parseIso(fn: string, name: string, text: string): number {
  const match = ISO_PATTERN.exec(text.trim());
  if (match === null) {
    throw invalid(
      fn,
      name,
      text,
      'must be an ISO-8601 date or date-time such as 2024-03-15 or 2024-03-15T10:30:00Z',
    );
  }
  const [, y = '', mo, d, h, mi, s, fraction, zone] = match;
  if (y === '-000000') throw invalid(fn, name, text, 'has year -000000, which ISO 8601 does not allow');
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const millisecond = fraction === undefined ? 0 : Number(`0.${fraction}`) * 1000;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw invalid(fn, name, text, 'is not a calendar date');
  }
  if (hour > 23 || minute > 59 || second > 59)
    throw invalid(fn, name, text, 'has an out-of-range time of day');
  let offsetMinutes = 0;
  if (zone !== undefined && zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetHours = Number(digits.slice(0, 2));
    const offsetMins = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (offsetHours > 23 || offsetMins > 59) throw invalid(fn, name, text, 'has an out-of-range UTC offset');
    offsetMinutes = sign * (offsetHours * 60 + offsetMins);
  }
  // setUTCFullYear, unlike Date.UTC, does not map the years 0-99 to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return checkRange(fn, name, text, date.getTime() + millisecond - offsetMinutes * 60_000);
}

/** Whether `value` (a character code minus 48) is a decimal digit. */
function isDigit(value: number): boolean {
  return value >= 0 && value <= 9;
}

/** The last valid date {@link readCommonIso} read (as year·10⁴ + month·100 + day) and its midnight, epoch ms. */
export interface IsoDateMemo {
  date: number;
  midnight: number;
}

/**
 * Reads an ISO-8601 string in one of the shapes exports use most, `YYYY-MM-DD` and
 * `YYYY-MM-DDTHH:MM:SS`, optionally with `.sss` and then `Z` or `±HH:MM`, character by character without a
 * regular expression or a Date (each character once): the epoch milliseconds, or NaN for any other string,
 * including an invalid calendar date or time of day, so that the caller hands it to {@link toEpochMsIn},
 * which accepts the other shapes or names what is wrong. The number is the number `toEpochMsIn` returns
 * for the same string (a date-time without an offset is UTC there too).
 *
 * With `memo` (start `memo.date` at -1), the last valid date read and its midnight are remembered: a
 * string of the same date, as most rows of a time-ordered log are, skips the calendar check and the day
 * count. The result is the same.
 */
export function readCommonIso(text: string, memo: IsoDateMemo | null = null): number {
  const length = text.length;
  // the date, the time and the fraction, then a zone of 0, 1 (Z) or 6 (±HH:MM) characters
  const body =
    length === 10 || length === 19 || length === 23
      ? length
      : length - 1 === 19 || length - 1 === 23
        ? length - 1
        : length - 6;
  const zone = length - body;
  if ((body !== 10 || zone !== 0) && body !== 19 && body !== 23) return Number.NaN; // a date has no zone
  const y0 = text.charCodeAt(0) - 48;
  const y1 = text.charCodeAt(1) - 48;
  const y2 = text.charCodeAt(2) - 48;
  const y3 = text.charCodeAt(3) - 48;
  const m0 = text.charCodeAt(5) - 48;
  const m1 = text.charCodeAt(6) - 48;
  const d0 = text.charCodeAt(8) - 48;
  const d1 = text.charCodeAt(9) - 48;
  if (
    !(isDigit(y0) && isDigit(y1) && isDigit(y2) && isDigit(y3)) ||
    !(isDigit(m0) && isDigit(m1) && isDigit(d0) && isDigit(d1)) ||
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45
  ) {
    return Number.NaN;
  }
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  let epochMs: number;
  const date = year * 10_000 + month * 100 + day; // one number per (year, month, day)
  if (memo !== null && memo.date === date)
    epochMs = memo.midnight; // checked when it was remembered
  else {
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
    epochMs = daysFromCivil(year, month, day) * DAY_MS;
    if (memo !== null) {
      memo.date = date;
      memo.midnight = epochMs;
    }
  }
  if (body > 10) {
    const h0 = text.charCodeAt(11) - 48;
    const h1 = text.charCodeAt(12) - 48;
    const i0 = text.charCodeAt(14) - 48;
    const i1 = text.charCodeAt(15) - 48;
    const s0 = text.charCodeAt(17) - 48;
    const s1 = text.charCodeAt(18) - 48;
    if (
      text.charCodeAt(10) !== 84 || // T
      text.charCodeAt(13) !== 58 ||
      text.charCodeAt(16) !== 58 ||
      !(isDigit(h0) && isDigit(h1) && isDigit(i0) && isDigit(i1) && isDigit(s0) && isDigit(s1))
    ) {
      return Number.NaN;
    }
    const hour = h0 * 10 + h1;
    const minute = i0 * 10 + i1;
    const second = s0 * 10 + s1;
    if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
    epochMs += hour * 3_600_000 + minute * 60_000 + second * 1000;
    if (body === 23) {
      const f0 = text.charCodeAt(20) - 48;
      const f1 = text.charCodeAt(21) - 48;
      const f2 = text.charCodeAt(22) - 48;
      if (text.charCodeAt(19) !== 46 || !(isDigit(f0) && isDigit(f1) && isDigit(f2))) return Number.NaN;
      epochMs += f0 * 100 + f1 * 10 + f2;
    }
  }
  if (zone === 1) {
    if (text.charCodeAt(body) !== 90) return Number.NaN; // Z
  } else if (zone === 6) {
    const sign = text.charCodeAt(body);
    const o0 = text.charCodeAt(body + 1) - 48;
    const o1 = text.charCodeAt(body + 2) - 48;
    const o2 = text.charCodeAt(body + 4) - 48;
    const o3 = text.charCodeAt(body + 5) - 48;
    if (
      (sign !== 43 && sign !== 45) ||
      text.charCodeAt(body + 3) !== 58 ||
      !(isDigit(o0) && isDigit(o1) && isDigit(o2) && isDigit(o3))
    ) {
      return Number.NaN;
    }
    const hours = o0 * 10 + o1;
    const minutes = o2 * 10 + o3;
    if (hours > 23 || minutes > 59) return Number.NaN;
    epochMs += (sign === 43 ? -60_000 : 60_000) * (hours * 60 + minutes);
  }
  return epochMs === 0 ? 0 : epochMs;
}

function checkRange(fn: string, name: string, original: unknown, epochMs: number): number {
  if (!Number.isFinite(epochMs) || Math.abs(epochMs) > MAX_EPOCH_MS) {
    throw invalid(fn, name, original, 'is outside the range of a JavaScript Date (±8.64e15 ms)');
  }
  return epochMs === 0 ? 0 : epochMs;
}

/**
 * Normalises a timestamp to epoch milliseconds (UTC).
 *
 * Accepts a valid `Date`, a finite number of epoch milliseconds within the range of a Date, or an ISO-8601
 * string: a date (`2024-03-15`, midnight UTC) or a date-time with an optional fraction and an optional `Z`
 * or `±HH:mm` offset. Years outside 0-9999 use the expanded form `+010000` / `-000001`, as
 * `Date.prototype.toISOString` writes them. **A date-time without an offset is read as UTC**, unlike `Date.parse`, which reads it
 * in the machine's local zone: results never depend on where the code runs. Other string formats are
 * rejected rather than guessed.
 *
 * @param value - the timestamp
 * @returns epoch milliseconds
 * @throws PatronageError `INVALID_TIMESTAMP` for an invalid Date, a non-finite or out-of-range number, a
 *   string that is not ISO-8601 or not a calendar date, or any other type.
 *
 * @example
 * ```ts
 * import { toEpochMs } from 'patronage';
 *
 * toEpochMs('2024-02-29'); // => 1709164800000
 * toEpochMs('2024-02-29T01:00:00+01:00'); // => 1709164800000
 * toEpochMs(new Date(Date.UTC(2024, 1, 29))); // => 1709164800000
 * toEpochMs('2023-02-29'); // => throws INVALID_TIMESTAMP
 * ```
 *
 * @category Time
 */
export function toEpochMs(value: TimestampInput): number {
  return toEpochMsIn('toEpochMs', 'value', value);
}

/** {@link toEpochMs} with the calling function's name for messages. */
export function toEpochMsIn(fn: string, name: string, value: unknown): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw invalid(fn, name, value, 'must be a finite number of epoch milliseconds');
    return checkRange(fn, name, value, value);
  }
  if (typeof value === 'string') return parseIso(fn, name, value);
  const time = dateTime(value);
  if (time !== null) {
    if (Number.isNaN(time)) throw invalid(fn, name, value, 'must be a valid Date');
    return checkRange(fn, name, value, time);
  }
  throw invalid(fn, name, value, 'must be a Date, epoch milliseconds or an ISO-8601 string');
}
