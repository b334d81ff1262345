// The tables of a ClickHouse cluster sharded by customer, and views that compute the summaries on each shard.

import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { optionKeys, requireOptions } from '../internal/validate';
import type { TimestampInput } from '../model/timestamp';
import { dialectOf, identifier } from './dialects';
import { calibrationSqlIn, histogramSqlIn, type RfmSqlOptions, summarySqlIn } from './rfmSummarySql';

/**
 * The options of {@link clusterTablesSql}: the cluster, the names of the tables, the types of the
 * transactions' columns, and the options {@link rfmSummarySql} takes (`observationEnd` required here).
 *
 * @category SQL
 */
export interface ClusterTablesSqlOptions extends Omit<RfmSqlOptions, 'dialect' | 'table' | 'observationEnd'> {
  /** The cluster's name in the servers' `remote_servers` configuration. */
  readonly cluster: string;
  /** The database of every table, created if missing. Default `'default'`. */
  readonly database?: string;
  /** The `Distributed` table of transactions: load through it, read through it. */
  readonly table: string;
  /** The `MergeTree` table on each shard that holds its customers' transactions. Default `<table>_local`. */
  readonly localTable?: string;
  /** The `Distributed` table over the per-shard summary views (`<summaryTable>_shard`). Default `<table>_summary`. */
  readonly summaryTable?: string;
  /** The `Distributed` table over the per-shard histogram views. Default `<table>_histogram`. */
  readonly histogramTable?: string;
  /** The `Distributed` table over the per-shard calibration/holdout views. Default `<table>_calibration`. */
  readonly calibrationTable?: string;
  /**
   * The customer column's type. Default `'String'`. The rows are sharded by `cityHash64` of a string,
   * `intHash64` of an integer.
   */
  readonly customerIdType?: 'String' | 'UInt32' | 'UInt64' | 'Int64';
  /** The amount column's type: `'Decimal'` (default; `Decimal(18, fractionDigits)`) or `'Float64'`. */
  readonly amountType?: 'Decimal' | 'Float64';
  /**
   * End of observation, as in {@link rfmSummarySql}. Required: each shard's view would otherwise end at
   * its own last transaction.
   */
  readonly observationEnd: TimestampInput;
  /** End of calibration: with it, the calibration/holdout views of {@link calibrationHoldoutSummarySql} too. */
  readonly calibrationEnd?: TimestampInput;
}

/**
 * What {@link clusterTablesSql} returns: the statements that make the tables and views, those that drop them,
 * and the queries that read the summaries through the cluster.
 *
 * @category SQL
 */
export interface ClusterTablesSqlResult {
  /**
   * The statements that create the database, the tables and the views, in order, to run on every server of
   * the cluster (one statement per request; no `ON CLUSTER`, which needs ZooKeeper).
   */
  readonly create: readonly string[];
  /** `DROP TABLE IF EXISTS` for each table and view, in the reverse order, to run on every server. */
  readonly drop: readonly string[];
  /** The summary through the cluster: {@link rfmSummarySql}'s columns, one row per customer, in no order. */
  readonly summary: string;
  /**
   * The histogram through the cluster: {@link rfmHistogramSql}'s columns, the shards' counts summed, in
   * ascending order.
   */
  readonly histogram: string;
  /** {@link calibrationHoldoutSummarySql}'s rows through the cluster; null without `calibrationEnd`. */
  readonly calibrationHoldout: string | null;
}

/** The options that {@link rfmSummarySql} takes as they are. */
const SUMMARY_OPTION_KEYS = [
  'customerId',
  'at',
  'atType',
  'amount',
  'unit',
  'observationEnd',
  'mergeWithin',
  'fractionDigits',
  'timeZone',
  'utcOffsetMinutes',
  'weekStartsOn',
] as const;

const CLUSTER_OPTION_KEYS = /* @__PURE__ */ optionKeys<ClusterTablesSqlOptions>()(
  [
    'cluster',
    'database',
    'table',
    'localTable',
    'summaryTable',
    'histogramTable',
    'calibrationTable',
    'customerIdType',
    'amountType',
    'calibrationEnd',
  ],
  [SUMMARY_OPTION_KEYS],
);

const CUSTOMER_TYPES = ['String', 'UInt32', 'UInt64', 'Int64'] as const;

/** The columns of the per-shard views, as the generated SQL types them on 18.16 and current servers. */
const SUMMARY_COLUMNS = [
  ['frequency', 'Int64'],
  ['recency', 'Float64'],
  ['T', 'Float64'],
  ['monetary_value', 'Float64'],
] as const;
const HISTOGRAM_COLUMNS = [
  ['frequency', 'Int64'],
  ['recency', 'Float64'],
  ['T', 'Float64'],
  ['weight', 'UInt64'],
] as const;
const CALIBRATION_COLUMNS = [
  ['frequency_cal', 'Int64'],
  ['recency_cal', 'Nullable(Float64)'],
  ['T_cal', 'Float64'],
  ['monetary_value_cal', 'Float64'],
  ['frequency_holdout', 'UInt64'],
  ['monetary_value_holdout', 'Float64'],
  ['duration_holdout', 'Float64'],
] as const;

