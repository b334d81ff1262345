import type { CohortRow } from '../aggregate/cohort/cohortCore';
import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { requireAtLeast, requireFinite, requireList, requireObject } from '../internal/validate';
import {
  type ChartOptions,
  coordinate,
  escapeXml,
  inkOn,
  percent,
  resolveChart,
  sequentialColour,
  svgDocument,
} from './core';

/**
 * Options of {@link cohortHeatmapSvg}.
 *
 * @category Charts
 */
export interface CohortHeatmapOptions extends ChartOptions {
  /** `'rates'` (default): share of the cohort buying in period k; `'revenueRates'`: revenue retention. */
  readonly measure?: 'rates' | 'revenueRates' | undefined;
  /** Periods after acquisition to show, from 1 (default: all). */
  readonly maxPeriods?: number | undefined;
}

const FN = 'cohortHeatmapSvg';

/**
 * A cohort retention heatmap: one row per cohort (with its size), one column per period since
 * acquisition, each cell coloured by the share of the cohort still buying (or by revenue retention) and
 * labelled with it when there is room. Cells a cohort has not reached yet (`null`) stay empty.
 *
 * @param rows - the rows of {@link patronage!cohortRetention} or {@link patronage!cohortRetentionColumns}
 * @param options - `measure`, `maxPeriods`, and the {@link ChartOptions}
 * @returns an SVG document as a string; deterministic
 * @throws PatronageError `EMPTY_INPUT` for no rows, `INVALID_ARGUMENT` for a malformed row, `NOT_FINITE`,
 *   `OUT_OF_RANGE` for a size or `maxPeriods` out of range.
 *
 * @example
 * ```ts
 * import { cohortHeatmapSvg } from 'patronage/svg';
 *
 * const svg = cohortHeatmapSvg([
 *   { cohort: '2024-01', size: 100, counts: [100, 40, 30], rates: [1, 0.4, 0.3], revenue: [900, 400, 350], revenueRates: [1, 0.44, 0.39] },
 *   { cohort: '2024-02', size: 80, counts: [80, 36, null], rates: [1, 0.45, null], revenue: [700, 380, null], revenueRates: [1, 0.54, null] },
 * ]);
 * svg.startsWith('<svg'); // => true
 * svg.includes('45%'); // => true
 * ```
 *
 * @category Charts
 */
export function cohortHeatmapSvg(rows: readonly CohortRow[], options?: CohortHeatmapOptions): string {
  const list = requireList(FN, 'rows', rows);
  if (list.length === 0) {
    throw new PatronageError('EMPTY_INPUT', `${FN}: rows is empty; there is no cohort to draw`, {
      argument: 'rows',
      value: list,
    });
  }
  const defaultHeight = Math.min(10_000, Math.max(160, 90 + 24 * list.length));
  const chart = resolveChart(FN, options, { width: 760, height: defaultHeight, title: 'Cohort retention' });
  const measure = chart.record['measure'] ?? 'rates';
  if (measure !== 'rates' && measure !== 'revenueRates') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: options.measure must be 'rates' or 'revenueRates', got ${describeValue(measure)}`,
      { argument: 'options.measure', value: measure },
    );
  }
  const cohorts = list.map((raw, i) => {
    const row = requireObject(FN, `rows[${i}]`, raw);
    const values = requireList(FN, `rows[${i}].${measure}`, row[measure]);
    if (typeof row['cohort'] !== 'string') {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${FN}: rows[${i}].cohort must be a string, got ${describeValue(row['cohort'])}`,
        { argument: `rows[${i}].cohort`, value: row['cohort'] },
      );
    }
    const size = requireAtLeast(FN, `rows[${i}].size`, row['size'], 0);
    return {
      cohort: row['cohort'],
      size,
      values: values.map((value, k) =>
        value === null ? null : requireFinite(FN, `rows[${i}].${measure}[${k}]`, value),
      ),
    };
  });
  const longest = Math.max(...cohorts.map((cohort) => cohort.values.length));
  const maxPeriods = chart.record['maxPeriods'];
  if (
    maxPeriods !== undefined &&
    !(typeof maxPeriods === 'number' && Number.isInteger(maxPeriods) && maxPeriods >= 1)
  ) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${FN}: options.maxPeriods must be a whole number from 1, got ${describeValue(maxPeriods)}`,
      { argument: 'options.maxPeriods', value: maxPeriods },
    );
  }
  const columns = Math.max(1, Math.min(longest, (maxPeriods as number | undefined) ?? longest));
  let top = 0;
  for (const cohort of cohorts) {
    for (let k = 0; k < columns; k++) top = Math.max(top, cohort.values[k] ?? 0);
  }
  const scaleMax = measure === 'rates' ? 1 : Math.max(1, top);
  const left = 120;
  const gridTop = 56;
  const cellWidth = (chart.width - left - 16) / columns;
  const cellHeight = (chart.height - gridTop - 16) / cohorts.length;
  const labelled = cellWidth >= 30 && cellHeight >= 14;
  const body: string[] = [];
  for (let k = 0; k < columns; k++) {
    body.push(
      `<text x="${coordinate(left + (k + 0.5) * cellWidth)}" y="${gridTop - 6}" text-anchor="middle">${k}</text>`,
    );
  }
  cohorts.forEach((cohort, i) => {
    const y = gridTop + i * cellHeight;
    body.push(
      `<text x="${left - 6}" y="${coordinate(y + cellHeight / 2)}" text-anchor="end" dominant-baseline="middle">${escapeXml(cohort.cohort)} (n=${cohort.size})</text>`,
    );
    for (let k = 0; k < columns; k++) {
      const value = cohort.values[k];
      if (value === null || value === undefined) continue;
      const shade = value / scaleMax;
      const x = left + k * cellWidth;
      body.push(
        `<rect x="${coordinate(x)}" y="${coordinate(y)}" width="${coordinate(cellWidth - 1)}" height="${coordinate(cellHeight - 1)}" fill="${sequentialColour(shade)}"><title>${escapeXml(`${cohort.cohort}, period ${k}: ${percent(value)}`)}</title></rect>`,
      );
      if (labelled) {
        body.push(
          `<text x="${coordinate(x + cellWidth / 2)}" y="${coordinate(y + cellHeight / 2)}" text-anchor="middle" dominant-baseline="middle" fill="${inkOn(shade)}">${percent(value, 0)}</text>`,
        );
      }
    }
  });
  body.push(
    `<text x="${coordinate(left + (columns * cellWidth) / 2)}" y="${gridTop - 22}" text-anchor="middle" fill="#444">periods since acquisition</text>`,
  );
  const summary = `${cohorts.length} cohorts over ${columns} periods; each cell is the ${
    measure === 'rates' ? 'share of the cohort buying' : 'revenue relative to the first period'
  } in that period.`;
  return svgDocument(chart, summary, `<g font-size="11" fill="#333">${body.join('')}</g>`);
}
