import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { purchaseProbability } from '../../src/index';
import { bgPurchaseProbabilityReference } from '../helpers/purchaseProbabilityReference';

// Issue 15, item 2: far tails of P(X(t) = count) keep their relative accuracy.
const TOLERANCE = 1e-9;

describe('purchaseProbability far tails (issue 15)', () => {
  it('BG/NBD and MBG/NBD match eq. 8 with a directly summed tail to 1e-9 wherever the value is above 1e-300', () => {
    fc.assert(
      fc.property(
        fc.record({
          r: fc.double({ min: 0.05, max: 10, noNaN: true }),
          alpha: fc.double({ min: 0.1, max: 100, noNaN: true }),
          a: fc.double({ min: 0.05, max: 5, noNaN: true }),
          b: fc.double({ min: 0.05, max: 10, noNaN: true }),
        }),
        fc.integer({ min: 0, max: 3000 }),
        fc.double({ min: 0.01, max: 1000, noNaN: true }),
        fc.constantFrom(0 as const, 1 as const),
        (params, count, t, shift) => {
          const reference = bgPurchaseProbabilityReference(params, count, t, shift);
          fc.pre(reference > 1e-300 && reference < 1);
          const value = purchaseProbability({ model: shift === 0 ? 'bgNbd' : 'mbgNbd', params }, count, t);
          expect(Math.abs(value - reference) / reference).toBeLessThan(TOLERANCE);
        },
      ),
      { numRuns: 200 },
    );
  });
});
