import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discountedExpectedTransactions, expectedPurchases, probabilityAlive } from '../../src/index';
import { closeTo } from '../helpers/numbers';
import { fittedGgomParams, fittedNbdParams, positive, withoutDropout } from './arbitraries';

// The region real fits reach (CDNOW-like shapes, weekly data over one to two years, a few dozen purchases).
const bg = fc.record({
  r: positive(0.05, 5),
  alpha: positive(1, 100),
  a: positive(0.1, 5),
  b: positive(0.5, 20),
});
const pareto = fc.record({
  r: positive(0.05, 5),
  alpha: positive(1, 100),
  s: positive(0.1, 5),
  beta: positive(1, 100),
});
const fit = fc.oneof(
  bg.map((params) => ({ model: 'bgNbd' as const, params })),
  bg.map((params) => ({ model: 'mbgNbd' as const, params })),
  pareto.map((params) => ({ model: 'paretoNbd' as const, params })),
  fittedNbdParams.map((params) => ({ model: 'nbd' as const, params })),
  fittedGgomParams.map((params) => ({ model: 'ggomNbd' as const, params })),
);
const customer = fc
  .record({
    frequency: fc.integer({ min: 0, max: 30 }),
    T: positive(1, 100),
    share: fc.oneof(fc.constant(1), positive(0.01, 1)),
  })
  .map(({ frequency, T, share }) => ({ frequency, recency: frequency === 0 ? 0 : T * share, T }));
/** Annual rates from 2% to 50%. */
const annualRate = positive(0.02, 0.5);
const WEEKS_PER_YEAR = 365.2425 / 7;

/**
 * ∫₀¹ f(u) du by tanh-sinh quadrature (step 1/64, |t| ≤ 4), written here independently of the library's
 * rule: exact to ~1e-13 for integrands analytic inside (0, 1) with integrable end singularities.
 */
function integrateUnit(f: (u: number) => number): number {
  let sum = 0;
  const h = 1 / 64;
  for (let k = -256; k <= 256; k++) {
    const t = k * h;
    const s = (Math.PI / 2) * Math.sinh(t);
    const u = 1 / (1 + Math.exp(-2 * s)); // (1 + tanh s)/2
    // du/dt = (π/4) cosh t · sech² s
    const weight = h * (Math.PI / 4) * Math.cosh(t) * (1 - Math.tanh(s) ** 2);
    if (u > 0 && u < 1 && weight > 0) sum += f(u) * weight;
  }
  return sum;
}

describe('discountedExpectedTransactions laws', () => {
  it('DERT is the limit of discounted finite-horizon expectations: δ∫₀^∞ e^(−δt) E[Y(t)] dt (continuous time)', () => {
    fc.assert(
      fc.property(fit, customer, annualRate, (model, history, rate) => {
        const delta = Math.log1p(rate) / WEEKS_PER_YEAR;
        // integrating by parts, ∫ e^(−δt) dE[Y(t)] = δ∫ e^(−δt) E[Y(t)] dt; with u = e^(−δt) it is ∫₀¹ E[Y(−ln u / δ)] du
        const limit = integrateUnit((u) => expectedPurchases(model, -Math.log(u) / delta, history));
        const dert = discountedExpectedTransactions(model, history, { discountRate: rate, timeUnit: 'week' });
        expect(closeTo(dert, limit, 1e-9), `${dert} against ${limit}`).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('BG/BB: DERT is Σ_i (E[Y(i)] − E[Y(i − 1)]) (1 + d)^(−i) summed until the weights vanish', () => {
    fc.assert(
      fc.property(
        fc.record({
          alpha: positive(0.1, 10),
          beta: positive(0.1, 10),
          gamma: positive(0.1, 10),
          delta: positive(0.1, 10),
        }),
        fc.integer({ min: 1, max: 20 }),
        positive(0.05, 1),
        (params, periods, rate) => {
          const model = { model: 'bgBb' as const, params };
          const history = { frequency: Math.min(3, periods), recency: periods, periods };
          let sum = 0;
          let previous = 0;
          for (let i = 1; i <= 2000; i++) {
            const cumulative = expectedPurchases(model, i, history);
            sum += (cumulative - previous) * (1 + rate) ** -i;
            previous = cumulative;
            if ((1 + rate) ** -i < 1e-18) break;
          }
          const dert = discountedExpectedTransactions(model, history, {
            discountRate: rate,
            timeUnit: 'year',
          });
          expect(closeTo(dert, sum, 1e-12), `${dert} against ${sum}`).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('DERT never rises when the discount rate rises', () => {
    fc.assert(
      fc.property(fit, customer, annualRate, annualRate, (model, history, one, two) => {
        const [low, high] = one <= two ? [one, two] : [two, one];
        const atLow = discountedExpectedTransactions(model, history, { discountRate: low, timeUnit: 'week' });
        const atHigh = discountedExpectedTransactions(model, history, {
          discountRate: high,
          timeUnit: 'week',
        });
        expect(atHigh).toBeLessThanOrEqual(atLow * (1 + 1e-12));
        expect(atHigh).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });
});

describe('discountedExpectedTransactions: nested models', () => {
  // the discounting reaches about 60/δ ≤ 1.6e5 weeks, where e^(b·u) ≤ e^16 with b ≤ 1e−4 stays far below
  // β = 1e12, so S(T+u)/S(T) is 1 to about 1e−5 there and to 1e−12 over the horizon 1/δ that carries the
  // value; what remains is the chance that the customer is already dead, 1 − P(alive)
  it('GGom/NBD without dropout (beta = 1e12, b ≤ 1e−4) gives the NBD value (r+x)/((α+T)δ) (1e−9 + 1 − P(alive))', () => {
    fc.assert(
      fc.property(withoutDropout(1e-4), customer, annualRate, ({ nbd, ggom }, history, rate) => {
        const options = { discountRate: rate, timeUnit: 'week' } as const;
        const limit = discountedExpectedTransactions(nbd, history, options);
        const value = discountedExpectedTransactions(ggom, history, options);
        const dead = 1 - probabilityAlive(ggom, history);
        const delta = Math.log1p(rate) / WEEKS_PER_YEAR;
        const { r, alpha } = nbd.params;
        expect(closeTo(limit, (r + history.frequency) / ((alpha + history.T) * delta), 1e-14)).toBe(true);
        expect(Math.abs(value - limit)).toBeLessThanOrEqual((1e-9 + dead) * limit);
      }),
      { numRuns: 60 },
    );
  });
});
