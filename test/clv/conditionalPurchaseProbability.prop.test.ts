import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conditionalPurchaseProbability, expectedPurchases, probabilityAlive } from '../../src/index';
import { compensatedSum } from '../../src/math/special';
import { closeTo } from '../helpers/numbers';
import { fittedGgomParams, fittedNbdParams, positive, withoutDropout } from './arbitraries';

// The region real fits reach (CDNOW-like shapes, a year or two of weekly data, a few dozen purchases), where
// the distribution of the future count can be summed out term by term in a test's time.
const bg = fc.record({
  r: positive(0.05, 5),
  alpha: positive(1, 100),
  a: positive(0.1, 5),
  b: positive(0.1, 20),
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
    frequency: fc.integer({ min: 0, max: 20 }),
    T: positive(1, 100),
    share: fc.oneof(fc.constant(1), positive(0.01, 1)),
  })
  .map(({ frequency, T, share }) => ({ frequency, recency: frequency === 0 ? 0 : T * share, T }));
const bgBb = fc.record({
  alpha: positive(0.1, 10),
  beta: positive(0.1, 10),
  gamma: positive(0.1, 10),
  delta: positive(0.1, 10),
});
const discreteCustomer = fc
  .record({ periods: fc.integer({ min: 1, max: 30 }), x: fc.nat(), t: fc.nat() })
  .map(({ periods, x, t }) => {
    const recency = t % (periods + 1);
    return { frequency: recency === 0 ? 0 : 1 + (x % recency), recency, periods };
  });

/** P(0), P(1), … until the terms past the mean are below 1e-18 of the total and of the mean (at most 20,000 terms). */
function distribution(probability: (count: number) => number, mean: number): number[] {
  const terms: number[] = [];
  for (let count = 0; count < 20_000; count++) {
    const value = probability(count);
    terms.push(value);
    if (count > mean && value < 1e-18 && value * (count + 1) < 1e-18 * mean) break;
  }
  return terms;
}

describe('conditionalPurchaseProbability laws', () => {
  it('the probabilities of 0, 1, 2, … purchases sum to 1 and their mean is expectedPurchases (continuous time)', () => {
    fc.assert(
      fc.property(fit, customer, positive(0.1, 52), (model, history, t) => {
        const mean = expectedPurchases(model, t, history);
        const terms = distribution((count) => conditionalPurchaseProbability(model, history, count, t), mean);
        expect(closeTo(compensatedSum(terms), 1), `Σ P = ${compensatedSum(terms)}`).toBe(true);
        const weighted = compensatedSum(terms.map((value, count) => value * count));
        expect(closeTo(weighted, mean), `Σ n·P = ${weighted}, expected ${mean}`).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('the probabilities of 0 … t transactions sum to 1 and their mean is expectedPurchases (BG/BB)', () => {
    fc.assert(
      fc.property(bgBb, discreteCustomer, fc.integer({ min: 1, max: 40 }), (params, history, t) => {
        const model = { model: 'bgBb' as const, params };
        const terms = Array.from({ length: t + 1 }, (_, count) =>
          conditionalPurchaseProbability(model, history, count, t),
        );
        expect(closeTo(compensatedSum(terms), 1), `Σ P = ${compensatedSum(terms)}`).toBe(true);
        const weighted = compensatedSum(terms.map((value, count) => value * count));
        const mean = expectedPurchases(model, t, history);
        expect(closeTo(weighted, mean), `Σ n·P = ${weighted}, expected ${mean}`).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('the probability of no purchase falls as the window grows', () => {
    // Pareto/NBD's count integrates the deaths in (0, t] by adaptive quadrature, exact to about 1e-15
    // relative, not monotone to the last bit: two windows 3e-4 apart once gave P(0) two ulps apart the
    // wrong way (Pareto/NBD r 0.05, α 1, s 0.1, β 1; x 11, t_x 1, T 1; t 28.7282 and 28.7285). So the law
    // is held to 4 ulps of the shorter window's value, the quadrature's own accuracy. GGom/NBD's count
    // integrates the deaths by logIntegrate, which accepts an estimate once its Gauss–Kronrod differences
    // are at most 1e−12 of the integral (itself at most P(0)): each value is known to 1e−12 relative, and
    // two windows integrate over different nodes, so the law holds to the sum of the two, 2e−12 (session
    // 35, seed 823709332: r 0.05, α 1, b 1e−6, s 0.1, β 3.7e−4; x 2, t_x 0.01, T 1; windows 500 one ulp
    // apart gave P(0) 1.1e−15 relative apart the wrong way).
    fc.assert(
      fc.property(fit, customer, positive(0, 500), positive(0, 500), (model, history, t1, t2) => {
        const [short, long] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const quietShort = conditionalPurchaseProbability(model, history, 0, short);
        const quietLong = conditionalPurchaseProbability(model, history, 0, long);
        const accuracy = model.model === 'ggomNbd' ? 2e-12 : 4 * Number.EPSILON;
        expect(quietLong).toBeLessThanOrEqual(quietShort * (1 + accuracy));
      }),
    );
  });

  it('the probability of no purchase is never below 1 − P(alive), and at most 1', () => {
    fc.assert(
      fc.property(fit, customer, positive(0, 10_000), (model, history, t) => {
        const quiet = conditionalPurchaseProbability(model, history, 0, t);
        expect(quiet).toBeLessThanOrEqual(1);
        expect(quiet - (1 - probabilityAlive(model, history))).toBeGreaterThanOrEqual(-Number.EPSILON);
      }),
    );
  });

  it('BG/BB: no transaction in a longer window is never more likely, and never below 1 − P(alive)', () => {
    fc.assert(
      fc.property(bgBb, discreteCustomer, fc.nat(60), fc.nat(60), (params, history, t1, t2) => {
        const model = { model: 'bgBb' as const, params };
        const [short, long] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const quietLong = conditionalPurchaseProbability(model, history, 0, long);
        expect(quietLong).toBeLessThanOrEqual(conditionalPurchaseProbability(model, history, 0, short));
        expect(quietLong - (1 - probabilityAlive(model, history))).toBeGreaterThanOrEqual(-Number.EPSILON);
      }),
    );
  });
});

describe('conditionalPurchaseProbability: nested models', () => {
  // with b ≤ 1e−3 per week and T + t ≤ 152 weeks, the chance of a dropout in the window is at most
  // s·(e^(b(T+t)) − 1)/β < 1e−12; with the chance 1 − P(alive) that the customer is already dead, that
  // bounds the difference
  it('GGom/NBD without dropout (beta = 1e12, so η ≈ 0) gives the NBD probabilities (1e−9 relative + 1e−12 + 1 − P(alive))', () => {
    fc.assert(
      fc.property(
        withoutDropout(1e-3),
        customer,
        fc.integer({ min: 0, max: 10 }),
        positive(0.1, 52),
        ({ nbd, ggom }, history, count, t) => {
          const limit = conditionalPurchaseProbability(nbd, history, count, t);
          const value = conditionalPurchaseProbability(ggom, history, count, t);
          const dead = 1 - probabilityAlive(ggom, history);
          expect(Math.abs(value - limit)).toBeLessThanOrEqual(1e-9 * limit + 1e-12 + dead);
        },
      ),
      { numRuns: 60 },
    );
  });
});
