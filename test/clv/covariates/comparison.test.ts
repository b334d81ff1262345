// Covariate fits among the model-comparison tools (issue 16): one options object with the plain fits,
// aic/bic/covariance/penalty as the plain fits report them, logLikelihoodAt of a spec with coefficients,
// and likelihoodRatioTest of a plain fit against a covariate fit.
import { describe, expect, it } from 'vitest';
import {
  fitBgNbd,
  fitMbgNbd,
  fitNbd,
  fitParetoNbd,
  likelihoodRatioTest,
  logLikelihoodAt,
} from '../../../src/index';
import { codeOf } from '../../helpers/errors';
import { closeTo } from '../../helpers/numbers';
import { simulatedCovariateRows } from './simulate';

const ROWS = simulatedCovariateRows({ customers: 400, seed: 7 });
const PLAIN_ROWS = ROWS.map(({ frequency, recency, T }) => ({ frequency, recency, T }));

describe('a covariate fit against the plain fit of the same customers', () => {
  const plain = fitParetoNbd(PLAIN_ROWS);
  const full = fitParetoNbd(ROWS, { covariates: { purchase: ['z1', 'z2'], dropout: ['z1'] } });

  it('likelihoodRatioTest: df is the number of free coefficients, with a p-value, though distinctRows differ', () => {
    expect(full.distinctRows).toBeGreaterThan(plain.distinctRows);
    const test = likelihoodRatioTest(plain, full);
    expect(test.degreesOfFreedom).toBe(3);
    expect(test.statistic).toBeGreaterThan(0);
    expect(test.statistic).toBe(2 * ((full.logLikelihood as number) - (plain.logLikelihood as number)));
    // the data were simulated with effects of z1 on both processes (seed 7, 400 customers)
    expect(test.pValue).toBeGreaterThan(0);
    expect(test.pValue).toBeLessThan(0.05);
  });

  it('a constrained pair counts once, a fixed coefficient not at all', () => {
    const constrained = fitParetoNbd(ROWS, {
      covariates: { purchase: ['z1', 'z2'], dropout: ['z1'] },
      constrain: ['z1'],
    });
    expect(likelihoodRatioTest(plain, constrained).degreesOfFreedom).toBe(2);
    expect(likelihoodRatioTest(constrained, full).degreesOfFreedom).toBe(1);
    const fixed = fitParetoNbd(ROWS, {
      covariates: { purchase: ['z1', 'z2'], dropout: ['z1'] },
      fixed: { purchase: { z2: 0 } },
    });
    expect(fixed.covariance.parameters).toEqual(['r', 'alpha', 's', 'beta', 'purchase.z1', 'dropout.z1']);
    const test = likelihoodRatioTest(fixed, full);
    expect(test.degreesOfFreedom).toBe(1);
    expect(test.pValue).toBeGreaterThan(0);
    expect(test.pValue).toBeLessThanOrEqual(1);
  });

  it('other data: NOT_NESTED (n differs, or a covariate fit with fewer distinct rows than the plain fit)', () => {
    const fewer = fitParetoNbd(ROWS.slice(0, 300), { covariates: { purchase: ['z1'] } });
    expect(codeOf(() => likelihoodRatioTest(plain, fewer))).toBe('NOT_NESTED');
    const merged = { ...full, distinctRows: plain.distinctRows - 1 };
    expect(codeOf(() => likelihoodRatioTest(plain, merged))).toBe('NOT_NESTED');
    // two fits without covariates must still agree on distinctRows
    expect(codeOf(() => likelihoodRatioTest(plain, { ...plain, distinctRows: plain.distinctRows + 1 }))).toBe(
      'NOT_NESTED',
    );
  });

  it('aic and bic are null, not Infinity, when they overflow a double (a weight near 1e308; found by the hostile-input sweep)', () => {
    const fit = fitNbd([
      { frequency: 0, recency: 0, T: 38, weight: 60 },
      { frequency: 1, recency: 4, T: 38, weight: 1.9381766110795308e307 },
      { frequency: 2, recency: 10, T: 38, weight: 4 },
    ]);
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
    expect(fit.aic).toBeNull();
    expect(fit.bic).toBeNull();
  });

  it('aic and bic obey their laws: k = parameters + free coefficients, n the customers', () => {
    for (const fit of [plain, full]) {
      const k = fit.covariance.parameters.length;
      const ll = fit.logLikelihood as number;
      expect(closeTo(fit.aic as number, 2 * k - 2 * ll)).toBe(true);
      expect(closeTo(fit.bic as number, k * Math.log(fit.n) - 2 * ll)).toBe(true);
      expect(closeTo((fit.bic as number) - (fit.aic as number), k * (Math.log(fit.n) - 2), 1e-9)).toBe(true);
    }
    expect(full.covariance.parameters.length).toBe(7);
    expect(full.n).toBe(plain.n);
    // a nested fit with three more parameters: AIC falls exactly when the statistic exceeds 2·3
    const statistic = likelihoodRatioTest(plain, full).statistic;
    expect((full.aic as number) < (plain.aic as number)).toBe(statistic > 6);
    expect((full.bic as number) < (plain.bic as number)).toBe(statistic > 3 * Math.log(full.n));
  });

  it('covariance: over the parameters and the coefficients, symmetric, its diagonal the squared standard errors', () => {
    expect(full.covariance.parameters).toEqual([
      'r',
      'alpha',
      's',
      'beta',
      'purchase.z1',
      'purchase.z2',
      'dropout.z1',
    ]);
    const matrix = full.covariance.matrix as number[][];
    expect(full.covariance.reason).toBeNull();
    const errors = full.standardErrors as unknown as Record<string, number>;
    const coefficientErrors = full.coefficientStandardErrors as NonNullable<
      typeof full.coefficientStandardErrors
    >;
    const expected = [
      errors['r'],
      errors['alpha'],
      errors['s'],
      errors['beta'],
      coefficientErrors.purchase['z1'],
      coefficientErrors.purchase['z2'],
      coefficientErrors.dropout['z1'],
    ] as number[];
    expected.forEach((error, i) => {
      expect(closeTo((matrix[i] as number[])[i] as number, error * error)).toBe(true);
      for (let j = 0; j < expected.length; j++) {
        expect((matrix[i] as number[])[j]).toBe((matrix[j] as number[])[i]);
      }
    });
  });

  it('logLikelihoodAt of the covariate fit gives its logLikelihood', () => {
    expect(closeTo(logLikelihoodAt(full, ROWS), full.logLikelihood as number, 1e-12)).toBe(true);
    const bg = fitBgNbd(ROWS, { covariates: { purchase: ['z1'], dropout: ['z2'] } });
    expect(closeTo(logLikelihoodAt(bg, ROWS), bg.logLikelihood as number, 1e-12)).toBe(true);
  });
});

