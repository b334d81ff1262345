import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { requireFinite, requireList, requireObject } from '../internal/validate';
import type { KaplanMeierResult } from '../survival/kaplanMeier';
import { type ChartOptions, percent, resolveChart, textOption } from './core';
import { type CurvePoint, type CurveSeries, renderCurves } from './curves';

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

const FN = 'survivalCurveSvg';

function stepsOf(result: unknown, name: string): CurvePoint[] {
  const record = requireObject(FN, name, result);
  const times = requireList(FN, `${name}.times`, record['times']);
  const survival = requireList(FN, `${name}.survival`, record['survival']);
  const lower = requireList(FN, `${name}.lower`, record['lower']);
  const upper = requireList(FN, `${name}.upper`, record['upper']);
  if (survival.length !== times.length || lower.length !== times.length || upper.length !== times.length) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: ${name}.times, survival, lower and upper must have the same length`,
      { argument: name, value: [times.length, survival.length, lower.length, upper.length] },
    );
  }
  const points: CurvePoint[] = [{ x: 0, y: 1, lower: 1, upper: 1 }];
  for (let i = 0; i < times.length; i++) {
    const end = (list: readonly unknown[], which: string): number | null =>
      list[i] === null ? null : requireFinite(FN, `${name}.${which}[${i}]`, list[i]);
    points.push({
      x: requireFinite(FN, `${name}.times[${i}]`, times[i]),
      y: requireFinite(FN, `${name}.survival[${i}]`, survival[i]),
      lower: end(lower, 'lower'),
      upper: end(upper, 'upper'),
    });
  }
  return points;
}

/**
 * Kaplan–Meier survival drawn as a step function from S(0) = 1, with its confidence band (the estimate's
 * `lower` and `upper`; none where they are null). Pass one result, or up to eight named ones to compare
 * groups.
 *
 * @param results - a {@link KaplanMeierResult}, or `[{ name, result }]`
 * @param options - `xLabel` and the {@link ChartOptions}
 * @returns an SVG document as a string; deterministic
 * @throws PatronageError `EMPTY_INPUT`, `OUT_OF_RANGE` for more than eight results, `INVALID_ARGUMENT`
 *   for a malformed result, `NOT_FINITE`.
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
  const chart = resolveChart(FN, options, { width: 720, height: 360, title: 'Survival' });
  const named: { name: string; result: unknown }[] = Array.isArray(results)
    ? results.map((raw: unknown, i) => {
        const record = requireObject(FN, `results[${i}]`, raw);
        if (typeof record['name'] !== 'string') {
          throw new PatronageError(
            'INVALID_ARGUMENT',
            `${FN}: results[${i}].name must be a string, got ${describeValue(record['name'])}`,
            { argument: `results[${i}].name`, value: record['name'] },
          );
        }
        return { name: record['name'], result: record['result'] };
      })
    : [{ name: 'survival', result: results }];
  if (named.length === 0 || named.length > 8) {
    throw new PatronageError(
      named.length === 0 ? 'EMPTY_INPUT' : 'OUT_OF_RANGE',
      `${FN}: results must hold 1 to 8 estimates, got ${named.length}`,
      { argument: 'results', value: named.length },
    );
  }
  const series: CurveSeries[] = named.map((entry, i) => ({
    name: entry.name,
    points: stepsOf(entry.result, Array.isArray(results) ? `results[${i}].result` : 'results'),
  }));
  const xLabel = textOption(FN, chart.record, 'xLabel', 'time');
  const medians = named.map((entry) => {
    const median = (entry.result as { median?: unknown }).median;
    return `${entry.name}: median ${typeof median === 'number' ? median : 'not reached'}`;
  });
  const last = series.map((curve) => percent((curve.points.at(-1) as CurvePoint).y));
  return renderCurves(chart, series, {
    step: true,
    percentY: true,
    xLabel,
    yLabel: 'surviving',
    summary: `Kaplan–Meier survival with confidence bands. ${medians.join('; ')}; surviving at the last time: ${last.join(', ')}.`,
  });
}
