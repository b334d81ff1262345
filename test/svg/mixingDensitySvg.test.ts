import { describe, expect, it } from 'vitest';
import { mixingDensities } from '../../src/index';
import { mixingDensitySvg } from '../../src/svg/index';
import { codeOf } from '../helpers/errors';
import { asList, axisTitle, groups, inverseScale } from './axes';
import { curvePaths, vertices } from './drawn';
import { expectWellFormed } from './wellFormed';

// Fader, Hardie & Lee (2005): the CDNOW BG/NBD and Pareto/NBD fits, in weeks
const BG = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
const PARETO = { model: 'paretoNbd', params: { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 } } as const;

describe('mixingDensitySvg', () => {
  const densities = mixingDensities(BG, { points: 50 });
  const svg = mixingDensitySvg(densities);
  const panels = groups(svg, 'panel');

  it('draws one panel per density, each with its axis labels', () => {
    expectWellFormed(svg);
    expect(panels.length).toBe(2);
    const titles = panels.map((panel) => [
      axisTitle(asList(panel['g']).find((g) => g['class'] === 'axis x') as Record<string, unknown>),
      axisTitle(asList(panel['g']).find((g) => g['class'] === 'axis y') as Record<string, unknown>),
    ]);
    expect(titles).toEqual([
      ['λ: purchase rate per time unit', 'density'],
      ['p: dropout probability after a purchase', 'density'],
    ]);
    expect(svg).toContain('λ ~ gamma(r 0.243, α 4.414), mean 0.055');
    expect(svg).toContain('p ~ beta(a 0.793, b 2.426), mean 0.246');
  });

  it("draws each density's points at their x and density", () => {
    const lines = curvePaths(svg);
    expect(lines.length).toBe(2);
    densities.forEach((density, d) => {
      const panel = panels[d] as Record<string, unknown>;
      const axes = asList(panel['g']);
      const x = inverseScale(axes.find((g) => g['class'] === 'axis x') as Record<string, unknown>, 'x');
      const y = inverseScale(axes.find((g) => g['class'] === 'axis y') as Record<string, unknown>, 'y');
      const drawn = vertices(lines[d] as string);
      expect(drawn.length).toBe(density.points.length);
      // the largest density over the panel's 120 px, the x span over 636 px, each within 0.01 px
      const maxDensity = Math.max(...density.points.map((point) => point.density));
      const span = density.points.at(-1)?.x as number;
      drawn.forEach(([px, py], i) => {
        const point = density.points[i] as { x: number; density: number };
        expect(Math.abs(x(px) - point.x)).toBeLessThan((0.01 * Math.max(1, span)) / 600);
        expect(Math.abs(y(py) - point.density)).toBeLessThan((0.01 * maxDensity) / 100);
      });
    });
  });

  it('puts the dashed mean line at the mean', () => {
    densities.forEach((density, d) => {
      const panel = panels[d] as Record<string, unknown>;
      const axis = asList(panel['g']).find((g) => g['class'] === 'axis x') as Record<string, unknown>;
      const mean = asList(panel['line']).find((line) => line['class'] === 'mean') as Record<string, unknown>;
      expect(Math.abs(inverseScale(axis, 'x')(Number(mean['x1'])) - density.mean)).toBeLessThan(1e-4);
    });
  });

  it('takes axis labels by density name, and a beta axis spans [0, 1]', () => {
    const labelled = mixingDensitySvg(mixingDensities(PARETO), { labels: { mu: 'dropouts per week' } });
    expect(labelled).toContain('dropouts per week');
    expect(labelled).toContain('λ: purchase rate per time unit');
    const betaAxis = asList(groups(svg, 'panel')[1]?.['g']).find((g) => g['class'] === 'axis x');
    const labels = asList(betaAxis?.['text']).map((text) => String(text['#text']));
    expect(labels[0]).toBe('0');
    expect(labels.at(-2)).toBe('1');
  });

  it('rejects bad input with stable codes', () => {
    expect(codeOf(() => mixingDensitySvg([]))).toBe('EMPTY_INPUT');
    const [lambda] = densities;
    const negative = { ...(lambda as (typeof densities)[number]), points: [{ x: 1, density: -1 }] };
    expect(codeOf(() => mixingDensitySvg([negative]))).toBe('OUT_OF_RANGE');
    expect(
      codeOf(() => mixingDensitySvg(Array.from({ length: 9 }, () => lambda as (typeof densities)[number]))),
    ).toBe('OUT_OF_RANGE');
    expect(codeOf(() => mixingDensitySvg(densities, { height: 150 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => mixingDensitySvg(densities, { labels: { lamda: 'x' } }))).toBe('INVALID_OPTION');
    expect(codeOf(() => mixingDensitySvg(densities, { labels: { mu: 'not in a BG/NBD fit' } }))).toBe(
      'INVALID_OPTION',
    );
    // @ts-expect-error a label must be a string
    expect(codeOf(() => mixingDensitySvg(densities, { labels: { lambda: 3 } }))).toBe('INVALID_ARGUMENT');
  });
});
