// rfmSummarySql and rfmHistogramSql run on DuckDB (a dev dependency, in process) against rfmSummary on the
// same transactions: every number equal, for every option the generators take.
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calibrationHoldoutSummary, fitBgNbd, rfmSummary } from '../../src/index';
import { dialectOf, doubleLiteral } from '../../src/sql/dialects';
import { calibrationHoldoutSummarySql, rfmHistogramSql, rfmSummarySql } from '../../src/sql/index';

type Connection = Awaited<ReturnType<Awaited<ReturnType<typeof DuckDBInstance.create>>['connect']>>;
let connection: Connection;
let instance: Awaited<ReturnType<typeof DuckDBInstance.create>>;

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
const START = Date.UTC(2023, 11, 25);

/** Loads `rows` as table `orders`: customer_id, at_ms (BIGINT), ts (TIMESTAMP), total (DECIMAL) and total_double. */
async function load(rows: readonly Row[]): Promise<void> {
  await connection.run('DROP TABLE IF EXISTS orders');
  const values = rows.map((row) => `('${row.customerId}', ${row.atMs}, ${row.cents})`).join(', ');
  await connection.run(
    `CREATE TABLE orders AS SELECT customer_id, at_ms, epoch_ms(at_ms) AS ts,
       CAST(cents AS DECIMAL(18, 2)) / 100 AS total, cents / 100.0::DOUBLE AS total_double
     FROM (VALUES ${values}) v(customer_id, at_ms, cents)`,
  );
}

async function query(sql: string): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjects() as Record<string, unknown>[];
}

const number = (value: unknown): number => (typeof value === 'bigint' ? Number(value) : (value as number));

const transactions = fc.array(
  fc.record({
    customerId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
    // around the turn of a year and a month, and one far before 1970 (negative epoch days)
    atMs: fc.oneof(
      { weight: 5, arbitrary: fc.integer({ min: START, max: START + 400 * DAY }) },
      { weight: 1, arbitrary: fc.integer({ min: Date.UTC(1965, 0, 1), max: Date.UTC(1965, 2, 1) }) },
    ),
    cents: fc.integer({ min: 0, max: 50_000 }),
  }),
  { minLength: 1, maxLength: 60 },
);

const options = fc.record(
  {
    unit: fc.constantFrom('day' as const, 'week' as const, 'month' as const, 3_600_000, 1.5e6),
    mergeWithin: fc.constantFrom('day' as const, 'week' as const, 'month' as const),
    utcOffsetMinutes: fc.integer({ min: -720, max: 840 }),
    weekStartsOn: fc.constantFrom(0 as const, 1 as const, 3 as const, 6 as const),
    observationEnd: fc.integer({ min: START + 100 * DAY, max: START + 500 * DAY }),
  },
  { requiredKeys: [] },
);

