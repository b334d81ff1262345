import { optionKeys, requireFinite } from '../internal/validate';
// The frequency/recency grid behind frequencyRecencyMatrixSvg and probabilityAliveMatrixSvg (the
// pictures lifetimes draws with plot_frequency_recency_matrix and plot_probability_alive_matrix).

import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import {
  coordinate,
  escapeXml,
  inkOn,
  label,
  type ResolvedChart,
  sequentialColour,
  svgDocument,
} from './core';

/**
 * Options shared by the frequency/recency matrices.
 *
 * @category Charts
 */
export interface MatrixGridOptions {
  /** Age of the customers drawn (time since the first purchase), in the fit's time unit. */
  readonly T: number;
  /** Highest frequency (repeat purchases) shown; default 20. Rows run from it down to 0. */
  readonly maxFrequency?: number | undefined;
  /** Columns of recency from 0 to T; default 20. */
  readonly recencySteps?: number | undefined;
}

/** The keys of {@link MatrixGridOptions}. */
export const MATRIX_GRID_OPTION_KEYS: readonly (keyof MatrixGridOptions & string)[] =
  /* @__PURE__ */ optionKeys<MatrixGridOptions>()(['T', 'maxFrequency', 'recencySteps']);

/** The validated grid. */
export interface Grid {
  readonly T: number;
  readonly maxFrequency: number;
  readonly steps: number;
}

/** Validates the grid options. */
export function readGrid(fn: string, record: Readonly<Record<string, unknown>>): Grid {
  const T = requireFinite(fn, 'options.T', record['T']);
  if (!(T > 0)) {
    throw new PatronageError('OUT_OF_RANGE', `${fn}: options.T (${T}) must be above 0`, {
      argument: 'options.T',
      value: T,
    });
  }
  const whole = (name: string, fallback: number, most: number): number => {
    const value = record[name] ?? fallback;
    if (!(typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= most)) {
      throw new PatronageError(
        'OUT_OF_RANGE',
        `${fn}: options.${name} must be a whole number from 1 to ${most}, got ${describeValue(value)}`,
        { argument: `options.${name}`, value },
      );
    }
    return value;
  };
  return { T, maxFrequency: whole('maxFrequency', 20, 200), steps: whole('recencySteps', 20, 200) };
}

/**
 * Draws value(frequency, recency) on the grid: rows are frequencies from high (top) to 0, columns are
 * recencies from 0 to T. A customer has recency 0 exactly when they have no repeat purchases, so frequency 0
 * has only the recency-0 cell and the other frequencies start at the second column.
 */
export function renderMatrix(
  chart: ResolvedChart,
  grid: Grid,
  valueAt: (frequency: number, recency: number) => number,
  format: (value: number) => string,
  legendTitle: string,
  summary: string,
): string {
  const left = 64;
  const top = 44;
  const right = chart.width - 90;
  const bottom = chart.height - 48;
  const rows = grid.maxFrequency + 1;
  const columns = grid.steps + 1;
  const cellWidth = (right - left) / columns;
  const cellHeight = (bottom - top) / rows;
  const cells: { row: number; column: number; frequency: number; recency: number; value: number }[] = [];
  let highest = 0;
  for (let frequency = 0; frequency <= grid.maxFrequency; frequency++) {
    for (let column = 0; column < columns; column++) {
      const recency = (grid.T * column) / grid.steps;
      // a history has recency 0 exactly when it has no repeat purchases
      if ((frequency === 0) !== (column === 0)) continue;
      const value = valueAt(frequency, recency);
      highest = Math.max(highest, value);
      cells.push({ row: grid.maxFrequency - frequency, column, frequency, recency, value });
    }
  }
  const scaleMax = highest > 0 ? highest : 1;
  const labelled = cellWidth >= 34 && cellHeight >= 14;
  const body: string[] = [];
  for (const cell of cells) {
    const shade = cell.value / scaleMax;
    const x = left + cell.column * cellWidth;
    const y = top + cell.row * cellHeight;
    body.push(
      `<rect x="${coordinate(x)}" y="${coordinate(y)}" width="${coordinate(cellWidth)}" height="${coordinate(cellHeight)}" fill="${sequentialColour(shade)}"><title>${escapeXml(`frequency ${cell.frequency}, recency ${label(cell.recency)}: ${format(cell.value)}`)}</title></rect>`,
    );
    if (labelled) {
      body.push(
        `<text x="${coordinate(x + cellWidth / 2)}" y="${coordinate(y + cellHeight / 2)}" text-anchor="middle" dominant-baseline="middle" fill="${inkOn(shade)}">${escapeXml(format(cell.value))}</text>`,
      );
    }
  }
  const axis: string[] = [];
  const rowStep = Math.max(1, Math.ceil(rows / 12));
  for (let frequency = 0; frequency <= grid.maxFrequency; frequency += rowStep) {
    const y = top + (grid.maxFrequency - frequency + 0.5) * cellHeight;
    axis.push(
      `<text x="${left - 6}" y="${coordinate(y)}" text-anchor="end" dominant-baseline="middle">${frequency}</text>`,
    );
  }
  const columnStep = Math.max(1, Math.ceil(columns / 10));
  for (let column = 0; column < columns; column += columnStep) {
    const x = left + (column + 0.5) * cellWidth;
    axis.push(
      `<text x="${coordinate(x)}" y="${coordinate(bottom + 16)}" text-anchor="middle">${label((grid.T * column) / grid.steps, 1)}</text>`,
    );
  }
  const middle = coordinate((top + bottom) / 2);
  axis.push(
    `<text x="${coordinate((left + right) / 2)}" y="${coordinate(bottom + 36)}" text-anchor="middle">recency (time of the last purchase)</text>`,
    `<text x="16" y="${middle}" text-anchor="middle" transform="rotate(-90 16 ${middle})">frequency (repeat purchases)</text>`,
  );
  // colour legend: a vertical ramp with its ends labelled
  const ramp: string[] = [];
  const rampTop = top;
  const rampHeight = bottom - top;
  for (let k = 0; k < 20; k++) {
    ramp.push(
      `<rect x="${coordinate(right + 24)}" y="${coordinate(rampTop + (rampHeight * (19 - k)) / 20)}" width="14" height="${coordinate(rampHeight / 20 + 0.5)}" fill="${sequentialColour(k / 19)}"/>`,
    );
  }
  ramp.push(
    `<text x="${coordinate(right + 42)}" y="${coordinate(rampTop + 8)}">${escapeXml(format(scaleMax))}</text>`,
    `<text x="${coordinate(right + 42)}" y="${coordinate(bottom)}">${escapeXml(format(0))}</text>`,
    `<text x="${coordinate(right + 31)}" y="${coordinate(rampTop - 8)}" text-anchor="middle">${escapeXml(legendTitle)}</text>`,
  );
  return svgDocument(
    chart,
    summary,
    `<g font-size="10">${body.join('')}</g><g font-size="11" fill="#444">${axis.join('')}${ramp.join('')}</g>`,
  );
}
