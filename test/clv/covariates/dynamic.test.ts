// Pareto/NBD with time-varying covariates: the exact path likelihood against a brute-force integration,
// its identities with the time-invariant model, the fit, the predictions along a path, and bad input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PARETO_NBD_COVARIATES } from '../../../src/clv/paretoNbd/covariateKernel';
import {
  paretoPathExpectedPurchases,
  paretoPathLogLikelihood,
  paretoPathProbabilityAlive,
} from '../../../src/clv/paretoNbd/pathLikelihood';
import type { CovariatePathRow } from '../../../src/index';
import {
  bootstrapFits,
  customerLifetimeValue,
  expectedCashFlows,
  expectedPurchases,
  fitBgNbd,
  fitParetoNbd,
  logLikelihoodAt,
  probabilityAlive,
  scoreCustomers,
} from '../../../src/index';
import { DAYS_PER_YEAR } from '../../../src/model/time';
import { codeOf } from '../../helpers/errors';
import { closeTo, expectClose } from '../../helpers/numbers';
import { simulatedPathRows } from './simulatePaths';

type Case = [number, number, number, number, number, number, number, number[], number[], number[], number[]];

/** Repeat purchases per segment ([start, end) segments, the last holding its end). */
function countsOf(ends: readonly number[], times: readonly number[]): Float64Array {
  const counts = new Float64Array(ends.length);
  for (const t of times) {
    let k = 0;
    while (k < ends.length - 1 && t >= (ends[k] as number)) k++;
    counts[k] = (counts[k] as number) + 1;
  }
  return counts;
}

function pathLogLikelihood([r, alpha, s, beta, x, tx, T, ends, a, b, times]: Case): number {
  return paretoPathLogLikelihood(
    Float64Array.from([r, alpha, s, beta]),
    x,
    tx,
    T,
    Float64Array.from(ends),
    Float64Array.from(a),
    Float64Array.from(b),
    countsOf(ends, times),
    0,
    ends.length,
    null,
    null,
    null,
  );
}

