// Laws of the correlated Pareto/NBD (Glady, Lemmens & Croux 2015): ω = 0 is the plain model, the
// correlation stays in [−1, 1] over ω's range, the predictions stay in their ranges, and the analytic
// gradient of the fit's objective (five coordinates, ω through the logistic between its bounds) matches
// central differences.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { continuousRows } from '../../../src/clv/core/rows';
import { correlatedObjective } from '../../../src/clv/paretoNbd/correlatedLikelihood';
import { correlationOf, omegaBounds } from '../../../src/clv/paretoNbd/correlation';
import {
  conditionalPurchaseProbability,
  discountedExpectedTransactions,
  expectedPurchases,
  logLikelihoodAt,
  probabilityAlive,
} from '../../../src/index';
import { closeTo } from '../../helpers/numbers';
import { history, paretoParams, positive, summaryRows } from '../arbitraries';

/** Realistic parameters (weeks): the plain model's series settle everywhere on them. */
const params = fc.record({
  r: positive(0.05, 5),
  alpha: positive(0.1, 50),
  s: positive(0.05, 5),
  beta: positive(0.1, 50),
});
/** (x, t_x, T) of a few years of weekly data. */
const customer = fc
  .record({
    frequency: fc.integer({ min: 0, max: 40 }),
    T: positive(0.5, 150),
    share: fc.oneof(fc.constant(1), positive(0.001, 1)),
  })
  .map(({ frequency, T, share }) => ({ frequency, recency: frequency === 0 ? 0 : T * share, T }));
/** ω as a share of the way from its lower bound (0) to its upper bound (1). */
const position = fc.double({ min: 0, max: 1, noNaN: true });

function omegaAt(p: { r: number; alpha: number; s: number; beta: number }, at: number): number {
  const { lower, upper } = omegaBounds(p);
  // lower + (upper − lower)·1 can round one ulp past upper (seed −1485815547: 6.031456443933212 against
  // 6.0314564439332115), so the ends are the bounds themselves
  if (at === 1) return upper;
  return Math.min(upper, lower + (upper - lower) * at);
}

describe('correlated Pareto/NBD: ω = 0 is the plain model', () => {
  it('the log-likelihood at ω = 0 equals the plain one (1e-12)', () => {
    fc.assert(
      fc.property(paretoParams, summaryRows, (p, rows) => {
        const plain = { model: 'paretoNbd' as const, params: p };
        let expected: number;
        try {
          expected = logLikelihoodAt(plain, rows);
        } catch {
          return; // the plain likelihood overflows here: nothing to compare
        }
        const correlated = logLikelihoodAt({ ...plain, correlation: { omega: 0 } }, rows);
        expect(closeTo(correlated, expected)).toBe(true);
      }),
    );
  });

  it('P(alive), the expected purchases and DERT at ω = 0 equal the plain ones (1e-12)', () => {
    fc.assert(
      fc.property(params, customer, positive(0.5, 100), (p, c, t) => {
        const plain = { model: 'paretoNbd' as const, params: p };
        const correlated = { ...plain, correlation: { omega: 0 } };
        expect(closeTo(probabilityAlive(correlated, c), probabilityAlive(plain, c))).toBe(true);
        expect(closeTo(expectedPurchases(correlated, t, c), expectedPurchases(plain, t, c))).toBe(true);
        expect(closeTo(expectedPurchases(correlated, t), expectedPurchases(plain, t))).toBe(true);
        const dert = { discountRate: 0.15, timeUnit: 'week' } as const;
        expect(
          closeTo(
            discountedExpectedTransactions(correlated, c, dert),
            discountedExpectedTransactions(plain, c, dert),
          ),
        ).toBe(true);
      }),
    );
  });
});

