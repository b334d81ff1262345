import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { optionKeys, requireList, requireObject, requireOptions } from '../../internal/validate';
import type { MonthDay } from '../../model/events';
import {
  CALENDAR_OPTION_KEYS,
  civilFromDays,
  daysFromCivil,
  resolveCalendar,
} from '../../model/localCalendar';
import { DAY_MS } from '../../model/time';
import { daysInMonth, isLeapYear, type TimestampInput, toEpochMsIn } from '../../model/timestamp';
import { requireDays } from '../requireDays';

/**
 * A customer whose occasions to look up: a {@link Customer} works as it is; add `firstPurchaseAt` for
 * first-purchase anniversaries.
 *
 * @category Loyalty
 */
export interface OccasionCustomer {
  /** The customer's id. */
  readonly id: string;
  /** Yearly occasions; `birthday` is `{ month, day, year? }`. */
  readonly occasions?: {
    /** The birthday, `{ month, day, year? }`. */
    readonly birthday?: MonthDay;
  };
  /** The first purchase, for the anniversary. */
  readonly firstPurchaseAt?: TimestampInput;
}

/**
 * Options of {@link upcomingOccasions}.
 *
 * @category Loyalty
 */
export interface UpcomingOccasionsOptions {
  /** Now. */
  readonly at: TimestampInput;
  /** The window: occasions from today to today + withinDays, inclusive (0 = today only; at most 366). */
  readonly withinDays: number;
  /** IANA time zone whose calendar dates count (default UTC). */
  readonly timeZone?: string;
  /** Or a fixed offset from UTC in minutes. */
  readonly utcOffsetMinutes?: number;
  /** Where a 29 February occasion falls in a common year: `'feb28'` (default) or `'mar1'`. */
  readonly leapDay?: 'feb28' | 'mar1';
}

const UPCOMING_OCCASIONS_OPTION_KEYS = /* @__PURE__ */ optionKeys<UpcomingOccasionsOptions>()([
  'at',
  'withinDays',
  'timeZone',
  'utcOffsetMinutes',
  'leapDay',
]);

/**
 * An occasion in the window.
 *
 * @category Loyalty
 */
export interface UpcomingOccasion {
  /** The customer. */
  readonly customerId: string;
  /** Which occasion. */
  readonly occasion: 'birthday' | 'firstPurchaseAnniversary';
  /** Its local date, `YYYY-MM-DD`. */
  readonly date: string;
  /** Days from today (local) to it: 0 is today. */
  readonly daysUntil: number;
  /** The age turned or the anniversary's number; null for a birthday without a year. */
  readonly years: number | null;
}

const FN = 'upcomingOccasions';

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function invalid(name: string, message: string, value: unknown): PatronageError {
  return new PatronageError('INVALID_ARGUMENT', `${FN}: ${name} ${message}, got ${describeValue(value)}`, {
    argument: name,
    value,
  });
}

function readBirthday(name: string, value: unknown): MonthDay | null {
  if (value === undefined) return null;
  const record = requireObject(FN, name, value);
  const { month, day, year } = record;
  if (!(Number.isInteger(month) && (month as number) >= 1 && (month as number) <= 12)) {
    throw invalid(`${name}.month`, 'must be a whole month from 1 to 12', month);
  }
  if (year !== undefined && !(Number.isInteger(year) && (year as number) >= 1 && (year as number) <= 9999)) {
    throw invalid(`${name}.year`, 'must be a whole year from 1 to 9999', year);
  }
  // without a year 29 February is a valid birthday; with one, the date must exist in that year
  const limit =
    year === undefined && month === 2 ? 29 : daysInMonth((year as number) ?? 2000, month as number);
  if (!(Number.isInteger(day) && (day as number) >= 1 && (day as number) <= limit)) {
    throw invalid(`${name}.day`, `must be a day of the month (1–${limit})`, day);
  }
  // the values checked, never the caller's object: a getter read again could give something else
  return year === undefined
    ? { month: month as number, day: day as number }
    : { month: month as number, day: day as number, year: year as number };
}

