// Every chart of patronage/svg drawn from a million data points (or cells, for a table): well-formed, and
// no bigger than a bound that does not grow with the data. Long curves are drawn from at most 7 points per
// pixel column (M4: first, last, lowest, highest, and the band's ends), large tables in blocks, many
// segments with one bar for the smallest; exact values stay in the descriptions and tooltips.
import { describe, expect, it } from 'vitest';
import { type KaplanMeierResult, probabilityAliveHistory } from '../../src/index';
import * as svg from '../../src/svg/index';
import { codeOf } from '../helpers/errors';
import { expectWellFormed } from './wellFormed';

const N = 1_000_000;
const FIT = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;

function curve(n: number): { x: number; y: number; lower: number; upper: number }[] {
  const points = new Array<{ x: number; y: number; lower: number; upper: number }>(n);
  for (let i = 0; i < n; i++) {
    const y = 0.5 + 0.4 * Math.sin(i / 5000);
    points[i] = { x: i, y, lower: y - 0.05, upper: y + 0.05 };
  }
  return points;
}

function estimate(n: number): KaplanMeierResult {
  const times = new Array<number>(n);
  const survival = new Array<number>(n);
  const lower = new Array<number>(n);
  const upper = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    times[i] = i + 1;
    survival[i] = 1 - (i + 1) / (n + 1);
    lower[i] = 0.9 * (survival[i] as number);
    upper[i] = Math.min(1, 1.1 * (survival[i] as number));
  }
  return { times, survival, lower, upper, median: n / 2 } as unknown as KaplanMeierResult;
}

function cohorts(count: number, periods: number) {
  const rows = new Array(count);
  for (let i = 0; i < count; i++) {
    const rates = new Array<number | null>(periods);
    for (let k = 0; k < periods; k++)
      rates[k] = k < periods - i ? (k === 0 ? 1 : 0.3 + ((i + k) % 5) / 10) : null;
    rows[i] = { cohort: `c${i}`, size: 1 + (i % 4), rates, revenueRates: rates };
  }
  return rows;
}

