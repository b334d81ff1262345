// Issue 16's performance figure in one process: fitParetoNbd on the 100k customers of the fit-paretonbd
// task, without and with two static covariates per process (as fit-paretonbd-covariates), alternating,
// three of each after a warm-up, printing wall and CPU (process.cpuUsage) times with their medians. CPU
// time is the steadier figure on a shared machine. Run after `npx tsup --silent`, under the bench lock:
//   flock /tmp/patronage-bench.lock node scripts/bench/covariatesCpu.mjs /tmp/patronage-bench/log-v3-1000000.bin
import { load } from './data.mjs';

const patronage = await import(new URL('../../dist/index.js', import.meta.url).href);
const data = load(process.argv[2]);
const columns = patronage.rfmSummaryColumns(
  { customerIndex: data.customer, at: data.at, amount: data.amount },
  { unit: 'week' },
);
const plainRows = Array.from(columns.frequency.subarray(0, 100_000), (frequency, i) => ({
  frequency,
  recency: columns.recency[i],
  T: columns.T[i],
}));
const rows = plainRows.map((row, i) => ({ ...row, covariates: { z1: i % 2, z2: ((i * 7) % 3) / 2 } }));
const options = { covariates: { purchase: ['z1', 'z2'], dropout: ['z1', 'z2'] } };
const time = (run) => {
  const cpu = process.cpuUsage();
  const started = performance.now();
  run();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
};
patronage.fitParetoNbd(plainRows.slice(0, 5000));
patronage.fitParetoNbd(rows.slice(0, 5000), options);
const runs = { plain: [], covariates: [] };
for (let k = 0; k < 3; k++) {
  runs.plain.push(time(() => patronage.fitParetoNbd(plainRows)));
  runs.covariates.push(time(() => patronage.fitParetoNbd(rows, options)));
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
for (const [name, list] of Object.entries(runs)) {
  const wall = list.map((run) => run.wallMs);
  const cpu = list.map((run) => run.cpuMs);
  console.log(
    `${name}: wall median ${median(wall).toFixed(0)} ms [${Math.min(...wall).toFixed(0)}–${Math.max(...wall).toFixed(0)}], cpu median ${median(cpu).toFixed(0)} ms [${Math.min(...cpu).toFixed(0)}–${Math.max(...cpu).toFixed(0)}]`,
  );
}
