// Calendar periods as consecutive integers (ordinals) in SQL, and the same arithmetic in JavaScript, for
// the table generators. Internal.

import { type CalendarPeriod, civilFromDays, daysFromCivil } from '../model/localCalendar';
import type { Dialect } from './dialects';
import { floorDiv } from './rfmSummarySql';

/** Months per period of a month-based period, 0 for days and weeks. */
function monthsOf(period: CalendarPeriod): number {
  return period === 'month' ? 1 : period === 'quarter' ? 3 : period === 'year' ? 12 : 0;
}

/**
 * The ordinal of the period holding local epoch day `day`: consecutive periods have consecutive ordinals.
 * Days: the day. Weeks: ⌊(day + 4 − weekStartsOn) / 7⌋ (epoch day 0 was a Thursday). Month-based: the
 * month index 12·year + month − 1 divided by the months per period (the SQL computes the month index as
 * 12·(yoe + 400·era) + mp + 2 in the terms of Hinnant's civil-from-days).
 */
export function ordinalOfDay(day: number, period: CalendarPeriod, weekStartsOn: number): number {
  if (period === 'day') return day;
  if (period === 'week') return Math.floor((day + 4 - weekStartsOn) / 7);
  const { year, month } = civilFromDays(day);
  return Math.floor((12 * year + month - 1) / monthsOf(period));
}

/** The local epoch day on which the period with `ordinal` starts ({@link startDaySql} in JavaScript). */
export function startDayOfOrdinal(ordinal: number, period: CalendarPeriod, weekStartsOn: number): number {
  if (period === 'day') return ordinal;
  if (period === 'week') return 7 * ordinal - 4 + weekStartsOn;
  const monthIndex = ordinal * monthsOf(period);
  const year = Math.floor(monthIndex / 12);
  return daysFromCivil(year, monthIndex - 12 * year + 1, 1);
}

/** SQL of the local epoch day on which the period with ordinal expression `o` starts. */
export function startDaySql(d: Dialect, period: CalendarPeriod, weekStartsOn: number, o: string): string {
  if (period === 'day') return o;
  if (period === 'week') return `(7 * ${o} - ${4 - weekStartsOn})`;
  const shifted = `(${o} * ${monthsOf(period)} - 2)`;
  const y = floorDiv(d, shifted, 12);
  const mp = `(${shifted} - 12 * ${y})`;
  const era = floorDiv(d, y, 400);
  const yoe = `(${y} - 400 * ${era})`;
  const doe = `(365 * ${yoe} + ${d.div(yoe, '4')} - ${d.div(yoe, '100')} + ${d.div(`153 * ${mp} + 2`, '5')})`;
  return `(146097 * ${era} + ${doe} - 719468)`;
}

/**
 * SQL of `SELECT keep…, ordinal(day₁) AS out₁, … FROM source`: the ordinals of day expressions over the columns
 * of `source` (a FROM item). Month-based periods go through nested SELECTs, one intermediate of Hinnant's
 * arithmetic each (named after the output, so that ClickHouse's query-wide aliases never meet twice).
 */
export function withOrdinals(
  d: Dialect,
  period: CalendarPeriod,
  weekStartsOn: number,
  keep: readonly string[],
  days: readonly (readonly [expression: string, out: string])[],
  source: string,
): string {
  const q = d.quote;
  const kept = keep.map(q);
  if (period === 'day' || period === 'week') {
    const ordinal = (day: string): string =>
      period === 'day' ? day : floorDiv(d, `${day} + ${4 - weekStartsOn}`, 7);
    return `SELECT ${[...kept, ...days.map(([day, out]) => `${ordinal(day)} AS ${q(out)}`)].join(', ')} FROM ${source}`;
  }
  const name = (out: string, part: string): string => q(`${out}_${part}`);
  const level = (columns: readonly string[], from: string, alias?: string): string =>
    `SELECT ${[...kept, ...columns].join(', ')}\nFROM ${from}${alias === undefined ? '' : ` ${q(alias)}`}`;
  const z = level(
    days.map(([day, out]) => `${day} + 719468 AS ${name(out, 'z')}`),
    source,
  );
  const era = level(
    days.flatMap(([, out]) => [
      name(out, 'z'),
      `${floorDiv(d, name(out, 'z'), 146_097)} AS ${name(out, 'era')}`,
    ]),
    `(${z})`,
    'o2',
  );
  const doe = level(
    days.flatMap(([, out]) => [
      name(out, 'era'),
      `${name(out, 'z')} - ${name(out, 'era')} * 146097 AS ${name(out, 'doe')}`,
    ]),
    `(${era})`,
    'o3',
  );
  const yoe = level(
    days.flatMap(([, out]) => {
      const e = name(out, 'doe');
      return [
        name(out, 'era'),
        e,
        `${d.div(`(${e} - ${d.div(e, '1460')} + ${d.div(e, '36524')} - ${d.div(e, '146096')})`, '365')} AS ${name(out, 'yoe')}`,
      ];
    }),
    `(${doe})`,
    'o4',
  );
  const months = monthsOf(period);
  return level(
    days.map(([, out]) => {
      const [e, y, era] = [name(out, 'doe'), name(out, 'yoe'), name(out, 'era')];
      const doy = `(${e} - (365 * ${y} + ${d.div(y, '4')} - ${d.div(y, '100')}))`;
      const monthIndex = `12 * (${y} + 400 * ${era}) + ${d.div(`5 * ${doy} + 2`, '153')} + 2`;
      return `${months === 1 ? monthIndex : floorDiv(d, monthIndex, months)} AS ${q(out)}`;
    }),
    `(${yoe})`,
    'o5',
  );
}
