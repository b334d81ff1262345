import { PatronageError } from '../errors/PatronageError';
import { requireAtLeast, requireObject } from '../internal/validate';
import {
  CHART_OPTION_KEYS,
  type ChartOptions,
  coordinate,
  escapeXml,
  percent,
  resolveChart,
  SERIES_COLOURS,
  svgDocument,
} from './core';

const FN = 'segmentSizesSvg';

/** Segments beyond this many: the largest MAX_BARS − 1 get a bar each and the rest share the last one. */
export const MAX_BARS = 400;

/**
 * Segment sizes as horizontal bars, largest first, each labelled with its count and share of the total.
 *
 * Beyond 400 segments, the 399 largest get a bar each and the others share one last bar, labelled with
 * how many they are; the description gives the exact total of the others.
 *
 * @param counts - customers per segment, such as `{ champions: 120, 'at risk': 80 }`
 * @param options - the {@link ChartOptions}
 * @returns an SVG document as a string; deterministic (ties in size are ordered by name)
 * @throws PatronageError `EMPTY_INPUT` for no segments, `OUT_OF_RANGE` for a negative count, `NOT_FINITE`
 *   (also for counts adding up beyond the largest number), `INVALID_ARGUMENT` when every count is 0.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { rfmScores } from 'patronage';
 * import { segmentSizesSvg } from 'patronage/svg';
 *
 * const scored = rfmScores([
 *   { customerId: 'a', frequency: 5, recency: 30, T: 31, monetaryValue: 80 },
 *   { customerId: 'b', frequency: 0, recency: 0, T: 40, monetaryValue: 0 },
 * ]);
 * const counts: Record<string, number> = {};
 * for (const row of scored) counts[row.segment] = (counts[row.segment] ?? 0) + 1;
 * segmentSizesSvg(counts).includes('50.0%'); // => true
 * ```
 *
 * @category Charts
 */
export function segmentSizesSvg(counts: Readonly<Record<string, number>>, options?: ChartOptions): string {
  const record = requireObject(FN, 'counts', counts);
  const names = Object.keys(record);
  const entries: { name: string; count: number }[] = new Array(names.length);
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    const value = record[name];
    entries[i] = { name, count: requireAtLeast(FN, `counts[${JSON.stringify(name)}]`, value, 0) };
  }
  if (entries.length === 0) {
    throw new PatronageError('EMPTY_INPUT', `${FN}: counts is empty; there is no segment to draw`, {
      argument: 'counts',
      value: counts,
    });
  }
  let total = 0;
  for (let i = 0; i < entries.length; i++) total += (entries[i] as { count: number }).count;
  if (!Number.isFinite(total)) {
    throw new PatronageError('NOT_FINITE', `${FN}: the counts add up beyond the largest number`, {
      argument: 'counts',
      value: counts,
    });
  }
  if (!(total > 0)) {
    throw new PatronageError('INVALID_ARGUMENT', `${FN}: every count is 0; there is nothing to compare`, {
      argument: 'counts',
      value: counts,
    });
  }
  entries.sort((left, right) => right.count - left.count || (left.name < right.name ? -1 : 1));
  // beyond MAX_BARS segments, the smallest are drawn together as one last bar
  const others = entries.length > MAX_BARS ? entries.slice(MAX_BARS - 1) : [];
  let othersTotal = 0;
  for (let i = 0; i < others.length; i++) othersTotal += (others[i] as { count: number }).count;
  const bars: { label: string; tooltip: string; count: number }[] = (
    others.length === 0 ? entries : entries.slice(0, MAX_BARS - 1)
  ).map((entry) => ({ label: entry.name, tooltip: `${entry.name}: ${entry.count}`, count: entry.count }));
  if (others.length > 0) {
    bars.push({
      label: `${others.length} other segments`,
      tooltip: `${others.length} other segments, each smaller than those above: ${othersTotal}`,
      count: othersTotal,
    });
  }
  const chart = resolveChart(FN, options, CHART_OPTION_KEYS, {
    width: 720,
    height: Math.min(10_000, Math.max(140, 70 + 26 * bars.length)),
    title: 'Segment sizes',
  });
  const left = 150;
  const top = 40;
  const right = chart.width - 110;
  const bar = (chart.height - top - 12) / bars.length;
  let widest = 0;
  for (let i = 0; i < bars.length; i++) widest = Math.max(widest, (bars[i] as { count: number }).count);
  const body = bars.map((entry, i) => {
    const y = top + i * bar;
    const scaled = (right - left) * entry.count;
    // a count near the largest double overflows the product: divide first then
    const width = Number.isFinite(scaled) ? scaled / widest : (right - left) * (entry.count / widest);
    return `<text x="${left - 8}" y="${coordinate(y + bar / 2)}" text-anchor="end" dominant-baseline="middle">${escapeXml(entry.label)}</text><rect x="${left}" y="${coordinate(y + 2)}" width="${coordinate(Math.max(width, 0.5))}" height="${coordinate(bar - 4)}" fill="${SERIES_COLOURS[0]}"><title>${escapeXml(entry.tooltip)}</title></rect><text x="${coordinate(left + width + 6)}" y="${coordinate(y + bar / 2)}" dominant-baseline="middle">${entry.count} (${percent(entry.count / total)})</text>`;
  });
  const listed = others.length === 0 ? entries : entries.slice(0, MAX_BARS - 1);
  const rest =
    others.length === 0 ? '' : `, and ${others.length} other segments with ${othersTotal} customers`;
  const summary = `${entries.length} segments, ${total} customers: ${listed
    .map((entry) => `${entry.name} ${entry.count}`)
    .join(', ')}${rest}.`;
  return svgDocument(chart, summary, `<g font-size="12" fill="#333">${body.join('')}</g>`);
}
