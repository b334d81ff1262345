// SQL that computes periodRetention's series inside a database engine, and the rows it returns turned
// into periodRetention's rows.

import {
  MAX_SERIES_PERIODS,
  type PeriodRetentionRow,
  periodRetentionRow,
} from '../aggregate/period/periodCore';
import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { optionKeys, requireCount, requireList, requireOptions } from '../internal/validate';
import { labelOfPeriodKey, periodKeyer } from '../model/calendarKeys';
import { type CalendarPeriod, requirePeriod, resolveCalendar } from '../model/localCalendar';
import { scaleOfFractionDigits } from '../model/money';
import { DAY_MS } from '../model/time';
import { type TimestampInput, toEpochMsIn } from '../model/timestamp';
import { integerLiteral } from './dialects';
import { driverRow, rowErrors, wholeNumber } from './driverValues';
import { ordinalOfDay, startDayOfOrdinal, startDaySql, withOrdinals } from './periodOrdinals';
import {
  type From,
  periodSteps,
  plan,
  render,
  SQL_TRANSACTIONS_OPTION_KEYS,
  type SqlTransactionsOptions,
  type Step,
} from './rfmSummarySql';

/**
 * The options of {@link periodRetentionSql}: where the transactions are, and the options
 * {@link patronage!periodRetention} takes, with the same meaning and defaults (`segment`, a column, in place of
 * the function `segmentOf`).
 *
 * @category SQL
 */
export interface PeriodRetentionSqlOptions extends SqlTransactionsOptions {
  /** Length of each period of the series. Default `'month'`. */
  readonly period?: CalendarPeriod;
  /** A customer is active at a moment when they bought in the `activeWithin` days up to it. Default 90. */
  readonly activeWithin?: number;
  /** Last moment of the series; later purchases are outside it. Default: the last transaction in the table. */
  readonly observationEnd?: TimestampInput;
  /** Decimals of the currency's minor unit, default 2. */
  readonly fractionDigits?: number;
  /**
   * A text column of the table that breaks the series down, as `segmentOf` does in
   * {@link patronage!periodRetention}: a customer's segment is the smallest non-NULL value of the column on
   * their transactions up to `observationEnd` (in the engine's order of the column; for a column that holds
   * one value per customer, such as a region joined onto the orders, that value), NULL (no segment) where
   * every one is NULL. The rows then carry one series per segment besides the all-customers series.
   */
  readonly segment?: string;
}

const PERIOD_SQL_OPTION_KEYS = /* @__PURE__ */ optionKeys<PeriodRetentionSqlOptions>()(
  ['period', 'activeWithin', 'observationEnd', 'fractionDigits', 'segment'],
  [SQL_TRANSACTIONS_OPTION_KEYS],
);

