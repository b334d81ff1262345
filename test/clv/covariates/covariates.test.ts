import { describe, expect, it } from 'vitest';
import { BG_NBD_COVARIATES } from '../../../src/clv/bgNbd/covariateKernel';
import { bgNbdObjective } from '../../../src/clv/bgNbd/likelihood';
import { PARETO_NBD_COVARIATES } from '../../../src/clv/paretoNbd/covariateKernel';
import { paretoNbdObjective } from '../../../src/clv/paretoNbd/likelihood';
import {
  customerLifetimeValue,
  expectedPurchases,
  fitBgNbd,
  fitParetoNbd,
  PatronageError,
  probabilityAlive,
  purchaseProbability,
  scoreCustomers,
} from '../../../src/index';
import { closeTo } from '../../helpers/numbers';
import { simulatedCovariateRows } from './simulate';

function codeOf(run: () => unknown): { code: string; details: Record<string, unknown>; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof PatronageError) {
      return { code: error.code, details: error.details as Record<string, unknown>, message: error.message };
    }
    throw error;
  }
  throw new Error('expected a PatronageError');
}

const ROWS = simulatedCovariateRows({ customers: 400, seed: 7 });
const OPTIONS = { covariates: { purchase: ['z1', 'z2'], dropout: ['z1'] } } as const;

describe('fitParetoNbd with covariates', () => {
  const fit = fitParetoNbd(ROWS, OPTIONS);

  it('converges and reports coefficients with standard errors and intervals', () => {
    expect(fit.converged).toBe(true);
    expect(Object.keys(fit.coefficients.purchase)).toEqual(['z1', 'z2']);
    expect(Object.keys(fit.coefficients.dropout)).toEqual(['z1']);
    const error = fit.coefficientStandardErrors?.purchase['z1'] ?? Number.NaN;
    expect(error).toBeGreaterThan(0);
    const [low, high] = fit.coefficientConfidenceIntervals?.purchase['z1'] ?? [Number.NaN, Number.NaN];
    expect(closeTo((low + high) / 2, fit.coefficients.purchase['z1'] as number)).toBe(true);
    expect(fit.penalizedLogLikelihood).toBe(fit.logLikelihood);
  });

  it('has a likelihood at least that of the fit without covariates (a nested model)', () => {
    const plain = fitParetoNbd(ROWS);
    expect(fit.logLikelihood as number).toBeGreaterThanOrEqual((plain.logLikelihood as number) - 1e-6);
  });

  it('with every coefficient fixed at 0 equals the fit without covariates', () => {
    const plain = fitParetoNbd(ROWS);
    const zero = fitParetoNbd(ROWS, {
      ...OPTIONS,
      fixed: { purchase: { z1: 0, z2: 0 }, dropout: { z1: 0 } },
    });
    for (const name of ['r', 'alpha', 's', 'beta'] as const) {
      expect(closeTo(zero.params[name], plain.params[name], 1e-5)).toBe(true);
    }
    expect(Math.abs((zero.logLikelihood as number) - (plain.logLikelihood as number))).toBeLessThan(1e-6);
    expect(zero.coefficientStandardErrors).toEqual({ purchase: {}, dropout: {} });
  });

  it('a constrained covariate has one coefficient for both processes', () => {
    const tied = fitParetoNbd(ROWS, {
      covariates: { purchase: ['z1'], dropout: ['z1'] },
      constrain: ['z1'],
    });
    expect(tied.constrained).toEqual(['z1']);
    expect(tied.coefficients.purchase['z1']).toBe(tied.coefficients.dropout['z1']);
    const free = fitParetoNbd(ROWS, { covariates: { purchase: ['z1'], dropout: ['z1'] } });
    expect(free.logLikelihood as number).toBeGreaterThanOrEqual((tied.logLikelihood as number) - 1e-6);
  });

  it('reports the penalised objective beside the unpenalised log-likelihood', () => {
    const penalised = fitParetoNbd(ROWS, { ...OPTIONS, penalty: { purchase: 0.05, dropout: 0.05 } });
    const { purchase, dropout } = penalised.coefficients;
    const squares =
      (purchase['z1'] as number) ** 2 + (purchase['z2'] as number) ** 2 + (dropout['z1'] as number) ** 2;
    const expected = (penalised.logLikelihood as number) - penalised.n * 0.05 * squares;
    expect(closeTo(penalised.penalizedLogLikelihood as number, expected, 1e-9)).toBe(true);
    expect(penalised.logLikelihood as number).toBeLessThanOrEqual((fit.logLikelihood as number) + 1e-6);
  });

  it('starts from the given values and finds the same maximum', () => {
    const started = fitParetoNbd(ROWS, {
      ...OPTIONS,
      start: { params: { r: 2, alpha: 3 }, purchase: { z1: 0.5 }, dropout: { z1: -0.5 } },
    });
    expect(closeTo(started.logLikelihood as number, fit.logLikelihood as number, 1e-9)).toBe(true);
  });

  it('does not depend on the order of the rows', () => {
    const reversed = fitParetoNbd([...ROWS].reverse(), OPTIONS);
    expect(reversed).toEqual(fit);
  });

  it('leaves its arguments unchanged', () => {
    const rows = structuredClone(ROWS);
    const options = structuredClone(OPTIONS);
    fitParetoNbd(rows, options);
    expect(rows).toEqual(ROWS);
    expect(options).toEqual(OPTIONS);
  });
});

