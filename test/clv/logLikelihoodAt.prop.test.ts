import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fitBgBb,
  fitBgNbd,
  fitGammaGamma,
  fitMbgNbd,
  fitParetoNbd,
  fitShiftedBetaGeometric,
  logLikelihoodAt,
  type ModelFit,
} from '../../src/index';
import { discreteSummaryRows, spendSummaryRows, summaryRows, survivorCounts } from './arbitraries';

const RUNS = { numRuns: 15 };

/** The fit's own logLikelihood, when it has one, is what logLikelihoodAt gives at its parameters. */
function ownValue(fit: ModelFit, evaluate: () => number): void {
  if (fit.logLikelihood === null) return;
  expect(evaluate()).toBe(fit.logLikelihood);
}

describe('logLikelihoodAt at a fit’s own parameters is the fit’s logLikelihood, to the bit', () => {
  it('BG/NBD, MBG/NBD and Pareto/NBD on random rows', () => {
    fc.assert(
      fc.property(summaryRows, (rows) => {
        for (const fit of [fitBgNbd(rows), fitMbgNbd(rows), fitParetoNbd(rows)]) {
          ownValue(fit, () => logLikelihoodAt(fit, rows));
        }
      }),
      RUNS,
    );
  });

  it('BG/BB, Gamma-Gamma and the shifted beta-geometric on random data', () => {
    fc.assert(
      fc.property(discreteSummaryRows, spendSummaryRows, survivorCounts, (discrete, spend, survivors) => {
        const bgBb = fitBgBb(discrete);
        ownValue(bgBb, () => logLikelihoodAt(bgBb, discrete));
        const gammaGamma = fitGammaGamma(spend);
        ownValue(gammaGamma, () => logLikelihoodAt(gammaGamma, spend));
        const sbg = fitShiftedBetaGeometric({ survivors });
        ownValue(sbg, () => logLikelihoodAt(sbg, { survivors }));
      }),
      RUNS,
    );
  });

  it('the rows in another order, or as columns, give the same value', () => {
    fc.assert(
      fc.property(summaryRows, (rows) => {
        const spec = { model: 'bgNbd', params: { r: 0.7, alpha: 3, a: 0.9, b: 2.5 } } as const;
        const value = logLikelihoodAt(spec, rows);
        expect(logLikelihoodAt(spec, [...rows].reverse())).toBe(value);
        const columns = {
          frequency: rows.map((row) => row.frequency),
          recency: rows.map((row) => row.recency),
          T: rows.map((row) => row.T),
          weight: rows.map((row) => row.weight),
        };
        expect(logLikelihoodAt(spec, columns)).toBe(value);
      }),
      RUNS,
    );
  });
});

describe('a converged fit is a maximum of the function logLikelihoodAt evaluates', () => {
  it('moving any one BG/NBD or Pareto/NBD parameter by 1% either way does not raise the likelihood', () => {
    fc.assert(
      fc.property(summaryRows, (rows) => {
        for (const fit of [fitBgNbd(rows), fitParetoNbd(rows)]) {
          if (!fit.converged || fit.logLikelihood === null) continue;
          const best = fit.logLikelihood;
          for (const name of Object.keys(fit.params)) {
            for (const factor of [0.99, 1.01]) {
              const params = { ...fit.params, [name]: (fit.params as never)[name] * factor };
              const moved = logLikelihoodAt({ model: fit.model, params } as never, rows);
              // the optimiser stops within about 1e-10 of the maximum, relative
              expect(moved).toBeLessThanOrEqual(best + 1e-9 * Math.abs(best));
            }
          }
        }
      }),
      RUNS,
    );
  });
});