/**
 * Birthdays and first-purchase anniversaries in the next `withinDays` days (docs/formulas.md §1.4: a birthday
 * message makes most customers think better of the business). Dates are calendar dates in the given time
 * zone: "today" is the local date of `at`, and a first purchase's anniversary is the local date it was made
 * on. A 29 February occasion falls on 28 February in common years (or 1 March with `leapDay: 'mar1'`).
 * With `withinDays` of 365 or more, an occasion can appear twice (this year's and next year's).
 *
 * @param customers - customers with `occasions.birthday` and/or `firstPurchaseAt` (others are skipped)
 * @param options - `at`, `withinDays`, `timeZone` or `utcOffsetMinutes`, `leapDay`
 * @returns the occasions in the window, soonest first, then by customer id and occasion
 * @throws PatronageError `INVALID_ARGUMENT` for a malformed customer or birthday, `INVALID_TIMESTAMP`,
 *   `INVALID_TIME_ZONE`, `OUT_OF_RANGE` for `withinDays` outside 0–366.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { upcomingOccasions } from 'patronage';
 *
 * const customers = [
 *   { id: 'ann', occasions: { birthday: { month: 2, day: 29, year: 1992 } } },
 *   { id: 'bo', firstPurchaseAt: '2023-03-01T02:30:00Z' },
 * ];
 * // 2025 is not a leap year: Ann's birthday falls on 28 February
 * upcomingOccasions(customers, { at: '2025-02-20T12:00:00Z', withinDays: 8 }).map((o) => `${o.customerId} ${o.date} ${o.years}`);
 * // => ['ann 2025-02-28 33']
 * // Bo's first purchase was on 1 March in UTC but on 28 February in New York
 * upcomingOccasions(customers, { at: '2025-02-20T12:00:00Z', withinDays: 8, timeZone: 'America/New_York' }).map((o) => `${o.customerId} ${o.date} ${o.years}`);
 * // => ['ann 2025-02-28 33', 'bo 2025-02-28 2']
 * ```
 *
 * @category Loyalty
 */
export function upcomingOccasions(
  customers: readonly OccasionCustomer[],
  options: UpcomingOccasionsOptions,
): UpcomingOccasion[] {
  const record = requireOptions(FN, 'options', options, UPCOMING_OCCASIONS_OPTION_KEYS);
  const calendar = resolveCalendar(
    FN,
    { timeZone: record['timeZone'], utcOffsetMinutes: record['utcOffsetMinutes'] },
    CALENDAR_OPTION_KEYS,
  );
  const leapDay = record['leapDay'] ?? 'feb28';
  if (leapDay !== 'feb28' && leapDay !== 'mar1') {
    throw invalid('options.leapDay', "must be 'feb28' or 'mar1'", leapDay);
  }
  const within = requireDays(FN, 'options.withinDays', record['withinDays'], 366);
  if (!Number.isInteger(within))
    throw invalid('options.withinDays', 'must be a whole number of days', within);
  const localDay = (epochMs: number): number => Math.floor(calendar.toLocal(epochMs) / DAY_MS);
  const today = localDay(toEpochMsIn(FN, 'options.at', record['at']));
  const { year: thisYear } = civilFromDays(today);
  const found: UpcomingOccasion[] = [];
  const occurrences = (
    customerId: string,
    occasion: UpcomingOccasion['occasion'],
    month: number,
    day: number,
    sinceYear: number | null,
  ): void => {
    for (let year = thisYear; year <= thisYear + 2; year++) {
      let m = month;
      let d = day;
      if (m === 2 && d === 29 && !isLeapYear(year)) {
        if (leapDay === 'feb28') d = 28;
        else [m, d] = [3, 1];
      }
      const dayNumber = daysFromCivil(year, m, d);
      const daysUntil = dayNumber - today;
      if (daysUntil < 0 || daysUntil > within) continue;
      const years = sinceYear === null ? null : year - sinceYear;
      if (years !== null && years <= 0) continue;
      found.push({
        customerId,
        occasion,
        date: `${pad(year, 4)}-${pad(m, 2)}-${pad(d, 2)}`,
        daysUntil,
        years,
      });
    }
  };
  const list = requireList(FN, 'customers', customers);
  // by index, each customer read once: a hole in a sparse list is no object, not a customer skipped
  for (let i = 0; i < list.length; i++) {
    const customer = requireObject(FN, `customers[${i}]`, list[i]);
    const id = customer['id'];
    if (typeof id !== 'string' || id === '')
      throw invalid(`customers[${i}].id`, 'must be a non-empty string', id);
    const occasionsValue = customer['occasions'];
    if (occasionsValue !== undefined) {
      const occasions = requireObject(FN, `customers[${i}].occasions`, occasionsValue);
      const birthday = readBirthday(`customers[${i}].occasions.birthday`, occasions['birthday']);
      if (birthday !== null) occurrences(id, 'birthday', birthday.month, birthday.day, birthday.year ?? null);
    }
    const firstPurchaseAt = customer['firstPurchaseAt'];
    if (firstPurchaseAt !== undefined) {
      const first = civilFromDays(
        localDay(toEpochMsIn(FN, `customers[${i}].firstPurchaseAt`, firstPurchaseAt)),
      );
      occurrences(id, 'firstPurchaseAnniversary', first.month, first.day, first.year);
    }
  }
  return found.sort(
    (left, right) =>
      left.daysUntil - right.daysUntil ||
      (left.customerId < right.customerId ? -1 : left.customerId > right.customerId ? 1 : 0) ||
      (left.occasion < right.occasion ? -1 : left.occasion > right.occasion ? 1 : 0),
  );
}
