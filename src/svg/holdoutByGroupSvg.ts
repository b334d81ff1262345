import type { HoldoutByRecency } from '../clv/holdoutByRecency';
import type { HoldoutComparison } from '../clv/holdoutComparison';
import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { optionKeys, requireAtLeast, requireFinite, requireList, requireObject } from '../internal/validate';
import { CHART_OPTION_KEYS, type ChartOptions, label, resolveChart, textOption } from './core';
import { type ReadPoint, renderCurves, requireIncreasingX } from './curves';

/**
 * Options of {@link holdoutByGroupSvg}.
 *
 * @category Charts
 */
export interface HoldoutByGroupOptions extends ChartOptions {
  /**
   * Label of the horizontal axis; default `'repeat purchases in calibration'` (with the last group's "or
   * more") for a {@link patronage!holdoutComparison}, `'recency in calibration (time of the last purchase)'`
   * for a {@link patronage!holdoutByRecency}.
   */
  readonly xLabel?: string | undefined;
}

const OPTION_KEYS = /* @__PURE__ */ optionKeys<HoldoutByGroupOptions>()(['xLabel'], [CHART_OPTION_KEYS]);

const FN = 'holdoutByGroupSvg';

/**
 * Holdout purchases by calibration group, actual against predicted: the mean purchases in the holdout of
 * each group's customers beside the calibration fit's mean conditional expectation, by calibration frequency
 * (a `holdoutComparison`; Fader, Hardie & Lee 2005, figure 4; BTYD
 * `PlotFreqVsConditionalExpectedFrequency`) or by calibration recency (a `holdoutByRecency`;
 * BTYD `PlotRecVsConditionalExpectedFrequency`). A recency bin is drawn at its middle, an exact recency at
 * itself.
 *
 * More than 10,000 groups are drawn from at most 7 of their points per pixel column (M4 aggregation, as
 * every line chart of patronage/svg), so the SVG stays small; the description uses every group.
 *
 * @param comparison - the result of {@link patronage!holdoutComparison} or {@link patronage!holdoutByRecency}
 * @param options - `xLabel`, and the {@link ChartOptions}
 * @returns an SVG document as a string; deterministic
 * @throws PatronageError `INVALID_ARGUMENT` for a malformed comparison (a hole in an array, groups out of
 *   order), `EMPTY_INPUT` for no groups, `NOT_FINITE`.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { holdoutByRecency } from 'patronage';
 * import { holdoutByGroupSvg } from 'patronage/svg';
 *
 * const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * const check = holdoutByRecency(fit, [
 *   { frequency: 0, recency: 0, T: 38, frequencyHoldout: 0, durationHoldout: 39 },
 *   { frequency: 2, recency: 30, T: 38, frequencyHoldout: 2, durationHoldout: 39 },
 * ]);
 * holdoutByGroupSvg(check).includes('recency in calibration'); // => true
 * ```
 *
 * @category Charts
 */
export function holdoutByGroupSvg(
  comparison: HoldoutComparison | HoldoutByRecency,
  options?: HoldoutByGroupOptions,
): string {
  const chart = resolveChart(FN, options, OPTION_KEYS, {
    width: 720,
    height: 360,
    title: 'Mean holdout purchases: actual and predicted',
  });
  const record = requireObject(FN, 'comparison', comparison);
  const by = record['by'] ?? 'frequency';
  if (by !== 'frequency' && by !== 'recency') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: comparison.by must be 'recency' or absent, got ${describeValue(by)}`,
      { argument: 'comparison.by', value: by },
    );
  }
  const raw = requireList(FN, 'comparison.groups', record['groups']);
  if (raw.length === 0) {
    throw new PatronageError('EMPTY_INPUT', `${FN}: comparison.groups is empty; there is nothing to draw`, {
      argument: 'comparison.groups',
      value: raw,
    });
  }
  const actual: ReadPoint[] = new Array(raw.length);
  const predicted: ReadPoint[] = new Array(raw.length);
  let orMore: number | null = null;
  for (let i = 0; i < raw.length; i++) {
    const name = `comparison.groups[${i}]`;
    const group = requireObject(FN, name, raw[i]);
    let x: number;
    if (by === 'recency') {
      const from = requireAtLeast(FN, `${name}.from`, group['from'], 0);
      const to = requireAtLeast(FN, `${name}.to`, group['to'], from);
      x = from / 2 + to / 2;
    } else {
      x = requireAtLeast(FN, `${name}.frequency`, group['frequency'], 0);
      if (group['orMore'] === true) orMore = x;
    }
    actual[i] = { x, y: requireFinite(FN, `${name}.actual`, group['actual']), lower: null, upper: null };
    predicted[i] = {
      x,
      y: requireFinite(FN, `${name}.predicted`, group['predicted']),
      lower: null,
      upper: null,
    };
  }
  requireIncreasingX(FN, 'comparison.groups', actual);
  const fallback =
    by === 'recency'
      ? 'recency in calibration (time of the last purchase)'
      : `repeat purchases in calibration${orMore === null ? '' : ` (${label(orMore)} = ${label(orMore)} or more)`}`;
  const actualTotal = record['actualTotal'];
  const predictedTotal = record['predictedTotal'];
  const totals =
    typeof actualTotal === 'number' && typeof predictedTotal === 'number'
      ? ` In all ${label(actualTotal, 1)} purchases actual, ${label(predictedTotal, 1)} predicted.`
      : '';
  return renderCurves(
    chart,
    [
      { name: 'actual', points: actual },
      { name: 'predicted', points: predicted },
    ],
    {
      step: false,
      percentY: false,
      xLabel: textOption(FN, chart.record, 'xLabel', fallback),
      yLabel: 'mean purchases in the holdout',
      summary: `Mean holdout purchases by calibration ${by}, ${raw.length} group${raw.length === 1 ? '' : 's'}, actual against predicted.${totals}`,
    },
  );
}
