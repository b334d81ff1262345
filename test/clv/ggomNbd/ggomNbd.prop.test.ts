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
