// The statements clusterTablesSql writes (golden file test/sql/golden/clickhouse-cluster.sql; UPDATE_GOLDEN=1
// regenerates it; examples/clickhouse-cluster executes them on a two-shard ClickHouse 18.16 cluster in CI), and
// how bad options are refused.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type ClusterTablesSqlOptions,
  clusterTablesSql,
  rfmHistogramSql,
  rfmSummarySql,
} from '../../src/sql/index';
import { codeOf } from '../helpers/errors';

const VALID: ClusterTablesSqlOptions = {
  cluster: 'shop_cluster',
  database: 'shop',
  table: 'orders',
  customerId: 'customer_id',
  customerIdType: 'UInt64',
  at: 'ordered_at',
  amount: 'total',
  unit: 'week',
  mergeWithin: 'week',
  utcOffsetMinutes: 60,
  observationEnd: '2025-12-31',
  calibrationEnd: '2025-09-30',
};

describe('clusterTablesSql', () => {
  it('the statements and queries as in test/sql/golden/clickhouse-cluster.sql', () => {
    const tables = clusterTablesSql(VALID);
    const text = [
      '-- create (on every server)',
      ...tables.create.map((statement) => `${statement};`),
      '',
      '-- drop (on every server)',
      ...tables.drop.map((statement) => `${statement};`),
      '',
      `-- summary\n${tables.summary};`,
      '',
      `-- histogram\n${tables.histogram};`,
      '',
      `-- calibrationHoldout\n${tables.calibrationHoldout};`,
      '',
    ].join('\n');
    const file = new URL('golden/clickhouse-cluster.sql', import.meta.url);
    if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(file)) writeFileSync(file, text);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });

  it('each shard’s views hold the generators’ own SQL over the shard’s local table', () => {
    const tables = clusterTablesSql(VALID);
    const { cluster, database, customerIdType, calibrationEnd, ...summary } = VALID;
    const spec = { ...summary, dialect: 'clickhouse' as const, table: 'shop.orders_local' };
    expect(tables.create[3]).toBe(`CREATE VIEW \`shop\`.\`orders_summary_shard\` AS\n${rfmSummarySql(spec)}`);
    expect(tables.create[5]).toBe(
      `CREATE VIEW \`shop\`.\`orders_histogram_shard\` AS\n${rfmHistogramSql(spec)}`,
    );
  });

  it('names default from the table; a string customer id is sharded by cityHash64; epoch ms and Float64 columns', () => {
    const tables = clusterTablesSql({
      cluster: 'c',
      table: 'events',
      customerId: 'who',
      at: 'at_ms',
      atType: 'epochMs',
      amount: 'value',
      amountType: 'Float64',
      observationEnd: 0,
    });
    expect(tables.create.slice(0, 3)).toEqual([
      'CREATE DATABASE IF NOT EXISTS `default`',
      'CREATE TABLE `default`.`events_local` (`who` String, `at_ms` Int64, `value` Float64) ENGINE = MergeTree() ORDER BY (`who`, `at_ms`)',
      'CREATE TABLE `default`.`events` AS `default`.`events_local` ENGINE = Distributed(`c`, `default`, `events_local`, cityHash64(`who`))',
    ]);
    expect(tables.create).toHaveLength(7);
    expect(tables.calibrationHoldout).toBeNull();
    expect(tables.drop).toEqual(
      [
        'events_histogram',
        'events_histogram_shard',
        'events_summary',
        'events_summary_shard',
        'events',
        'events_local',
      ].map((name) => `DROP TABLE IF EXISTS \`default\`.\`${name}\``),
    );
    const noAmount = clusterTablesSql({
      cluster: 'c',
      table: 'events',
      customerId: 'who',
      at: 'at',
      observationEnd: 0,
    });
    expect(noAmount.create[1]).toBe(
      'CREATE TABLE `default`.`events_local` (`who` String, `at` DateTime) ENGINE = MergeTree() ORDER BY (`who`, `at`)',
    );
  });

  it('refuses a missing observationEnd, a name that is not a plain identifier, a bad type, an unknown option', () => {
    const { observationEnd, ...withoutEnd } = VALID;
    expect(codeOf(() => clusterTablesSql(withoutEnd as never))).toBe('INVALID_ARGUMENT');
    for (const key of [
      'cluster',
      'database',
      'table',
      'localTable',
      'summaryTable',
      'histogramTable',
      'calibrationTable',
    ]) {
      expect(
        codeOf(() => clusterTablesSql({ ...VALID, [key]: 'a; DROP TABLE x' })),
        key,
      ).toBe('INVALID_ARGUMENT');
    }
    // a name that would be longer than 128 characters with the views' suffix
    expect(codeOf(() => clusterTablesSql({ ...VALID, table: 'a'.repeat(125) }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => clusterTablesSql({ ...VALID, customerIdType: 'UUID' as never }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => clusterTablesSql({ ...VALID, amountType: 'Decimal128' as never }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => clusterTablesSql({ ...VALID, dialect: 'clickhouse' } as never))).toBe(
      'INVALID_OPTION',
    );
    expect(codeOf(() => clusterTablesSql({ ...VALID, unit: -1 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => clusterTablesSql({ ...VALID, customerId: 'patronage_at' }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => clusterTablesSql({ ...VALID, calibrationEnd: '2026-06-30' }))).toBe('OUT_OF_RANGE');
    expect(() => clusterTablesSql({ ...VALID, unit: -1 })).toThrow(/^clusterTablesSql: /);
  });
});
