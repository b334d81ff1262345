// SQL that computes cohortRetention's table inside a database engine, and the rows it returns turned
// into cohortRetention's rows.

import { type CohortRow, MAX_COHORT_CELLS } from '../aggregate/cohort/cohortCore';
import { PatronageError } from '../errors/PatronageError';
import { optionKeys, requireList, requireOptions, requirePositiveCount } from '../internal/validate';
import { labelOfPeriodKey } from '../model/calendarKeys';
import { type CalendarPeriod, requirePeriod, resolveCalendar } from '../model/localCalendar';
import { scaleOfFractionDigits } from '../model/money';
import { type TimestampInput, toEpochMsIn } from '../model/timestamp';
import { doubleLiteral, integerLiteral } from './dialects';
import { driverRow, rowErrors, wholeNumber } from './driverValues';
import { ordinalOfDay, startDayOfOrdinal, startDaySql, withOrdinals } from './periodOrdinals';
import {
  type From,
  type Plan,
  periodSteps,
  plan,
  render,
  SQL_TRANSACTIONS_OPTION_KEYS,
  type SqlTransactionsOptions,
  type Step,
} from './rfmSummarySql';

/**
 * The options of {@link cohortRetentionSql}: where the transactions are, and the options
 * {@link patronage!cohortRetention} takes, with the same meaning and defaults.
 *
 * @category SQL
 */
export interface CohortRetentionSqlOptions extends SqlTransactionsOptions {
  /** Cohort and activity period. Default `'month'`. */
  readonly period?: CalendarPeriod;
  /** Transactions after this time's period are outside the table. Default: the last transaction in the table. */
  readonly observationEnd?: TimestampInput;
  /** Decimals of the currency's minor unit, default 2. */
  readonly fractionDigits?: number;
  /** Periods after acquisition each row carries, from 1 (default: every period the cohort can observe). */
  readonly maxPeriods?: number;
}

const COHORT_SQL_OPTION_KEYS = /* @__PURE__ */ optionKeys<CohortRetentionSqlOptions>()(
  ['period', 'observationEnd', 'fractionDigits', 'maxPeriods'],
  [SQL_TRANSACTIONS_OPTION_KEYS],
);

/** The SQL steps `ordinals` (customer, period ordinal, minor units) and `active` (customer, ordinal, its total). */
function activitySteps(p: Plan, period: CalendarPeriod, weekStartsOn: number, end: number | null): Step[] {
  const q = p.dialect.quote;
  const within = end === null ? '' : ` WHERE ${q('o')} <= ${integerLiteral(end)}`;
  return [
    periodSteps(p)[0] as Step, // customer `c`, local day `day`, minor units `cents`
    {
      name: 'ordinals',
      select: (from) =>
        withOrdinals(p.dialect, period, weekStartsOn, ['c', 'cents'], [[q('day'), 'o']], from('local_days')),
    },
    {
      name: 'active',
      select: (from) =>
        `SELECT ${q('c')}, ${q('o')}, sum(${q('cents')}) AS ${q('o_cents')}\nFROM ${from('ordinals')}${within} GROUP BY ${q('c')}, ${q('o')}`,
    },
  ];
}

/**
 * One SQL query that computes {@link patronage!cohortRetention}'s table inside a database engine, in long form:
 * one row per acquisition cohort and period since acquisition in which at least one of its customers bought,
 * columns
 * - `cohort_start`: the local epoch day (days since 1970-01-01) on which the cohort's period starts,
 * - `period`: k, the periods since acquisition (0 is the acquisition period),
 * - `periods`: how many periods the cohort's row has (those it can observe, at most `maxPeriods`),
 * - `customers`: the cohort's customers who bought in period k (`counts[k]`; at k = 0 the cohort's size),
 * - `revenue_minor`: their revenue in period k in integer minor units, and `revenue`, the same in major units
 *   (the double `cohortRetention` gives),
 *
 * in ascending order of cohort and period. {@link cohortRowsFromSql} turns the rows into `cohortRetention`'s
 * rows, equal to them number for number. It computes `cohortRetention`'s default mode, `'return-on'`, only
 * (there is no `mode` option): for the other modes, read the rows and call `cohortRetentionColumns`. The engine's table is trusted as in {@link rfmSummarySql}; local
 * days come from `utcOffsetMinutes` or a `timeZone` as there. On a cluster sharded by customer the text may run on each
 * shard's own data (each customer's transactions whole) with an `observationEnd` (without one each shard
 * would end at its own last purchase and give its own `periods`): then sum `customers`, `revenue_minor` and
 * `revenue` by cohort and period over the shards; `periods` is the same on every shard.
 *
 * @param options - the dialect, the table and its columns, and `cohortRetention`'s options
 * @returns the SQL text of one query
 * @throws PatronageError as {@link rfmSummarySql}; `INVALID_PERIOD` for an unknown `period`, `OUT_OF_RANGE`
 *   for `maxPeriods` 0, `NOT_AN_INTEGER` for a fractional one
 *
 * @example
 * ```ts
 * import { cohortRetentionSql } from 'patronage/sql';
 *
 * const sql = cohortRetentionSql({ dialect: 'postgres', table: 'orders', customerId: 'customer_id', at: 'ordered_at', amount: 'total', period: 'quarter' });
 * sql.includes('"cohort_start"'); // => true
 * cohortRetentionSql({ dialect: 'postgres', table: 'orders', customerId: 'id', at: 'at', period: 'fortnight' as never }); // => throws INVALID_PERIOD
 * ```
 *
 * @category SQL
 */
