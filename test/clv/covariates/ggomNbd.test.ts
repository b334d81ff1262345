// GGom/NBD with time-invariant covariates (CLVTools' static-covariate ggomnbd parameterisation: α_i =
// α·exp(−γ_purchase·z), β_i = β·exp(−γ_dropout·z)): the one-customer kernel against the plain likelihood,
// the fit's likelihood as the sum of plain per-customer likelihoods at the implied parameters, the nested
// fit without covariates, and predictions at each customer's own parameters.
import { describe, expect, it } from 'vitest';
import { GGOM_NBD_COVARIATES } from '../../../src/clv/ggomNbd/covariateKernel';
import { ggomNbdObjective } from '../../../src/clv/ggomNbd/likelihood';
import {
  customerLifetimeValue,
  expectedPurchases,
  fitGgomNbd,
  logLikelihoodAt,
  PatronageError,
  probabilityAlive,
  scoreCustomers,
} from '../../../src/index';
import { closeTo } from '../../helpers/numbers';
import { simulatedCovariateRows } from './simulate';

const one = (x: number, tx: number, T: number) => ({
  first: Float64Array.of(x),
  second: Float64Array.of(tx),
  third: Float64Array.of(T),
  weight: Float64Array.of(1),
  total: 1,
});

/** ln L of one customer by the plain fit's objective (its shared quadrature), at natural parameters. */
function plainRowLogLikelihood(params: readonly number[], x: number, tx: number, T: number): number {
  return -ggomNbdObjective(one(x, tx, T))(Float64Array.from(params, Math.log), null);
}

const ROWS = simulatedCovariateRows({ customers: 300, seed: 11 });
const OPTIONS = { covariates: { purchase: ['z1', 'z2'], dropout: ['z1'] } } as const;

describe('the one-customer GGom/NBD likelihood of the covariate fit', () => {
  const customers = [
    [0, 0, 30],
    [1, 5.5, 30],
    [4, 20, 31],
    [12, 29.5, 30],
    [3, 30, 30],
  ] as const;
  const points = [
    [0.6, 4.2, 0.3, 0.8, 2.5],
    [1.5, 12, 0.02, 0.4, 0.05],
    [0.3, 0.9, 1.7, 2.2, 40],
  ] as const;

  it('equals the plain objective of one row (1e−10 relative) and its gradient central differences', () => {
    for (const point of points) {
      const params = Float64Array.from(point);
      for (const [x, tx, T] of customers) {
        const gradient = new Float64Array(5);
        const value = GGOM_NBD_COVARIATES.rowLogLikelihood(params, x, tx, T, gradient);
        expect(closeTo(value, plainRowLogLikelihood(point, x, tx, T), 1e-10)).toBe(true);
        for (let j = 0; j < 5; j++) {
          const h = 1e-5;
          const up = Float64Array.from(params);
          const down = Float64Array.from(params);
          up[j] = (params[j] as number) * Math.exp(h);
          down[j] = (params[j] as number) * Math.exp(-h);
          const numeric =
            (GGOM_NBD_COVARIATES.rowLogLikelihood(up, x, tx, T, null) -
              GGOM_NBD_COVARIATES.rowLogLikelihood(down, x, tx, T, null)) /
            (2 * h);
          expect(Math.abs((gradient[j] as number) - numeric)).toBeLessThan(
            1e-6 * Math.max(1, Math.abs(numeric)),
          );
        }
      }
    }
  });
});

