import type { PeriodTransactionsResult } from '../clv/periodTransactions';
import { PatronageError } from '../errors/PatronageError';
import {
  optionalBoolean,
  optionKeys,
  requireAtLeast,
  requireCount,
  requireList,
  requireObject,
} from '../internal/validate';
import {
  CHART_OPTION_KEYS,
  type ChartOptions,
  coordinate,
  escapeXml,
  frameOf,
  label,
  legend,
  linear,
  resolveChart,
  SERIES_COLOURS,
  svgDocument,
  textOption,
  ticks,
  yAxis,
} from './core';

/**
 * Options of {@link periodTransactionsSvg}.
 *
 * @category Charts
 */
export interface PeriodTransactionsSvgOptions extends ChartOptions {
  /** Label of the horizontal axis; default `'repeat purchases in calibration'`. */
  readonly xLabel?: string | undefined;
}

const OPTION_KEYS = /* @__PURE__ */ optionKeys<PeriodTransactionsSvgOptions>()(
  ['xLabel'],
  [CHART_OPTION_KEYS],
);

const FN = 'periodTransactionsSvg';

/** Bins beyond this many are drawn in blocks of neighbouring bins, so each bar stays visible. */
export const MAX_BAR_GROUPS = 60;

interface Bin {
  readonly frequency: number;
  readonly orMore: boolean;
  readonly actual: number;
  readonly expected: number;
}

/** A number or null, read once. */
function nullableNumber(value: unknown, read: (value: unknown) => number): number | null {
  return value === null ? null : read(value);
}

/** `p = 0.032`, with small values in exponent notation. */
function pText(value: number): string {
  return value >= 0.001 ? `p = ${label(value, 3)}` : `p = ${value.toExponential(1)}`;
}

/**
 * The period-transactions check as grouped bars (lifetimes' `plot_period_transactions`): for each number of
 * repeat purchases in calibration, the customers of the data beside the customers the model expects, from
 * `periodTransactions`; the chi-square test in the caption.
 *
 * Beyond 60 bins, neighbouring bins are drawn together in blocks (their counts summed, the block labelled
 * with its range), so a million bins give 60 bar pairs; the description gives the totals and, up to 60
 * bins, every count.
 *
 * @param result - the result of {@link patronage!periodTransactions}
 * @param options - `xLabel`, and the {@link ChartOptions}
 * @returns an SVG document as a string; deterministic
 * @throws PatronageError `INVALID_ARGUMENT` for a malformed result (a hole in an array included),
 *   `EMPTY_INPUT` for no bins, the number codes for a count that is not a finite number at least 0.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { periodTransactions } from 'patronage';
 * import { periodTransactionsSvg } from 'patronage/svg';
 *
 * const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * const check = periodTransactions(fit, [
 *   { frequency: 0, recency: 0, T: 38, weight: 300 },
 *   { frequency: 1, recency: 20, T: 38, weight: 80 },
 *   { frequency: 2, recency: 30, T: 38, weight: 40 },
 *   { frequency: 5, recency: 35, T: 38, weight: 30 },
 * ], { maxFrequency: 3 });
 * periodTransactionsSvg(check).includes('χ² = '); // => true
 * ```
 *
 * @category Charts
 */
