import { describe, expect, it } from 'vitest';
import { trackingSvg } from '../../src/svg/index';
import { curvePaths, vertices } from './drawn';
import { expectWellFormed } from './wellFormed';

function tracking(points: { time: number; expected: number; actual: number | null }[]) {
  return { points, meanAbsoluteError: 0, rootMeanSquaredError: 0, finalRelativeError: 0 };
}

describe('trackingSvg', () => {
  it('draws no confidence band (its points have none) and no NaN', () => {
    const svg = trackingSvg(
      tracking([1, 2, 3].map((time) => ({ time, expected: 10 * time, actual: 9 * time }))),
    );
    expectWellFormed(svg);
    expect(svg).not.toContain('NaN');
    expect(svg).not.toContain('fill-opacity');
  });

  it('draws 1,000,000 tracking points from a bounded number of points, with the exact last values described', () => {
    const n = 1_000_000;
    const points = new Array<{ time: number; expected: number; actual: number | null }>(n);
    for (let i = 0; i < n; i++)
      points[i] = { time: i + 1, expected: 2 * (i + 1), actual: i < n / 2 ? 2 * i + 3 : null };
    const svg = trackingSvg(tracking(points), { calibrationEnd: n / 2 });
    expectWellFormed(svg);
    for (const line of curvePaths(svg)) expect(vertices(line).length).toBeLessThanOrEqual(7 * 497);
    expect(svg).toContain(`Expected ${2 * n} cumulative repeat purchases by ${n}.`);
  }, 30_000);
});
