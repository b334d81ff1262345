import type { CustomerSummaryColumns, CustomerSummaryRow } from '../bgNbd/fitBgNbd';
import {
  type CovariateFit,
  type CovariateFitOptions,
  fitWithCovariates,
  hasCovariates,
} from '../core/covariates';
import { customerBaseHint, fitModel } from '../core/fitCore';
import { readFitOptions } from '../core/fitOptions';
import { continuousRows } from '../core/rows';
import type { FitOptions, GgomNbdFit } from '../core/types';
import { GGOM_NBD_COVARIATES } from './covariateKernel';
import { GGOM_NBD } from './definition';

/**
 * Fits GGom/NBD with time-invariant covariates, as CLVTools' static-covariate `ggomnbd` (Bachmann, Meierer
 * & Näf 2021): customer i has α_i = α·exp(−γ_purchase·z_i) and β_i = β·exp(−γ_dropout·z_i), with r, b and s
 * common to all, so the purchase rate scales as exp(γ_purchase·z) and the Gompertz dropout hazard η·b·e^(bτ)
 * as exp(γ_dropout·z) (η ~ Gamma(s, β_i)). Options, result and errors as the covariate form of
 * {@link fitParetoNbd}; each distinct row's lifetime integral is its own quadrature, so the fit costs more
 * per row than the plain one (which shares the integrals between the rows of one frequency). See
 * `docs/model-covariates.md`.
 *
 * @param rows - `{ frequency, recency, T, weight?, covariates }` per customer
 * @param options - `covariates: { purchase, dropout }` (names), `constrain`, `fixed`, `start`,
 *   `penalty: { purchase?, dropout?, logParams? }` ({@link FitPenalty})
 * @returns the fit with `params` `{ r, alpha, b, s, beta }` (the baseline, for z = 0), `coefficients`, their
 *   standard errors and intervals, `constrained`, and `aic`, `bic`, `covariance`, `penalizedLogLikelihood`
 *   and `penalty` as every fit
 * @throws PatronageError as the covariate form of {@link fitParetoNbd}
 *
 * @example
 * ```ts
 * import { fitGgomNbd, probabilityAlive } from 'patronage';
 *
 * // frequency, recency, T, weight (customers) and whether they were acquired online
 * const histogram: [number, number, number, number, number][] = [
 *   [0, 0, 38, 180, 1], [0, 0, 38, 420, 0], [0, 0, 30, 105, 1], [0, 0, 30, 195, 0],
 *   [1, 4, 38, 50, 1], [1, 4, 38, 50, 0], [1, 30, 36, 50, 1], [1, 30, 36, 40, 0],
 *   [2, 10, 38, 24, 1], [2, 10, 38, 16, 0], [2, 33, 35, 28, 1], [2, 33, 35, 12, 0],
 *   [4, 20, 37, 14, 1], [4, 20, 37, 6, 0], [6, 35, 37, 12, 1], [6, 35, 37, 3, 0],
 *   [12, 36, 38, 4, 1], [12, 36, 38, 1, 0],
 * ];
 * const rows = histogram.map(([frequency, recency, T, weight, online]) => ({
 *   frequency, recency, T, weight, covariates: { online },
 * }));
 * const fit = fitGgomNbd(rows, { covariates: { purchase: ['online'] } });
 * Object.keys(fit.params); // => ['r', 'alpha', 'b', 's', 'beta']
 * // customers acquired online buy more often
 * (fit.coefficients.purchase['online'] ?? 0) > 0; // => true
 * // each customer's prediction uses their own covariates
 * const alive = probabilityAlive(fit, { frequency: 2, recency: 10, T: 38, covariates: { online: 1 } });
 * alive > 0 && alive < 1; // => true
 * ```
 *
 * @category CLV models
 */
export function fitGgomNbd(
  rows: readonly CustomerSummaryRow[],
  options: CovariateFitOptions<'ggomNbd'>,
): CovariateFit<'ggomNbd'>;

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
 * @throws PatronageError as {@link fitBgNbd}; `INVALID_OPTION` for `constrain`, `fixed`, `start`,
 *   `penalty.purchase` or `penalty.dropout` without `covariates`
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
): GgomNbdFit;
export function fitGgomNbd(
  rows: readonly CustomerSummaryRow[] | CustomerSummaryColumns,
  options?: FitOptions | CovariateFitOptions<'ggomNbd'>,
): GgomNbdFit | CovariateFit<'ggomNbd'> {
  if (hasCovariates(options))
    return fitWithCovariates('fitGgomNbd', GGOM_NBD, GGOM_NBD_COVARIATES, rows, options);
  const penalty = readFitOptions('fitGgomNbd', options, true);
  const compressed = continuousRows('fitGgomNbd', rows);
  return fitModel(GGOM_NBD, compressed, customerBaseHint(compressed, 'continuous'), penalty);
}
