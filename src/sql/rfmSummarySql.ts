// SQL that computes rfmSummary's rows, or their histogram, inside a database engine.

import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { optionKeys, requireOptions } from '../internal/validate';
import { periodKeyer } from '../model/calendarKeys';
import {
  CALENDAR_OPTION_KEYS,
  type CalendarOptions,
  civilFromDays,
  resolveCalendar,
} from '../model/localCalendar';
import { scaleOfFractionDigits } from '../model/money';
import { DAY_MS, type TimeUnit, unitLength } from '../model/time';
import { type TimestampInput, toEpochMsIn } from '../model/timestamp';
import {
  type Dialect,
  dialectOf,
  doubleLiteral,
  identifier,
  integerLiteral,
  type SqlDialect,
} from './dialects';

/**
 * Where a generator of `patronage/sql` finds the transactions: the engine, the table and its columns, and
 * the calendar of local days (`timeZone` or `utcOffsetMinutes`, `weekStartsOn`, as patronage's functions take
 * them).
 *
 * @category SQL
 */
export interface SqlTransactionsOptions extends CalendarOptions {
  /** The engine to write for. */
  readonly dialect: SqlDialect;
  /** The table (or view) of transactions, a plain identifier, optionally `schema.table`. */
  readonly table: string;
  /** Its customer column. */
  readonly customerId: string;
  /** Its time column. */
  readonly at: string;
  /** What the time column holds: a timestamp (an instant; default) or epoch milliseconds (an integer). */
  readonly atType?: 'timestamp' | 'epochMs';
  /** Its amount column, in major units; without one every amount is 0 (monetary values and revenues are 0). */
  readonly amount?: string;
}

/** The keys of {@link SqlTransactionsOptions}. */
export const SQL_TRANSACTIONS_OPTION_KEYS: readonly (keyof SqlTransactionsOptions & string)[] =
  /* @__PURE__ */ optionKeys<SqlTransactionsOptions>()(
    ['dialect', 'table', 'customerId', 'at', 'atType', 'amount'],
    [CALENDAR_OPTION_KEYS],
  );

/**
 * The options of {@link rfmSummarySql} and {@link rfmHistogramSql}: where the transactions are, and the
 * options {@link patronage!rfmSummary} takes, with the same meaning and defaults.
 *
 * @category SQL
 */
export interface RfmSqlOptions extends SqlTransactionsOptions {
  /** Unit of `recency` and `T`. Default `'day'`. */
  readonly unit?: TimeUnit;
  /**
   * End of observation, as in {@link patronage!rfmSummary}: transactions in the same merge period as this time or
   * earlier count. Default: the last transaction in the table.
   */
  readonly observationEnd?: TimestampInput;
  /** Purchases in the same `'day'` (default), `'week'` or `'month'` are one transaction. */
  readonly mergeWithin?: 'day' | 'week' | 'month';
  /** Decimals of the currency's minor unit, default 2. */
  readonly fractionDigits?: number;
}

const RFM_SQL_OPTION_KEYS = /* @__PURE__ */ optionKeys<RfmSqlOptions>()(
  ['unit', 'observationEnd', 'mergeWithin', 'fractionDigits'],
  [SQL_TRANSACTIONS_OPTION_KEYS],
);

/**
 * One step of a query: a name and its SELECT, which names an earlier step after FROM through `from`: the
 * name of a common table expression, or (where the dialect has none) that step as a nested subquery.
 */
export interface Step {
  readonly name: string;
  readonly select: (from: From) => string;
}
export type From = (name: string) => string;

/** The names the first step gives the table's columns where aliases are query-wide (ClickHouse). */
const RESERVED_COLUMNS: readonly string[] = ['patronage_customer_id', 'patronage_at', 'patronage_amount'];
/** The name it gives a segment column ({@link periodRetentionSql}'s `segment`), reserved when there is one. */
const RESERVED_SEGMENT = 'patronage_segment';