describe('fitBgNbd with covariates', () => {
  const fit = fitBgNbd(ROWS, OPTIONS);

  it('converges, with a likelihood at least that of BG/NBD without covariates', () => {
    expect(fit.converged).toBe(true);
    expect(fit.logLikelihood as number).toBeGreaterThanOrEqual(
      (fitBgNbd(ROWS).logLikelihood as number) - 1e-6,
    );
  });

  it('with every coefficient fixed at 0 equals the fit without covariates', () => {
    const plain = fitBgNbd(ROWS);
    const zero = fitBgNbd(ROWS, { ...OPTIONS, fixed: { purchase: { z1: 0, z2: 0 }, dropout: { z1: 0 } } });
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      expect(closeTo(zero.params[name], plain.params[name], 1e-5)).toBe(true);
    }
    expect(Math.abs((zero.logLikelihood as number) - (plain.logLikelihood as number))).toBeLessThan(1e-6);
  });
});

describe('the one-customer likelihoods of the covariate fits', () => {
  const customers = [
    [0, 0, 30],
    [1, 5.5, 30],
    [4, 20, 31],
    [12, 29.5, 30],
  ] as const;
  const one = (x: number, tx: number, T: number) => ({
    first: Float64Array.of(x),
    second: Float64Array.of(tx),
    third: Float64Array.of(T),
    weight: Float64Array.of(1),
    total: 1,
  });
  const params = Float64Array.of(0.6, 4.2, 0.8, 9.5);

  it('Pareto/NBD: equals the plain likelihood of one row, and its gradient central differences', () => {
    for (const [x, tx, T] of customers) {
      const plain = -paretoNbdObjective(one(x, tx, T))(Float64Array.from(params, Math.log), null);
      const gradient = new Float64Array(4);
      expect(closeTo(PARETO_NBD_COVARIATES.rowLogLikelihood(params, x, tx, T, gradient), plain, 1e-12)).toBe(
        true,
      );
      for (let j = 0; j < 4; j++) {
        const h = 1e-6;
        const up = Float64Array.from(params);
        const down = Float64Array.from(params);
        up[j] = (params[j] as number) * Math.exp(h);
        down[j] = (params[j] as number) * Math.exp(-h);
        const numeric =
          (PARETO_NBD_COVARIATES.rowLogLikelihood(up, x, tx, T, null) -
            PARETO_NBD_COVARIATES.rowLogLikelihood(down, x, tx, T, null)) /
          (2 * h);
        expect(Math.abs((gradient[j] as number) - numeric)).toBeLessThan(
          1e-6 * Math.max(1, Math.abs(numeric)),
        );
      }
    }
  });

  it('BG/NBD: equals the plain likelihood of one row, and its gradient central differences', () => {
    for (const [x, tx, T] of customers) {
      const plain = -bgNbdObjective(one(x, tx, T), 0)(Float64Array.from(params, Math.log), null);
      const gradient = new Float64Array(4);
      expect(closeTo(BG_NBD_COVARIATES.rowLogLikelihood(params, x, tx, T, gradient), plain, 1e-12)).toBe(
        true,
      );
      for (let j = 0; j < 4; j++) {
        const h = 1e-6;
        const up = Float64Array.from(params);
        const down = Float64Array.from(params);
        up[j] = (params[j] as number) * Math.exp(h);
        down[j] = (params[j] as number) * Math.exp(-h);
        const numeric =
          (BG_NBD_COVARIATES.rowLogLikelihood(up, x, tx, T, null) -
            BG_NBD_COVARIATES.rowLogLikelihood(down, x, tx, T, null)) /
          (2 * h);
        expect(Math.abs((gradient[j] as number) - numeric)).toBeLessThan(
          1e-6 * Math.max(1, Math.abs(numeric)),
        );
      }
    }
  });
});

