import type { CumulativeTrackingResult, TrackingPoint } from '../clv/cumulativeTracking';
import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { optionKeys, requireFinite, requireList, requireObject } from '../internal/validate';
import { CHART_OPTION_KEYS, type ChartOptions, label, resolveChart, textOption } from './core';
import { type ReadPoint, type ReadSeries, renderCurves } from './curves';

/**
 * Options of {@link trackingSvg}.
 *
 * @category Charts
 */
export interface TrackingOptions extends ChartOptions {
  /** Where calibration ends and the holdout begins, marked with a dashed line. */
  readonly calibrationEnd?: number | undefined;
  /** Label of the horizontal axis; default `'time'`. */
  readonly xLabel?: string | undefined;
  /**
   * `'cumulative'` (default) draws the cumulative repeat purchases; `'incremental'` the purchases of each
   * period between consecutive points, from the points' `incrementalExpected` and `incrementalActual`
   * (which {@link patronage!cumulativeTracking} sets).
   */
  readonly mode?: 'cumulative' | 'incremental' | undefined;
}

const OPTION_KEYS = /* @__PURE__ */ optionKeys<TrackingOptions>()(
  ['calibrationEnd', 'xLabel', 'mode'],
  [CHART_OPTION_KEYS],
);

const FN = 'trackingSvg';

/**
 * Calibration versus holdout tracking: the model's expected cumulative repeat purchases against the
 * observed ones over time, with the end of the calibration period marked. The standard check of a
 * fitted BG/NBD or Pareto/NBD model (Fader, Hardie & Lee 2005, figure 2); with `mode: 'incremental'`, the
 * repeat purchases of each period instead (their figure 3, weekly), where a drift shows as a gap in the
 * latest periods rather than a slowly widening one.
 *
 * A curve of more than 10,000 points is drawn from at most 7 of its points per pixel column (the first,
 * last, lowest and highest, and the band's ends and gaps: M4 aggregation), so the SVG stays small and
 * looks the same; the axes and the description use every point (docs/charts.md, "Long series and large
 * tables").
 *
 * @param result - the result of {@link patronage!cumulativeTracking} (with `actual` to draw the observed curve)
 * @param options - `calibrationEnd`, `xLabel`, `mode`, and the {@link ChartOptions}
 * @returns an SVG document as a string; deterministic
 * @throws PatronageError `INVALID_ARGUMENT` for a malformed result (a hole in an array included), for a
 *   `mode` other than the two, or in `'incremental'` mode for a point without `incrementalExpected` (or
 *   with an `actual` but no `incrementalActual`), `NOT_FINITE`.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { cumulativeTracking } from 'patronage';
 * import { trackingSvg } from 'patronage/svg';
 *
 * const tracking = {
 *   points: [
 *     { time: 10, expected: 120, actual: 118 },
 *     { time: 20, expected: 260, actual: 255 },
 *     { time: 30, expected: 390, actual: 402 },
 *   ],
 *   meanAbsoluteError: 6, rootMeanSquaredError: 7.6, finalRelativeError: -0.03,
 * };
 * trackingSvg(tracking, { calibrationEnd: 20, xLabel: 'weeks' }).includes('calibration | holdout'); // => true
 *
 * // the purchases of each period, from a cumulativeTracking result
 * const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * const weekly = cumulativeTracking(fit, { births: [0, 0, 1, 3], times: [1, 2, 3, 4], actual: [0, 1, 1, 3] });
 * trackingSvg(weekly, { mode: 'incremental' }).includes('repeat purchases per period'); // => true
 * ```
 *
 * @category Charts
 */
export function trackingSvg(
  result: CumulativeTrackingResult | { readonly points: readonly TrackingPoint[] },
  options?: TrackingOptions,
): string {
  const mode = (options as { readonly mode?: unknown } | undefined)?.mode ?? 'cumulative';
  if (mode !== 'cumulative' && mode !== 'incremental') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: options.mode must be 'cumulative' or 'incremental', got ${describeValue(mode)}`,
      { argument: 'options.mode', value: mode },
    );
  }
  const incremental = mode === 'incremental';
  const chart = resolveChart(FN, options, OPTION_KEYS, {
    width: 720,
    height: 360,
    title: incremental
      ? 'Repeat purchases per period: model and data'
      : 'Cumulative repeat purchases: model and data',
  });
  const record = requireObject(FN, 'result', result);
  const rawPoints = requireList(FN, 'result.points', record['points']);
  const points: { time: number; expected: number; actual: number | null }[] = new Array(rawPoints.length);
  for (let i = 0; i < rawPoints.length; i++) {
    const point = requireObject(FN, `result.points[${i}]`, rawPoints[i]);
    const time = point['time'];
    const cumulativeActual = point['actual'];
    const expected = incremental ? point['incrementalExpected'] : point['expected'];
    const actual =
      incremental && cumulativeActual !== null && cumulativeActual !== undefined
        ? point['incrementalActual']
        : cumulativeActual;
    if (incremental && (expected === undefined || actual === undefined)) {
      const field = expected === undefined ? 'incrementalExpected' : 'incrementalActual';
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${FN}: mode 'incremental' needs result.points[${i}].${field}; pass the result of cumulativeTracking`,
        { argument: `result.points[${i}].${field}`, value: undefined },
      );
    }
    points[i] = {
      time: requireFinite(FN, `result.points[${i}].time`, time),
      expected: requireFinite(FN, `result.points[${i}].expected`, expected),
      actual:
        actual === null || actual === undefined
          ? null
          : requireFinite(FN, `result.points[${i}].actual`, actual),
    };
  }
  const model: ReadPoint[] = new Array(points.length);
  const observed: ReadPoint[] = [];
  for (let i = 0; i < points.length; i++) {
    const point = points[i] as { time: number; expected: number; actual: number | null };
    model[i] = { x: point.time, y: point.expected, lower: null, upper: null };
    if (point.actual !== null) observed.push({ x: point.time, y: point.actual, lower: null, upper: null });
  }
  const series: ReadSeries[] = [{ name: 'model', points: model }];
  if (observed.length > 0) series.push({ name: 'actual', points: observed });
  const end = chart.record['calibrationEnd'];
  const last = points.at(-1);
  return renderCurves(chart, series, {
    step: false,
    percentY: false,
    xLabel: textOption(FN, chart.record, 'xLabel', 'time'),
    yLabel: incremental ? 'repeat purchases per period' : 'cumulative repeat purchases',
    marker:
      end === undefined
        ? undefined
        : { x: requireFinite(FN, 'options.calibrationEnd', end), label: 'calibration | holdout' },
    summary:
      last === undefined
        ? 'No tracking points.'
        : `Expected ${label(last.expected, 1)} ${incremental ? 'repeat purchases in the period to' : 'cumulative repeat purchases by'} ${label(last.time)}${
            last.actual === null ? '' : `, observed ${label(last.actual, 1)}`
          }.`,
  });
}