/** What a step names to read the table itself. */
export const TABLE = 'table';

/**
 * The query of `steps` (in order; each reads earlier ones, or the table as {@link TABLE}) and `final`: `WITH`
 * and common table expressions, or, where the dialect has none, nested subqueries.
 */
export function render(p: Plan, steps: readonly Step[], final: (from: From) => string): string {
  const q = p.dialect.quote;
  const indent = (text: string): string => text.replace(/^/gm, '  ');
  const all = [...p.steps, ...steps];
  if (p.dialect.ctes) {
    const from: From = (name) => (name === TABLE ? p.table : q(name));
    const ctes = all.map((step) => `${q(step.name)} AS (\n${indent(step.select(from))}\n)`);
    return `WITH\n${ctes.join(',\n')}\n${final(from)}`;
  }
  const byName = new Map(all.map((step) => [step.name, step]));
  const nested: From = (name) =>
    name === TABLE ? p.table : `(\n${indent((byName.get(name) as Step).select(nested))}\n) AS ${q(name)}`;
  return final(nested);
}

/** The resolved options: the dialect, the quoted names and the numbers the SQL is written with. */
export interface Plan {
  readonly dialect: Dialect;
  /** The table (quoted). */
  readonly table: string;
  /** The steps before the summary's: none, or the one that renames the table's columns apart. */
  readonly steps: readonly Step[];
  /** What the first of the summary's steps reads: {@link TABLE} or the renaming step. */
  readonly input: string;
  readonly customerId: string;
  /** The segment column (quoted), where the options have one (`segment`, read only where `keys` list it). */
  readonly segment: string | null;
  /** The local epoch day of a transaction, a 64-bit integer expression. */
  readonly day: string;
  readonly amount: string | null;
  readonly unitMs: number;
  /** The fixed offset of local time from UTC in ms, or null for a time zone with daylight saving. */
  readonly offsetMs: number | null;
  readonly mergeWithin: 'day' | 'week' | 'month';
  readonly weekStartsOn: number;
  readonly scale: number;
  /** The key (start day, local) of the merge period holding `observationEnd`, or null for the last transaction. */
  readonly endKey: number | null;
  /** The key of the merge period holding an instant (epoch ms), as the SQL computes it. */
  readonly keyOf: (epochMs: number) => number;
  /** The local epoch day of an instant (epoch ms), as the SQL computes it. */
  readonly localDayOf: (epochMs: number) => number;
  /** The first instant (epoch ms) of a local epoch day, as patronage computes it. */
  readonly startOfDay: (day: number) => number;
  /**
   * SQL of the milliseconds from the first instant of local day `from` to that of `to` (integer expressions):
   * whole days with a fixed offset; with a time zone, days of 23 or 25 hours where the clocks change.
   */
  readonly elapsedMs: (from: string, to: string) => string;
}

/**
 * The SQL string literal of a time zone that {@link resolveCalendar} accepted: an IANA name of letters, digits,
 * `_`, `+`, `-` and `/` only (so that the literal needs no escaping), else `INVALID_TIME_ZONE`.
 */
function zoneLiteral(fn: string, timeZone: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(timeZone)) {
    throw new PatronageError(
      'INVALID_TIME_ZONE',
      `${fn}: timeZone must be an IANA name of letters, digits, '_', '+', '-' and '/' for the SQL, got ${describeValue(timeZone)}`,
      { argument: 'timeZone', value: timeZone },
    );
  }
  // the name as Intl spells it where the two differ only in case ('america/santiago'): engines want the case
  const canonical = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  return `'${canonical.toLowerCase() === timeZone.toLowerCase() ? canonical : timeZone}'`;
}

