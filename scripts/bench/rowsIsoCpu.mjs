// Issue 14's figure by CPU time in one process: rfmSummary on the ISO row objects of a generated log against
// rfmSummaryColumns on the same log, the two alternating (the order swapped every round) after some warm-up
// calls of each; each call's `process.cpuUsage` (user + system, so V8's GC and compiler threads count).
//   node scripts/bench/rowsIsoCpu.mjs <dist entry> [customers 20000] [rounds 15] [warm-ups 5]
// (run it under `flock /tmp/patronage-bench.lock`; 1,000,000 customers, 9.77M rows, need ~4 GB: add
// --max-old-space-size=16384.) The rows are built as instructions.mjs's rows-iso part builds them (cons strings).
// At 1M customers the columnar calls run here in a heap that also holds the ~2.7 GB of row objects and cost
// 2-4x their CPU time in a process of their own (docs/benchmarks.md, "Session 33"): use ab.mjs there.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generate } from './data.mjs';

const [entry, customersText = '20000', roundsText = '15', warmUpText = '5'] = process.argv.slice(2);
if (entry === undefined)
  throw new Error('usage: rowsIsoCpu.mjs <dist entry> [customers] [rounds] [warm-ups]');
const patronage = await import(pathToFileURL(resolve(entry)).href);
const data = generate(Number(customersText));
const { rows } = data;
const list = new Array(rows);
for (let row = 0; row < rows; row++) {
  list[row] = {
    customerId: `c${data.customer[row]}`,
    at: `${new Date(Math.floor(data.at[row] / 1000) * 1000).toISOString().slice(0, 19)}Z`,
    amount: data.cents[row] / 100,
  };
}
const columns = {
  customerIndex: data.customer.subarray(0, rows),
  at: data.at.subarray(0, rows),
  amount: Float64Array.from(data.cents.subarray(0, rows), (cents) => cents / 100),
};
const calls = {
  iso: () => patronage.rfmSummary(list, { unit: 'week' }).length,
  columns: () => patronage.rfmSummaryColumns(columns, { unit: 'week' }).frequency.length,
};
const cpu = { iso: [], columns: [] };
for (let index = 0; index < Number(warmUpText); index++) {
  calls.iso();
  calls.columns();
}
for (let round = 0; round < Number(roundsText); round++) {
  for (const name of round % 2 === 1 ? ['iso', 'columns'] : ['columns', 'iso']) {
    const before = process.cpuUsage();
    calls[name]();
    const used = process.cpuUsage(before);
    cpu[name].push((used.user + used.system) / 1000);
  }
}
const median = (values) => {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[sorted.length >> 1];
};
const range = (values) =>
  [Math.min(...values), Math.max(...values)].map((value) => Math.round(value * 10) / 10);
console.log(
  JSON.stringify({
    rows,
    isoMs: median(cpu.iso),
    isoRangeMs: range(cpu.iso),
    columnsMs: median(cpu.columns),
    columnsRangeMs: range(cpu.columns),
    ratio: median(cpu.iso) / median(cpu.columns),
  }),
);
