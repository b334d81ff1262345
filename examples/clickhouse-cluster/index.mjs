// A two-shard ClickHouse cluster sharded by customer: the tables and per-shard views from clusterTablesSql, a
// generated log of 100k customers (~1M transactions) loaded through the Distributed table, the summary, the
// histogram and the calibration/holdout split computed on the shards and read through the cluster, each
// checked against patronage in process: every row and number equal, the histogram equal, and the BG/NBD fit
// of the histogram the same bits as the fit of the raw per-customer rows; then the customers scored back in
// SQL on the cluster (scoreSql, within 1e-12) and in batches (scoreBatches, written back, equal).
//   bash examples/clickhouse-cluster/run.sh        (starts the cluster, runs this, stops it)
// By hand, with a cluster of your own: CLICKHOUSE_SHARDS=http://127.0.0.1:8123,http://127.0.0.1:8124
// CLICKHOUSE_CLUSTER=name node examples/clickhouse-cluster/index.mjs [customers]
import assert from 'node:assert/strict';
import {
  calibrationHoldoutSummary,
  fitBgNbd,
  periodRetention,
  rfmSummary,
  scoreBatches,
  scoreCustomers,
} from 'patronage';
import {
  clusterTablesSql,
  periodRetentionSql,
  periodRowsFromSql,
  rfmSummarySql,
  scoreSql,
} from 'patronage/sql';
import { generate } from '../../scripts/bench/data.mjs';
import { columnsOf, loadLog, onEveryServer, run } from './clickhouse.mjs';

const shards = (process.env.CLICKHOUSE_SHARDS ?? '').split(',').filter(Boolean);
const cluster = process.env.CLICKHOUSE_CLUSTER ?? 'patronage_two_shards';
const customers = Number(process.argv[2] ?? 100_000);
assert.ok(shards.length >= 2, 'CLICKHOUSE_SHARDS: the HTTP addresses of the shards, comma-separated');
const seconds = (since) => ((performance.now() - since) / 1000).toFixed(2);
const started = performance.now();

// --- the tables: a MergeTree table on each shard, a Distributed table sharded by customer, per-shard views
const database = 'patronage_example';
const observationEnd = '2023-12-31T23:59:59Z';
const calibrationEnd = '2023-06-30T23:59:59Z';
const spec = {
  customerId: 'customer_id',
  at: 'ordered_at',
  amount: 'total',
  unit: 'week',
  observationEnd,
};
const tables = clusterTablesSql({
  cluster,
  database,
  table: 'orders',
  customerIdType: 'UInt32',
  ...spec,
  calibrationEnd,
});
await onEveryServer(shards, tables.drop);
await onEveryServer(shards, tables.create);

// --- a generated log (the benchmark's generator: heterogeneous rates and dropout, in time order)
let since = performance.now();
const data = generate(customers);
await loadLog(shards[0], `\`${database}\`.\`orders\``, data);
const perShard = [];
for (const url of shards) {
  const { columns } = await columnsOf(
    url,
    `SELECT count() AS n, uniqExact(customer_id) AS customers FROM \`${database}\`.\`orders_local\``,
  );
  perShard.push({ rows: Number(columns.n[0]), customers: Number(columns.customers[0]) });
}
// every row arrived, on more than one shard, and each customer lives on exactly one shard
assert.equal(
  perShard.reduce((sum, shard) => sum + shard.rows, 0),
  data.rows,
);
assert.ok(perShard.every((shard) => shard.rows > 0));
assert.equal(
  perShard.reduce((sum, shard) => sum + shard.customers, 0),
  customers,
);
console.log(
  `${data.rows} transactions of ${customers} customers loaded through the Distributed table in ${seconds(since)} s: ` +
    perShard.map((shard, i) => `shard ${i + 1} ${shard.rows} rows, ${shard.customers} customers`).join('; '),
);

