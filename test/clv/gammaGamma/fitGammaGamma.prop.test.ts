import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitGammaGamma } from '../../../src/index';
import { closeTo, expectClose } from '../../helpers/numbers';
import { positive, spendSummaryRows, wellFormed } from '../arbitraries';

/** A seeded uniform generator on [0, 1) (mulberry32), for simulated customers. */
function uniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Simulated customers whose mean spends are log-normal with spread `sigma` (0.3 to 3): above about 1.5 the
 * tail is heavy enough that the unconstrained q falls below 1, below it q is well above 1.
 */
const heavyTailedRows = fc
  .record({
    seed: fc.integer(),
    sigma: fc.double({ min: 0.3, max: 3, noNaN: true }),
    customers: fc.integer({ min: 20, max: 80 }),
  })
  .map(({ seed, sigma, customers }) => {
    const random = uniform(seed);
    return Array.from({ length: customers }, () => {
      const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
      return {
        frequency: 1 + Math.floor(random() * 8),
        monetaryValue: 20 * Math.exp(sigma * normal),
        weight: 1 + Math.floor(random() * 3),
      };
    });
  });

const anyRows = fc.oneof(spendSummaryRows, heavyTailedRows);

describe('Gamma-Gamma fits on extreme but valid data', () => {
  it('Gamma-Gamma fits are well formed on random valid data', () => {
    fc.assert(
      fc.property(spendSummaryRows, (rows) => wellFormed(fitGammaGamma(rows))),
      { numRuns: 30 },
    );
  });
});

describe('fitGammaGamma with qAboveOne', () => {
  it('q > 1 holds, and the fit is well formed', () => {
    fc.assert(
      fc.property(anyRows, (rows) => {
        const fit = fitGammaGamma(rows, { qAboveOne: true });
        wellFormed(fit);
        expect(fit.params.q).toBeGreaterThan(1);
      }),
      { numRuns: 40 },
    );
  });

  it('equals the unconstrained fit whenever that already has q > 1', () => {
    fc.assert(
      fc.property(anyRows, (rows) => {
        const free = fitGammaGamma(rows);
        fc.pre(free.logLikelihood !== null && free.params.q > 1);
        expect(fitGammaGamma(rows, { qAboveOne: true })).toEqual(free);
      }),
      { numRuns: 40 },
    );
  });

  it('never has a higher likelihood than the unconstrained fit (the constraint nests it)', () => {
    fc.assert(
      fc.property(heavyTailedRows, (rows) => {
        const free = fitGammaGamma(rows);
        const constrained = fitGammaGamma(rows, { qAboveOne: true });
        fc.pre(free.converged && constrained.logLikelihood !== null);
        const bound = free.logLikelihood as number;
        // equal up to the optimiser's stopping rule (1e−9 of −ln L per customer) where both reach one optimum
        expect(constrained.logLikelihood as number).toBeLessThanOrEqual(bound + 1e-9 * Math.abs(bound));
      }),
      { numRuns: 40 },
    );
  });

  it('stops at the bound, not converged and saying why, when the data put q below 1', () => {
    // mean spends spread over four orders of magnitude: q ≈ 0.5 without the constraint
    const rows = [1, 2, 3, 4, 5, 6, 7, 8].flatMap((frequency) =>
      [3, 30, 300, 3000, 30_000].map((monetaryValue) => ({ frequency, monetaryValue })),
    );
    const free = fitGammaGamma(rows);
    expect(free.params.q).toBeLessThan(1);
    const constrained = fitGammaGamma(rows, { qAboveOne: true });
    expect(constrained.params.q).toBeGreaterThan(1);
    expect(constrained.converged).toBe(false);
    expect(constrained.reason).toMatch(/q ran towards its bound \(q > 1\)/);
    expect(constrained.reason).toMatch(/without the constraint the likelihood is highest at q = 0\.\d+/);
  });
});

describe('the frequency-spend correlation beside the fit', () => {
  it('lies in [−1, 1], and is null exactly when one frequency or one mean spend is shared by everyone', () => {
    fc.assert(
      fc.property(anyRows, (rows) => {
        const { frequencySpendCorrelation } = fitGammaGamma(rows);
        const constant =
          rows.every((row) => row.frequency === rows[0]?.frequency) ||
          rows.every((row) => row.monetaryValue === rows[0]?.monetaryValue);
        if (constant) expect(frequencySpendCorrelation).toBeNull();
        else {
          expect(frequencySpendCorrelation).not.toBeNull();
          expect(Math.abs(frequencySpendCorrelation as number)).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('does not change with the currency (spend times a constant)', () => {
    // spends in whole cents from 0.10 to 10,000, so that rounding cannot stand in for their spread
    const centRows = fc.array(
      fc.record({
        frequency: fc.integer({ min: 1, max: 30 }),
        monetaryValue: fc.integer({ min: 10, max: 1_000_000 }).map((cents) => cents / 100),
      }),
      { minLength: 2, maxLength: 12 },
    );
    fc.assert(
      fc.property(centRows, positive(1e-6, 1e6), (rows, rate) => {
        const base = fitGammaGamma(rows).frequencySpendCorrelation;
        const converted = fitGammaGamma(
          rows.map((row) => ({ ...row, monetaryValue: row.monetaryValue * rate })),
        ).frequencySpendCorrelation;
        if (base === null) expect(converted).toBeNull();
        // a correlation near 0 has no relative scale: compare it absolutely
        else if (Math.abs(base) < 1e-9) expect(Math.abs(converted as number)).toBeLessThan(1e-9);
        else expect(closeTo(converted as number, base, 1e-10)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('counts a weight as that many customers', () => {
    fc.assert(
      fc.property(heavyTailedRows, (rows) => {
        const repeated = rows.flatMap(({ weight, ...row }) => Array.from({ length: weight }, () => row));
        const weighted = fitGammaGamma(rows).frequencySpendCorrelation;
        const expanded = fitGammaGamma(repeated).frequencySpendCorrelation;
        if (weighted === null) expect(expanded).toBeNull();
        else if (Math.abs(weighted) < 1e-9) expect(Math.abs(expanded as number)).toBeLessThan(1e-9);
        else expectClose(expanded as number, weighted);
      }),
      { numRuns: 60 },
    );
  });

  it('a perfectly linear relation gives 1, and a decreasing one −1', () => {
    const rows = [1, 2, 3, 4, 5].map((frequency) => ({ frequency, monetaryValue: 10 + 4 * frequency }));
    expectClose(fitGammaGamma(rows).frequencySpendCorrelation as number, 1);
    const falling = [1, 2, 3, 4, 5].map((frequency) => ({ frequency, monetaryValue: 40 - 4 * frequency }));
    expectClose(fitGammaGamma(falling).frequencySpendCorrelation as number, -1);
  });
});