/**
 * One SQL query that computes {@link patronage!periodRetention}'s series inside a database engine: one row per
 * period of the series in which anything happened (a customer active at its start or end, or a purchase),
 * oldest first, columns
 * - `period_start`: the local epoch day (days since 1970-01-01) on which the period starts, and `start_ms`,
 *   its first instant in epoch milliseconds (`periodRetention`'s `start`),
 * - `customers_at_start` (S), `customers_at_end` (E), `acquired` and `reactivated` (N = their sum),
 *   `retained`,
 * - `revenue_minor` and `new_revenue_minor`: the period's revenue and the part from customers acquired in it,
 *   in integer minor units,
 * - `series_start` and `series_end`: the local epoch days on which the series' first and last periods start
 *   (the same on every row), so that {@link periodRowsFromSql} can put back the periods in which nothing
 *   happened and return `periodRetention`'s rows, equal to them number for number.
 *
 * How: each purchase day d, with P the period holding a day, makes its customer active at the starts of the
 * periods P(d) + 1 … P(d + activeWithin) and at the ends of P(d) … P(d + activeWithin) − 1; the engine expands
 * each purchase day to the periods P(d) … P(d + activeWithin) (activeWithin ÷ the period's length + 1 rows or
 * fewer: use days as periods with care), keeps one mark per customer and period, and counts.
 *
 * With `segment` (a column), the rows carry two more columns, `all_customers` (1 on the rows of the
 * all-customers series above, 0 on a segment's) and `segment` (the segment's value, NULL for the customers
 * without one and on the all-customers rows), sorted by them and the period: the all-customers series and one
 * series per segment, a customer's segment being the smallest non-NULL value of the column on their
 * transactions up to the end (for a column with one value per customer, that value), so that
 * {@link periodRowsFromSql} gives `periodRetention`'s rows without `segmentOf`, and with `segments: true`
 * those of `periodRetention(transactions, { segmentOf })` for the `segmentOf` that returns that value.
 * The engine's table is trusted as in
 * {@link rfmSummarySql}; local days come from `utcOffsetMinutes` or a `timeZone` as there. On a cluster sharded by customer the
 * text may run on each shard's own data (each customer's transactions whole) with an `observationEnd`
 * (without one each shard would end its series at its own last purchase): then sum the counts and revenues
 * by period over the shards, take the smallest `series_start`; `series_end` is the same on every shard.
 *
 * @param options - the dialect, the table and its columns, and `periodRetention`'s options
 * @returns the SQL text of one query
 * @throws PatronageError as {@link rfmSummarySql}; `INVALID_PERIOD` for an unknown `period`,
 *   `OUT_OF_RANGE` for `activeWithin` 0, `NOT_AN_INTEGER` for a fractional one
 *
 * @example
 * ```ts
 * import { periodRetentionSql } from 'patronage/sql';
 *
 * const sql = periodRetentionSql({ dialect: 'postgres', table: 'orders', customerId: 'customer_id', at: 'ordered_at', amount: 'total', period: 'month', activeWithin: 30 });
 * sql.includes('"customers_at_start"'); // => true
 * periodRetentionSql({ dialect: 'postgres', table: 'orders', customerId: 'id', at: 'at', activeWithin: 0 }); // => throws OUT_OF_RANGE
 * // one series per region beside the all-customers series
 * periodRetentionSql({ dialect: 'postgres', table: 'orders', customerId: 'id', at: 'at', segment: 'region' }).includes('"all_customers"'); // => true
 * periodRetentionSql({ dialect: 'postgres', table: 'orders', customerId: 'id', at: 'at', segment: 'region; --' }); // => throws INVALID_ARGUMENT
 * ```
 *
 * @category SQL
 */
