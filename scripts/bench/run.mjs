// npm run bench: median time and peak memory of the table functions on deterministic synthetic logs,
// against DuckDB running equivalent SQL on the same rows in the same run.
//   BENCH_SIZES=100000,1000000 (customers)   BENCH_RUNS=5   BENCH_FORCE_GC=1 (a full GC before every timed run)
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { materialise, materialiseExport } from './data.mjs';

const sizes = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const tasks = (
  process.env.BENCH_TASKS ??
  'rfm-columns,rfm-rows,rfm-rows-iso,cohort-columns,period-columns,duckdb-rfm,duckdb-cohort'
).split(',');
const here = import.meta.dirname;

const results = [];
for (const customers of sizes) {
  const started = Date.now();
  const { binary, csv: plainCsv } = materialise(customers);
  // the command-line tasks (issue 14) read a user's export instead
  const exportCsv = tasks.some((task) => /^(cli|duckdb-csv)-/.test(task)) ? materialiseExport(customers) : '';
  console.error(`data for ${customers} customers ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const task of tasks) {
    const output = execFileSync(
      process.execPath,
      [
        '--expose-gc',
        '--max-old-space-size=16384',
        join(here, 'task.mjs'),
        task,
        binary,
        /^(cli|duckdb-csv)-/.test(task) ? exportCsv : plainCsv,
        String(
          (task === 'rfm-rows' || task === 'rfm-rows-iso') && customers > 200_000 ? Math.min(runs, 3) : runs,
        ),
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], cwd: join(here, '..', '..') },
    );
    const result = { customers, ...JSON.parse(output.trim().split('\n').at(-1)) };
    results.push(result);
    console.error(
      `${String(customers).padStart(8)} ${task.padEnd(15)} median ${result.medianMs.toFixed(0).padStart(6)} ms${result.mbPerSecond === undefined ? '' : ` (${result.mbPerSecond.toFixed(0)} MB/s)`}  peak RSS ${result.peakRssMb.toFixed(0)} MB (data loaded: ${result.dataRssMb.toFixed(0)} MB)  check ${result.check}`,
    );
  }
}

const byKey = new Map(results.map((result) => [`${result.customers}/${result.task}`, result]));
console.log(
  '\n| customers | transactions | task | median | min | peak RSS | RSS with data only | DuckDB time ÷ ours |',
);
console.log('| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |');
const rowsOf = new Map();
for (const customers of sizes) {
  const { binary } = materialise(customers);
  const { readFileSync } = await import('node:fs');
  const header = new Float64Array(readFileSync(binary).buffer.slice(0, 16));
  rowsOf.set(customers, header[1]);
}
for (const result of results) {
  const duck =
    result.task === 'rfm-columns' || result.task === 'rfm-rows'
      ? 'duckdb-rfm'
      : result.task === 'cohort-columns'
        ? 'duckdb-cohort'
        : /^cli-(summary|cohorts|retention)$/.test(result.task)
          ? `duckdb-csv-${result.task.slice(4)}` // issue 14: the CLI beside DuckDB on the same CSV
          : result.task === 'read-csv' || result.task === 'read-csv-workers'
            ? 'duckdb-read-csv'
            : result.task === 'read-csv-epoch' || result.task === 'read-csv-epoch-workers'
              ? 'duckdb-read-csv-epoch'
              : undefined;
  const baseline = duck === undefined ? undefined : byKey.get(`${result.customers}/${duck}`);
  // cli-report: the ratio the issue sets (report time ÷ summary time, at most 3), from the same task
  const ratio =
    result.summaryMedianMs !== undefined
      ? `summary ÷ report ${(result.summaryMedianMs / result.medianMs).toFixed(2)} (report ${(result.medianMs / result.summaryMedianMs).toFixed(2)}× summary; summary ${result.summaryMedianMs.toFixed(0)} ms, ${result.summaryPeakRssMb.toFixed(0)} MB)`
      : baseline === undefined
        ? ''
        : `${(baseline.medianMs / result.medianMs).toFixed(2)} (min ${(baseline.minMs / result.minMs).toFixed(2)})`;
  console.log(
    `| ${result.customers.toLocaleString('en')} | ${rowsOf.get(result.customers).toLocaleString('en')} | ${result.task} | ${result.medianMs.toFixed(0)} ms | ${result.minMs.toFixed(0)} ms | ${result.peakRssMb.toFixed(0)} MB | ${result.dataRssMb.toFixed(0)} MB | ${ratio} |`,
  );
}

// ---- issue 14: rfmSummary from row objects with ISO strings against the columnar path on the same data ----
// (target: at most 3x)
for (const customers of sizes) {
  const rows = byKey.get(`${customers}/rfm-rows-iso`);
  const columns = byKey.get(`${customers}/rfm-columns`);
  if (rows === undefined || columns === undefined) continue;
  console.log(
    `${customers.toLocaleString('en')} customers: rfm-rows-iso ÷ rfm-columns ${(rows.medianMs / columns.medianMs).toFixed(2)} (min ${(rows.minMs / columns.minMs).toFixed(2)}; target at most 3)`,
  );
}
