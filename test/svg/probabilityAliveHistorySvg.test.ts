import { describe, expect, it } from 'vitest';
import { probabilityAliveHistory } from '../../src/index';
import { probabilityAliveHistorySvg } from '../../src/svg/index';
import { codeOf } from '../helpers/errors';
import { asList, axisTitle, groups, inverseScale } from './axes';
import { curvePaths, vertices } from './drawn';
import { expectWellFormed } from './wellFormed';

// Fader, Hardie & Lee (2005): the CDNOW BG/NBD fit, in days; customer 33 of lifetimes' example transactions
const FIT = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414 * 7, a: 0.793, b: 2.426 } } as const;
const HISTORY = probabilityAliveHistory(
  FIT,
  ['2014-06-13', '2014-07-07', '2014-07-17', '2014-08-04', '2014-08-21'],
  { until: '2014-12-31', timeUnit: 'day' },
);

/** The drawn data values within a pixel's rounding (coordinates have two decimals). */
function scalesOf(svg: string) {
  const [x] = groups(svg, 'axis x');
  const [y] = groups(svg, 'axis y');
  return {
    x: inverseScale(x as Record<string, unknown>, 'x'),
    y: inverseScale(y as Record<string, unknown>, 'y'),
  };
}

describe('probabilityAliveHistorySvg', () => {
  const svg = probabilityAliveHistorySvg(HISTORY, {
    xLabel: 'days since the first purchase',
    customer: '33',
  });

  it('is a well-formed SVG with a title naming the customer and the axis labels', () => {
    expectWellFormed(svg);
    expect(svg).toContain('<title id="patronage-chart-title">P(alive) of customer 33 over time</title>');
    expect(axisTitle(groups(svg, 'axis x')[0] as Record<string, unknown>)).toBe(
      'days since the first purchase',
    );
    expect(axisTitle(groups(svg, 'axis y')[0] as Record<string, unknown>)).toBe('P(alive)');
  });

  it('draws every point of the path, the jumps included, at its t and P(alive)', () => {
    const { x, y } = scalesOf(svg);
    const [line] = curvePaths(svg);
    const drawn = vertices(line as string);
    expect(drawn.length).toBe(HISTORY.points.length);
    // 0.005 px of rounding: 201 days over 636 px and 100% over 228 px
    drawn.forEach(([px, py], i) => {
      const point = HISTORY.points[i] as { t: number; probabilityAlive: number };
      expect(Math.abs(x(px) - point.t)).toBeLessThan(0.01);
      expect(Math.abs(y(py) - point.probabilityAlive)).toBeLessThan(1e-4);
    });
  });

  it('marks each purchase with a dot on the curve after its jump', () => {
    const { x, y } = scalesOf(svg);
    const dots = asList(groups(svg, 'purchases')[0]?.['circle']);
    expect(dots.length).toBe(5);
    dots.forEach((dot, i) => {
      const purchase = HISTORY.purchases[i] as { t: number };
      const at = HISTORY.points.filter((point) => point.t === purchase.t).at(-1) as {
        probabilityAlive: number;
      };
      expect(Math.abs(x(Number(dot['cx'])) - purchase.t)).toBeLessThan(0.01);
      expect(Math.abs(y(Number(dot['cy'])) - at.probabilityAlive)).toBeLessThan(1e-4);
    });
  });

  it('describes the path from first to last value', () => {
    expect(svg).toContain(
      'P(alive) of customer 33 from 100.0% at 0 to 16.1% at 201, with 5 purchases marked.',
    );
  });

  it('rejects a malformed history with stable codes', () => {
    expect(codeOf(() => probabilityAliveHistorySvg({ ...HISTORY, points: [] }))).toBe('EMPTY_INPUT');
    const outside = HISTORY.points.map((point, i) => (i === 3 ? { ...point, probabilityAlive: 1.5 } : point));
    expect(codeOf(() => probabilityAliveHistorySvg({ ...HISTORY, points: outside }))).toBe('OUT_OF_RANGE');
    const backwards = [...HISTORY.points].reverse();
    expect(codeOf(() => probabilityAliveHistorySvg({ ...HISTORY, points: backwards }))).toBe(
      'INVALID_ARGUMENT',
    );
    // @ts-expect-error an unknown option
    expect(codeOf(() => probabilityAliveHistorySvg(HISTORY, { custommer: 'x' }))).toBe('INVALID_OPTION');
  });
});
