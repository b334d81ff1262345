import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { continuousRows } from '../../../src/clv/core/rows';
import { paretoNbdObjective } from '../../../src/clv/paretoNbd/likelihood';

// Summaries of day-resolution logs in weeks: x, t_x and T on a grid of days, so that rows share their
// (x, t_x) and (x, T) as real data do.
const dayRows = fc.array(
  fc
    .record({
      frequency: fc.integer({ min: 0, max: 4 }),
      days: fc.integer({ min: 1, max: 20 }),
      share: fc.integer({ min: 1, max: 20 }),
      weight: fc.integer({ min: 1, max: 9 }),
    })
    .map(({ frequency, days, share, weight }) => ({
      frequency,
      recency: frequency === 0 ? 0 : Math.min(share, days) / 7,
      T: days / 7,
      weight,
    })),
  { minLength: 1, maxLength: 60 },
);
const logParams = fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 4, maxLength: 4 });

/** The distinct (x, t) among the rows' (x, t_x) and (x, T). */
function pairCount(rows: {
  readonly first: Float64Array;
  readonly second: Float64Array;
  readonly third: Float64Array;
}): number {
  const pairs = new Set<string>();
  rows.first.forEach((x, i) => {
    pairs.add(`${x},${rows.second[i]}`);
    pairs.add(`${x},${rows.third[i]}`);
  });
  return pairs.size;
}

describe('Pareto/NBD objective: J once per distinct (x, t)', () => {
  it('gives every row the bits it computes alone: the same value and gradient as one J per row', () => {
    fc.assert(
      fc.property(dayRows, logParams, (data, at) => {
        const rows = continuousRows('test', data);
        // the shared J are taken only when there are no more of them than rows
        fc.pre(pairCount(rows) <= rows.first.length);
        const point = Float64Array.from(at);
        const shared = new Float64Array(4);
        const alone = new Float64Array(4);
        const value = paretoNbdObjective(rows)(point, shared);
        expect(Object.is(value, paretoNbdObjective(rows, 0)(point, alone))).toBe(true);
        if (Number.isFinite(value)) expect(Array.from(shared)).toEqual(Array.from(alone));
      }),
      { numRuns: 200 },
    );
  });
});
