// One checkout function in a loop, in this process: warm-up calls, then `runs` runs of `calls` calls, printing
// each run's wall and CPU time per call (µs) and their medians. Run each build in its own process, alternating
// the builds, under `flock /tmp/patronage-bench.lock` (docs/benchmarks.md, "Session 32").
//   node scripts/bench/checkoutLoop.mjs [points|tier] [<dist entry>] [runs] [calls]
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkoutHistory, checkoutTierOptions } from './checkout.mjs';

const [part = 'points', entryArgument = 'dist/index.js', runsText = '5', callsText = '200000'] =
  process.argv.slice(2);
const patronage = await import(pathToFileURL(resolve(entryArgument)).href);
const { ledger, purchases, at } = checkoutHistory(100);
const tierOptions = checkoutTierOptions(at);
const call =
  part === 'points'
    ? () => patronage.pointsBalance(ledger, { at, validityDays: 365 }).balance
    : () => (patronage.tierHistory(purchases, tierOptions)[0].tier === 'gold' ? 1 : 0);
const runs = Number(runsText);
const calls = Number(callsText);
let check = 0;
for (let i = 0; i < 20_000; i++) check += call();
const wall = [];
const cpu = [];
for (let run = 0; run < runs; run++) {
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) check += call();
  const end = process.hrtime.bigint();
  const used = process.cpuUsage(cpuStart);
  wall.push(Number(end - start) / 1000 / calls);
  cpu.push((used.user + used.system) / calls);
}
if (!Number.isFinite(check)) throw new Error('checkoutLoop.mjs: a call gave no number');
const median = (values) => [...values].sort((left, right) => left - right)[values.length >> 1];
const show = (values) => values.map((value) => value.toFixed(2)).join(' ');
console.log(
  `${part} ${entryArgument}: wall median ${median(wall).toFixed(2)} µs (${show(wall)}), cpu median ${median(cpu).toFixed(2)} µs (${show(cpu)})`,
);
