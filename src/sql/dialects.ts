// The SQL dialects the generators write, as the few expressions in which they differ. Internal.

import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { nearestKey } from '../internal/validate';

/**
 * The SQL engines the generators of `patronage/sql` write for.
 *
 * @category SQL
 */
export type SqlDialect = 'duckdb' | 'postgres' | 'clickhouse' | 'bigquery' | 'snowflake' | 'spark';

/** How one dialect writes the expressions in which dialects differ. */
export interface Dialect {
  readonly name: SqlDialect;
  /** A quoted identifier (already checked to be a plain one). */
  quote(name: string): string;
  /** Integer division of integers, truncating (exact or of non-negative operands where it is used); operands in parentheses. */
  div(a: string, b: string): string;
  /** The remainder of integers, with the sign of the dividend. */
  mod(a: string, b: string): string;
  /** A 64-bit IEEE floating-point value. */
  double(x: string): string;
  /** A 64-bit integer. */
  bigint(x: string): string;
  /**
   * The epoch milliseconds of a timestamp column (an instant), or (ClickHouse) its epoch seconds times 1000:
   * the generators use only the local day, which the second determines exactly.
   */
  epochMs(timestamp: string): string;
  /** The value of `value` on the row where `by` is smallest, within a group. */
  argMin(value: string, by: string): string;
  /**
   * Whether the engine takes common table expressions (`WITH name AS (subquery)`); without them (ClickHouse:
   * 18.16 has none) each step is a nested subquery.
   */
  readonly ctes: boolean;
  /**
   * Whether an alias is seen by the whole SELECT it is defined in, sources included (ClickHouse: `SELECT day AS
   * c, f(c) AS day` reads the alias `c`, not the column), so the table's columns are first renamed apart.
   */
  readonly queryWideAliases: boolean;
  /** The keyword of an inner join keeping every matching pair (ClickHouse 18.16 wants the strictness, `ALL`). */
  readonly innerJoin: string;
  /**
   * Whether a window may be partitioned by a double. GoogleSQL (BigQuery) allows no floating point type in a
   * PARTITION BY, while GROUP BY, DISTINCT, ORDER BY and join conditions take them (ZetaSQL's data types
   * reference, "Groupable data types"); there the windows partition by an INT64 that numbers the distinct
   * keys instead.
   */
  readonly doublePartitions: boolean;
  /**
   * `SELECT columns, n AS as FROM from` with one row for each integer n from `lo` to `hi` (none when `hi` < `lo`)
   * for every row of `from`: the integers as the last column.
   */
  expandSelect(columns: string, lo: string, hi: string, as: string, from: string): string;
  /**
   * The local epoch day (days since 1970-01-01 on the zone's calendar) of the instant `epochMs` (a 64-bit
   * integer expression) in the time zone `zone` (a string literal of an IANA name), by the engine's time-zone
   * database.
   */
  localDay(epochMs: string, zone: string): string;
  /**
   * The epoch milliseconds of the first instant of local epoch day `day` (an integer expression) in the time
   * zone `zone`: its midnight, or where the clocks skip midnight, the instant they skip it.
   */
  midnightMs(day: string, zone: string): string;
}

const doubleQuoted = (name: string): string => `"${name}"`;
const backQuoted = (name: string): string => `\`${name}\``;

