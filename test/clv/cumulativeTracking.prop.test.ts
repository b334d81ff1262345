import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cumulativeTracking } from '../../src/index';
import { closeTo } from '../helpers/numbers';
import { bgParams, paretoParams, positive } from './arbitraries';

const fit = fc.oneof(
  bgParams.map((params) => ({ model: 'bgNbd' as const, params })),
  paretoParams.map((params) => ({ model: 'paretoNbd' as const, params })),
);
/** Births in [0, 50) and increasing report times (weekly-like steps), with observed counts. */
const input = fc
  .record({
    births: fc.array(positive(0, 50), { minLength: 1, maxLength: 40 }),
    steps: fc.array(positive(0.1, 10), { minLength: 1, maxLength: 30 }),
    purchases: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 30, maxLength: 30 }),
  })
  .map(({ births, steps, purchases }) => {
    const times: number[] = [];
    const actual: number[] = [];
    let time = 0;
    let total = 0;
    steps.forEach((step, k) => {
      time += step;
      total += purchases[k] as number;
      times.push(time);
      actual.push(total);
    });
    return { births, times, actual };
  });

describe('cumulativeTracking laws', () => {
  it('the incremental values sum to the cumulative ones (expected and actual)', () => {
    fc.assert(
      fc.property(fit, input, (model, data) => {
        const { points } = cumulativeTracking(model, data);
        let expected = 0;
        let actual = 0;
        const wrong = points.filter((point) => {
          expected += point.incrementalExpected;
          actual += point.incrementalActual as number;
          return !closeTo(expected, point.expected) || actual !== point.actual;
        });
        expect(wrong).toEqual([]);
      }),
    );
  });

  it('with increasing times the expected increments are never negative', () => {
    fc.assert(
      fc.property(fit, input, (model, data) => {
        const { points } = cumulativeTracking(model, data);
        expect(points.filter((point) => point.incrementalExpected < 0)).toEqual([]);
      }),
    );
  });
});
