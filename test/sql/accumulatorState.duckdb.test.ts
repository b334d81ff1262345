// docs/scaling.md, "A state from the engine": the DuckDB query it shows, run on random transactions, gives an
// accumulator state that rfmAccumulatorFromJSON loads and that equals the state of an accumulator fed the
// same transactions (and so its result, and what it gives once more transactions are added).
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRfmAccumulator, rfmAccumulatorFromJSON } from '../../src/index';

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

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);
const QUERY = `SELECT customer_id, list([day, cents] ORDER BY day) AS days
FROM (SELECT customer_id, date_diff('day', DATE '1970-01-01', CAST(ordered_at AS DATE)) AS day,
             sum(CAST(round(total * 100) AS BIGINT)) AS cents
      FROM orders GROUP BY customer_id, day)
GROUP BY customer_id`;

describe('an accumulator state written by the engine (docs/scaling.md)', () => {
  it('equals the state of an accumulator fed the same transactions', async () => {
    const transaction = fc.record({
      customerId: fc.constantFrom('a', 'b', 'c', 'd'),
      atMs: fc.integer({ min: START, max: START + 700 * DAY }),
      cents: fc.integer({ min: 0, max: 90_000 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(transaction, { minLength: 1, maxLength: 50 }),
        transaction,
        async (rows, later) => {
          await connection.run('DROP TABLE IF EXISTS orders');
          const values = rows
            .map((row) => `('${row.customerId}', epoch_ms(${row.atMs}), ${row.cents})`)
            .join(', ');
          await connection.run(
            `CREATE TABLE orders AS SELECT customer_id, ordered_at, CAST(cents AS DECIMAL(18, 2)) / 100 AS total
           FROM (VALUES ${values}) v(customer_id, ordered_at, cents)`,
          );
          const engine = (await connection.runAndReadAll(QUERY)).getRowObjectsJson() as {
            customer_id: string;
            days: [string, string][];
          }[];
          const options = { unit: 'week', mergeWithin: 'day', fractionDigits: 2 };
          const loaded = rfmAccumulatorFromJSON({
            format: 'patronage/rfm-accumulator',
            version: 1,
            options,
            // 64-bit integers come as strings in DuckDB's JSON rows
            customers: engine.map((row) => [
              row.customer_id,
              row.days.map(([day, cents]) => [Number(day), Number(cents)]),
            ]),
            identified: [],
          });
          const fed = createRfmAccumulator({ unit: 'week' });
          fed.addAll(
            rows.map((row) => ({ customerId: row.customerId, at: row.atMs, amount: row.cents / 100 })),
          );
          expect(loaded.toJSON()).toEqual(fed.toJSON());
          const next = {
            customerId: later.customerId,
            at: later.atMs + 800 * DAY,
            amount: later.cents / 100,
          };
          expect(loaded.add(next).result()).toEqual(fed.add(next).result());
        },
      ),
      { numRuns: 40 },
    );
  });
});