const DIALECTS: Readonly<Record<SqlDialect, Dialect>> = {
  duckdb: {
    name: 'duckdb',
    quote: doubleQuoted,
    div: (a, b) => `((${a}) // (${b}))`,
    mod: (a, b) => `((${a}) % (${b}))`,
    double: (x) => `CAST(${x} AS DOUBLE)`,
    bigint: (x) => `CAST(${x} AS BIGINT)`,
    epochMs: (t) => `epoch_ms(${t})`,
    argMin: (v, by) => `arg_min(${v}, ${by})`,
    ctes: true,
    queryWideAliases: false,
    innerJoin: 'INNER JOIN',
    doublePartitions: true,
    midnightMs: (day, zone) =>
      `epoch_ms(timezone(${zone}, CAST(DATE '1970-01-01' + CAST(${day} AS INTEGER) AS TIMESTAMP)))`,
    localDay: (ms, zone) =>
      `date_diff('day', DATE '1970-01-01', CAST(timezone(${zone}, timezone('UTC', epoch_ms(${ms}))) AS DATE))`,
    expandSelect: (columns, lo, hi, as, from) =>
      `SELECT ${columns}, unnest(generate_series(${lo}, ${hi})) AS ${as} FROM ${from}`,
  },
  postgres: {
    name: 'postgres',
    quote: doubleQuoted,
    // operands are BIGINT, so `/` truncates
    div: (a, b) => `((${a}) / (${b}))`,
    mod: (a, b) => `((${a}) % (${b}))`,
    double: (x) => `CAST(${x} AS DOUBLE PRECISION)`,
    bigint: (x) => `CAST(${x} AS BIGINT)`,
    // extract(epoch ...) is NUMERIC (exact) since PostgreSQL 14
    epochMs: (t) => `CAST(floor(extract(epoch FROM ${t}) * 1000) AS BIGINT)`,
    argMin: (v, by) => `(array_agg(${v} ORDER BY ${by}))[1]`,
    ctes: true,
    queryWideAliases: false,
    innerJoin: 'INNER JOIN',
    doublePartitions: true,
    midnightMs: (day, zone) =>
      `CAST(extract(epoch FROM CAST(DATE '1970-01-01' + CAST(${day} AS INTEGER) AS TIMESTAMP) AT TIME ZONE ${zone}) * 1000 AS BIGINT)`,
    localDay: (ms, zone) =>
      `CAST(CAST((to_timestamp(0) + ${ms} * interval '1 millisecond') AT TIME ZONE ${zone} AS DATE) - DATE '1970-01-01' AS BIGINT)`,
    expandSelect: (columns, lo, hi, as, from) =>
      `SELECT ${columns}, generate_series(${lo}, ${hi}) AS ${as} FROM ${from}`,
  },
  clickhouse: {
    name: 'clickhouse',
    quote: backQuoted,
    div: (a, b) => `intDiv(${a}, ${b})`,
    mod: (a, b) => `modulo(${a}, ${b})`,
    double: (x) => `toFloat64(${x})`,
    bigint: (x) => `toInt64(${x})`,
    // one text for 18.16 and current servers: a DateTime, or a DateTime64 from 1970 on (floored to the
    // second; an earlier DateTime64 is an error of the server, not a wrong day); no toUnixTimestamp64Milli in 18.16
    epochMs: (t) => `toInt64(toUnixTimestamp(${t})) * 1000`,
    argMin: (v, by) => `argMin(${v}, ${by})`,
    ctes: false,
    queryWideAliases: true,
    innerJoin: 'ALL INNER JOIN',
    doublePartitions: true,
    midnightMs: (day, zone) =>
      `toInt64(toUnixTimestamp(toDateTime(toDate(toUInt16(${day})), ${zone}))) * 1000`,
    // DateTime counts seconds from 1970 as UInt32: instants from 1970 to 2106
    localDay: (ms, zone) => `toInt64(toUInt16(toDate(toDateTime(intDiv(${ms}, 1000)), ${zone})))`,
    // 18.16 has range(n) only, and a negative count would wrap around as UInt64
    expandSelect: (columns, lo, hi, as, from) =>
      `SELECT ${columns}, toInt64(${lo}) + toInt64(arrayJoin(range(toUInt64(greatest(toInt64(${hi}) - toInt64(${lo}) + 1, 0))))) AS ${as} FROM ${from}`,
  },
  bigquery: {
    name: 'bigquery',
    quote: backQuoted,
    div: (a, b) => `DIV(${a}, ${b})`,
    mod: (a, b) => `MOD(${a}, ${b})`,
    double: (x) => `CAST(${x} AS FLOAT64)`,
    bigint: (x) => `CAST(${x} AS INT64)`,
    epochMs: (t) => `UNIX_MILLIS(${t})`,
    argMin: (v, by) => `ARRAY_AGG(${v} ORDER BY ${by} LIMIT 1)[OFFSET(0)]`,
    ctes: true,
    queryWideAliases: false,
    innerJoin: 'INNER JOIN',
    doublePartitions: false,
    midnightMs: (day, zone) => `UNIX_MILLIS(TIMESTAMP(DATE_FROM_UNIX_DATE(${day}), ${zone}))`,
    localDay: (ms, zone) => `UNIX_DATE(DATE(TIMESTAMP_MILLIS(${ms}), ${zone}))`,
    expandSelect: (columns, lo, hi, as, from) =>
      `SELECT ${columns}, ${as} FROM ${from}, UNNEST(GENERATE_ARRAY(${lo}, ${hi})) AS ${as}`,
  },
  snowflake: {
    name: 'snowflake',
    quote: doubleQuoted,
    // `/` of integers is NUMBER with 6 decimals; the divisors used with it are below 10^6 or divide exactly
    div: (a, b) => `TRUNC((${a}) / (${b}))`,
    mod: (a, b) => `MOD(${a}, ${b})`,
    double: (x) => `CAST(${x} AS DOUBLE)`,
    bigint: (x) => `CAST(${x} AS BIGINT)`,
    epochMs: (t) => `DATE_PART(epoch_millisecond, ${t})`,
    argMin: (v, by) => `MIN_BY(${v}, ${by})`,
    ctes: true,
    queryWideAliases: false,
    innerJoin: 'INNER JOIN',
    doublePartitions: true,
    midnightMs: (day, zone) =>
      `DATE_PART(epoch_millisecond, CONVERT_TIMEZONE(${zone}, 'UTC', CAST(DATEADD(day, ${day}, DATE '1970-01-01') AS TIMESTAMP_NTZ)))`,
    localDay: (ms, zone) =>
      `DATEDIFF(day, DATE '1970-01-01', CAST(CONVERT_TIMEZONE('UTC', ${zone}, TO_TIMESTAMP_NTZ(${ms}, 3)) AS DATE))`,
    expandSelect: (columns, lo, hi, as, from) =>
      `SELECT ${columns}, CAST("patronage_range".value AS BIGINT) AS ${as} FROM ${from}, LATERAL FLATTEN(ARRAY_GENERATE_RANGE(${lo}, ${hi} + 1)) "patronage_range"`,
  },
  spark: {
    name: 'spark',
    quote: backQuoted,
    div: (a, b) => `((${a}) div (${b}))`,
    mod: (a, b) => `((${a}) % (${b}))`,
    double: (x) => `CAST(${x} AS DOUBLE)`,
    bigint: (x) => `CAST(${x} AS BIGINT)`,
    epochMs: (t) => `unix_millis(${t})`,
    argMin: (v, by) => `min_by(${v}, ${by})`,
    ctes: true,
    queryWideAliases: false,
    innerJoin: 'INNER JOIN',
    doublePartitions: true,
    midnightMs: (day, zone) =>
      `unix_millis(to_utc_timestamp(CAST(date_add(DATE '1970-01-01', ${day}) AS TIMESTAMP), ${zone}))`,
    // from_utc_timestamp renders in the zone a timestamp read as UTC: the session time zone must be UTC
    localDay: (ms, zone) =>
      `datediff(to_date(from_utc_timestamp(timestamp_millis(${ms}), ${zone})), DATE '1970-01-01')`,
    // sequence(lo, hi) counts down when hi < lo: cut to the empty array then
    expandSelect: (columns, lo, hi, as, from) =>
      `SELECT ${columns}, explode(slice(sequence(${lo}, greatest(${lo}, ${hi})), 1, greatest(${hi} - ${lo} + 1, 0))) AS ${as} FROM ${from}`,
  },
};