// --- patronage in process, on the same transactions (its rows name customers by strings)
const transactions = Array.from({ length: data.rows }, (_, row) => ({
  customerId: data.customer[row],
  at: data.at[row],
  amount: data.cents[row] / 100,
}));
const inProcess = rfmSummary(transactions, { unit: 'week', observationEnd });
const byCustomer = new Map(inProcess.map((row) => [row.customerId, row]));

/** Checks a summary read from ClickHouse against rfmSummary's rows, customer by customer, bit for bit. */
function checkSummary({ rows, columns }, label) {
  assert.equal(rows, inProcess.length, `${label}: one row per customer`);
  for (let i = 0; i < rows; i++) {
    const want = byCustomer.get(String(columns.customer_id[i]));
    assert.ok(want !== undefined, `${label}: customer ${columns.customer_id[i]}`);
    assert.deepEqual(
      [Number(columns.frequency[i]), columns.recency[i], columns.T[i], columns.monetary_value[i]],
      [want.frequency, want.recency, want.T, want.monetaryValue],
      `${label}: customer ${want.customerId}`,
    );
  }
}

// --- the summary, computed on each shard by its view, read through the cluster
since = performance.now();
const summary = await columnsOf(shards[0], tables.summary);
const summarySeconds = seconds(since);
checkSummary(summary, 'the per-shard summary views');
// the same summary asked of the Distributed table of transactions directly: right too, but in 18.16 only the
// innermost level runs on the shards, so every transaction travels to the server that was asked
since = performance.now();
const direct = await columnsOf(
  shards[1],
  rfmSummarySql({ dialect: 'clickhouse', table: `${database}.orders`, ...spec }),
);
const directSeconds = seconds(since);
checkSummary(direct, 'rfmSummarySql over the Distributed table');
console.log(
  `rfmSummarySql per shard: ${summary.rows} customers in ${summarySeconds} s (over the Distributed table of transactions: ${directSeconds} s), every number equal to rfmSummary`,
);

