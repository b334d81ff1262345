// A/B in the same minutes: runs each task alternately in this tree and one or two base trees (each tree's
// own scripts/bench/task.mjs against its own dist; build every tree with `npx tsup --silent` first) and
// prints, per task and size, the medians, ranges and ratios.
//   node scripts/bench/ab.mjs --base <dir> [--base2 <dir>] --tasks a,b [--sizes 100000] [--rounds 5]
//        [--runs 3] [--force-gc] [--borrow] [--this-script]
// One child process per tree, task, size and round: `task.mjs <task> <binary> <csv> <runs>` (one warm-up
// and `--runs` timed runs, 3 by default), each under `flock /tmp/patronage-bench.lock`. A child's figure is
// the median of its timed runs; a tree's is the median of its children's, with their range. The trees take
// turns in a rotating order (round k starts with tree k), so no tree always runs first. A task that a base
// tree's task.mjs does not define is skipped there, unless `--borrow`: then this tree's task.mjs runs
// against that tree's dist (BENCH_DIST), which is fair only where the task's code did not change;
// `--this-script` does that for every task and tree (older task.mjs files, before 2026-12, force a GC
// between timed runs whatever BENCH_FORCE_GC says: ab.mjs warns when a base's does).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { materialise, materialiseExport } from './data.mjs';

const LOCK = '/tmp/patronage-bench.lock';

function parseArguments(argv) {
  const options = {
    bases: [],
    sizes: [100_000],
    rounds: 5,
    runs: 3,
    forceGc: false,
    borrow: false,
    tasks: [],
  };
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index];
    const value = () => {
      const next = argv[++index];
      if (next === undefined) throw new Error(`ab.mjs: ${flag} needs a value`);
      return next;
    };
    if (flag === '--base' || flag === '--base2') options.bases.push(resolve(value()));
    else if (flag === '--tasks') options.tasks = value().split(',').filter(Boolean);
    else if (flag === '--sizes') options.sizes = value().split(',').map(Number);
    else if (flag === '--rounds') options.rounds = Number(value());
    else if (flag === '--runs') options.runs = Number(value());
    else if (flag === '--force-gc') options.forceGc = true;
    else if (flag === '--borrow') options.borrow = true;
    else if (flag === '--this-script') options.thisScript = true;
    else throw new Error(`ab.mjs: unknown argument ${flag}`);
  }
  if (options.bases.length === 0 || options.tasks.length === 0) {
    throw new Error(
      'usage: ab.mjs --base <dir> [--base2 <dir>] --tasks a,b [--sizes n] [--rounds 5] [--runs 3] [--force-gc] [--borrow]',
    );
  }
  for (const size of options.sizes)
    if (!Number.isSafeInteger(size) || size <= 0) throw new Error(`ab.mjs: bad size ${size}`);
  for (const count of [options.rounds, options.runs]) {
    if (!Number.isSafeInteger(count) || count <= 0) throw new Error(`ab.mjs: bad count ${count}`);
  }
  return options;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Whether the tree's task.mjs defines `task` (a key `'task':` in one of its task tables). */
function defines(tree, task) {
  const source = readFileSync(join(tree, 'scripts/bench/task.mjs'), 'utf8');
  return source.includes(`'${task}':`) || source.includes(`"${task}":`);
}

const options = parseArguments(process.argv.slice(2));
const here = resolve(import.meta.dirname, '..', '..');
const trees = [here, ...options.bases];
for (const tree of trees) {
  if (!existsSync(join(tree, 'dist/index.js')))
    throw new Error(`ab.mjs: ${tree} has no dist (npx tsup --silent there)`);
}
for (const tree of options.bases) {
  const source = readFileSync(join(tree, 'scripts/bench/task.mjs'), 'utf8');
  if (!options.thisScript && !source.includes('BENCH_FORCE_GC')) {
    console.error(
      `ab.mjs: ${tree}'s task.mjs forces a GC between timed runs always (--this-script avoids it)`,
    );
  }
}
const label = (tree) => (tree === here ? 'this' : tree);

// plan: per task and tree, which task.mjs runs it (its own, this tree's with --borrow, or none)
const plans = new Map();
for (const task of options.tasks) {
  if (!defines(here, task)) throw new Error(`ab.mjs: this tree's task.mjs has no task ${task}`);
  for (const tree of options.bases) {
    let script = join(tree, 'scripts/bench/task.mjs');
    if (options.thisScript) script = join(here, 'scripts/bench/task.mjs');
    else if (!defines(tree, task)) {
      if (!options.borrow) {
        console.error(
          `ab.mjs: ${tree} has no task ${task}: skipped there (--borrow runs this tree's task.mjs on its dist)`,
        );
        script = null;
      } else {
        console.error(`ab.mjs: ${tree} has no task ${task}: running this tree's task.mjs against its dist`);
        script = join(here, 'scripts/bench/task.mjs');
      }
    }
    plans.set(`${task}@${tree}`, script);
  }
  plans.set(`${task}@${here}`, join(here, 'scripts/bench/task.mjs'));
}

