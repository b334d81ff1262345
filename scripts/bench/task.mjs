// One benchmark task in its own process, so its peak memory is its own. Prints one JSON line.
//   node --expose-gc task.mjs <task> <binary> <csv> <runs>
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { checkoutHistory, checkoutTierOptions } from './checkout.mjs';
import { load, materialiseExport, repeatBuyers } from './data.mjs';
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
  // CPU time of each timed run (user + system, ms): less moved than wall time by other processes on the cores
  const cpuTimes = [];
  let check;
  for (let index = 0; index <= runs; index++) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    check = await run();
    const elapsed = performance.now() - started;
    const used = process.cpuUsage(cpuBefore);
    if (index > 0) {
      times.push(elapsed); // the first run warms up the JIT
      cpuTimes.push((used.user + used.system) / 1000);
    }
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
    timesMs: times.map((time) => Math.round(time)),
    medianCpuMs: median(cpuTimes),
    cpuTimesMs: cpuTimes.map((time) => Math.round(time)),
    peakRssMb: peakRss / 2 ** 20,
    dataRssMb: baselineRss / 2 ** 20,
    check,
  };
}

// BENCH_DIST: another tree's built entry (scripts/bench/ab.mjs --borrow, for a task that tree's task.mjs lacks)
const patronage = await import(
  process.env.BENCH_DIST ? pathToFileURL(process.env.BENCH_DIST).href : 'patronage'
);

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

/**
 * Balance, tier and loyalty score with P(alive) for one customer, CHECKOUT_EVALUATIONS times; `part` ('points',
 * 'tier' or 'score') times one of the three calls alone.
 */
function checkoutTask(purchaseCount, part = 'all') {
  const data = load(binary);
  const reference = patronage.loyaltyReference(summaryRows(data, true));
  const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } };
  const { ledger, purchases, at } = checkoutHistory(purchaseCount);
  const tierOptions = checkoutTierOptions(at);
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
    if (part === 'all') {
      for (let i = 0; i < CHECKOUT_EVALUATIONS; i++) {
        const points = patronage.pointsBalance(ledger, { at, validityDays: 365 }).balance;
        const tier = patronage.tierHistory(purchases, tierOptions)[0].tier;
        const score = patronage.loyaltyScore(customer, reference, { fit }).score;
        check = points + score + (tier === 'gold' ? 1e6 : 0);
      }
    } else if (part === 'points') {
      for (let i = 0; i < CHECKOUT_EVALUATIONS; i++) {
        check = patronage.pointsBalance(ledger, { at, validityDays: 365 }).balance;
      }
    } else if (part === 'tier') {
      for (let i = 0; i < CHECKOUT_EVALUATIONS; i++) {
        check = patronage.tierHistory(purchases, tierOptions)[0].tier === 'gold' ? 1e6 : 0;
      }
    } else {
      for (let i = 0; i < CHECKOUT_EVALUATIONS; i++) {
        check = patronage.loyaltyScore(customer, reference, { fit }).score;
      }
    }
    return `${CHECKOUT_EVALUATIONS} evaluations, last balance+score+tier ${check.toFixed(2)}`;
  };
}