describe('predictions of a fit with covariates', () => {
  const fit = {
    model: 'paretoNbd',
    params: { r: 0.6, alpha: 4.2, s: 0.8, beta: 9.5 },
    coefficients: { purchase: { z1: 0.7, z2: -0.3 }, dropout: { z1: 0.4 } },
  } as const;
  const customer = { frequency: 3, recency: 20, T: 30, covariates: { z1: 1, z2: 0.5 } };
  // the customer's own parameters, by the parameterisation's definition (CLVTools): α·exp(−γz), β·exp(−γz)
  const own = {
    model: 'paretoNbd',
    params: { r: 0.6, alpha: 4.2 * Math.exp(-(0.7 - 0.15)), s: 0.8, beta: 9.5 * Math.exp(-0.4) },
  } as const;

  it('P(alive), expected purchases and CLV are the plain model at the customer’s own parameters', () => {
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
  });

  it('BG/NBD: the dropout coefficients scale a and b alike, exp(+γz)', () => {
    const bg = {
      model: 'bgNbd',
      params: { r: 0.6, alpha: 4.2, a: 0.8, b: 2.5 },
      coefficients: { purchase: { z1: 0.7 }, dropout: { z1: 0.4 } },
    } as const;
    const bgOwn = {
      model: 'bgNbd',
      params: { r: 0.6, alpha: 4.2 * Math.exp(-0.7), a: 0.8 * Math.exp(0.4), b: 2.5 * Math.exp(0.4) },
    } as const;
    expect(closeTo(probabilityAlive(bg, customer), probabilityAlive(bgOwn, customer), 1e-12)).toBe(true);
  });

  it('scoreCustomers gives the per-customer predictions, from rows and from columns', () => {
    const other = { frequency: 0, recency: 0, T: 25, covariates: { z1: 0, z2: 2 } };
    const fromRows = scoreCustomers(fit, [customer, other], { horizon: 10 });
    const fromColumns = scoreCustomers(
      fit,
      { frequency: [3, 0], recency: [20, 0], T: [30, 25], covariates: { z1: [1, 0], z2: [0.5, 2] } },
      { horizon: 10 },
    );
    expect(fromColumns).toEqual(fromRows);
    expect(closeTo(fromRows.probabilityAlive[1] as number, probabilityAlive(fit, other), 1e-12)).toBe(true);
    expect(
      closeTo(fromRows.expectedPurchases[0] as number, expectedPurchases(fit, 10, customer), 1e-12),
    ).toBe(true);
  });

  it('refuses a customer without a covariate the fit uses, naming it', () => {
    const error = codeOf(() =>
      probabilityAlive(fit, { frequency: 3, recency: 20, T: 30, covariates: { z1: 1 } }),
    );
    expect(error.code).toBe('MISSING_COVARIATE');
    expect(error.details['argument']).toBe('customer.covariates.z2');
    expect(codeOf(() => probabilityAlive(fit, { frequency: 3, recency: 20, T: 30 })).code).toBe(
      'MISSING_COVARIATE',
    );
    const scored = codeOf(() =>
      scoreCustomers(fit, [customer, { frequency: 0, recency: 0, T: 3, covariates: { z1: 1 } }], {
        horizon: 1,
      }),
    );
    expect(scored.code).toBe('MISSING_COVARIATE');
    expect(scored.details['argument']).toBe('customers[1].covariates.z2');
  });

  it('refuses a new-customer expectation, which needs covariates', () => {
    expect(codeOf(() => expectedPurchases(fit, 10)).code).toBe('MISSING_COVARIATE');
  });

  it('refuses a covariate that is not finite', () => {
    const error = codeOf(() => probabilityAlive(fit, { ...customer, covariates: { z1: Number.NaN, z2: 0 } }));
    expect(error.code).toBe('NOT_FINITE');
    expect(error.details['argument']).toBe('customer.covariates.z1');
  });

  it('predictions that do not apply covariates refuse such a fit instead of ignoring them', () => {
    expect(codeOf(() => purchaseProbability(fit, 1, 10)).code).toBe('INVALID_FIT');
  });

  it('refuses coefficients on a model without covariates', () => {
    const error = codeOf(() =>
      probabilityAlive(
        {
          model: 'mbgNbd',
          params: { r: 1, alpha: 1, a: 1, b: 1 },
          coefficients: { purchase: { z1: 1 }, dropout: {} },
        },
        customer,
      ),
    );
    expect(error.code).toBe('INVALID_FIT');
  });
});

