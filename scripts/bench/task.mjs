// One benchmark task in its own process, so its peak memory is its own. Prints one JSON line.
//   node --expose-gc task.mjs <task> <binary> <csv> <runs>

import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { load, materialiseExport } from './data.mjs';
import { simulateBgNbd } from './simulate.mjs';

const [task, binary, csv, runsText] = process.argv.slice(2);
const runs = Number(runsText);
const gc = globalThis.gc ?? (() => undefined);
// BENCH_FORCE_GC=1 forces a full collection before every timed run as well (a server sees one at each major
// GC); by default only one runs, before the first run, so the timed runs see the engine as a long-lived
// process does
const gcBetweenRuns = process.env.BENCH_FORCE_GC === '1' ? gc : () => undefined;
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
    gcBetweenRuns();
  }
  const peakRss = process.resourceUsage().maxRSS * 1024;
  return {
    task,
    runs,
    ...(inputBytes === null
      ? {}
      : {
          inputMb: inputBytes / 1e6,
          mbPerSecond: inputBytes / 1e3 / median(times),
          mbPerSecondRange: [inputBytes / 1e3 / Math.max(...times), inputBytes / 1e3 / Math.min(...times)],
        }),
    medianMs: median(times),
    minMs: Math.min(...times),
    peakRssMb: peakRss / 2 ** 20,
    dataRssMb: baselineRss / 2 ** 20,
    check,
  };
}

const patronage = await import('patronage');

function summaryRows(data, withMoney = false) {
  const columns = patronage.rfmSummaryColumns(
    { customerIndex: data.customer, at: data.at, amount: data.amount },
    { unit: 'week' },
  );
  return Array.from(columns.frequency, (frequency, i) =>
    withMoney
      ? {
          customerId: `c${i}`,
          frequency,
          recency: columns.recency[i],
          T: columns.T[i],
          monetaryValue: columns.monetaryValue[i],
        }
      : { frequency, recency: columns.recency[i], T: columns.T[i] },
  );
}

const CHECKOUT_EVALUATIONS = 10_000;

// the bytes a reading task reads, for its MB/s (bytes ÷ median time); null for the other tasks
let inputBytes = null;

// one customer's history for the checkout task: a purchase a week, each with its ledger entry (an earn, or
// every fifth a redemption)
function checkoutHistory(purchaseCount = 100) {
  const day = 86_400_000;
  const start = Date.UTC(2024, 0, 1);
  const ledger = [];
  const purchases = [];
  let balance = 0;
  for (let i = 0; i < purchaseCount; i++) {
    const at = start + i * 7 * day;
    const amount = 20 + ((i * 37) % 180);
    purchases.push({ customerId: 'c1', at, amount });
    if (i % 5 === 4 && balance >= 50) {
      ledger.push({ id: `r${i}`, customerId: 'c1', at, kind: 'redeem', points: 50 });
      balance -= 50;
    } else {
      ledger.push({ id: `e${i}`, customerId: 'c1', at, kind: 'earn', points: amount });
      balance += amount;
    }
  }
  return { ledger, purchases, at: start + purchaseCount * 7 * day };
}

/** Balance, tier and loyalty score with P(alive) for one customer, CHECKOUT_EVALUATIONS times. */
function checkoutTask(purchaseCount) {
  const data = load(binary);
  const reference = patronage.loyaltyReference(summaryRows(data, true));
  const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } };
  const { ledger, purchases, at } = checkoutHistory(purchaseCount);
  const tierOptions = {
    tiers: [
      { name: 'member', threshold: 0 },
      { name: 'silver', threshold: 2000 },
      { name: 'gold', threshold: 5000 },
    ],
    metric: 'spend',
    windowDays: 365,
    graceDays: 30,
    at,
  };
  const customer = {
    frequency: purchaseCount - 1,
    recency: purchaseCount - 1,
    T: purchaseCount,
    monetaryValue: 110,
    referrals: 2,
    npsScore: 9,
  };
  return () => {
    let check = 0;
    for (let i = 0; i < CHECKOUT_EVALUATIONS; i++) {
      const points = patronage.pointsBalance(ledger, { at, validityDays: 365 }).balance;
      const tier = patronage.tierHistory(purchases, tierOptions)[0].tier;
      const score = patronage.loyaltyScore(customer, reference, { fit }).score;
      check = points + score + (tier === 'gold' ? 1e6 : 0);
    }
    return `${CHECKOUT_EVALUATIONS} evaluations, last balance+score+tier ${check.toFixed(2)}`;
  };
}

