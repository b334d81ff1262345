// The correlated Pareto/NBD (Glady, Lemmens & Croux 2015; CLVTools' use.cor): its likelihood and
// predictions against an independent 2-D integration over (λ, μ) (scripts/reference/sarmanov_likelihood.py,
// mpmath), the fit's shape, the likelihood-ratio test against the plain fit, the refusals, and a refit of
// simulated customers.
import { describe, expect, it } from 'vitest';
import { correlationOf, omegaBounds } from '../../../src/clv/paretoNbd/correlation';
import {
  bootstrapFits,
  type CorrelatedParetoNbdFit,
  customerLifetimeValue,
  expectedPurchases,
  fitBgNbd,
  fitParetoNbd,
  likelihoodRatioTest,
  logLikelihoodAt,
  mixingDensities,
  posteriorMeans,
  predictionInterval,
  probabilityAlive,
  scoreCustomers,
  simulateCustomers,
} from '../../../src/index';
import { closeTo } from '../../helpers/numbers';

const ROWS = [
  { frequency: 0, recency: 0, T: 38, weight: 600 },
  { frequency: 0, recency: 0, T: 30, weight: 300 },
  { frequency: 1, recency: 4, T: 38, weight: 100 },
  { frequency: 1, recency: 30, T: 36, weight: 90 },
  { frequency: 2, recency: 10, T: 38, weight: 40 },
  { frequency: 2, recency: 33, T: 35, weight: 40 },
  { frequency: 4, recency: 20, T: 37, weight: 20 },
  { frequency: 6, recency: 35, T: 37, weight: 15 },
  { frequency: 12, recency: 36, T: 38, weight: 5 },
];

// r, alpha, s, beta, omega, x, t_x, T, t, then ln L, P(alive) and E[Y(t) | x, t_x, T] by 2-D integration
// (mpmath, 20 digits: the output of scripts/reference/sarmanov_likelihood.py)
// Cor(λ, μ) at r 1.2, α 0.8, s 0.9, β 1.5, ω −2.5 from the density's moments (the same script)
const CORRELATION_GOLDEN = -0.1377705766709633;
const GOLDEN: readonly (readonly [readonly number[], number, number, number])[] = [
  [
    [0.55, 10.6, 0.61, 11.7, 5.0, 2, 30.43, 38.86, 39],
    -9.561158804504055,
    0.868526197168467,
    1.444639837545901,
  ],
  [
    [0.55, 10.6, 0.61, 11.7, -1.0, 0, 0, 38.86, 39],
    -0.5170891651852475,
    0.2939801359475513,
    0.1059375026911048,
  ],
  [[1.2, 0.8, 0.9, 1.5, 2.0, 3, 5.0, 20.0, 10], -8.576726816004088, 0.01173991007794179, 0.01954436806800856],
  [[1.2, 0.8, 0.9, 1.5, -2.5, 1, 18.0, 20.0, 10], -9.61260893549913, 0.897074926601819, 0.8304959741273515],
];

describe('correlated Pareto/NBD: the likelihood and predictions equal the 2-D integral over (λ, μ)', () => {
  it.each(GOLDEN)('matches sarmanov_likelihood.py (mpmath) at %j to 1e-10', (inputs, logL, alive, future) => {
    const [r, alpha, s, beta, omega, frequency, recency, T, t] = inputs as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const spec = { model: 'paretoNbd', params: { r, alpha, s, beta }, correlation: { omega } } as const;
    const customer = { frequency, recency, T };
    expect(closeTo(logLikelihoodAt(spec, [customer]), logL, 1e-10)).toBe(true);
    expect(closeTo(probabilityAlive(spec, customer), alive, 1e-10)).toBe(true);
    expect(closeTo(expectedPurchases(spec, t, customer), future, 1e-10)).toBe(true);
  });
});

