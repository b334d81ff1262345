import type { CustomerSummaryColumns, CustomerSummaryRow } from '../bgNbd/fitBgNbd';
import { customerBaseHint, fitModel } from '../core/fitCore';
import { readFitOptions } from '../core/fitOptions';
import { continuousRows } from '../core/rows';
import type { FitOptions, ParetoNbdFit } from '../core/types';
import { PARETO_NBD } from './definition';

/**
 * Fits the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987) by maximum likelihood: while alive a
 * customer buys at rate λ ~ Gamma(r, alpha) and has an exponential lifetime with rate μ ~ Gamma(s, beta).
 *
 * The likelihood is Fader & Hardie's (2005) expression, evaluated in log space after Euler's
 * transformation of its Gaussian hypergeometric terms (a series of positive terms, without the cancellation
 * that makes other implementations return NaN for heavy buyers), with its analytic gradient. Times are in
 * the rows' unit; `alpha` and `beta` come back in that unit. Identical rows are merged first.
 *
 * @param rows - `{ frequency, recency, T, weight? }` per customer, or the same as columns
 *   ({@link CustomerSummaryColumns})
 * @param options - `penalty: { logParams: c }` (c from 0 to 1e6, default 0): maximise ln L − n·c·Σ (ln θ)² instead of
 *   ln L, shrinking the parameters towards 1 on small data ({@link FitPenalty}); `logLikelihood` stays the
 *   unpenalised value, and `penalizedLogLikelihood` is the objective
 * @returns the fit, with `params` `{ r, alpha, s, beta }`
 * @throws PatronageError as {@link fitBgNbd}
 *
 * @example
 * ```ts
 * import { fitParetoNbd } from 'patronage';
 *
 * const fit = fitParetoNbd([
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
 * fit.model; // => 'paretoNbd'
 * Object.keys(fit.params); // => ['r', 'alpha', 's', 'beta']
 * fit.converged; // => true
 * ```
 *
 * @category CLV models
 */
export function fitParetoNbd(
  rows: readonly CustomerSummaryRow[] | CustomerSummaryColumns,
  options?: FitOptions,
): ParetoNbdFit {
  const penalty = readFitOptions('fitParetoNbd', options);
  const compressed = continuousRows('fitParetoNbd', rows);
  return fitModel(PARETO_NBD, compressed, customerBaseHint(compressed, 'continuous'), penalty);
}