/**
 * The ClickHouse tables and views that compute patronage's summaries on a cluster sharded by customer: a
 * `MergeTree` table of transactions on each shard, a `Distributed` table over them that shards each row by a
 * hash of its customer (`intHash64` of an integer id, `cityHash64` of a string), and on each shard views that
 * compute the whole summary, histogram and (with `calibrationEnd`) calibration/holdout split of that shard's
 * customers with {@link rfmSummarySql}, {@link rfmHistogramSql} and {@link calibrationHoldoutSummarySql}, each
 * under a `Distributed` table that reads every shard's view.
 *
 * Why views: ClickHouse (18.16 at least) runs only the innermost level of a nested query over a
 * `Distributed` table on the shards and the rest on the server that was asked, so the summary query over the
 * `Distributed` table of transactions would ship every transaction there. A view on each shard finishes the
 * summary where the rows are. That is correct only because the rows are sharded by customer: every
 * transaction of a customer is on one shard, so a shard's summary rows are final, and the histogram of the
 * cluster is the sum of the shards' histograms (the `histogram` query adds their counts). Load the
 * transactions through the `Distributed` table only (or place them by the same hash), with
 * `insert_distributed_sync=1` when the next query must see them.
 *
 * The summary's options are fixed when the views are made: drop and create them again for another
 * `observationEnd`. Names are plain identifiers, quoted; the types of the summaries' columns are those the
 * generated SQL gives on 18.16 and current servers.
 *
 * @param options - the cluster, the tables' names, the column types, and {@link rfmSummarySql}'s options
 *   (`observationEnd` required)
 * @returns the statements to create and drop the tables and views, and the queries that read the summaries
 * @throws PatronageError `INVALID_ARGUMENT` for a name that is not a plain identifier, a missing
 *   `observationEnd`, or a bad `customerIdType` or `amountType`; `INVALID_OPTION` for an unknown option; the
 *   codes of {@link calibrationHoldoutSummarySql} for the summary's options.
 *
 * @example
 * ```ts
 * import { clusterTablesSql } from 'patronage/sql';
 *
 * const tables = clusterTablesSql({
 *   cluster: 'shop_cluster',
 *   database: 'shop',
 *   table: 'orders',
 *   customerId: 'customer_id',
 *   customerIdType: 'UInt64',
 *   at: 'ordered_at',
 *   amount: 'total',
 *   unit: 'week',
 *   observationEnd: '2025-12-31',
 * });
 * tables.create.length; // => 7
 * tables.create[2]; // => 'CREATE TABLE `shop`.`orders` AS `shop`.`orders_local` ENGINE = Distributed(`shop_cluster`, `shop`, `orders_local`, intHash64(`customer_id`))'
 * tables.summary; // => 'SELECT * FROM `shop`.`orders_summary`'
 * tables.calibrationHoldout; // => null
 * clusterTablesSql({ cluster: 'c', table: 'orders', customerId: 'id', at: 'at' } as never); // => throws INVALID_ARGUMENT
 * ```
 *
 * @category SQL
 */