function runChild(tree, script, task, binary, csv) {
  const env = { ...process.env, BENCH_FORCE_GC: options.forceGc ? '1' : '' };
  if (script !== join(tree, 'scripts/bench/task.mjs')) env.BENCH_DIST = join(tree, 'dist/index.js');
  else delete env.BENCH_DIST;
  const output = execFileSync(
    'flock',
    [
      LOCK,
      process.execPath,
      '--expose-gc',
      '--max-old-space-size=16384',
      script,
      task,
      binary,
      csv,
      String(options.runs),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], cwd: tree, env },
  );
  return JSON.parse(output.trim().split('\n').at(-1));
}

const loadStart = loadavg();
const started = new Date();
console.error(
  `ab.mjs ${started.toISOString()} load ${loadStart.map((value) => value.toFixed(2)).join(' ')}; ` +
    `${options.rounds} rounds, ${options.runs} timed runs per child (after one warm-up), forced GC ${options.forceGc ? 'on' : 'off'}`,
);
const results = [];
for (const customers of options.sizes) {
  const { binary, csv: plainCsv } = materialise(customers);
  for (const task of options.tasks) {
    const csv = /^(cli|duckdb-csv)-/.test(task) ? materialiseExport(customers) : plainCsv;
    const runnable = trees.filter((tree) => plans.get(`${task}@${tree}`) !== null);
    const samples = new Map(runnable.map((tree) => [tree, []]));
    for (let round = 0; round < options.rounds; round++) {
      for (let turn = 0; turn < runnable.length; turn++) {
        const tree = runnable[(round + turn) % runnable.length];
        const result = runChild(tree, plans.get(`${task}@${tree}`), task, binary, csv);
        samples.get(tree).push(result);
        console.error(
          `  ${customers} ${task} round ${round + 1} ${label(tree)}: median ${result.medianMs.toFixed(1)} ms ` +
            `[${(result.timesMs ?? []).join(', ')}]` +
            (result.medianCpuMs === undefined
              ? ''
              : ` CPU median ${result.medianCpuMs.toFixed(1)} ms [${result.cpuTimesMs.join(', ')}]`) +
            ` peak RSS ${result.peakRssMb.toFixed(0)} MB  check ${result.check}`,
        );
      }
    }
    results.push({ customers, task, samples });
  }
}
const loadEnd = loadavg();

console.log(
  `\nA/B ${started.toISOString()} to ${new Date().toISOString()}; load ${loadStart[0].toFixed(2)} -> ${loadEnd[0].toFixed(2)} (1-min); ` +
    `${options.rounds} rounds x ${options.runs} timed runs per child; forced GC ${options.forceGc ? 'on' : 'off'}`,
);
trees.forEach((tree, index) => {
  console.log(`tree ${index === 0 ? 'A (this)' : String.fromCharCode(65 + index)}: ${tree}`);
});
console.log(
  '\n| customers | task | tree | median ms | range ms (child medians) | CPU median ms | CPU range ms | peak RSS MB | tree ÷ A | CPU tree ÷ A |',
);
console.log('| ---: | --- | --- | ---: | --- | ---: | --- | ---: | ---: | ---: |');
// a child's CPU figure (task.mjs's `medianCpuMs`; older task.mjs files give none)
const cpuOf = (list) => list.map((result) => result.medianCpuMs).filter((value) => value !== undefined);
for (const { customers, task, samples } of results) {
  const mine = median(samples.get(here).map((result) => result.medianMs));
  const mineCpu = cpuOf(samples.get(here));
  trees.forEach((tree, index) => {
    const name = index === 0 ? 'A (this)' : String.fromCharCode(65 + index);
    const list = samples.get(tree);
    if (list === undefined) {
      console.log(`| ${customers} | ${task} | ${name} | skipped: no such task there | | | |`);
      return;
    }
    const medians = list.map((result) => result.medianMs);
    const value = median(medians);
    const peak = Math.max(...list.map((result) => result.peakRssMb));
    const cpu = cpuOf(list);
    const cpuCells =
      cpu.length === 0
        ? '| | '
        : `| ${median(cpu).toFixed(1)} | ${Math.min(...cpu).toFixed(1)}–${Math.max(...cpu).toFixed(1)} `;
    const cpuRatio =
      cpu.length === 0 || mineCpu.length === 0 ? '' : (median(cpu) / median(mineCpu)).toFixed(2);
    console.log(
      `| ${customers} | ${task} | ${name} | ${value.toFixed(1)} | ${Math.min(...medians).toFixed(1)}–${Math.max(...medians).toFixed(1)} ${cpuCells}| ${peak.toFixed(0)} | ${(value / mine).toFixed(2)} | ${cpuRatio} |`,
    );
  });
}
