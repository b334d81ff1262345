// The correlated Pareto/NBD with time-invariant covariates on CLVTools' apparel data (600 customers, weekly,
// the first 40 weeks for estimation, Gender and Channel on both processes) against CLVTools 0.12.1 itself:
// scripts/reference/clvtools-correlation-covariates.R, run on the same files (its output is quoted in the
// tests). CLVTools stops 6.8 below the maximum of its own nested model (the fit with covariates and
// without correlation, −2589.232 in test/clv/covariates/apparel.test.ts), so the parameters cannot agree;
// the comparison is of both parameter sets evaluated by one function, logLikelihoodAt: at CLVTools'
// estimates it gives CLVTools' log-likelihood (to 0.01), and the fit is above it and above the nested fit.
import { describe, expect, it } from 'vitest';
import { correlatedParetoNbdPredictions } from '../../../src/clv/paretoNbd/correlatedPredictions';
import {
  type CovariateFit,
  expectedPurchases,
  fitParetoNbd,
  likelihoodRatioTest,
  logLikelihoodAt,
  type ParetoNbdCorrelation,
  posteriorMeans,
  predictionInterval,
  probabilityAlive,
  scoreCustomers,
  simulateCustomers,
} from '../../../src/index';
import { seededUniform } from '../../../src/math/random';
import { APPAREL_SKIP, apparelSummary, hasApparel } from '../../helpers/apparel';
import { codeOf } from '../../helpers/errors';
import { closeTo } from '../../helpers/numbers';

const COVARIATES = { purchase: ['Gender', 'Channel'], dropout: ['Gender', 'Channel'] };
const SLOW = 300_000;

/** A spec from CLVTools' coefficients: ω from its Cor(life,trans) = ω c₁c₂ √(rs)/((α+1)(β+1)). */
function clvtoolsSpec(
  [r, alpha, s, beta]: readonly [number, number, number, number],
  correlation: number,
  purchase: Readonly<Record<string, number>>,
  dropout: Readonly<Record<string, number>>,
) {
  const c1c2 = (alpha / (alpha + 1)) ** r * (beta / (beta + 1)) ** s;
  const omega = (correlation * (alpha + 1) * (beta + 1)) / (c1c2 * Math.sqrt(r * s));
  return {
    model: 'paretoNbd',
    params: { r, alpha, s, beta },
    correlation: { omega },
    coefficients: { purchase, dropout },
  } as const;
}

type Fit = CovariateFit<'paretoNbd'> & { readonly correlation: ParetoNbdCorrelation };
let fitted: { fit: Fit; nested: CovariateFit<'paretoNbd'> } | undefined;
function fits(): { fit: Fit; nested: CovariateFit<'paretoNbd'> } {
  const rows = apparelSummary(40);
  fitted ??= {
    fit: fitParetoNbd(rows, { covariates: COVARIATES, correlation: true }),
    nested: fitParetoNbd(rows, { covariates: COVARIATES }),
  };
  return fitted;
}