export function periodRetentionSql(options: PeriodRetentionSqlOptions): string {
  const fn = 'periodRetentionSql';
  const p = plan(fn, options, PERIOD_SQL_OPTION_KEYS);
  const record = options as unknown as Readonly<Record<string, unknown>>;
  const period = record['period'] === undefined ? 'month' : requirePeriod(fn, record['period']);
  const window = requireCount(fn, 'activeWithin', record['activeWithin'] ?? 90);
  if (window === 0) {
    throw new PatronageError('OUT_OF_RANGE', `${fn}: activeWithin must be at least 1 day, got 0`, {
      argument: 'activeWithin',
      value: 0,
    });
  }
  const { weekStartsOn } = p;
  const endDay =
    record['observationEnd'] === undefined
      ? null
      : p.localDayOf(toEpochMsIn(fn, 'observationEnd', record['observationEnd']));
  const d = p.dialect;
  const q = d.quote;
  const endOrdinal = (from: From): string =>
    endDay === null
      ? `(SELECT max(${q('pd')}) FROM ${from('days')})`
      : integerLiteral(ordinalOfDay(endDay, period, weekStartsOn));
  const zero = d.bigint('0');
  const one = d.bigint('1');
  const segment = p.segment;
  const steps: Step[] = [
    periodSteps(p)[0] as Step, // customer `c`, local day `day`, minor units `cents`
    {
      name: 'days',
      select: (from) =>
        withOrdinals(
          d,
          period,
          weekStartsOn,
          ['c', 'day_cents'],
          [
            [q('day'), 'pd'],
            [`${q('day')} + ${integerLiteral(window)}`, 'pw'],
          ],
          `(SELECT ${q('c')}, ${q('day')}, sum(${q('cents')}) AS ${q('day_cents')} FROM ${from('local_days')}${
            endDay === null ? '' : ` WHERE ${q('day')} <= ${integerLiteral(endDay)}`
          } GROUP BY ${q('c')}, ${q('day')}) ${q('purchase_days')}`,
        ),
    },
    {
      name: 'firsts',
      select: (from) =>
        `SELECT ${q('c')}, min(${q('pd')}) AS ${q('pf')}\nFROM ${from('days')} GROUP BY ${q('c')}`,
    },
    {
      // a mark per purchase day and period P(d) … P(d + activeWithin): active at its start (after P(d)), at its
      // end (before P(d + activeWithin)), and the day's revenue in P(d)
      name: 'marks',
      select: (from) =>
        [
          `SELECT ${q('c')}, ${q('p')},`,
          `  CASE WHEN ${q('p')} > ${q('pd')} THEN ${one} ELSE ${zero} END AS ${q('at_start')},`,
          `  CASE WHEN ${q('p')} < ${q('pw')} THEN ${one} ELSE ${zero} END AS ${q('at_end')},`,
          `  CASE WHEN ${q('p')} = ${q('pd')} THEN ${q('day_cents')} ELSE ${zero} END AS ${q('mark_cents')}`,
          `FROM (${d.expandSelect(`${q('c')}, ${q('pd')}, ${q('pw')}, ${q('day_cents')}`, q('pd'), q('pw'), q('p'), from('days'))}) ${q('expanded')}`,
        ].join('\n'),
    },
    {
      name: 'states',
      select: (from) =>
        [
          `SELECT ${q('c')}, ${q('p')}, max(${q('at_start')}) AS ${q('s')}, max(${q('at_end')}) AS ${q('e')}, sum(${q('mark_cents')}) AS ${q('p_cents')}`,
          `FROM ${from('marks')} WHERE ${q('p')} <= ${endOrdinal(from)} GROUP BY ${q('c')}, ${q('p')}`,
        ].join('\n'),
    },
  ];
  if (segment === null) {
    steps.push({
      name: 'classified',
      select: (from) =>
        [
          `SELECT ${q('p')}, ${q('s')}, ${q('e')}, ${q('p_cents')}, ${q('pf')}`,
          `FROM ${from('states')} ${d.innerJoin} ${from('firsts')} USING (${q('c')})`,
        ].join('\n'),
    });
  } else {
    const columns = [q('p'), q('s'), q('e'), q('p_cents'), q('pf'), q('seg')].join(', ');
    steps.push(
      {
        // each customer's segment: the smallest non-NULL value on their transactions up to the end
        name: 'segments',
        select: (from) =>
          [
            `SELECT ${q('c')}, min(${q('segment_value')}) AS ${q('seg')}`,
            `FROM (SELECT ${p.customerId} AS ${q('c')}, ${p.day} AS ${q('day')}, ${segment} AS ${q('segment_value')} FROM ${from(p.input)}) ${q('segment_days')}${
              endDay === null ? '' : ` WHERE ${q('day')} <= ${integerLiteral(endDay)}`
            } GROUP BY ${q('c')}`,
          ].join('\n'),
      },
      {
        // one join per SELECT (ClickHouse 18.16 takes no more)
        name: 'customers',
        select: (from) =>
          `SELECT ${q('c')}, ${q('pf')}, ${q('seg')}\nFROM ${from('firsts')} ${d.innerJoin} ${from('segments')} USING (${q('c')})`,
      },
      {
        name: 'classified',
        select: (from) =>
          `SELECT ${columns}\nFROM ${from('states')} ${d.innerJoin} ${from('customers')} USING (${q('c')})`,
      },
      {
        // every row twice: level 0 counts it in the all-customers series, level 1 in its segment's
        name: 'levels',
        select: (from) =>
          [
            `SELECT ${q('p')}, ${q('s')}, ${q('e')}, ${q('p_cents')}, ${q('pf')}, ${q('level')} AS ${q('by_segment')},`,
            `  CASE WHEN ${q('level')} = 1 THEN ${q('seg')} END AS ${q('segment_key')}`,
            `FROM (${d.expandSelect(columns, '0', '1', q('level'), from('classified'))}) ${q('expanded_levels')}`,
          ].join('\n'),
      },
    );
  }
  const newly = `${q('e')} = 1 AND ${q('s')} = 0`;
  const measures = (from: From): string[] => [
    `${startDaySql(d, period, weekStartsOn, q('p'))} AS ${q('period_start')},`,
    // the first instant of a local day in a time zone with daylight saving is patronage's to compute
    `${p.offsetMs === null ? `CAST(NULL AS ${d.name === 'clickhouse' ? 'Nullable(Int64)' : 'BIGINT'})` : `${startDaySql(d, period, weekStartsOn, q('p'))} * ${integerLiteral(DAY_MS)} - ${integerLiteral(p.offsetMs)}`} AS ${q('start_ms')},`,
    `sum(${q('s')}) AS ${q('customers_at_start')},`,
    `sum(${q('e')}) AS ${q('customers_at_end')},`,
    `sum(CASE WHEN ${newly} AND ${q('pf')} = ${q('p')} THEN 1 ELSE 0 END) AS ${q('acquired')},`,
    `sum(CASE WHEN ${newly} AND ${q('pf')} < ${q('p')} THEN 1 ELSE 0 END) AS ${q('reactivated')},`,
    `sum(CASE WHEN ${q('s')} = 1 AND ${q('e')} = 1 THEN 1 ELSE 0 END) AS ${q('retained')},`,
    `sum(${q('p_cents')}) AS ${q('revenue_minor')},`,
    `sum(CASE WHEN ${q('pf')} = ${q('p')} THEN ${q('p_cents')} ELSE 0 END) AS ${q('new_revenue_minor')},`,
    `(SELECT ${startDaySql(d, period, weekStartsOn, q('first_p'))} FROM (SELECT min(${q('pf')}) AS ${q('first_p')} FROM ${from('firsts')}) ${q('series_first')}) AS ${q('series_start')},`,
    `${
      endDay === null
        ? `(SELECT ${startDaySql(d, period, weekStartsOn, q('last_p'))} FROM (SELECT max(${q('pd')}) AS ${q('last_p')} FROM ${from('days')}) ${q('series_last')})`
        : integerLiteral(startDayOfOrdinal(ordinalOfDay(endDay, period, weekStartsOn), period, weekStartsOn))
    } AS ${q('series_end')}`,
  ];
  return render(p, steps, (from) => {
    const [first, ...rest] = measures(from);
    if (segment === null) {
      return [
        `SELECT ${first}`,
        ...rest.map((line) => `  ${line}`),
        `FROM ${from('classified')}`,
        `GROUP BY ${q('p')}`,
        `ORDER BY ${q('p')}`,
      ].join('\n');
    }
    const order = `${q('by_segment')}, ${q('segment_key')}, ${q('p')}`;
    return [
      `SELECT 1 - ${q('by_segment')} AS ${q('all_customers')}, ${q('segment_key')} AS ${q('segment')},`,
      ...measures(from).map((line) => `  ${line}`),
      `FROM ${from('levels')}`,
      `GROUP BY ${order}`,
      `ORDER BY ${order}`,
    ].join('\n');
  });
}

