// Issue 18's bar without the engine: the BG/NBD fit on the weighted histogram against the fit on the raw
// per-customer rows, each fit in a child process of its own (examples/clickhouse-cluster/fitChild.mjs, the
// cluster benchmark's child), on the benchmark's 1M customers (~9.8M transactions, weeks, purchases of one
// day merged, as bench.mjs sets up). The histogram is built here in canonical order (ascending x, tₓ, T), which
// is the order of rfmHistogramSql's ORDER BY, so it is the rows bench.mjs gets from the cluster; the two fits
// are checked to give the same bits. Rounds alternate the order of the two kinds.
//   npx tsup --silent && flock /tmp/patronage-bench.lock node scripts/bench/histogramFitChildren.mjs [rounds=7] [base]
// base: the root of another tree with its own build (for example `git worktree add /tmp/base main`, a
// node_modules link and `npx tsup --silent` there): its fitChild.mjs fits the same files in the same rounds,
// the two trees taking turns, so that both ratios come from the same minutes.
// BENCH_MERGE_WITHIN=week (default day): purchases of one week merged instead of one day, as bench.mjs's
// variable of that name (far fewer distinct rows).
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rfmSummaryColumns } from '../../dist/index.js';
import { generate } from './data.mjs';

const rounds = Number(process.argv[2] ?? 7);
const base = process.argv[3] ?? null;
const mergeWithin = process.env.BENCH_MERGE_WITHIN ?? 'day';
const data = generate(1_000_000);
const summary = rfmSummaryColumns(
  { customerIndex: data.customer, at: data.at, amount: Float64Array.from(data.cents, (c) => c / 100) },
  { unit: 'week', mergeWithin, observationEnd: Date.UTC(2023, 11, 31, 23, 59, 59) },
);
const n = summary.frequency.length;
const order = Array.from({ length: n }, (_, i) => i).sort(
  (i, j) =>
    summary.frequency[i] - summary.frequency[j] ||
    summary.recency[i] - summary.recency[j] ||
    summary.T[i] - summary.T[j],
);
const hx = [];
const htx = [];
const hT = [];
const hw = [];
for (const i of order) {
  const last = hx.length - 1;
  if (
    last >= 0 &&
    hx[last] === summary.frequency[i] &&
    htx[last] === summary.recency[i] &&
    hT[last] === summary.T[i]
  )
    hw[last]++;
  else {
    hx.push(summary.frequency[i]);
    htx.push(summary.recency[i]);
    hT.push(summary.T[i]);
    hw.push(1);
  }
}
const directory = mkdtempSync(join(tmpdir(), 'patronage-hist-'));
const write = (name, values) =>
  writeFileSync(join(directory, `${name}.f64`), new Uint8Array(Float64Array.from(values).buffer));
write('raw-frequency', summary.frequency);
write('raw-recency', summary.recency);
write('raw-T', summary.T);
write('histogram-frequency', hx);
write('histogram-recency', htx);
write('histogram-T', hT);
write('histogram-weight', hw);
console.log(
  `${data.rows} transactions, ${n} customers, ${hx.length} histogram rows (purchases within a ${mergeWithin} merged)`,
);
const trees = [
  { name: 'this tree', child: new URL('../../examples/clickhouse-cluster/fitChild.mjs', import.meta.url) },
];
if (base !== null) {
  trees.push({ name: base, child: join(base, 'examples', 'clickhouse-cluster', 'fitChild.mjs') });
}
const child = (tree, kind) =>
  new Promise((resolve, reject) => {
    const process = fork(tree.child, [directory, kind], { execArgv: [] });
    let result = null;
    process.on('message', (message) => {
      result = message;
    });
    process.on('exit', (code) =>
      code === 0 && result !== null ? resolve(result) : reject(new Error(`${kind}: exit ${code}`)),
    );
  });
const times = trees.map(() => ({ raw: [], histogram: [] }));
const bits = trees.map(() => null);
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? trees.map((_, t) => t) : trees.map((_, t) => t).reverse();
  for (const t of order) {
    for (const kind of round % 2 === 0 ? ['raw', 'histogram'] : ['histogram', 'raw']) {
      const result = await child(trees[t], kind);
      times[t][kind].push(result);
      const params = JSON.stringify(JSON.parse(result.fit).params);
      if (bits[t] === null) bits[t] = params;
      else if (params !== bits[t])
        throw new Error(
          `${trees[t].name}: the ${kind} fit's parameters differ: ${params} against ${bits[t]}`,
        );
    }
  }
}
rmSync(directory, { recursive: true, force: true });
const stats = (list, key) => {
  const values = list.map((r) => r[key]).sort((a, b) => a - b);
  return { median: values[Math.floor(values.length / 2)], min: values[0], max: values[values.length - 1] };
};
trees.forEach((tree, t) => {
  console.log(`${tree.name}: parameters ${bits[t]}`);
  for (const key of ['cpuMs', 'wallMs']) {
    const raw = stats(times[t].raw, key);
    const histogram = stats(times[t].histogram, key);
    const fmt = (s) => `${s.median.toFixed(0)} ms (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;
    const perRound = times[t].histogram.map((h, i) => (h[key] / times[t].raw[i][key]).toFixed(2)).join(', ');
    console.log(
      `  ${key}: histogram ${fmt(histogram)}, raw ${fmt(raw)}, ratio of medians ${(histogram.median / raw.median).toFixed(3)} (by round: ${perRound})`,
    );
  }
});
