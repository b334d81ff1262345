import type { ModelSpec } from '../clv/core/types';
import { pointExpectedPurchases } from '../clv/expectedPurchases';
import { optionKeys, requireFinite, requireObject } from '../internal/validate';
import { CHART_OPTION_KEYS, type ChartOptions, label, resolveChart } from './core';
import { MATRIX_GRID_OPTION_KEYS, type MatrixGridOptions, readGrid, renderMatrix } from './matrix';
import { snapshotFit } from './read';

/**
 * Options of {@link frequencyRecencyMatrixSvg}.
 *
 * @category Charts
 */
export interface FrequencyRecencyMatrixOptions extends ChartOptions, MatrixGridOptions {
  /** The horizon of the expected purchases, in the fit's time unit; default 1. */
  readonly horizon?: number | undefined;
}

const OPTION_KEYS = /* @__PURE__ */ optionKeys<FrequencyRecencyMatrixOptions>()(
  ['horizon'],
  [CHART_OPTION_KEYS, MATRIX_GRID_OPTION_KEYS],
);

const FN = 'frequencyRecencyMatrixSvg';

/**
 * The frequency/recency matrix of a fitted model: for customers of age `T`, the purchases each
 * (frequency, recency) pair is expected to make in the next `horizon`, as a heatmap. Frequent buyers who
 * bought recently are at the top right; frequent buyers who stopped long ago (bottom of the expectation)
 * at the top left. Fader, Hardie & Lee (2005) figure 4; lifetimes' `plot_frequency_recency_matrix`.
 *
 * @param fit - a BG/NBD, MBG/NBD or Pareto/NBD fit (or any `{ model, params }` of those)
 * @param options - `T`, `horizon`, `maxFrequency`, `recencySteps`, and the {@link ChartOptions}
 * @returns an SVG document as a string; deterministic
 * @throws PatronageError `OUT_OF_RANGE` for a grid or horizon out of range, `NOT_FINITE`, and the model
 *   errors for an invalid fit.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { frequencyRecencyMatrixSvg } from 'patronage/svg';
 *
 * const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * const svg = frequencyRecencyMatrixSvg(fit, { T: 39, horizon: 39, maxFrequency: 10, recencySteps: 13 });
 * svg.includes('frequency 10, recency 39: '); // => true
 * ```
 *
 * @category Charts
 */
export function frequencyRecencyMatrixSvg(fit: ModelSpec, options: FrequencyRecencyMatrixOptions): string {
  requireObject(FN, 'options', options);
  const chart = resolveChart(FN, options, OPTION_KEYS, {
    width: 720,
    height: 520,
    title: 'Expected purchases by frequency and recency',
  });
  const grid = readGrid(FN, chart.record);
  const rawHorizon = chart.record['horizon'];
  const horizon = rawHorizon === undefined ? 1 : requireFinite(FN, 'options.horizon', rawHorizon);
  // read once, so that every cell sees the same fit; checked by the first call, before any drawing
  const spec = snapshotFit(fit) as ModelSpec;
  pointExpectedPurchases(spec, horizon, { frequency: 0, recency: 0, T: grid.T });
  return renderMatrix(
    chart,
    grid,
    (frequency, recency) => pointExpectedPurchases(spec, horizon, { frequency, recency, T: grid.T }),
    (value) => label(value, value < 10 ? 2 : 1),
    'expected',
    `Purchases expected in the next ${label(horizon)} time units by customers of age ${label(grid.T)}, for frequency 0 to ${grid.maxFrequency} (rows) and recency 0 to ${label(grid.T)} (columns).`,
  );
}
