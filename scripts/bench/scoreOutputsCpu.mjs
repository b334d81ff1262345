// Issue 17's bar "all predictions for 1M customers within 2× scoreCustomers for BG/NBD", in one process:
// scoreCustomers with its default outputs (P(alive) and expected purchases, horizon 52) against each output
// of `options.outputs` alone and all four together, on the weekly summary of the benchmark log (the
// `score-customers` task's columns and fit), alternating after a warm-up, printing CPU (process.cpuUsage)
// and wall medians with ranges and the CPU ratio to the default call. Run after `npx tsup --silent`, under
// the bench lock:
//   flock /tmp/patronage-bench.lock node scripts/bench/scoreOutputsCpu.mjs /tmp/patronage-bench/log-v3-1000000.bin [rounds]
// With BASE_DIST=<another tree's dist/index.js>, also times that tree's per-customer
// discountedExpectedTransactions on the first 2,000 customers (its cost per customer, for comparison).
import { load } from './data.mjs';

const patronage = await import(new URL('../../dist/index.js', import.meta.url).href);
const data = load(process.argv[2]);
const rounds = Number(process.argv[3] ?? 5);
const columns = patronage.rfmSummaryColumns(
  { customerIndex: data.customer, at: data.at, amount: data.amount },
  { unit: 'week' },
);
const customers = { frequency: columns.frequency, recency: columns.recency, T: columns.T };
const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } };
const discount = { discountRate: 0.1, timeUnit: 'week' };
const time = (run) => {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = run();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000, result };
};
const score = (options) => () => patronage.scoreCustomers(fit, customers, options);
const tasks = {
  default: score({ horizon: 52 }),
  probabilityAlive: score({ horizon: 52, outputs: ['probabilityAlive'] }),
  expectedPurchases: score({ horizon: 52, outputs: ['expectedPurchases'] }),
  probabilityNoPurchase: score({ horizon: 52, outputs: ['probabilityNoPurchase'] }),
  discountedExpectedTransactions: score({ outputs: ['discountedExpectedTransactions'], ...discount }),
  all: score({
    horizon: 52,
    outputs: [
      'probabilityAlive',
      'expectedPurchases',
      'probabilityNoPurchase',
      'discountedExpectedTransactions',
    ],
    ...discount,
  }),
};
for (const run of Object.values(tasks)) run(); // warm-up
const runs = Object.fromEntries(Object.keys(tasks).map((name) => [name, []]));
for (let round = 0; round < rounds; round++) {
  // rotate the order each round, so no task always runs first
  const names = Object.keys(tasks);
  for (let k = 0; k < names.length; k++) {
    const name = names[(k + round) % names.length];
    runs[name].push(time(tasks[name]));
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const base = median(runs.default.map((run) => run.cpuMs));
console.log(`customers ${columns.frequency.length}, rounds ${rounds}`);
for (const [name, list] of Object.entries(runs)) {
  const wall = list.map((run) => run.wallMs);
  const cpu = list.map((run) => run.cpuMs);
  const check = Object.values(list[0].result)
    .map((column) => column.reduce((sum, value) => sum + value, 0).toFixed(1))
    .join(',');
  console.log(
    `${name}: cpu median ${median(cpu).toFixed(0)} ms [${Math.min(...cpu).toFixed(0)}–${Math.max(...cpu).toFixed(0)}], wall median ${median(wall).toFixed(0)} ms [${Math.min(...wall).toFixed(0)}–${Math.max(...wall).toFixed(0)}], cpu ratio to default ${(median(cpu) / base).toFixed(2)}; column sums ${check}`,
  );
}
if (process.env.BASE_DIST) {
  const old = await import(new URL(process.env.BASE_DIST, 'file:///').href);
  const sample = 2000;
  const { cpuMs, result } = time(() => {
    let sum = 0;
    for (let i = 0; i < sample; i++) {
      sum += old.discountedExpectedTransactions(
        fit,
        { frequency: columns.frequency[i], recency: columns.recency[i], T: columns.T[i] },
        discount,
      );
    }
    return sum;
  });
  console.log(
    `base per-customer discountedExpectedTransactions, ${sample} customers: cpu ${cpuMs.toFixed(0)} ms (${((cpuMs / sample) * 1000).toFixed(0)} µs each), sum ${result.toFixed(3)}`,
  );
}
