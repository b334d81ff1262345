// Instructions per call of one checkout function, counted by valgrind's callgrind: the same count on every
// run, where wall time on this shared machine moves by more than the effects being weighed (docs/benchmarks.md,
// "Session 28"). Node runs with --predictable (no concurrent compilation) and fixed seeds; after 5,000 warm-up
// calls the difference between 3,000 and 1,000 calls, halved, is one call's count.
//   node scripts/bench/instructions.mjs [points|tier|rows-iso|rows-iso-flat|columns] [<dist entry>] [--functions]
// (rows-iso and the others: instructions per row of issue 14's rows-iso figure, 5 warm-up calls, then 3
// calls less 1, over 2 × 198,463 rows.)
// (valgrind on the PATH; ~20 s per count, ~40 s with --functions). --functions also says where the instructions
// go: callgrind's per-instruction counts are attributed to V8's compiled functions through the map node writes
// with --perf-basic-prof (/tmp/perf-<pid>.map), and to native functions by name; it prints the heaviest per call,
// and the sum over JavaScript functions and V8 builtins alone (what a change of the library's code moves; the
// rest is V8's own work, such as compiling a function that happens to be optimised inside the counted calls).
// The child mode (`--calls N`) is what valgrind runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkoutHistory, checkoutTierOptions } from './checkout.mjs';
import { generate } from './data.mjs';

// issue 14's rows-iso parts: the log of 20,000 customers (198,463 rows, in time order)
const ISO_LOG = generate(20_000);
const ISO_ROWS = ISO_LOG.rows;

const [part = 'points', entryArgument, flag, callsText] = process.argv.slice(2);
const entry = resolve(entryArgument ?? join(import.meta.dirname, '..', '..', 'dist', 'index.js'));
// Each part: warm-up calls, the two counts of calls whose difference is weighed, and what one call is made of
// (a count is printed per unit: per call for checkout, per row for the rows-iso parts).
const PARTS = {
  points: { warmUp: 5_000, few: 1_000, many: 3_000, units: 1, unit: 'call' },
  tier: { warmUp: 5_000, few: 1_000, many: 3_000, units: 1, unit: 'call' },
  // issue 14's rows-iso figure: rfmSummary on the 198,463 rows of 20,000 customers in time order
  // (`{ customerId: 'c123', at: '2022-01-01T14:06:33Z', amount: 45.2 }`), its dates built as task.mjs's
  // rfm-rows-iso builds them (a template literal around `toISOString().slice(0, 19)`: cons strings), or flat
  // (the same strings through JSON.parse, as rows read from a file are), against rfmSummaryColumns on the
  // same data
  'rows-iso': { warmUp: 5, few: 1, many: 3, units: ISO_ROWS, unit: 'row' },
  'rows-iso-flat': { warmUp: 5, few: 1, many: 3, units: ISO_ROWS, unit: 'row' },
  columns: { warmUp: 5, few: 1, many: 3, units: ISO_ROWS, unit: 'row' },
};
const spec = PARTS[part];
if (spec === undefined) throw new Error(`instructions.mjs: ${Object.keys(PARTS).join(', ')}; got ${part}`);

