// The scoring SQL patronage/sql writes, per dialect (golden files test/sql/golden/<dialect>-score.sql;
// regenerate with UPDATE_GOLDEN=1 after a deliberate change: DuckDB's text runs in
// scoreSql.duckdb.prop.test.ts, with BigQuery's shape (windows partitioned by a numbered key) rendered in
// DuckDB's dialect, and PostgreSQL's in examples/postgres; the others are pinned here until an engine runs
// them), and how bad fits and options are refused.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SQL_DIALECTS, scoreSql } from '../../src/sql/index';
import { codeOf } from '../helpers/errors';

const BG = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
const MBG = { model: 'mbgNbd', params: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 } } as const;
const PARETO = { model: 'paretoNbd', params: { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 } } as const;

describe('the scoring SQL of every dialect (golden files)', () => {
  for (const dialect of SQL_DIALECTS) {
    it(`${dialect}: BG/NBD, MBG/NBD (a > 2) and Pareto/NBD as in test/sql/golden/${dialect}-score.sql`, () => {
      const options = { dialect, table: 'shop.summary', horizon: 39 };
      const text = [
        `-- scoreSql, BG/NBD (Fader, Hardie & Lee 2005, CDNOW), horizon 39\n${scoreSql(BG, options)}`,
        `-- scoreSql, MBG/NBD with a = 2.5, renamed columns\n${scoreSql({ model: 'mbgNbd', params: { ...MBG.params, a: 2.5 } }, { ...options, customerId: 'id', frequency: 'x', recency: 't_x', T: 'age' })}`,
        `-- scoreSql, Pareto/NBD (CDNOW), horizon 39\n${scoreSql(PARETO, options)}`,
        `-- scoreSql, BG/NBD, horizon 0\n${scoreSql(BG, { ...options, horizon: 0 })}`,
        '',
      ].join('\n\n');
      const file = new URL(`golden/${dialect}-score.sql`, import.meta.url);
      if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(file)) writeFileSync(file, text);
      expect(text).toBe(readFileSync(file, 'utf8'));
    });
  }

  it('writes no common table expression and no window function for ClickHouse 18.16', () => {
    for (const fit of [BG, MBG, PARETO]) {
      const sql = scoreSql(fit, { dialect: 'clickhouse', table: 'summary', horizon: 39 });
      expect(sql).not.toMatch(/\bWITH\b|\bOVER\b|log1p|expm1|\bln\(/);
    }
  });

  it('bigquery: no window partitions by a FLOAT64 (GoogleSQL refuses it); they partition by the INT64 numbering the keys', () => {
    for (const fit of [BG, MBG, PARETO]) {
      const sql = scoreSql(fit, { dialect: 'bigquery', table: 'summary', horizon: 39 });
      const partitions = [...sql.matchAll(/PARTITION BY ([^)]*?) ORDER BY/g)].map((match) => match[1]);
      expect(partitions.length).toBeGreaterThan(0);
      expect(new Set(partitions)).toEqual(new Set(['`partition_key`']));
      expect(sql).toContain('dense_rank() OVER (ORDER BY');
    }
  });

  it('the other dialects partition by the keys themselves (no numbering step)', () => {
    for (const dialect of SQL_DIALECTS.filter((name) => name !== 'bigquery')) {
      expect(scoreSql(BG, { dialect, table: 'summary', horizon: 39 })).not.toContain('partition_key');
    }
  });

  it('writes natural logarithms only (ln, never the base-10 log of PostgreSQL and DuckDB)', () => {
    for (const dialect of ['duckdb', 'postgres'] as const) {
      expect(scoreSql(BG, { dialect, table: 'summary', horizon: 39 })).not.toMatch(/\blog\(/);
    }
  });
});

describe('bad fits and options are refused, naming what is wrong', () => {
  const options = { dialect: 'duckdb', table: 'summary', horizon: 39 } as const;
  it('a model without SQL scoring is UNSUPPORTED_MODEL', () => {
    for (const model of ['bgBb', 'gammaGamma', 'shiftedBetaGeometric']) {
      expect(codeOf(() => scoreSql({ model, params: {} } as never, options))).toBe('UNSUPPORTED_MODEL');
    }
  });
  it('an unknown model or bad parameters are INVALID_FIT', () => {
    expect(codeOf(() => scoreSql({ model: 'nope', params: {} } as never, options))).toBe('INVALID_FIT');
    expect(codeOf(() => scoreSql({ model: 'bgNbd', params: { ...BG.params, a: -1 } }, options))).toBe(
      'INVALID_FIT',
    );
    expect(codeOf(() => scoreSql({ ...BG, logLikelihood: null } as never, options))).toBe('INVALID_FIT');
  });
  it('a name that is not a plain identifier is INVALID_ARGUMENT; an unknown option INVALID_OPTION', () => {
    expect(codeOf(() => scoreSql(BG, { ...options, table: 'summary; DROP TABLE x' }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => scoreSql(BG, { ...options, T: 'T"' }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => scoreSql(BG, { ...options, horizn: 3 } as never))).toBe('INVALID_OPTION');
  });
  it('a bad dialect or horizon is refused', () => {
    expect(codeOf(() => scoreSql(BG, { ...options, dialect: 'mysql' as never }))).toBe('UNSUPPORTED_DIALECT');
    expect(codeOf(() => scoreSql(BG, { ...options, horizon: -1 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => scoreSql(BG, { ...options, horizon: Number.NaN }))).toBe('NOT_FINITE');
  });
});
