// rfmSummarySql, rfmHistogramSql and calibrationHoldoutSummarySql on ClickHouse against patronage, for random
// transactions and options: every number equal. Runs on a ClickHouse server when PATRONAGE_TEST_CLICKHOUSE holds
// its HTTP address (`http://127.0.0.1:8123`; it drops and creates the table `orders` in the default database),
// and on a current ClickHouse in process when PATRONAGE_TEST_CHDB names the directory of the npm package `chdb`
// (546 MB, not a dependency); skipped otherwise. examples/clickhouse-cluster/run.sh runs this file against
// Debian's ClickHouse 18.16 in CI.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  calibrationHoldoutSummary,
  cohortRetention,
  createRfmAccumulator,
  fitBgNbd,
  periodRetention,
  rfmAccumulatorFromJSON,
  rfmSummary,
} from '../../src/index';
import { dialectOf, doubleLiteral } from '../../src/sql/dialects';
import {
  calibrationHoldoutSummarySql,
  clusterTablesSql,
  cohortRetentionSql,
  cohortRowsFromSql,
  periodRetentionSql,
  periodRowsFromSql,
  type RfmSqlOptions,
  rfmHistogramSql,
  rfmSummarySql,
} from '../../src/sql/index';

const server = process.env['PATRONAGE_TEST_CLICKHOUSE'];
const chdbDirectory = process.env['PATRONAGE_TEST_CHDB'];

/** Runs one statement; a SELECT's rows as objects (JSONCompact: 64-bit integers come quoted). */
type Run = (sql: string) => Promise<Record<string, unknown>[]>;
let run: Run;
let close = (): void => {};

interface JsonCompact {
  readonly meta: readonly { readonly name: string }[];
  readonly data: readonly unknown[][];
}
const rowsOf = (text: string): Record<string, unknown>[] => {
  if (text.trim() === '') return [];
  const { meta, data } = JSON.parse(text) as JsonCompact;
  return data.map((row) => Object.fromEntries(meta.map((column, i) => [column.name, row[i]])));
};
const isSelect = (sql: string): boolean => /^\s*(SELECT|DESCRIBE)/i.test(sql);

