// One benchmark task in its own process, so its peak memory is its own. Prints one JSON line.
//   node --expose-gc task.mjs <task> <binary> <csv> <runs>
import { performance } from 'node:perf_hooks';
import { load } from './data.mjs';

const [task, binary, csv, runsText] = process.argv.slice(2);
const runs = Number(runsText);
const gc = globalThis.gc ?? (() => undefined);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function measure(prepare) {
  const run = await prepare();
  gc();
  const baselineRss = process.memoryUsage().rss;
  const times = [];
  let check;
  for (let index = 0; index <= runs; index++) {
    const started = performance.now();
    check = await run();
    const elapsed = performance.now() - started;
    if (index > 0) times.push(elapsed); // the first run warms up the JIT
    gc();
  }
  const peakRss = process.resourceUsage().maxRSS * 1024;
  return {
    task,
    runs,
    medianMs: median(times),
    minMs: Math.min(...times),
    peakRssMb: peakRss / 2 ** 20,
    dataRssMb: baselineRss / 2 ** 20,
    check,
  };
}

const patronage = await import('patronage');
const tasks = {
  'rfm-columns': () => {
    const data = load(binary);
    const columns = { customerIndex: data.customer, at: data.at, amount: data.amount };
    return () => {
      const summary = patronage.rfmSummaryColumns(columns, { unit: 'week' });
      return summary.frequency.reduce((total, value) => total + value, 0);
    };
  },
  'rfm-rows': () => {
    const data = load(binary);
    const rows = Array.from({ length: data.rows }, (_, row) => ({
      customerId: data.customer[row],
      at: data.at[row],
      amount: data.amount[row],
    }));
    return () =>
      patronage.rfmSummary(rows, { unit: 'week' }).reduce((total, row) => total + row.frequency, 0);
  },
  'cohort-columns': () => {
    const data = load(binary);
    const columns = { customerIndex: data.customer, at: data.at, amount: data.amount };
    return () =>
      patronage
        .cohortRetentionColumns(columns, { period: 'month' })
        .reduce((total, row) => total + row.size, 0);
  },
  'period-columns': () => {
    const data = load(binary);
    const columns = { customerIndex: data.customer, at: data.at, amount: data.amount };
    return () => patronage.periodRetentionColumns(columns, { period: 'month', activeWithin: 90 }).length;
  },
  'duckdb-rfm': async () =>
    duckdbTask(
      `
    WITH d AS (SELECT customer, floor(at_ms / 86400000)::BIGINT AS day, SUM(cents) AS cents FROM tx GROUP BY customer, day),
    e AS (SELECT MAX(day) AS end_day FROM d),
    c AS (SELECT customer, COUNT(*) - 1 AS frequency, MIN(day) AS first_day, MAX(day) AS last_day,
                 SUM(cents) AS total, arg_min(cents, day) AS first_cents FROM d GROUP BY customer)
    SELECT customer, frequency, (last_day - first_day) / 7.0 AS recency, (end_day - first_day) / 7.0 AS T,
           CASE WHEN frequency > 0 THEN (total - first_cents) / frequency / 100.0 ELSE 0 END AS monetary_value
    FROM c, e`,
      'SELECT SUM(frequency) FROM result',
    ),
  'duckdb-cohort': async () =>
    duckdbTask(
      `
    WITH m AS (SELECT customer, date_trunc('month', epoch_ms(at_ms)) AS month, SUM(cents) AS cents FROM tx GROUP BY ALL),
    f AS (SELECT customer, MIN(month) AS cohort FROM m GROUP BY customer)
    SELECT f.cohort, date_diff('month', f.cohort, m.month) AS k, COUNT(*) AS customers, SUM(m.cents) AS revenue
    FROM m JOIN f USING (customer) GROUP BY ALL`,
      'SELECT SUM(customers) FROM result WHERE k = 0',
    ),
};

async function duckdbTask(query, checkQuery) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(
    `CREATE TABLE tx AS SELECT * FROM read_csv('${csv}', header = false, columns = {'customer': 'UINTEGER', 'at_ms': 'BIGINT', 'cents': 'BIGINT'})`,
  );
  return async () => {
    await connection.run(`CREATE OR REPLACE TEMP TABLE result AS ${query}`);
    const reader = await connection.runAndReadAll(checkQuery);
    return Number(reader.getRows()[0][0]);
  };
}

const prepare = tasks[task];
if (prepare === undefined) throw new Error(`unknown task ${task}`);
console.log(JSON.stringify(await measure(prepare)));
