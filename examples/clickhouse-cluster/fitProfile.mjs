// Where the time of the benchmark's two BG/NBD fits goes: the raw per-customer rows and their histogram (the
// distinct (frequency, recency, T) with counts, in ascending order as rfmHistogramSql returns it), built in
// process from the benchmark's generator (no engine needed: the engine's histogram equals it, bench.mjs checks
// that), each fitted in a child process of its own (fitChild.mjs) under V8's sampling profiler; prints the
// CPU and wall time of each fit and the functions with the most self time in each profile.
//   flock /tmp/patronage-bench.lock node examples/clickhouse-cluster/fitProfile.mjs [customers]
import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rfmSummaryColumns } from 'patronage';
import { generate } from '../../scripts/bench/data.mjs';

const customers = Number(process.argv[2] ?? 1_000_000);
const data = generate(customers);
const summary = rfmSummaryColumns(
  { customerIndex: data.customer, at: data.at, amount: Float64Array.from(data.cents, (c) => c / 100) },
  { unit: 'week', mergeWithin: 'day', observationEnd: Date.UTC(2023, 11, 31, 23, 59, 59) },
);
const counts = new Map();
for (let i = 0; i < summary.frequency.length; i++) {
  const key = `${summary.frequency[i]},${summary.recency[i]},${summary.T[i]}`;
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
const distinct = [...counts]
  .map(([key, weight]) => [...key.split(',').map(Number), weight])
  .sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
const directory = mkdtempSync(join(tmpdir(), 'patronage-fit-profile-'));
const write = (name, values) =>
  writeFileSync(join(directory, `${name}.f64`), new Uint8Array(Float64Array.from(values).buffer));
write('raw-frequency', summary.frequency);
write('raw-recency', summary.recency);
write('raw-T', summary.T);
for (const [column, name] of ['frequency', 'recency', 'T', 'weight'].entries()) {
  write(
    `histogram-${name}`,
    distinct.map((row) => row[column]),
  );
}
console.log(`${summary.frequency.length} customers, ${distinct.length} distinct (frequency, recency, T)`);

for (const kind of ['raw', 'histogram']) {
  const profiles = join(directory, `profile-${kind}`);
  const result = await new Promise((resolve, reject) => {
    const child = fork(new URL('./fitChild.mjs', import.meta.url), [directory, kind], {
      execArgv: ['--cpu-prof', '--cpu-prof-dir', profiles],
    });
    let message = null;
    child.on('message', (m) => {
      message = m;
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(message) : reject(new Error(`exit ${code}`))));
  });
  const file = readdirSync(profiles).find((name) => name.endsWith('.cpuprofile'));
  const profile = JSON.parse(readFileSync(join(profiles, file), 'utf8'));
  const interval = (profile.endTime - profile.startTime) / 1000 / profile.samples.length; // ms per sample
  const self = new Map();
  for (const node of profile.nodes) {
    const name = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + node.hitCount * interval);
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 12);
  console.log(
    `\n${kind}: fit ${result.cpuMs.toFixed(0)} ms CPU, ${result.wallMs.toFixed(0)} ms wall; the whole child process profiled (${(profile.samples.length * interval).toFixed(0)} ms sampled), most self time:`,
  );
  for (const [name, ms] of top) console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${name}`);
}
rmSync(directory, { recursive: true, force: true });
