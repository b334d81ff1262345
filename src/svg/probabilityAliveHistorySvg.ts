import type { ProbabilityAliveHistoryResult } from '../clv/probabilityAliveHistory';
import { PatronageError } from '../errors/PatronageError';
import { optionKeys, requireFinite, requireList, requireObject } from '../internal/validate';
import {
  CHART_OPTION_KEYS,
  type ChartOptions,
  coordinate,
  label,
  percent,
  resolveChart,
  textOption,
} from './core';
import { type ReadPoint, renderCurves, requireIncreasingX } from './curves';
import { requireText } from './read';

/**
 * Options of {@link probabilityAliveHistorySvg}.
 *
 * @category Charts
 */
export interface ProbabilityAliveHistorySvgOptions extends ChartOptions {
  /** Label of the horizontal axis; default `'time since the first purchase'` (name the unit, `'days since …'`). */
  readonly xLabel?: string | undefined;
  /** Name of the customer, for the title and the description (default: none). */
  readonly customer?: string | undefined;
}

const OPTION_KEYS = /* @__PURE__ */ optionKeys<ProbabilityAliveHistorySvgOptions>()(
  ['xLabel', 'customer'],
  [CHART_OPTION_KEYS],
);

const FN = 'probabilityAliveHistorySvg';

/**
 * A customer's P(alive) over calendar time with the purchases marked (lifetimes' `plot_history_alive`):
 * the path of {@link patronage!probabilityAliveHistory} as a line, which jumps at each purchase (its points
 * just before and at the purchase share a time), and a dot on the curve at each purchase. The vertical
 * axis is a percentage from 0 to 100%.
 *
 * A path of more than 10,000 points is drawn from at most 7 of its points per pixel column (M4
 * aggregation, docs/charts.md, "Long series and large tables"); every purchase keeps its dot.
 *
 * @param history - the result of {@link patronage!probabilityAliveHistory}: `points` (`t`, `probabilityAlive`)
 *   in increasing t, and `purchases` (`t`)
 * @param options - `xLabel`, `customer`, and the {@link ChartOptions}
 * @returns an SVG document as a string; deterministic
 * @throws PatronageError `INVALID_ARGUMENT` for a malformed history (a hole in an array included, points
 *   out of order), `EMPTY_INPUT` for no points, `OUT_OF_RANGE` for a P(alive) outside [0, 1], `NOT_FINITE`.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { probabilityAliveHistory } from 'patronage';
 * import { probabilityAliveHistorySvg } from 'patronage/svg';
 *
 * const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 30.898, a: 0.793, b: 2.426 } } as const;
 * const history = probabilityAliveHistory(fit, ['2014-06-13', '2014-07-07', '2014-07-17'], {
 *   until: '2014-12-31',
 *   timeUnit: 'day',
 * });
 * const svg = probabilityAliveHistorySvg(history, { xLabel: 'days since the first purchase', customer: '33' });
 * svg.match(/<circle /g)?.length; // => 3
 * svg.includes('P(alive) of customer 33'); // => true
 * ```
 *
 * @category Charts
 */
export function probabilityAliveHistorySvg(
  history: ProbabilityAliveHistoryResult,
  options?: ProbabilityAliveHistorySvgOptions,
): string {
  const chart = resolveChart(FN, options, OPTION_KEYS, { width: 720, height: 320, title: '' });
  const customer = chart.record['customer'];
  const who = customer === undefined ? '' : ` of customer ${requireText(FN, 'options.customer', customer)}`;
  const record = requireObject(FN, 'history', history);
  const rawPoints = requireList(FN, 'history.points', record['points']);
  if (rawPoints.length === 0) {
    throw new PatronageError('EMPTY_INPUT', `${FN}: history.points is empty`, {
      argument: 'history.points',
      value: rawPoints.length,
    });
  }
  const points: ReadPoint[] = new Array(rawPoints.length);
  for (let i = 0; i < rawPoints.length; i++) {
    const name = `history.points[${i}]`;
    const point = requireObject(FN, name, rawPoints[i]);
    const t = point['t'];
    const p = point['probabilityAlive'];
    points[i] = {
      x: requireFinite(FN, `${name}.t`, t),
      y: requireProbability(`${name}.probabilityAlive`, p),
      lower: null,
      upper: null,
    };
  }
  requireIncreasingX(FN, 'history.points', points);
  const rawPurchases = requireList(FN, 'history.purchases', record['purchases']);
  const purchases = new Array<number>(rawPurchases.length);
  for (let i = 0; i < rawPurchases.length; i++) {
    const purchase = requireObject(FN, `history.purchases[${i}]`, rawPurchases[i]);
    purchases[i] = requireFinite(FN, `history.purchases[${i}].t`, purchase['t']);
  }
  // each purchase's dot sits on the curve at the purchase: the last point at its time (after the jump)
  purchases.sort((left, right) => left - right);
  const dots: { t: number; p: number }[] = [];
  let j = 0;
  for (const t of purchases) {
    while (j + 1 < points.length && (points[j + 1] as ReadPoint).x <= t) j++;
    const at = points[j] as ReadPoint;
    dots.push({ t, p: at.x <= t ? at.y : (points[0] as ReadPoint).y });
  }
  const first = points[0] as ReadPoint;
  const last = points[points.length - 1] as ReadPoint;
  const resolved = chart.title === '' ? { ...chart, title: `P(alive)${who} over time` } : chart;
  return renderCurves(resolved, [{ name: 'P(alive)', points }], {
    step: false,
    percentY: true,
    xLabel: textOption(FN, chart.record, 'xLabel', 'time since the first purchase'),
    yLabel: 'P(alive)',
    summary: `P(alive)${who} from ${percent(first.y)} at ${label(first.x)} to ${percent(last.y)} at ${label(last.x)}, with ${purchases.length} purchase${purchases.length === 1 ? '' : 's'} marked.`,
    overlay: (x, y) =>
      `<g class="purchases" fill="#d55e00" stroke="#ffffff" stroke-width="1"><title>purchases</title>${dots
        .map((dot) => `<circle cx="${coordinate(x(dot.t))}" cy="${coordinate(y(dot.p))}" r="4"/>`)
        .join('')}</g>`,
  });
}

/** A probability in [0, 1], read once by the caller. */
function requireProbability(name: string, value: unknown): number {
  const p = requireFinite(FN, name, value);
  if (p < 0 || p > 1) {
    throw new PatronageError('OUT_OF_RANGE', `${FN}: ${name} (${p}) must be between 0 and 1`, {
      argument: name,
      value: p,
    });
  }
  return p;
}
