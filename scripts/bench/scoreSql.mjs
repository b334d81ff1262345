// scoreSql in DuckDB against scoreCustomers in process, on the weekly RFM summary of the benchmark's
// synthetic log (BENCH_SIZES customers, default 1,000,000): the engine's time to write the scores into a
// table, beside scoreCustomers on the same columns, alternating, with the NULL rows and the largest
// difference. Run under the bench lock: flock /tmp/patronage-bench.lock node scripts/bench/scoreSql.mjs
// (after npx tsup). BENCH_RUNS timed runs each (default 5) after one warm-up; BENCH_DUCKDB_THREADS (default 1).
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import { fitBgNbd, rfmSummaryColumns, scoreCustomers } from '../../dist/index.js';
import { scoreSql } from '../../dist/sql.js';
import { load, materialise } from './data.mjs';

const customers = Number(process.env.BENCH_SIZES ?? 1_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const threads = Number(process.env.BENCH_DUCKDB_THREADS ?? 1);
const horizon = 52;

const data = load(materialise(customers).binary);
const columns = rfmSummaryColumns(
  { customerIndex: data.customer, at: data.at, amount: data.amount },
  { unit: 'week' },
);
const length = columns.frequency.length;
const history = { frequency: columns.frequency, recency: columns.recency, T: columns.T };
const fits = {
  'bgNbd (fitted)': fitBgNbd(history),
  // Fader, Hardie & Lee's CDNOW fits, in weeks like the summary
  'bgNbd (CDNOW)': { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } },
  'paretoNbd (CDNOW)': { model: 'paretoNbd', params: { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 } },
};

const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const connection = await instance.connect();
await connection.run(
  'CREATE TABLE summary (customer_id BIGINT, frequency BIGINT, recency DOUBLE, "T" DOUBLE)',
);
const appender = await connection.createAppender('summary');
for (let i = 0; i < length; i++) {
  appender.appendBigInt(BigInt(i));
  appender.appendBigInt(BigInt(columns.frequency[i]));
  appender.appendDouble(columns.recency[i]);
  appender.appendDouble(columns.T[i]);
  appender.endRow();
}
appender.closeSync();
const distinct = (
  await connection.runAndReadAll('SELECT count(*) AS n FROM (SELECT DISTINCT frequency, "T" FROM summary)')
).getRowObjects()[0].n;
console.log(
  `${length} customers, ${distinct} distinct (x, T); DuckDB threads ${threads}; horizon ${horizon} weeks; ${runs} runs each, alternating`,
);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
for (const [name, fit] of Object.entries(fits)) {
  const sql = scoreSql(fit, { dialect: 'duckdb', table: 'summary', horizon });
  const engine = async () => {
    const start = performance.now();
    await connection.run(`CREATE OR REPLACE TABLE scores AS ${sql}`);
    return performance.now() - start;
  };
  const inProcess = () => {
    const start = performance.now();
    const scores = scoreCustomers(fit, history, { horizon });
    const ms = performance.now() - start;
    return { ms, scores };
  };
  await engine();
  let { scores } = inProcess();
  const engineTimes = [];
  const processTimes = [];
  for (let run = 0; run < runs; run++) {
    if (run % 2 === 0) {
      engineTimes.push(await engine());
      processTimes.push(inProcess().ms);
    } else {
      const result = inProcess();
      processTimes.push(result.ms);
      scores = result.scores;
      engineTimes.push(await engine());
    }
  }
  const rows = (
    await connection.runAndReadAll('SELECT customer_id, probability_alive, expected_purchases FROM scores')
  ).getRowObjects();
  let nullAlive = 0;
  let nullExpected = 0;
  let worst = 0;
  for (const row of rows) {
    const i = Number(row.customer_id);
    const relative = (a, b) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-290);
    if (row.probability_alive === null) nullAlive++;
    else worst = Math.max(worst, relative(row.probability_alive, scores.probabilityAlive[i]));
    if (row.expected_purchases === null) nullExpected++;
    else worst = Math.max(worst, relative(row.expected_purchases, scores.expectedPurchases[i]));
  }
  const e = median(engineTimes);
  const p = median(processTimes);
  const range = (values) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
  console.log(
    `${name}: scoreSql in DuckDB ${e.toFixed(0)} ms (${range(engineTimes)}), scoreCustomers ${p.toFixed(0)} ms (${range(processTimes)}), ratio ${(e / p).toFixed(2)}; ` +
      `NULL P(alive) ${nullAlive}, NULL expected ${nullExpected} of ${rows.length}; largest relative difference ${worst.toExponential(2)}`,
  );
}
connection.closeSync();
instance.closeSync();