if (flag === '--calls') {
  const patronage = await import(pathToFileURL(entry).href);
  const call = await makeCall(patronage);
  let check = 0;
  for (let i = 0; i < spec.warmUp + Number(callsText); i++) check += call();
  if (!Number.isFinite(check)) throw new Error('instructions.mjs: a call gave no number');
} else {
  const byFunction = flag === '--functions';
  const directory = mkdtempSync(join(tmpdir(), 'patronage-callgrind-'));
  // one callgrind run of `calls` calls: its total, and (byFunction) its instructions by function name
  const count = (calls) => {
    const out = join(directory, `callgrind.${calls}`);
    const detail = byFunction ? ['--dump-instr=yes', '--compress-pos=no', '--compress-strings=no'] : [];
    const run = spawnSync(
      'valgrind',
      [
        '--tool=callgrind',
        `--callgrind-out-file=${out}`,
        ...detail,
        process.execPath,
        '--predictable',
        '--hash-seed=1',
        '--random-seed=1',
        ...(byFunction ? ['--perf-basic-prof'] : []),
        import.meta.filename,
        part,
        entry,
        '--calls',
        String(calls),
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    if (run.status !== 0) throw new Error(`instructions.mjs: valgrind failed: ${run.stderr}`);
    const text = readFileSync(out, 'utf8');
    const summary = /^summary: (\d+)/m.exec(text);
    if (summary === null) throw new Error(`instructions.mjs: no summary line in ${out}`);
    if (!byFunction) return { total: Number(summary[1]), functions: null };
    const map = `/tmp/perf-${run.pid}.map`;
    if (!existsSync(map)) throw new Error(`instructions.mjs: node wrote no ${map}`);
    const functions = attribute(text, readFileSync(map, 'utf8'));
    rmSync(map, { force: true });
    return { total: Number(summary[1]), functions };
  };
  try {
    const few = count(spec.few);
    const many = count(spec.many);
    const per = (many.total - few.total) / ((spec.many - spec.few) * spec.units);
    console.log(`${part} ${entry}: ${Math.round(per)} instructions per ${spec.unit}`);
    if (byFunction) report(few.functions, many.functions, (spec.many - spec.few) * spec.units);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

// Self instructions by function: each cost line of the callgrind file (`0x<address> <line> <count>`, with the
// line after a `calls=` line being a call's inclusive cost, skipped) goes to the compiled JavaScript function
// or builtin whose code holds the address (from the perf map: `<start> <size> <name>` in hex), else to the
// native function callgrind names.
function attribute(callgrind, perfMap) {
  const ranges = perfMap
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [start, size, ...name] = line.split(' ');
      // a function's source position (`file:line:column`) moves with every edit; its name and file do not
      const label = name
        .join(' ')
        .replace(/:\d+:\d+$/, '')
        .replace(/file:\/\/\S*\//, '');
      return {
        start: Number.parseInt(start, 16),
        end: Number.parseInt(start, 16) + Number.parseInt(size, 16),
        label,
      };
    })
    .sort((left, right) => left.start - right.start);
  const byName = new Map();
  const add = (name, cost) => byName.set(name, (byName.get(name) ?? 0) + cost);
  let native = '';
  let skip = false;
  for (const line of callgrind.split('\n')) {
    if (skip) {
      skip = false;
    } else if (line.startsWith('fn=')) {
      native = line.slice(3);
    } else if (line.startsWith('calls=')) {
      skip = true;
    } else if (line.startsWith('0x')) {
      const fields = line.split(' ');
      const address = Number.parseInt(fields[0], 16);
      const cost = Number(fields[fields.length - 1]);
      let low = 0;
      let high = ranges.length - 1;
      let found = null;
      while (low <= high) {
        const middle = (low + high) >> 1;
        const range = ranges[middle];
        if (address < range.start) high = middle - 1;
        else if (address >= range.end) low = middle + 1;
        else {
          found = range;
          break;
        }
      }
      add(found === null ? `native ${native.slice(0, 80)}` : found.label, cost);
    }
  }
  return byName;
}

// The heaviest functions per unit (the many calls less the few, divided by the units between them), and the
// JavaScript-and-builtins sum.
function report(few, many, units) {
  const perCall = [];
  for (const name of new Set([...few.keys(), ...many.keys()])) {
    perCall.push([name, ((many.get(name) ?? 0) - (few.get(name) ?? 0)) / units]);
  }
  perCall.sort((left, right) => Math.abs(right[1]) - Math.abs(left[1]));
  const ours = perCall.filter(([name]) => name.startsWith('JS:') || name.startsWith('Builtin:'));
  const sum = ours.reduce((total, [, cost]) => total + cost, 0);
  console.log(`JavaScript functions and builtins: ${Math.round(sum)} instructions per ${spec.unit}`);
  for (const [name, cost] of perCall.slice(0, 15))
    console.log(`${String(Math.round(cost)).padStart(9)}  ${name}`);
}

// One call of the part: a function returning a number (so that the work cannot be dropped).
async function makeCall(patronage) {
  if (part === 'points' || part === 'tier') {
    const { ledger, purchases, at } = checkoutHistory(100);
    const tierOptions = checkoutTierOptions(at);
    return part === 'points'
      ? () => patronage.pointsBalance(ledger, { at, validityDays: 365 }).balance
      : () => (patronage.tierHistory(purchases, tierOptions)[0].tier === 'gold' ? 1 : 0);
  }
  const data = ISO_LOG;
  const rows = ISO_ROWS;
  if (part === 'columns') {
    const columns = {
      customerIndex: data.customer.subarray(0, rows),
      at: data.at.subarray(0, rows),
      amount: Float64Array.from(data.cents.subarray(0, rows), (cents) => cents / 100),
    };
    return () => patronage.rfmSummaryColumns(columns, { unit: 'week' }).frequency.length;
  }
  let list = new Array(rows);
  for (let row = 0; row < rows; row++) {
    list[row] = {
      customerId: `c${data.customer[row]}`,
      at: `${new Date(Math.floor(data.at[row] / 1000) * 1000).toISOString().slice(0, 19)}Z`,
      amount: data.cents[row] / 100,
    };
  }
  if (part === 'rows-iso-flat') list = JSON.parse(JSON.stringify(list));
  return () => patronage.rfmSummary(list, { unit: 'week' }).length;
}