const tasks = {
  // a checkout: the customer's balance, tier and loyalty score, CHECKOUT_EVALUATIONS times, from 100 purchases
  // and their 100 ledger entries (200 events), or from 50 and 50 (100 events in all: loyalty-checkout-100)
  'loyalty-checkout': () => checkoutTask(100),
  'loyalty-checkout-100': () => checkoutTask(50),
  'rfm-scores': () => {
    const rows = summaryRows(load(binary), true);
    return () => {
      const scored = patronage.rfmScores(rows);
      const champions = scored.filter((row) => row.segment === 'champions').length;
      return `${scored.length} rows, ${champions} champions`;
    };
  },
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
  // parseTransactions over the same rows as objects: the row reader on every row
  'parse-transactions': () => {
    const data = load(binary);
    const rows = Array.from({ length: data.rows }, (_, row) => ({
      customerId: data.customer[row],
      at: data.at[row],
      amount: data.amount[row],
    }));
    return () => patronage.parseTransactions(rows).transactions.length;
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
  // issue 4: fits and scoring on the RFM summary of the same synthetic log (weeks, day-resolution times)
  'fit-bgnbd': () => {
    const rows = summaryRows(load(binary));
    return () => {
      const fit = patronage.fitBgNbd(rows);
      return `${fit.converged} r=${fit.params.r.toFixed(4)} rows=${fit.distinctRows}`;
    };
  },
  'fit-paretonbd': () => {
    const rows = summaryRows(load(binary)).slice(0, 100_000);
    return () => {
      const fit = patronage.fitParetoNbd(rows);
      return `${fit.converged} n=${fit.n} r=${fit.params.r.toFixed(4)} rows=${fit.distinctRows}`;
    };
  },
  'score-customers': () => {
    const data = load(binary);
    const columns = patronage.rfmSummaryColumns(
      { customerIndex: data.customer, at: data.at, amount: data.amount },
      { unit: 'week' },
    );
    const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } };
    const customers = { frequency: columns.frequency, recency: columns.recency, T: columns.T };
    return () => {
      const scores = patronage.scoreCustomers(fit, customers, { horizon: 52 });
      return scores.expectedPurchases.length;
    };
  },
  // the same fit on continuous-time BG/NBD data, where no two customers share a row (nothing to compress)
  'fit-bgnbd-continuous': () => {
    // r 0.25, alpha 4, a 0.8, b 2.5; T uniform on 1–52 weeks
    const rows = simulateBgNbd(load(binary).customers ?? 0, { r: 0.25, alpha: 4, a: 0.8, b: 2.5 });
    return () => {
      const fit = patronage.fitBgNbd(rows);
      return `${fit.converged} r=${fit.params.r.toFixed(3)} alpha=${fit.params.alpha.toFixed(3)} a=${fit.params.a.toFixed(3)} b=${fit.params.b.toFixed(3)} rows=${fit.distinctRows}`;
    };
  },
};

// ---- issue 14, "readTransactions into columns: at least 150 MB/s of CSV on one core" ----
// read-csv: the user's export (header customerId,at,amount, string ids, ISO times, decimal amounts) of the
// same customers; read-csv-epoch: the headerless customer,epochMs,cents file. The -workers variants read the
// same files with BENCH_WORKERS threads (default 2); duckdb-read-csv(-epoch) loads the same file into a
// DuckDB table with read_csv on BENCH_DUCKDB_THREADS threads (default 1), for reference.
const customersOf = (path) => Number(/-(\d+)\.bin$/.exec(path)?.[1]);
const exportFile = () => materialiseExport(customersOf(binary));
const EPOCH_OPTIONS = { header: false, customer: 1, at: 2, amount: 3, epoch: 'ms', fractionDigits: 0 };
const readWorkers = () =>
  process.env.BENCH_WORKERS === 'auto' ? 'auto' : Number(process.env.BENCH_WORKERS ?? 2);

async function readTask(path, options) {
  const { readTransactions } = await import('patronage/node');
  inputBytes = statSync(path).size;
  return async () => {
    const table = await readTransactions(path, options);
    return `${table.columns.at.length} rows, ${table.customerIds.length} customers, ${table.rejected.length} rejected`;
  };
}

async function duckdbReadTask(path, columns, header) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`SET threads = ${Number(process.env.BENCH_DUCKDB_THREADS ?? 1)}`);
  inputBytes = statSync(path).size;
  return async () => {
    await connection.run(
      `CREATE OR REPLACE TABLE tx AS SELECT * FROM read_csv('${path}', header = ${header}, columns = ${columns})`,
    );
    const reader = await connection.runAndReadAll('SELECT COUNT(*), COUNT(DISTINCT customer) FROM tx');
    const [rows, customers] = reader.getRows()[0];
    return `${rows} rows, ${customers} customers`;
  };
}

Object.assign(tasks, {
  'read-csv': () => readTask(exportFile(), {}),
  'read-csv-epoch': () => readTask(csv, EPOCH_OPTIONS),
  'read-csv-workers': () => readTask(exportFile(), { workers: readWorkers() }),
  'read-csv-epoch-workers': () => readTask(csv, { ...EPOCH_OPTIONS, workers: readWorkers() }),
  'duckdb-read-csv': () =>
    duckdbReadTask(
      exportFile(),
      "{'customer': 'VARCHAR', 'at_ms': 'TIMESTAMPTZ', 'amount': 'DECIMAL(18,2)'}",
      true,
    ),
  'duckdb-read-csv-epoch': () =>
    duckdbReadTask(csv, "{'customer': 'VARCHAR', 'at_ms': 'BIGINT', 'cents': 'BIGINT'}", false),
});
// ---- end of issue 14's reading tasks ----

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
