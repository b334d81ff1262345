// Issue 17's CNBD-k speed figure in one process: fitBgNbd, fitBgCnbd at k = 2 and fitBgCnbd searching k on
// the same rows (data.mjs erlangColumns of the benchmark log), alternating, after a warm-up, printing wall and
// CPU (process.cpuUsage) times with medians, ranges and the ratios to BG/NBD. Run after `npx tsup --silent`,
// under the bench lock:
//   flock /tmp/patronage-bench.lock node scripts/bench/cnbdCpu.mjs /tmp/patronage-bench/log-v3-1000000.bin [rounds]
import { erlangColumns, load } from './data.mjs';

const patronage = await import(new URL('../../dist/index.js', import.meta.url).href);
const rows = erlangColumns(load(process.argv[2]));
const rounds = Number(process.argv[3] ?? 3);
const time = (run) => {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = run();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000, result };
};
const tasks = {
  bgNbd: () => patronage.fitBgNbd(rows),
  'bgCnbd k=2': () => patronage.fitBgCnbd(rows, { k: 2 }),
  'bgCnbd search': () => patronage.fitBgCnbd(rows),
};
const small = Object.fromEntries(
  Object.entries(rows).map(([name, column]) => [name, column.subarray(0, 20_000)]),
);
patronage.fitBgNbd(small);
patronage.fitBgCnbd(small, { maxK: 3 });
const runs = Object.fromEntries(Object.keys(tasks).map((name) => [name, []]));
for (let round = 0; round < rounds; round++) {
  for (const [name, run] of Object.entries(tasks)) runs[name].push(time(run));
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const base = median(runs.bgNbd.map((run) => run.cpuMs));
for (const [name, list] of Object.entries(runs)) {
  const wall = list.map((run) => run.wallMs);
  const cpu = list.map((run) => run.cpuMs);
  const fit = list[0].result;
  console.log(
    `${name}: wall median ${median(wall).toFixed(0)} ms [${Math.min(...wall).toFixed(0)}–${Math.max(...wall).toFixed(0)}], cpu median ${median(cpu).toFixed(0)} ms [${Math.min(...cpu).toFixed(0)}–${Math.max(...cpu).toFixed(0)}], cpu ratio ${(median(cpu) / base).toFixed(2)}; k=${fit.params.k ?? 1} ll=${fit.logLikelihood?.toFixed(2)} rows=${fit.distinctRows} it=${fit.iterations}${fit.regularity ? ` tried=${fit.regularity.map((entry) => entry.k).join(',')}` : ''}`,
  );
}
