import { describe, expect, it } from 'vitest';
import { retentionCurvesSvg } from '../../src/svg/index';
import { curvePaths, vertices } from './drawn';
import { expectWellFormed } from './wellFormed';

/** A wavy curve of `n` points with a band, from x = 0 to n − 1. */
function longCurve(n: number, phase = 0): { x: number; y: number; lower: number; upper: number }[] {
  const points = new Array<{ x: number; y: number; lower: number; upper: number }>(n);
  for (let i = 0; i < n; i++) {
    const y = 0.5 + 0.4 * Math.sin(i / 5000 + phase);
    points[i] = { x: i, y, lower: y - 0.05, upper: y + 0.05 };
  }
  return points;
}

describe('retentionCurvesSvg on long series', () => {
  it('draws 200,000 points without a RangeError (a spread of the points overflowed the stack)', () => {
    expectWellFormed(retentionCurvesSvg([{ name: 'web', points: longCurve(200_000) }]));
  });

  it('draws a series of 1,000,000 points from a bounded number of points, keeping both ends', () => {
    const n = 1_000_000;
    const svg = retentionCurvesSvg([{ name: 'web', points: longCurve(n) }], { width: 720 });
    expectWellFormed(svg);
    const [line] = curvePaths(svg);
    const drawn = vertices(line as string);
    // the plotting area runs from 64 to 700: 637 pixel columns, at most 7 points each
    expect(drawn.length).toBeLessThanOrEqual(7 * 637);
    expect(drawn.length).toBeGreaterThan(637);
    expect(drawn[0]?.[0]).toBe(64);
    expect(drawn.at(-1)?.[0]).toBe(700);
    // the band is drawn from the same points: one closed area
    expect(svg.match(/fill-opacity="0.15"/g)).toHaveLength(1);
    expect(svg).toContain('1 retention curve: web.');
    expect(svg.length).toBeLessThan(200_000);
  }, 30_000);
});

describe('retentionCurvesSvg at the ends of the double range', () => {
  it('draws values from -MAX_VALUE to MAX_VALUE (a span beyond the largest double) without NaN or Infinity', () => {
    for (const percent of [true, false]) {
      const svg = retentionCurvesSvg(
        [
          {
            name: 'wide',
            points: [
              { x: -Number.MAX_VALUE, y: -Number.MAX_VALUE },
              { x: 0, y: 5e-324, lower: -1e300, upper: 1e300 },
              { x: Number.MAX_VALUE, y: Number.MAX_VALUE },
            ],
          },
        ],
        { percent },
      );
      expectWellFormed(svg);
      expect(svg).not.toMatch(/NaN|Infinity/);
    }
  });
});