// --- the histogram: the shards' counts summed, equal to the histogram of rfmSummary's rows
since = performance.now();
const histogram = await columnsOf(shards[1], tables.histogram);
const histogramSeconds = seconds(since);
const counts = new Map();
for (const row of inProcess) {
  const key = `${row.frequency},${row.recency},${row.T}`;
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
const expected = [...counts]
  .map(([key, weight]) => [...key.split(',').map(Number), weight])
  .sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
assert.deepEqual(
  Array.from({ length: histogram.rows }, (_, i) => [
    Number(histogram.columns.frequency[i]),
    histogram.columns.recency[i],
    histogram.columns.T[i],
    Number(histogram.columns.weight[i]),
  ]),
  expected,
);
const histogramColumns = {
  frequency: histogram.columns.frequency.map(Number),
  recency: histogram.columns.recency,
  T: histogram.columns.T,
  weight: histogram.columns.weight.map(Number),
};
since = performance.now();
const fromHistogram = fitBgNbd(histogramColumns);
const histogramFitSeconds = seconds(since);
since = performance.now();
const fromRows = fitBgNbd(inProcess);
const rowsFitSeconds = seconds(since);
assert.equal(JSON.stringify(fromHistogram), JSON.stringify(fromRows));
console.log(
  `rfmHistogramSql per shard: ${histogram.rows} distinct (frequency, recency, T) rows for ${customers} customers in ${histogramSeconds} s, equal to rfmSummary's; ` +
    `BG/NBD on the histogram ${histogramFitSeconds} s, on the rows ${rowsFitSeconds} s, the same bits (r = ${fromHistogram.params.r.toFixed(6)}, alpha = ${fromHistogram.params.alpha.toFixed(4)}, a = ${fromHistogram.params.a.toFixed(6)}, b = ${fromHistogram.params.b.toFixed(6)})`,
);

// --- the calibration/holdout split, per shard, equal to calibrationHoldoutSummary
since = performance.now();
const split = await columnsOf(shards[0], tables.calibrationHoldout);
const splitSeconds = seconds(since);
const splitInProcess = new Map(
  calibrationHoldoutSummary(transactions, { unit: 'week', calibrationEnd, observationEnd }).map((row) => [
    row.customerId,
    row,
  ]),
);
assert.equal(split.rows, splitInProcess.size);
for (let i = 0; i < split.rows; i++) {
  const c = split.columns;
  const want = splitInProcess.get(String(c.customer_id[i]));
  assert.deepEqual(
    [
      Number(c.frequency_cal[i]),
      c.recency_cal[i],
      c.T_cal[i],
      c.monetary_value_cal[i],
      Number(c.frequency_holdout[i]),
      c.monetary_value_holdout[i],
      c.duration_holdout[i],
    ],
    [
      want.frequency,
      want.recency,
      want.T,
      want.monetaryValue,
      want.frequencyHoldout,
      want.monetaryValueHoldout,
      want.durationHoldout,
    ],
  );
}
console.log(
  `calibrationHoldoutSummarySql per shard: ${split.rows} calibration customers in ${splitSeconds} s, every number equal to calibrationHoldoutSummary`,
);

// --- the retention series per segment: a region (one per customer, none for every seventh) in a view over the
// Distributed table, periodRetentionSql over it, equal to periodRetention with and without segmentOf
await onEveryServer(shards, [
  `DROP TABLE IF EXISTS \`${database}\`.\`orders_by_region\``,
  `CREATE VIEW \`${database}\`.\`orders_by_region\` AS SELECT customer_id, ordered_at, total, multiIf(customer_id % 7 = 0, NULL, arrayElement(['east', 'north', 'west'], toUInt64(customer_id % 3 + 1))) AS region FROM \`${database}\`.\`orders\``,
]);
const regionOf = (id) => {
  const n = Number(id);
  return n % 7 === 0 ? null : ['east', 'north', 'west'][n % 3];
};
{
  const options = { period: 'month', activeWithin: 90, observationEnd };
  since = performance.now();
  const { rows, columns } = await columnsOf(
    shards[0],
    periodRetentionSql({
      dialect: 'clickhouse',
      table: `${database}.orders_by_region`,
      customerId: 'customer_id',
      at: 'ordered_at',
      amount: 'total',
      segment: 'region',
      ...options,
    }),
  );
  const seriesSeconds = seconds(since);
  const names = Object.keys(columns);
  const objects = Array.from({ length: rows }, (_, i) =>
    Object.fromEntries(names.map((name) => [name, columns[name][i]])),
  );
  assert.deepEqual(periodRowsFromSql(objects, { period: 'month' }), periodRetention(transactions, options));
  const bySegment = periodRowsFromSql(objects, { period: 'month', segments: true });
  assert.deepEqual(bySegment, periodRetention(transactions, { ...options, segmentOf: regionOf }));
  const segments = new Set(bySegment.map((row) => row.segment)).size;
  console.log(
    `periodRetentionSql with segment over the cluster: ${segments} segments × ${bySegment.length / segments} months and the all-customers series in ${seriesSeconds} s, equal to periodRetention (with and without segmentOf)`,
  );
}

// --- scoring back in SQL: P(alive) and expected purchases over the summary (the Distributed table over the
// per-shard views), each written number within 1e-12 of scoreCustomers (NULL where the SQL cannot promise it)
const horizon = 26; // weeks
const reference = scoreCustomers(fromHistogram, inProcess, { horizon });
const position = new Map(inProcess.map((row, i) => [row.customerId, i]));
const close = (a, b) => Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(b), 1e-290);
since = performance.now();
const scored = await columnsOf(
  shards[0],
  scoreSql(fromHistogram, { dialect: 'clickhouse', table: `${database}.orders_summary`, horizon }),
);
const scoreSeconds = seconds(since);
assert.equal(scored.rows, inProcess.length);
let written = 0;
let worst = 0;
for (let i = 0; i < scored.rows; i++) {
  const at = position.get(String(scored.columns.customer_id[i]));
  assert.ok(at !== undefined);
  const alive = scored.columns.probability_alive[i];
  const expected = scored.columns.expected_purchases[i];
  if (alive !== null) assert.ok(close(alive, reference.probabilityAlive[at]), `P(alive) of row ${i}`);
  if (expected === null) continue;
  assert.ok(close(expected, reference.expectedPurchases[at]), `expected purchases of row ${i}`);
  worst = Math.max(
    worst,
    Math.abs(expected - reference.expectedPurchases[at]) / Math.max(reference.expectedPurchases[at], 1e-290),
  );
  written++;
}
console.log(
  `scoreSql over the cluster's summary: ${scored.rows} customers in ${scoreSeconds} s, ${written} expectations written and ${scored.rows - written} NULL, ` +
    `the largest relative difference from scoreCustomers ${worst.toExponential(1)}`,
);