describe.skipIf(!hasApparel)('apparel: the correlated Pareto/NBD with covariates against CLVTools', () => {
  // CLVTools `pnbd(static, use.cor = TRUE)` (the same with optimx.args = list(method = "Nelder-Mead")):
  // r 1.393271548802, alpha 65.794929830837, s 0.837722898136, beta 44.216120946384, Cor(life,trans)
  // −0.000259674856 (se 0.0148056), life.Gender −2.517133508934, life.Channel 0.224625364633, trans.Gender
  // 0.209449257776, trans.Channel 0.495209974799, logLik −2596.0341337
  const clvtools = clvtoolsSpec(
    [1.393271548802, 65.794929830837, 0.837722898136, 44.216120946384],
    -0.000259674856,
    { Gender: 0.209449257776, Channel: 0.495209974799 },
    { Gender: -2.517133508934, Channel: 0.224625364633 },
  );

  it('logLikelihoodAt at CLVTools’ estimates is CLVTools’ log-likelihood (to 0.01)', () => {
    expect(Math.abs(logLikelihoodAt(clvtools, apparelSummary(40)) - -2596.0341337)).toBeLessThan(0.01);
  });

  it(
    'the fit is above CLVTools’ point and at least the nested fit without correlation',
    () => {
      const { fit, nested } = fits();
      const rows = apparelSummary(40);
      const ours = fit.logLikelihood as number;
      expect(ours).toBeGreaterThan(logLikelihoodAt(clvtools, rows) + 6);
      expect(ours).toBeGreaterThanOrEqual((nested.logLikelihood as number) - 1e-9 * Math.abs(ours));
      // the fit's own spec gives its likelihood: the function the comparison uses is the one maximised
      expect(Math.abs(logLikelihoodAt(fit, rows) - ours)).toBeLessThan(1e-6);
    },
    SLOW,
  );

  it(
    'finds no correlation to speak of: Cor below 0.01 with ω at its bound, said in converged and reason',
    () => {
      const { fit, nested } = fits();
      expect(Math.abs(fit.correlation.estimate)).toBeLessThan(0.01);
      expect(fit.converged).toBe(false);
      expect(fit.reason).toMatch(/omega ran to its (upper|lower) bound/);
      // the purchase side, which the data identify, is the nested fit's (to 1%)
      for (const name of ['Gender', 'Channel']) {
        const ours = fit.coefficients.purchase[name] as number;
        const theirs = nested.coefficients.purchase[name] as number;
        expect(Math.abs(ours - theirs)).toBeLessThan(0.01 * Math.abs(theirs));
      }
    },
    SLOW,
  );

  it(
    'counts ω: covariance lists it last, aic has 9 parameters, the test against the nested fit 1 df',
    () => {
      const { fit, nested } = fits();
      expect(fit.covariance.parameters).toEqual([
        'r',
        'alpha',
        's',
        'beta',
        'purchase.Gender',
        'purchase.Channel',
        'dropout.Gender',
        'dropout.Channel',
        'omega',
      ]);
      expect(fit.aic).toBe(18 - 2 * (fit.logLikelihood as number));
      const test = likelihoodRatioTest(nested, fit);
      expect(test.degreesOfFreedom).toBe(1);
      expect(test.statistic).toBeLessThan(0.01);
    },
    SLOW,
  );

  it(
    'the predictions take the fit with each customer’s covariates: scoreCustomers equals the per-customer calls',
    () => {
      const { fit } = fits();
      const customers = apparelSummary(40).slice(0, 40);
      const scores = scoreCustomers(fit, customers, {
        outputs: ['probabilityAlive', 'expectedPurchases'],
        horizon: 52,
      });
      customers.forEach((customer, i) => {
        const alive = probabilityAlive(fit, customer);
        expect(alive).toBeGreaterThanOrEqual(0);
        expect(alive).toBeLessThanOrEqual(1);
        expect(closeTo(scores.probabilityAlive[i] as number, alive, 1e-12)).toBe(true);
        expect(
          closeTo(scores.expectedPurchases[i] as number, expectedPurchases(fit, 52, customer), 1e-12),
        ).toBe(true);
      });
    },
    SLOW,
  );
});

// r, alpha, s, beta, omega, γ_purchase·z, γ_dropout·z, x, t_x, T, t, then ln L, P(alive), E[Y(t) | x, t_x, T]
// and a new customer's E[X(t)], each by 2-D integration over the baseline rates (mpmath, 20 digits: the
// output of scripts/reference/sarmanov_covariates.py)
const GOLDEN: readonly (readonly [readonly number[], number, number, number, number])[] = [
  [
    [0.55, 10.6, 0.61, 11.7, 5.0, 0.4, -0.7, 2, 30.43, 38.86, 39],
    -9.320480885121013,
    0.8920050543481733,
    1.647161094422087,
    2.151685603564232,
  ],
  [
    [0.55, 10.6, 0.61, 11.7, -1.0, -0.3, 0.5, 0, 0, 38.86, 39],
    -0.3731302736842422,
    0.2254251406667413,
    0.0744797621394243,
    0.7533256007707297,
  ],
  [
    [1.2, 0.8, 0.9, 1.5, 2.0, 0.9, 0.2, 3, 5.0, 20.0, 10],
    -9.396824257796869,
    0.008899677922342896,
    0.01529302820908119,
    10.3154639886988,
  ],
  [
    [1.2, 0.8, 0.9, 1.5, -2.5, -0.6, -1.1, 1, 18.0, 20.0, 10],
    -7.904443170617024,
    0.9050069421320013,
    0.8264894875917208,
    4.886001153438572,
  ],
];

