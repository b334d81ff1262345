// The line-chart renderer behind retentionCurvesSvg, survivalCurveSvg and trackingSvg: series of points,
// drawn as lines or steps, with optional confidence bands and a vertical marker.

import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { requireFinite, requireList, requireObject } from '../internal/validate';
import {
  coordinate,
  escapeXml,
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
}

/** Validates series given by a user. */
export function readSeries(fn: string, value: unknown): CurveSeries[] {
  const list = requireList(fn, 'series', value);
  if (list.length === 0 || list.length > SERIES_COLOURS.length) {
    throw new PatronageError(
      list.length === 0 ? 'EMPTY_INPUT' : 'OUT_OF_RANGE',
      `${fn}: series must hold 1 to ${SERIES_COLOURS.length} curves, got ${list.length}`,
      { argument: 'series', value: list.length },
    );
  }
  return list.map((raw, s) => {
    const record = requireObject(fn, `series[${s}]`, raw);
    if (typeof record['name'] !== 'string') {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${fn}: series[${s}].name must be a string, got ${describeValue(record['name'])}`,
        { argument: `series[${s}].name`, value: record['name'] },
      );
    }
    const points = requireList(fn, `series[${s}].points`, record['points']).map((rawPoint, i) => {
      const name = `series[${s}].points[${i}]`;
      const point = requireObject(fn, name, rawPoint);
      const band = (end: 'lower' | 'upper'): number | null =>
        point[end] === undefined || point[end] === null
          ? null
          : requireFinite(fn, `${name}.${end}`, point[end]);
      return {
        x: requireFinite(fn, `${name}.x`, point['x']),
        y: requireFinite(fn, `${name}.y`, point['y']),
        lower: band('lower'),
        upper: band('upper'),
      };
    });
    for (let i = 1; i < points.length; i++) {
      if ((points[i] as CurvePoint).x < (points[i - 1] as CurvePoint).x) {
        throw new PatronageError(
          'INVALID_ARGUMENT',
          `${fn}: series[${s}].points must be in increasing x; point ${i} comes before point ${i - 1}`,
          { argument: `series[${s}].points[${i}].x`, value: (points[i] as CurvePoint).x },
        );
      }
    }
    return { name: record['name'], points };
  });
}

/** Draws the curves. */
export function renderCurves(
  chart: ResolvedChart,
  series: readonly CurveSeries[],
  style: CurveStyle,
): string {
  const all = series.flatMap((curve) => curve.points);
  const xs = all.map((point) => point.x);
  const ys = all.flatMap((point) => [point.y, point.lower ?? point.y, point.upper ?? point.y]);
  if (style.marker !== undefined) xs.push(style.marker.x);
  const xLow = Math.min(0, ...xs);
  const xHigh = Math.max(xLow + 1, ...xs);
  const yLow = Math.min(0, ...ys);
  const yHigh = Math.max(style.percentY ? 1 : yLow + 1, ...ys);
  const frame = frameOf(chart, series.length > 1 ? { right: 160 } : undefined);
  const x = linear(xLow, xHigh, frame.left, frame.right);
  const y = linear(yLow, yHigh, frame.bottom, frame.top);
  const body: string[] = [
    yAxis(frame, ticks(yLow, yHigh), y, style.percentY ? (value) => percent(value, 0) : label, style.yLabel),
    xAxis(frame, ticks(xLow, xHigh, 8), x, label, style.xLabel),
  ];
  series.forEach((curve, s) => {
    const colour = SERIES_COLOURS[s] as string;
    const path = (values: readonly { x: number; y: number }[]): string =>
      values
        .map((point, i) => {
          const command = i === 0 ? 'M' : 'L';
          const previous = values[i - 1];
          const riser =
            style.step && previous !== undefined
              ? `L${coordinate(x(point.x))},${coordinate(y(previous.y))}`
              : '';
          return `${riser}${command}${coordinate(x(point.x))},${coordinate(y(point.y))}`;
        })
        .join('');
    // bands: each run of points that has both ends, as a closed area
    let run: CurvePoint[] = [];
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
    for (const point of curve.points) {
      if (point.lower === null || point.upper === null) closeRun();
      else run.push(point);
    }
    closeRun();
    body.push(
      `<g class="series"><title>${escapeXml(curve.name)}</title>${bands.join('')}<path d="${path(curve.points)}" fill="none" stroke="${colour}" stroke-width="2"/></g>`,
    );
  });
  if (style.marker !== undefined) {
    const at = coordinate(x(style.marker.x));
    body.push(
      `<g class="marker" font-size="11" fill="#444"><line x1="${at}" x2="${at}" y1="${frame.top}" y2="${coordinate(frame.bottom)}" stroke="#666" stroke-dasharray="4 3"/><text x="${at}" y="${frame.top - 4}" text-anchor="middle">${escapeXml(style.marker.label)}</text></g>`,
    );
  }
  body.push(
    legend(
      chart,
      series.map((curve, s) => ({ name: curve.name, colour: SERIES_COLOURS[s] as string })),
    ),
  );
  return svgDocument(chart, style.summary, body.join(''));
}
