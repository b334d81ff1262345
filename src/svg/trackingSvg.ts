import type { CumulativeTrackingResult } from '../clv/cumulativeTracking';
import { requireFinite, requireList, requireObject } from '../internal/validate';
import { type ChartOptions, label, resolveChart, textOption } from './core';
import { type CurveSeries, renderCurves } from './curves';

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
}

const FN = 'trackingSvg';

/**
 * Calibration versus holdout tracking: the model's expected cumulative repeat purchases against the
 * observed ones over time, with the end of the calibration period marked. The standard check of a
 * fitted BG/NBD or Pareto/NBD model (Fader, Hardie & Lee 2005, figure 2).
 *
 * @param result - the result of {@link patronage!cumulativeTracking} (with `actual` to draw the observed curve)
 * @param options - `calibrationEnd`, `xLabel`, and the {@link ChartOptions}
 * @returns an SVG document as a string; deterministic
 * @throws PatronageError `INVALID_ARGUMENT` for a malformed result, `NOT_FINITE`.
 *
 * @example
 * ```ts
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
 * ```
 *
 * @category Charts
 */
export function trackingSvg(result: CumulativeTrackingResult, options?: TrackingOptions): string {
  const chart = resolveChart(FN, options, {
    width: 720,
    height: 360,
    title: 'Cumulative repeat purchases: model and data',
  });
  const record = requireObject(FN, 'result', result);
  const points = requireList(FN, 'result.points', record['points']).map((raw, i) => {
    const point = requireObject(FN, `result.points[${i}]`, raw);
    return {
      time: requireFinite(FN, `result.points[${i}].time`, point['time']),
      expected: requireFinite(FN, `result.points[${i}].expected`, point['expected']),
      actual:
        point['actual'] === null || point['actual'] === undefined
          ? null
          : requireFinite(FN, `result.points[${i}].actual`, point['actual']),
    };
  });
  const series: CurveSeries[] = [
    { name: 'model', points: points.map((point) => ({ x: point.time, y: point.expected })) },
  ];
  const observed = points.filter((point) => point.actual !== null);
  if (observed.length > 0) {
    series.push({
      name: 'actual',
      points: observed.map((point) => ({ x: point.time, y: point.actual as number })),
    });
  }
  const end = chart.record['calibrationEnd'];
  const last = points.at(-1);
  return renderCurves(chart, series, {
    step: false,
    percentY: false,
    xLabel: textOption(FN, chart.record, 'xLabel', 'time'),
    yLabel: 'cumulative repeat purchases',
    marker:
      end === undefined
        ? undefined
        : { x: requireFinite(FN, 'options.calibrationEnd', end), label: 'calibration | holdout' },
    summary:
      last === undefined
        ? 'No tracking points.'
        : `Expected ${label(last.expected, 1)} cumulative repeat purchases by ${label(last.time)}${
            last.actual === null ? '' : `, observed ${label(last.actual, 1)}`
          }.`,
  });
}
