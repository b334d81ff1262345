import { describe, expect, it } from 'vitest';
import type { KaplanMeierResult } from '../../src/index';
import { DOWNSAMPLE_ABOVE } from '../../src/svg/curves';
import { survivalCurveSvg } from '../../src/svg/index';
import { curvePaths, vertices } from './drawn';
import { expectWellFormed } from './wellFormed';

/** A Kaplan–Meier-shaped estimate with `n` event times, a band everywhere, falling from 1 towards 0. */
function longEstimate(n: number): KaplanMeierResult {
  const times = new Array<number>(n);
  const survival = new Array<number>(n);
  const lower = new Array<number | null>(n);
  const upper = new Array<number | null>(n);
  for (let i = 0; i < n; i++) {
    times[i] = i + 1;
    survival[i] = 1 - (i + 1) / (n + 1);
    lower[i] = 0.9 * (survival[i] as number);
    upper[i] = Math.min(1, 1.1 * (survival[i] as number));
  }
  return { times, survival, lower, upper, median: Math.ceil(n / 2) } as unknown as KaplanMeierResult;
}

describe('survivalCurveSvg on long estimates', () => {
  it('draws 200,000 event times without a RangeError (a spread of the points overflowed the stack)', () => {
    expectWellFormed(survivalCurveSvg(longEstimate(200_000)));
  });

  it('draws 1,000,000 event times from a bounded number of points, keeping the ends, with an exact description', () => {
    const n = 1_000_000;
    const svg = survivalCurveSvg(longEstimate(n), { width: 720 });
    expectWellFormed(svg);
    const [line] = curvePaths(svg);
    const drawn = vertices(line as string);
    // a step curve draws each kept point with a riser: at most 2 vertices per point, 7 points per pixel
    // column of the 636-pixel plotting area
    expect(drawn.length).toBeLessThanOrEqual(2 * 7 * 637);
    expect(drawn.length).toBeGreaterThan(637);
    expect(drawn[0]).toEqual([64, 44]); // S(0) = 1 at the top left
    expect(drawn.at(-1)).toEqual([700, 312]); // the last time, the last survival (about 0) at the bottom
    expect(svg).toContain(`survival: median ${n / 2}`);
    expect(svg).toContain('surviving at the last time: 0.0%');
    expect(svg.length).toBeLessThan(200_000);
  }, 30_000);

  it('an estimate at the threshold is drawn point by point', () => {
    const svg = survivalCurveSvg(longEstimate(DOWNSAMPLE_ABOVE - 1));
    // the start point S(0) = 1 and every event time, each with its riser
    expect(vertices(curvePaths(svg)[0] as string)).toHaveLength(2 * DOWNSAMPLE_ABOVE - 1);
  });
});