export function cohortRetentionSql(options: CohortRetentionSqlOptions): string {
  const fn = 'cohortRetentionSql';
  const p = plan(fn, options, COHORT_SQL_OPTION_KEYS);
  const record = options as unknown as Readonly<Record<string, unknown>>;
  const period = record['period'] === undefined ? 'month' : requirePeriod(fn, record['period']);
  const maxPeriods =
    record['maxPeriods'] === undefined
      ? null
      : requirePositiveCount(fn, 'options.maxPeriods', record['maxPeriods']);
  const weekStartsOn = p.weekStartsOn;
  const end =
    record['observationEnd'] === undefined
      ? null
      : ordinalOfDay(
          p.localDayOf(toEpochMsIn(fn, 'observationEnd', record['observationEnd'])),
          period,
          weekStartsOn,
        );
  const d = p.dialect;
  const q = d.quote;
  const endOrdinal = (from: From): string =>
    end === null ? `(SELECT max(${q('o')}) FROM ${from('active')})` : integerLiteral(end);
  const since = `${q('o')} - ${q('co')}`; // periods since acquisition
  const steps: Step[] = [
    ...activitySteps(p, period, weekStartsOn, end),
    {
      name: 'firsts',
      select: (from) =>
        `SELECT ${q('c')}, min(${q('o')}) AS ${q('co')}\nFROM ${from('active')} GROUP BY ${q('c')}`,
    },
    {
      name: 'cells',
      select: (from) =>
        [
          `SELECT ${q('co')}, ${since} AS ${q('k')}, count(*) AS ${q('n')}, sum(${q('o_cents')}) AS ${q('k_cents')}`,
          `FROM ${from('active')} ${d.innerJoin} ${from('firsts')} USING (${q('c')})`,
          ...(maxPeriods === null ? [] : [`WHERE ${since} < ${integerLiteral(maxPeriods)}`]),
          `GROUP BY ${q('co')}, ${since}`,
        ].join('\n'),
    },
  ];
  return render(p, steps, (from) => {
    const observable = `${endOrdinal(from)} - ${q('co')} + 1`;
    const width =
      maxPeriods === null
        ? observable
        : `CASE WHEN ${observable} < ${integerLiteral(maxPeriods)} THEN ${observable} ELSE ${integerLiteral(maxPeriods)} END`;
    return [
      `SELECT ${startDaySql(d, period, weekStartsOn, q('co'))} AS ${q('cohort_start')},`,
      `  ${q('k')} AS ${q('period')},`,
      `  ${width} AS ${q('periods')},`,
      `  ${q('n')} AS ${q('customers')},`,
      `  ${q('k_cents')} AS ${q('revenue_minor')},`,
      `  ${d.double(q('k_cents'))} / ${doubleLiteral(d, p.scale)} AS ${q('revenue')}`,
      `FROM ${from('cells')}`,
      `ORDER BY ${q('cohort_start')}, ${q('period')}`,
    ].join('\n');
  });
}

/**
 * Options of {@link cohortRowsFromSql}: those of the {@link cohortRetentionSql} call whose rows are read.
 *
 * @category SQL
 */
export interface CohortRowsFromSqlOptions {
  /** The cohort period the SQL was written with. Default `'month'`. */
  readonly period?: CalendarPeriod;
  /** The first day of the week, for weekly labels. Default 1 (Monday: ISO weeks). */
  readonly weekStartsOn?: number;
  /** Decimals of the currency's minor unit, default 2. */
  readonly fractionDigits?: number;
}

const COHORT_ROWS_OPTION_KEYS = /* @__PURE__ */ optionKeys<CohortRowsFromSqlOptions>()([
  'period',
  'weekStartsOn',
  'fractionDigits',
]);