describe('the path likelihood', () => {
  // scripts/reference/dyncov_likelihood.py: the individual-level likelihood integrated over λ and μ by
  // mpmath at 30 digits (the dropout time in closed form per segment), printed to 17 digits (here 16)
  const CASES: [Case, number][] = [
    [
      [0.8, 4, 0.6, 9, 3, 7.5, 12, [2, 5, 9, 12], [0.3, -0.4, 0.8, 0.1], [-0.2, 0.5, 0, 1.1], [1, 4.5, 7.5]],
      -8.608923788868976,
    ],
    [[1.7, 12, 1.2, 30, 0, 0, 10, [3, 6.5, 10], [0, 1, -1], [0.7, -0.3, 0.2], []], -0.9251412887654382],
    [
      [
        0.5,
        2,
        2.5,
        3,
        6,
        11,
        11.5,
        [1, 2, 3, 11.5],
        [0.2, 0.2, -0.5, 0.4],
        [0.1, -0.6, 0.9, 0.3],
        [0.5, 1.5, 2, 2.5, 8, 11],
      ],
      -17.50587846274071,
    ],
    [
      [2, 50, 0.9, 200, 2, 3, 40, [10, 20, 30, 40], [0.5, -0.5, 0.5, -0.5], [1.5, 0, 1.5, 0], [1, 3]],
      -7.065144236817418,
    ],
  ];

  it('equals a brute-force integration over λ and μ (mpmath, 30 digits) to 1e-13', () => {
    for (const [input, expected] of CASES) expectClose(pathLogLikelihood(input), expected, 1e-13);
  });

  it('has the gradient of its central differences (to 1e-7), through every segment', () => {
    for (const [[r, alpha, s, beta, x, tx, T, ends, a, b, times]] of CASES) {
      const counts = countsOf(ends, times);
      const at = (params: number[], ea: number[], eb: number[]): number =>
        paretoPathLogLikelihood(
          Float64Array.from(params),
          x,
          tx,
          T,
          Float64Array.from(ends),
          Float64Array.from(ea),
          Float64Array.from(eb),
          counts,
          0,
          ends.length,
          null,
          null,
          null,
        );
      const gradient = new Float64Array(4);
      const dA = new Float64Array(ends.length);
      const dB = new Float64Array(ends.length);
      const params = [r, alpha, s, beta];
      paretoPathLogLikelihood(
        Float64Array.from(params),
        x,
        tx,
        T,
        Float64Array.from(ends),
        Float64Array.from(a),
        Float64Array.from(b),
        counts,
        0,
        ends.length,
        gradient,
        dA,
        dB,
      );
      const h = 1e-6;
      params.forEach((value, j) => {
        const up = params.map((v, i) => (i === j ? value * Math.exp(h) : v));
        const down = params.map((v, i) => (i === j ? value * Math.exp(-h) : v));
        expect(Math.abs((gradient[j] as number) - (at(up, a, b) - at(down, a, b)) / (2 * h))).toBeLessThan(
          1e-7,
        );
      });
      ends.forEach((_, k) => {
        const shift = (list: number[], d: number): number[] => list.map((v, i) => (i === k ? v + d : v));
        const numericA = (at(params, shift(a, h), b) - at(params, shift(a, -h), b)) / (2 * h);
        const numericB = (at(params, a, shift(b, h)) - at(params, a, shift(b, -h))) / (2 * h);
        expect(Math.abs((dA[k] as number) - numericA)).toBeLessThan(1e-7);
        expect(Math.abs((dB[k] as number) - numericB)).toBeLessThan(1e-7);
      });
    }
  });

  const histories = fc
    .record({
      r: fc.double({ min: 0.05, max: 10, noNaN: true }),
      alpha: fc.double({ min: 0.05, max: 500, noNaN: true }),
      s: fc.double({ min: 0.05, max: 10, noNaN: true }),
      beta: fc.double({ min: 0.05, max: 5000, noNaN: true }),
      x: fc.integer({ min: 0, max: 60 }),
      T: fc.double({ min: 0.5, max: 100, noNaN: true }),
      share: fc.double({ min: 0.01, max: 1, noNaN: true }),
      etaA: fc.double({ min: -3, max: 3, noNaN: true }),
      etaB: fc.double({ min: -3, max: 3, noNaN: true }),
      cuts: fc.array(fc.double({ min: 0.01, max: 0.99, noNaN: true }), { minLength: 0, maxLength: 8 }),
    })
    .map((h) => ({ ...h, tx: h.x === 0 ? 0 : h.share * h.T }));

  // ln L to 1e-10 absolute where |ln L| < 1 (L itself to 1e-10 relative), relative beyond
  const sameLogLikelihood = (a: number, b: number): boolean =>
    Math.abs(a - b) <= 1e-10 * Math.max(1, Math.abs(b));

  it('with covariates constant over time, equals the time-invariant likelihood (to 1e-10), however the path is cut', () => {
    fc.assert(
      fc.property(histories, ({ r, alpha, s, beta, x, tx, T, etaA, etaB, cuts }) => {
        const ends = [...new Set([...cuts.map((c) => c * T), T])].sort((p, q) => p - q);
        const times = Array.from({ length: x }, (_, j) => (j === x - 1 ? tx : (tx * (j + 1)) / x));
        const path = pathLogLikelihood([
          r,
          alpha,
          s,
          beta,
          x,
          tx,
          T,
          ends,
          ends.map(() => etaA),
          ends.map(() => etaB),
          times,
        ]);
        // the static model: α_i = α·e^−η_purchase, β_i = β·e^−η_dropout
        const own = Float64Array.from([r, alpha * Math.exp(-etaA), s, beta * Math.exp(-etaB)]);
        const constant = PARETO_NBD_COVARIATES.rowLogLikelihood(own, x, tx, T, null);
        return sameLogLikelihood(path, constant);
      }),
    );
  });

  it('P(alive) and the expected purchases along a constant path equal the time-invariant ones (to 1e-10)', () => {
    fc.assert(
      fc.property(histories, fc.double({ min: 0.1, max: 80, noNaN: true }), (h, horizon) => {
        const { r, alpha, s, beta, x, tx, T, etaA, etaB, cuts } = h;
        const ends = Float64Array.from(
          [...new Set([...cuts.map((c) => c * (T + horizon)), T, T + horizon])].sort((p, q) => p - q),
        );
        const a = ends.map(() => etaA);
        const b = ends.map(() => etaB);
        const counts = new Float64Array(ends.length);
        const params = { r, alpha, s, beta };
        const fit = {
          model: 'paretoNbd',
          params: { r, alpha: alpha * Math.exp(-etaA), s, beta: beta * Math.exp(-etaB) },
        } as const;
        const customer = { frequency: x, recency: tx, T };
        const alive = paretoPathProbabilityAlive(params, x, tx, T, horizon, ends, a, b, counts);
        const purchases = paretoPathExpectedPurchases(params, x, tx, T, horizon, ends, a, b, counts);
        return (
          closeTo(alive, probabilityAlive(fit, customer, { horizon }), 1e-10) &&
          closeTo(purchases, expectedPurchases(fit, horizon, customer), 1e-10)
        );
      }),
    );
  });
});