describe('correlated Pareto/NBD: the correlation', () => {
  it('Cor(λ, μ) = ω c₁c₂ √(rs)/((α+1)(β+1)) equals the moments of the density (mpmath, 1e-10)', () => {
    expect(
      closeTo(correlationOf({ r: 1.2, alpha: 0.8, s: 0.9, beta: 1.5 }, -2.5), CORRELATION_GOLDEN, 1e-10),
    ).toBe(true);
  });

  it('the bounds of ω are CLVTools’ (−1/max(c₁c₂, (1−c₁)(1−c₂)), 1/max(c₁(1−c₂), (1−c₁)c₂))', () => {
    const c1 = (0.8 / 1.8) ** 1.2;
    const c2 = (1.5 / 2.5) ** 0.9;
    const { lower, upper } = omegaBounds({ r: 1.2, alpha: 0.8, s: 0.9, beta: 1.5 });
    expect(closeTo(lower, -1 / Math.max(c1 * c2, (1 - c1) * (1 - c2)), 1e-14)).toBe(true);
    expect(closeTo(upper, 1 / Math.max(c1 * (1 - c2), (1 - c1) * c2), 1e-14)).toBe(true);
  });
});

describe('fitParetoNbd with correlation: true', () => {
  let fit: CorrelatedParetoNbdFit | undefined;
  const correlated = (): CorrelatedParetoNbdFit => {
    fit ??= fitParetoNbd(ROWS, { correlation: true });
    return fit;
  };

  it('has ω, Cor(λ, μ) and their standard errors, and a covariance over the five parameters', () => {
    const result = correlated();
    expect(Object.keys(result.params)).toEqual(['r', 'alpha', 's', 'beta']);
    expect(result.covariance.parameters).toEqual(['r', 'alpha', 's', 'beta', 'omega']);
    const { omega, omegaBounds: bounds, estimate } = result.correlation;
    expect(omega).toBeGreaterThanOrEqual(bounds[0]);
    expect(omega).toBeLessThanOrEqual(bounds[1]);
    expect(estimate).toBe(correlationOf(result.params, omega));
    if (result.covariance.matrix !== null) {
      expect(result.correlation.omegaStandardError).toBe(
        Math.sqrt(result.covariance.matrix[4]?.[4] as number),
      );
    }
  });

  it('its log-likelihood is logLikelihoodAt of its own spec, at least the plain maximum', () => {
    const result = correlated();
    const plain = fitParetoNbd(ROWS);
    expect(logLikelihoodAt(result, ROWS)).toBe(result.logLikelihood);
    expect(result.logLikelihood as number).toBeGreaterThanOrEqual((plain.logLikelihood as number) - 1e-9);
  });

  it('counts ω in the AIC and BIC, and the likelihood-ratio test against the plain fit has 1 degree of freedom', () => {
    const result = correlated();
    const plain = fitParetoNbd(ROWS);
    const ll = result.logLikelihood as number;
    expect(result.aic).toBe(2 * 5 - 2 * ll);
    expect(result.bic).toBe(5 * Math.log(result.n) - 2 * ll);
    const test = likelihoodRatioTest(plain, result);
    expect(test.degreesOfFreedom).toBe(1);
    expect(test.pValue).toBeGreaterThan(0);
    expect(test.pValue).toBeLessThanOrEqual(1);
  });

  it('a JSON round trip keeps the correlated predictions', () => {
    const result = correlated();
    const copy = JSON.parse(JSON.stringify(result));
    const customer = { frequency: 2, recency: 10, T: 38 };
    expect(probabilityAlive(copy, customer)).toBe(probabilityAlive(result, customer));
  });

  it('takes penalty.logParams: it shrinks Σ (ln θ)² over r, α, s, β, and reports both likelihoods', () => {
    const sumOfSquares = (fit: CorrelatedParetoNbdFit): number =>
      Object.values(fit.params).reduce((sum, value) => sum + Math.log(value) ** 2, 0);
    const unpenalised = correlated();
    const light = fitParetoNbd(ROWS, { correlation: true, penalty: { logParams: 0.01 } });
    const heavy = fitParetoNbd(ROWS, { correlation: true, penalty: { logParams: 0.1 } });
    expect(sumOfSquares(light)).toBeLessThan(sumOfSquares(unpenalised));
    expect(sumOfSquares(heavy)).toBeLessThan(sumOfSquares(light));
    expect(heavy.penalty).toEqual({ logParams: 0.1 });
    // logLikelihood is the unpenalised likelihood at the estimates; the objective subtracts n·c·Σ (ln θ)²,
    // ω (not a log-parameter) left out
    expect(logLikelihoodAt(heavy, ROWS)).toBe(heavy.logLikelihood);
    expect(
      closeTo(
        heavy.penalizedLogLikelihood as number,
        (heavy.logLikelihood as number) - heavy.n * 0.1 * sumOfSquares(heavy),
        1e-12,
      ),
    ).toBe(true);
    expect(heavy.logLikelihood as number).toBeLessThan(unpenalised.logLikelihood as number);
  });

  it('refuses a correlation that is not a boolean', () => {
    expect(() => fitParetoNbd(ROWS, { correlation: 'yes' } as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => fitParetoNbd(ROWS, { correlation: true, start: {} } as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});

describe('correlated fits: posterior means and the bootstrap', () => {
  const spec = {
    model: 'paretoNbd',
    params: { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 },
    correlation: { omega: 5 },
  } as const;

  it('posteriorMeans at ω = 0 are the plain model’s (1e-12), and move with ω', () => {
    const customer = { frequency: 2, recency: 10, T: 38 };
    const plain = posteriorMeans({ model: 'paretoNbd', params: spec.params }, customer);
    const atZero = posteriorMeans({ ...spec, correlation: { omega: 0 } }, customer);
    expect(closeTo(atZero.lambda as number, plain.lambda as number, 1e-12)).toBe(true);
    expect(closeTo(atZero.mu as number, plain.mu as number, 1e-12)).toBe(true);
    const correlated = posteriorMeans(spec, customer);
    expect(correlated.lambda).not.toBe(plain.lambda);
    expect(correlated.lambda as number).toBeGreaterThan(0);
    expect(correlated.mu as number).toBeGreaterThan(0);
  });

  it('bootstrapFits refits ω (seeded: the same seed gives the same refits), with covariates too', () => {
    const fit = fitParetoNbd(ROWS, { correlation: true });
    const boot = bootstrapFits(fit, ROWS, { resamples: 20, seed: 4 });
    expect(boot.omega?.length).toBe(boot.params.length);
    expect(boot.params.length + boot.failed).toBe(20);
    boot.params.forEach((params, b) => {
      const { lower, upper } = omegaBounds(params);
      const omega = boot.omega?.[b] as number;
      expect(omega).toBeGreaterThanOrEqual(lower);
      expect(omega).toBeLessThanOrEqual(upper);
    });
    expect(bootstrapFits(fit, ROWS, { resamples: 20, seed: 4 })).toEqual(boot);
    const rows = ROWS.map((row, i) => ({ ...row, covariates: { z: i % 2 } }));
    const withCovariates = fitParetoNbd(rows, { covariates: { purchase: ['z'] }, correlation: true });
    const covariateBoot = bootstrapFits(withCovariates, rows, { resamples: 5, seed: 2 });
    expect(covariateBoot.omega?.length).toBe(covariateBoot.params.length);
    expect(covariateBoot.coefficients?.length).toBe(covariateBoot.params.length);
    expect(covariateBoot.params.length + covariateBoot.failed).toBe(5);
    covariateBoot.params.forEach((params, b) => {
      const { lower, upper } = omegaBounds(params);
      expect(covariateBoot.omega?.[b]).toBeGreaterThanOrEqual(lower);
      expect(covariateBoot.omega?.[b]).toBeLessThanOrEqual(upper);
    });
  });

  it('a correlation on a model without a correlated variant, or a malformed one, is INVALID_FIT', () => {
    const bg = fitBgNbd(ROWS);
    expect(() => probabilityAlive({ ...bg, correlation: { omega: 1 } }, ROWS[2] as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_FIT' }),
    );
    expect(() => probabilityAlive({ ...spec, correlation: { omega: Number.NaN } }, ROWS[2] as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_FIT' }),
    );
  });

  it('mixingDensities gives the marginals, which the Sarmanov density keeps', () => {
    expect(mixingDensities(spec, { points: 3 })).toEqual(
      mixingDensities({ model: spec.model, params: spec.params }, { points: 3 }),
    );
  });

  it('a delta interval counts ω’s variance; a bootstrap interval needs the refits’ ω', () => {
    const fit = fitParetoNbd(ROWS, { correlation: true });
    const customer = { frequency: 2, recency: 10, T: 38 };
    if (fit.covariance.matrix !== null) {
      const interval = expectedPurchases(fit, 39, customer, { intervals: { method: 'delta' } });
      expect(interval.estimate).toBe(expectedPurchases(fit, 39, customer));
      expect(interval.lower).toBeLessThan(interval.estimate);
      expect(interval.upper).toBeGreaterThan(interval.estimate);
    }
    expect(() =>
      predictionInterval(fit, (spec) => probabilityAlive(spec, customer), {
        method: 'bootstrap',
        bootstrap: { model: 'paretoNbd', params: [fit.params, fit.params], failures: 0 } as never,
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    const boot = bootstrapFits(fit, ROWS, { resamples: 20, seed: 4 });
    const interval = predictionInterval(fit, (spec) => probabilityAlive(spec, customer), {
      method: 'bootstrap',
      bootstrap: boot,
    });
    expect(interval.estimate).toBe(probabilityAlive(fit, customer));
    expect(interval.lower).toBeLessThanOrEqual(interval.upper);
  });
});

describe('correlated fits in the bulk and value predictions', () => {
  const spec = {
    model: 'paretoNbd',
    params: { r: 1, alpha: 2, s: 1, beta: 2 },
    correlation: { omega: 3 },
  } as const;
  const plain = { model: spec.model, params: spec.params } as const;
  const customers = [
    { customerId: 'a', frequency: 2, recency: 5, T: 10 },
    { customerId: 'b', frequency: 0, recency: 0, T: 8 },
    { customerId: 'c', frequency: 7, recency: 9.5, T: 10 },
  ];

  it('scoreCustomers gives the per-customer correlated P(alive) and expected purchases (1e-12)', () => {
    const scores = scoreCustomers(spec, customers, { horizon: 5 });
    customers.forEach((customer, i) => {
      expect(closeTo(scores.probabilityAlive[i] as number, probabilityAlive(spec, customer))).toBe(true);
      expect(closeTo(scores.expectedPurchases[i] as number, expectedPurchases(spec, 5, customer))).toBe(true);
    });
  });

  it('ω changes the predictions (it is not ignored), and the CLV is the discounted purchases × margin × spend', () => {
    const customer = customers[0] as (typeof customers)[number];
    expect(probabilityAlive(spec, customer)).not.toBe(probabilityAlive(plain, customer));
    const options = {
      timeUnit: 'week',
      horizon: 52,
      discountRate: 0.1,
      margin: 0.3,
      averageSpend: 35,
    } as const;
    const correlated = customerLifetimeValue(spec, customer, options);
    expect(correlated).not.toBe(customerLifetimeValue(plain, customer, options));
    expect(correlated).toBeGreaterThan(0);
    const zero = { ...spec, correlation: { omega: 0 } };
    expect(
      closeTo(
        customerLifetimeValue(zero, customer, options),
        customerLifetimeValue(plain, customer, options),
      ),
    ).toBe(true);
  });
});

describe('simulated correlated customers', () => {
  // λ ~ Gamma(1, 2), μ ~ Gamma(1, 2) in a unit where c₁ = c₂ = 2/3: ω ranges over [−2.25, 4.5]
  it.each([
    [-2, 8_000],
    [3.5, 4_000],
  ])(
    'refitting customers drawn with ω = %d recovers its sign, within 3 standard errors',
    (omega, customers) => {
      const spec = {
        model: 'paretoNbd',
        params: { r: 1, alpha: 2, s: 1, beta: 2 },
        correlation: { omega },
      } as const;
      const { summary } = simulateCustomers(spec, { customers, T: 10, seed: 3 });
      const fit = fitParetoNbd(summary, { correlation: true });
      expect(fit.converged).toBe(true);
      expect(Math.sign(fit.correlation.omega)).toBe(Math.sign(omega));
      expect(Math.abs(fit.correlation.omega - omega)).toBeLessThan(
        3 * (fit.correlation.omegaStandardError as number),
      );
    },
    120_000,
  );
});
