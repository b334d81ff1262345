// cohortRetentionSql runs on DuckDB (a dev dependency, in process) against cohortRetention on the same
// transactions: cohortRowsFromSql of the engine's rows equals cohortRetention's rows, for every option.
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohortRetention } from '../../src/index';
import { cohortRetentionSql, cohortRowsFromSql } from '../../src/sql/index';

type Instance = Awaited<ReturnType<typeof DuckDBInstance.create>>;
let instance: Instance;
let connection: Awaited<ReturnType<Instance['connect']>>;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
});
afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

interface Row {
  readonly customerId: string;
  readonly atMs: number;
  readonly cents: number;
}

const DAY = 86_400_000;
const START = Date.UTC(2023, 10, 20);

async function load(rows: readonly Row[]): Promise<void> {
  await connection.run('DROP TABLE IF EXISTS orders');
  const values = rows.map((row) => `('${row.customerId}', ${row.atMs}, ${row.cents})`).join(', ');
  await connection.run(
    `CREATE TABLE orders AS SELECT customer_id, at_ms, epoch_ms(at_ms) AS ts,
       CAST(cents AS DECIMAL(18, 2)) / 100 AS total
     FROM (VALUES ${values}) v(customer_id, at_ms, cents)`,
  );
}

async function query(sql: string): Promise<Record<string, unknown>[]> {
  return (await connection.runAndReadAll(sql)).getRowObjects() as Record<string, unknown>[];
}

const transactions = fc.array(
  fc.record({
    customerId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'),
    // around the turn of years, quarters and months, and before 1970 (negative epoch days)
    atMs: fc.oneof(
      { weight: 5, arbitrary: fc.integer({ min: START, max: START + 800 * DAY }) },
      { weight: 1, arbitrary: fc.integer({ min: Date.UTC(1968, 10, 1), max: Date.UTC(1969, 2, 1) }) },
    ),
    cents: fc.integer({ min: 0, max: 50_000 }),
  }),
  { minLength: 1, maxLength: 60 },
);

const options = fc.record(
  {
    period: fc.constantFrom(
      'day' as const,
      'week' as const,
      'month' as const,
      'quarter' as const,
      'year' as const,
    ),
    utcOffsetMinutes: fc.integer({ min: -720, max: 840 }),
    weekStartsOn: fc.constantFrom(0 as const, 1 as const, 3 as const, 6 as const),
    observationEnd: fc.integer({ min: START + 100 * DAY, max: START + 900 * DAY }),
    maxPeriods: fc.integer({ min: 1, max: 30 }),
  },
  { requiredKeys: [] },
);

describe('cohortRetentionSql on DuckDB equals cohortRetention', () => {
  it('every cohort, period, count and revenue, for random transactions and options (timestamp or epoch ms)', {
    timeout: 60_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(
        transactions,
        options,
        fc.boolean(),
        fc.boolean(),
        async (generated, chosen, epochMs, withAmount) => {
          // daily cohorts from 1968 to 2026 would span more than the 20,000 periods cohortRetention allows: for
          // days the early transactions move 56 years on (still around a turn of the year)
          const daily = chosen.period === 'day';
          const rows = daily
            ? generated.map((row) => (row.atMs < 0 ? { ...row, atMs: row.atMs + 20_454 * DAY } : row))
            : generated;
          const picked = chosen;
          await load(rows);
          const expected = cohortRetention(
            rows.map((row) => ({
              customerId: row.customerId,
              at: row.atMs,
              amount: withAmount ? row.cents / 100 : 0,
            })),
            picked,
          );
          const sql = cohortRetentionSql({
            dialect: 'duckdb',
            table: 'orders',
            customerId: 'customer_id',
            at: epochMs ? 'at_ms' : 'ts',
            atType: epochMs ? 'epochMs' : 'timestamp',
            ...(withAmount ? { amount: 'total' } : {}),
            ...picked,
          });
          const got = cohortRowsFromSql(await query(sql), {
            ...(picked.period === undefined ? {} : { period: picked.period }),
            ...(picked.weekStartsOn === undefined ? {} : { weekStartsOn: picked.weekStartsOn }),
          });
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('the columns and order of the long form, on a small log (the example of cohortRetention)', async () => {
    await load([
      { customerId: 'a', atMs: Date.UTC(2024, 0, 5), cents: 1000 },
      { customerId: 'a', atMs: Date.UTC(2024, 1, 11), cents: 2000 },
      { customerId: 'b', atMs: Date.UTC(2024, 0, 20), cents: 500 },
      { customerId: 'c', atMs: Date.UTC(2024, 1, 2), cents: 800 },
    ]);
    const rows = await query(
      cohortRetentionSql({
        dialect: 'duckdb',
        table: 'orders',
        customerId: 'customer_id',
        at: 'ts',
        amount: 'total',
      }),
    );
    expect(
      rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)]))),
    ).toEqual([
      { cohort_start: 19723, period: 0, periods: 2, customers: 2, revenue_minor: 1500, revenue: 15 },
      { cohort_start: 19723, period: 1, periods: 2, customers: 1, revenue_minor: 2000, revenue: 20 },
      { cohort_start: 19754, period: 0, periods: 1, customers: 1, revenue_minor: 800, revenue: 8 },
    ]);
  });
});