describe('fitGgomNbd with covariates', () => {
  const fit = fitGgomNbd(ROWS, OPTIONS);
  const plain = fitGgomNbd(ROWS);

  it('reports coefficients with standard errors, and a likelihood at least that of the fit without covariates', () => {
    expect(Object.keys(fit.params)).toEqual(['r', 'alpha', 'b', 's', 'beta']);
    expect(Object.keys(fit.coefficients.purchase)).toEqual(['z1', 'z2']);
    expect(Object.keys(fit.coefficients.dropout)).toEqual(['z1']);
    expect(fit.logLikelihood as number).toBeGreaterThanOrEqual((plain.logLikelihood as number) - 1e-6);
    // the data were simulated with a purchase effect of z1 of 0.6 and of z2 of −0.3
    expect(fit.coefficients.purchase['z1'] as number).toBeGreaterThan(0.3);
    expect(fit.coefficients.purchase['z2'] as number).toBeLessThan(0);
    expect(fit.covariance.parameters).toEqual([
      'r',
      'alpha',
      'b',
      's',
      'beta',
      'purchase.z1',
      'purchase.z2',
      'dropout.z1',
    ]);
  });

  it('its log-likelihood is the sum of the plain per-customer likelihoods at each customer’s α_i and β_i', () => {
    const { r, alpha, b, s, beta } = fit.params;
    const { purchase, dropout } = fit.coefficients;
    let sum = 0;
    for (const row of ROWS) {
      const { z1, z2 } = row.covariates;
      const alphaI = alpha * Math.exp(-((purchase['z1'] as number) * z1 + (purchase['z2'] as number) * z2));
      const betaI = beta * Math.exp(-(dropout['z1'] as number) * z1);
      sum += plainRowLogLikelihood([r, alphaI, b, s, betaI], row.frequency, row.recency, row.T);
    }
    expect(closeTo(fit.logLikelihood as number, sum, 1e-9)).toBe(true);
    expect(
      closeTo(
        logLikelihoodAt({ model: 'ggomNbd', params: fit.params, coefficients: fit.coefficients }, ROWS),
        sum,
        1e-9,
      ),
    ).toBe(true);
  });

  it('with every coefficient fixed at 0 equals the fit without covariates', () => {
    const zero = fitGgomNbd(ROWS, { ...OPTIONS, fixed: { purchase: { z1: 0, z2: 0 }, dropout: { z1: 0 } } });
    expect(Math.abs((zero.logLikelihood as number) - (plain.logLikelihood as number))).toBeLessThan(1e-6);
    for (const name of ['r', 'alpha', 's'] as const) {
      expect(closeTo(zero.params[name], plain.params[name], 1e-4)).toBe(true);
    }
  });

  it('with all covariates zero, any coefficients give the likelihood of the fit without covariates', () => {
    // (a fit on such a covariate is refused before fitting: COLLINEAR_COVARIATES, a constant)
    const zeroRows = ROWS.map((row) => ({ ...row, covariates: { z: 0 } }));
    const zeroPlain = fitGgomNbd(zeroRows);
    const atZero = logLikelihoodAt(
      {
        model: 'ggomNbd',
        params: zeroPlain.params,
        coefficients: { purchase: { z: 1.3 }, dropout: { z: -0.7 } },
      },
      zeroRows,
    );
    expect(closeTo(atZero, zeroPlain.logLikelihood as number, 1e-9)).toBe(true);
  });
});

describe('predictions of a GGom/NBD fit with covariates', () => {
  const fit = {
    model: 'ggomNbd',
    params: { r: 0.6, alpha: 4.2, b: 0.3, s: 0.8, beta: 2.5 },
    coefficients: { purchase: { z1: 0.7, z2: -0.3 }, dropout: { z1: 0.4 } },
  } as const;
  const customer = { frequency: 3, recency: 20, T: 30, covariates: { z1: 1, z2: 0.5 } };
  // the customer's own parameters, by CLVTools' definition: α·exp(−γ·z), β·exp(−γ·z)
  const own = {
    model: 'ggomNbd',
    params: { r: 0.6, alpha: 4.2 * Math.exp(-(0.7 - 0.15)), b: 0.3, s: 0.8, beta: 2.5 * Math.exp(-0.4) },
  } as const;

  it('P(alive), expected purchases, CLV and scoreCustomers are the plain model at the customer’s own parameters', () => {
    expect(closeTo(probabilityAlive(fit, customer), probabilityAlive(own, customer), 1e-12)).toBe(true);
    expect(closeTo(expectedPurchases(fit, 10, customer), expectedPurchases(own, 10, customer), 1e-12)).toBe(
      true,
    );
    const options = {
      horizon: 20,
      discountRate: 0.1,
      margin: 0.3,
      averageSpend: 40,
      timeUnit: 'week',
    } as const;
    expect(
      closeTo(
        customerLifetimeValue(fit, customer, options),
        customerLifetimeValue(own, customer, options),
        1e-12,
      ),
    ).toBe(true);
    const scored = scoreCustomers(fit, [customer], { horizon: 10 });
    const plainScored = scoreCustomers(own, [customer], { horizon: 10 });
    expect(
      closeTo(scored.probabilityAlive[0] as number, plainScored.probabilityAlive[0] as number, 1e-12),
    ).toBe(true);
    expect(
      closeTo(scored.expectedPurchases[0] as number, plainScored.expectedPurchases[0] as number, 1e-12),
    ).toBe(true);
  });

  it('a higher dropout coefficient lowers P(alive) of a customer with the covariate', () => {
    const more = { ...fit, coefficients: { ...fit.coefficients, dropout: { z1: 1.4 } } };
    expect(probabilityAlive(more, customer)).toBeLessThan(probabilityAlive(fit, customer));
  });

  it('refuses a customer without a covariate the fit uses: MISSING_COVARIATE', () => {
    let caught: unknown;
    try {
      probabilityAlive(fit, { frequency: 3, recency: 20, T: 30, covariates: { z1: 1 } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PatronageError);
    expect((caught as PatronageError).code).toBe('MISSING_COVARIATE');
  });
});
