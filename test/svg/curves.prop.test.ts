import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linear } from '../../src/svg/core';
import { DOWNSAMPLE_ABOVE, drawnPoints, type ReadPoint } from '../../src/svg/curves';

/** The extremes of each pixel column, as the chart would rasterise them. */
function extremes(points: readonly ReadPoint[], scale: (x: number) => number, width: number): string[] {
  const columns = new Map<
    number,
    { low: number; high: number; lower: number; upper: number; gap: boolean }
  >();
  for (const point of points) {
    const column = Math.min(width, Math.max(0, Math.floor(scale(point.x))));
    const entry = columns.get(column) ?? {
      low: Number.POSITIVE_INFINITY,
      high: Number.NEGATIVE_INFINITY,
      lower: Number.POSITIVE_INFINITY,
      upper: Number.NEGATIVE_INFINITY,
      gap: false,
    };
    entry.low = Math.min(entry.low, point.y);
    entry.high = Math.max(entry.high, point.y);
    if (point.lower === null || point.upper === null) entry.gap = true;
    else {
      entry.lower = Math.min(entry.lower, point.lower);
      entry.upper = Math.max(entry.upper, point.upper);
    }
    columns.set(column, entry);
  }
  return [...columns].map(([column, entry]) => JSON.stringify([column, entry]));
}

describe('drawnPoints (downsampling of long curves)', () => {
  it('every pixel column keeps the lowest and highest y, band ends and gaps of all its points, and the ends of the curve', () => {
    const curve = fc
      .record({
        length: fc.integer({ min: DOWNSAMPLE_ABOVE + 1, max: 3 * DOWNSAMPLE_ABOVE }),
        width: fc.integer({ min: 1, max: 1_000 }),
        seed: fc.integer(),
        gaps: fc.double({ min: 0, max: 0.2, noNaN: true }),
      })
      .map(({ length, width, seed, gaps }) => {
        // a cheap deterministic generator, so that a long curve costs one fast-check value
        let state = seed >>> 0;
        const next = (): number => {
          state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
          return state / 2 ** 32;
        };
        let x = 0;
        const points: ReadPoint[] = [];
        for (let i = 0; i < length; i++) {
          x += next() < 0.1 ? 0 : next();
          const y = next() * 10 - 5;
          points.push(
            next() < gaps
              ? { x, y, lower: null, upper: null }
              : { x, y, lower: y - next(), upper: y + next() },
          );
        }
        return { points, width };
      });
    fc.assert(
      fc.property(curve, ({ points, width }) => {
        const scale = linear(0, (points.at(-1) as ReadPoint).x, 0, width);
        const kept = drawnPoints(points, scale, 0, width);
        expect(kept[0]).toBe(points[0]);
        expect(kept.at(-1)).toBe(points.at(-1));
        expect(kept.length).toBeLessThanOrEqual(7 * (width + 1));
        expect(extremes(kept, scale, width)).toEqual(extremes(points, scale, width));
      }),
      { numRuns: 20 },
    );
  });
});
