import { describe, expect, it } from 'vitest';
import { cumulativeTracking } from '../../src/index';
import { trackingSvg } from '../../src/svg/index';
import { codeOf } from '../helpers/errors';
import { groups, inverseScale } from './axes';
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

describe('trackingSvg incremental mode', () => {
  const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
  const weekly = cumulativeTracking(fit, {
    births: [0, 0, 0, 1, 1, 2, 3, 3, 4, 5],
    times: [1, 2, 3, 4, 5, 6, 7, 8],
    actual: [0, 1, 1, 3, 4, 4, 6, 8],
  });

  it('draws the per-period values of model and data against their times', () => {
    const svg = trackingSvg(weekly, { mode: 'incremental', calibrationEnd: 5 });
    expectWellFormed(svg);
    expect(svg).toContain('repeat purchases per period');
    const [xAxis] = groups(svg, 'axis x');
    const [yAxis] = groups(svg, 'axis y');
    const x = inverseScale(xAxis as Record<string, unknown>, 'x');
    const y = inverseScale(yAxis as Record<string, unknown>, 'y');
    const [model, data] = curvePaths(svg).map((line) => vertices(line)) as [
      [number, number][],
      [number, number][],
    ];
    weekly.points.forEach((point, i) => {
      const [mx, my] = model[i] as [number, number];
      const [, dy] = data[i] as [number, number];
      expect(Math.abs(x(mx) - point.time)).toBeLessThan(0.001);
      expect(Math.abs(y(my) - point.incrementalExpected)).toBeLessThan(0.001);
      expect(Math.abs(y(dy) - (point.incrementalActual as number))).toBeLessThan(0.001);
    });
  });

  it('draws the cumulative values by default', () => {
    const svg = trackingSvg(weekly);
    const [yAxis] = groups(svg, 'axis y');
    const y = inverseScale(yAxis as Record<string, unknown>, 'y');
    const model = vertices(curvePaths(svg)[0] as string);
    const last = model[model.length - 1] as [number, number];
    expect(Math.abs(y(last[1]) - (weekly.points.at(-1)?.expected as number))).toBeLessThan(0.001);
  });

  it('needs the increments in incremental mode, and one of the two modes', () => {
    const plain = tracking([{ time: 1, expected: 2, actual: 1 }]);
    expect(codeOf(() => trackingSvg(plain, { mode: 'incremental' }))).toBe('INVALID_ARGUMENT');
    // @ts-expect-error not a mode
    expect(codeOf(() => trackingSvg(weekly, { mode: 'weekly' }))).toBe('INVALID_ARGUMENT');
  });
});