// the same cases (by their first 11 inputs), then E[λ | x, t_x, T] and E[μ | x, t_x, T] of the customer's rates
// (the `posterior` lines of scripts/reference/sarmanov_covariates.py)
const POSTERIOR: readonly (readonly [number, number])[] = [
  [0.056089127322719444, 0.01171658358852355],
  [0.023120149920629364, 0.10405002144629175],
  [0.6387678207874941, 0.2416285611896623],
  [0.10931652120407338, 0.047319884676114345],
];

/** A golden case's spec, customer (covariate 1, so its linear predictors are the coefficients) and rates. */
function goldenCase(inputs: readonly number[]) {
  const [r, alpha, s, beta, omega, purchase, dropout, frequency, recency, T, t] = inputs as [
    number,
    number,
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
  const spec = {
    model: 'paretoNbd',
    params: { r, alpha, s, beta },
    correlation: { omega },
    coefficients: { purchase: { z: purchase }, dropout: { z: dropout } },
  } as const;
  return {
    spec,
    customer: { frequency, recency, T, covariates: { z: 1 } },
    t,
    baseline: { r, alpha, s, beta },
    own: { r, alpha: alpha * Math.exp(-purchase), s, beta: beta * Math.exp(-dropout) },
  };
}

/**
 * The correlated fit with covariates of 1,500 customers simulated from a correlated Pareto/NBD with ω =
 * `omega` (seed 11), a covariate `online` on every third.
 */
function simulatedFit(omega: number) {
  const { summary } = simulateCustomers(
    { model: 'paretoNbd', params: { r: 0.8, alpha: 8, s: 0.7, beta: 10 }, correlation: { omega } },
    { customers: 1500, T: 40, seed: 11 },
  );
  const rows = summary.map(({ frequency, recency, T }, i) => ({
    frequency,
    recency,
    T,
    covariates: { online: i % 3 === 0 ? 1 : 0 },
  }));
  return fitParetoNbd(rows, { covariates: { purchase: ['online'], dropout: ['online'] }, correlation: true });
}

describe('the correlated Pareto/NBD with covariates: predictions equal the 2-D integral over the baseline rates', () => {
  it.each(GOLDEN)(
    'matches sarmanov_covariates.py (mpmath) at %j to 1e-10',
    (inputs, logL, alive, future, fresh) => {
      const { spec, customer, t, baseline, own } = goldenCase(inputs);
      expect(closeTo(logLikelihoodAt(spec, [customer]), logL, 1e-10)).toBe(true);
      expect(closeTo(probabilityAlive(spec, customer), alive, 1e-10)).toBe(true);
      expect(closeTo(expectedPurchases(spec, t, customer), future, 1e-10)).toBe(true);
      // a customer just acquired with the same covariate (the prediction customerLifetimeValue's new customer uses)
      const predictions = correlatedParetoNbdPredictions(spec.correlation.omega, baseline);
      expect(closeTo(predictions.expectedPurchases?.(own, t) as number, fresh, 1e-10)).toBe(true);
    },
  );

  it('delta intervals take the covariance over the parameters, the coefficients and ω (listed last)', () => {
    // 1,500 customers simulated from a correlated model, a covariate on every third; the maximum is interior
    const fit = simulatedFit(5);
    const { omega, omegaBounds } = fit.correlation;
    expect(omega).toBeGreaterThan(omegaBounds[0]);
    expect(omega).toBeLessThan(omegaBounds[1]);
    expect(fit.covariance.parameters.at(-1)).toBe('omega');
    const customer = { frequency: 2, recency: 12, T: 30, covariates: { online: 1 } };
    const interval = probabilityAlive(fit, customer, { intervals: { method: 'delta' } });
    expect(interval.estimate).toBe(probabilityAlive(fit, customer));
    expect(interval.lower).toBeLessThan(interval.estimate);
    expect(interval.upper).toBeGreaterThan(interval.estimate);
    const general = predictionInterval(fit, (spec) => probabilityAlive(spec, customer), {
      method: 'delta',
    });
    expect(general.standardError).toBe(interval.standardError);
  });

  it('a delta interval at a maximum on ω’s bound is refused, naming the bootstrap', () => {
    // 1,500 customers simulated with ω = 0.5: the maximum is on ω's lower bound (fit.reason says so)
    const fit = simulatedFit(0.5);
    expect(fit.reason).toMatch(/no interior maximum: omega ran to its (lower|upper) bound/);
    const customer = { frequency: 2, recency: 12, T: 30, covariates: { online: 1 } };
    const delta = () => probabilityAlive(fit, customer, { intervals: { method: 'delta' } });
    expect(codeOf(delta)).toBe('INVALID_FIT');
    expect(delta).toThrow(/edge of its range.*use method 'bootstrap'/);
  });

  it.each(GOLDEN.map(([inputs], i) => [inputs, ...(POSTERIOR[i] as readonly [number, number])] as const))(
    'posteriorMeans match the 2-D integrals at %j to 1e-10',
    (inputs, lambda, mu) => {
      const { spec, customer } = goldenCase(inputs);
      const means = posteriorMeans(spec, customer);
      expect(closeTo(means.lambda as number, lambda, 1e-10)).toBe(true);
      expect(closeTo(means.mu as number, mu, 1e-10)).toBe(true);
    },
  );

  it('simulated customers with covariates buy as many times as E[X(T)] predicts (within 4 standard errors)', () => {
    const baseline = { r: 1.2, alpha: 0.8, s: 0.9, beta: 1.5 };
    const omega = -2.5;
    const own = { ...baseline, alpha: baseline.alpha * Math.exp(-0.9), beta: baseline.beta * Math.exp(-0.2) };
    const predictions = correlatedParetoNbdPredictions(omega, baseline);
    const uniform = seededUniform(7);
    const times: number[] = [];
    const T = 10;
    const n = 20_000;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      times.length = 0;
      predictions.simulateCustomer?.(own, T, uniform, times, 10_000);
      sum += times.length;
      squares += times.length ** 2;
    }
    const mean = sum / n;
    const standardError = Math.sqrt((squares / n - mean ** 2) / n);
    // the purchases in (0, T] of a new customer: E[X(T)]; the simulation counts every purchase in (0, T]
    const expected = predictions.expectedPurchases?.(own, T) as number;
    expect(Math.abs(mean - expected)).toBeLessThan(4 * standardError);
  });
});