/**
 * Options of {@link periodRowsFromSql}: those of the {@link periodRetentionSql} call whose rows are read.
 *
 * @category SQL
 */
export interface PeriodRowsFromSqlOptions {
  /** The period the SQL was written with. Default `'month'`. */
  readonly period?: CalendarPeriod;
  /** The first day of the week the SQL was written with. Default 1 (Monday: ISO weeks). */
  readonly weekStartsOn?: number;
  /** Decimals of the currency's minor unit, default 2. */
  readonly fractionDigits?: number;
  /**
   * The time zone the SQL was written with, if any: its `start_ms` is NULL then, and each period's first
   * instant is computed from the zone here, as `periodRetention` computes it.
   */
  readonly timeZone?: string;
  /**
   * Read the segments' series of SQL written with `segment` (its rows with `all_customers` 0): the rows of
   * `periodRetention` with `segmentOf`. Default false: the all-customers series (rows without an
   * `all_customers` column, or with 1 there), the rows of `periodRetention` without `segmentOf`.
   */
  readonly segments?: boolean;
}

const PERIOD_ROWS_OPTION_KEYS = /* @__PURE__ */ optionKeys<PeriodRowsFromSqlOptions>()([
  'period',
  'weekStartsOn',
  'fractionDigits',
  'timeZone',
  'segments',
]);

const COUNT_COLUMNS = [
  'customers_at_start',
  'customers_at_end',
  'acquired',
  'reactivated',
  'retained',
] as const;

