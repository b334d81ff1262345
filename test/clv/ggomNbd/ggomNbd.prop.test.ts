import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { continuousRows } from '../../../src/clv/core/rows';
import { ggomNbdObjective } from '../../../src/clv/ggomNbd/likelihood';
import { paretoNbdObjective } from '../../../src/clv/paretoNbd/likelihood';
import { expectedPurchases, fitGgomNbd, probabilityAlive } from '../../../src/index';
import { ggomParams, history, paretoParams, positive, summaryRows, wellFormed } from '../arbitraries';

describe('GGom/NBD nests Pareto/NBD', () => {
  it('as b → 0 with beta = b·β, the log-likelihood approaches Pareto/NBD’s with that β (b = 1e−9: within 1e−6 per customer)', () => {
    fc.assert(
      fc.property(paretoParams, summaryRows, (pareto, rows) => {
        const b = 1e-9;
        fc.pre(rows.every((row) => row.T <= 1000));
        const compressed = continuousRows('test', rows);
        const ggom = ggomNbdObjective(compressed)(
          Float64Array.from([pareto.r, pareto.alpha, b, pareto.s, b * pareto.beta], Math.log),
          null,
        );
        const limit = paretoNbdObjective(compressed)(
          Float64Array.from([pareto.r, pareto.alpha, pareto.s, pareto.beta], Math.log),
          null,
        );
        fc.pre(Number.isFinite(limit));
        expect(Math.abs(ggom - limit)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(limit)));
      }),
      { numRuns: 100 },
    );
  });
});

describe('GGom/NBD predictions', () => {
  it('P(alive) falls as the time since the last purchase grows (T fixed, t_x earlier)', () => {
    fc.assert(
      fc.property(ggomParams, history, positive(0.05, 0.95), (params, customer, share) => {
        fc.pre(customer.frequency > 0 && customer.T <= 1000);
        const fit = { model: 'ggomNbd', params } as const;
        const recent = probabilityAlive(fit, customer);
        const earlier = probabilityAlive(fit, { ...customer, recency: customer.recency * share });
        expect(earlier).toBeLessThanOrEqual(recent * (1 + 1e-9));
      }),
      { numRuns: 100 },
    );
  });

  it('a new customer’s expected purchases stay below those of one who never drops out, r·t/α', () => {
    fc.assert(
      fc.property(ggomParams, positive(0.01, 500), (params, t) => {
        const expected = expectedPurchases({ model: 'ggomNbd', params }, t);
        expect(expected).toBeGreaterThanOrEqual(0);
        expect(expected).toBeLessThanOrEqual(((params.r * t) / params.alpha) * (1 + 1e-9));
      }),
    );
  });
});

describe('GGom/NBD fit', () => {
  it('random valid rows give a well-formed fit', () => {
    fc.assert(
      fc.property(summaryRows, (rows) => wellFormed(fitGgomNbd(rows))),
      { numRuns: 20 },
    );
  });
});

describe('GGom/NBD objective: shared per-frequency quadrature and per-grid caches', () => {
  // rows on a grid of days (in weeks) with few frequencies, as real summaries are: their segments share grid
  // intervals (the node cache) and their frequencies share one scale (the per-row shortcut)
  const dayRow = fc
    .record({
      frequency: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom(40, 400)),
      T: fc.integer({ min: 1, max: 200 }),
      back: fc.integer({ min: 0, max: 200 }),
      weight: fc.integer({ min: 1, max: 20 }),
    })
    .map(({ frequency, T, back, weight }) => ({
      frequency,
      recency: frequency === 0 ? 0 : Math.max(1, T - back) / 7,
      T: T / 7,
      weight,
    }));

  it('equals the weighted sum of each row’s own objective (value and gradient, 1e−9 relative)', () => {
    fc.assert(
      fc.property(ggomParams, fc.array(dayRow, { minLength: 1, maxLength: 40 }), (params, rows) => {
        const { r, alpha, b, s, beta } = params;
        const logParams = Float64Array.from([r, alpha, b, s, beta], Math.log);
        const compressed = continuousRows('test', rows);
        const gradient = new Float64Array(5);
        const value = ggomNbdObjective(compressed)(logParams, gradient) * compressed.total;
        fc.pre(Number.isFinite(value));
        let expected = 0;
        const expectedGradient = new Float64Array(5);
        const one = new Float64Array(5);
        for (const row of rows) {
          const single = ggomNbdObjective(continuousRows('test', [{ ...row, weight: 1 }]));
          expected += row.weight * single(logParams, one);
          for (let d = 0; d < 5; d++)
            expectedGradient[d] = (expectedGradient[d] as number) + row.weight * (one[d] as number);
        }
        expect(Math.abs(value - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
        const scale = Math.max(1, ...Array.from(expectedGradient, Math.abs));
        for (let d = 0; d < 5; d++) {
          expect(
            Math.abs((gradient[d] as number) * compressed.total - (expectedGradient[d] as number)),
          ).toBeLessThanOrEqual(1e-8 * scale);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('rows of one frequency whose first terms are e^−2000 apart keep their own log-likelihoods', () => {
    // x = 500: (α+T)^−(r+x) at T = 39 and T = 1000 differ by about e^−2250, beyond the shared scale
    const params = { r: 0.55, alpha: 10.58, b: 0.05, s: 0.6, beta: 0.5 };
    const logParams = Float64Array.from(Object.values(params), Math.log);
    const rows = [
      { frequency: 500, recency: 38.5, T: 39 },
      { frequency: 500, recency: 900, T: 1000 },
      { frequency: 500, recency: 20, T: 1000 },
    ];
    const together = ggomNbdObjective(continuousRows('test', rows))(logParams, null) * 3;
    const apart = rows.reduce(
      (sum, row) => sum + ggomNbdObjective(continuousRows('test', [row]))(logParams, null),
      0,
    );
    expect(Number.isFinite(together)).toBe(true);
    expect(Math.abs(together - apart)).toBeLessThanOrEqual(1e-10 * Math.abs(apart));
  });
});