describe('logLikelihoodAt with coefficients: a binary covariate splits the likelihood into two plain ones', () => {
  // for z ∈ {0, 1}, the covariate likelihood is the plain likelihood of the z = 0 customers at θ plus that of
  // the z = 1 customers at θ·exp(sign·γ): an identity between the covariate kernels and the plain likelihoods
  const zero = PLAIN_ROWS.filter((_, i) => ROWS[i]?.covariates.z1 === 0);
  const one = PLAIN_ROWS.filter((_, i) => ROWS[i]?.covariates.z1 === 1);

  it('Pareto/NBD: α_i = α·e^(−γ_p z), β_i = β·e^(−γ_d z)', () => {
    const params = { r: 0.8, alpha: 6, s: 0.6, beta: 10 };
    const [gp, gd] = [0.4, -0.7];
    const covariate = logLikelihoodAt(
      { model: 'paretoNbd', params, coefficients: { purchase: { z1: gp }, dropout: { z1: gd } } },
      ROWS,
    );
    const split =
      logLikelihoodAt({ model: 'paretoNbd', params }, zero) +
      logLikelihoodAt(
        {
          model: 'paretoNbd',
          params: { ...params, alpha: params.alpha * Math.exp(-gp), beta: params.beta * Math.exp(-gd) },
        },
        one,
      );
    expect(closeTo(covariate, split, 1e-12)).toBe(true);
  });

  it('BG/NBD: α_i = α·e^(−γ_p z), a_i = a·e^(γ_d z), b_i = b·e^(γ_d z)', () => {
    const params = { r: 0.5, alpha: 4, a: 0.8, b: 2.5 };
    const [gp, gd] = [-0.3, 0.6];
    const covariate = logLikelihoodAt(
      { model: 'bgNbd', params, coefficients: { purchase: { z1: gp }, dropout: { z1: gd } } },
      ROWS,
    );
    const split =
      logLikelihoodAt({ model: 'bgNbd', params }, zero) +
      logLikelihoodAt(
        {
          model: 'bgNbd',
          params: {
            r: params.r,
            alpha: params.alpha * Math.exp(-gp),
            a: params.a * Math.exp(gd),
            b: params.b * Math.exp(gd),
          },
        },
        one,
      );
    expect(closeTo(covariate, split, 1e-12)).toBe(true);
  });
});

