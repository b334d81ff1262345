import type { CustomerSummaryColumns, CustomerSummaryRow } from '../bgNbd/fitBgNbd';
import { customerBaseHint, fitModel } from '../core/fitCore';
import { readFitOptions } from '../core/fitOptions';
import { continuousRows } from '../core/rows';
import type { FitOptions, GgomNbdFit } from '../core/types';
import { GGOM_NBD } from './definition';

/**
 * Fits the GGom/NBD model (Bemmaor & Glady 2012, "Modeling Purchasing Behavior with Sudden 'Death': A
 * Flexible Customer Lifetime Model", Management Science 58(5); CLVTools `ggomnbd`) by maximum likelihood:
 * while alive a customer buys at rate λ ~ Gamma(r, alpha); the lifetime has the Gompertz hazard η·b·e^(bτ)
 * with η ~ Gamma(s, beta), so the dropout rate can rise (b large) or stay flat with age, and as b → 0 with
 * beta/b fixed the model becomes Pareto/NBD with that beta.
 *
 * The likelihood's lifetime integral has no closed form: it is computed by adaptive Gauss–Kronrod
 * quadrature in log space, shared between the customers of one frequency, with the exact gradient of the
 * same quadrature (docs/model-ggom-nbd.md). Times are in the rows' unit; `alpha` comes back in that unit,
 * `b` per that unit, `beta` without one. When the data are as well described by Pareto/NBD (as CDNOW is),
 * b and beta run towards 0 together and the fit says so (`converged: false`, with the reason); its
 * predictions are then those of the Pareto/NBD limit.
 *
 * @param rows - `{ frequency, recency, T, weight? }` per customer, or the same as columns
 *   ({@link CustomerSummaryColumns})
 * @param options - `penalty: { logParams: c }` (c from 0 to 1e6, default 0): maximise ln L − n·c·Σ (ln θ)² instead of
 *   ln L, shrinking the parameters towards 1 on small data ({@link FitPenalty}); `logLikelihood` stays the
 *   unpenalised value, and `penalizedLogLikelihood` is the objective
 * @returns the fit, with `params` `{ r, alpha, b, s, beta }`
 * @throws PatronageError as {@link fitBgNbd}
 *
 * @example
 * ```ts
 * import { fitGgomNbd, probabilityAlive } from 'patronage';
 *
 * const fit = fitGgomNbd([
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
 * fit.model; // => 'ggomNbd'
 * Object.keys(fit.params); // => ['r', 'alpha', 'b', 's', 'beta']
 * const alive = probabilityAlive(fit, { frequency: 2, recency: 10, T: 38 });
 * alive > 0 && alive < 1; // => true
 * ```
 *
 * @category CLV models
 */
export function fitGgomNbd(
  rows: readonly CustomerSummaryRow[] | CustomerSummaryColumns,
  options?: FitOptions,
): GgomNbdFit {
  const penalty = readFitOptions('fitGgomNbd', options);
  const compressed = continuousRows('fitGgomNbd', rows);
  return fitModel(GGOM_NBD, compressed, customerBaseHint(compressed, 'continuous'), penalty);
}
