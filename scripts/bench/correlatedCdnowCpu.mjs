// The correlated Pareto/NBD on the CDNOW sample (2,357 customers, weeks, estimation to 1997-09-30), timed:
// the plain fit, the correlated fit, the correlated fit with penalty.logParams 0.01, and 200 bootstrap refits
// of the correlated fit, alternating, five rounds after a warm-up, printing CPU (process.cpuUsage) medians
// and ranges. Run after `npx tsup --silent`, under the lock:
//   flock /tmp/patronage-bench.lock node scripts/bench/correlatedCdnowCpu.mjs ../shared/data
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const patronage = await import(new URL('../../dist/index.js', import.meta.url).href);
const dir = process.argv[2] ?? '../shared/data';
const transactions = readFileSync(join(dir, 'CDNOW_sample.txt'), 'utf8')
  .split(/\r?\n/)
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const [, id = '', date = '', , dollars = ''] = line.trim().split(/\s+/);
    return {
      customerId: Number(id),
      at: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`,
      amount: Number(dollars),
    };
  })
  .filter((row) => row.at <= '1997-09-30');
const rows = patronage
  .rfmSummary(transactions, { unit: 'week', observationEnd: '1997-09-30T23:59:59Z' })
  .map((row) => ({ frequency: row.frequency, recency: row.recency, T: row.T }));
const correlatedFit = patronage.fitParetoNbd(rows, { correlation: true });
const variants = {
  plain: () => patronage.fitParetoNbd(rows),
  correlated: () => patronage.fitParetoNbd(rows, { correlation: true }),
  'correlated, logParams 0.01': () =>
    patronage.fitParetoNbd(rows, { correlation: true, penalty: { logParams: 0.01 } }),
  'bootstrap, 200 refits': () => patronage.bootstrapFits(correlatedFit, rows, { resamples: 200, seed: 1 }),
};
const cpu = (run) => {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
for (const run of Object.values(variants)) run();
const runs = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
for (let k = 0; k < 5; k++) for (const [name, run] of Object.entries(variants)) runs[name].push(cpu(run));
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
for (const [name, list] of Object.entries(runs)) {
  console.log(
    `${name}: cpu median ${median(list).toFixed(0)} ms [${Math.min(...list).toFixed(0)}–${Math.max(...list).toFixed(0)}]`,
  );
}