describe('one options object: penalty.logParams on the covariate path', () => {
  const options = { covariates: { purchase: ['z1'] } } as const;
  const unpenalised = fitParetoNbd(ROWS, options);
  const penalised = fitParetoNbd(ROWS, { ...options, penalty: { logParams: 0.05 } });

  it('maximises ln L − n·c·Σ(ln θ)² and reports it, with the penalty', () => {
    expect(penalised.penalty).toEqual({ logParams: 0.05 });
    expect(unpenalised.penalty).toBeNull();
    const p = penalised.params;
    const sum = [p.r, p.alpha, p.s, p.beta].reduce((total, value) => total + Math.log(value) ** 2, 0);
    expect(
      closeTo(
        penalised.penalizedLogLikelihood as number,
        (penalised.logLikelihood as number) - penalised.n * 0.05 * sum,
        1e-9,
      ),
    ).toBe(true);
    // the maximum-likelihood fit has the higher likelihood, the penalised one the higher objective
    expect(penalised.logLikelihood as number).toBeLessThanOrEqual(unpenalised.logLikelihood as number);
    const unpenalisedSum = [
      unpenalised.params.r,
      unpenalised.params.alpha,
      unpenalised.params.s,
      unpenalised.params.beta,
    ].reduce((total, value) => total + Math.log(value) ** 2, 0);
    expect(sum).toBeLessThan(unpenalisedSum);
    expect(penalised.penalizedLogLikelihood as number).toBeGreaterThanOrEqual(
      (unpenalised.logLikelihood as number) - unpenalised.n * 0.05 * unpenalisedSum,
    );
  });

  it('likelihoodRatioTest refuses the penalised covariate fit', () => {
    expect(codeOf(() => likelihoodRatioTest(fitParetoNbd(PLAIN_ROWS), penalised))).toBe(
      'NOT_MAXIMUM_LIKELIHOOD',
    );
  });

  it('the coefficient penalties are reported with it', () => {
    const both = fitBgNbd(ROWS, { ...options, penalty: { logParams: 0.01, purchase: 0.1 } });
    expect(both.penalty).toEqual({ logParams: 0.01, purchase: 0.1 });
  });
});

describe('without covariates, the covariate options are refused', () => {
  it('constrain, fixed, start and penalty.purchase/dropout need options.covariates (INVALID_OPTION)', () => {
    for (const fitter of [fitBgNbd, fitParetoNbd] as const) {
      for (const options of [
        { constrain: ['z1'] },
        { fixed: { purchase: { z1: 0 } } },
        { start: { params: { r: 1 } } },
        { penalty: { purchase: 0.1 } },
        { penalty: { logParams: 0.1, dropout: 0.1 } },
      ]) {
        expect(codeOf(() => fitter(PLAIN_ROWS, options as never))).toBe('INVALID_OPTION');
      }
    }
    expect(codeOf(() => fitMbgNbd(PLAIN_ROWS, { penalty: { purchase: 0.1 } }))).toBe('INVALID_OPTION');
  });

  it('an empty options object or penalty.logParams alone is the plain fit', () => {
    expect(fitBgNbd(PLAIN_ROWS, {})).toEqual(fitBgNbd(PLAIN_ROWS));
    expect(fitParetoNbd(PLAIN_ROWS, { penalty: { logParams: 0.01 } }).penalty).toEqual({ logParams: 0.01 });
  });
});