if (!hasApparel) console.warn(APPAREL_SKIP);

describe('the correlated Pareto/NBD with covariates on small data', () => {
  // the histogram of fitParetoNbd's example, with a covariate on each row
  const histogram: [number, number, number, number, number][] = [
    [0, 0, 38, 180, 1],
    [0, 0, 38, 420, 0],
    [0, 0, 30, 105, 1],
    [0, 0, 30, 195, 0],
    [1, 4, 38, 50, 1],
    [1, 4, 38, 50, 0],
    [1, 30, 36, 50, 1],
    [1, 30, 36, 40, 0],
    [2, 10, 38, 24, 1],
    [2, 10, 38, 16, 0],
    [2, 33, 35, 28, 1],
    [2, 33, 35, 12, 0],
    [4, 20, 37, 14, 1],
    [4, 20, 37, 6, 0],
    [6, 35, 37, 12, 1],
    [6, 35, 37, 3, 0],
    [12, 36, 38, 4, 1],
    [12, 36, 38, 1, 0],
  ];
  const rows = histogram.map(([frequency, recency, T, weight, online]) => ({
    frequency,
    recency,
    T,
    weight,
    covariates: { online },
  }));
  const covariates = { purchase: ['online'], dropout: ['online'] };

  it('ω and Cor(λ, μ) are consistent: Cor is the baseline’s formula at ω, ω within its range', () => {
    const fit = fitParetoNbd(rows, { covariates, correlation: true });
    const { r, alpha, s, beta } = fit.params;
    const { omega, omegaBounds, estimate } = fit.correlation;
    expect(omega).toBeGreaterThanOrEqual(omegaBounds[0]);
    expect(omega).toBeLessThanOrEqual(omegaBounds[1]);
    const c1c2 = (alpha / (alpha + 1)) ** r * (beta / (beta + 1)) ** s;
    const expected = (omega * c1c2 * Math.sqrt(r * s)) / ((alpha + 1) * (beta + 1));
    expect(Math.abs(estimate - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1e-300, Math.abs(expected)));
    if (fit.covariance.matrix !== null) {
      expect(fit.correlation.omegaStandardError).toBe(Math.sqrt(fit.covariance.matrix[6]?.[6] as number));
    }
    expect(logLikelihoodAt(fit, rows)).toBeCloseTo(fit.logLikelihood as number, 6);
  });

  it('is at least the fit with covariates alone, and its test against it has 1 degree of freedom', () => {
    const fit = fitParetoNbd(rows, { covariates, correlation: true });
    const nested = fitParetoNbd(rows, { covariates });
    const ll = fit.logLikelihood as number;
    expect(ll).toBeGreaterThanOrEqual((nested.logLikelihood as number) - 1e-9 * Math.abs(ll));
    expect(fit.aic).toBe(2 * 7 - 2 * ll);
    expect(likelihoodRatioTest(nested, fit).degreesOfFreedom).toBe(1);
  });

  it('refuses time-varying covariates with INVALID_OPTION', () => {
    const path = [{ start: 0, end: 40, covariates: { online: 1 } }];
    const pathRows = [
      { frequency: 0, recency: 0, T: 30, purchaseTimes: [], covariatePath: path },
      { frequency: 1, recency: 3, T: 30, purchaseTimes: [3], covariatePath: path },
    ];
    expect(codeOf(() => fitParetoNbd(pathRows as never, { covariates, correlation: true }))).toBe(
      'INVALID_OPTION',
    );
  });
});

