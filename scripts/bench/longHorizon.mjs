// Long horizons of the BG/NBD expectations (the connection formula about z = 1, 2026-12-03): this tree's
// dist against a base tree's, alternately in one process, each call's CPU time (process.cpuUsage).
//   node scripts/bench/longHorizon.mjs <base tree's dist/index.js> [rounds]
// Calls: acquisitionPayback over 10,000 weekly steps (CDNOW's BG/NBD and Gamma-Gamma fits, two groups),
// customerLifetimeValue of an existing customer over 2,000 weekly steps, and scoreCustomers of 2,000
// customers at a 5,000-week horizon.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [baseDist, roundsArgument = '7'] = process.argv.slice(2);
if (baseDist === undefined) throw new Error('usage: longHorizon.mjs <base dist/index.js> [rounds]');
const rounds = Number(roundsArgument);
const trees = {
  this: await import(pathToFileURL(resolve('dist/index.js')).href),
  base: await import(pathToFileURL(resolve(baseDist)).href),
};
const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } };
const spendFit = { model: 'gammaGamma', params: { p: 6.25, q: 3.74, gamma: 15.44 } };
const customers = Array.from({ length: 2000 }, (_, i) => ({
  frequency: i % 20,
  recency: i % 20 === 0 ? 0 : 10 + (i % 29),
  T: 39 + (i % 7),
}));
const calls = {
  acquisitionPayback: (p) =>
    p.acquisitionPayback(fit, spendFit, {
      timeUnit: 'week',
      horizon: 10_000,
      margin: 0.3,
      discountRate: 0.1,
      acquisitionCost: 10,
      by: { search: {}, social: { acquisitionCost: 25 } },
    }),
  customerLifetimeValue: (p) =>
    p.customerLifetimeValue(
      fit,
      { frequency: 4, recency: 30, T: 39 },
      { timeUnit: 'week', horizon: 2_000, margin: 0.3, discountRate: 0.1, averageSpend: 40 },
    ),
  scoreCustomers: (p) => p.scoreCustomers(fit, customers, { horizon: 5_000 }),
};
const cpu = (f) => {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, call] of Object.entries(calls)) {
  const times = { this: [], base: [] };
  for (const tree of Object.keys(trees)) call(trees[tree]); // warm-up
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ['this', 'base'] : ['base', 'this'];
    for (const tree of order) times[tree].push(cpu(() => call(trees[tree])));
  }
  const line = (tree) =>
    `${median(times[tree]).toFixed(1)} ms (${Math.min(...times[tree]).toFixed(1)}–${Math.max(...times[tree]).toFixed(1)})`;
  console.log(
    `${name}: this ${line('this')}, base ${line('base')}, base ÷ this ${(median(times.base) / median(times.this)).toFixed(1)}`,
  );
}