// the fits take a second or more each on a loaded machine
const SLOW = 120_000;
const ROWS = simulatedPathRows(1500, 11);
const OPTIONS = { covariates: { purchase: ['season', 'z'], dropout: ['season'] } } as const;

describe('fitParetoNbd with time-varying covariates', { timeout: SLOW }, () => {
  const fit = fitParetoNbd(ROWS, OPTIONS);

  it('converges with the shape of a covariate fit, timeVarying, and recovers the simulated effects', () => {
    expect(fit.converged).toBe(true);
    expect(fit.timeVarying).toBe(true);
    expect(Object.keys(fit.coefficients.purchase)).toEqual(['season', 'z']);
    expect(Object.keys(fit.coefficients.dropout)).toEqual(['season']);
    expect(fit.coefficientStandardErrors).not.toBeNull();
    expect(fit.covariance.parameters).toEqual([
      'r',
      'alpha',
      's',
      'beta',
      'purchase.season',
      'purchase.z',
      'dropout.season',
    ]);
    // simulated with purchase season 0.7, z 0.4, dropout season 0.5: within 3 standard errors
    const se = fit.coefficientStandardErrors as NonNullable<typeof fit.coefficientStandardErrors>;
    const within = (value: number | undefined, truth: number, error: number | undefined): boolean =>
      Math.abs((value as number) - truth) < 3 * (error as number);
    expect(within(fit.coefficients.purchase['season'], 0.7, se.purchase['season'])).toBe(true);
    expect(within(fit.coefficients.purchase['z'], 0.4, se.purchase['z'])).toBe(true);
    expect(within(fit.coefficients.dropout['season'], 0.5, se.dropout['season'])).toBe(true);
    expect(fit.aic).toBeCloseTo(2 * 7 - 2 * (fit.logLikelihood as number), 9);
  });

  it('is the maximum: its log-likelihood is the sum of the path likelihoods, and no nearby point is higher', () => {
    const ll = fit.logLikelihood as number;
    const sumAt = (params: typeof fit.params, season: number, z: number, dropoutSeason: number): number => {
      let sum = 0;
      for (const row of ROWS) {
        const ends = Float64Array.from(row.covariatePath.map((p) => Math.min(p.end, row.T)));
        const a = Float64Array.from(
          row.covariatePath,
          (p) => season * (p.covariates['season'] as number) + z * row.covariates.z,
        );
        const b = Float64Array.from(
          row.covariatePath,
          (p) => dropoutSeason * (p.covariates['season'] as number),
        );
        sum += paretoPathLogLikelihood(
          Float64Array.from([params.r, params.alpha, params.s, params.beta]),
          row.frequency,
          row.recency,
          row.T,
          ends,
          a,
          b,
          countsOf(Array.from(ends), row.purchaseTimes),
          0,
          ends.length,
          null,
          null,
          null,
        );
      }
      return sum;
    };
    const c = fit.coefficients;
    const season = c.purchase['season'] as number;
    const z = c.purchase['z'] as number;
    const dropout = c.dropout['season'] as number;
    expectClose(sumAt(fit.params, season, z, dropout), ll, 1e-10);
    for (const d of [-0.01, 0.01]) {
      expect(sumAt(fit.params, season + d, z, dropout)).toBeLessThan(ll);
      expect(sumAt(fit.params, season, z, dropout + d)).toBeLessThan(ll);
      expect(sumAt({ ...fit.params, alpha: fit.params.alpha * (1 + d) }, season, z, dropout)).toBeLessThan(
        ll,
      );
    }
  });

  it('with covariates constant over time, equals the fit with time-invariant covariates', () => {
    const rows = ROWS.slice(0, 600);
    const dynamic = fitParetoNbd(
      rows.map(({ covariates, ...row }) => ({
        ...row,
        covariatePath: row.covariatePath.map((p) => ({ ...p, covariates: { z: covariates.z } })),
      })),
      { covariates: { purchase: ['z'], dropout: ['z'] } },
    );
    const constant = fitParetoNbd(
      rows.map(({ frequency, recency, T, covariates }) => ({ frequency, recency, T, covariates })),
      { covariates: { purchase: ['z'], dropout: ['z'] } },
    );
    expect(dynamic.converged && constant.converged).toBe(true);
    expectClose(dynamic.logLikelihood as number, constant.logLikelihood as number, 1e-10);
    for (const process of ['purchase', 'dropout'] as const) {
      expectClose(
        dynamic.coefficients[process]['z'] as number,
        constant.coefficients[process]['z'] as number,
        1e-4,
      );
    }
    for (const name of ['r', 'alpha', 's', 'beta'] as const) {
      expectClose(dynamic.params[name], constant.params[name], 1e-4);
    }
  });

  it('with every coefficient fixed at 0, equals the plain Pareto/NBD fit', () => {
    const rows = ROWS.slice(0, 600);
    const zero = fitParetoNbd(rows, {
      ...OPTIONS,
      fixed: { purchase: { season: 0, z: 0 }, dropout: { season: 0 } },
    });
    const plain = fitParetoNbd(rows.map(({ frequency, recency, T }) => ({ frequency, recency, T })));
    expectClose(zero.logLikelihood as number, plain.logLikelihood as number, 1e-10);
    for (const name of ['r', 'alpha', 's', 'beta'] as const)
      expectClose(zero.params[name], plain.params[name], 1e-4);
  });

  it('does not depend on the order of the rows', () => {
    const rows = ROWS.slice(0, 300);
    const reversed = fitParetoNbd([...rows].reverse(), OPTIONS);
    expect(reversed).toEqual(fitParetoNbd(rows, OPTIONS));
  });

  it('takes penalty, constrain and start as the time-invariant fit does', () => {
    const rows = ROWS.slice(0, 600);
    const free = fitParetoNbd(rows, OPTIONS);
    const penalised = fitParetoNbd(rows, { ...OPTIONS, penalty: { purchase: 1, dropout: 1 } });
    expect(Math.abs(penalised.coefficients.purchase['season'] as number)).toBeLessThan(
      Math.abs(free.coefficients.purchase['season'] as number),
    );
    expect(penalised.penalizedLogLikelihood as number).toBeLessThan(penalised.logLikelihood as number);
    const tied = fitParetoNbd(rows, { ...OPTIONS, constrain: ['season'] });
    expect(tied.coefficients.purchase['season']).toBe(tied.coefficients.dropout['season']);
    expect(tied.constrained).toEqual(['season']);
    const started = fitParetoNbd(rows, {
      ...OPTIONS,
      start: {
        params: free.params,
        purchase: free.coefficients.purchase,
        dropout: free.coefficients.dropout,
      },
    });
    expectClose(started.logLikelihood as number, free.logLikelihood as number, 1e-9);
  });
});