describe('the correlated Pareto/NBD with covariates and a penalty', () => {
  const rows = [
    [0, 0, 38, 180, 1],
    [0, 0, 38, 420, 0],
    [1, 4, 38, 50, 1],
    [1, 4, 38, 50, 0],
    [1, 30, 36, 50, 1],
    [1, 30, 36, 40, 0],
    [2, 10, 38, 24, 1],
    [2, 10, 38, 16, 0],
    [4, 20, 37, 14, 1],
    [4, 20, 37, 6, 0],
    [6, 35, 37, 12, 1],
    [12, 36, 38, 4, 1],
  ].map(([frequency, recency, T, weight, online]) => ({
    frequency: frequency as number,
    recency: recency as number,
    T: T as number,
    weight: weight as number,
    covariates: { online: online as number },
  }));
  const covariates = { purchase: ['online'], dropout: ['online'] };
  const squares = (fit: {
    coefficients: { purchase: Record<string, number>; dropout: Record<string, number> };
  }) =>
    (fit.coefficients.purchase['online'] as number) ** 2 +
    (fit.coefficients.dropout['online'] as number) ** 2;

  it('the coefficients shrink as the penalty on them grows (CLVTools’ reg.lambdas), ω not penalised', () => {
    const fits = [0, 0.05, 0.5].map((lambda) =>
      fitParetoNbd(rows, {
        covariates,
        correlation: true,
        ...(lambda > 0 ? { penalty: { purchase: lambda, dropout: lambda } } : {}),
      }),
    );
    const [none, light, heavy] = fits.map(squares) as [number, number, number];
    expect(light).toBeLessThan(none);
    expect(heavy).toBeLessThan(light);
    const fit = fits[2] as (typeof fits)[number];
    expect(fit.penalty).toEqual({ purchase: 0.5, dropout: 0.5 });
    // logLikelihood is unpenalised (logLikelihoodAt of the fit's own spec); the objective subtracts
    // n·λ·Σγ² of the coefficients only
    expect(Math.abs(logLikelihoodAt(fit, rows) - (fit.logLikelihood as number))).toBeLessThan(1e-6);
    const expected = (fit.logLikelihood as number) - fit.n * 0.5 * squares(fit);
    expect(Math.abs((fit.penalizedLogLikelihood as number) - expected)).toBeLessThan(
      1e-9 * Math.abs(expected),
    );
  });
});
