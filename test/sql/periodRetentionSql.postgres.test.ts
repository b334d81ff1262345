// periodRetentionSql on a PostgreSQL server against periodRetention, with and without a segment column, for
// random transactions and options. Runs when PATRONAGE_TEST_POSTGRES holds a libpq connection string for psql
// (a throwaway database: it drops and creates the table segmented_orders), for example
// `PATRONAGE_TEST_POSTGRES='host=127.0.0.1 port=5432 user=postgres'`; skipped otherwise (CI checks
// PostgreSQL through examples/postgres).
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { periodRetention } from '../../src/index';
import { periodRetentionSql, periodRowsFromSql } from '../../src/sql/index';
import { segmentedTransactions, segmentOfRows } from '../helpers/sqlSegments';

const connection = process.env['PATRONAGE_TEST_POSTGRES'];
const psql = (sql: string): string =>
  execFileSync('psql', [connection ?? '', '-At', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' });
const DAY = 86_400_000;
const START = Date.UTC(2023, 10, 20);

describe.skipIf(connection === undefined)(
  'periodRetentionSql on PostgreSQL (PATRONAGE_TEST_POSTGRES)',
  () => {
    it('equals periodRetention, and with a segment column periodRetention with the equivalent segmentOf', () => {
      fc.assert(
        fc.property(
          segmentedTransactions(
            fc.oneof(
              { weight: 5, arbitrary: fc.integer({ min: START, max: START + 800 * DAY }) },
              { weight: 1, arbitrary: fc.integer({ min: Date.UTC(1968, 10, 1), max: Date.UTC(1969, 2, 1) }) },
            ),
            40,
          ),
          fc.record(
            {
              period: fc.constantFrom('week' as const, 'month' as const, 'quarter' as const, 'year' as const),
              activeWithin: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constantFrom(90, 365)),
              utcOffsetMinutes: fc.integer({ min: -720, max: 840 }),
              weekStartsOn: fc.constantFrom(0 as const, 1 as const, 3 as const, 6 as const),
              observationEnd: fc.integer({ min: START + 100 * DAY, max: START + 900 * DAY }),
            },
            { requiredKeys: [] },
          ),
          (rows, chosen) => {
            const values = rows
              .map(
                (row) =>
                  `('${row.customerId}', ${row.atMs}::bigint, ${row.cents}, ${row.segment === null ? 'NULL' : `'${row.segment}'`})`,
              )
              .join(', ');
            psql(
              `DROP TABLE IF EXISTS segmented_orders; CREATE TABLE segmented_orders AS SELECT customer_id, at_ms, (cents::numeric / 100)::numeric(18,2) AS total, region::text AS region FROM (VALUES ${values}) v(customer_id, at_ms, cents, region)`,
            );
            const source = {
              dialect: 'postgres',
              table: 'segmented_orders',
              customerId: 'customer_id',
              at: 'at_ms',
              atType: 'epochMs',
              amount: 'total',
              ...chosen,
            } as const;
            const read = (sql: string): Record<string, unknown>[] =>
              JSON.parse(psql(`SELECT coalesce(json_agg(s), '[]') FROM (${sql}) s`).trim());
            const options = {
              ...(chosen.period === undefined ? {} : { period: chosen.period }),
              ...(chosen.weekStartsOn === undefined ? {} : { weekStartsOn: chosen.weekStartsOn }),
            };
            const transactions = rows.map((row) => ({
              customerId: row.customerId,
              at: row.atMs,
              amount: row.cents / 100,
            }));
            const plain = periodRetention(transactions, chosen);
            expect(periodRowsFromSql(read(periodRetentionSql(source)), options)).toEqual(plain);
            const segmented = read(periodRetentionSql({ ...source, segment: 'region' }));
            expect(periodRowsFromSql(segmented, options)).toEqual(plain);
            expect(periodRowsFromSql(segmented, { ...options, segments: true })).toEqual(
              periodRetention(transactions, { ...chosen, segmentOf: segmentOfRows(rows, chosen) }),
            );
          },
        ),
        { numRuns: 60 },
      );
    }, 240_000);
  },
);
