// Issue 16's correlated Pareto/NBD with covariates, timed: on CLVTools' apparel data (600 customers, 40
// weeks, Gender and Channel on both processes, the summary of test/helpers/apparel.ts) the fit with
// covariates alone and the correlated fit with covariates, alternating, five of each after a warm-up,
// printing CPU (process.cpuUsage) and wall medians and ranges. Run after `npx tsup --silent`, under the lock:
//   flock /tmp/patronage-bench.lock node scripts/bench/correlatedCovariatesCpu.mjs ../shared/data
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const patronage = await import(new URL('../../dist/index.js', import.meta.url).href);
const dir = process.argv[2] ?? '../shared/data';
const DAY = 86_400_000;
const days = new Map();
let start = Number.POSITIVE_INFINITY;
for (const line of readFileSync(join(dir, 'apparelTrans.csv'), 'utf8').split(/\r?\n/).slice(1)) {
  if (line.trim() === '') continue;
  const [id = '', date = ''] = line.split(',');
  const at = Date.parse(`${date}T00:00:00Z`);
  start = Math.min(start, at);
  const key = id.replaceAll('"', '');
  const set = days.get(key) ?? new Set();
  set.add(at);
  days.set(key, set);
}
const covariates = new Map();
for (const line of readFileSync(join(dir, 'apparelStaticCov.csv'), 'utf8').split(/\r?\n/).slice(1)) {
  if (line.trim() === '') continue;
  const [id = '', gender = '', channel = ''] = line.split(',');
  covariates.set(id.replaceAll('"', ''), { Gender: Number(gender), Channel: Number(channel) });
}
const end = start + 40 * 7 * DAY;
const rows = [];
for (const [id, set] of days) {
  const dates = [...set].filter((at) => at <= end).sort((a, b) => a - b);
  if (dates.length === 0) continue;
  rows.push({
    frequency: dates.length - 1,
    recency: (dates.at(-1) - dates[0]) / (7 * DAY),
    T: (end - dates[0]) / (7 * DAY),
    covariates: covariates.get(id),
  });
}
const sets = { purchase: ['Gender', 'Channel'], dropout: ['Gender', 'Channel'] };
const time = (run) => {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const fit = run();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000, fit };
};
const variants = {
  covariates: () => patronage.fitParetoNbd(rows, { covariates: sets }),
  correlated: () => patronage.fitParetoNbd(rows, { covariates: sets, correlation: true }),
};
for (const run of Object.values(variants)) run();
const runs = { covariates: [], correlated: [] };
for (let k = 0; k < 5; k++) for (const [name, run] of Object.entries(variants)) runs[name].push(time(run));
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
for (const [name, list] of Object.entries(runs)) {
  const wall = list.map((run) => run.wallMs);
  const cpu = list.map((run) => run.cpuMs);
  console.log(
    `${name}: cpu median ${median(cpu).toFixed(0)} ms [${Math.min(...cpu).toFixed(0)}–${Math.max(...cpu).toFixed(0)}], wall median ${median(wall).toFixed(0)} ms [${Math.min(...wall).toFixed(0)}–${Math.max(...wall).toFixed(0)}], logLikelihood ${list[0].fit.logLikelihood}`,
  );
}
const ratio =
  median(runs.correlated.map((run) => run.cpuMs)) / median(runs.covariates.map((run) => run.cpuMs));
console.log(`correlated ÷ covariates by CPU: ${ratio.toFixed(2)}`);
