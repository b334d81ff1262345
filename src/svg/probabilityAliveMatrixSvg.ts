import type { ModelSpec } from '../clv/core/types';
import { pointProbabilityAlive } from '../clv/probabilityAlive';
import { optionKeys, requireObject } from '../internal/validate';
import { CHART_OPTION_KEYS, type ChartOptions, label, percent, resolveChart } from './core';
import { MATRIX_GRID_OPTION_KEYS, type MatrixGridOptions, readGrid, renderMatrix } from './matrix';
import { snapshotFit } from './read';

/**
 * Options of {@link probabilityAliveMatrixSvg}.
 *
 * @category Charts
 */
export interface ProbabilityAliveMatrixOptions extends ChartOptions, MatrixGridOptions {}

const OPTION_KEYS = /* @__PURE__ */ optionKeys<ProbabilityAliveMatrixOptions>()(
  [],
  [CHART_OPTION_KEYS, MATRIX_GRID_OPTION_KEYS],
);

const FN = 'probabilityAliveMatrixSvg';

/**
 * The probability-alive matrix of a fitted model: P(alive) for customers of age `T` at every (frequency,
 * recency) pair, as a heatmap. A frequent buyer who has not bought for a long time is likely gone (top
 * left); anyone who bought recently is likely alive (right). Lifetimes' `plot_probability_alive_matrix`.
 *
 * @param fit - a BG/NBD, MBG/NBD or Pareto/NBD fit (or any `{ model, params }` of those)
 * @param options - `T`, `maxFrequency`, `recencySteps`, and the {@link ChartOptions}
 * @returns an SVG document as a string; deterministic
 * @throws PatronageError `OUT_OF_RANGE` for a grid out of range, `NOT_FINITE`, and the model errors for an
 *   invalid fit.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { probabilityAliveMatrixSvg } from 'patronage/svg';
 *
 * const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * const svg = probabilityAliveMatrixSvg(fit, { T: 39, maxFrequency: 10, recencySteps: 13 });
 * svg.includes('frequency 0, recency 0: 100.0%'); // => true
 * ```
 *
 * @category Charts
 */
export function probabilityAliveMatrixSvg(fit: ModelSpec, options: ProbabilityAliveMatrixOptions): string {
  requireObject(FN, 'options', options);
  const chart = resolveChart(FN, options, OPTION_KEYS, {
    width: 720,
    height: 520,
    title: 'Probability a customer is alive',
  });
  const grid = readGrid(FN, chart.record);
  // read once, so that every cell sees the same fit; checked by the first call, before any drawing
  const spec = snapshotFit(fit) as ModelSpec;
  pointProbabilityAlive(spec, { frequency: 0, recency: 0, T: grid.T }, {});
  return renderMatrix(
    chart,
    grid,
    (frequency, recency) => pointProbabilityAlive(spec, { frequency, recency, T: grid.T }, {}),
    (value) => percent(value),
    'P(alive)',
    `Probability of being alive for customers of age ${label(grid.T)}, for frequency 0 to ${grid.maxFrequency} (rows) and recency 0 to ${label(grid.T)} (columns).`,
  );
}
