import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holdoutByRecency } from '../../src/index';
import { closeTo } from '../helpers/numbers';
import { realisticFit } from './arbitraries';

const rows = fc.array(
  fc
    .record({
      frequency: fc.integer({ min: 0, max: 10 }),
      T: fc.integer({ min: 1, max: 80 }),
      share: fc.double({ min: 0.01, max: 1, noNaN: true }),
      frequencyHoldout: fc.integer({ min: 0, max: 10 }),
    })
    .map(({ frequency, T, share, frequencyHoldout }) => ({
      frequency,
      recency: frequency === 0 ? 0 : T * share,
      T,
      frequencyHoldout,
      durationHoldout: 20,
    })),
  { minLength: 1, maxLength: 40 },
);

describe('holdoutByRecency laws', () => {
  it('the groups hold every customer once, ascending, and their weighted means give the totals', () => {
    fc.assert(
      fc.property(realisticFit, rows, fc.integer({ min: 1, max: 12 }), (fit, list, bins) => {
        const result = holdoutByRecency(fit, list, { bins });
        expect(result.groups.reduce((sum, group) => sum + group.customers, 0)).toBe(list.length);
        for (let g = 1; g < result.groups.length; g++)
          expect(result.groups[g]?.from).toBeGreaterThan(result.groups[g - 1]?.from as number);
        expect(result.groups.length).toBeLessThanOrEqual(bins);
        const actual = result.groups.reduce((sum, group) => sum + group.actual * group.customers, 0);
        expect(closeTo(actual, result.actualTotal, 1e-12)).toBe(true);
        const predicted = result.groups.reduce((sum, group) => sum + group.predicted * group.customers, 0);
        expect(closeTo(predicted, result.predictedTotal, 1e-9)).toBe(true);
      }),
    );
  });
});
