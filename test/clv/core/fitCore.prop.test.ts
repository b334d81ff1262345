import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fitBgBb,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  fitShiftedBetaGeometric,
  type ModelFit,
} from '../../../src/index';
import { closeTo } from '../../helpers/numbers';
import { discreteSummaryRows, spendSummaryRows, summaryRows, survivorCounts } from '../arbitraries';

const RUNS = { numRuns: 15 };

function parameterCount(fit: ModelFit): number {
  return Object.keys(fit.params).length;
}

/** aic, bic and penalizedLogLikelihood of a fit without a penalty follow from logLikelihood, k and n. */
function criteria(fit: ModelFit): void {
  const k = parameterCount(fit);
  if (fit.logLikelihood === null) {
    expect(fit.aic).toBeNull();
    expect(fit.bic).toBeNull();
    expect(fit.penalizedLogLikelihood).toBeNull();
    return;
  }
  expect(fit.aic).toBe(2 * k - 2 * fit.logLikelihood);
  expect(fit.bic).toBe(k * Math.log(fit.n) - 2 * fit.logLikelihood);
  expect(fit.penalizedLogLikelihood).toBe(fit.logLikelihood);
}

/** The covariance: the model's parameter order, symmetric, its diagonal the squared standard errors. */
function covariance(fit: ModelFit): void {
  const { parameters, matrix, reason } = fit.covariance;
  expect(parameters).toEqual(Object.keys(fit.params));
  const errors = fit.standardErrors as Readonly<Record<string, number>> | null;
  if (errors === null) {
    expect(matrix).toBeNull();
    expect(typeof reason).toBe('string');
    return;
  }
  expect(reason).toBeNull();
  const rows = matrix as readonly (readonly number[])[];
  expect(rows.length).toBe(parameters.length);
  parameters.forEach((name, i) => {
    const row = rows[i] as readonly number[];
    expect(row.length).toBe(parameters.length);
    expect(closeTo(row[i] as number, (errors[name] as number) ** 2)).toBe(true);
    parameters.forEach((_, j) => {
      expect(row[j]).toBe((rows[j] as readonly number[])[i]);
    });
  });
}

describe('every fit carries its information criteria and covariance', () => {
  it('aic = 2k − 2ℓ and bic = k ln n − 2ℓ (n the customers), for the continuous-time models', () => {
    fc.assert(
      fc.property(summaryRows, (rows) => {
        for (const fit of [fitBgNbd(rows), fitParetoNbd(rows)]) criteria(fit);
      }),
      RUNS,
    );
  });

  it('aic and bic for BG/BB, Gamma-Gamma and the shifted beta-geometric', () => {
    fc.assert(
      fc.property(discreteSummaryRows, spendSummaryRows, survivorCounts, (discrete, spend, survivors) => {
        criteria(fitBgBb(discrete));
        criteria(fitGammaGamma(spend));
        criteria(fitShiftedBetaGeometric({ survivors }));
      }),
      RUNS,
    );
  });

  it('the covariance matrix is symmetric, its diagonal is the squared standard errors, and it is null exactly when they are (with a reason)', () => {
    fc.assert(
      fc.property(summaryRows, discreteSummaryRows, spendSummaryRows, (rows, discrete, spend) => {
        for (const fit of [fitBgNbd(rows), fitParetoNbd(rows), fitBgBb(discrete), fitGammaGamma(spend)]) {
          covariance(fit);
        }
      }),
      RUNS,
    );
  });
});
