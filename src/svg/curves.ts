// The line-chart renderer behind retentionCurvesSvg, survivalCurveSvg and trackingSvg: series of points,
// drawn as lines or steps, with optional confidence bands and a vertical marker.

import { PatronageError } from '../errors/PatronageError';
import { requireFinite, requireList, requireObject } from '../internal/validate';
import {
  coordinate,
  escapeXml,
  type Frame,
  frameOf,
  label,
  legend,
  linear,
  percent,
  type ResolvedChart,
  SERIES_COLOURS,
  svgDocument,
  ticks,
  xAxis,
  yAxis,
} from './core';
import { requireText } from './read';

/**
 * One point of a curve: `y` at `x`, with an optional confidence band from `lower` to `upper`.
 *
 * @category Charts
 */
export interface CurvePoint {
  /** Position on the horizontal axis (a period, a duration). */
  readonly x: number;
  /** The value. */
  readonly y: number;
  /** Lower end of the band at this point, or null/absent for none. */
  readonly lower?: number | null | undefined;
  /** Upper end of the band at this point, or null/absent for none. */
  readonly upper?: number | null | undefined;
}

/**
 * A named curve.
 *
 * @category Charts
 */
export interface CurveSeries {
  /** Shown in the legend. */
  readonly name: string;
  /** Points in increasing `x`. */
  readonly points: readonly CurvePoint[];
}

/** How to draw a set of curves. */
export interface CurveStyle {
  readonly step: boolean;
  readonly percentY: boolean;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly marker?: { readonly x: number; readonly label: string } | undefined;
  readonly summary: string;
  /** Marks drawn over the curves (before the legend), given the scales: the purchases of a P(alive) path. */
  readonly overlay?:
    | ((x: (value: number) => number, y: (value: number) => number, frame: Frame) => string)
    | undefined;
}

/** One point of a curve as read: both band ends or neither. */
export interface ReadPoint {
  readonly x: number;
  readonly y: number;
  readonly lower: number | null;
  readonly upper: number | null;
}

/** A curve as read. */
export interface ReadSeries {
  readonly name: string;
  readonly points: readonly ReadPoint[];
}

/** Reads one point: each field once. */
function readPoint(fn: string, name: string, raw: unknown): ReadPoint {
  const point = requireObject(fn, name, raw);
  const x = point['x'];
  const y = point['y'];
  const lower = point['lower'];
  const upper = point['upper'];
  return {
    x: requireFinite(fn, `${name}.x`, x),
    y: requireFinite(fn, `${name}.y`, y),
    lower: lower === undefined || lower === null ? null : requireFinite(fn, `${name}.lower`, lower),
    upper: upper === undefined || upper === null ? null : requireFinite(fn, `${name}.upper`, upper),
  };
}