describe('rfmSummarySql on DuckDB equals rfmSummary', () => {
  it('a double literal reads back as the same double (a DECIMAL literal cast to DOUBLE did not)', async () => {
    // CI seed -1693304281: duration_holdout 3 days / a mean month, 0.09856465225158627, came back as …628
    const duckdb = dialectOf('test', 'duckdb');
    const read = async (value: number) =>
      (await query(`SELECT ${doubleLiteral(duckdb, value)} AS v`))[0]?.['v'] as number;
    expect(await read((3 * DAY) / ((365.2425 / 12) * DAY))).toBe(0.09856465225158627);
    expect(Object.is(await read(-0), -0)).toBe(true);
    // a subnormal is written apart (ClickHouse 18.16 cannot parse 5e-324)
    expect(await read(5e-324)).toBe(5e-324);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 200 }),
        async (values) => {
          const sql = `SELECT ${values.map((value, i) => `${doubleLiteral(duckdb, value)} AS v${i}`).join(', ')}`;
          const row = (await query(sql))[0] as Record<string, number>;
          expect(values.map((_, i) => row[`v${i}`])).toEqual(values);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('every row and number, for random transactions and options (time as timestamp or epoch ms, amount or not)', async () => {
    await fc.assert(
      fc.asyncProperty(
        transactions,
        options,
        fc.boolean(),
        fc.constantFrom('total', 'total_double', null),
        async (rows, chosen, epoch, amount) => {
          await load(rows);
          const expected = rfmSummary(
            rows.map((row) => ({
              customerId: row.customerId,
              at: row.atMs,
              amount: amount === null ? 0 : row.cents / 100,
            })),
            chosen,
          );
          const sql = rfmSummarySql({
            dialect: 'duckdb',
            table: 'orders',
            customerId: 'customer_id',
            at: epoch ? 'at_ms' : 'ts',
            atType: epoch ? 'epochMs' : 'timestamp',
            ...(amount === null ? {} : { amount }),
            ...chosen,
          });
          const got = (await query(sql)).sort((x, y) =>
            String(x['customer_id']).localeCompare(String(y['customer_id'])),
          );
          expect(
            got.map((row) => ({
              customerId: row['customer_id'],
              frequency: number(row['frequency']),
              recency: row['recency'],
              T: row['T'],
              monetaryValue: row['monetary_value'],
            })),
          ).toEqual(
            expected.map((row) => ({
              customerId: row.customerId,
              frequency: row.frequency,
              recency: row.recency,
              T: row.T,
              monetaryValue: row.monetaryValue,
            })),
          );
          // bit for bit (toEqual takes -0 for 0)
          got.forEach((row, i) => {
            const want = expected[i] as (typeof expected)[number];
            expect(
              Object.is(row['recency'], want.recency) || (row['recency'] === 0 && want.recency === 0),
            ).toBe(true);
            expect(row['monetary_value']).toBe(want.monetaryValue);
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the histogram: distinct (frequency, recency, T) with counts, ascending, and its fit equals the rows’ fit bit for bit', async () => {
    const rows: Row[] = [];
    let seed = 7;
    const next = () => {
      seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
      return seed / 2 ** 32;
    };
    for (let customer = 0; customer < 400; customer++) {
      const first = START + Math.floor(next() * 200) * DAY;
      const count = 1 + Math.floor(next() * next() * 12);
      for (let k = 0; k < count; k++) {
        rows.push({
          customerId: `c${customer}`,
          atMs: first + Math.floor(next() * 150) * DAY,
          cents: 100 + Math.floor(next() * 9000),
        });
      }
    }
    await load(rows);
    const spec = {
      dialect: 'duckdb' as const,
      table: 'orders',
      customerId: 'customer_id',
      at: 'ts',
      unit: 'week' as const,
    };
    const histogram = await query(rfmHistogramSql(spec));
    const summary = rfmSummary(
      rows.map((row) => ({ customerId: row.customerId, at: row.atMs, amount: row.cents / 100 })),
      { unit: 'week' },
    );
    const columns = {
      frequency: histogram.map((row) => number(row['frequency'])),
      recency: histogram.map((row) => row['recency'] as number),
      T: histogram.map((row) => row['T'] as number),
      weight: histogram.map((row) => number(row['weight'])),
    };
    expect(columns.weight.reduce((sum, w) => sum + w, 0)).toBe(summary.length);
    expect(JSON.stringify(fitBgNbd(columns))).toBe(JSON.stringify(fitBgNbd(summary)));
  });

  it('calibrationHoldoutSummarySql: every row and number of calibrationHoldoutSummary', async () => {
    await fc.assert(
      fc.asyncProperty(
        transactions,
        fc.record(
          {
            unit: fc.constantFrom('day' as const, 'week' as const, 'month' as const, 3_600_000),
            mergeWithin: fc.constantFrom('day' as const, 'week' as const, 'month' as const),
            utcOffsetMinutes: fc.integer({ min: -720, max: 840 }),
            weekStartsOn: fc.constantFrom(0 as const, 1 as const, 6 as const),
          },
          { requiredKeys: [] },
        ),
        fc.integer({ min: START, max: START + 300 * DAY }),
        fc.integer({ min: 0, max: 200 * DAY }),
        fc.boolean(),
        async (rows, chosen, calibrationEnd, holdout, withAmount) => {
          await load(rows);
          const options = { ...chosen, calibrationEnd, observationEnd: calibrationEnd + holdout };
          const expected = calibrationHoldoutSummary(
            rows.map((row) => ({
              customerId: row.customerId,
              at: row.atMs,
              amount: withAmount ? row.cents / 100 : 0,
            })),
            options,
          );
          const sql = calibrationHoldoutSummarySql({
            dialect: 'duckdb',
            table: 'orders',
            customerId: 'customer_id',
            at: 'ts',
            ...(withAmount ? { amount: 'total' } : {}),
            ...options,
          });
          const got = (await query(sql)).sort((x, y) =>
            String(x['customer_id']).localeCompare(String(y['customer_id'])),
          );
          expect(
            got.map((row) => ({
              customerId: row['customer_id'],
              frequency: number(row['frequency_cal']),
              recency: row['recency_cal'],
              T: row['T_cal'],
              monetaryValue: row['monetary_value_cal'],
              frequencyHoldout: number(row['frequency_holdout']),
              monetaryValueHoldout: row['monetary_value_holdout'],
              durationHoldout: row['duration_holdout'],
            })),
          ).toEqual(expected.map((row) => ({ ...row })));
        },
      ),
      { numRuns: 60 },
    );
  });
});
