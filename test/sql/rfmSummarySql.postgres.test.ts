// rfmSummarySql on a PostgreSQL server against rfmSummary, for random transactions and options. Runs when
// PATRONAGE_TEST_POSTGRES holds a libpq connection string for psql (a throwaway database: it drops and
// creates the table orders), for example `PATRONAGE_TEST_POSTGRES='host=127.0.0.1 port=5432 user=postgres'`;
// skipped otherwise (CI checks PostgreSQL through examples/postgres).
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rfmSummary } from '../../src/index';
import { rfmSummarySql } from '../../src/sql/index';

const connection = process.env['PATRONAGE_TEST_POSTGRES'];
const psql = (sql: string): string =>
  execFileSync('psql', [connection ?? '', '-At', '-F', '|', '-v', 'ON_ERROR_STOP=1', '-c', sql], {
    encoding: 'utf8',
  });
const DAY = 86_400_000;
const START = Date.UTC(2023, 11, 25);
describe.skipIf(connection === undefined)('rfmSummarySql on PostgreSQL (PATRONAGE_TEST_POSTGRES)', () => {
  it('equals rfmSummary for random transactions and options', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            customerId: fc.constantFrom('a', 'b', 'c', 'd'),
            atMs: fc.oneof(
              fc.integer({ min: START, max: START + 400 * DAY }),
              fc.integer({ min: Date.UTC(1965, 0, 1), max: Date.UTC(1965, 2, 1) }),
            ),
            cents: fc.integer({ min: 0, max: 50000 }),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        fc.record(
          {
            unit: fc.constantFrom('day' as const, 'week' as const, 'month' as const, 3600000, 1.5e6),
            mergeWithin: fc.constantFrom('day' as const, 'week' as const, 'month' as const),
            utcOffsetMinutes: fc.integer({ min: -720, max: 840 }),
            weekStartsOn: fc.constantFrom(0 as const, 1 as const, 3 as const, 6 as const),
            observationEnd: fc.integer({ min: START + 100 * DAY, max: START + 500 * DAY }),
          },
          { requiredKeys: [] },
        ),
        fc.boolean(),
        fc.constantFrom('total', 'total_double', null),
        (rows, chosen, epoch, amount) => {
          const values = rows.map((r) => `('${r.customerId}', ${r.atMs}::bigint, ${r.cents})`).join(', ');
          psql(
            `DROP TABLE IF EXISTS orders; CREATE TABLE orders AS SELECT customer_id, at_ms, to_timestamp(at_ms / 1000.0) AT TIME ZONE 'UTC' AS ts, (cents::numeric / 100)::numeric(18,2) AS total, cents / 100.0::float8 AS total_double FROM (VALUES ${values}) v(customer_id, at_ms, cents)`,
          );
          const sql = rfmSummarySql({
            dialect: 'postgres',
            table: 'orders',
            customerId: 'customer_id',
            at: epoch ? 'at_ms' : 'ts',
            atType: epoch ? 'epochMs' : 'timestamp',
            ...(amount === null ? {} : { amount }),
            ...chosen,
          });
          const out = psql(
            `SET extra_float_digits = 3; SELECT * FROM (${sql}) s ORDER BY customer_id COLLATE "C"`,
          )
            .trim()
            .split('\n')
            .filter((l) => l !== '' && l !== 'SET');
          const got = out.map((line) => {
            const [c, f, r, t, m] = line.split('|');
            return {
              customerId: c,
              frequency: Number(f),
              recency: Number(r),
              T: Number(t),
              monetaryValue: Number(m),
            };
          });
          const expected = rfmSummary(
            rows.map((r) => ({
              customerId: r.customerId,
              at: r.atMs,
              amount: amount === null ? 0 : r.cents / 100,
            })),
            chosen,
          ).map((r) => ({
            customerId: r.customerId,
            frequency: r.frequency,
            recency: r.recency,
            T: r.T,
            monetaryValue: r.monetaryValue,
          }));
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 80 },
    );
  }, 120_000);
});
