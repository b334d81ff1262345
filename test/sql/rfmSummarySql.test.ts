// The text patronage/sql writes, per dialect (golden files in test/sql/golden; regenerate with
// UPDATE_GOLDEN=1 after a deliberate change: the DuckDB and PostgreSQL texts are the ones
// rfmSummarySql.duckdb.test.ts, rfmSummarySql.postgres.test.ts and examples/postgres execute, the ClickHouse
// ones rfmSummarySql.clickhouse.test.ts (18.16 in examples/clickhouse-cluster; a current server through chdb);
// the others are pinned here until an engine runs them), and how bad options are refused.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  calibrationHoldoutSummarySql,
  type RfmSqlOptions,
  rfmHistogramSql,
  rfmSummarySql,
  SQL_DIALECTS,
} from '../../src/sql/index';
import { codeOf } from '../helpers/errors';

const VARIANTS: Record<string, Omit<RfmSqlOptions, 'dialect'>> = {
  // merge by week starting on Sunday, at UTC−5, an end of observation, an amount column
  week: {
    table: 'shop.orders',
    customerId: 'customer_id',
    at: 'ordered_at',
    amount: 'total',
    unit: 'week',
    mergeWithin: 'week',
    weekStartsOn: 0,
    utcOffsetMinutes: -300,
    observationEnd: '2025-06-30T12:00:00Z',
  },
  // a time zone with daylight saving (local days and midnights from the engine's time-zone database)
  zone: {
    table: 'orders',
    customerId: 'customer_id',
    at: 'ordered_at',
    amount: 'total',
    unit: 'week',
    timeZone: 'America/Santiago',
    observationEnd: '2025-06-30T12:00:00Z',
  },
  // merge by calendar month, epoch-ms times, no amount, the end at the last transaction
  month: {
    table: 'orders',
    customerId: 'cid',
    at: 'at_ms',
    atType: 'epochMs',
    unit: 'month',
    mergeWithin: 'month',
  },
};

describe('the SQL text of every dialect (golden files)', () => {
  for (const dialect of SQL_DIALECTS) {
    for (const [variant, options] of Object.entries(VARIANTS)) {
      it(`${dialect}, ${variant}: summary and histogram as in test/sql/golden/${dialect}-${variant}.sql`, () => {
        const calibration = calibrationHoldoutSummarySql({
          dialect,
          ...options,
          calibrationEnd: '2025-03-31',
          observationEnd: '2025-06-30T12:00:00Z',
        });
        const text = `-- rfmSummarySql\n${rfmSummarySql({ dialect, ...options })}\n\n-- rfmHistogramSql\n${rfmHistogramSql({ dialect, ...options })}\n\n-- calibrationHoldoutSummarySql (calibration to 2025-03-31, holdout to 2025-06-30)\n${calibration}\n`;
        const file = new URL(`golden/${dialect}-${variant}.sql`, import.meta.url);
        if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(file)) writeFileSync(file, text);
        expect(text).toBe(readFileSync(file, 'utf8'));
      });
    }
  }
});

describe('bad options are refused, naming what is wrong', () => {
  const valid = { dialect: 'duckdb', table: 'orders', customerId: 'customer_id', at: 'ordered_at' } as const;
  it('an unknown dialect (with the nearest), a name that is not a plain identifier, an unknown option, a time zone', () => {
    expect(codeOf(() => rfmSummarySql({ ...valid, dialect: 'duck' as never }))).toBe('UNSUPPORTED_DIALECT');
    expect(() => rfmSummarySql({ ...valid, dialect: 'postgresql' as never })).toThrow(
      /did you mean 'postgres'/,
    );
    for (const name of ['orders; DROP TABLE x', 'a"b', 'a`b', '1abc', '', 'a.b.c.d', ' orders']) {
      expect(
        codeOf(() => rfmSummarySql({ ...valid, table: name })),
        name,
      ).toBe('INVALID_ARGUMENT');
    }
    expect(codeOf(() => rfmSummarySql({ ...valid, customerId: 'shop.customer_id' }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => rfmSummarySql({ ...valid, amount: 'total + 1' }))).toBe('INVALID_ARGUMENT');
    expect(rfmSummarySql({ ...valid, table: 'db.shop.orders' })).toContain('FROM "db"."shop"."orders"');
    expect(codeOf(() => rfmSummarySql({ ...valid, mergeWith: 'day' } as never))).toBe('INVALID_OPTION');
    // a time zone the engine reads by name: one Intl does not know, or one that is no plain IANA name, is refused
    expect(rfmSummarySql({ ...valid, timeZone: 'Europe/Paris' })).toContain("'Europe/Paris'");
    // written as Intl spells it when the two differ in case only (engines want the case); an alias as given
    expect(rfmSummarySql({ ...valid, timeZone: 'america/santiago' })).toContain("'America/Santiago'");
    expect(rfmSummarySql({ ...valid, timeZone: 'Europe/Kyiv' })).toContain("'Europe/Kyiv'");
    expect(codeOf(() => rfmSummarySql({ ...valid, timeZone: 'Mars/Olympus' }))).toBe('INVALID_TIME_ZONE');
    expect(codeOf(() => rfmSummarySql({ ...valid, timeZone: "UTC' OR '1" }))).toBe('INVALID_TIME_ZONE');
    expect(codeOf(() => rfmSummarySql({ ...valid, timeZone: 'Europe/Paris', utcOffsetMinutes: 60 }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => rfmSummarySql({ ...valid, mergeWithin: 'year' as never }))).toBe('INVALID_PERIOD');
    expect(codeOf(() => rfmSummarySql({ ...valid, unit: 0 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => rfmSummarySql({ ...valid, observationEnd: 'soon' }))).toBe('INVALID_TIMESTAMP');
    expect(codeOf(() => rfmSummarySql({ ...valid, atType: 'seconds' as never }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => rfmSummarySql({ ...valid, utcOffsetMinutes: 2000 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => rfmSummarySql(undefined as never))).toBe('INVALID_ARGUMENT');
    // ClickHouse: the first step renames the columns to these names, so a column may not already have one
    for (const name of ['patronage_customer_id', 'patronage_at', 'patronage_amount']) {
      expect(
        codeOf(() => rfmSummarySql({ ...valid, dialect: 'clickhouse', at: name })),
        name,
      ).toBe('INVALID_ARGUMENT');
      expect(rfmSummarySql({ ...valid, at: name })).toContain(`"${name}"`);
    }
    const calibration = { ...valid, calibrationEnd: '2025-03-31', observationEnd: '2025-06-30' };
    expect(
      codeOf(() => calibrationHoldoutSummarySql({ ...calibration, calibrationEnd: undefined } as never)),
    ).toBe('INVALID_ARGUMENT');
    expect(
      codeOf(() => calibrationHoldoutSummarySql({ ...calibration, observationEnd: undefined } as never)),
    ).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => calibrationHoldoutSummarySql({ ...calibration, observationEnd: '2025-01-01' }))).toBe(
      'OUT_OF_RANGE',
    );
    expect(codeOf(() => calibrationHoldoutSummarySql({ ...calibration, calibrationEnds: 1 } as never))).toBe(
      'INVALID_OPTION',
    );
  });
});
