// scoreSql on a ClickHouse server (18.16, the Debian package, has no CTEs or window functions: the text uses
// arrays there) against scoreCustomers, and its NULL rows against DuckDB's for the same rows. Runs when
// PATRONAGE_TEST_CLICKHOUSE holds the HTTP address of a throwaway server (`http://127.0.0.1:8123`; it drops and
// creates the table score_summary), as for rfmSummarySql.clickhouse.test.ts; skipped otherwise.
// examples/clickhouse-cluster/run.sh runs it against Debian's ClickHouse 18.16 in CI.
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreCustomers } from '../../src/index';
import { type ScoreSqlFit, scoreSql } from '../../src/sql/index';

const server = process.env['PATRONAGE_TEST_CLICKHOUSE'];
/** Runs one statement over HTTP; its output as text. */
async function clickhouse(sql: string): Promise<string> {
  const response = await fetch(server as string, {
    method: 'POST',
    body: sql,
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`ClickHouse: ${text.slice(0, 2000)}`);
  return text;
}

interface Summary {
  readonly frequency: number;
  readonly recency: number;
  readonly T: number;
}

type Scores = Map<number, { alive: number | null; expected: number | null }>;

async function onClickHouse(spec: ScoreSqlFit, rows: readonly Summary[], horizon: number): Promise<Scores> {
  const values = rows.map((row, i) => `(${i}, ${row.frequency}, ${row.recency}, ${row.T})`).join(', ');
  await clickhouse('DROP TABLE IF EXISTS score_summary');
  await clickhouse(
    'CREATE TABLE score_summary (customer_id UInt64, frequency UInt64, recency Float64, T Float64) ENGINE = Memory',
  );
  await clickhouse(`INSERT INTO score_summary VALUES ${values}`);
  const out = await clickhouse(
    `${scoreSql(spec, { dialect: 'clickhouse', table: 'score_summary', horizon })} FORMAT JSONEachRow`,
  );
  const scores: Scores = new Map();
  for (const line of out.trim().split('\n')) {
    const row = JSON.parse(line) as {
      customer_id: number | string;
      probability_alive: number | null;
      expected_purchases: number | null;
    };
    scores.set(Number(row.customer_id), { alive: row.probability_alive, expected: row.expected_purchases });
  }
  return scores;
}

async function onDuckDB(spec: ScoreSqlFit, rows: readonly Summary[], horizon: number): Promise<Scores> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const values = rows
      .map((row, i) => `(${i}, ${row.frequency}, ${row.recency.toExponential()}, ${row.T.toExponential()})`)
      .join(', ');
    await connection.run(
      `CREATE TABLE s AS SELECT id AS customer_id, CAST(x AS BIGINT) AS frequency, CAST(tx AS DOUBLE) AS recency, CAST(t AS DOUBLE) AS "T" FROM (VALUES ${values}) v(id, x, tx, t)`,
    );
    const reader = await connection.runAndReadAll(scoreSql(spec, { dialect: 'duckdb', table: 's', horizon }));
    const scores: Scores = new Map();
    for (const row of reader.getRowObjects()) {
      scores.set(Number(row['customer_id']), {
        alive: row['probability_alive'] as number | null,
        expected: row['expected_purchases'] as number | null,
      });
    }
    return scores;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const agrees = (actual: number, expected: number): boolean =>
  Math.abs(actual - expected) <= 1e-12 * Math.max(Math.abs(expected), 1e-290);

const history = fc
  .record({
    frequency: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 300 })),
    T: fc.double({ min: 0.1, max: 300, noNaN: true }),
    share: fc.double({ min: 0.001, max: 1, noNaN: true }),
  })
  .map(({ frequency, T, share }) => ({ frequency, recency: frequency === 0 ? 0 : share * T, T }));

const spec: fc.Arbitrary<ScoreSqlFit> = fc.oneof(
  fc.record({
    model: fc.constantFrom('bgNbd' as const, 'mbgNbd' as const),
    params: fc.record({
      r: fc.double({ min: 0.05, max: 3, noNaN: true }),
      alpha: fc.double({ min: 0.5, max: 60, noNaN: true }),
      a: fc.double({ min: 0.05, max: 4, noNaN: true }),
      b: fc.double({ min: 0.1, max: 10, noNaN: true }),
    }),
  }),
  fc.record({
    model: fc.constant('paretoNbd' as const),
    params: fc.record({
      r: fc.double({ min: 0.05, max: 3, noNaN: true }),
      alpha: fc.double({ min: 0.5, max: 60, noNaN: true }),
      s: fc.double({ min: 0.05, max: 3, noNaN: true }),
      beta: fc.double({ min: 0.5, max: 60, noNaN: true }),
    }),
  }),
);

describe.skipIf(server === undefined)(
  'scoreSql on ClickHouse (PATRONAGE_TEST_CLICKHOUSE)',
  { timeout: 120_000 },
  () => {
    it('every written score within 1e-12 of scoreCustomers, NULL on the rows DuckDB leaves NULL', async () => {
      await fc.assert(
        fc.asyncProperty(
          spec,
          fc.array(history, { minLength: 1, maxLength: 25 }),
          fc.oneof(fc.constant(0), fc.double({ min: 0, max: 100, noNaN: true })),
          async (fit, rows, horizon) => {
            const engine = await onClickHouse(fit, rows, horizon);
            const duck = await onDuckDB(fit, rows, horizon);
            const lib = scoreCustomers(fit, rows, { horizon });
            rows.forEach((_, i) => {
              const got = engine.get(i);
              const reference = duck.get(i);
              expect(got?.alive === null, `P(alive) of row ${i} NULL as on DuckDB`).toBe(
                reference?.alive === null,
              );
              expect(got?.expected === null, `expected of row ${i} NULL as on DuckDB`).toBe(
                reference?.expected === null,
              );
              if (got?.alive !== null && got?.alive !== undefined) {
                expect(agrees(got.alive, lib.probabilityAlive[i] as number), `P(alive) of row ${i}`).toBe(
                  true,
                );
              }
              if (got?.expected !== null && got?.expected !== undefined) {
                expect(agrees(got.expected, lib.expectedPurchases[i] as number), `expected of row ${i}`).toBe(
                  true,
                );
              }
            });
          },
        ),
        { numRuns: 40 },
      );
    }, 300_000);
  },
);