/**
 * The dialects the generators write, in the order the docs list them.
 *
 * @example
 * ```ts
 * import { SQL_DIALECTS } from 'patronage/sql';
 *
 * SQL_DIALECTS; // => ['duckdb', 'postgres', 'clickhouse', 'bigquery', 'snowflake', 'spark']
 * ```
 *
 * @category SQL
 */
export const SQL_DIALECTS: readonly SqlDialect[] = Object.keys(DIALECTS) as SqlDialect[];

/** The dialect named `value`; `UNSUPPORTED_DIALECT` naming the nearest one otherwise. */
export function dialectOf(fn: string, value: unknown): Dialect {
  if (typeof value === 'string' && Object.hasOwn(DIALECTS, value)) return DIALECTS[value as SqlDialect];
  const suggestion = typeof value === 'string' ? nearestKey(value, SQL_DIALECTS) : null;
  throw new PatronageError(
    'UNSUPPORTED_DIALECT',
    `${fn}: dialect must be one of ${SQL_DIALECTS.map((name) => `'${name}'`).join(', ')}, got ${describeValue(value)}${suggestion === null ? '' : ` (did you mean '${suggestion}'?)`}`,
    { argument: 'dialect', value, ...(suggestion === null ? {} : { suggestion }) },
  );
}

/** A plain SQL identifier: a letter or underscore, then letters, digits and underscores, at most 128. */
const PLAIN = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/**
 * `value` as a quoted identifier of `dialect`; a table may be qualified (`schema.table`, each part plain).
 * `INVALID_ARGUMENT` naming `argument` for anything else: patronage never pastes a caller's string into SQL.
 */
export function identifier(
  fn: string,
  dialect: Dialect,
  argument: string,
  value: unknown,
  qualified = false,
): string {
  const parts = typeof value === 'string' ? (qualified ? value.split('.') : [value]) : [];
  if (parts.length === 0 || parts.length > 3 || !parts.every((part) => PLAIN.test(part))) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: ${argument} must be a plain SQL identifier (letters, digits and underscores, not starting with a digit${qualified ? '; schema.table allowed' : ''}), got ${describeValue(value)}`,
      { argument, value },
    );
  }
  return parts.map((part) => dialect.quote(part)).join('.');
}

/** An integer literal (a safe integer). */
export function integerLiteral(value: number): string {
  return String(value);
}

/**
 * A double literal in `dialect`: the shortest decimal that reads back as `value`, in exponent form and cast
 * to a double. The exponent form matters: DuckDB reads `0.09856465225158627` as a DECIMAL and its cast to
 * DOUBLE can be one unit in the last place off, while `9.856465225158627e-2` is read as a double directly
 * (PostgreSQL reads either as NUMERIC and converts through the decimal text, which is exact). A subnormal is
 * written as a normal double divided by 2^54 (ClickHouse 18.16 refuses `5e-324`); -0 as `-0e+0`.
 */
export function doubleLiteral(dialect: Dialect, value: number): string {
  if (value !== 0 && Math.abs(value) < MIN_NORMAL) {
    // a subnormal, which ClickHouse 18.16 cannot parse: the normal value × 2^54 divided by 2^54, both exact
    return `(${dialect.double((value * 2 ** 54).toExponential())} / ${dialect.double((2 ** 54).toExponential())})`;
  }
  // toExponential drops the sign of −0
  return dialect.double(Object.is(value, -0) ? '-0e+0' : value.toExponential());
}

/** The smallest positive normal double, 2^-1022. */
const MIN_NORMAL = 2 ** -1022;
