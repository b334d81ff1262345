import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { optionKeys } from '../internal/validate';
import { CHART_OPTION_KEYS, type ChartOptions, resolveChart, textOption } from './core';
import { type CurveSeries, readSeries, renderCurves } from './curves';

/**
 * Options of {@link retentionCurvesSvg}.
 *
 * @category Charts
 */
export interface RetentionCurvesOptions extends ChartOptions {
  /** Label of the horizontal axis; default `'periods since acquisition'`. */
  readonly xLabel?: string | undefined;
  /** Label of the vertical axis; default `'retained'`. */
  readonly yLabel?: string | undefined;
  /** Values are shares drawn as percentages (default true); false draws plain numbers. */
  readonly percent?: boolean | undefined;
}

const OPTION_KEYS = /* @__PURE__ */ optionKeys<RetentionCurvesOptions>()(
  ['xLabel', 'yLabel', 'percent'],
  [CHART_OPTION_KEYS],
);

const FN = 'retentionCurvesSvg';

/**
 * Retention curves, one line per series (up to eight, in colours most colour-blind readers tell apart),
 * each with an optional confidence band where its points carry `lower` and `upper`.
 *
 * A curve of more than 10,000 points is drawn from at most 7 of its points per pixel column (the first,
 * last, lowest and highest, and the band's ends and gaps: M4 aggregation), so the SVG stays small and
 * looks the same; the axes and the description use every point (docs/charts.md, "Long series and large
 * tables").
 *
 * @param series - the curves: `{ name, points: [{ x, y, lower?, upper? }] }`, points in increasing x
 * @param options - axis labels, `percent`, and the {@link ChartOptions}
 * @returns an SVG document as a string; deterministic
 * @throws PatronageError `EMPTY_INPUT` for no series, `OUT_OF_RANGE` for more than eight,
 *   `INVALID_ARGUMENT` for malformed series (a hole in an array included) or points out of order,
 *   `NOT_FINITE`.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { retentionCurvesSvg } from 'patronage/svg';
 *
 * const svg = retentionCurvesSvg([
 *   { name: 'web', points: [{ x: 0, y: 1 }, { x: 1, y: 0.42 }, { x: 2, y: 0.35 }] },
 *   { name: 'store', points: [{ x: 0, y: 1 }, { x: 1, y: 0.55, lower: 0.5, upper: 0.6 }, { x: 2, y: 0.5, lower: 0.44, upper: 0.56 }] },
 * ]);
 * svg.includes('<title id="patronage-chart-title">Retention</title>'); // => true
 * ```
 *
 * @category Charts
 */
export function retentionCurvesSvg(series: readonly CurveSeries[], options?: RetentionCurvesOptions): string {
  const chart = resolveChart(FN, options, OPTION_KEYS, { width: 720, height: 360, title: 'Retention' });
  const percentY = chart.record['percent'] ?? true;
  if (typeof percentY !== 'boolean') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: options.percent must be true or false, got ${describeValue(percentY)}`,
      { argument: 'options.percent', value: percentY },
    );
  }
  const curves = readSeries(FN, series);
  return renderCurves(chart, curves, {
    step: false,
    percentY,
    xLabel: textOption(FN, chart.record, 'xLabel', 'periods since acquisition'),
    yLabel: textOption(FN, chart.record, 'yLabel', 'retained'),
    summary: `${curves.length} retention curve${curves.length === 1 ? '' : 's'}: ${curves.map((curve) => curve.name).join(', ')}.`,
  });
}
