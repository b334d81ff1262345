// The coverage of the 90% bootstrap intervals (and of the delta intervals on the same data sets) for a
// Pareto/NBD fit with covariates, on data simulated by ./simulate.ts: SETS data sets of 500 customers (seeds
// 50,000 + set), each fitted and bootstrapped with RESAMPLES refits. Too slow for every run (about 14 s of
// refits per data set on a loaded machine), so it runs only when asked:
//   COVERAGE_SETS=100 COVERAGE_RESAMPLES=100 npx vitest run test/clv/covariates/bootstrapCoverage.test.ts
// and prints the shares; docs/model-comparison.md quotes a run.
import { describe, expect, it } from 'vitest';
import {
  bootstrapFits,
  expectedPurchases,
  fitParetoNbd,
  type ModelSpec,
  type PredictionInterval,
  type PredictionIntervalOptions,
  probabilityAlive,
} from '../../../src/index';
import { simulatedCovariateRows } from './simulate';

const SETS = Number(process.env['COVERAGE_SETS'] ?? 0);
const RESAMPLES = Number(process.env['COVERAGE_RESAMPLES'] ?? 100);

describe.skipIf(!(SETS > 0))('bootstrap coverage with covariates (COVERAGE_SETS)', () => {
  it('prints the coverage of the 90% bootstrap and delta intervals', { timeout: 86_400_000 }, () => {
    const options = { covariates: { purchase: ['z1', 'z2'], dropout: ['z1'] } } as const;
    const customer = { frequency: 2, recency: 20, T: 30, covariates: { z1: 1, z2: 0.5 } };
    const other = { frequency: 2, recency: 20, T: 30, covariates: { z1: 0, z2: -0.5 } };
    const truth = {
      model: 'paretoNbd',
      params: { r: 0.8, alpha: 6, s: 0.6, beta: 10 },
      coefficients: { purchase: { z1: 0.6, z2: -0.3 }, dropout: { z1: 0.5 } },
    } as unknown as ModelSpec;
    const predictions: ((fit: ModelSpec, intervals: PredictionIntervalOptions) => PredictionInterval)[] = [
      (fit, intervals) => probabilityAlive(fit, customer, { intervals }),
      (fit, intervals) => expectedPurchases(fit, 26, customer, { intervals }),
      (fit, intervals) => expectedPurchases(fit, 26, other, { intervals }),
    ];
    const values = [
      probabilityAlive(truth, customer),
      expectedPurchases(truth, 26, customer),
      expectedPurchases(truth, 26, other),
    ];
    const delta = [0, 0, 0];
    const bootstrap = [0, 0, 0];
    let used = 0;
    for (let set = 0; set < SETS; set++) {
      const data = simulatedCovariateRows({ customers: 500, seed: 50_000 + set });
      const fit = fitParetoNbd(data, options);
      if (fit.covariance.matrix === null) continue;
      used++;
      const refits = bootstrapFits(fit, data, { resamples: RESAMPLES, seed: set + 1 });
      predictions.forEach((prediction, i) => {
        const value = values[i] as number;
        const d = prediction(fit as unknown as ModelSpec, { method: 'delta' });
        const b = prediction(fit as unknown as ModelSpec, { method: 'bootstrap', bootstrap: refits });
        if (d.lower <= value && value <= d.upper) delta[i] = (delta[i] as number) + 1;
        if (b.lower <= value && value <= b.upper) bootstrap[i] = (bootstrap[i] as number) + 1;
      });
    }
    const share = (counts: number[]) => counts.map((count) => (count / used).toFixed(3)).join(', ');
    console.info(`${used} data sets: bootstrap ${share(bootstrap)}; delta ${share(delta)}`);
    expect(used).toBeGreaterThan(0);
  });
});
