// Session 30 (issue 18): fitBgNbd on the ordered histogram against fitBgNbd on the raw per-customer columns,
// for two builds taking turns in one run. The rows are those of the fit-histogram-ratio task (task.mjs: 1M
// customers of the benchmark's log, weeks, purchases of a day merged), prepared once into a file; each child
// process loads them, checks that the two fits give the same JSON, then times `runs` fits of each (which
// goes first alternating), CPU (user + system) and wall. Hold the bench lock around it:
//   flock /tmp/patronage-bench.lock node scripts/bench/histogramFitAb.mjs <distA/index.js> <distB/index.js> [rounds] [runs]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { load, materialise } from './data.mjs';

const file = join(tmpdir(), 'patronage-histogram-fit-1000000.bin');
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function readRows() {
  const bytes = readFileSync(file);
  const all = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
  const [n, m] = [all[0], all[1]];
  const at = (offset, length) => all.slice(offset, offset + length);
  const o = 2 + 3 * n;
  return {
    raw: { frequency: at(2, n), recency: at(2 + n, n), T: at(2 + 2 * n, n) },
    histogram: { frequency: at(o, m), recency: at(o + m, m), T: at(o + 2 * m, m), weight: at(o + 3 * m, m) },
  };
}

async function prepare(dist) {
  if (existsSync(file)) return;
  const patronage = await import(pathToFileURL(dist).href);
  const data = load(materialise(1_000_000).binary);
  const summary = patronage.rfmSummaryColumns(
    { customerIndex: data.customer, at: data.at, amount: data.amount },
    { unit: 'week', mergeWithin: 'day', observationEnd: Date.UTC(2023, 11, 31, 23, 59, 59) },
  );
  const n = summary.frequency.length;
  const counts = new Map();
  for (let i = 0; i < n; i++) {
    const key = `${summary.frequency[i]},${summary.recency[i]},${summary.T[i]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const distinct = [...counts.keys()]
    .map((key) => key.split(',').map(Number))
    .sort((l, r) => l[0] - r[0] || l[1] - r[1] || l[2] - r[2]);
  const m = distinct.length;
  const out = new Float64Array(2 + 3 * n + 4 * m);
  out.set([n, m]);
  out.set(summary.frequency, 2);
  out.set(summary.recency, 2 + n);
  out.set(summary.T, 2 + 2 * n);
  let o = 2 + 3 * n;
  for (let j = 0; j < 4; j++) {
    for (const row of distinct) out[o++] = j < 3 ? row[j] : counts.get(row.join(','));
  }
  writeFileSync(file, out);
}

async function child(dist, runs) {
  const patronage = await import(pathToFileURL(dist).href);
  const { raw, histogram } = readRows();
  const fits = { histogram: () => patronage.fitBgNbd(histogram), raw: () => patronage.fitBgNbd(raw) };
  const same = JSON.stringify(fits.histogram()) === JSON.stringify(fits.raw());
  const result = { same, histogram: { wall: [], cpu: [] }, raw: { wall: [], cpu: [] } };
  for (let index = 0; index < runs; index++) {
    for (const name of index % 2 === 0 ? ['histogram', 'raw'] : ['raw', 'histogram']) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      fits[name]();
      result[name].wall.push(performance.now() - started);
      const used = process.cpuUsage(cpu);
      result[name].cpu.push((used.user + used.system) / 1000);
    }
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], Number(process.argv[4]));
} else {
  const [a, b] = process.argv.slice(2, 4);
  const rounds = Number(process.argv[4] ?? 5);
  const runs = Number(process.argv[5] ?? 3);
  await prepare(a);
  const builds = { A: a, B: b };
  const all = { A: [], B: [] };
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 === 0 ? ['A', 'B'] : ['B', 'A']) {
      const run = spawnSync(process.execPath, [import.meta.filename, '--child', builds[name], String(runs)], {
        encoding: 'utf8',
        maxBuffer: 1 << 24,
      });
      if (run.status !== 0) throw new Error(run.stderr);
      const result = JSON.parse(run.stdout);
      all[name].push(result);
      const ratio = median(result.histogram.cpu) / median(result.raw.cpu);
      console.error(
        `round ${round} ${name}: same ${result.same}, CPU histogram ${result.histogram.cpu.map(Math.round)} raw ${result.raw.cpu.map(Math.round)} (÷ ${ratio.toFixed(3)}), wall histogram ${result.histogram.wall.map(Math.round)} raw ${result.raw.wall.map(Math.round)}`,
      );
    }
  }
  const summary = {};
  for (const name of ['A', 'B']) {
    const pool = (fit, what) => all[name].flatMap((result) => result[fit][what]);
    const describe = (values) => ({
      median: Math.round(median(values)),
      range: [Math.round(Math.min(...values)), Math.round(Math.max(...values))],
    });
    summary[name] = {
      dist: builds[name],
      allSame: all[name].every((result) => result.same),
      cpu: { histogram: describe(pool('histogram', 'cpu')), raw: describe(pool('raw', 'cpu')) },
      wall: { histogram: describe(pool('histogram', 'wall')), raw: describe(pool('raw', 'wall')) },
      cpuRatio: median(pool('histogram', 'cpu')) / median(pool('raw', 'cpu')),
      wallRatio: median(pool('histogram', 'wall')) / median(pool('raw', 'wall')),
      cpuRatioPerChild: all[name].map((r) => +(median(r.histogram.cpu) / median(r.raw.cpu)).toFixed(3)),
      wallRatioPerChild: all[name].map((r) => +(median(r.histogram.wall) / median(r.raw.wall)).toFixed(3)),
    };
  }
  console.log(JSON.stringify(summary, null, 2));
}