export function clusterTablesSql(options: ClusterTablesSqlOptions): ClusterTablesSqlResult {
  const fn = 'clusterTablesSql';
  const record = requireOptions(fn, 'options', options, CLUSTER_OPTION_KEYS);
  const d = dialectOf(fn, 'clickhouse');
  const q = d.quote;
  const name = (argument: string, value: unknown): string => {
    identifier(fn, d, argument, value);
    return value as string;
  };
  const table = name('table', record['table']);
  const database = name('database', record['database'] ?? 'default');
  const cluster = identifier(fn, d, 'cluster', record['cluster']);
  const names = {
    local: name('localTable', record['localTable'] ?? `${table}_local`),
    summary: name('summaryTable', record['summaryTable'] ?? `${table}_summary`),
    histogram: name('histogramTable', record['histogramTable'] ?? `${table}_histogram`),
    calibration: name('calibrationTable', record['calibrationTable'] ?? `${table}_calibration`),
  };
  // the per-shard views' names, checked too (at most 128 characters)
  name('summaryTable', `${names.summary}_shard`);
  name('histogramTable', `${names.histogram}_shard`);
  name('calibrationTable', `${names.calibration}_shard`);
  const {
    customerIdType = 'String',
    amountType = 'Decimal',
    observationEnd,
    calibrationEnd,
    fractionDigits = 2,
  } = record;
  if (!(CUSTOMER_TYPES as readonly unknown[]).includes(customerIdType)) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: customerIdType must be one of ${CUSTOMER_TYPES.map((type) => `'${type}'`).join(', ')}, got ${describeValue(customerIdType)}`,
      { argument: 'customerIdType', value: customerIdType },
    );
  }
  if (amountType !== 'Decimal' && amountType !== 'Float64') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: amountType must be 'Decimal' or 'Float64', got ${describeValue(amountType)}`,
      { argument: 'amountType', value: amountType },
    );
  }
  if (observationEnd === undefined) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: options.observationEnd is required (each shard's view would end at its own last transaction)`,
      { argument: 'observationEnd', value: undefined },
    );
  }
  // the summary's options as rfmSummarySql takes them, over the local table of each shard
  const spec = Object.fromEntries([
    ['dialect', 'clickhouse'],
    ['table', `${database}.${names.local}`],
    ...SUMMARY_OPTION_KEYS.filter((key) => record[key] !== undefined).map((key) => [key, record[key]]),
  ]) as unknown as RfmSqlOptions;
  const summaryView = summarySqlIn(fn, spec);
  const histogramView = histogramSqlIn(fn, spec);
  const calibrationView =
    calibrationEnd === undefined
      ? null
      : calibrationSqlIn(fn, {
          ...spec,
          calibrationEnd: calibrationEnd as TimestampInput,
          observationEnd: observationEnd as TimestampInput,
        });

  const at = identifier(fn, d, 'at', record['at']);
  const customerId = identifier(fn, d, 'customerId', record['customerId']);
  const columns = [
    `${customerId} ${customerIdType}`,
    `${at} ${record['atType'] === 'epochMs' ? 'Int64' : 'DateTime'}`,
  ];
  if (record['amount'] !== undefined) {
    // fractionDigits was checked by the generators above
    const amount = identifier(fn, d, 'amount', record['amount']);
    columns.push(
      `${amount} ${amountType === 'Decimal' ? `Decimal(18, ${fractionDigits as number})` : 'Float64'}`,
    );
  }
  const qualified = (table: string): string => `${q(database)}.${q(table)}`;
  const distributed = (table: string, key?: string): string =>
    `Distributed(${cluster}, ${q(database)}, ${q(table)}${key === undefined ? '' : `, ${key}`})`;
  const overViews = (table: string, types: readonly (readonly [string, string])[]): string =>
    `CREATE TABLE ${qualified(table)} (${types.map(([column, type]) => `${q(column)} ${type}`).join(', ')}) ENGINE = ${distributed(`${table}_shard`)}`;
  const hash = customerIdType === 'String' ? 'cityHash64' : 'intHash64';
  const withCustomer = (
    types: readonly (readonly [string, string])[],
  ): readonly (readonly [string, string])[] => [['customer_id', customerIdType as string], ...types];

  const create = [
    `CREATE DATABASE IF NOT EXISTS ${q(database)}`,
    `CREATE TABLE ${qualified(names.local)} (${columns.join(', ')}) ENGINE = MergeTree() ORDER BY (${customerId}, ${at})`,
    `CREATE TABLE ${qualified(table)} AS ${qualified(names.local)} ENGINE = ${distributed(names.local, `${hash}(${customerId})`)}`,
    `CREATE VIEW ${qualified(`${names.summary}_shard`)} AS\n${summaryView}`,
    overViews(names.summary, withCustomer(SUMMARY_COLUMNS)),
    `CREATE VIEW ${qualified(`${names.histogram}_shard`)} AS\n${histogramView}`,
    overViews(names.histogram, HISTOGRAM_COLUMNS),
  ];
  const made = [
    names.local,
    table,
    `${names.summary}_shard`,
    names.summary,
    `${names.histogram}_shard`,
    names.histogram,
  ];
  if (calibrationView !== null) {
    create.push(
      `CREATE VIEW ${qualified(`${names.calibration}_shard`)} AS\n${calibrationView}`,
      overViews(names.calibration, withCustomer(CALIBRATION_COLUMNS)),
    );
    made.push(`${names.calibration}_shard`, names.calibration);
  }
  const frequencyRecencyT = `${q('frequency')}, ${q('recency')}, ${q('T')}`;
  return {
    create,
    drop: made.reverse().map((table) => `DROP TABLE IF EXISTS ${qualified(table)}`),
    summary: `SELECT * FROM ${qualified(names.summary)}`,
    histogram: [
      `SELECT ${frequencyRecencyT}, sum(${q('weight')}) AS ${q('weight')}`,
      `FROM ${qualified(names.histogram)}`,
      `GROUP BY ${frequencyRecencyT}`,
      `ORDER BY ${frequencyRecencyT}`,
    ].join('\n'),
    calibrationHoldout: calibrationView === null ? null : `SELECT * FROM ${qualified(names.calibration)}`,
  };
}
