// periodRetentionSql runs on DuckDB (a dev dependency, in process) against periodRetention on the same
// transactions: periodRowsFromSql of the engine's rows equals periodRetention's rows, for every option.
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodRetention } from '../../src/index';
import { periodRetentionSql, periodRowsFromSql } from '../../src/sql/index';
import { type SegmentedRow, segmentedTransactions, segmentOfRows } from '../helpers/sqlSegments';

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
    activeWithin: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constantFrom(90, 365, 400)),
    utcOffsetMinutes: fc.integer({ min: -720, max: 840 }),
    weekStartsOn: fc.constantFrom(0 as const, 1 as const, 3 as const, 6 as const),
    observationEnd: fc.integer({ min: START + 100 * DAY, max: START + 900 * DAY }),
  },
  { requiredKeys: [] },
);

describe('periodRetentionSql on DuckDB equals periodRetention', () => {
  it('every period, count and revenue, for random transactions and options (timestamp or epoch ms)', async () => {
    await fc.assert(
      fc.asyncProperty(
        transactions,
        options,
        fc.boolean(),
        fc.boolean(),
        async (generated, chosen, epochMs, withAmount) => {
          // a daily series from 1968 to 2026 would span more than the 20,000 periods periodRetention allows: for
          // days the early transactions move 56 years on (still around a turn of the year)
          const rows =
            chosen.period === 'day'
              ? generated.map((row) => (row.atMs < 0 ? { ...row, atMs: row.atMs + 20_454 * DAY } : row))
              : generated;
          await load(rows);
          const expected = periodRetention(
            rows.map((row) => ({
              customerId: row.customerId,
              at: row.atMs,
              amount: withAmount ? row.cents / 100 : 0,
            })),
            chosen,
          );
          const sql = periodRetentionSql({
            dialect: 'duckdb',
            table: 'orders',
            customerId: 'customer_id',
            at: epochMs ? 'at_ms' : 'ts',
            atType: epochMs ? 'epochMs' : 'timestamp',
            ...(withAmount ? { amount: 'total' } : {}),
            ...chosen,
          });
          const got = periodRowsFromSql(await query(sql), {
            ...(chosen.period === undefined ? {} : { period: chosen.period }),
            ...(chosen.weekStartsOn === undefined ? {} : { weekStartsOn: chosen.weekStartsOn }),
          });
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 80 },
    );
  }, 240_000);
});

async function loadSegmented(rows: readonly SegmentedRow[]): Promise<void> {
  await connection.run('DROP TABLE IF EXISTS segmented_orders');
  const values = rows
    .map(
      (row) =>
        `('${row.customerId}', ${row.atMs}, ${row.cents}, ${row.segment === null ? 'NULL' : `'${row.segment}'`})`,
    )
    .join(', ');
  await connection.run(
    `CREATE TABLE segmented_orders AS SELECT customer_id, at_ms, CAST(cents AS DECIMAL(18, 2)) / 100 AS total,
       CAST(region AS VARCHAR) AS region
     FROM (VALUES ${values}) v(customer_id, at_ms, cents, region)`,
  );
}

describe('periodRetentionSql with a segment column on DuckDB', () => {
  it('its all-customers rows equal periodRetention, its segment rows periodRetention with the equivalent segmentOf', async () => {
    await fc.assert(
      fc.asyncProperty(
        segmentedTransactions(fc.integer({ min: START, max: START + 800 * DAY })),
        options,
        async (rows, chosen) => {
          await loadSegmented(rows);
          const sql = periodRetentionSql({
            dialect: 'duckdb',
            table: 'segmented_orders',
            customerId: 'customer_id',
            at: 'at_ms',
            atType: 'epochMs',
            amount: 'total',
            segment: 'region',
            ...chosen,
          });
          const read = {
            ...(chosen.period === undefined ? {} : { period: chosen.period }),
            ...(chosen.weekStartsOn === undefined ? {} : { weekStartsOn: chosen.weekStartsOn }),
          };
          const engine = await query(sql);
          const transactions = rows.map((row) => ({
            customerId: row.customerId,
            at: row.atMs,
            amount: row.cents / 100,
          }));
          expect(periodRowsFromSql(engine, read)).toEqual(periodRetention(transactions, chosen));
          expect(periodRowsFromSql(engine, { ...read, segments: true })).toEqual(
            periodRetention(transactions, { ...chosen, segmentOf: segmentOfRows(rows, chosen) }),
          );
        },
      ),
      { numRuns: 60 },
    );
  }, 240_000);

  it('a customer whose transactions carry different segments counts in the smallest; one with only NULLs in none', async () => {
    const day = Date.UTC(2024, 0, 10);
    const rows: SegmentedRow[] = [
      { customerId: 'a', atMs: day, cents: 100, segment: 'west' },
      { customerId: 'a', atMs: day + 40 * DAY, cents: 100, segment: 'east' },
      { customerId: 'b', atMs: day + DAY, cents: 100, segment: null },
      { customerId: 'c', atMs: day + 2 * DAY, cents: 100, segment: 'west' },
    ];
    await loadSegmented(rows);
    const engine = await query(
      periodRetentionSql({
        dialect: 'duckdb',
        table: 'segmented_orders',
        customerId: 'customer_id',
        at: 'at_ms',
        atType: 'epochMs',
        segment: 'region',
        activeWithin: 30,
      }),
    );
    const series = periodRowsFromSql(engine, { segments: true });
    // a (east, the smaller of its two) is active at the end of February through its purchase of 19 February
    expect(series.map((row) => [row.segment, row.period, row.customersAtEnd])).toEqual([
      [null, '2024-01', 1],
      [null, '2024-02', 0],
      ['east', '2024-01', 1],
      ['east', '2024-02', 1],
      ['west', '2024-01', 1],
      ['west', '2024-02', 0],
    ]);
  }, 60_000);
});
