// Instructions per call of one checkout function, counted by valgrind's callgrind: the same count on every
// run, where wall time on this shared machine moves by more than the effects being weighed (docs/benchmarks.md,
// "Session 28"). Node runs with --predictable (no concurrent compilation) and fixed seeds; after 5,000 warm-up
// calls the difference between 3,000 and 1,000 calls, halved, is one call's count.
//   node scripts/bench/instructions.mjs [points|tier] [<dist entry>]   (valgrind on the PATH; ~15 s per count)
// The child mode (`--calls N`) is what valgrind runs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkoutHistory, checkoutTierOptions } from './checkout.mjs';

const WARM_UP = 5_000;
const [part = 'points', entryArgument, flag, callsText] = process.argv.slice(2);
const entry = resolve(entryArgument ?? join(import.meta.dirname, '..', '..', 'dist', 'index.js'));
if (part !== 'points' && part !== 'tier') throw new Error(`instructions.mjs: points or tier, got ${part}`);

if (flag === '--calls') {
  const patronage = await import(pathToFileURL(entry).href);
  const { ledger, purchases, at } = checkoutHistory(100);
  const tierOptions = checkoutTierOptions(at);
  const call =
    part === 'points'
      ? () => patronage.pointsBalance(ledger, { at, validityDays: 365 }).balance
      : () => (patronage.tierHistory(purchases, tierOptions)[0].tier === 'gold' ? 1 : 0);
  let check = 0;
  for (let i = 0; i < WARM_UP + Number(callsText); i++) check += call();
  if (!Number.isFinite(check)) throw new Error('instructions.mjs: a call gave no number');
} else {
  const directory = mkdtempSync(join(tmpdir(), 'patronage-callgrind-'));
  const count = (calls) => {
    const out = join(directory, `callgrind.${calls}`);
    execFileSync(
      'valgrind',
      [
        '--tool=callgrind',
        `--callgrind-out-file=${out}`,
        process.execPath,
        '--predictable',
        '--hash-seed=1',
        '--random-seed=1',
        import.meta.filename,
        part,
        entry,
        '--calls',
        String(calls),
      ],
      { stdio: ['ignore', 'ignore', 'ignore'] },
    );
    const summary = /^summary: (\d+)/m.exec(readFileSync(out, 'utf8'));
    if (summary === null) throw new Error(`instructions.mjs: no summary line in ${out}`);
    return Number(summary[1]);
  };
  try {
    const perCall = (count(3_000) - count(1_000)) / 2_000;
    console.log(`${part} ${entry}: ${Math.round(perCall)} instructions per call`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