/** Each chart with its million-point input and the most bytes its SVG may take. */
const CHARTS: Record<string, { draw: () => string; most: number; exact: string }> = {
  retentionCurvesSvg: {
    draw: () => svg.retentionCurvesSvg([{ name: 'web', points: curve(N) }]),
    most: 250_000,
    exact: '1 retention curve: web.',
  },
  survivalCurveSvg: {
    draw: () => svg.survivalCurveSvg(estimate(N)),
    most: 250_000,
    exact: `survival: median ${N / 2}`,
  },
  trackingSvg: {
    draw: () => {
      const points = new Array(N);
      for (let i = 0; i < N; i++)
        points[i] = { time: i + 1, expected: 2 * (i + 1), actual: i < N / 2 ? 2 * i + 3 : null };
      return svg.trackingSvg(
        { points, meanAbsoluteError: 0, rootMeanSquaredError: 0, finalRelativeError: 0 },
        { calibrationEnd: N / 2 },
      );
    },
    most: 250_000,
    exact: `Expected ${2 * N} cumulative repeat purchases by ${N}.`,
  },
  probabilityAliveHistorySvg: {
    // 100 purchases 10 days apart and a grid of a thousandth of a day: 999,701 points
    draw: () => {
      const purchases = Array.from({ length: 100 }, (_, k) => Date.UTC(2020, 0, 1 + 10 * k));
      const history = probabilityAliveHistory({ ...FIT, params: { ...FIT.params, alpha: 30.9 } }, purchases, {
        until: Date.UTC(2020, 0, 1) + 999.5 * 86_400_000,
        timeUnit: 'day',
        step: 0.001,
        maxPoints: N,
      });
      return svg.probabilityAliveHistorySvg(history);
    },
    most: 260_000,
    exact: 'with 100 purchases marked.',
  },
  mixingDensitySvg: {
    // two densities of 500,000 points each
    draw: () => {
      const density = (name: string, family: 'gamma' | 'beta', upper: number) => {
        const points = new Array<{ x: number; density: number }>(N / 2);
        for (let i = 0; i < N / 2; i++) {
          const x = ((i + 0.5) / (N / 2)) * upper;
          points[i] = { x, density: Math.exp(-x / upper) * (1 + 0.5 * Math.sin(i / 1000)) };
        }
        return { name, family, parameters: { a: 1, b: 2 }, mean: upper / 3, variance: 1, points };
      };
      return svg.mixingDensitySvg([density('lambda', 'gamma', 3), density('p', 'beta', 1)]);
    },
    most: 500_000,
    exact: 'Mixing distributions: λ ~ gamma with mean 1; p ~ beta with mean 0.333.',
  },
  cohortHeatmapSvg: {
    // a million cells: 1,000 cohorts by 1,000 periods, drawn as 500 by 500 blocks
    draw: () => svg.cohortHeatmapSvg(cohorts(1_000, 1_000) as never),
    most: 80_000_000,
    exact: '1000 cohorts over 1000 periods',
  },
  segmentSizesSvg: {
    draw: () => {
      const counts: Record<string, number> = {};
      for (let i = 0; i < N; i++) counts[`s${i}`] = 1 + (i % 10);
      return svg.segmentSizesSvg(counts);
    },
    most: 400_000,
    exact: `${N} segments, ${5.5 * N} customers`,
  },
  periodTransactionsSvg: {
    // a million bins, drawn as 60 blocks of neighbouring bins
    draw: () => {
      const bins = new Array(N);
      for (let i = 0; i < N; i++) bins[i] = { frequency: i, orMore: i === N - 1, actual: 2, expected: 1 };
      return svg.periodTransactionsSvg({
        model: 'bgNbd',
        customers: 2 * N,
        bins,
        tail: 'exact',
        chiSquare: { statistic: 3, degreesOfFreedom: 2, pValue: 0.22, parameters: 4, groups: [] },
      });
    },
    most: 40_000,
    exact: `${N} bins of repeat purchases, ${2 * N} customers in the data and ${N} expected`,
  },
  holdoutByGroupSvg: {
    draw: () => {
      const groups = new Array(N);
      for (let i = 0; i < N; i++)
        groups[i] = { frequency: i, orMore: i === N - 1, customers: 1, actual: i % 4, predicted: 1.5 };
      return svg.holdoutByGroupSvg({
        groups,
        meanAbsoluteError: 1,
        rootMeanSquaredError: 1,
        actualTotal: 1.5 * N,
        predictedTotal: 1.5 * N,
      });
    },
    most: 250_000,
    exact: `Mean holdout purchases by calibration frequency, ${N} groups`,
  },
  // the matrices draw a fit on a grid, not data: their grid is at most 201 by 201 cells (below)
  frequencyRecencyMatrixSvg: {
    draw: () => svg.frequencyRecencyMatrixSvg(FIT, { T: 39, maxFrequency: 200, recencySteps: 200 }),
    most: 8_000_000,
    exact: 'for frequency 0 to 200 (rows)',
  },
  probabilityAliveMatrixSvg: {
    draw: () => svg.probabilityAliveMatrixSvg(FIT, { T: 39, maxFrequency: 200, recencySteps: 200 }),
    most: 8_000_000,
    exact: 'for frequency 0 to 200 (rows)',
  },
};

describe('every chart of patronage/svg takes a million points', () => {
  it('covers every chart function of the entry', () => {
    const charts = Object.keys(svg).filter((name) => name.endsWith('Svg'));
    expect(charts.sort()).toEqual(Object.keys(CHARTS).sort());
  });

  for (const [name, chart] of Object.entries(CHARTS)) {
    it(`${name}: well-formed, at most ${chart.most} bytes, the exact figures described`, () => {
      const drawn = chart.draw();
      expectWellFormed(drawn);
      expect(drawn.length).toBeLessThanOrEqual(chart.most);
      expect(drawn).toContain(chart.exact);
      expect(drawn).not.toMatch(/NaN|Infinity/);
    }, 60_000);
  }

  it('the matrices refuse a grid beyond 201 by 201 cells rather than draw a million', () => {
    expect(
      codeOf(() => svg.probabilityAliveMatrixSvg(FIT, { T: 39, maxFrequency: 999, recencySteps: 999 })),
    ).toBe('OUT_OF_RANGE');
  });
});
