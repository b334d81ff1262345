import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { periodTransactions, purchaseProbability } from '../../src/index';
import { closeTo } from '../helpers/numbers';
import { positive } from './arbitraries';

const bg = fc.record({
  r: positive(0.05, 5),
  alpha: positive(1, 100),
  a: positive(0.1, 5),
  b: positive(0.1, 20),
});
const fit = fc.oneof(
  bg.map((params) => ({ model: 'bgNbd' as const, params })),
  bg.map((params) => ({ model: 'mbgNbd' as const, params })),
  fc
    .record({ r: positive(0.05, 5), alpha: positive(1, 100), s: positive(0.1, 5), beta: positive(1, 100) })
    .map((params) => ({ model: 'paretoNbd' as const, params })),
  fc
    .record({ r: positive(0.05, 5), alpha: positive(1, 100) })
    .map((params) => ({ model: 'nbd' as const, params })),
  fc
    .record({
      k: fc.integer({ min: 1, max: 4 }),
      r: positive(0.05, 5),
      alpha: positive(1, 100),
      a: positive(0.1, 5),
      b: positive(0.1, 20),
    })
    .map((params) => ({ model: 'bgCnbd' as const, params })),
);
const rows = fc.array(
  fc
    .record({
      frequency: fc.integer({ min: 0, max: 15 }),
      T: fc.integer({ min: 1, max: 80 }).map((days) => days / 2),
      share: positive(0.01, 1),
      weight: fc.oneof(fc.integer({ min: 1, max: 40 }), positive(0.1, 10)),
    })
    .map(({ frequency, T, share, weight }) => ({
      frequency,
      recency: frequency === 0 ? 0 : T * share,
      T,
      weight,
    })),
  { minLength: 1, maxLength: 30 },
);

describe('periodTransactions laws', () => {
  it('the order of the rows does not change the result, to the bit', () => {
    fc.assert(
      fc.property(fit, rows, fc.integer({ min: 1, max: 9 }), (model, list, maxFrequency) => {
        const reversed = [...list].reverse();
        const rotated = [...list.slice(1), ...list.slice(0, 1)];
        const result = periodTransactions(model, list, { maxFrequency });
        expect(periodTransactions(model, reversed, { maxFrequency })).toEqual(result);
        expect(periodTransactions(model, rotated, { maxFrequency })).toEqual(result);
      }),
    );
  });

  it('the expected counts sum to the customers (the sum of the weights), as the actual ones do', () => {
    fc.assert(
      fc.property(fit, rows, fc.integer({ min: 1, max: 9 }), (model, list, maxFrequency) => {
        const result = periodTransactions(model, list, { maxFrequency });
        const weights = list.reduce((sum, row) => sum + row.weight, 0);
        expect(closeTo(result.customers, weights, 1e-12)).toBe(true);
        const expected = result.bins.reduce((sum, bin) => sum + bin.expected, 0);
        expect(closeTo(expected, result.customers, 1e-9), `${expected} vs ${result.customers}`).toBe(true);
        const actual = result.bins.reduce((sum, bin) => sum + bin.actual, 0);
        expect(closeTo(actual, result.customers, 1e-12)).toBe(true);
      }),
    );
  });

  it('the exact tail P(X(t) ≥ n) is 1 − Σ_{x<n} P(X(t) = x), within the rounding of that difference', () => {
    fc.assert(
      fc.property(fit, fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: 12 }), (model, T, n) => {
        const result = periodTransactions(model, [{ frequency: 0, recency: 0, T }], { maxFrequency: n });
        let below = 0;
        for (let k = 0; k < n; k++) below += purchaseProbability(model, k, T);
        const tail = result.bins[n]?.expected as number;
        // 1 − Σ carries the absolute rounding of n probabilities near 1 (each good to a few ε): 32·n·ε,
        // which is what it loses against the direct tail when the tail is small
        const bound = 1e-9 * tail + 32 * n * Number.EPSILON;
        expect(Math.abs(tail - (1 - below)), `${tail} vs ${1 - below}`).toBeLessThanOrEqual(bound);
      }),
    );
  });

  it('the chi-square groups partition the bins and each is expected to hold 5 customers or more', () => {
    fc.assert(
      fc.property(fit, rows, (model, list) => {
        const { bins, chiSquare, customers } = periodTransactions(model, list);
        const groups = chiSquare.groups;
        expect(groups[0]?.from).toBe(0);
        expect(groups.at(-1)?.to).toBe(bins.length - 1);
        for (let g = 1; g < groups.length; g++)
          expect(groups[g]?.from).toBe((groups[g - 1]?.to as number) + 1);
        if (customers >= 5 + 1e-9)
          for (const group of groups) expect(group.expected).toBeGreaterThanOrEqual(5 - 1e-9);
        expect(chiSquare.statistic).toBeGreaterThanOrEqual(0);
        if (chiSquare.pValue !== null) expect(chiSquare.pValue).toBeLessThanOrEqual(1);
      }),
    );
  });
});