describe('correlated Pareto/NBD: ranges', () => {
  it('Cor(λ, μ) stays in [−1, 1] over ω’s range, is 0 at ω = 0 and has the sign of ω', () => {
    fc.assert(
      fc.property(paretoParams, position, (p, at) => {
        const omega = omegaAt(p, at);
        const correlation = correlationOf(p, omega);
        expect(Math.abs(correlation)).toBeLessThanOrEqual(1);
        expect(Math.sign(correlation)).toBe(Math.sign(omega));
        expect(correlationOf(p, 0)).toBe(0);
      }),
    );
  });

  it('P(alive) and the purchase probabilities are in [0, 1], the expectations finite and ≥ 0', () => {
    fc.assert(
      fc.property(params, position, customer, positive(0.5, 100), (p, at, c, t) => {
        const fit = { model: 'paretoNbd' as const, params: p, correlation: { omega: omegaAt(p, at) } };
        const alive = probabilityAlive(fit, c);
        expect(alive).toBeGreaterThanOrEqual(0);
        expect(alive).toBeLessThanOrEqual(1);
        const expected = expectedPurchases(fit, t, c);
        expect(Number.isFinite(expected) && expected >= 0).toBe(true);
        const none = conditionalPurchaseProbability(fit, c, 0, t);
        expect(none).toBeGreaterThanOrEqual(0);
        expect(none).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });

  it('ω outside its range is INVALID_FIT, never a negative density', () => {
    fc.assert(
      fc.property(params, fc.constantFrom(-1e-9, 1e-9), history, (p, beyond, c) => {
        const { lower, upper } = omegaBounds(p);
        const omega = beyond < 0 ? lower * (1 + 1e-9) - 1e-12 : upper * (1 + 1e-9) + 1e-12;
        const fit = { model: 'paretoNbd' as const, params: p, correlation: { omega } };
        expect(() => probabilityAlive(fit, c)).toThrow(expect.objectContaining({ code: 'INVALID_FIT' }));
      }),
      { numRuns: 50 },
    );
  });
});

describe('correlated Pareto/NBD: the analytic gradient', () => {
  // Richardson's extrapolation of central differences, (4·D(h/2) − D(h))/3 with h = 1e−4·max(1, |θ|):
  // truncation O(h⁴), rounding about 3ε|f|/h. Plain central differences at h = 1e−6 (as
  // test/clv/gradients.prop.test.ts had them) are off by the objective's own rounding over the step, ε|f|/h: a row of
  // x = 8,903 has |f| = 1,825 and a rounding of 8e−15 relative, 1.5e−5 at h = 1e−6, above the tolerance of
  // 1e−5 of a gradient of 1.5 (seed 1976660377), while the analytic gradient agrees with steps of 1e−4 and
  // 1e−5 to 1.6e−10. Same tolerance as there.
  const STEP = 1e-4;
  const TOLERANCE = 1e-5;
  const logParams = fc.tuple(
    fc.double({ min: -2, max: 1.5, noNaN: true }),
    fc.double({ min: -2, max: 3, noNaN: true }),
    fc.double({ min: -2, max: 1.5, noNaN: true }),
    fc.double({ min: -2, max: 3, noNaN: true }),
    fc.double({ min: -4, max: 4, noNaN: true }),
  );

  /**
   * Whether the point is within 1e−2 (relative) of a tie in one of the max() of ω's bounds, where the bound,
   * and so the objective, has a kink (c₁c₂ = (1−c₁)(1−c₂), or c₁ = c₂): no derivative to compare there.
   */
  function nearKink(point: Float64Array, unit: number): boolean {
    const [r, alpha, s, beta] = Array.from(point.subarray(0, 4), Math.exp) as [
      number,
      number,
      number,
      number,
    ];
    const c1 = (alpha / (alpha + unit)) ** r;
    const c2 = (beta / (beta + unit)) ** s;
    // 1e−2: the probes reach 1e−4 in each log-parameter, which moves c₁ and c₂ by up to about r·1e−4
    const tie = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-2 * Math.max(a, b);
    return tie(c1 * c2, (1 - c1) * (1 - c2)) || tie(c1 * (1 - c2), (1 - c1) * c2);
  }

  it('matches central differences over (ln r, ln α, ln s, ln β, t), away from the kinks of ω’s bounds', () => {
    fc.assert(
      fc.property(summaryRows, logParams, fc.constantFrom(1, 0.25), (rows, at, unit) => {
        const objective = correlatedObjective(continuousRows('test', rows), unit, null);
        const point = Float64Array.from(at);
        if (nearKink(point, unit)) return;
        const analytic = new Float64Array(5);
        const value = objective(point, analytic);
        if (!Number.isFinite(value)) return;
        const numeric = new Float64Array(5);
        const probe = Float64Array.from(point);
        const central = (i: number, h: number): number => {
          const x = point[i] as number;
          probe[i] = x + h;
          const up = objective(probe, null);
          probe[i] = x - h;
          const down = objective(probe, null);
          probe[i] = x;
          return (up - down) / (x + h - (x - h));
        };
        for (let i = 0; i < 5; i++) {
          const h = STEP * Math.max(1, Math.abs(point[i] as number));
          numeric[i] = (4 * central(i, h / 2) - central(i, h)) / 3;
        }
        if (!numeric.every(Number.isFinite)) return;
        let scale = 1;
        for (const g of numeric) scale = Math.max(scale, Math.abs(g));
        for (let i = 0; i < 5; i++) {
          expect(Math.abs((analytic[i] as number) - (numeric[i] as number)) / scale).toBeLessThan(TOLERANCE);
        }
      }),
      { numRuns: 300 },
    );
  });
});
