import { describe, expect, it } from 'vitest';
import { simulateBgNbd } from '../../../scripts/bench/simulate.mjs';
import { BG_NBD } from '../../../src/clv/bgNbd/definition';
import { bgNbdObjective } from '../../../src/clv/bgNbd/likelihood';
import { maximumLikelihood } from '../../../src/clv/core/fitCore';
import { rememberLast } from '../../../src/clv/core/rememberLast';
import { continuousRows } from '../../../src/clv/core/rows';
import { scaleTimes, timeScaleOf } from '../../../src/clv/core/timeScale';
import type { Objective } from '../../../src/math/optimize';

/** A quadratic objective that counts its evaluations. */
function counted(): { objective: Objective; calls: () => number } {
  let calls = 0;
  return {
    objective: (x, gradient) => {
      calls++;
      if (gradient !== null) for (let i = 0; i < x.length; i++) gradient[i] = 2 * (x[i] as number);
      return x.reduce((sum, value) => sum + value * value, 0);
    },
    calls: () => calls,
  };
}

describe('rememberLast (internal)', () => {
  it('answers a call at the previous point from that call: the same value and gradient, no evaluation', () => {
    const { objective, calls } = counted();
    const remembered = rememberLast(objective);
    const gradient = new Float64Array(2);
    const point = Float64Array.from([1, -2]);
    expect(remembered(point, gradient)).toBe(5);
    const again = new Float64Array(2);
    expect(remembered(point, again)).toBe(5);
    expect(remembered(point, null)).toBe(5);
    expect(Array.from(again)).toEqual([2, -4]);
    expect(calls()).toBe(1);
  });

  it('evaluates at another point, and for a gradient after a call without one', () => {
    const { objective, calls } = counted();
    const remembered = rememberLast(objective);
    expect(remembered(Float64Array.from([1, 1]), null)).toBe(2);
    const gradient = new Float64Array(2);
    expect(remembered(Float64Array.from([1, 1]), gradient)).toBe(2);
    expect(Array.from(gradient)).toEqual([2, 2]);
    expect(calls()).toBe(2);
    // one bit away is another point; and a caller reusing its array for a new point is not answered from the old
    const point = Float64Array.from([1, 1 + 2 ** -52]);
    remembered(point, null);
    point[1] = 3;
    expect(remembered(point, null)).toBe(10);
    expect(calls()).toBe(4);
  });

  it('a BG/NBD fit with it has the bits of one without, in fewer passes over the rows', () => {
    const rows = continuousRows('test', simulateBgNbd(3_000, { r: 0.25, alpha: 4, a: 0.8, b: 2.5 }));
    const likelihood = BG_NBD.likelihood(rows);
    const plain = bgNbdObjective(scaleTimes(rows, timeScaleOf(rows)), 0);
    let plainPasses = 0;
    let rememberedPasses = 0;
    const without = maximumLikelihood(BG_NBD, {
      ...likelihood,
      objective: (x, g) => {
        plainPasses++;
        return plain(x, g);
      },
    });
    const withIt = maximumLikelihood(BG_NBD, {
      ...likelihood,
      objective: rememberLast((x, g) => {
        rememberedPasses++;
        return plain(x, g);
      }),
    });
    expect(JSON.stringify(withIt)).toBe(JSON.stringify(without));
    expect(rememberedPasses).toBeLessThanOrEqual(plainPasses);
  });
});