/**
 * {@link patronage!periodRetention}'s rows from the rows of {@link periodRetentionSql} as a driver returns them
 * (objects with its column names; numbers, bigints or strings of digits; in any order): every period of the
 * series, oldest first, those in which nothing happened put back with zeros, equal to `periodRetention`'s rows
 * (without `segmentOf`) for the same transactions and options. With `segments: true`, the series of each
 * segment of SQL written with `segment`, segments in `periodRetention`'s order (NULL first, then by the
 * strings' UTF-16 code units), each over the whole series: equal to `periodRetention`'s rows with a
 * `segmentOf` that returns each customer's segment as the SQL defines it.
 *
 * @param rows - the query's rows
 * @param options - the `period`, `weekStartsOn`, `fractionDigits` and `timeZone` the SQL was written with,
 *   and `segments` to read the segments' series
 * @returns the series' rows, `segment` null (or each segment's with `segments: true`)
 * @throws PatronageError `INVALID_ARGUMENT` for a row that is no object or whose columns are not whole numbers,
 *   or rows that cannot come from the query (a period twice, one outside the series, rows that disagree on
 *   the series or the offset of local days, counts that break E − N = retained ≤ S, an `all_customers` other
 *   than 0 or 1, a segment that is not a string or NULL, `segments: true` for rows without segments);
 *   `OUT_OF_RANGE` for a series of more than 20,000 periods, as `periodRetention`; `INVALID_PERIOD`;
 *   `INVALID_OPTION` for an unknown option key
 *
 * @example
 * ```ts
 * import { periodRowsFromSql } from 'patronage/sql';
 *
 * const common = { series_start: 19723, series_end: 19754, revenue_minor: 0, new_revenue_minor: 0 };
 * const rows = periodRowsFromSql([
 *   { ...common, period_start: 19723, start_ms: 1704067200000, customers_at_start: 0, customers_at_end: 2, acquired: 2, reactivated: 0, retained: 0 },
 *   { ...common, period_start: 19754, start_ms: 1706745600000, customers_at_start: 2, customers_at_end: 2, acquired: 1, reactivated: 0, retained: 1 },
 * ]);
 * rows.map((row) => [row.period, row.customersAtStart, row.customersAtEnd, row.newCustomers, row.retention]);
 * // => [['2024-01', 0, 2, 2, null], ['2024-02', 2, 2, 1, 0.5]]
 * // the rows of SQL written with a segment column: the all-customers series, or each segment's
 * const january = { ...common, series_end: 19723, period_start: 19723, start_ms: 1704067200000, customers_at_start: 0, customers_at_end: 1, acquired: 1, reactivated: 0, retained: 0 };
 * const segmented = [{ ...january, all_customers: 1, segment: null }, { ...january, all_customers: 0, segment: 'east' }];
 * periodRowsFromSql(segmented, { segments: true }).map((row) => [row.segment, row.customersAtEnd]); // => [['east', 1]]
 * ```
 *
 * @category SQL
 */