export function periodTransactionsSvg(
  result: PeriodTransactionsResult,
  options?: PeriodTransactionsSvgOptions,
): string {
  const chart = resolveChart(FN, options, OPTION_KEYS, {
    width: 720,
    height: 380,
    title: 'Customers by number of repeat purchases',
  });
  const xLabel = textOption(FN, chart.record, 'xLabel', 'repeat purchases in calibration');
  const record = requireObject(FN, 'result', result);
  const rawBins = requireList(FN, 'result.bins', record['bins']);
  if (rawBins.length === 0) {
    throw new PatronageError('EMPTY_INPUT', `${FN}: result.bins is empty; there is nothing to draw`, {
      argument: 'result.bins',
      value: rawBins,
    });
  }
  const bins: Bin[] = new Array(rawBins.length);
  for (let i = 0; i < rawBins.length; i++) {
    const name = `result.bins[${i}]`;
    const bin = requireObject(FN, name, rawBins[i]);
    bins[i] = {
      frequency: requireCount(FN, `${name}.frequency`, bin['frequency']),
      orMore: optionalBoolean(FN, `${name}.orMore`, bin['orMore'], false),
      actual: requireAtLeast(FN, `${name}.actual`, bin['actual'], 0),
      expected: requireAtLeast(FN, `${name}.expected`, bin['expected'], 0),
    };
  }
  const test = requireObject(FN, 'result.chiSquare', record['chiSquare']);
  const statistic = requireAtLeast(FN, 'result.chiSquare.statistic', test['statistic'], 0);
  const degreesOfFreedom = nullableNumber(test['degreesOfFreedom'], (value) =>
    requireCount(FN, 'result.chiSquare.degreesOfFreedom', value),
  );
  const pValue = nullableNumber(test['pValue'], (value) =>
    requireAtLeast(FN, 'result.chiSquare.pValue', value, 0),
  );

  // blocks of neighbouring bins beyond MAX_BAR_GROUPS
  const size = Math.ceil(bins.length / MAX_BAR_GROUPS);
  const groups: { name: string; actual: number; expected: number }[] = [];
  let actualTotal = 0;
  let expectedTotal = 0;
  for (let start = 0; start < bins.length; start += size) {
    const end = Math.min(bins.length, start + size);
    let actual = 0;
    let expected = 0;
    for (let i = start; i < end; i++) {
      actual += (bins[i] as Bin).actual;
      expected += (bins[i] as Bin).expected;
    }
    const first = bins[start] as Bin;
    const last = bins[end - 1] as Bin;
    const upper = last.orMore ? '+' : '';
    const name =
      end - start === 1 ? `${first.frequency}${upper}` : `${first.frequency}–${last.frequency}${upper}`;
    groups.push({ name, actual, expected });
    actualTotal += actual;
    expectedTotal += expected;
  }
  let highest = 0;
  for (const group of groups) highest = Math.max(highest, group.actual, group.expected);
  if (!Number.isFinite(highest) || !Number.isFinite(actualTotal) || !Number.isFinite(expectedTotal)) {
    throw new PatronageError('NOT_FINITE', `${FN}: the counts add up beyond the largest number`, {
      argument: 'result.bins',
      value: result,
    });
  }
  const top = highest > 0 ? highest : 1;

  const frame = frameOf(chart, { top: 68, bottom: 70 });
  const y = linear(0, top, frame.bottom, frame.top);
  const slot = (frame.right - frame.left) / groups.length;
  const bar = Math.max(0.5, Math.min(28, slot * 0.38));
  // a label every few slots, so that labels about 40 px wide never overlap
  const every = Math.max(1, Math.ceil(44 / slot));
  const dataColour = SERIES_COLOURS[0] as string;
  const modelColour = SERIES_COLOURS[1] as string;
  const body: string[] = [yAxis(frame, ticks(0, top), y, label, 'customers')];
  const bars: string[] = [];
  const labels: string[] = [];
  groups.forEach((group, g) => {
    const centre = frame.left + slot * (g + 0.5);
    const rect = (value: number, x: number, colour: string, kind: string, who: string): string => {
      const height = frame.bottom - y(value);
      return `<rect class="bar ${kind}" x="${coordinate(x)}" y="${coordinate(frame.bottom - height)}" width="${coordinate(bar)}" height="${coordinate(height)}" fill="${colour}"><title>${escapeXml(`${group.name} repeat purchases, ${who}: ${label(value, 1)}`)}</title></rect>`;
    };
    bars.push(
      rect(group.actual, centre - bar, dataColour, 'data', 'data'),
      rect(group.expected, centre, modelColour, 'model', 'model'),
    );
    if (g % every === 0) {
      labels.push(
        `<text x="${coordinate(centre)}" y="${coordinate(frame.bottom + 16)}" text-anchor="middle">${escapeXml(group.name)}</text>`,
      );
    }
  });
  body.push(`<g class="bars">${bars.join('')}</g>`);
  body.push(
    `<g class="axis x" font-size="11" fill="#444"><line x1="${frame.left}" x2="${coordinate(frame.right)}" y1="${coordinate(frame.bottom)}" y2="${coordinate(frame.bottom)}" stroke="#888"/>${labels.join('')}<text x="${coordinate((frame.left + frame.right) / 2)}" y="${coordinate(frame.bottom + 34)}" text-anchor="middle">${escapeXml(xLabel)}</text></g>`,
  );
  body.push(
    legend(chart, [
      { name: 'data', colour: dataColour },
      { name: 'model', colour: modelColour },
    ]),
  );
  const caption =
    degreesOfFreedom === null || pValue === null
      ? `χ² = ${label(statistic, 2)}, not tested: too few groups with 5 expected customers for the fit's parameters`
      : `χ² = ${label(statistic, 2)}, ${degreesOfFreedom} degree${degreesOfFreedom === 1 ? '' : 's'} of freedom, ${pText(pValue)}`;
  body.push(
    `<text class="caption" x="${frame.left}" y="${coordinate(chart.height - 12)}" font-size="12" fill="#333">${escapeXml(caption)}</text>`,
  );
  const listed =
    bins.length <= MAX_BAR_GROUPS
      ? `: ${groups.map((group) => `${group.name}: ${label(group.actual, 1)} against ${label(group.expected, 1)}`).join('; ')}`
      : '';
  const summary = `${bins.length} bins of repeat purchases, ${label(actualTotal, 1)} customers in the data and ${label(expectedTotal, 1)} expected by the model${listed}. ${caption}.`;
  return svgDocument(chart, summary, body.join(''));
}
