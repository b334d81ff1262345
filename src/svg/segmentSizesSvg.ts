import { PatronageError } from '../errors/PatronageError';
import { requireAtLeast, requireObject } from '../internal/validate';
import {
  type ChartOptions,
  coordinate,
  escapeXml,
  percent,
  resolveChart,
  SERIES_COLOURS,
  svgDocument,
} from './core';

const FN = 'segmentSizesSvg';

/**
 * Segment sizes as horizontal bars, largest first, each labelled with its count and share of the total.
 *
 * @param counts - customers per segment, such as `{ champions: 120, 'at risk': 80 }`
 * @param options - the {@link ChartOptions}
 * @returns an SVG document as a string; deterministic (ties in size are ordered by name)
 * @throws PatronageError `EMPTY_INPUT` for no segments, `OUT_OF_RANGE` for a negative count, `NOT_FINITE`,
 *   `INVALID_ARGUMENT` when every count is 0.
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
  const entries = Object.keys(record).map((name) => {
    const count = requireAtLeast(FN, `counts[${JSON.stringify(name)}]`, record[name], 0);
    return { name, count };
  });
  if (entries.length === 0) {
    throw new PatronageError('EMPTY_INPUT', `${FN}: counts is empty; there is no segment to draw`, {
      argument: 'counts',
      value: counts,
    });
  }
  const total = entries.reduce((sum, entry) => sum + entry.count, 0);
  if (!(total > 0)) {
    throw new PatronageError('INVALID_ARGUMENT', `${FN}: every count is 0; there is nothing to compare`, {
      argument: 'counts',
      value: counts,
    });
  }
  entries.sort((left, right) => right.count - left.count || (left.name < right.name ? -1 : 1));
  const chart = resolveChart(FN, options, {
    width: 720,
    height: Math.min(10_000, Math.max(140, 70 + 26 * entries.length)),
    title: 'Segment sizes',
  });
  const left = 150;
  const top = 40;
  const right = chart.width - 110;
  const bar = (chart.height - top - 12) / entries.length;
  const widest = (entries[0] as { count: number }).count;
  const body = entries.map((entry, i) => {
    const y = top + i * bar;
    const width = ((right - left) * entry.count) / widest;
    return `<text x="${left - 8}" y="${coordinate(y + bar / 2)}" text-anchor="end" dominant-baseline="middle">${escapeXml(entry.name)}</text><rect x="${left}" y="${coordinate(y + 2)}" width="${coordinate(Math.max(width, 0.5))}" height="${coordinate(bar - 4)}" fill="${SERIES_COLOURS[0]}"><title>${escapeXml(`${entry.name}: ${entry.count}`)}</title></rect><text x="${coordinate(left + width + 6)}" y="${coordinate(y + bar / 2)}" dominant-baseline="middle">${entry.count} (${percent(entry.count / total)})</text>`;
  });
  const summary = `${entries.length} segments, ${total} customers: ${entries
    .map((entry) => `${entry.name} ${entry.count}`)
    .join(', ')}.`;
  return svgDocument(chart, summary, `<g font-size="12" fill="#333">${body.join('')}</g>`);
}
