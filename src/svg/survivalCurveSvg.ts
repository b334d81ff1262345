import { PatronageError } from '../errors/PatronageError';
import { optionKeys, requireFinite, requireList, requireObject } from '../internal/validate';
import type { KaplanMeierResult } from '../survival/kaplanMeier';
import { CHART_OPTION_KEYS, type ChartOptions, percent, resolveChart, textOption } from './core';
import { type ReadPoint, type ReadSeries, renderCurves } from './curves';
import { requireText } from './read';

/**
 * A named survival estimate, for drawing several on one chart.
 *
 * @category Charts
 */
export interface NamedSurvival {
  /** Shown in the legend. */
  readonly name: string;
  /** The estimate from {@link patronage!kaplanMeier}. */
  readonly result: KaplanMeierResult;
}

/**
 * Options of {@link survivalCurveSvg}.
 *
 * @category Charts
 */
export interface SurvivalCurveOptions extends ChartOptions {
  /** Label of the horizontal axis; default `'time'`. */
  readonly xLabel?: string | undefined;
}

const OPTION_KEYS = /* @__PURE__ */ optionKeys<SurvivalCurveOptions>()(['xLabel'], [CHART_OPTION_KEYS]);

const FN = 'survivalCurveSvg';

/** One estimate as read: the steps from S(0) = 1 and the median, each field read once. */
function stepsOf(result: unknown, name: string): { points: ReadPoint[]; median: unknown } {
  const record = requireObject(FN, name, result);
  const rawTimes = record['times'];
  const rawSurvival = record['survival'];
  const rawLower = record['lower'];
  const rawUpper = record['upper'];
  const median = record['median'];
  const times = requireList(FN, `${name}.times`, rawTimes);
  const survival = requireList(FN, `${name}.survival`, rawSurvival);
  const lower = requireList(FN, `${name}.lower`, rawLower);
  const upper = requireList(FN, `${name}.upper`, rawUpper);
  if (survival.length !== times.length || lower.length !== times.length || upper.length !== times.length) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: ${name}.times, survival, lower and upper must have the same length`,
      { argument: name, value: [times.length, survival.length, lower.length, upper.length] },
    );
  }
  const points: ReadPoint[] = new Array<ReadPoint>(times.length + 1);
  points[0] = { x: 0, y: 1, lower: 1, upper: 1 };
  for (let i = 0; i < times.length; i++) {
    const end = (list: readonly unknown[], which: string): number | null =>
      list[i] === null ? null : requireFinite(FN, `${name}.${which}[${i}]`, list[i]);
    points[i + 1] = {
      x: requireFinite(FN, `${name}.times[${i}]`, times[i]),
      y: requireFinite(FN, `${name}.survival[${i}]`, survival[i]),
      lower: end(lower, 'lower'),
      upper: end(upper, 'upper'),
    };
  }
  return { points, median };
}

/**
 * Kaplan–Meier survival drawn as a step function from S(0) = 1, with its confidence band (the estimate's
 * `lower` and `upper`; none where they are null). Pass one result, or up to eight named ones to compare
 * groups.
 *
 * A curve of more than 10,000 points is drawn from at most 7 of its points per pixel column (the first,
 * last, lowest and highest, and the band's ends and gaps: M4 aggregation), so the SVG stays small and
 * looks the same; the axes and the description use every point (docs/charts.md, "Long series and large
 * tables").
 *
 * @param results - a {@link KaplanMeierResult}, or `[{ name, result }]`
 * @param options - `xLabel` and the {@link ChartOptions}
 * @returns an SVG document as a string; deterministic
 * @throws PatronageError `EMPTY_INPUT`, `OUT_OF_RANGE` for more than eight results, `INVALID_ARGUMENT`
 *   for a malformed result (a hole in an array included), `NOT_FINITE`.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { kaplanMeier } from 'patronage';
 * import { survivalCurveSvg } from 'patronage/svg';
 *
 * const result = kaplanMeier({ durations: [2, 3, 3, 5, 8, 9], observed: [true, true, false, true, false, true] });
 * const svg = survivalCurveSvg(result, { title: 'Subscriber survival', xLabel: 'months' });
 * svg.includes('median 5'); // => true
 * ```
 *
 * @category Charts
 */
export function survivalCurveSvg(
  results: KaplanMeierResult | readonly NamedSurvival[],
  options?: SurvivalCurveOptions,
): string {
  const chart = resolveChart(FN, options, OPTION_KEYS, { width: 720, height: 360, title: 'Survival' });
  const many = Array.isArray(results);
  const named: { name: string; result: unknown }[] = [];
  if (many) {
    const list = requireList(FN, 'results', results);
    for (let i = 0; i < list.length; i++) {
      const record = requireObject(FN, `results[${i}]`, list[i]);
      const name = requireText(FN, `results[${i}].name`, record['name']);
      named.push({ name, result: record['result'] });
    }
  } else {
    named.push({ name: 'survival', result: results });
  }
  if (named.length === 0 || named.length > 8) {
    throw new PatronageError(
      named.length === 0 ? 'EMPTY_INPUT' : 'OUT_OF_RANGE',
      `${FN}: results must hold 1 to 8 estimates, got ${named.length}`,
      { argument: 'results', value: named.length },
    );
  }
  const estimates = named.map((entry, i) => ({
    name: entry.name,
    ...stepsOf(entry.result, many ? `results[${i}].result` : 'results'),
  }));
  const series: ReadSeries[] = estimates.map((estimate) => ({
    name: estimate.name,
    points: estimate.points,
  }));
  const xLabel = textOption(FN, chart.record, 'xLabel', 'time');
  const medians = estimates.map(
    (estimate) =>
      `${estimate.name}: median ${typeof estimate.median === 'number' ? estimate.median : 'not reached'}`,
  );
  const last = series.map((curve) => percent((curve.points.at(-1) as ReadPoint).y));
  return renderCurves(chart, series, {
    step: true,
    percentY: true,
    xLabel,
    yLabel: 'surviving',
    summary: `Kaplan–Meier survival with confidence bands. ${medians.join('; ')}; surviving at the last time: ${last.join(', ')}.`,
  });
}
