import { expect, it } from 'vitest';
import { fitParetoNbd } from '../../../src/index';
import { simulatedCovariateRows } from './simulate';

// 42,000 customers with a continuous covariate: more distinct rows than PILOT_ROWS (40,000), so the fit
// goes through its pilot subsample before the full data
it('Pareto/NBD with covariates recovers the simulated coefficients (within 4 standard errors), through the pilot', () => {
  const rows = simulatedCovariateRows({ customers: 42_000, seed: 2026, continuous: true });
  const fit = fitParetoNbd(rows, { covariates: { purchase: ['z1', 'z2'], dropout: ['z1', 'z2'] } });
  expect(fit.distinctRows).toBeGreaterThan(40_000);
  expect(fit.converged).toBe(true);
  const truth = { purchase: { z1: 0.6, z2: -0.3 }, dropout: { z1: 0.5, z2: 0 } };
  for (const process of ['purchase', 'dropout'] as const) {
    for (const name of ['z1', 'z2'] as const) {
      const error = fit.coefficientStandardErrors?.[process][name] ?? Number.NaN;
      expect(error).toBeGreaterThan(0);
      expect(Math.abs((fit.coefficients[process][name] as number) - truth[process][name])).toBeLessThan(
        4 * error,
      );
    }
  }
  const params = { r: 0.8, alpha: 6, s: 0.6, beta: 10 };
  for (const name of ['r', 'alpha', 's', 'beta'] as const) {
    const error = fit.standardErrors?.[name] ?? Number.NaN;
    expect(Math.abs(fit.params[name] - params[name])).toBeLessThan(4 * error);
  }
}, 120_000);
