// Laws of the correlated Pareto/NBD with time-invariant covariates (the Sarmanov density on the baseline
// rates, each customer's rates scaled by exp(γ·z), as CLVTools' use.cor with static covariates): with every
// covariate 0 it is the correlated model without covariates, with ω = 0 the covariate model without
// correlation, and the analytic gradient of the fit's objective (ln r, ln α, ln s, ln β, γ, t) matches
// central differences.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Coefficient, type CovariateRows, mixtureObjective } from '../../../src/clv/core/covariates';
import { omegaBounds } from '../../../src/clv/paretoNbd/correlation';
import { PARETO_NBD_COVARIATES } from '../../../src/clv/paretoNbd/covariateKernel';
import { PARETO_NBD_MIXTURE } from '../../../src/clv/paretoNbd/covariateMixture';
import {
  expectedPurchases,
  isPatronageError,
  logLikelihoodAt,
  posteriorMeans,
  probabilityAlive,
} from '../../../src/index';
import { closeTo } from '../../helpers/numbers';
import { positive, summaryRows } from '../arbitraries';

const params = fc.record({
  r: positive(0.05, 5),
  alpha: positive(0.1, 50),
  s: positive(0.05, 5),
  beta: positive(0.1, 50),
});
/** ω as a share of the way from its lower bound (0) to its upper bound (1), away from the ends. */
const position = fc.double({ min: 0.01, max: 0.99, noNaN: true });
const gamma = fc.double({ min: -1, max: 1, noNaN: true });

function omegaAt(p: { r: number; alpha: number; s: number; beta: number }, at: number): number {
  const { lower, upper } = omegaBounds(p);
  return lower + (upper - lower) * at;
}

