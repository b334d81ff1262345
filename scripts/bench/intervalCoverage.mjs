// The coverage of the 90% prediction intervals (issue 16 item 5) on data simulated from known BG/NBD
// parameters (CDNOW's, Fader, Hardie & Lee 2005): SETS data sets of CUSTOMERS customers observed 27 to 39
// weeks, each fitted; the delta interval and the bootstrap interval (RESAMPLES refits) of three predictions
// checked against their values at the true parameters; and the time of 200 and 1,000 resamples on CDNOW.
//   npx tsup --silent && node scripts/bench/intervalCoverage.mjs [SETS=100] [RESAMPLES=200] [CUSTOMERS=1000]
import { existsSync, readFileSync } from 'node:fs';
import {
  bootstrapFits,
  expectedPurchases,
  fitBgNbd,
  probabilityAlive,
  simulateCustomers,
} from '../../dist/index.js';

const [sets = 100, resamples = 200, customers = 1000] = process.argv.slice(2).map(Number);
const truth = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } };
const customer = { frequency: 2, recency: 30.43, T: 38.86 };
const predictions = [
  [
    'E[Y(39) | x=2, tx=30.43, T=38.86]',
    (fit, intervals) => expectedPurchases(fit, 39, customer, { intervals }),
  ],
  ['P(alive | x=2, tx=30.43, T=38.86)', (fit, intervals) => probabilityAlive(fit, customer, { intervals })],
  ['E[X(39)], a new customer', (fit, intervals) => expectedPurchases(fit, 39, undefined, { intervals })],
];
const values = [
  expectedPurchases(truth, 39, customer),
  probabilityAlive(truth, customer),
  expectedPurchases(truth, 39),
];
const T = Array.from({ length: customers }, (_, i) => 27 + (12 * i) / (customers - 1));
const covered = { delta: [0, 0, 0], bootstrap: [0, 0, 0] };
let used = 0;
const started = performance.now();
for (let set = 0; set < sets; set++) {
  const { summary } = simulateCustomers(truth, { customers, T, seed: 50_000 + set });
  const fit = fitBgNbd(summary);
  if (fit.covariance.matrix === null) continue;
  used++;
  const boot = bootstrapFits(fit, summary, { resamples, seed: set + 1 });
  predictions.forEach(([, predict], i) => {
    for (const method of ['delta', 'bootstrap']) {
      const range = predict(fit, method === 'delta' ? { method } : { method, bootstrap: boot });
      if (range.lower <= values[i] && values[i] <= range.upper) covered[method][i]++;
    }
  });
}
console.log(
  `${used} of ${sets} simulated data sets (${customers} customers each) with a covariance; ${resamples} resamples each; ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
predictions.forEach(([name], i) => {
  const pct = (method) => `${((100 * covered[method][i]) / used).toFixed(1)}%`;
  console.log(`  ${name.padEnd(36)} delta ${pct('delta')}  bootstrap ${pct('bootstrap')}`);
});
const cdnow = new URL('../../../shared/data/cdnow_customers_summary.csv', import.meta.url);
if (existsSync(cdnow)) {
  const rows = readFileSync(cdnow, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const [, frequency, recency, T] = line.split(',').map(Number);
      return { frequency, recency, T };
    });
  const fit = fitBgNbd(rows);
  bootstrapFits(fit, rows, { resamples: 20, seed: 99 });
  for (const count of [200, 1000]) {
    const runs = [];
    for (let run = 0; run < 3; run++) {
      const cpu = process.cpuUsage();
      const wall = performance.now();
      bootstrapFits(fit, rows, { resamples: count, seed: run + 1 });
      const used = process.cpuUsage(cpu);
      runs.push([(performance.now() - wall) / 1000, (used.user + used.system) / 1e6]);
    }
    const fmt = (k) => runs.map((r) => r[k].toFixed(2)).join(', ');
    console.log(`CDNOW (2,357 customers), ${count} resamples: wall ${fmt(0)} s; CPU ${fmt(1)} s`);
  }
}
