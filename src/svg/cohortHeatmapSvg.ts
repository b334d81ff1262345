import type { CohortRow } from '../aggregate/cohort/cohortCore';
import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import {
  optionalBoolean,
  optionKeys,
  requireAtLeast,
  requireBetween,
  requireFinite,
  requireList,
  requireObject,
} from '../internal/validate';
import {
  CHART_OPTION_KEYS,
  type ChartOptions,
  coordinate,
  escapeXml,
  inkOn,
  percent,
  resolveChart,
  sequentialColour,
  svgDocument,
} from './core';
import { requireText } from './read';

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
  /**
   * Draws the rows' `intervals` (from `cohortRetention(…, { intervals: true })`): each cell's tooltip gives its
   * Wilson interval, a ▲ or ▼ marks a cell significantly higher or lower than the previous cohort's at the same
   * period, and a legend line says so. Needs `measure: 'rates'`. Default `false`.
   */
  readonly intervals?: boolean | undefined;
}

const OPTION_KEYS = /* @__PURE__ */ optionKeys<CohortHeatmapOptions>()(
  ['measure', 'maxPeriods', 'intervals'],
  [CHART_OPTION_KEYS],
);

const FN = 'cohortHeatmapSvg';

/** The drawn part of a cell's `intervals[k]`. */
interface CellInterval {
  readonly lower: number;
  readonly upper: number;
  readonly pValue: number | null;
  readonly direction: 'higher' | 'lower' | null;
}

/** The glyphs of the marks. */
const GLYPHS = { higher: '▲', lower: '▼' } as const;

/** Height of the legend line under the grid, with intervals. */
const LEGEND_HEIGHT = 18;