/** Throws INVALID_ARGUMENT unless the points are in increasing x. */
export function requireIncreasingX(fn: string, name: string, points: readonly ReadPoint[]): void {
  for (let i = 1; i < points.length; i++) {
    if ((points[i] as ReadPoint).x < (points[i - 1] as ReadPoint).x) {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${fn}: ${name} must be in increasing x; point ${i} comes before point ${i - 1}`,
        { argument: `${name}[${i}].x`, value: (points[i] as ReadPoint).x },
      );
    }
  }
}

/** Validates series given by a user, reading each value once. */
export function readSeries(fn: string, value: unknown): ReadSeries[] {
  const list = requireList(fn, 'series', value);
  if (list.length === 0 || list.length > SERIES_COLOURS.length) {
    throw new PatronageError(
      list.length === 0 ? 'EMPTY_INPUT' : 'OUT_OF_RANGE',
      `${fn}: series must hold 1 to ${SERIES_COLOURS.length} curves, got ${list.length}`,
      { argument: 'series', value: list.length },
    );
  }
  const series: ReadSeries[] = [];
  for (let s = 0; s < list.length; s++) {
    const record = requireObject(fn, `series[${s}]`, list[s]);
    const name = requireText(fn, `series[${s}].name`, record['name']);
    const rawPoints = requireList(fn, `series[${s}].points`, record['points']);
    const points = new Array<ReadPoint>(rawPoints.length);
    for (let i = 0; i < rawPoints.length; i++) {
      points[i] = readPoint(fn, `series[${s}].points[${i}]`, rawPoints[i]);
    }
    requireIncreasingX(fn, `series[${s}].points`, points);
    series.push({ name, points });
  }
  return series;
}

/**
 * Curves with more points than this are drawn from a subset of their points (see {@link drawnPoints});
 * shorter ones are drawn point by point. Axes, descriptions and tooltips always use every point.
 */
export const DOWNSAMPLE_ABOVE = 10_000;

/**
 * The points of a curve that are drawn, at most 7 per pixel column of the plotting area (`left` to
 * `right`, `scaleX` mapping x to pixels): in each column, the first and last point, the lowest and highest
 * `y`, the lowest `lower` and highest `upper` among the points with a band, and the first point without a
 * band (so that a gap in the band survives). This is M4 aggregation (Jugel et al. 2014, "M4: a
 * visualization-oriented time series data aggregation") extended to the band: a line through the kept
 * points covers, in every pixel column, the same pixels as a line through all of them, and the first and
 * last points of the curve are always kept. Deterministic; the kept points keep their order.
 */
export function drawnPoints(
  points: readonly ReadPoint[],
  scaleX: (value: number) => number,
  left: number,
  right: number,
): readonly ReadPoint[] {
  if (points.length <= DOWNSAMPLE_ABOVE) return points;
  const lastColumn = Math.max(0, Math.floor(right - left));
  const columnOf = (point: ReadPoint): number =>
    Math.min(lastColumn, Math.max(0, Math.floor(scaleX(point.x) - left)));
  const kept: ReadPoint[] = [];
  let start = 0;
  while (start < points.length) {
    const column = columnOf(points[start] as ReadPoint);
    let end = start;
    while (end + 1 < points.length && columnOf(points[end + 1] as ReadPoint) === column) end++;
    let lowest = start;
    let highest = start;
    let lowestLower = -1;
    let highestUpper = -1;
    let firstGap = -1;
    for (let i = start; i <= end; i++) {
      const point = points[i] as ReadPoint;
      if (point.y < (points[lowest] as ReadPoint).y) lowest = i;
      if (point.y > (points[highest] as ReadPoint).y) highest = i;
      if (point.lower === null || point.upper === null) {
        if (firstGap < 0) firstGap = i;
      } else {
        if (lowestLower < 0 || point.lower < ((points[lowestLower] as ReadPoint).lower as number))
          lowestLower = i;
        if (highestUpper < 0 || point.upper > ((points[highestUpper] as ReadPoint).upper as number))
          highestUpper = i;
      }
    }
    const chosen = [start, end, lowest, highest, lowestLower, highestUpper, firstGap]
      .filter((index) => index >= 0)
      .sort((a, b) => a - b);
    for (let k = 0; k < chosen.length; k++) {
      if (k === 0 || chosen[k] !== chosen[k - 1]) kept.push(points[chosen[k] as number] as ReadPoint);
    }
    start = end + 1;
  }
  return kept;
}

/** Draws the curves. */
export function renderCurves(chart: ResolvedChart, series: readonly ReadSeries[], style: CurveStyle): string {
  // the ranges of every point, in loops (a spread of a long curve overflows the call stack)
  let minX = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const curve of series) {
    const points = curve.points;
    for (let i = 0; i < points.length; i++) {
      const point = points[i] as ReadPoint;
      if (point.x < minX) minX = point.x;
      if (point.x > maxX) maxX = point.x;
      const low = Math.min(point.y, point.lower ?? point.y, point.upper ?? point.y);
      const high = Math.max(point.y, point.lower ?? point.y, point.upper ?? point.y);
      if (low < minY) minY = low;
      if (high > maxY) maxY = high;
    }
  }
  if (style.marker !== undefined) {
    minX = Math.min(minX, style.marker.x);
    maxX = Math.max(maxX, style.marker.x);
  }
  const xLow = Math.min(0, minX);
  const xHigh = Math.max(xLow + 1, maxX);
  const yLow = Math.min(0, minY);
  const yHigh = Math.max(style.percentY ? 1 : yLow + 1, maxY);
  const frame = frameOf(chart, series.length > 1 ? { right: 160 } : undefined);
  const x = linear(xLow, xHigh, frame.left, frame.right);
  const y = linear(yLow, yHigh, frame.bottom, frame.top);
  const body: string[] = [
    yAxis(frame, ticks(yLow, yHigh), y, style.percentY ? (value) => percent(value, 0) : label, style.yLabel),
    xAxis(frame, ticks(xLow, xHigh, 8), x, label, style.xLabel),
  ];
  series.forEach((curve, s) => {
    const colour = SERIES_COLOURS[s] as string;
    const path = (values: readonly { x: number; y: number }[]): string => {
      const parts = new Array<string>(values.length);
      for (let i = 0; i < values.length; i++) {
        const point = values[i] as { x: number; y: number };
        const command = i === 0 ? 'M' : 'L';
        const previous = values[i - 1];
        const riser =
          style.step && previous !== undefined
            ? `L${coordinate(x(point.x))},${coordinate(y(previous.y))}`
            : '';
        parts[i] = `${riser}${command}${coordinate(x(point.x))},${coordinate(y(point.y))}`;
      }
      return parts.join('');
    };
    const drawn = drawnPoints(curve.points, x, frame.left, frame.right);
    // bands: each run of points that has both ends, as a closed area
    let run: ReadPoint[] = [];
    const bands: string[] = [];
    const closeRun = (): void => {
      if (run.length > 0) {
        const upper = run.map((point) => ({ x: point.x, y: point.upper as number }));
        const lower = run.map((point) => ({ x: point.x, y: point.lower as number }));
        const back = path(lower.reverse()).replace(/^M/, 'L');
        bands.push(`<path d="${path(upper)}${back}Z" fill="${colour}" fill-opacity="0.15" stroke="none"/>`);
      }
      run = [];
    };
    for (let i = 0; i < drawn.length; i++) {
      const point = drawn[i] as ReadPoint;
      if (point.lower === null || point.upper === null) closeRun();
      else run.push(point);
    }
    closeRun();
    body.push(
      `<g class="series"><title>${escapeXml(curve.name)}</title>${bands.join('')}<path d="${path(drawn)}" fill="none" stroke="${colour}" stroke-width="2"/></g>`,
    );
  });
  if (style.marker !== undefined) {
    const at = coordinate(x(style.marker.x));
    body.push(
      `<g class="marker" font-size="11" fill="#444"><line x1="${at}" x2="${at}" y1="${frame.top}" y2="${coordinate(frame.bottom)}" stroke="#666" stroke-dasharray="4 3"/><text x="${at}" y="${frame.top - 4}" text-anchor="middle">${escapeXml(style.marker.label)}</text></g>`,
    );
  }
  if (style.overlay !== undefined) body.push(style.overlay(x, y, frame));
  body.push(
    legend(
      chart,
      series.map((curve, s) => ({ name: curve.name, colour: SERIES_COLOURS[s] as string })),
    ),
  );
  return svgDocument(chart, style.summary, body.join(''));
}