const tasks = {
  // a checkout: the customer's balance, tier and loyalty score, CHECKOUT_EVALUATIONS times, from 100 purchases
  // and their 100 ledger entries (200 events), or from 50 and 50 (100 events in all: loyalty-checkout-100)
  'loyalty-checkout': () => checkoutTask(100),
  'loyalty-checkout-100': () => checkoutTask(50),
  // issue 13, the per-function split of loyalty-checkout (docs/benchmarks.md: "pointsBalance 209–349 ms
  // against 117–236 ms"): each of its three calls alone, CHECKOUT_EVALUATIONS times, on the 100-purchase history
  'checkout-points-balance': () => checkoutTask(100, 'points'),
  'checkout-tier-history': () => checkoutTask(100, 'tier'),
  'checkout-loyalty-score': () => checkoutTask(100, 'score'),
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
  // issue 16: the same 100k customers with two static covariates on each process (a 0/1 and a three-level
  // one, assigned by customer index), against fit-paretonbd (at most 3× its time)
  'fit-paretonbd-covariates': () => {
    const rows = summaryRows(load(binary))
      .slice(0, 100_000)
      .map((row, i) => ({ ...row, covariates: { z1: i % 2, z2: ((i * 7) % 3) / 2 } }));
    const options = { covariates: { purchase: ['z1', 'z2'], dropout: ['z1', 'z2'] } };
    return () => {
      const fit = patronage.fitParetoNbd(rows, options);
      const gamma = fit.coefficients.purchase.z1;
      return `${fit.converged} n=${fit.n} r=${fit.params.r.toFixed(4)} z1=${gamma.toFixed(4)} rows=${fit.distinctRows}`;
    };
  },
  // issue 17: the Gamma-Gamma fit on the repeat buyers (frequency > 0) of the same summary, as columns
  'fit-gammagamma': () => {
    const rows = repeatBuyers(patronage, load(binary));
    return () => {
      const fit = patronage.fitGammaGamma(rows);
      const { p, q, gamma } = fit.params;
      return `${fit.converged} n=${fit.n} rows=${fit.distinctRows} it=${fit.iterations} p=${p.toPrecision(10)} q=${q.toPrecision(10)} gamma=${gamma.toPrecision(10)} ll=${fit.logLikelihood}`;
    };
  },
  // issue 17: GGom/NBD on the same rows as fit-bgnbd, within 5x its time (run both in one ab.mjs round)
  'fit-ggomnbd': () => {
    const rows = summaryRows(load(binary));
    return () => {
      const fit = patronage.fitGgomNbd(rows);
      return `${fit.converged} r=${fit.params.r.toFixed(4)} b=${fit.params.b.toPrecision(3)} rows=${fit.distinctRows}`;
    };
  },
  'fit-nbd': () => {
    const rows = summaryRows(load(binary));
    return () => {
      const fit = patronage.fitNbd(rows);
      return `${fit.converged} r=${fit.params.r.toFixed(4)} rows=${fit.distinctRows}`;
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

// ---- issue 14, "patronage report on 10M rows / 1M customers: at most 3x the time of summary on the same
// file, peak RSS under 1.5 GB" --------------------------------------------------------------------------
// cli-report runs the built CLI (dist/cli.js, `npm run build` first) end to end as a child process on the
// user's export of the same data set (materialiseExport: header, string ids, ISO times, decimal amounts),
// alternating `summary` and `report` on the same file in the same minutes (S R S R ...), and reports the medians and ranges of both, the ratio of the medians and each child's peak RSS
// (from /usr/bin/time). It runs `summary` itself, so it does not depend on the cli-summary task.
function childRun(args) {
  return timeChild([process.execPath, ...args]);
}

const cliTasks = {
  'cli-report': () => {
    const file = materialiseExport(load(binary).customers);
    const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
    const scratch = mkdtempSync(join(tmpdir(), 'patronage-bench-report-'));
    const summary = [cli, 'summary', file, '--out', join(scratch, 'summary.csv')];
    const report = [cli, 'report', file, '--out', join(scratch, 'report.html')];
    const summaries = [];
    const reports = [];
    // every run is a fresh process, so there is no JIT to warm up: every pair is timed
    for (let index = 0; index < runs; index++) {
      summaries.push(childRun(summary));
      reports.push(childRun(report));
    }
    const times = reports.map((run) => run.ms);
    const summaryTimes = summaries.map((run) => run.ms);
    const reportMedian = median(times);
    const summaryMedian = median(summaryTimes);
    const reportRss = Math.max(...reports.map((run) => run.rssMb));
    const summaryRss = Math.max(...summaries.map((run) => run.rssMb));
    rmSync(scratch, { recursive: true, force: true });
    return {
      task,
      runs,
      medianMs: reportMedian,
      minMs: Math.min(...times),
      maxMs: Math.max(...times),
      peakRssMb: reportRss,
      dataRssMb: 0,
      summaryMedianMs: summaryMedian,
      summaryMinMs: Math.min(...summaryTimes),
      summaryMaxMs: Math.max(...summaryTimes),
      summaryPeakRssMb: summaryRss,
      check: `report/summary ${(reportMedian / summaryMedian).toFixed(2)} (report ${(reportMedian / 1000).toFixed(1)} s, ${Math.min(...times).toFixed(0)}-${Math.max(...times).toFixed(0)} ms, ${reportRss.toFixed(0)} MB; summary ${(summaryMedian / 1000).toFixed(1)} s, ${Math.min(...summaryTimes).toFixed(0)}-${Math.max(...summaryTimes).toFixed(0)} ms, ${summaryRss.toFixed(0)} MB)`,
    };
  },
};
// ---- end of the issue 14 report block ----------------------------------------------------------------

// ---- issue 18, "the fit on the histogram must take at most half the time of the fit on raw per-customer
// rows" ---------------------------------------------------------------------------------------------------
// fit-histogram-ratio: the summary of examples/clickhouse-cluster/bench.mjs (weeks, purchases of a day
// merged, the same observation end), then fitBgNbd on its histogram in ascending order (as rfmHistogramSql's
// ORDER BY returns it) and on the raw per-customer columns, the two alternating (which goes first changes
// each run), after one warm-up of each. medianMs is the histogram's; the raw fit's, the ratio and both fits'
// CPU times (user + system, all threads: on a loaded machine they move less than wall time) beside it.
// (a table of tasks that print their own figures, as cliTasks' do)
const ratioTasks = {
  'fit-histogram-ratio': () => {
    const data = load(binary);
    const summary = patronage.rfmSummaryColumns(
      { customerIndex: data.customer, at: data.at, amount: data.amount },
      { unit: 'week', mergeWithin: 'day', observationEnd: Date.UTC(2023, 11, 31, 23, 59, 59) },
    );
    const raw = { frequency: summary.frequency, recency: summary.recency, T: summary.T };
    const counts = new Map();
    for (let i = 0; i < raw.frequency.length; i++) {
      const key = `${raw.frequency[i]},${raw.recency[i]},${raw.T[i]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const distinct = [...counts.keys()]
      .map((key) => key.split(',').map(Number))
      .sort((l, r) => l[0] - r[0] || l[1] - r[1] || l[2] - r[2]);
    const histogram = {
      frequency: Float64Array.from(distinct, (row) => row[0]),
      recency: Float64Array.from(distinct, (row) => row[1]),
      T: Float64Array.from(distinct, (row) => row[2]),
      weight: Float64Array.from(distinct, (row) => counts.get(row.join(','))),
    };
    const fits = {
      histogram: () => patronage.fitBgNbd(histogram),
      raw: () => patronage.fitBgNbd(raw),
    };
    if (JSON.stringify(fits.histogram()) !== JSON.stringify(fits.raw())) {
      throw new Error('fit-histogram-ratio: the histogram and the raw rows give different fits');
    }
    gc();
    const times = { histogram: [], raw: [] };
    const cpu = { histogram: [], raw: [] };
    for (let index = 0; index < runs; index++) {
      for (const name of index % 2 === 0 ? ['histogram', 'raw'] : ['raw', 'histogram']) {
        const cpuBefore = process.cpuUsage();
        const started = performance.now();
        fits[name]();
        times[name].push(performance.now() - started);
        const used = process.cpuUsage(cpuBefore);
        cpu[name].push((used.user + used.system) / 1000);
        gcBetweenRuns();
      }
    }
    const histogramMs = median(times.histogram);
    const rawMs = median(times.raw);
    const rounded = (list) => list.map((time) => Math.round(time));
    return {
      task,
      runs,
      medianMs: histogramMs,
      minMs: Math.min(...times.histogram),
      maxMs: Math.max(...times.histogram),
      timesMs: rounded(times.histogram),
      rawMedianMs: rawMs,
      rawTimesMs: rounded(times.raw),
      ratio: histogramMs / rawMs,
      cpuMs: { histogram: rounded(cpu.histogram), raw: rounded(cpu.raw) },
      peakRssMb: (process.resourceUsage().maxRSS * 1024) / 2 ** 20,
      dataRssMb: 0,
      check: `histogram ÷ raw ${(histogramMs / rawMs).toFixed(3)} (raw ${rawMs.toFixed(0)} ms [${rounded(times.raw).join(', ')}]; CPU ms histogram [${rounded(cpu.histogram).join(', ')}] raw [${rounded(cpu.raw).join(', ')}]; ${distinct.length} histogram rows of ${raw.frequency.length} customers)`,
    };
  },
};
Object.assign(cliTasks, ratioTasks);
// ---- end of issue 18 ------------------------------------------------------------------------------------

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

// ---- issue 14: the command line end to end, beside DuckDB reading the same CSV ----------------------------
// Each run spawns a fresh process (the built CLI, or DuckDB in scripts/bench/duckdbCsv.mjs) on the export CSV
// given as <csv> (materialiseExport: header customerId,at,amount, ISO times, decimal amounts) and times it
// end to end; peak RSS is the child's (GNU time's %M), the largest over the runs.
//   cli-summary vs duckdb-csv-summary      `patronage summary <csv> --out /dev/null` (the 10M-row figure,
//                                           and 1M/10M/30M rows for the linearity figure)
//   cli-cohorts vs duckdb-csv-cohorts      `patronage cohorts <csv> --out /dev/null` (month cohorts)
//   cli-retention vs duckdb-csv-retention  `patronage retention <csv> --out /dev/null` (month, 90 days)
//   cli-stream-2gb                         `node scripts/bench/stream.mjs 2e9 | patronage summary -` (the
//                                           2 GB stream figure; <csv> unused; STREAM_BYTES overrides 2e9,
//                                           STREAM_FILE pipes a file stream.mjs wrote instead)
// CLI_THREADS=N adds `--threads N` to the three (1: the one-thread path; unset: the default, the cores).
const here = import.meta.dirname;
const cliBin = `${here}/../../dist/cli.js`;
const threads = process.env.CLI_THREADS === undefined ? [] : ['--threads', process.env.CLI_THREADS];
const childTasks = {
  'cli-summary': () => [process.execPath, cliBin, 'summary', csv, '--out', '/dev/null', ...threads],
  'cli-cohorts': () => [process.execPath, cliBin, 'cohorts', csv, '--out', '/dev/null', ...threads],
  'cli-retention': () => [process.execPath, cliBin, 'retention', csv, '--out', '/dev/null', ...threads],
  'duckdb-csv-summary': () => [process.execPath, `${here}/duckdbCsv.mjs`, 'summary', csv],
  'duckdb-csv-cohorts': () => [process.execPath, `${here}/duckdbCsv.mjs`, 'cohorts', csv],
  'duckdb-csv-retention': () => [process.execPath, `${here}/duckdbCsv.mjs`, 'retention', csv],
  // STREAM_FILE=<a file stream.mjs wrote> pipes that file instead (cat), keeping the generator's CPU out of
  // the timed run
  'cli-stream-2gb': () => [
    '/bin/sh',
    '-c',
    `${
      process.env.STREAM_FILE === undefined
        ? `"${process.execPath}" "${here}/stream.mjs" ${process.env.STREAM_BYTES ?? '2e9'}`
        : `cat "${process.env.STREAM_FILE}"`
    } | "${process.execPath}" "${cliBin}" summary - --out /dev/null`,
  ],
};

/** Runs a command once as a child process: its wall time and peak RSS (GNU time's %M, of its largest process). */
function timeChild(command) {
  const directory = mkdtempSync(`${tmpdir()}/patronage-bench-time-`);
  try {
    const started = performance.now();
    const child = spawnSync('/usr/bin/time', ['-f', '%M', '-o', `${directory}/rss`, ...command], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const ms = performance.now() - started;
    if (child.status !== 0) throw new Error(`${command.slice(0, 3).join(' ')} failed (exit ${child.status})`);
    const kb = Number(readFileSync(`${directory}/rss`, 'utf8').trim().split('\n').at(-1));
    return { ms, rssMb: kb / 1024 };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Runs a child command `runs` times (after one warm-up that fills the page cache); times and peak RSS. */
function measureChild(command) {
  const times = [];
  let peakMb = 0;
  for (let index = 0; index <= runs; index++) {
    const { ms, rssMb } = timeChild(command);
    if (index > 0 || runs === 0) {
      times.push(ms);
      peakMb = Math.max(peakMb, rssMb);
    }
  }
  return {
    task,
    runs,
    medianMs: median(times),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    peakRssMb: peakMb,
    dataRssMb: 0,
    check: command.slice(-4).join(' '),
  };
}
// ---- end of issue 14 -----------------------------------------------------------------------------------

const prepare = tasks[task];
if (cliTasks[task] !== undefined) console.log(JSON.stringify(cliTasks[task]()));
else if (childTasks[task] !== undefined) console.log(JSON.stringify(measureChild(childTasks[task]())));
else if (prepare === undefined) throw new Error(`unknown task ${task}`);
else console.log(JSON.stringify(await measure(prepare)));
