// The text cohortRetentionSql and periodRetentionSql write, per dialect (golden files
// test/sql/golden/<dialect>-cohort.sql and <dialect>-period.sql; regenerate with UPDATE_GOLDEN=1 after a
// deliberate change: DuckDB's are executed by cohortRetentionSql.duckdb.test.ts and
// periodRetentionSql.duckdb.test.ts, ClickHouse's by rfmSummarySql.clickhouse.test.ts, PostgreSQL's by
// examples/postgres), how bad options are refused, and how cohortRowsFromSql and periodRowsFromSql read a
// driver's rows.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cohortRetention, periodRetention } from '../../src/index';
import {
  cohortRetentionSql,
  cohortRowsFromSql,
  periodRetentionSql,
  periodRowsFromSql,
  SQL_DIALECTS,
} from '../../src/sql/index';
import { codeOf } from '../helpers/errors';

describe('the SQL text of every dialect (golden files)', () => {
  for (const dialect of SQL_DIALECTS) {
    it(`${dialect}: as in test/sql/golden/${dialect}-cohort.sql`, () => {
      // weekly cohorts starting on Sunday at UTC−5 with an end and maxPeriods; quarterly ones in epoch ms
      const weekly = cohortRetentionSql({
        dialect,
        table: 'shop.orders',
        customerId: 'customer_id',
        at: 'ordered_at',
        amount: 'total',
        period: 'week',
        weekStartsOn: 0,
        utcOffsetMinutes: -300,
        observationEnd: '2025-06-30T12:00:00Z',
        maxPeriods: 12,
      });
      const quarterly = cohortRetentionSql({
        dialect,
        table: 'orders',
        customerId: 'cid',
        at: 'at_ms',
        atType: 'epochMs',
        period: 'quarter',
      });
      const text = `-- weekly, to 2025-06-30, 12 periods\n${weekly}\n\n-- quarterly\n${quarterly}\n`;
      const file = new URL(`golden/${dialect}-cohort.sql`, import.meta.url);
      if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(file)) writeFileSync(file, text);
      expect(text).toBe(readFileSync(file, 'utf8'));
    });
  }
});

describe('the period series text of every dialect (golden files)', () => {
  for (const dialect of SQL_DIALECTS) {
    it(`${dialect}: as in test/sql/golden/${dialect}-period.sql`, () => {
      // weekly from Sunday at UTC+5:30 active within 28 days to an end; quarterly in epoch ms by default
      const weekly = periodRetentionSql({
        dialect,
        table: 'shop.orders',
        customerId: 'customer_id',
        at: 'ordered_at',
        amount: 'total',
        period: 'week',
        activeWithin: 28,
        weekStartsOn: 0,
        utcOffsetMinutes: 330,
        observationEnd: '2025-06-30T12:00:00Z',
      });
      const quarterly = periodRetentionSql({
        dialect,
        table: 'orders',
        customerId: 'cid',
        at: 'at_ms',
        atType: 'epochMs',
        period: 'quarter',
      });
      const text = `-- weekly, active within 28 days, to 2025-06-30\n${weekly}\n\n-- quarterly\n${quarterly}\n`;
      const file = new URL(`golden/${dialect}-period.sql`, import.meta.url);
      if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(file)) writeFileSync(file, text);
      expect(text).toBe(readFileSync(file, 'utf8'));
    });
  }
});

describe('the period series by segment of every dialect (golden files)', () => {
  for (const dialect of SQL_DIALECTS) {
    it(`${dialect}: as in test/sql/golden/${dialect}-period-segment.sql`, () => {
      // monthly by region to an end (ClickHouse: the region renamed apart with the other columns)
      const text = `-- monthly by region, active within 90 days, to 2025-06-30\n${periodRetentionSql({
        dialect,
        table: 'shop.orders',
        customerId: 'customer_id',
        at: 'ordered_at',
        amount: 'total',
        segment: 'region',
        observationEnd: '2025-06-30T12:00:00Z',
      })}\n`;
      const file = new URL(`golden/${dialect}-period-segment.sql`, import.meta.url);
      if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(file)) writeFileSync(file, text);
      expect(text).toBe(readFileSync(file, 'utf8'));
    });
  }
});

