import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectInPlace } from '../../src/internal/select';

/** Values with many ties, zeros of both signs and a wide range. */
const values = fc.array(
  fc.oneof(fc.constantFrom(0, -0, 1, 2, 2, 3, -1), fc.double({ min: -1e6, max: 1e6, noNaN: true })),
  { minLength: 1, maxLength: 300 },
);

describe('selectInPlace (internal)', () => {
  it('gives the value sort() puts at position k, and splits the range around it', () => {
    fc.assert(
      fc.property(values, fc.nat(), (list, pick) => {
        const k = pick % list.length;
        const work = Float64Array.from(list);
        const sorted = Float64Array.from(list).sort();
        const value = selectInPlace(work, k);
        expect(value === sorted[k]).toBe(true);
        for (let i = 0; i < k; i++) expect(work[i] as number).toBeLessThanOrEqual(value);
        for (let i = k + 1; i < work.length; i++) expect(work[i] as number).toBeGreaterThanOrEqual(value);
        // a permutation of the input (zeros of either sign counted as one value)
        const zeroless = (array: Float64Array) =>
          Array.from(array, (v) => (v === 0 ? 0 : v)).sort((x, y) => x - y);
        expect(zeroless(work)).toEqual(zeroless(sorted));
      }),
      { numRuns: 500 },
    );
  });

  it('within a sub-range, the order statistic of that range', () => {
    fc.assert(
      fc.property(values, fc.nat(), fc.nat(), fc.nat(), (list, a, b, pick) => {
        const from = a % list.length;
        const to = from + 1 + (b % (list.length - from));
        const k = from + (pick % (to - from));
        const work = Float64Array.from(list);
        const expected = Float64Array.from(list.slice(from, to)).sort()[k - from] as number;
        expect(selectInPlace(work, k, from, to) === expected).toBe(true);
        expect(Array.from(work.subarray(0, from))).toEqual(
          list.slice(0, from).map((v) => (v + 0 === v ? v : v)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('inputs that defeat a simple pivot (sorted, reversed, all equal, organ pipe, sawtooth) at 100,000 values', () => {
    const n = 100_000;
    const shapes: Record<string, (i: number) => number> = {
      sorted: (i) => i,
      reversed: (i) => n - i,
      equal: () => 7,
      organ: (i) => (i < n / 2 ? i : n - i),
      sawtooth: (i) => i % 17,
    };
    for (const [name, shape] of Object.entries(shapes)) {
      const list = Float64Array.from({ length: n }, (_, i) => shape(i));
      const sorted = list.slice().sort();
      for (const k of [0, 1, n >> 2, n >> 1, n - 2, n - 1]) {
        expect(selectInPlace(list.slice(), k), `${name} k=${k}`).toBe(sorted[k]);
      }
    }
  });
});