// --- scoring back in batches: the summary read from the cluster in pages by customer, scoreCustomers on each
// (scoreBatches), the scores written back through a Distributed table sharded like the orders
await onEveryServer(shards, [
  `DROP TABLE IF EXISTS \`${database}\`.\`scores\``,
  `DROP TABLE IF EXISTS \`${database}\`.\`scores_local\``,
  `CREATE TABLE \`${database}\`.\`scores_local\` (customer_id UInt32, probability_alive Float64, expected_purchases Float64) ENGINE = MergeTree ORDER BY customer_id`,
  `CREATE TABLE \`${database}\`.\`scores\` AS \`${database}\`.\`scores_local\` ENGINE = Distributed(\`${cluster}\`, \`${database}\`, \`scores_local\`, intHash64(customer_id))`,
]);
async function* pages(size = 20_000) {
  for (let after = -1; ; ) {
    const page = await columnsOf(
      shards[1],
      `SELECT customer_id, frequency, recency, T FROM \`${database}\`.\`orders_summary\` WHERE customer_id > ${after} ORDER BY customer_id LIMIT ${size}`,
    );
    if (page.rows === 0) return;
    const { customer_id: ids, frequency, recency, T } = page.columns;
    yield ids.map((id, i) => ({
      customer_id: id,
      frequency: Number(frequency[i]),
      recency: recency[i],
      T: T[i],
    }));
    after = Number(ids[page.rows - 1]);
  }
}
since = performance.now();
let batches = 0;
for await (const batch of scoreBatches(fromHistogram, pages(), { horizon })) {
  assert.deepEqual(batch.rejected, []);
  batches++;
  // RowBinary: the doubles' own bits (18.16 reads a decimal text to the nearest double or the one beside it)
  const bytes = new DataView(new ArrayBuffer(20 * batch.rows.length));
  batch.rows.forEach((row, i) => {
    bytes.setUint32(20 * i, Number(row.customer_id), true);
    bytes.setFloat64(20 * i + 4, row.probability_alive, true);
    bytes.setFloat64(20 * i + 12, row.expected_purchases, true);
  });
  await run(shards[0], `INSERT INTO \`${database}\`.\`scores\` FORMAT RowBinary`, {
    body: new Uint8Array(bytes.buffer),
    settings: { insert_distributed_sync: 1 },
  });
}
const batchSeconds = seconds(since);
const back = await columnsOf(
  shards[1],
  `SELECT customer_id, probability_alive, expected_purchases FROM \`${database}\`.\`scores\``,
);
assert.equal(back.rows, inProcess.length);
for (let i = 0; i < back.rows; i++) {
  const at = position.get(String(back.columns.customer_id[i]));
  assert.equal(back.columns.probability_alive[i], reference.probabilityAlive[at]);
  assert.equal(back.columns.expected_purchases[i], reference.expectedPurchases[at]);
}
console.log(
  `scoreBatches: ${batches} pages read from the cluster, scored and written back through a Distributed table in ${batchSeconds} s, every score equal to scoreCustomers`,
);
await onEveryServer(shards, [
  `DROP TABLE IF EXISTS \`${database}\`.\`scores\``,
  `DROP TABLE IF EXISTS \`${database}\`.\`scores_local\``,
]);

await onEveryServer(shards, tables.drop);
await run(shards[0], 'SELECT 1');
console.log(`examples/clickhouse-cluster: every check passed in ${seconds(started)} s`);
