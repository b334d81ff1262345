// Issue 17's GGom/NBD figure in one process: fitGgomNbd against fitBgNbd on the fit-bgnbd task's rows (the
// week summary of the benchmark log), alternating, after a warm-up, printing wall and CPU
// (process.cpuUsage) times with medians, ranges and the GGom ÷ BG/NBD ratios. CPU time is the steadier
// figure on a shared machine. With a second dist (`--base <dir>/index.js`, main's build), its fitGgomNbd
// runs in the same rotation, so before and after are timed in the same minutes. Run after
// `npx tsup --silent`, under the bench lock:
//   flock /tmp/patronage-bench.lock node scripts/bench/ggomCpu.mjs [--customers 1000000] [--rounds 3] [--base /tmp/base/index.js]
import { load, materialise } from './data.mjs';

const argv = process.argv.slice(2);
const flag = (name, fallback) => {
  const at = argv.indexOf(name);
  return at === -1 ? fallback : argv[at + 1];
};
const customers = Number(flag('--customers', '1000000'));
const rounds = Number(flag('--rounds', '3'));
const basePath = flag('--base', null);
const here = await import(new URL('../../dist/index.js', import.meta.url).href);
const base = basePath === null ? null : await import(new URL(`file://${basePath}`).href);
const { binary } = materialise(customers);
const data = load(binary);
const columns = here.rfmSummaryColumns(
  { customerIndex: data.customer, at: data.at, amount: data.amount },
  { unit: 'week' },
);
const rows = Array.from(columns.frequency, (frequency, i) => ({
  frequency,
  recency: columns.recency[i],
  T: columns.T[i],
}));
const time = (run) => {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const check = run();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000, check };
};
const contenders = {
  bgNbd: () => here.fitBgNbd(rows),
  ggomNbd: () => here.fitGgomNbd(rows),
  ...(base === null ? {} : { 'ggomNbd (base)': () => base.fitGgomNbd(rows) }),
};
for (const run of Object.values(contenders)) run(); // warm-up
const runs = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
for (let k = 0; k < rounds; k++) {
  const names = Object.keys(contenders);
  // rotate the order so that no contender always runs first
  for (let j = 0; j < names.length; j++) {
    const name = names[(j + k) % names.length];
    runs[name].push(time(contenders[name]));
  }
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const stats = {};
for (const [name, list] of Object.entries(runs)) {
  const wall = list.map((run) => run.wallMs);
  const cpu = list.map((run) => run.cpuMs);
  stats[name] = { wall: median(wall), cpu: median(cpu) };
  const fit = list[list.length - 1].check;
  console.log(
    `${name}: wall median ${median(wall).toFixed(0)} ms [${Math.min(...wall).toFixed(0)}–${Math.max(...wall).toFixed(0)}], cpu median ${median(cpu).toFixed(0)} ms [${Math.min(...cpu).toFixed(0)}–${Math.max(...cpu).toFixed(0)}]; ll ${fit.logLikelihood.toFixed(4)} ${JSON.stringify(fit.params)}`,
  );
}
for (const name of Object.keys(stats).filter((key) => key !== 'bgNbd')) {
  console.log(
    `${name} ÷ bgNbd: cpu ${(stats[name].cpu / stats.bgNbd.cpu).toFixed(2)}×, wall ${(stats[name].wall / stats.bgNbd.wall).toFixed(2)}×`,
  );
}