describe('predictions of a fit with time-varying covariates', { timeout: SLOW }, () => {
  const fit = fitParetoNbd(ROWS.slice(0, 600), OPTIONS);
  const future = simulatedPathRows(20, 5, 39, undefined, 39 + 26);

  it('P(alive) and the expected purchases use the path, in range, and need the future path', () => {
    for (const customer of future) {
      const alive = probabilityAlive(fit, customer);
      expect(alive).toBeGreaterThan(0);
      expect(alive).toBeLessThanOrEqual(1);
      expect(probabilityAlive(fit, customer, { horizon: 26 })).toBeLessThanOrEqual(alive);
      const near = expectedPurchases(fit, 13, customer);
      expect(near).toBeGreaterThanOrEqual(0);
      expect(expectedPurchases(fit, 26, customer)).toBeGreaterThanOrEqual(near);
      expect(codeOf(() => expectedPurchases(fit, 27, customer))).toBe('INVALID_COVARIATE_PATH');
      expect(codeOf(() => probabilityAlive(fit, customer, { horizon: 30 }))).toBe('INVALID_COVARIATE_PATH');
    }
    // more expected purchases when the season is on in the window than when it is off
    const base = future[0] as (typeof future)[number];
    const withSeason = (season: number) => ({
      ...base,
      covariatePath: base.covariatePath.map((p) =>
        p.start >= base.T ? { ...p, covariates: { season } } : p,
      ),
    });
    expect(expectedPurchases(fit, 13, withSeason(1))).toBeGreaterThan(
      expectedPurchases(fit, 13, withSeason(0)),
    );
  });

  it('the value is the discounted sum of the weekly expected purchases along the path; the cash flows sum to it', () => {
    const options = {
      horizon: 26,
      margin: 0.5,
      discountRate: 0.1,
      averageSpend: 10,
      timeUnit: 'week',
    } as const;
    for (const customer of future.slice(0, 5)) {
      // by its definition (docs/formulas.md §2), from expectedPurchases along the same path
      let value = 0;
      let previous = 0;
      for (let k = 1; k <= 26; k++) {
        const cumulative = expectedPurchases(fit, k, customer);
        value += Math.max(0, cumulative - previous) * 10 * 0.5 * 1.1 ** (-(k * 7) / DAYS_PER_YEAR);
        previous = Math.max(previous, cumulative);
      }
      expectClose(customerLifetimeValue(fit, customer, options), value, 1e-12);
      const flows = expectedCashFlows(fit, customer, {
        boundaries: [0, 13, 26],
        margin: 0.5,
        discountRate: 0.1,
        averageSpend: 10,
        timeUnit: 'week',
      });
      expectClose(
        flows.values.reduce((sum, value) => sum + value, 0),
        customerLifetimeValue(fit, customer, options),
        1e-12,
      );
      const range = customerLifetimeValue(fit, customer, { ...options, intervals: { method: 'delta' } });
      expect(range.estimate).toBe(customerLifetimeValue(fit, customer, options));
      expect(range.lower).toBeLessThan(range.estimate);
      expect(range.estimate).toBeLessThan(range.upper);
    }
  });

  it('bootstrapFits draws customers with their paths and refits with time-varying covariates', () => {
    const boot = bootstrapFits(fit, ROWS.slice(0, 600), { resamples: 2, seed: 4 });
    expect(boot.params.length + boot.failed).toBe(2);
    expect(boot.coefficients?.length).toBe(boot.params.length);
    const customer = future[0] as (typeof future)[number];
    const range = expectedPurchases(fit, 13, customer, {
      intervals: { method: 'bootstrap', bootstrap: boot },
    });
    expect(range.estimate).toBe(expectedPurchases(fit, 13, customer));
  });

  it('scoreCustomers scores rows along their paths, as probabilityAlive and expectedPurchases do', () => {
    const scores = scoreCustomers(fit, future, { horizon: 26 });
    future.forEach((customer, i) => {
      expect(scores.probabilityAlive[i]).toBe(probabilityAlive(fit, customer));
      expect(scores.expectedPurchases[i]).toBe(expectedPurchases(fit, 26, customer));
    });
    const short = { ...(future[1] as (typeof future)[number]), covariatePath: [] };
    const error = codeOf(() => scoreCustomers(fit, [future[0], short] as never, { horizon: 26 }));
    expect(error).toBe('INVALID_COVARIATE_PATH');
    // outputs: only the columns asked for; the conditional ones have no path form here
    const alive = scoreCustomers(fit, future, { outputs: ['probabilityAlive'] });
    expect(Object.keys(alive)).toEqual(['probabilityAlive']);
    expect(alive.probabilityAlive).toEqual(scores.probabilityAlive);
    expect(
      codeOf(() =>
        scoreCustomers(fit, future, { horizon: 26, outputs: ['probabilityAlive', 'probabilityNoPurchase'] }),
      ),
    ).toBe('UNSUPPORTED_MODEL');
  });

  it('refuse a customer without a path, and the predictions that cannot use one refuse the fit', () => {
    const customer = future[0] as (typeof future)[number];
    const { frequency, recency, T } = customer;
    expect(codeOf(() => probabilityAlive(fit, { frequency, recency, T }))).toBe('INVALID_COVARIATE_PATH');
    expect(codeOf(() => expectedPurchases(fit, 10))).toBe('MISSING_COVARIATE');
    // the value needs the path through the end of its horizon (this one runs 26 weeks past T)
    expect(
      codeOf(() =>
        customerLifetimeValue(fit, customer, {
          horizon: 52,
          margin: 1,
          discountRate: 0.01,
          averageSpend: 10,
          timeUnit: 'week',
        }),
      ),
    ).toBe('INVALID_COVARIATE_PATH');
    expect(
      codeOf(() =>
        customerLifetimeValue(fit, 'new', {
          horizon: 26,
          margin: 1,
          discountRate: 0.01,
          averageSpend: 10,
          timeUnit: 'week',
        }),
      ),
    ).toBe('INVALID_FIT');
    expect(codeOf(() => scoreCustomers(fit, [customer], { horizon: 27 }))).toBe('INVALID_COVARIATE_PATH');
    expect(
      codeOf(() =>
        scoreCustomers(fit, { frequency: [frequency], recency: [recency], T: [T] }, { horizon: 10 }),
      ),
    ).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => logLikelihoodAt(fit, ROWS.slice(0, 5)))).toBe('INVALID_FIT');
    expect(codeOf(() => probabilityAlive({ ...fit, timeVarying: 'yes' } as never, customer))).toBe(
      'INVALID_FIT',
    );
    expect(
      codeOf(() =>
        probabilityAlive(
          { ...fit, model: 'bgNbd', params: { r: 1, alpha: 1, a: 1, b: 1 } } as never,
          customer,
        ),
      ),
    ).toBe('INVALID_FIT');
  });
});