/** Reads `rows[i].intervals` for `values.length` cells: each `null` or `{ lower, upper, pValue, direction }`. */
function readIntervals(index: number, raw: unknown, cells: number): (CellInterval | null)[] {
  const name = `rows[${index}].intervals`;
  if (raw === undefined) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: options.intervals needs rows with intervals, and ${name} is missing; build the rows with cohortRetention(transactions, { intervals: true })`,
      { argument: name, value: raw },
    );
  }
  const list = requireList(FN, name, raw);
  if (list.length !== cells) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: ${name} has ${list.length} entries, rows[${index}].rates ${cells}`,
      { argument: name, value: list.length },
    );
  }
  return list.map((entry, k) => {
    if (entry === null) return null;
    const cell = requireObject(FN, `${name}[${k}]`, entry);
    const lower = requireBetween(FN, `${name}[${k}].lower`, cell['lower'], 0, 1);
    const upper = requireBetween(FN, `${name}[${k}].upper`, cell['upper'], lower, 1);
    const rawP = cell['pValue'];
    const pValue =
      rawP === null || rawP === undefined ? null : requireBetween(FN, `${name}[${k}].pValue`, rawP, 0, 1);
    const direction = cell['direction'] ?? null;
    if (direction !== null && direction !== 'higher' && direction !== 'lower') {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${FN}: ${name}[${k}].direction must be 'higher', 'lower' or null, got ${describeValue(direction)}`,
        { argument: `${name}[${k}].direction`, value: direction },
      );
    }
    return { lower, upper, pValue, direction };
  });
}

/** `p = 0.023`, or `p < 0.001`. */
function pText(pValue: number): string {
  return pValue < 0.001 ? 'p < 0.001' : `p = ${pValue.toFixed(3)}`;
}

/** Cohorts (rows) or periods (columns) beyond this many are drawn in blocks of consecutive ones. */
export const MAX_DRAWN = 500;

/**
 * A cohort retention heatmap: one row per cohort (with its size), one column per period since
 * acquisition, each cell coloured by the share of the cohort still buying (or by revenue retention) and
 * labelled with it when there is room. Cells a cohort has not reached yet (past the end of its row, as
 * `cohortRetention` writes them, or `null`) stay empty.
 *
 * Beyond 500 cohorts or 500 periods, consecutive cohorts (or periods) are drawn together in blocks, at
 * most 500 by 500; a block shows the mean of its known cells weighted by cohort size, its tooltip
 * says which cohorts and periods it holds, and the description says the table was drawn in blocks
 * (docs/charts.md, "Long series and large tables").
 *
 * With `intervals: true` and rows made with `cohortRetention(…, { intervals: true })`, each cell's tooltip gives
 * its Wilson interval and, where the pooled two-proportion test finds the cell significantly higher or lower
 * than the previous cohort's at the same period, a ▲ or ▼ sits in the cell's corner; a legend line under the
 * grid explains them (docs/tables.md, "Uncertainty: intervals and marks"). A block of several cells (above)
 * shows neither.
 *
 * @param rows - the rows of {@link patronage!cohortRetention} or {@link patronage!cohortRetentionColumns}
 * @param options - `measure`, `maxPeriods`, `intervals`, and the {@link ChartOptions}
 * @returns an SVG document as a string; deterministic
 * @throws PatronageError `EMPTY_INPUT` for no rows, `INVALID_ARGUMENT` for a malformed row (a hole in an array
 *   included), `NOT_FINITE` (also for the sizes of a block adding up beyond the largest number),
 *   `OUT_OF_RANGE` for a size or `maxPeriods` out of range. With `intervals`: `INVALID_ARGUMENT` for rows without
 *   intervals (with a hint to make them), with `measure: 'revenueRates'`, or an interval of the wrong length or
 *   direction; `OUT_OF_RANGE` for bounds or a p-value outside [0, 1].
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { cohortHeatmapSvg } from 'patronage/svg';
 *
 * const svg = cohortHeatmapSvg([
 *   { cohort: '2024-01', size: 100, counts: [100, 40, 30], rates: [1, 0.4, 0.3], revenue: [900, 400, 350], revenueRates: [1, 0.44, 0.39] },
 *   { cohort: '2024-02', size: 80, counts: [80, 36], rates: [1, 0.45], revenue: [700, 380], revenueRates: [1, 0.54] },
 * ]);
 * svg.startsWith('<svg'); // => true
 * svg.includes('45%'); // => true
 * ```
 *
 * @example
 * ```ts
 * import { cohortRetention } from 'patronage';
 * import { cohortHeatmapSvg } from 'patronage/svg';
 *
 * // 40 of January's 100 new customers buy again in February, 20 of February's 100 in March
 * const log = [0, 1].flatMap((month) =>
 *   Array.from({ length: 100 }, (_, i) => [
 *     { customerId: `${month}-${i}`, at: Date.UTC(2024, month, 3), amount: 10 },
 *     ...(i < 40 - 20 * month ? [{ customerId: `${month}-${i}`, at: Date.UTC(2024, month + 1, 5), amount: 4 }] : []),
 *   ]).flat(),
 * );
 * const svg = cohortHeatmapSvg(cohortRetention(log, { intervals: true }), { intervals: true });
 * svg.includes('2024-02, period 1: 20.0% (interval 13.3%–28.9%; significantly lower than the previous cohort, p = 0.002)'); // => true
 * svg.includes('▼'); // => true
 * cohortHeatmapSvg(cohortRetention(log), { intervals: true }); // => throws INVALID_ARGUMENT
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
  const withIntervals = optionalBoolean(
    FN,
    'options.intervals',
    options === undefined || options === null || typeof options !== 'object'
      ? undefined
      : (options as Readonly<Record<string, unknown>>)['intervals'],
    false,
  );
  const legend = withIntervals ? LEGEND_HEIGHT : 0;
  const defaultHeight = Math.min(10_000, Math.max(160, 90 + 24 * list.length) + legend);
  const chart = resolveChart(FN, options, OPTION_KEYS, {
    width: 760,
    height: defaultHeight,
    title: 'Cohort retention',
  });
  const measure = chart.record['measure'] ?? 'rates';
  if (measure !== 'rates' && measure !== 'revenueRates') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: options.measure must be 'rates' or 'revenueRates', got ${describeValue(measure)}`,
      { argument: 'options.measure', value: measure },
    );
  }
  if (withIntervals && measure !== 'rates') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: options.intervals draws the intervals of rates; revenue rates have none (use measure 'rates')`,
      { argument: 'options.measure', value: measure },
    );
  }
  interface Cohort {
    cohort: string;
    size: number;
    values: (number | null)[];
    intervals: (CellInterval | null)[] | undefined;
  }
  const cohorts: Cohort[] = new Array(list.length);
  let longest = 0;
  for (let i = 0; i < list.length; i++) {
    const row = requireObject(FN, `rows[${i}]`, list[i]);
    const rawValues = row[measure];
    const cohort = row['cohort'];
    const rawSize = row['size'];
    const values = requireList(FN, `rows[${i}].${measure}`, rawValues);
    const name = requireText(FN, `rows[${i}].cohort`, cohort);
    const size = requireAtLeast(FN, `rows[${i}].size`, rawSize, 0);
    const checked = new Array<number | null>(values.length);
    for (let k = 0; k < values.length; k++) {
      const value = values[k];
      checked[k] = value === null ? null : requireFinite(FN, `rows[${i}].${measure}[${k}]`, value);
    }
    const intervals = withIntervals ? readIntervals(i, row['intervals'], checked.length) : undefined;
    cohorts[i] = { cohort: name, size, values: checked, intervals };
    if (checked.length > longest) longest = checked.length;
  }
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
  // beyond MAX_DRAWN cohorts or periods, consecutive ones are drawn together as one block
  const rowBlock = Math.ceil(cohorts.length / MAX_DRAWN);
  const columnBlock = Math.ceil(columns / MAX_DRAWN);
  const drawnRows = Math.ceil(cohorts.length / rowBlock);
  const drawnColumns = Math.ceil(columns / columnBlock);
  const left = 120;
  const gridTop = 56;
  const cellWidth = (chart.width - left - 16) / drawnColumns;
  const cellHeight = (chart.height - gridTop - 16 - legend) / drawnRows;
  const labelled = cellWidth >= 30 && cellHeight >= 14;
  const periodsOf = (column: number): string => {
    const first = column * columnBlock;
    const last = Math.min(columns, first + columnBlock) - 1;
    return first === last ? `${first}` : `${first}–${last}`;
  };
  const body: string[] = [];
  for (let column = 0; column < drawnColumns; column++) {
    body.push(
      `<text x="${coordinate(left + (column + 0.5) * cellWidth)}" y="${gridTop - 6}" text-anchor="middle">${periodsOf(column)}</text>`,
    );
  }
  for (let row = 0; row < drawnRows; row++) {
    const firstCohort = row * rowBlock;
    const lastCohort = Math.min(cohorts.length, firstCohort + rowBlock) - 1;
    const first = cohorts[firstCohort] as Cohort;
    let size = 0;
    let largest = 0;
    for (let i = firstCohort; i <= lastCohort; i++) {
      const cohortSize = (cohorts[i] as { size: number }).size;
      size += cohortSize;
      if (cohortSize > largest) largest = cohortSize;
    }
    if (!Number.isFinite(size)) {
      throw new PatronageError(
        'NOT_FINITE',
        `${FN}: the sizes of rows[${firstCohort}] to rows[${lastCohort}], drawn as one block, add up beyond the largest number`,
        { argument: `rows[${firstCohort}].size`, value: (cohorts[firstCohort] as { size: number }).size },
      );
    }
    const name =
      firstCohort === lastCohort
        ? first.cohort
        : `${first.cohort} – ${(cohorts[lastCohort] as { cohort: string }).cohort}`;
    const y = gridTop + row * cellHeight;
    body.push(
      `<text x="${left - 6}" y="${coordinate(y + cellHeight / 2)}" text-anchor="end" dominant-baseline="middle">${escapeXml(name)} (n=${size})</text>`,
    );
    for (let column = 0; column < drawnColumns; column++) {
      const firstPeriod = column * columnBlock;
      const lastPeriod = Math.min(columns, firstPeriod + columnBlock) - 1;
      // a block: the mean of its known cells, weighted by cohort size (a single cell is its value); the
      // weights are relative to the largest cohort of the block, so that no sum overflows
      let cells = 0;
      let single = 0;
      let sum = 0;
      let weighted = 0;
      let weights = 0;
      for (let i = firstCohort; i <= lastCohort; i++) {
        const cohort = cohorts[i] as { size: number; values: (number | null)[] };
        for (let k = firstPeriod; k <= lastPeriod; k++) {
          const cell = cohort.values[k];
          if (cell === null || cell === undefined) continue;
          cells++;
          single = cell;
          sum += cell;
          const weight = largest > 0 ? cohort.size / largest : 0;
          weighted += weight * cell;
          weights += weight;
        }
      }
      if (cells === 0) continue;
      const value = cells === 1 ? single : weights > 0 ? weighted / weights : sum / cells;
      if (!Number.isFinite(value)) {
        throw new PatronageError(
          'NOT_FINITE',
          `${FN}: the mean of the cells of rows[${firstCohort}] to rows[${lastCohort}], periods ${periodsOf(column)}, is beyond the largest number`,
          { argument: `rows[${firstCohort}].${measure}`, value },
        );
      }
      const shade = value / scaleMax;
      const x = left + column * cellWidth;
      const oneCell = firstCohort === lastCohort && firstPeriod === lastPeriod;
      const interval = oneCell ? first.intervals?.[firstPeriod] : undefined;
      let what = oneCell
        ? `${name}, period ${firstPeriod}: ${percent(value)}`
        : `${name}, periods ${periodsOf(column)}: ${percent(value)} (mean of ${cells} cells weighted by cohort size)`;
      if (interval !== null && interval !== undefined) {
        const versus =
          interval.direction === null
            ? ''
            : `; significantly ${interval.direction} than the previous cohort, ${pText(interval.pValue ?? 0)}`;
        what += ` (interval ${percent(interval.lower)}–${percent(interval.upper)}${versus})`;
      }
      body.push(
        `<rect x="${coordinate(x)}" y="${coordinate(y)}" width="${coordinate(cellWidth - 1)}" height="${coordinate(cellHeight - 1)}" fill="${sequentialColour(shade)}"><title>${escapeXml(what)}</title></rect>`,
      );
      if (labelled) {
        body.push(
          `<text x="${coordinate(x + cellWidth / 2)}" y="${coordinate(y + cellHeight / 2)}" text-anchor="middle" dominant-baseline="middle" fill="${inkOn(shade)}">${percent(value, 0)}</text>`,
        );
      }
      if (interval?.direction !== null && interval?.direction !== undefined) {
        const size = Math.max(6, Math.min(10, cellHeight * 0.5, cellWidth * 0.4));
        body.push(
          `<text x="${coordinate(x + cellWidth - 3)}" y="${coordinate(y + 2)}" text-anchor="end" dominant-baseline="hanging" font-size="${coordinate(size)}" fill="${inkOn(shade)}" aria-hidden="true">${GLYPHS[interval.direction]}</text>`,
        );
      }
    }
  }
  body.push(
    `<text x="${coordinate(left + (drawnColumns * cellWidth) / 2)}" y="${gridTop - 22}" text-anchor="middle" fill="#444">periods since acquisition</text>`,
  );
  const blocks =
    rowBlock === 1 && columnBlock === 1
      ? ''
      : ` Drawn in blocks of up to ${rowBlock} cohorts by ${columnBlock} periods; a block shows the mean of its cells weighted by cohort size.`;
  let marks = '';
  if (withIntervals) {
    const legendText =
      '▲ / ▼ significantly higher / lower than the previous cohort in that period; tooltips give each cell’s interval';
    body.push(`<text x="16" y="${coordinate(chart.height - 8)}" fill="#444">${legendText}</text>`);
    marks = ` ${legendText} (two-proportion z-test).`;
  }
  const summary = `${cohorts.length} cohorts over ${columns} periods; each cell is the ${
    measure === 'rates' ? 'share of the cohort buying' : 'revenue relative to the first period'
  } in that period.${blocks}${marks}`;
  return svgDocument(chart, summary, `<g font-size="11" fill="#333">${body.join('')}</g>`);
}