/**
 * {@link patronage!cohortRetention}'s rows from the rows of {@link cohortRetentionSql} as a driver returns them
 * (objects with its column names; numbers, bigints or, as some drivers give 64-bit integers, strings of
 * digits; in any order): one row per cohort, oldest first, each with every period it can observe (periods in
 * which nobody bought are 0), equal to `cohortRetention`'s rows for the same transactions and options.
 *
 * @param rows - the query's rows
 * @param options - the `period`, `weekStartsOn` and `fractionDigits` the SQL was written with
 * @returns the cohort rows
 * @throws PatronageError `INVALID_ARGUMENT` for a row that is no object or whose columns are not whole numbers,
 *   or rows that cannot come from the query (a cohort without its period 0, a period outside its row, two rows
 *   of one cell, rows of a cohort that disagree on `periods`, a negative count); `OUT_OF_RANGE` beyond
 *   4,000,000 cells, as `cohortRetention`; `INVALID_PERIOD`; `INVALID_OPTION` for an unknown option key
 *
 * @example
 * ```ts
 * import { cohortRowsFromSql } from 'patronage/sql';
 *
 * cohortRowsFromSql(
 *   [
 *     { cohort_start: 19723, period: 0, periods: 2, customers: 2, revenue_minor: 1500, revenue: 15 },
 *     { cohort_start: 19723, period: 1, periods: 2, customers: 1, revenue_minor: 2000, revenue: 20 },
 *     { cohort_start: 19754, period: 0, periods: 1, customers: 1, revenue_minor: 800, revenue: 8 },
 *   ],
 *   { period: 'month' },
 * );
 * // => [
 * //   { cohort: '2024-01', size: 2, counts: [2, 1], rates: [1, 0.5], revenue: [15, 20], revenueRates: [1, 1.3333333333333333] },
 * //   { cohort: '2024-02', size: 1, counts: [1], rates: [1], revenue: [8], revenueRates: [1] },
 * // ]
 * ```
 *
 * @category SQL
 */
export function cohortRowsFromSql(
  rows: readonly Readonly<Record<string, unknown>>[],
  options: CohortRowsFromSqlOptions = {},
): CohortRow[] {
  const fn = 'cohortRowsFromSql';
  const list = requireList(fn, 'rows', rows);
  const record = requireOptions(fn, 'options', options, COHORT_ROWS_OPTION_KEYS);
  const period = record['period'] === undefined ? 'month' : requirePeriod(fn, record['period']);
  const calendar = resolveCalendar(fn, { weekStartsOn: record['weekStartsOn'] }, ['weekStartsOn']);
  const scale = scaleOfFractionDigits(fn, record['fractionDigits'] ?? 2);
  const bad = rowErrors(fn, list);
  // the cohorts by start day: their width and, per period, the count and revenue (−1: no row yet)
  const cohorts = new Map<number, { width: number; counts: number[]; minor: number[]; first: number }>();
  let cells = 0;
  list.forEach((raw, index) => {
    const row = driverRow(bad, raw, index);
    const start = wholeNumber(fn, index, 'cohort_start', row['cohort_start']);
    const { weekStartsOn } = calendar;
    if (startDayOfOrdinal(ordinalOfDay(start, period, weekStartsOn), period, weekStartsOn) !== start) {
      throw bad(
        index,
        `has a cohort_start (${start}) on which no ${period} starts: was the SQL written for another period?`,
      );
    }
    const k = wholeNumber(fn, index, 'period', row['period']);
    const width = wholeNumber(fn, index, 'periods', row['periods']);
    const count = wholeNumber(fn, index, 'customers', row['customers']);
    const minor = wholeNumber(fn, index, 'revenue_minor', row['revenue_minor']);
    if (count < 1) throw bad(index, `has customers ${count}; the query gives only cells with customers`);
    if (width < 1 || k < 0 || k >= width)
      throw bad(index, `has period ${k} outside its row of ${width} periods`);
    let cohort = cohorts.get(start);
    if (cohort === undefined) {
      cells += width;
      if (cells > MAX_COHORT_CELLS) {
        throw new PatronageError(
          'OUT_OF_RANGE',
          `${fn}: the table would hold more than the ${MAX_COHORT_CELLS} cells a cohort table may hold; write the SQL with maxPeriods`,
          { argument: 'rows', value: cells, limit: MAX_COHORT_CELLS },
        );
      }
      cohort = {
        width,
        counts: new Array<number>(width).fill(-1),
        minor: new Array<number>(width).fill(0),
        first: index,
      };
      cohorts.set(start, cohort);
    } else if (cohort.width !== width) {
      throw bad(index, `says its cohort has ${width} periods, rows[${cohort.first}] ${cohort.width}`);
    }
    if ((cohort.counts[k] as number) >= 0) throw bad(index, `repeats period ${k} of its cohort`);
    cohort.counts[k] = count;
    cohort.minor[k] = minor;
  });
  const result: CohortRow[] = [];
  for (const start of [...cohorts.keys()].sort((a, b) => a - b)) {
    const cohort = cohorts.get(start) as { width: number; counts: number[]; minor: number[]; first: number };
    const size = cohort.counts[0] as number;
    if (size < 0) throw bad(cohort.first, `belongs to a cohort without its period 0 (the cohort's size)`);
    const firstMinor = cohort.minor[0] as number;
    const counts = cohort.counts.map((count) => Math.max(count, 0));
    const over = counts.findIndex((count) => count > size);
    if (over >= 0)
      throw bad(
        cohort.first,
        `belongs to a cohort of ${size} customers with ${counts[over]} in period ${over}`,
      );
    result.push({
      cohort: labelOfPeriodKey(start, period, calendar.weekStartsOn),
      size,
      counts,
      rates: counts.map((count) => count / size),
      revenue: cohort.minor.map((minor) => minor / scale),
      revenueRates: cohort.minor.map((minor) => (firstMinor === 0 ? null : minor / firstMinor)),
    });
  }
  return result;
}
