import fc from 'fast-check';

// Property tests replay: FC_SEED=<seed> (printed by fast-check on failure) fixes the seed, FC_RUNS the
// number of runs (default 200 locally and in CI).
const seed = process.env['FC_SEED'];
const runs = process.env['FC_RUNS'];
fc.configureGlobal({
  ...(seed === undefined ? {} : { seed: Number(seed) }),
  numRuns: runs === undefined ? 200 : Number(runs),
});