describe('correlated Pareto/NBD with covariates: the nested models', () => {
  it('with every covariate 0 the log-likelihood is the correlated one without covariates (1e-12)', () => {
    fc.assert(
      fc.property(summaryRows, params, position, gamma, gamma, (rows, p, at, purchase, dropout) => {
        const omega = omegaAt(p, at);
        const correlated = { model: 'paretoNbd', params: p, correlation: { omega } } as const;
        const withZero = rows.map((row) => ({ ...row, covariates: { z: 0 } }));
        const spec = {
          ...correlated,
          coefficients: { purchase: { z: purchase }, dropout: { z: dropout } },
        } as const;
        const expected = logLikelihoodAt(correlated, rows);
        expect(closeTo(logLikelihoodAt(spec as never, withZero), expected, 1e-12)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('with ω = 0 the log-likelihood is the covariate model’s without correlation (1e-12)', () => {
    fc.assert(
      fc.property(
        summaryRows,
        params,
        gamma,
        gamma,
        fc.array(fc.constantFrom(0, 1), { minLength: 12, maxLength: 12 }),
        (rows, p, purchase, dropout, z) => {
          const withZ = rows.map((row, i) => ({ ...row, covariates: { z: z[i] as number } }));
          const coefficients = { purchase: { z: purchase }, dropout: { z: dropout } };
          const plain = { model: 'paretoNbd', params: p, coefficients } as const;
          const spec = { ...plain, correlation: { omega: 0 } } as const;
          expect(closeTo(logLikelihoodAt(spec as never, withZ), logLikelihoodAt(plain, withZ), 1e-12)).toBe(
            true,
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('correlated Pareto/NBD with covariates: the predictions of the nested models', () => {
  /** A history with t_x ≤ T: recency and T as shares of a window of up to 60. */
  const history = fc
    .tuple(
      fc.nat({ max: 20 }),
      fc.double({ min: 0.01, max: 1, noNaN: true }),
      fc.double({ min: 0.5, max: 60, noNaN: true }),
    )
    .map(([frequency, share, T]) => ({ frequency, recency: frequency === 0 ? 0 : share * T, T }));
  const horizon = fc.double({ min: 0.5, max: 100, noNaN: true });

  it('with the customer’s covariates 0, P(alive), E[Y(t)] and the posterior means are the correlated model’s without covariates, exactly', () => {
    fc.assert(
      fc.property(
        params,
        position,
        gamma,
        gamma,
        history,
        horizon,
        (p, at, purchase, dropout, customer, t) => {
          const correlated = {
            model: 'paretoNbd',
            params: p,
            correlation: { omega: omegaAt(p, at) },
          } as const;
          const spec = {
            ...correlated,
            coefficients: { purchase: { z: purchase }, dropout: { z: dropout } },
          };
          const zero = { ...customer, covariates: { z: 0 } };
          expect(probabilityAlive(spec, zero)).toBe(probabilityAlive(correlated, customer));
          expect(expectedPurchases(spec, t, zero)).toBe(expectedPurchases(correlated, t, customer));
          expect(posteriorMeans(spec, zero)).toEqual(posteriorMeans(correlated, customer));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('with ω = 0, P(alive) and E[Y(t)] are the covariate model’s without correlation (1e-12)', () => {
    fc.assert(
      fc.property(
        params,
        gamma,
        gamma,
        fc.constantFrom(0, 1, -2.5),
        history,
        horizon,
        (p, purchase, dropout, z, customer, t) => {
          const plain = {
            model: 'paretoNbd',
            params: p,
            coefficients: { purchase: { z: purchase }, dropout: { z: dropout } },
          } as const;
          const spec = { ...plain, correlation: { omega: 0 } };
          const row = { ...customer, covariates: { z } };
          expect(closeTo(probabilityAlive(spec, row), probabilityAlive(plain, row), 1e-12)).toBe(true);
          expect(closeTo(expectedPurchases(spec, t, row), expectedPurchases(plain, t, row), 1e-12)).toBe(
            true,
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it('only γ·z enters: covariate z under coefficients 2γ predicts as covariate 2z under γ (1e-12)', () => {
    // only the products γ·z enter (the sets are the baseline's scaled by e^(−γ·z)): covariate z under
    // coefficients 2γ is covariate 2z under γ
    fc.assert(
      fc.property(
        params,
        position,
        gamma,
        gamma,
        fc.double({ min: -2, max: 2, noNaN: true }),
        history,
        (p, at, purchase, dropout, z, customer) => {
          const correlation = { omega: omegaAt(p, at) };
          const doubled = {
            model: 'paretoNbd',
            params: p,
            correlation,
            coefficients: { purchase: { z: 2 * purchase }, dropout: { z: 2 * dropout } },
          } as const;
          const single = {
            model: 'paretoNbd',
            params: p,
            correlation,
            coefficients: { purchase: { z: purchase }, dropout: { z: dropout } },
          } as const;
          const left = probabilityAlive(doubled, { ...customer, covariates: { z } });
          const right = probabilityAlive(single, { ...customer, covariates: { z: 2 * z } });
          expect(closeTo(left, right, 1e-12)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('correlated Pareto/NBD with covariates: hostile values in the fit or the customer', () => {
  const hostile = fc.oneof(
    fc.constantFrom<unknown>(
      Number.NaN,
      Number.POSITIVE_INFINITY,
      -1,
      0,
      -0,
      1e308,
      5e-324,
      1e-300,
      700,
      -700,
      null,
      '1',
      undefined,
    ),
    fc.double(),
  );
  const places = fc.constantFrom(
    ['params', 'r'],
    ['params', 'alpha'],
    ['params', 'beta'],
    ['correlation', 'omega'],
    ['coefficients', 'purchase', 'z'],
    ['coefficients', 'dropout', 'z'],
    ['customer', 'covariates', 'z'],
    ['customer', 'frequency'],
    ['customer', 'recency'],
    ['customer', 'T'],
  );
  it('every prediction returns finite numbers or throws a PatronageError', () => {
    fc.assert(
      fc.property(places, hostile, (place, value) => {
        const state: Record<string, Record<string, unknown>> = {
          params: { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 },
          correlation: { omega: 2 },
          coefficients: { purchase: { z: 0.4 }, dropout: { z: -0.7 } },
          customer: { frequency: 2, recency: 30, T: 38, covariates: { z: 1 } },
        };
        let target: Record<string, unknown> = state;
        for (const step of place.slice(0, -1)) target = target[step] as Record<string, unknown>;
        target[place.at(-1) as string] = value;
        const { customer, ...fit } = state;
        const spec = { model: 'paretoNbd', ...fit } as never;
        const calls = [
          () => probabilityAlive(spec, customer as never),
          () => expectedPurchases(spec, 39, customer as never),
          () => Object.values(posteriorMeans(spec, customer as never)),
        ];
        for (const call of calls) {
          let result: unknown;
          try {
            result = call();
          } catch (error) {
            expect(isPatronageError(error), String(error)).toBe(true);
            continue;
          }
          for (const number of [result].flat())
            expect(Number.isFinite(number), `${place} ${String(value)}`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('correlated Pareto/NBD with covariates: the analytic gradient', () => {
  // Richardson-extrapolated central differences with h = 1e−4·max(1, |θ|), as test/clv/gradients.prop.test.ts
  // and ../correlation.prop.test.ts (same tolerance; why not plain differences at 1e−6 is said there)
  const STEP = 1e-4;
  const TOLERANCE = 1e-5;
  const point = fc.tuple(
    fc.double({ min: -2, max: 1.5, noNaN: true }),
    fc.double({ min: -2, max: 3, noNaN: true }),
    fc.double({ min: -2, max: 1.5, noNaN: true }),
    fc.double({ min: -2, max: 3, noNaN: true }),
    fc.double({ min: -1, max: 1, noNaN: true }),
    fc.double({ min: -1, max: 1, noNaN: true }),
    fc.double({ min: -4, max: 4, noNaN: true }),
  );
  /**
   * Within 1e−2 (relative) of a tie in one of the max() of ω's bounds: the objective has a kink there (1e−2:
   * the probes reach 1e−4 in each log-parameter).
   */
  function nearKink(u: Float64Array, unit: number): boolean {
    const [r, alpha, s, beta] = Array.from(u.subarray(0, 4), Math.exp) as [number, number, number, number];
    const c1 = (alpha / (alpha + unit)) ** r;
    const c2 = (beta / (beta + unit)) ** s;
    const tie = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-2 * Math.max(a, b);
    return tie(c1 * c2, (1 - c1) * (1 - c2)) || tie(c1 * (1 - c2), (1 - c1) * c2);
  }
  // one covariate on the purchase process, one on both (a constrained pair), and a fixed offset
  const free: Coefficient[] = [
    { name: 'a', purchase: true, dropout: false, column: 0 },
    { name: 'b', purchase: true, dropout: true, column: 1 },
  ];

  it('matches central differences over (ln r, ln α, ln s, ln β, γ_a, γ_b, t), with a penalty', () => {
    fc.assert(
      fc.property(
        summaryRows,
        point,
        fc.constantFrom(1, 0.25),
        fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 36, maxLength: 36 }),
        (rows, at, unit, zs) => {
          const n = rows.length;
          const column = (offset: number) => Float64Array.from(rows, (_, i) => zs[offset + i] as number);
          const data: CovariateRows = {
            frequency: Float64Array.from(rows, (row) => row.frequency),
            recency: Float64Array.from(rows, (row) => row.recency),
            age: Float64Array.from(rows, (row) => row.T),
            weight: Float64Array.from(rows, (row) => row.weight),
            columns: [column(0), column(12)],
            total: rows.reduce((sum, row) => sum + row.weight, 0),
          };
          const objective = mixtureObjective(
            PARETO_NBD_COVARIATES,
            PARETO_NBD_MIXTURE,
            unit,
            null,
            data,
            { recency: data.recency, age: data.age },
            free,
            data.columns,
            { purchase: column(24), dropout: new Float64Array(n) },
            Float64Array.from([0.3, 0.1]),
            true,
          );
          const u = Float64Array.from(at);
          if (nearKink(u, unit)) return;
          const analytic = new Float64Array(7);
          const value = objective(u, analytic);
          if (!Number.isFinite(value)) return;
          const numeric = new Float64Array(7);
          const probe = Float64Array.from(u);
          const central = (i: number, h: number): number => {
            const x = u[i] as number;
            probe[i] = x + h;
            const up = objective(probe, null);
            probe[i] = x - h;
            const down = objective(probe, null);
            probe[i] = x;
            return (up - down) / (x + h - (x - h));
          };
          for (let i = 0; i < 7; i++) {
            const h = STEP * Math.max(1, Math.abs(u[i] as number));
            numeric[i] = (4 * central(i, h / 2) - central(i, h)) / 3;
          }
          if (!numeric.every(Number.isFinite)) return;
          let scale = 1;
          for (const g of numeric) scale = Math.max(scale, Math.abs(g));
          for (let i = 0; i < 7; i++) {
            expect(Math.abs((analytic[i] as number) - (numeric[i] as number)) / scale).toBeLessThan(
              TOLERANCE,
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