describe('periodRetentionSql and periodRowsFromSql refuse what is wrong', () => {
  const valid = { dialect: 'duckdb', table: 'orders', customerId: 'customer_id', at: 'ordered_at' } as const;
  it('periodRetentionSql: period, activeWithin, an unknown option (segmentOf too), a time zone', () => {
    expect(codeOf(() => periodRetentionSql({ ...valid, period: 'fortnight' as never }))).toBe(
      'INVALID_PERIOD',
    );
    expect(codeOf(() => periodRetentionSql({ ...valid, activeWithin: 0 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => periodRetentionSql({ ...valid, activeWithin: 1.5 }))).toBe('NOT_AN_INTEGER');
    expect(codeOf(() => periodRetentionSql({ ...valid, segmentOf: () => 'x' } as never))).toBe(
      'INVALID_OPTION',
    );
    // a time zone the engine reads by name: one Intl does not know, or one that is no plain IANA name, is refused
    expect(periodRetentionSql({ ...valid, timeZone: 'Europe/Paris' })).toContain("'Europe/Paris'");
    expect(codeOf(() => periodRetentionSql({ ...valid, timeZone: 'Mars/Olympus' }))).toBe(
      'INVALID_TIME_ZONE',
    );
    expect(codeOf(() => periodRetentionSql({ ...valid, timeZone: "UTC' OR '1" }))).toBe('INVALID_TIME_ZONE');
    expect(
      codeOf(() => periodRetentionSql({ ...valid, timeZone: 'Europe/Paris', utcOffsetMinutes: 60 })),
    ).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => periodRetentionSql({ ...valid, customerId: 'a b' }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => periodRetentionSql({ ...valid, segment: 'region"' }))).toBe('INVALID_ARGUMENT');
    // ClickHouse renames the table's columns apart: the name it gives the segment is refused as a column
    expect(
      codeOf(() =>
        periodRetentionSql({ ...valid, dialect: 'clickhouse', segment: 'region', at: 'patronage_segment' }),
      ),
    ).toBe('INVALID_ARGUMENT');
    expect(periodRetentionSql({ ...valid, dialect: 'clickhouse', at: 'patronage_segment' })).toContain(
      '`patronage_segment` AS `patronage_at`',
    );
  });

  it('periodRowsFromSql with segments: the all-customers rows by default, each segment with segments: true', () => {
    const row = {
      series_start: 19723,
      series_end: 19723,
      period_start: 19723,
      start_ms: 1704067200000,
      customers_at_start: 0,
      acquired: 1,
      reactivated: 0,
      retained: 0,
      revenue_minor: 1000,
      new_revenue_minor: 1000,
    };
    const rows = [
      { ...row, all_customers: 0, segment: 'west', customers_at_end: 1 },
      { ...row, all_customers: 1, segment: null, customers_at_end: 3, acquired: 3 },
      { ...row, all_customers: 0, segment: 'East', customers_at_end: 1 },
      { ...row, all_customers: 0, segment: null, customers_at_end: 1 },
    ];
    expect(periodRowsFromSql(rows).map((r) => [r.segment, r.customersAtEnd])).toEqual([[null, 3]]);
    // periodRetention's order: null first, then by UTF-16 code units ('E' before 'w')
    expect(periodRowsFromSql(rows, { segments: true }).map((r) => [r.segment, r.customersAtEnd])).toEqual([
      [null, 1],
      ['East', 1],
      ['west', 1],
    ]);
    expect(codeOf(() => periodRowsFromSql([{ ...row, customers_at_end: 1 }], { segments: true }))).toBe(
      'INVALID_ARGUMENT',
    ); // no segments in rows of SQL without a segment column
    expect(codeOf(() => periodRowsFromSql([{ ...rows[0], all_customers: 2 }]))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => periodRowsFromSql([{ ...rows[0], segment: 7 }], { segments: true }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => periodRowsFromSql(rows, { segments: 'yes' as never }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => periodRowsFromSql([rows[0] as never, rows[0] as never], { segments: true }))).toBe(
      'INVALID_ARGUMENT',
    ); // a period twice in one segment
  });

  it('periodRowsFromSql: rows that cannot come from the query; the example of periodRetention', () => {
    const common = { series_start: 19723, series_end: 19754, revenue_minor: 1500, new_revenue_minor: 1500 };
    const january = {
      ...common,
      period_start: 19723,
      start_ms: 1704067200000,
      customers_at_start: 0,
      customers_at_end: 2,
      acquired: 2,
      reactivated: 0,
      retained: 0,
    };
    const february = {
      ...common,
      period_start: 19754,
      start_ms: 1706745600000,
      customers_at_start: 2,
      customers_at_end: 2,
      acquired: 1,
      reactivated: 0,
      retained: 1,
      revenue_minor: '1700',
      new_revenue_minor: 700n,
    };
    expect(periodRowsFromSql([february, january], { period: 'month' })).toEqual(
      periodRetention(
        [
          { customerId: 'a', at: '2024-01-10', amount: 10 },
          { customerId: 'a', at: '2024-02-20', amount: 10 },
          { customerId: 'b', at: '2024-01-15', amount: 5 },
          { customerId: 'c', at: '2024-02-03', amount: 7 },
        ],
        { period: 'month', activeWithin: 30 },
      ),
    );
    expect(periodRowsFromSql([])).toEqual([]);
    // a zone with a fixed offset (UTC) gets its start_ms from the SQL, like utcOffsetMinutes
    expect(periodRowsFromSql([february, january], { period: 'month', timeZone: 'UTC' })).toEqual(
      periodRowsFromSql([february, january], { period: 'month' }),
    );
    expect(
      periodRetentionSql({ dialect: 'duckdb', table: 'orders', customerId: 'c', at: 't', timeZone: 'UTC' }),
    ).toContain('"start_ms"');
    expect(codeOf(() => periodRowsFromSql([january], { period: 'month', timeZone: 'Europe/Paris' }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => periodRowsFromSql([january, january]))).toBe('INVALID_ARGUMENT'); // a period twice
    expect(codeOf(() => periodRowsFromSql([{ ...january, period_start: 19724 }]))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => periodRowsFromSql([{ ...january, period_start: 19692 }]))).toBe('INVALID_ARGUMENT'); // before
    expect(codeOf(() => periodRowsFromSql([january, { ...february, series_end: 19783 }]))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => periodRowsFromSql([january, { ...february, start_ms: 1706745600001 }]))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => periodRowsFromSql([{ ...january, retained: 1 }]))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => periodRowsFromSql([{ ...february, customers_at_start: 0 }]))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => periodRowsFromSql([{ ...january, acquired: -1, reactivated: 3 }]))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => periodRowsFromSql([{ ...january, series_end: 19692 }]))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => periodRowsFromSql([{ ...january, acquired: 2.5 }]))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => periodRowsFromSql([7 as never]))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => periodRowsFromSql([january], { period: 'month', segment: 'x' } as never))).toBe(
      'INVALID_OPTION',
    );
    expect(
      codeOf(() =>
        periodRowsFromSql([{ ...january, series_start: 0, series_end: 25_000 }], { period: 'day' }),
      ),
    ).toBe('OUT_OF_RANGE');
  });
});

