// Same-run A/B of scoreCustomers between trees (session 34, docs/benchmarks.md "Session 34: all BG/NBD outputs
// in bulk"): each tree's default call (P(alive) and expected purchases, horizon 52), its chance of no purchase
// alone and all four outputs, on the weekly summary of the benchmark log with the `score-customers` fit, one
// warm-up of each, then `rounds` rounds in an order rotating each round; CPU medians (process.cpuUsage) with
// ranges, and the ratios of the medians between consecutive trees and to the first. BENCH_FORCE_GC=1 (with
// node --expose-gc) runs gc() before each call. Build each tree (`npx tsup --silent`) first, then:
//   flock /tmp/patronage-bench.lock node scripts/bench/scoreOutputsAb.mjs /tmp/patronage-bench/log-v3-1000000.bin 9 \
//     main=/path/to/main/dist/index.js new=dist/index.js
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { load } from './data.mjs';

const [logPath, roundsText, ...treeArguments] = process.argv.slice(2);
const rounds = Number(roundsText ?? 7);
const trees = {};
for (const argument of treeArguments) {
  const [name, entry] = argument.split('=');
  trees[name] = await import(pathToFileURL(resolve(entry)).href);
}
const names = Object.keys(trees);
if (names.length === 0) throw new Error('name one or more trees as name=path/to/dist/index.js');
const data = load(logPath);
const columns = trees[names[0]].rfmSummaryColumns(
  { customerIndex: data.customer, at: data.at, amount: data.amount },
  { unit: 'week' },
);
const customers = { frequency: columns.frequency, recency: columns.recency, T: columns.T };
const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } };
const calls = {
  default: { horizon: 52 },
  probabilityNoPurchase: { horizon: 52, outputs: ['probabilityNoPurchase'] },
  all: {
    horizon: 52,
    outputs: [
      'probabilityAlive',
      'expectedPurchases',
      'probabilityNoPurchase',
      'discountedExpectedTransactions',
    ],
    discountRate: 0.1,
    timeUnit: 'week',
  },
};
const tasks = {};
for (const tree of names) {
  for (const [call, options] of Object.entries(calls)) {
    tasks[`${tree} ${call}`] = () => trees[tree].scoreCustomers(fit, customers, options);
  }
}
for (const run of Object.values(tasks)) run(); // warm-up
const forceGc = process.env.BENCH_FORCE_GC === '1';
const runs = Object.fromEntries(Object.keys(tasks).map((name) => [name, []]));
const order = Object.keys(tasks);
for (let round = 0; round < rounds; round++) {
  for (let k = 0; k < order.length; k++) {
    const name = order[(k + round) % order.length];
    if (forceGc) globalThis.gc();
    const cpu = process.cpuUsage();
    tasks[name]();
    const used = process.cpuUsage(cpu);
    runs[name].push((used.user + used.system) / 1000);
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const of = (name) => median(runs[name]);
console.log(
  `customers ${columns.frequency.length}, rounds ${rounds}${forceGc ? ', gc() before each call' : ''}`,
);
for (const [name, list] of Object.entries(runs)) {
  console.log(
    `${name}: cpu median ${median(list).toFixed(0)} ms [${Math.min(...list).toFixed(0)}–${Math.max(...list).toFixed(0)}]`,
  );
}
for (const call of Object.keys(calls)) {
  const ratios = names
    .slice(1)
    .map(
      (tree, i) => `${tree}/${names[i]} ${(of(`${tree} ${call}`) / of(`${names[i]} ${call}`)).toFixed(2)}`,
    );
  console.log(`${call}: ${ratios.join(', ')}`);
}
for (const tree of names)
  console.log(`${tree}: all/default ${(of(`${tree} all`) / of(`${tree} default`)).toFixed(2)}`);
