import type { CustomerSummaryColumns, CustomerSummaryRow } from '../bgNbd/fitBgNbd';
import { customerBaseHint, fitModel } from '../core/fitCore';
import { readFitOptions } from '../core/fitOptions';
import { continuousRows } from '../core/rows';
import type { FitOptions, NbdFit } from '../core/types';
import { NBD } from './definition';

/**
 * Fits the NBD model (Ehrenberg 1959) by maximum likelihood: every customer buys at a constant rate
 * λ ~ Gamma(r, alpha) and never drops out, the baseline against which the models with dropout are
 * compared (BTYDplus `nbd.EstimateParameters`).
 *
 * ln L = ln Γ(r+x) − ln Γ(r) + r ln α − (r+x) ln(α+T) per customer (docs/model-nbd.md), with its analytic
 * gradient; recency is validated but does not enter it. Because nobody drops out, `probabilityAlive` is 1
 * for every customer of an NBD fit by the model's assumption, and expected purchases grow linearly with the
 * horizon. Times are in the rows' unit; `alpha` comes back in that unit. Identical rows are merged first.
 *
 * @param rows - `{ frequency, recency, T, weight? }` per customer (x, t_x, T), or the same as columns
 *   ({@link CustomerSummaryColumns})
 * @param options - `penalty: { logParams: c }` (c from 0 to 1e6, default 0): maximise ln L − n·c·Σ (ln θ)² instead of
 *   ln L, shrinking the parameters towards 1 on small data ({@link FitPenalty}); `logLikelihood` stays the
 *   unpenalised value, and `penalizedLogLikelihood` is the objective
 * @returns the fit, with `params` `{ r, alpha }`
 * @throws PatronageError as {@link fitBgNbd}
 *
 * @example
 * ```ts
 * import { expectedPurchases, fitNbd, probabilityAlive } from 'patronage';
 *
 * const fit = fitNbd([
 *   { frequency: 0, recency: 0, T: 38, weight: 600 },
 *   { frequency: 0, recency: 0, T: 30, weight: 300 },
 *   { frequency: 1, recency: 4, T: 38, weight: 100 },
 *   { frequency: 1, recency: 30, T: 36, weight: 90 },
 *   { frequency: 2, recency: 10, T: 38, weight: 40 },
 *   { frequency: 2, recency: 33, T: 35, weight: 40 },
 *   { frequency: 4, recency: 20, T: 37, weight: 20 },
 *   { frequency: 6, recency: 35, T: 37, weight: 15 },
 *   { frequency: 12, recency: 36, T: 38, weight: 5 },
 * ]);
 * fit.model; // => 'nbd'
 * fit.converged; // => true
 * probabilityAlive(fit, { frequency: 2, recency: 10, T: 38 }); // => 1
 * expectedPurchases(fit, 52) > 0; // => true
 * ```
 *
 * @category CLV models
 */
export function fitNbd(
  rows: readonly CustomerSummaryRow[] | CustomerSummaryColumns,
  options?: FitOptions,
): NbdFit {
  const penalty = readFitOptions('fitNbd', options);
  const compressed = continuousRows('fitNbd', rows);
  return fitModel(NBD, compressed, customerBaseHint(compressed, 'continuous'), penalty);
}