describe('bad options and rows are refused, naming what is wrong', () => {
  const valid = { dialect: 'duckdb', table: 'orders', customerId: 'customer_id', at: 'ordered_at' } as const;
  it('cohortRetentionSql: period, maxPeriods, an unknown option, a time zone, names', () => {
    expect(codeOf(() => cohortRetentionSql({ ...valid, period: 'fortnight' as never }))).toBe(
      'INVALID_PERIOD',
    );
    expect(codeOf(() => cohortRetentionSql({ ...valid, maxPeriods: 0 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => cohortRetentionSql({ ...valid, maxPeriods: 2.5 }))).toBe('NOT_AN_INTEGER');
    expect(codeOf(() => cohortRetentionSql({ ...valid, mergeWithin: 'day' } as never))).toBe(
      'INVALID_OPTION',
    );
    // a time zone the engine reads by name: one Intl does not know, or one that is no plain IANA name, is refused
    expect(cohortRetentionSql({ ...valid, timeZone: 'Europe/Paris' })).toContain("'Europe/Paris'");
    expect(codeOf(() => cohortRetentionSql({ ...valid, timeZone: 'Mars/Olympus' }))).toBe(
      'INVALID_TIME_ZONE',
    );
    expect(codeOf(() => cohortRetentionSql({ ...valid, timeZone: "UTC' OR '1" }))).toBe('INVALID_TIME_ZONE');
    expect(
      codeOf(() => cohortRetentionSql({ ...valid, timeZone: 'Europe/Paris', utcOffsetMinutes: 60 })),
    ).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => cohortRetentionSql({ ...valid, table: 'orders; DROP TABLE x' }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => cohortRetentionSql({ ...valid, observationEnd: 'soon' }))).toBe('INVALID_TIMESTAMP');
  });

  it('cohortRowsFromSql: rows that cannot come from the query', () => {
    const cell = {
      cohort_start: 19723,
      period: 0,
      periods: 2,
      customers: 2,
      revenue_minor: 1500,
      revenue: 15,
    };
    expect(codeOf(() => cohortRowsFromSql([cell, { ...cell }]))).toBe('INVALID_ARGUMENT'); // a cell twice
    expect(codeOf(() => cohortRowsFromSql([{ ...cell, period: 1 }]))).toBe('INVALID_ARGUMENT'); // no period 0
    expect(codeOf(() => cohortRowsFromSql([{ ...cell, period: 2 }]))).toBe('INVALID_ARGUMENT'); // outside the row
    expect(codeOf(() => cohortRowsFromSql([cell, { ...cell, period: 1, periods: 3 }]))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => cohortRowsFromSql([cell, { ...cell, period: 1, customers: 3 }]))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => cohortRowsFromSql([{ ...cell, customers: 0 }]))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => cohortRowsFromSql([{ ...cell, customers: 1.5 }]))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => cohortRowsFromSql([{ ...cell, revenue_minor: '12.5' }]))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => cohortRowsFromSql([{ ...cell, customers: 2n ** 60n }]))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => cohortRowsFromSql([null as never]))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => cohortRowsFromSql('rows' as never))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => cohortRowsFromSql([cell], { period: 'month', unit: 'day' } as never))).toBe(
      'INVALID_OPTION',
    );
    expect(codeOf(() => cohortRowsFromSql([{ ...cell, periods: 4_000_001 }]))).toBe('OUT_OF_RANGE');
    // SQL written with weeks, read as months: 2024-01-08 (19730) starts no month
    expect(codeOf(() => cohortRowsFromSql([{ ...cell, cohort_start: 19730 }]))).toBe('INVALID_ARGUMENT');
    expect(cohortRowsFromSql([{ ...cell, cohort_start: 19730 }], { period: 'week' })[0]?.cohort).toBe(
      '2024-W02',
    );
  });

  it('cohortRowsFromSql reads bigints and digit strings as drivers give 64-bit integers, in any row order', () => {
    const rows = [
      { cohort_start: '19754', period: 0n, periods: 1, customers: '1', revenue_minor: 800n, revenue: 8 },
      { cohort_start: 19723, period: 1, periods: 2n, customers: 1, revenue_minor: '2000', revenue: 20 },
      { cohort_start: 19723n, period: '0', periods: 2, customers: 2n, revenue_minor: 1500, revenue: 15 },
    ];
    const expected = cohortRetention(
      [
        { customerId: 'a', at: '2024-01-05', amount: 10 },
        { customerId: 'a', at: '2024-02-11', amount: 20 },
        { customerId: 'b', at: '2024-01-20', amount: 5 },
        { customerId: 'c', at: '2024-02-02', amount: 8 },
      ],
      { period: 'month' },
    );
    expect(cohortRowsFromSql(rows)).toEqual(expected);
    expect(cohortRowsFromSql([])).toEqual([]);
  });
});
