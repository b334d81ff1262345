// Summaries in the warehouse, models in patronage: DuckDB turns an orders file into one RFM row per
// customer with SQL, and patronage fits BG/NBD and Gamma-Gamma to those rows and scores every customer.
// The same pattern scales to BigQuery, Snowflake or Spark SQL: only the (small) summary table leaves the
// warehouse. The SQL is explained in docs/scaling.md.
//   node examples/duckdb-summaries.mjs [customers]
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { fitBgNbd, fitGammaGamma, rfmSummary, scoreCustomers } from 'patronage';

// --- an orders file, as a shop exports it (deterministic: each customer buys at their own pace)
const customers = Number(process.argv[2] ?? 5000);
const DAY = 86_400_000;
const start = Date.UTC(2025, 0, 1);
let seed = 42;
const random = () => {
  seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
  return seed / 4_294_967_296;
};
const lines = ['customer_id,ordered_at,total'];
const orders = [];
for (let c = 0; c < customers; c++) {
  const gapDays = 10 + random() * 120;
  const dropout = 0.1 + random() * 0.5;
  const typicalSpend = 12 + 100 * random() ** 2; // customers differ in what they spend
  let at = start + random() * 90 * DAY;
  while (at < start + 365 * DAY) {
    const total = Math.round(100 * typicalSpend * (0.5 + random())) / 100;
    orders.push({ customerId: `u${c}`, at: Math.floor(at), amount: total });
    lines.push(`u${c},${new Date(Math.floor(at)).toISOString()},${total.toFixed(2)}`);
    if (random() < dropout) break;
    at += -Math.log(1 - random()) * gapDays * DAY;
  }
}
const csv = join(mkdtempSync(join(tmpdir(), 'patronage-duckdb-')), 'orders.csv');
writeFileSync(csv, `${lines.join('\n')}\n`);
const observationEnd = start + 365 * DAY - 1;

// --- the warehouse side: one row per customer, in weeks, purchases on one UTC day merged (lifetimes'
// convention and patronage's default), monetary value = mean of the repeat purchase days' totals
const SUMMARY_SQL = `
WITH orders AS (
  SELECT customer_id, epoch_ms(ordered_at::TIMESTAMP) AS at_ms, round(total * 100)::BIGINT AS cents
  FROM read_csv('${csv}', header = true, columns = {'customer_id': 'VARCHAR', 'ordered_at': 'VARCHAR', 'total': 'DOUBLE'})
),
days AS (
  SELECT customer_id, floor(at_ms / 86400000)::BIGINT AS day, sum(cents) AS cents
  FROM orders WHERE at_ms <= ${observationEnd} GROUP BY customer_id, day
),
per_customer AS (
  SELECT customer_id, count(*) - 1 AS frequency, min(day) AS first_day, max(day) AS last_day,
         sum(cents) AS total_cents, arg_min(cents, day) AS first_day_cents
  FROM days GROUP BY customer_id
)
SELECT customer_id, frequency,
       (last_day - first_day) / 7.0 AS recency,
       (floor(${observationEnd} / 86400000) - first_day) / 7.0 AS T,
       CASE WHEN frequency > 0 THEN (total_cents - first_day_cents) / frequency / 100.0 ELSE 0 END AS monetary_value
FROM per_customer ORDER BY customer_id`;

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const started = performance.now();
const reader = await connection.runAndReadAll(SUMMARY_SQL);
const rows = reader.getRowObjects().map((row) => ({
  customerId: String(row.customer_id),
  frequency: Number(row.frequency),
  recency: Number(row.recency),
  T: Number(row.T),
  monetaryValue: Number(row.monetary_value),
}));
const sqlMs = performance.now() - started;
connection.closeSync();

// --- the warehouse's summary is patronage's own: check it on this file
const own = rfmSummary(orders, { unit: 'week', observationEnd });
assert.equal(rows.length, own.length);
const byId = new Map(own.map((row) => [row.customerId, row]));
for (const row of rows) {
  const mine = byId.get(row.customerId);
  assert.ok(mine, row.customerId);
  for (const key of ['frequency', 'recency', 'T', 'monetaryValue']) {
    assert.ok(
      Math.abs(row[key] - mine[key]) <= 1e-9 * Math.max(1, Math.abs(mine[key])),
      `${row.customerId} ${key}`,
    );
  }
}

// --- patronage fits the models to the summary rows and scores everyone
const fit = fitBgNbd(rows);
const spend = fitGammaGamma(rows.filter((row) => row.frequency > 0));
const scores = scoreCustomers(fit, rows, { horizon: 26 });
let expected = 0;
for (const value of scores.expectedPurchases) expected += value;
console.log(
  `${orders.length} orders of ${rows.length} customers summarised by DuckDB in ${sqlMs.toFixed(0)} ms (same rows as rfmSummary)`,
);
console.log(
  `BG/NBD r=${fit.params.r.toFixed(3)} alpha=${fit.params.alpha.toFixed(3)} a=${fit.params.a.toFixed(3)} b=${fit.params.b.toFixed(3)} (converged ${fit.converged})`,
);
console.log(
  `Gamma-Gamma p=${spend.params.p.toFixed(3)} q=${spend.params.q.toFixed(3)} gamma=${spend.params.gamma.toFixed(3)}`,
);
console.log(`expected purchases in the next 26 weeks: ${expected.toFixed(0)} across the base`);
