// How the Gamma-Gamma fit spends its time (issue 17): objective evaluations (with and without a gradient,
// the pilot's apart), milliseconds per evaluation and the whole fit, on the benchmark's repeat buyers.
// Bundles a tree's src with esbuild and wraps the model's likelihood, so it measures any tree's source,
// this one's or a baseline's (`git archive main | tar -x -C /tmp/base`):
//   flock /tmp/patronage-bench.lock node scripts/bench/gammaGammaEvaluations.mjs [tree] [customers]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { load, materialise, repeatBuyers } from './data.mjs';

const tree = resolve(process.argv[2] ?? join(import.meta.dirname, '..', '..'));
const customers = Number(process.argv[3] ?? 1_000_000);
const scratch = mkdtempSync(join(tmpdir(), 'patronage-gg-evaluations-'));
const entry = join(scratch, 'entry.ts');
writeFileSync(
  entry,
  `export { fitGammaGamma, rfmSummaryColumns } from ${JSON.stringify(join(tree, 'src/index.ts'))};
export { GAMMA_GAMMA } from ${JSON.stringify(join(tree, 'src/clv/gammaGamma/definition.ts'))};`,
);
const bundle = join(scratch, 'bundle.mjs');
await build({
  entryPoints: [entry],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  outfile: bundle,
  logLevel: 'error',
});
const patronage = await import(pathToFileURL(bundle).href);
rmSync(scratch, { recursive: true, force: true });

const data = load(materialise(customers).binary);
const rows = repeatBuyers(patronage, data);

const counts = { full: { value: 0, gradient: 0, ms: 0 }, pilot: { value: 0, gradient: 0, ms: 0 } };
let setupMs = 0;
const counted = (objective, count) => (x, gradient) => {
  const started = performance.now();
  const value = objective(x, gradient);
  count.ms += performance.now() - started;
  if (gradient === null) count.value++;
  else count.gradient++;
  return value;
};
const definition = patronage.GAMMA_GAMMA;
const likelihood = definition.likelihood;
definition.likelihood = (...args) => {
  const started = performance.now();
  const built = likelihood(...args);
  setupMs += performance.now() - started;
  return {
    ...built,
    objective: counted(built.objective, counts.full),
    ...(built.pilot ? { pilot: counted(built.pilot, counts.pilot) } : {}),
  };
};
const runs = [];
for (let run = 0; run < 4; run++) {
  for (const count of Object.values(counts)) Object.assign(count, { value: 0, gradient: 0, ms: 0 });
  setupMs = 0;
  const started = performance.now();
  const fit = patronage.fitGammaGamma(rows);
  const totalMs = performance.now() - started;
  runs.push({ totalMs, setupMs, counts: structuredClone(counts), fit });
}
const last = runs.at(-1); // the first runs warm the JIT up
const { full, pilot } = last.counts;
const evaluations = full.value + full.gradient;
console.log(
  JSON.stringify({
    tree,
    customers: last.fit.n,
    distinctRows: last.fit.distinctRows,
    iterations: last.fit.iterations,
    evaluations,
    withGradient: full.gradient,
    msPerEvaluation: full.ms / evaluations,
    evaluationMs: full.ms,
    pilotEvaluations: pilot.value + pilot.gradient,
    pilotMs: pilot.ms,
    likelihoodSetupMs: last.setupMs,
    totalMs: runs.slice(1).map((run) => Math.round(run.totalMs)),
    params: last.fit.params,
    logLikelihood: last.fit.logLikelihood,
  }),
);