describe('bad covariate paths', { timeout: SLOW }, () => {
  const row = ROWS.find((r) => r.frequency >= 2 && r.covariatePath.length >= 4) as (typeof ROWS)[number];
  const fitWith = (changed: Partial<CovariatePathRow> & Record<string, unknown>) =>
    codeOf(() => fitParetoNbd([...ROWS.slice(0, 50), { ...row, ...changed } as CovariatePathRow], OPTIONS));
  const periods = row.covariatePath;
  const error = (changed: Partial<CovariatePathRow>) => {
    try {
      fitParetoNbd([{ ...row, ...changed } as CovariatePathRow, ...ROWS.slice(0, 50)], OPTIONS);
    } catch (e) {
      return e as { code: string; message: string; details: { argument: string } };
    }
    throw new Error('expected an error');
  };

  it('names the customer and the period of a gap, an overlap, a short path, or a late start', () => {
    const gap = error({
      covariatePath: periods.map((p, i) => (i === 2 ? { ...p, start: p.start + 0.5 } : p)),
    });
    expect(gap.code).toBe('INVALID_COVARIATE_PATH');
    expect(gap.details.argument).toBe('rows[0].covariatePath[2].start');
    expect(gap.message).toMatch(/gap/);
    const overlap = error({
      covariatePath: periods.map((p, i) => (i === 1 ? { ...p, end: p.end + 0.5 } : p)),
    });
    expect(overlap.details.argument).toBe('rows[0].covariatePath[2].start');
    expect(overlap.message).toMatch(/overlaps/);
    const short = error({ covariatePath: periods.slice(0, -1) });
    expect(short.code).toBe('INVALID_COVARIATE_PATH');
    expect(short.message).toMatch(/before the end of observation/);
    expect(error({ covariatePath: periods.slice(1) }).message).toMatch(/after the first purchase/);
    expect(error({ covariatePath: [] }).code).toBe('INVALID_COVARIATE_PATH');
    expect(fitWith({ covariatePath: periods.map((p, i) => (i === 0 ? { ...p, end: p.start } : p)) })).toBe(
      'INVALID_COVARIATE_PATH',
    );
  });

  it('refuses missing, unknown, doubly given and non-finite covariates', () => {
    const missing = error({
      covariatePath: periods.map((p, i) => (i === 3 ? { ...p, covariates: {} } : p)) as never,
    });
    expect(missing.code).toBe('MISSING_COVARIATE');
    expect(missing.details.argument).toBe('rows[0].covariatePath[3].covariates.season');
    expect(
      fitWith({
        covariatePath: periods.map((p, i) => (i === 1 ? { ...p, covariates: { season: Number.NaN } } : p)),
      }),
    ).toBe('NOT_FINITE');
    expect(
      fitWith({ covariatePath: periods.map((p) => ({ ...p, covariates: { ...p.covariates, z: 1 } })) }),
    ).toBe('INVALID_COVARIATE_PATH');
    expect(fitWith({ covariatePath: periods.map((p) => ({ ...p, value: 1 })) as never })).toBe(
      'INVALID_OPTION',
    );
    expect(fitWith({ covariates: undefined } as never)).toBe('MISSING_COVARIATE');
  });

  it('checks the purchase times against frequency and recency', () => {
    expect(fitWith({ purchaseTimes: row.purchaseTimes.slice(1) })).toBe('INVALID_COVARIATE_PATH');
    expect(fitWith({ purchaseTimes: [...row.purchaseTimes].reverse() })).toBe('INVALID_COVARIATE_PATH');
    expect(fitWith({ purchaseTimes: [...row.purchaseTimes.slice(0, -1), row.recency / 2] })).toBe(
      'INVALID_COVARIATE_PATH',
    );
    expect(fitWith({ purchaseTimes: undefined } as never)).toBe('INVALID_COVARIATE_PATH');
  });

  it('refuses rows without a path among rows with one, and paths for BG/NBD', () => {
    const { frequency, recency, T, covariates } = row;
    expect(codeOf(() => fitParetoNbd([row, { frequency, recency, T, covariates } as never], OPTIONS))).toBe(
      'INVALID_COVARIATE_PATH',
    );
    expect(codeOf(() => fitBgNbd([row] as never, OPTIONS))).toBe('UNSUPPORTED_COVARIATES');
  });

  it('refuses a covariate constant over customers and time', () => {
    const flat = ROWS.slice(0, 100).map((r) => ({
      ...r,
      covariatePath: r.covariatePath.map((p) => ({ ...p, covariates: { season: 1 } })),
    }));
    expect(codeOf(() => fitParetoNbd(flat, { covariates: { purchase: ['season'] } }))).toBe(
      'COLLINEAR_COVARIATES',
    );
  });
});
