import { describe, expect, it } from 'vitest';
import { purchaseProbability } from '../../src/index';
import { bgPurchaseProbabilityReference } from '../helpers/purchaseProbabilityReference';

// Issue 15, item 2: far tails of P(X(t) = count) keep their relative accuracy (reference:
// test/helpers/purchaseProbabilityReference.ts, eq. 8 with the NBD tail summed directly).
const TOLERANCE = 1e-9;
const CDNOW = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('purchaseProbability far tails (issue 15)', () => {
  it('BG/NBD P(X(10) = 1000) is 1.4e-164, not 7.2e-22 from 1 − Σ (regression)', () => {
    const value = purchaseProbability({ model: 'bgNbd', params: CDNOW }, 1000, 10);
    const reference = bgPurchaseProbabilityReference(CDNOW, 1000, 10, 0);
    expect(reference).toBeGreaterThan(1.3e-164);
    expect(reference).toBeLessThan(1.5e-164);
    expect(Math.abs(value - reference) / reference).toBeLessThan(TOLERANCE);
  });

  it('Pareto/NBD far tails match a 30-digit evaluation (mpmath quadrature of the lifetime mixture) to 1e-9', () => {
    // P(X(t) = x) = NBD(x; t)·(β/(β+t))^s + ∫₀ᵗ NBD(x; τ) (s/β)(β/(β+τ))^(s+1) dτ, mpmath 1.3, 30 digits
    const fit = { model: 'paretoNbd', params: { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.669 } } as const;
    const cases: [number, number, number][] = [
      [200, 1, 9.5503996783772972e-215],
      [50, 100, 5.47238979880285e-5],
      [3000, 1000, 1.845925181700374e-18],
    ];
    for (const [count, t, reference] of cases) {
      const value = purchaseProbability(fit, count, t);
      expect(Math.abs(value - reference) / reference, `${count} in ${t}`).toBeLessThan(TOLERANCE);
    }
  });
});
