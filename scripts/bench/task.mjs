// One benchmark task in its own process, so its peak memory is its own. Prints one JSON line.
//   node --expose-gc task.mjs <task> <binary> <csv> <runs>
import { performance } from 'node:perf_hooks';
import { load } from './data.mjs';
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
    medianMs: median(times),
    minMs: Math.min(...times),
    timesMs: times.map((time) => Math.round(time)),
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
  // ---- issue 14, "rfmSummary from 10M row objects with ISO-string dates: at most 3x the columnar path" ----
  // rows as most JS callers hold them, `{ customerId: 'c123', at: '2022-01-01T14:06:33Z', amount: 45.2 }`,
  // built once from the binary log (not timed); compare with rfm-columns on the same data (run.mjs prints
  // the ratio)
  'rfm-rows-iso': () => {
    const data = load(binary);
    const rows = new Array(data.rows);
    for (let row = 0; row < data.rows; row++) {
      rows[row] = {
        customerId: `c${data.customer[row]}`,
        at: `${new Date(Math.floor(data.at[row] / 1000) * 1000).toISOString().slice(0, 19)}Z`,
        amount: data.amount[row],
      };
    }
    return () =>
      patronage.rfmSummary(rows, { unit: 'week' }).reduce((total, row) => total + row.frequency, 0);
  },
  // ---- end of issue 14's rfm-rows-iso ----
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