export function periodRowsFromSql(
  rows: readonly Readonly<Record<string, unknown>>[],
  options: PeriodRowsFromSqlOptions = {},
): PeriodRetentionRow[] {
  const fn = 'periodRowsFromSql';
  const list = requireList(fn, 'rows', rows);
  const record = requireOptions(fn, 'options', options, PERIOD_ROWS_OPTION_KEYS);
  const period = record['period'] === undefined ? 'month' : requirePeriod(fn, record['period']);
  const { weekStartsOn } = resolveCalendar(fn, { weekStartsOn: record['weekStartsOn'] }, ['weekStartsOn']);
  // with a time zone the SQL leaves start_ms NULL and the first instant of each period is computed here
  // (a zone with a fixed offset, such as UTC, gets start_ms from the SQL like utcOffsetMinutes)
  const zoneCalendar =
    record['timeZone'] === undefined
      ? null
      : resolveCalendar(fn, { timeZone: record['timeZone'] }, ['timeZone']);
  const zoned =
    zoneCalendar === null || zoneCalendar.fixedOffsetMs !== undefined
      ? null
      : periodKeyer(fn, 'day', { timeZone: record['timeZone'] });
  const scale = scaleOfFractionDigits(fn, record['fractionDigits'] ?? 2);
  const bySegment = record['segments'] ?? false;
  if (typeof bySegment !== 'boolean') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: options.segments must be true or false, got ${describeValue(bySegment)}`,
      { argument: 'options.segments', value: bySegment },
    );
  }
  if (list.length === 0) return [];
  const bad = rowErrors(fn, list);
  interface Read {
    readonly counts: readonly number[];
    readonly minor: number;
    readonly newMinor: number;
    readonly index: number;
  }
  // the rows of each series read: the all-customers series under `null` (without segments), or each segment's
  const bySeries = new Map<string | null, Map<number, Read>>();
  let segmented = false;
  let series: readonly [first: number, last: number, offset: number] | null = null;
  for (let index = 0; index < list.length; index++) {
    const row = driverRow(bad, list[index], index);
    const read = (column: string): number => wholeNumber(fn, index, column, row[column]);
    const all = row['all_customers'] === undefined ? 1 : read('all_customers');
    if (all !== 0 && all !== 1) throw bad(index, `has an all_customers (${all}) other than 0 or 1`);
    if (row['all_customers'] !== undefined) segmented = true;
    const segment = row['segment'] ?? null;
    if (all === 0 && segment !== null && typeof segment !== 'string') {
      throw bad(index, `has a segment that is not a string or NULL: ${describeValue(segment)}`);
    }
    if ((all === 0) !== bySegment) continue;
    const key = all === 0 ? (segment as string | null) : null;
    let byOrdinal = bySeries.get(key);
    if (byOrdinal === undefined) {
      byOrdinal = new Map();
      bySeries.set(key, byOrdinal);
    }
    const start = read('period_start');
    const first = ordinalOfDay(read('series_start'), period, weekStartsOn);
    const last = ordinalOfDay(read('series_end'), period, weekStartsOn);
    let offset = 0;
    if (zoned === null) offset = start * DAY_MS - read('start_ms');
    else if (row['start_ms'] !== null)
      throw bad(index, 'has a start_ms, which the SQL of a timeZone leaves NULL');
    if (series === null) {
      if (last < first) throw bad(index, 'ends its series before it starts');
      if (last - first + 1 > MAX_SERIES_PERIODS) {
        throw new PatronageError(
          'OUT_OF_RANGE',
          `${fn}: the series would span more than ${MAX_SERIES_PERIODS} ${period} periods; use a longer period or a later start`,
          { argument: 'rows', value: last - first + 1, limit: MAX_SERIES_PERIODS },
        );
      }
      series = [first, last, offset];
    } else if (series[0] !== first || series[1] !== last || series[2] !== offset) {
      throw bad(index, 'disagrees with rows[0] on the series or the offset of local days');
    }
    const ordinal = ordinalOfDay(start, period, weekStartsOn);
    if (startDayOfOrdinal(ordinal, period, weekStartsOn) !== start || ordinal < first || ordinal > last) {
      throw bad(index, `has a period_start (${start}) that starts no ${period} of the series`);
    }
    if (byOrdinal.has(ordinal))
      throw bad(index, `repeats the period of rows[${byOrdinal.get(ordinal)?.index}]`);
    const counts = COUNT_COLUMNS.map(read);
    const [atStart, atEnd, acquired, reactivated, retained] = counts as [
      number,
      number,
      number,
      number,
      number,
    ];
    if (
      counts.some((count) => count < 0) ||
      atEnd - acquired - reactivated !== retained ||
      retained > atStart
    ) {
      throw bad(index, 'has counts that break E − N = retained ≤ S');
    }
    byOrdinal.set(ordinal, {
      counts,
      minor: read('revenue_minor'),
      newMinor: read('new_revenue_minor'),
      index,
    });
  }
  if (bySegment && !segmented) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: segments: true, but the rows carry no all_customers column (write the SQL with a segment column)`,
      { argument: 'rows', value: list[0] },
    );
  }
  if (series === null) return [];
  const [first, last, offset] = series;
  // periodRetention's order of segments: null first, then by UTF-16 code units
  const keys = [...bySeries.keys()].sort((a, b) =>
    a === null ? -1 : b === null ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  const result: PeriodRetentionRow[] = [];
  for (const segment of keys) {
    const byOrdinal = bySeries.get(segment) as Map<number, Read>;
    for (let ordinal = first; ordinal <= last; ordinal++) {
      const key = startDayOfOrdinal(ordinal, period, weekStartsOn);
      const read = byOrdinal.get(ordinal);
      result.push(
        periodRetentionRow(
          segment,
          labelOfPeriodKey(key, period, weekStartsOn),
          zoned === null ? key * DAY_MS - offset : zoned.startOf(key),
          read?.counts ?? [0, 0, 0, 0, 0],
          read?.minor ?? 0,
          read?.newMinor ?? 0,
          scale,
        ),
      );
    }
  }
  return result;
}