beforeAll(async () => {
  if (server !== undefined) {
    run = async (sql) => {
      const response = await fetch(server, {
        method: 'POST',
        body: isSelect(sql) ? `${sql}\nFORMAT JSONCompact` : sql,
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`ClickHouse: ${text.slice(0, 2000)}`);
      return rowsOf(text);
    };
  } else if (chdbDirectory !== undefined) {
    const { Session } = (await import(/* @vite-ignore */ `${chdbDirectory}/index.mjs`)) as {
      Session: new () => { query(sql: string, format: string): string; close(): void };
    };
    const session = new Session();
    run = async (sql) => rowsOf(session.query(sql, isSelect(sql) ? 'JSONCompact' : 'CSV'));
    close = () => session.close();
  }
});
afterAll(() => close());

interface Row {
  readonly customerId: string;
  readonly atMs: number;
  readonly cents: number;
}

const DAY = 86_400_000;
const START = Date.UTC(2023, 11, 25);

/**
 * Loads `rows` as table `orders`: `customer_id` String, `at_ms` Int64, `ts` DateTime (from 1970 on: 18.16 has
 * no earlier one), `total` Decimal(18, 2), `total_double` Float64; or under the columns named in `names`.
 */
async function load(
  rows: readonly Row[],
  names = { customerId: 'customer_id', atMs: 'at_ms', ts: 'ts', total: 'total' },
): Promise<void> {
  await run('DROP TABLE IF EXISTS orders');
  await run(
    `CREATE TABLE orders (${names.customerId} String, ${names.atMs} Int64, ${names.ts} DateTime, ${names.total} Decimal(18, 2), total_double Float64) ENGINE = Memory`,
  );
  const values = rows.map(
    (row) =>
      `('${row.customerId}', ${row.atMs}, ${Math.max(0, Math.floor(row.atMs / 1000))}, '${(row.cents / 100).toFixed(2)}', ${row.cents / 100})`,
  );
  await run(`INSERT INTO orders VALUES ${values.join(', ')}`);
}

const number = (value: unknown): number => Number(value);
const byCustomer = (x: Record<string, unknown>, y: Record<string, unknown>): number =>
  String(x['customer_id']) < String(y['customer_id']) ? -1 : 1;

/** Transactions; before 1970 only where the time is read as epoch ms. */
const transactions = (before1970: boolean) =>
  fc.array(
    fc.record({
      customerId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      atMs: before1970
        ? fc.oneof(
            { weight: 5, arbitrary: fc.integer({ min: START, max: START + 400 * DAY }) },
            { weight: 1, arbitrary: fc.integer({ min: Date.UTC(1965, 0, 1), max: Date.UTC(1965, 2, 1) }) },
          )
        : fc.integer({ min: START, max: START + 400 * DAY }),
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

const summaryOf = (row: Record<string, unknown>) => ({
  customerId: row['customer_id'],
  frequency: number(row['frequency']),
  recency: row['recency'],
  T: row['T'],
  monetaryValue: row['monetary_value'],
});

describe.skipIf(server === undefined && chdbDirectory === undefined)(
  'patronage/sql on ClickHouse (PATRONAGE_TEST_CLICKHOUSE, PATRONAGE_TEST_CHDB)',
  // each property sends a few hundred queries to a server: seconds, more on a busy machine
  { timeout: 120_000 },
  () => {
    it('a double literal reads back as the same double, subnormals included (18.16 cannot parse 5e-324)', async () => {
      const clickhouse = dialectOf('test', 'clickhouse');
      const read = async (values: readonly number[]): Promise<unknown[]> => {
        const sql = `SELECT ${values.map((value, i) => `${doubleLiteral(clickhouse, value)} AS v${i}`).join(', ')}`;
        const row = (await run(sql))[0] as Record<string, unknown>;
        return values.map((_, i) => row[`v${i}`]);
      };
      const edges = [
        -0,
        5e-324,
        -5e-324,
        2.225073858507201e-308,
        2.2250738585072014e-308,
        Number.MAX_VALUE,
        0.1,
      ];
      expect(await read(edges)).toEqual(edges);
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 100 }),
          async (values) => {
            expect(await read(values)).toEqual(values);
          },
        ),
        { numRuns: 20 },
      );
    });

    it('rfmSummarySql: every row and number of rfmSummary (time as DateTime or epoch ms, amount Decimal, Float64 or none)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.boolean().chain((epoch) => fc.tuple(fc.constant(epoch), transactions(epoch))),
          options,
          fc.constantFrom('total', 'total_double', null),
          async ([epoch, rows], chosen, amount) => {
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
              dialect: 'clickhouse',
              table: 'orders',
              customerId: 'customer_id',
              at: epoch ? 'at_ms' : 'ts',
              atType: epoch ? 'epochMs' : 'timestamp',
              ...(amount === null ? {} : { amount }),
              ...chosen,
            });
            const got = (await run(sql)).sort(byCustomer);
            expect(got.map(summaryOf)).toEqual(
              expected.map(({ customerId, frequency, recency, T, monetaryValue }) => ({
                customerId,
                frequency,
                recency,
                T,
                monetaryValue,
              })),
            );
          },
        ),
        { numRuns: 40 },
      );
    });

    it('columns named like the SQL’s own aliases (customer `day`, time `c`, amount `cents`) read the columns, not the aliases', async () => {
      const rows: Row[] = [
        { customerId: 'x', atMs: START + 3 * DAY, cents: 1250 },
        { customerId: 'x', atMs: START + 10 * DAY + 5, cents: 999 },
        { customerId: 'y', atMs: START + DAY, cents: 100 },
      ];
      await load(rows, { customerId: 'day', atMs: 'cents', ts: 'c', total: 'period' });
      const options: RfmSqlOptions = {
        dialect: 'clickhouse',
        table: 'orders',
        customerId: 'day',
        at: 'c',
        amount: 'period',
        observationEnd: START + 20 * DAY,
      };
      const expected = rfmSummary(
        rows.map((row) => ({ customerId: row.customerId, at: row.atMs, amount: row.cents / 100 })),
        { observationEnd: START + 20 * DAY },
      );
      expect((await run(rfmSummarySql(options))).sort(byCustomer).map(summaryOf)).toEqual(
        expected.map(({ customerId, frequency, recency, T, monetaryValue }) => ({
          customerId,
          frequency,
          recency,
          T,
          monetaryValue,
        })),
      );
      const epoch = { ...options, at: 'cents', atType: 'epochMs' as const, amount: 'total_double' };
      expect((await run(rfmSummarySql(epoch))).sort(byCustomer).map(summaryOf)).toEqual(
        expected.map(({ customerId, frequency, recency, T, monetaryValue }) => ({
          customerId,
          frequency,
          recency,
          T,
          monetaryValue,
        })),
      );
    });

    it('rfmHistogramSql: distinct (frequency, recency, T) with counts, and its fit equals the rows’ fit bit for bit', async () => {
      const rows: Row[] = [];
      let seed = 11;
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
      const histogram = await run(
        rfmHistogramSql({
          dialect: 'clickhouse',
          table: 'orders',
          customerId: 'customer_id',
          at: 'ts',
          unit: 'week',
        }),
      );
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

    it('clusterTablesSql: the per-shard views give the column types its Distributed tables declare', async () => {
      for (const customerIdType of ['String', 'UInt64'] as const) {
        const tables = clusterTablesSql({
          cluster: 'unused',
          database: 'patronage_test',
          table: 'orders',
          customerId: 'customer_id',
          customerIdType,
          at: 'ordered_at',
          amount: 'total',
          observationEnd: '2025-06-30',
          calibrationEnd: '2025-03-31',
        });
        for (const statement of [...tables.drop, ...tables.create]) {
          // a Distributed table needs the cluster: here only its declared columns are read
          if (!statement.includes('ENGINE = Distributed')) await run(statement);
        }
        for (const statement of tables.create.filter((text) => text.includes('_shard`)'))) {
          const [, table, columns] =
            /^CREATE TABLE (\S+) \((.*)\) ENGINE = Distributed\([^,]+, [^,]+, `(\w+)`\)$/.exec(
              statement,
            ) as unknown as [string, string, string];
          const view = /`(\w+_shard)`\)$/.exec(statement)?.[1] as string;
          const described = await run(`DESCRIBE TABLE \`patronage_test\`.\`${view}\``);
          expect(
            described.map((row) => `\`${row['name']}\` ${row['type']}`).join(', '),
            `${table} over ${view}`,
          ).toBe(columns);
        }
        for (const statement of tables.drop) await run(statement);
      }
    });

    it('calibrationHoldoutSummarySql: every row and number of calibrationHoldoutSummary', async () => {
      await fc.assert(
        fc.asyncProperty(
          transactions(false),
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
              dialect: 'clickhouse',
              table: 'orders',
              customerId: 'customer_id',
              at: 'ts',
              ...(withAmount ? { amount: 'total' } : {}),
              ...options,
            });
            const got = (await run(sql)).sort(byCustomer);
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
        { numRuns: 40 },
      );
    });

    it('cohortRetentionSql: cohortRowsFromSql of its rows equals cohortRetention', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.boolean().chain((epochMs) => fc.tuple(fc.constant(epochMs), transactions(epochMs))),
          fc.record(
            {
              period: fc.constantFrom(
                'day' as const,
                'week' as const,
                'month' as const,
                'quarter' as const,
                'year' as const,
              ),
              utcOffsetMinutes: fc.integer({ min: -720, max: 840 }),
              weekStartsOn: fc.constantFrom(0 as const, 1 as const, 6 as const),
              observationEnd: fc.integer({ min: START + 100 * DAY, max: START + 500 * DAY }),
              maxPeriods: fc.integer({ min: 1, max: 30 }),
            },
            { requiredKeys: [] },
          ),
          fc.boolean(),
          async ([epochMs, generated], options, withAmount) => {
            // daily cohorts from 1965 would span more than the 20,000 periods cohortRetention allows
            const rows =
              options.period === 'day'
                ? generated.map((row) => (row.atMs < 0 ? { ...row, atMs: row.atMs + 21_550 * DAY } : row))
                : generated;
            await load(rows);
            const expected = cohortRetention(
              rows.map((row) => ({
                customerId: row.customerId,
                at: row.atMs,
                amount: withAmount ? row.cents / 100 : 0,
              })),
              options,
            );
            const sql = cohortRetentionSql({
              dialect: 'clickhouse',
              table: 'orders',
              customerId: 'customer_id',
              ...(epochMs ? { at: 'at_ms', atType: 'epochMs' as const } : { at: 'ts' }),
              ...(withAmount ? { amount: 'total' } : {}),
              ...options,
            });
            const got = cohortRowsFromSql(await run(sql), {
              ...(options.period === undefined ? {} : { period: options.period }),
              ...(options.weekStartsOn === undefined ? {} : { weekStartsOn: options.weekStartsOn }),
            });
            expect(got).toEqual(expected);
          },
        ),
        { numRuns: 40 },
      );
    });

    it('periodRetentionSql: periodRowsFromSql of its rows equals periodRetention', {
      timeout: 120_000,
    }, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.boolean().chain((epochMs) => fc.tuple(fc.constant(epochMs), transactions(epochMs))),
          fc.record(
            {
              period: fc.constantFrom(
                'day' as const,
                'week' as const,
                'month' as const,
                'quarter' as const,
                'year' as const,
              ),
              activeWithin: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constantFrom(90, 365)),
              utcOffsetMinutes: fc.integer({ min: -720, max: 840 }),
              weekStartsOn: fc.constantFrom(0 as const, 1 as const, 6 as const),
              observationEnd: fc.integer({ min: START + 100 * DAY, max: START + 500 * DAY }),
            },
            { requiredKeys: [] },
          ),
          fc.boolean(),
          async ([epochMs, generated], options, withAmount) => {
            // a daily series from 1965 would span more than the 20,000 periods periodRetention allows
            const rows =
              options.period === 'day'
                ? generated.map((row) => (row.atMs < 0 ? { ...row, atMs: row.atMs + 21_550 * DAY } : row))
                : generated;
            await load(rows);
            const expected = periodRetention(
              rows.map((row) => ({
                customerId: row.customerId,
                at: row.atMs,
                amount: withAmount ? row.cents / 100 : 0,
              })),
              options,
            );
            const sql = periodRetentionSql({
              dialect: 'clickhouse',
              table: 'orders',
              customerId: 'customer_id',
              ...(epochMs ? { at: 'at_ms', atType: 'epochMs' as const } : { at: 'ts' }),
              ...(withAmount ? { amount: 'total' } : {}),
              ...options,
            });
            const got = periodRowsFromSql(await run(sql), {
              ...(options.period === undefined ? {} : { period: options.period }),
              ...(options.weekStartsOn === undefined ? {} : { weekStartsOn: options.weekStartsOn }),
            });
            expect(got).toEqual(expected);
          },
        ),
        { numRuns: 40 },
      );
    });

    it('a time zone with daylight saving: summary, cohorts and series equal patronage’s (the engine’s time-zone database against Intl’s)', {
      timeout: 120_000,
    }, async () => {
      const zones = [
        'Europe/Paris',
        'America/New_York',
        'America/Santiago',
        'America/Sao_Paulo',
        'Australia/Lord_Howe',
        'Pacific/Chatham',
        'Asia/Kolkata',
      ] as const;
      // instants near local midnights from February 1970 to 2035: DateTime begins at 1970-01-01 UTC, so the
      // first instant of a local day or period before that (1970-01-01 in Paris starts at 23:00 UTC the day
      // before) is out of its range (found with the week of 1970-01-02, which began on 1969-12-29)
      const zonedTransactions = fc.integer({ min: 40, max: 23_000 }).chain((firstDay) =>
        fc.array(
          fc.record({
            customerId: fc.constantFrom('a', 'b', 'c', 'd'),
            atMs: fc
              .tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: -18 * 60, max: 18 * 60 }))
              .map(([day, minutes]) => (firstDay + day) * DAY + minutes * 60_000),
            cents: fc.integer({ min: 0, max: 50_000 }),
          }),
          { minLength: 1, maxLength: 30 },
        ),
      );
      await fc.assert(
        fc.asyncProperty(
          zonedTransactions,
          fc.constantFrom(...zones),
          fc.constantFrom('week' as const, 'month' as const),
          fc.boolean(),
          async (rows, timeZone, period, epochMs) => {
            await load(rows);
            const transactions = rows.map((row) => ({
              customerId: row.customerId,
              at: row.atMs,
              amount: row.cents / 100,
            }));
            const source = {
              dialect: 'clickhouse' as const,
              table: 'orders',
              customerId: 'customer_id',
              ...(epochMs ? { at: 'at_ms', atType: 'epochMs' as const } : { at: 'ts' }),
              amount: 'total',
              timeZone,
            };
            const summary = (await run(rfmSummarySql({ ...source, unit: 'week', mergeWithin: period }))).sort(
              byCustomer,
            );
            expect(summary.map(summaryOf)).toEqual(
              rfmSummary(transactions, { timeZone, unit: 'week', mergeWithin: period }).map((row) => ({
                ...row,
              })),
            );
            expect(
              cohortRowsFromSql(await run(cohortRetentionSql({ ...source, period })), { period }),
            ).toEqual(cohortRetention(transactions, { timeZone, period }));
            expect(
              periodRowsFromSql(await run(periodRetentionSql({ ...source, period, activeWithin: 45 })), {
                period,
                timeZone,
              }),
            ).toEqual(periodRetention(transactions, { timeZone, period, activeWithin: 45 }));
          },
        ),
        { numRuns: 30 },
      );
    });

    it('the accumulator state of docs/scaling.md from groupArray equals an accumulator fed the same transactions', async () => {
      await fc.assert(
        fc.asyncProperty(transactions(false), async (rows) => {
          await load(rows);
          const engine = await run(
            `SELECT customer_id, groupArray((day, cents)) AS days
             FROM (SELECT customer_id, toInt64(toUInt16(toDate(ts, 'UTC'))) AS day, sum(toInt64(round(total * 100))) AS cents
                   FROM orders GROUP BY customer_id, day)
             GROUP BY customer_id`,
          );
          const loaded = rfmAccumulatorFromJSON({
            format: 'patronage/rfm-accumulator',
            version: 1,
            options: { unit: 'week', mergeWithin: 'day', fractionDigits: 2 },
            customers: engine.map((row) => [
              row['customer_id'] as string,
              (row['days'] as [unknown, unknown][]).map(
                ([day, cents]) => [Number(day), Number(cents)] as [number, number],
              ),
            ]),
            identified: [],
          });
          const fed = createRfmAccumulator({ unit: 'week' });
          // the table's DateTime holds whole seconds
          fed.addAll(
            rows.map((row) => ({
              customerId: row.customerId,
              at: Math.floor(row.atMs / 1000) * 1000,
              amount: row.cents / 100,
            })),
          );
          expect(loaded.toJSON()).toEqual(fed.toJSON());
        }),
        { numRuns: 30 },
      );
    });
  },
);
