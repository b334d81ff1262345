import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedPurchases, fitBgNbd, probabilityAlive } from '../../../src/index';
import { bgParams, positive, summaryRows } from '../arbitraries';
import { logLikelihoodOf } from '../literatureHelpers';

describe('BG/NBD predictions', () => {
  it('BG/NBD P(alive) is 1 for a customer without repeat purchases', () => {
    fc.assert(
      fc.property(bgParams, positive(0, 100_000), (params, T) => {
        expect(probabilityAlive({ model: 'bgNbd', params }, { frequency: 0, recency: 0, T })).toBe(1);
      }),
    );
  });

  it('expected purchases do not fall as t grows through subnormal and tiny horizons (regression, FC_SEED=1479934024)', () => {
    // the counterexample: the closed form gave less at t = 4.4e-323 than at 3e-323
    const params = { r: 0.01, alpha: 0.02177858439201452, a: 1.7328462776846854, b: 7.328462776846866 };
    const known = { frequency: 0, recency: 0, T: 1 };
    for (const model of ['bgNbd', 'mbgNbd'] as const) {
      expect(expectedPurchases({ model, params }, 4.4e-323, known)).toBeGreaterThanOrEqual(
        expectedPurchases({ model, params }, 3e-323, known),
      );
    }
    fc.assert(
      fc.property(
        bgParams,
        fc.constantFrom('bgNbd' as const, 'mbgNbd' as const),
        fc.double({ min: -323.5, max: -10, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (params, model, exponent, step) => {
          const short = 10 ** exponent;
          const long = short * (1 + step);
          const fit = { model, params };
          const at = (t: number) => expectedPurchases(fit, t);
          expect(at(short)).toBeGreaterThanOrEqual(0);
          expect(at(long)).toBeGreaterThanOrEqual(at(short) * (1 - 1e-9));
          // the leading order: r·t/alpha (BG/NBD) to within the next term's share, t·r·b/(alpha·(a + b)) for MBG/NBD
          if (short > 1e-300 && short / params.alpha < 1e-20) {
            const lead =
              ((model === 'bgNbd' ? 1 : params.b / (params.a + params.b)) * params.r * short) / params.alpha;
            expect(Math.abs(at(short) - lead)).toBeLessThanOrEqual(1e-12 * lead);
          }
        },
      ),
    );
  });
});

describe('BG/NBD fits on extreme but valid data', () => {
  it('the fit does not depend on the order of the rows or on splitting a weight into identical rows', () => {
    fc.assert(
      fc.property(summaryRows, (rows) => {
        const reversed = [...rows].reverse();
        const split = rows.flatMap((row) => [
          { ...row, weight: row.weight / 2 },
          { ...row, weight: row.weight / 2 },
        ]);
        const base = fitBgNbd(rows);
        fc.pre(base.converged);
        for (const other of [fitBgNbd(reversed), fitBgNbd(split)]) {
          expect(Math.abs(logLikelihoodOf(other) - logLikelihoodOf(base))).toBeLessThan(
            1e-6 * Math.max(1, Math.abs(logLikelihoodOf(base))),
          );
        }
      }),
      { numRuns: 30 },
    );
  });

  it('a start that settles on the a → 0 plateau does not hide a higher likelihood towards the boundary (regression, FC_SEED=5730830)', () => {
    const rows = [
      { frequency: 1, recency: 0.00001, T: 0.01, weight: 32 },
      { frequency: 2, recency: 15027.599563026924, T: 15027.599563026924, weight: 38 },
      { frequency: 7, recency: 91402.2768424509, T: 91402.2768424509, weight: 4 },
    ];
    const fits = [rows, [...rows].reverse()].map((list) => fitBgNbd(list));
    for (const result of fits) {
      // the plateau's interior stationary point has log-likelihood −1337.18; the boundary reaches −1165.88
      expect(logLikelihoodOf(result)).toBeGreaterThan(-1166);
      expect(result.converged).toBe(false);
      expect(result.reason).toContain('no interior maximum');
    }
  });

  it('tiny and huge time units give the same BG/NBD fit, alpha scaled', () => {
    const rows = [
      { frequency: 0, recency: 0, T: 38, weight: 600 },
      { frequency: 1, recency: 4, T: 38, weight: 100 },
      { frequency: 1, recency: 30, T: 36, weight: 90 },
      { frequency: 2, recency: 10, T: 38, weight: 40 },
      { frequency: 2, recency: 33, T: 35, weight: 40 },
      { frequency: 6, recency: 35, T: 37, weight: 15 },
    ];
    const base = fitBgNbd(rows);
    for (const c of [1e-6, 1e6]) {
      const fit = fitBgNbd(rows.map((row) => ({ ...row, recency: row.recency * c, T: row.T * c })));
      expect(Math.abs(fit.params.alpha / c - base.params.alpha) / base.params.alpha).toBeLessThan(1e-5);
      expect(Math.abs(fit.params.r - base.params.r) / base.params.r).toBeLessThan(1e-5);
    }
  });
});

describe('BG/NBD P(alive) keeps a term per fit', () => {
  it('P(alive) does not depend on the fits asked before it (the kept term belongs to one fit)', () => {
    fc.assert(
      fc.property(
        bgParams,
        bgParams,
        fc.integer({ min: 0, max: 300 }),
        positive(0.01, 100),
        (first, second, x, T) => {
          const customer = { frequency: x, recency: x === 0 ? 0 : T / 2, T };
          for (const model of ['bgNbd', 'mbgNbd'] as const) {
            const alone = probabilityAlive({ model, params: first }, customer);
            probabilityAlive({ model, params: second }, customer);
            expect(probabilityAlive({ model, params: first }, customer)).toBe(alone);
            // the formula, written out: 1/(1 + a/(b+x−1+shift)·((α+T)/(α+t_x))^(r+x))
            const shift = model === 'mbgNbd' ? 1 : 0;
            if (shift === 1 || x > 0) {
              const { r, alpha, a, b } = first;
              const d =
                Math.log(a) -
                Math.log(b + x - 1 + shift) +
                (r + x) * Math.log((alpha + T) / (alpha + customer.recency));
              expect(Math.abs(alone - 1 / (1 + Math.exp(d)))).toBeLessThanOrEqual(1e-12);
            }
          }
        },
      ),
    );
  });
});
