// The period keys of the bulk table functions: a period is keyed by its local start day (days since
// 1970-01-01 on the calendar's wall clock). Internal; the public calendar functions are in model/calendar.

import {
  CALENDAR_OPTION_KEYS,
  type CalendarPeriod,
  civilFromDays,
  daysFromCivil,
  periodStartDay,
  periodStartInstant,
  resolveCalendar,
  shiftDay,
} from './localCalendar';
import { DAY_MS } from './time';

/** An ISO-8601 year: four digits in 0-9999, else signed and six digits. */
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
  const calendar = resolveCalendar(fn, options, CALENDAR_OPTION_KEYS);
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
            start = periodStartInstant(fn, calendar, key);
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

/** A month-based period's ordinal: months since year 0, in steps of `months` (1, 3 or 12). */
export function monthOrdinal(key: number, months: number): number {
  const { year, month } = civilFromDays(key);
  return Math.floor((year * 12 + month - 1) / months);
}

/**
 * The consecutive ordinal of the period whose key (local start day) is `key`: the periods that follow one
 * another have ordinals that follow one another, so the difference of two ordinals counts the periods
 * between them. Days are their day number, weeks their start day over 7 (rounded: the keys of one week
 * start are 7 apart), months, quarters and years are counted from year 0.
 */
export function periodOrdinal(key: number, period: CalendarPeriod): number {
  switch (period) {
    case 'day':
      return key;
    case 'week':
      return Math.round(key / 7);
    case 'month':
      return monthOrdinal(key, 1);
    case 'quarter':
      return monthOrdinal(key, 3);
    default:
      return monthOrdinal(key, 12);
  }
}
