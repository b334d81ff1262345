// Issue 17: the Gamma-Gamma fit against lifetimes' GammaGammaFitter, in the same run, alternating, on the
// benchmark's repeat buyers (scripts/bench/data.mjs `repeatBuyers`, customers with frequency > 0).
// lifetimes is not installable from PyPI here; point LIFETIMES_PATH at its GitHub source and AUTOGRAD_PATH
// at autograd's (Debian's python3-numpy, -scipy, -pandas and -dill provide the rest; PYTHON names the
// interpreter that sees them, default python3):
//   npx tsup --silent
//   LIFETIMES_PATH=/src/lifetimes AUTOGRAD_PATH=/src/autograd \
//     flock /tmp/patronage-bench.lock node scripts/bench/gammaGammaLifetimes.mjs [customers=1000000] [rounds=5]
// Each round runs both fits in child processes (the order alternates), each timing its own fit call
// (patronage: fitGammaGamma on the columns; lifetimes: GammaGammaFitter.fit, which includes its Hessian),
// by wall and by CPU; prints the medians, ranges and ratios, and both fits' parameters and log-likelihoods.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load, materialise, repeatBuyers } from './data.mjs';

const root = join(import.meta.dirname, '..', '..');
const customers = Number(process.argv[2] ?? 1_000_000);
const rounds = Number(process.argv[3] ?? 5);
const { LIFETIMES_PATH, AUTOGRAD_PATH } = process.env;
if (!LIFETIMES_PATH || !AUTOGRAD_PATH) {
  console.error(
    'gammaGammaLifetimes: set LIFETIMES_PATH and AUTOGRAD_PATH to the lifetimes and autograd sources',
  );
  process.exit(2);
}

const patronage = await import(join(root, 'dist', 'index.js'));
const rows = repeatBuyers(patronage, load(materialise(customers).binary));
const scratch = mkdtempSync(join(tmpdir(), 'patronage-gg-lifetimes-'));
const csv = join(scratch, 'repeat-buyers.csv');
let text = 'frequency,monetary_value\n';
for (let i = 0; i < rows.frequency.length; i++) text += `${rows.frequency[i]},${rows.monetaryValue[i]}\n`;
writeFileSync(csv, text);
const binary = join(scratch, 'repeat-buyers.json');
writeFileSync(
  binary,
  JSON.stringify({ frequency: Array.from(rows.frequency), monetaryValue: Array.from(rows.monetaryValue) }),
);

const child = `
const patronage = await import(${JSON.stringify(join(root, 'dist', 'index.js'))});
const { readFileSync } = await import('node:fs');
const raw = JSON.parse(readFileSync(${JSON.stringify(binary)}, 'utf8'));
const rows = { frequency: Float64Array.from(raw.frequency), monetaryValue: Float64Array.from(raw.monetaryValue) };
const cpu = process.cpuUsage(); const wall = performance.now();
const fit = patronage.fitGammaGamma(rows);
const w = (performance.now() - wall) / 1000; const c = process.cpuUsage(cpu);
console.log(JSON.stringify({ wall: w, cpu: (c.user + c.system) / 1e6, ...fit.params, logLikelihood: fit.logLikelihood, converged: fit.converged }));
`;
const runPatronage = () =>
  JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', child], { encoding: 'utf8' }));
const runLifetimes = () =>
  JSON.parse(
    execFileSync(
      process.env.PYTHON ?? 'python3',
      [join(root, 'scripts', 'reference', 'lifetimes_gamma_gamma.py'), csv],
      {
        encoding: 'utf8',
        env: {
          ...process.env,
          PYTHONPATH: `${LIFETIMES_PATH}:${AUTOGRAD_PATH}`,
          OMP_NUM_THREADS: '1',
          OPENBLAS_NUM_THREADS: '1',
        },
      },
    )
      .trim()
      .split('\n')
      .at(-1),
  );

const results = { patronage: [], lifetimes: [] };
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? ['patronage', 'lifetimes'] : ['lifetimes', 'patronage'];
  for (const name of order) results[name].push(name === 'patronage' ? runPatronage() : runLifetimes());
  console.error(
    `round ${round + 1}/${rounds}: patronage ${results.patronage.at(-1).wall.toFixed(3)} s, lifetimes ${results.lifetimes.at(-1).wall.toFixed(3)} s (wall)`,
  );
}
rmSync(scratch, { recursive: true, force: true });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const summary = (name, key) => {
  const xs = results[name].map((r) => r[key]);
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
};
console.log(
  `Gamma-Gamma fit, ${rows.frequency.length} repeat buyers of ${customers} customers, ${rounds} alternating rounds`,
);
for (const key of ['wall', 'cpu']) {
  const p = summary('patronage', key);
  const l = summary('lifetimes', key);
  console.log(
    `  ${key}: patronage ${p.median.toFixed(3)} s (${p.min.toFixed(3)}–${p.max.toFixed(3)}), lifetimes ${l.median.toFixed(3)} s (${l.min.toFixed(3)}–${l.max.toFixed(3)}): lifetimes ÷ patronage ${(l.median / p.median).toFixed(2)}`,
  );
}
const p = results.patronage[0];
const l = results.lifetimes[0];
console.log(`  patronage: p ${p.p} q ${p.q} gamma ${p.gamma} ll ${p.logLikelihood} converged ${p.converged}`);
console.log(`  lifetimes: p ${l.p} q ${l.q} v ${l.v} ll ${-l.negativeLogLikelihood}`);
