import { describe, expect, it } from 'vitest';
import { holdoutByRecency, holdoutComparison } from '../../src/index';
import { holdoutByGroupSvg } from '../../src/svg/index';
import { codeOf } from '../helpers/errors';
import { curvePaths, vertices } from './drawn';
import { expectWellFormed } from './wellFormed';

const FIT = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
const ROWS = Array.from({ length: 60 }, (_, i) => {
  const frequency = i % 9;
  const recency = frequency === 0 ? 0 : 2 + (i * 35) / 60;
  return { frequency, recency, T: 38, frequencyHoldout: (i * 7) % 5, durationHoldout: 39 };
});

/** Checks that each curve's vertices are the groups' values on one linear scale (the default frame). */
function expectDrawn(svg: string, xs: readonly number[], series: readonly (readonly number[])[]): void {
  const paths = curvePaths(svg);
  expect(paths.length).toBe(2);
  let highest = 0;
  for (const values of series) for (const value of values) highest = Math.max(highest, value);
  const low = Math.min(0, ...xs);
  const high = Math.max(low + 1, ...xs);
  // frameOf with the legend's right margin: left 64, right 720 − 160, top 44, bottom 360 − 48
  paths.forEach((path, s) => {
    const points = vertices(path);
    const values = series[s] as readonly number[];
    expect(points.length).toBe(values.length);
    points.forEach(([x, y], i) => {
      expect(
        Math.abs(x - (64 + (((xs[i] as number) - low) / (high - low)) * (560 - 64))),
      ).toBeLessThanOrEqual(0.01);
      expect(Math.abs(y - (312 - ((values[i] as number) / highest) * (312 - 44)))).toBeLessThanOrEqual(0.01);
    });
  });
}

describe('holdoutByGroupSvg', () => {
  it('draws a holdoutComparison: actual and predicted means at each calibration frequency', () => {
    const comparison = holdoutComparison(FIT, ROWS, { maxFrequency: 6 });
    const svg = holdoutByGroupSvg(comparison);
    expectWellFormed(svg);
    const groups = comparison.groups;
    expectDrawn(
      svg,
      groups.map((group) => group.frequency),
      [groups.map((group) => group.actual), groups.map((group) => group.predicted)],
    );
    expect(svg).toContain('repeat purchases in calibration (6 = 6 or more)');
    expect(svg).toContain(`Mean holdout purchases by calibration frequency, ${groups.length} groups`);
  });

  it('draws a holdoutByRecency at the middle of each bin, x labelled by recency', () => {
    const comparison = holdoutByRecency(FIT, ROWS, { bins: 6 });
    const svg = holdoutByGroupSvg(comparison, { idPrefix: 'recency' });
    expectWellFormed(svg);
    const groups = comparison.groups;
    expectDrawn(
      svg,
      groups.map((group) => (group.from + group.to) / 2),
      [groups.map((group) => group.actual), groups.map((group) => group.predicted)],
    );
    expect(svg).toContain('recency in calibration (time of the last purchase)');
    expect(svg).toContain('id="recency-title"');
  });

  it('draws a million recency groups from a bounded number of points', () => {
    const n = 1_000_000;
    const groups = new Array(n);
    for (let i = 0; i < n; i++)
      groups[i] = { from: i, to: i + 1, exact: false, customers: 1, actual: i % 3, predicted: 1 };
    const svg = holdoutByGroupSvg({
      by: 'recency',
      groups,
      meanAbsoluteError: 0,
      rootMeanSquaredError: 0,
      actualTotal: n,
      predictedTotal: n,
    });
    expectWellFormed(svg);
    for (const line of curvePaths(svg)) expect(vertices(line).length).toBeLessThanOrEqual(7 * 497);
    expect(svg).toContain(`${n} groups, actual against predicted. In all ${n} purchases actual`);
  }, 30_000);

  it('refuses groups out of order, an unknown grouping and no groups', () => {
    const comparison = holdoutByRecency(FIT, ROWS, { bins: 6 });
    expect(codeOf(() => holdoutByGroupSvg({ ...comparison, groups: [...comparison.groups].reverse() }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => holdoutByGroupSvg({ ...comparison, by: 'age' } as never))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => holdoutByGroupSvg({ ...comparison, groups: [] }))).toBe('EMPTY_INPUT');
  });
});