describe('bad input to the covariate fits', () => {
  it('a row without covariates: MISSING_COVARIATE naming the row and customer', () => {
    const rows = [...ROWS.slice(0, 5), { customerId: 'c42', frequency: 1, recency: 2, T: 30 }];
    const error = codeOf(() => fitParetoNbd(rows, OPTIONS));
    expect(error.code).toBe('MISSING_COVARIATE');
    expect(error.details['argument']).toBe('rows[5].covariates');
    expect(error.message).toContain('c42');
  });

  it('a row without one covariate: MISSING_COVARIATE naming the field', () => {
    const rows = [...ROWS.slice(0, 5), { frequency: 1, recency: 2, T: 30, covariates: { z1: 1 } }];
    const error = codeOf(() => fitParetoNbd(rows, OPTIONS));
    expect(error.code).toBe('MISSING_COVARIATE');
    expect(error.details['argument']).toBe('rows[5].covariates.z2');
  });

  it('a covariate that is not finite: NOT_FINITE naming the row and field', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const rows = [
        ...ROWS.slice(0, 5),
        { frequency: 1, recency: 2, T: 30, covariates: { z1: value, z2: 0 } },
      ];
      const error = codeOf(() => fitBgNbd(rows, OPTIONS));
      expect(error.code).toBe('NOT_FINITE');
      expect(error.details['argument']).toBe('rows[5].covariates.z1');
    }
  });

  it('a constraint naming a covariate not in both sets: UNKNOWN_COVARIATE', () => {
    const error = codeOf(() => fitParetoNbd(ROWS, { ...OPTIONS, constrain: ['z2'] }));
    expect(error.code).toBe('UNKNOWN_COVARIATE');
    expect(error.details['argument']).toBe('options.constrain[0]');
    expect(codeOf(() => fitParetoNbd(ROWS, { ...OPTIONS, constrain: ['gender'] })).code).toBe(
      'UNKNOWN_COVARIATE',
    );
  });

  it('fixed or start values naming an unknown covariate: UNKNOWN_COVARIATE', () => {
    expect(codeOf(() => fitParetoNbd(ROWS, { ...OPTIONS, fixed: { dropout: { z2: 1 } } })).code).toBe(
      'UNKNOWN_COVARIATE',
    );
    expect(codeOf(() => fitParetoNbd(ROWS, { ...OPTIONS, start: { purchase: { z3: 1 } } })).code).toBe(
      'UNKNOWN_COVARIATE',
    );
  });

  it('unknown option keys: INVALID_OPTION', () => {
    const options = { ...OPTIONS, penalty: { purchase: 1, lifetime: 2 } };
    expect(codeOf(() => fitParetoNbd(ROWS, options as never)).code).toBe('INVALID_OPTION');
    expect(codeOf(() => fitParetoNbd(ROWS, { ...OPTIONS, constraint: [] } as never)).code).toBe(
      'INVALID_OPTION',
    );
    expect(
      codeOf(() => fitParetoNbd(ROWS, { covariates: { purchase: ['z1'], life: ['z1'] } } as never)).code,
    ).toBe('INVALID_OPTION');
    expect(codeOf(() => fitParetoNbd(ROWS, { ...OPTIONS, start: { params: { q: 1 } } } as never)).code).toBe(
      'INVALID_OPTION',
    );
  });

  it('a negative penalty: OUT_OF_RANGE', () => {
    expect(codeOf(() => fitParetoNbd(ROWS, { ...OPTIONS, penalty: { dropout: -1 } })).code).toBe(
      'OUT_OF_RANGE',
    );
  });

  it('a constant covariate is refused before fitting: the model parameter absorbs it', () => {
    const rows = ROWS.map((row) => ({ ...row, covariates: { ...row.covariates, one: 1 } }));
    const error = codeOf(() => fitParetoNbd(rows, { covariates: { purchase: ['z1', 'one'] } }));
    expect(error.code).toBe('COLLINEAR_COVARIATES');
    expect(error.details['columns']).toEqual(['one']);
    expect(error.message).toContain('alpha');
  });

  it('collinear covariates are refused before fitting, naming the columns', () => {
    const rows = ROWS.map((row) => ({
      ...row,
      covariates: {
        ...row.covariates,
        z3: 2 * (row.covariates.z2 as number) - 3 * (row.covariates.z1 as number) + 1,
      },
    }));
    const error = codeOf(() => fitBgNbd(rows, { covariates: { dropout: ['z1', 'z2', 'z3'] } }));
    expect(error.code).toBe('COLLINEAR_COVARIATES');
    expect(error.details['columns']).toEqual(['z1', 'z2', 'z3']);
    expect(error.details['argument']).toBe('options.covariates.dropout');
  });
});

describe('scoreBatches and a fit with covariates', () => {
  it('is refused before any batch is read', async () => {
    const { scoreBatches } = await import('../../../src/index');
    const fit = {
      model: 'paretoNbd',
      params: { r: 0.6, alpha: 4.2, s: 0.8, beta: 9.5 },
      coefficients: { purchase: { z1: 0.7 }, dropout: {} },
    } as const;
    expect(codeOf(() => scoreBatches(fit, [], { horizon: 1 })).code).toBe('INVALID_FIT');
  });
});