export function plan(fn: string, options: unknown, keys: readonly string[] = RFM_SQL_OPTION_KEYS): Plan {
  const record = requireOptions(fn, 'options', options, keys);
  const dialect = dialectOf(fn, record['dialect']);
  const {
    unit = 'day',
    observationEnd,
    fractionDigits = 2,
    mergeWithin = 'day',
    atType = 'timestamp',
  } = record;
  if (mergeWithin !== 'day' && mergeWithin !== 'week' && mergeWithin !== 'month') {
    throw new PatronageError(
      'INVALID_PERIOD',
      `${fn}: mergeWithin must be 'day', 'week' or 'month', got ${describeValue(mergeWithin)}`,
      { argument: 'mergeWithin', value: mergeWithin },
    );
  }
  if (atType !== 'timestamp' && atType !== 'epochMs') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: atType must be 'timestamp' or 'epochMs', got ${describeValue(atType)}`,
      { argument: 'atType', value: atType },
    );
  }
  const calendarOptions = {
    timeZone: record['timeZone'],
    utcOffsetMinutes: record['utcOffsetMinutes'],
    weekStartsOn: record['weekStartsOn'],
  };
  const calendar = resolveCalendar(fn, calendarOptions, CALENDAR_OPTION_KEYS);
  const days = periodKeyer(fn, 'day', calendarOptions);
  const offsetMs = calendar.fixedOffsetMs ?? null;
  const zone = offsetMs === null ? zoneLiteral(fn, record['timeZone'] as string) : null;
  const table = identifier(fn, dialect, 'table', record['table'], true);
  let customerId = identifier(fn, dialect, 'customerId', record['customerId']);
  let at = identifier(fn, dialect, 'at', record['at']);
  let amount = record['amount'] === undefined ? null : identifier(fn, dialect, 'amount', record['amount']);
  let segment =
    !keys.includes('segment') || record['segment'] === undefined
      ? null
      : identifier(fn, dialect, 'segment', record['segment']);
  let steps: readonly Step[] = [];
  if (dialect.queryWideAliases) {
    // ClickHouse: a column named like one of the later aliases (`day`, `c`, `cents`) would read the alias, so
    // the first step renames the table's columns to names reserved for it
    const reserved = segment === null ? RESERVED_COLUMNS : [...RESERVED_COLUMNS, RESERVED_SEGMENT];
    for (const [argument, value] of [
      ['customerId', record['customerId']],
      ['at', record['at']],
      ['amount', record['amount']],
      ['segment', segment === null ? undefined : record['segment']],
    ] as const) {
      if (typeof value === 'string' && reserved.includes(value)) {
        throw new PatronageError(
          'INVALID_ARGUMENT',
          `${fn}: ${argument} must not be one of the names the ${dialect.name} SQL reserves (${reserved.join(', ')}), got '${value}'`,
          { argument, value },
        );
      }
    }
    const [c, t, a] = RESERVED_COLUMNS.map((name) => dialect.quote(name)) as [string, string, string];
    const g = dialect.quote(RESERVED_SEGMENT);
    const columns = `${customerId} AS ${c}, ${at} AS ${t}${amount === null ? '' : `, ${amount} AS ${a}`}${segment === null ? '' : `, ${segment} AS ${g}`}`;
    steps = [{ name: 'source', select: (from) => `SELECT ${columns} FROM ${from(TABLE)}` }];
    customerId = c;
    at = t;
    amount = amount === null ? null : a;
    segment = segment === null ? null : g;
  }
  const endMs = observationEnd === undefined ? null : toEpochMsIn(fn, 'observationEnd', observationEnd);
  const keyOf = (epochMs: number): number =>
    periodKey(days.keyOf(epochMs), mergeWithin, calendar.weekStartsOn);
  const atMs = atType === 'epochMs' ? dialect.bigint(at) : dialect.epochMs(at);
  const day =
    offsetMs === null
      ? dialect.localDay(atMs, zone as string)
      : floorDiv(
          dialect,
          offsetMs === 0 ? atMs : `${atMs} ${offsetMs < 0 ? '-' : '+'} ${integerLiteral(Math.abs(offsetMs))}`,
          DAY_MS,
        );
  return {
    dialect,
    table,
    steps,
    input: steps.length === 0 ? TABLE : 'source',
    customerId,
    segment,
    day,
    amount,
    unitMs: unitLength(fn, unit),
    offsetMs,
    mergeWithin,
    weekStartsOn: calendar.weekStartsOn,
    scale: scaleOfFractionDigits(fn, fractionDigits),
    endKey: endMs === null ? null : keyOf(endMs),
    keyOf,
    localDayOf: days.keyOf,
    startOfDay: days.startOf,
    elapsedMs: (from, to) =>
      zone === null
        ? `(${to} - ${from}) * ${integerLiteral(DAY_MS)}`
        : `(${dialect.midnightMs(to, zone)} - ${dialect.midnightMs(from, zone)})`,
  };
}

/** The start day of the merge period holding local day `day` (as the SQL computes it). */
function periodKey(day: number, period: 'day' | 'week' | 'month', weekStartsOn: number): number {
  if (period === 'day') return day;
  if (period === 'week') return day - ((((day + 4 - weekStartsOn) % 7) + 7) % 7);
  return day - (civilFromDays(day).day - 1);
}

/** `floor(a / b)` for an integer expression `a` and a positive integer `b`, exactly, in any dialect. */
export function floorDiv(d: Dialect, a: string, b: number): string {
  // a − ((a mod b) + b) mod b is a multiple of b, so the truncating division is exact
  return d.div(
    `(${a} - ${d.mod(`${d.mod(a, integerLiteral(b))} + ${b}`, integerLiteral(b))})`,
    integerLiteral(b),
  );
}

/**
 * The steps every generator starts from: `local_days` (customer, local day, minor units per transaction),
 * `keyed` (the merge period's start day), `periods` (one row per customer and merge period, its total in
 * minor units).
 */
export function periodSteps(p: Plan): readonly Step[] {
  const d = p.dialect;
  const q = d.quote;
  const day = p.day;
  const cents =
    p.amount === null ? d.bigint('0') : d.bigint(`round(${p.amount} * ${integerLiteral(p.scale)})`);
  // the merge period's start day (local epoch day) from the local day; month: Hinnant's civil-from-days
  let keyed: (from: From) => string;
  if (p.mergeWithin === 'day') {
    keyed = (from) =>
      `SELECT ${q('c')}, ${q('day')} AS ${q('period')}, ${q('cents')} FROM ${from('local_days')}`;
  } else if (p.mergeWithin === 'week') {
    const weekday = d.mod(`${d.mod(`${q('day')} + ${4 - p.weekStartsOn}`, '7')} + 7`, '7');
    keyed = (from) =>
      `SELECT ${q('c')}, ${q('day')} - ${weekday} AS ${q('period')}, ${q('cents')} FROM ${from('local_days')}`;
  } else {
    const z = `${q('day')} + 719468`;
    const era = floorDiv(d, z, 146_097);
    const doe = `(${z} - ${era} * 146097)`;
    const yoe = d.div(
      `(${q('doe')} - ${d.div(q('doe'), '1460')} + ${d.div(q('doe'), '36524')} - ${d.div(q('doe'), '146096')})`,
      '365',
    );
    const doy = `(${q('doe')} - (365 * ${q('yoe')} + ${d.div(q('yoe'), '4')} - ${d.div(q('yoe'), '100')}))`;
    keyed = (from) =>
      [
        `SELECT ${q('c')}, ${q('day')} - (${q('doy')} - ${d.div(`153 * ${d.div(`5 * ${q('doy')} + 2`, '153')} + 2`, '5')}) AS ${q('period')}, ${q('cents')}`,
        `FROM (SELECT ${q('c')}, ${q('day')}, ${q('cents')}, ${doy} AS ${q('doy')}`,
        `FROM (SELECT ${q('c')}, ${q('day')}, ${q('cents')}, ${q('doe')}, ${yoe} AS ${q('yoe')}`,
        `FROM (SELECT ${q('c')}, ${q('day')}, ${q('cents')}, ${doe} AS ${q('doe')} FROM ${from('local_days')}) ${q('e')}) ${q('y')}) ${q('m')}`,
      ].join('\n  ');
  }
  return [
    {
      name: 'local_days',
      select: (from) =>
        `SELECT ${p.customerId} AS ${q('c')}, ${day} AS ${q('day')}, ${cents} AS ${q('cents')}\nFROM ${from(p.input)}`,
    },
    { name: 'keyed', select: keyed },
    {
      name: 'periods',
      select: (from) =>
        `SELECT ${q('c')}, ${q('period')}, sum(${q('cents')}) AS ${q('period_cents')}\nFROM ${from('keyed')} GROUP BY ${q('c')}, ${q('period')}`,
    },
  ];
}

/** The summary's steps, and the SELECT over them whose columns are `rfmSummary`'s row. */
function summaryQuery(p: Plan): { readonly steps: readonly Step[]; readonly select: (from: From) => string } {
  const d = p.dialect;
  const q = d.quote;
  const endPeriod = (from: From): string =>
    p.endKey === null ? `(SELECT max(${q('period')}) FROM ${from('periods')})` : integerLiteral(p.endKey);
  const unit = doubleLiteral(d, p.unitMs);
  const steps: Step[] = [
    ...periodSteps(p),
    {
      name: 'customers',
      select: (from) =>
        [
          `SELECT ${q('c')}, count(*) AS ${q('n')}, min(${q('period')}) AS ${q('first_period')}, max(${q('period')}) AS ${q('last_period')},`,
          `  sum(${q('period_cents')}) AS ${q('total_cents')}, ${d.argMin(q('period_cents'), q('period'))} AS ${q('first_cents')}`,
          `FROM ${from('periods')} WHERE ${q('period')} <= ${endPeriod(from)} GROUP BY ${q('c')}`,
        ].join('\n'),
    },
  ];
  const select = (from: From): string =>
    [
      `SELECT ${q('c')} AS ${q('customer_id')},`,
      `  ${q('n')} - 1 AS ${q('frequency')},`,
      `  ${d.double(p.elapsedMs(q('first_period'), q('last_period')))} / ${unit} AS ${q('recency')},`,
      `  ${d.double(p.elapsedMs(q('first_period'), endPeriod(from)))} / ${unit} AS ${q('T')},`,
      `  CASE WHEN ${q('n')} > 1 THEN ${d.double(`${q('total_cents')} - ${q('first_cents')}`)} / ${d.double(`${q('n')} - 1`)} / ${doubleLiteral(d, p.scale)} ELSE ${doubleLiteral(d, 0)} END AS ${q('monetary_value')}`,
      `FROM ${from('customers')}`,
    ].join('\n');
  return { steps, select };
}

/**
 * One SQL query that computes {@link patronage!rfmSummary}'s rows inside a database engine, from a table of
 * transactions: columns `customer_id, frequency, recency, "T", monetary_value`, one row per customer, each
 * number the double `rfmSummary` gives for the same transactions and options (the same merge of purchases
 * within a day, week or month, the same end of observation, recency and T in the unit, the mean of the repeat
 * periods' totals summed in integer minor units). The rows come in no particular order.
 *
 * The engine's table is trusted as it is: the SQL rejects nothing (patronage's readers report a bad row; in
 * SQL a NULL or negative amount, or one with more decimals than the currency, goes into the sums). Local
 * days come from a fixed `utcOffsetMinutes` (UTC by default) or a `timeZone`, read by the engine's
 * time-zone database: the same days as patronage's (Intl's) wherever the two databases agree, recency and
 * T counting the 23- and 25-hour days where the clocks change, as `rfmSummary` does. With a time zone,
 * ClickHouse needs every local day and period to start after 1970-01-01 00:00 UTC (its `DateTime` begins
 * there); in Spark the session time zone must be UTC.
 * Names are quoted identifiers, every value a literal patronage writes (a time zone only as an IANA name of
 * letters, digits, `_`, `+`, `-` and `/`).
 *
 * ClickHouse: one text for 18.16 (Debian's) and current servers. It nests subqueries instead of common table
 * expressions (18.16 has none), renames the table's columns first to `patronage_customer_id`, `patronage_at`
 * and `patronage_amount` (ClickHouse aliases are seen by the whole SELECT, so a column named `day` would
 * otherwise read the alias `day`), and reads a `DateTime` time column, or a `DateTime64` one from 1970 on,
 * to the second (the local day is all the summary uses); an earlier time is an epoch-ms column
 * (`atType: 'epochMs'`).
 *
 * @param options - the dialect, the table and its columns, and `rfmSummary`'s options
 * @returns the SQL text of one query
 * @throws PatronageError `UNSUPPORTED_DIALECT` for another dialect (naming the nearest); `INVALID_TIME_ZONE`
 *   for a time zone Intl does not know or that is not such a plain name, `INVALID_ARGUMENT` for both a
 *   `timeZone` and a `utcOffsetMinutes`;
 *   `INVALID_ARGUMENT` for a table or column name that is not a plain identifier (or, in ClickHouse, one of
 *   the three names above), or a bad `atType`;
 *   `INVALID_OPTION` for an unknown option; `OUT_OF_RANGE`, `INVALID_PERIOD` and `INVALID_TIMESTAMP` for
 *   the options as {@link patronage!rfmSummary} checks them.
 *
 * @example
 * ```ts
 * import { rfmSummarySql } from 'patronage/sql';
 *
 * const sql = rfmSummarySql({ dialect: 'duckdb', table: 'orders', customerId: 'customer_id', at: 'ordered_at', amount: 'total', unit: 'week' });
 * sql.startsWith('WITH'); // => true
 * sql.includes('"monetary_value"'); // => true
 * rfmSummarySql({ dialect: 'mysql' as never, table: 'orders', customerId: 'id', at: 'at' }); // => throws UNSUPPORTED_DIALECT
 * rfmSummarySql({ dialect: 'postgres', table: 'orders; DROP TABLE x', customerId: 'id', at: 'at' }); // => throws INVALID_ARGUMENT
 * ```
 *
 * @category SQL
 */
export function rfmSummarySql(options: RfmSqlOptions): string {
  return summarySqlIn('rfmSummarySql', options);
}

/** {@link rfmSummarySql} for another generator, whose name `fn` its errors carry. Internal. */
export function summarySqlIn(fn: string, options: RfmSqlOptions): string {
  const p = plan(fn, options);
  const { steps, select } = summaryQuery(p);
  return render(p, steps, select);
}

/**
 * One SQL query that computes the histogram a fit needs inside the engine: the distinct rows of
 * {@link rfmSummarySql}'s summary with how many customers share each, columns `frequency, recency, "T",
 * weight`, in ascending order. A fit of it (as rows, or as columns: {@link patronage!fitBgNbd} takes both) equals
 * the fit of the customers' rows to the last bit.
 *
 * @param options - as {@link rfmSummarySql}
 * @returns the SQL text of one query
 * @throws PatronageError as {@link rfmSummarySql}
 *
 * @example
 * ```ts
 * import { rfmHistogramSql } from 'patronage/sql';
 *
 * const sql = rfmHistogramSql({ dialect: 'clickhouse', table: 'shop.orders', customerId: 'customer_id', at: 'ts', atType: 'epochMs' });
 * sql.includes('`weight`'); // => true
 * ```
 *
 * @category SQL
 */
export function rfmHistogramSql(options: RfmSqlOptions): string {
  return histogramSqlIn('rfmHistogramSql', options);
}

/** {@link rfmHistogramSql} for another generator, whose name `fn` its errors carry. Internal. */
export function histogramSqlIn(fn: string, options: RfmSqlOptions): string {
  const p = plan(fn, options);
  const q = p.dialect.quote;
  const { steps, select } = summaryQuery(p);
  return render(p, [...steps, { name: 'summary', select }], (from) =>
    [
      `SELECT ${q('frequency')}, ${q('recency')}, ${q('T')}, count(*) AS ${q('weight')}`,
      `FROM ${from('summary')}`,
      `GROUP BY ${q('frequency')}, ${q('recency')}, ${q('T')}`,
      `ORDER BY ${q('frequency')}, ${q('recency')}, ${q('T')}`,
    ].join('\n'),
  );
}

/**
 * The options of {@link calibrationHoldoutSummarySql}: those of {@link rfmSummarySql}, where
 * `observationEnd` ends the holdout period and is required here, plus the end of calibration.
 *
 * @category SQL
 */
export interface CalibrationHoldoutSqlOptions extends RfmSqlOptions {
  /** Last moment of the calibration period (its merge period included). */
  readonly calibrationEnd: TimestampInput;
  /**
   * End of the holdout period. Required: without it the holdout would end at the last transaction, which
   * the SQL cannot check against `calibrationEnd` the way {@link patronage!calibrationHoldoutSummary} does.
   */
  readonly observationEnd: TimestampInput;
}

const CALIBRATION_SQL_OPTION_KEYS = /* @__PURE__ */ optionKeys<CalibrationHoldoutSqlOptions>()(
  ['calibrationEnd'],
  [RFM_SQL_OPTION_KEYS],
);

/**
 * One SQL query that computes {@link patronage!calibrationHoldoutSummary}'s rows inside the engine: columns
 * `customer_id, frequency_cal, recency_cal, "T_cal", monetary_value_cal, frequency_holdout,
 * monetary_value_holdout, duration_holdout` (lifetimes' names), one row per customer whose first purchase
 * falls in the calibration period, each number the double `calibrationHoldoutSummary` gives (its
 * `frequency`, `recency`, `T`, `monetaryValue`, `frequencyHoldout`, `monetaryValueHoldout` and
 * `durationHoldout`). The engine's table is trusted as in {@link rfmSummarySql}.
 *
 * @param options - as {@link rfmSummarySql}, plus `calibrationEnd`; `observationEnd` is required
 * @returns the SQL text of one query
 * @throws PatronageError as {@link rfmSummarySql}; `INVALID_ARGUMENT` without `calibrationEnd` or
 *   `observationEnd`, `OUT_OF_RANGE` when `observationEnd` is before `calibrationEnd`
 *
 * @example
 * ```ts
 * import { calibrationHoldoutSummarySql } from 'patronage/sql';
 *
 * const sql = calibrationHoldoutSummarySql({
 *   dialect: 'duckdb',
 *   table: 'orders',
 *   customerId: 'customer_id',
 *   at: 'ordered_at',
 *   amount: 'total',
 *   unit: 'week',
 *   calibrationEnd: '1997-09-30',
 *   observationEnd: '1998-06-30',
 * });
 * sql.includes('"duration_holdout"'); // => true
 * calibrationHoldoutSummarySql({ dialect: 'duckdb', table: 'orders', customerId: 'id', at: 'at', calibrationEnd: '1997-09-30' } as never); // => throws INVALID_ARGUMENT
 * ```
 *
 * @category SQL
 */
export function calibrationHoldoutSummarySql(options: CalibrationHoldoutSqlOptions): string {
  return calibrationSqlIn('calibrationHoldoutSummarySql', options);
}

/** {@link calibrationHoldoutSummarySql} for another generator, whose name `fn` its errors carry. Internal. */
export function calibrationSqlIn(fn: string, options: CalibrationHoldoutSqlOptions): string {
  const p = plan(fn, options, CALIBRATION_SQL_OPTION_KEYS);
  const record = options as unknown as Readonly<Record<string, unknown>>;
  for (const name of ['calibrationEnd', 'observationEnd'] as const) {
    if (record[name] === undefined) {
      throw new PatronageError('INVALID_ARGUMENT', `${fn}: options.${name} is required`, {
        argument: name,
        value: undefined,
      });
    }
  }
  const calibrationKey = p.keyOf(toEpochMsIn(fn, 'calibrationEnd', record['calibrationEnd']));
  const holdoutKey = p.endKey as number;
  if (holdoutKey < calibrationKey) {
    throw new PatronageError('OUT_OF_RANGE', `${fn}: observationEnd is before calibrationEnd`, {
      argument: 'observationEnd',
      value: record['observationEnd'],
    });
  }
  const d = p.dialect;
  const q = d.quote;
  const unit = doubleLiteral(d, p.unitMs);
  const scale = doubleLiteral(d, p.scale);
  const zero = doubleLiteral(d, 0);
  const cal = integerLiteral(calibrationKey);
  const inCalibration = `${q('period')} <= ${cal}`;
  const inHoldout = `${q('period')} > ${cal} AND ${q('period')} <= ${integerLiteral(holdoutKey)}`;
  const calibrationCents = `CASE WHEN ${inCalibration} THEN ${q('period_cents')} ELSE 0 END`;
  const customers: Step = {
    name: 'customers',
    select: (from) =>
      [
        `SELECT ${q('c')},`,
        `  sum(CASE WHEN ${inCalibration} THEN 1 ELSE 0 END) AS ${q('n')},`,
        `  min(${q('period')}) AS ${q('first_period')},`,
        `  max(CASE WHEN ${inCalibration} THEN ${q('period')} END) AS ${q('last_period')},`,
        `  sum(${calibrationCents}) AS ${q('total_cents')},`,
        `  ${d.argMin(q('period_cents'), q('period'))} AS ${q('first_cents')},`,
        `  sum(CASE WHEN ${inHoldout} THEN 1 ELSE 0 END) AS ${q('n_holdout')},`,
        `  sum(CASE WHEN ${inHoldout} THEN ${q('period_cents')} ELSE 0 END) AS ${q('holdout_cents')}`,
        `FROM ${from('periods')} GROUP BY ${q('c')}`,
      ].join('\n'),
  };
  return render(p, [...periodSteps(p), customers], (from) =>
    [
      `SELECT ${q('c')} AS ${q('customer_id')},`,
      `  ${q('n')} - 1 AS ${q('frequency_cal')},`,
      `  ${d.double(p.elapsedMs(q('first_period'), q('last_period')))} / ${unit} AS ${q('recency_cal')},`,
      `  ${d.double(p.elapsedMs(q('first_period'), cal))} / ${unit} AS ${q('T_cal')},`,
      `  CASE WHEN ${q('n')} > 1 THEN ${d.double(`${q('total_cents')} - ${q('first_cents')}`)} / ${d.double(`${q('n')} - 1`)} / ${scale} ELSE ${zero} END AS ${q('monetary_value_cal')},`,
      `  ${q('n_holdout')} AS ${q('frequency_holdout')},`,
      `  CASE WHEN ${q('n_holdout')} > 0 THEN ${d.double(q('holdout_cents'))} / ${d.double(q('n_holdout'))} / ${scale} ELSE ${zero} END AS ${q('monetary_value_holdout')},`,
      // a constant: the same division patronage makes, written as its double
      `  ${doubleLiteral(d, (p.startOfDay(holdoutKey) - p.startOfDay(calibrationKey)) / p.unitMs)} AS ${q('duration_holdout')}`,
      `FROM ${from('customers')}`,
      `WHERE ${q('first_period')} <= ${cal}`,
    ].join('\n'),
  );
}
