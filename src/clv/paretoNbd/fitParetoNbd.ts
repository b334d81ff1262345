import type { CustomerSummaryColumns, CustomerSummaryRow } from '../bgNbd/fitBgNbd';
import type { CovariatePathRow } from '../core/covariatePaths';
import {
  type CovariateFit,
  type CovariateFitOptions,
  fitWithCovariates,
  hasCovariates,
} from '../core/covariates';
import { customerBaseHint, fitModel } from '../core/fitCore';
import { readFitOptions } from '../core/fitOptions';
import { continuousRows } from '../core/rows';
import type { FitOptions, ParetoNbdFit } from '../core/types';
import { PARETO_NBD_COVARIATES } from './covariateKernel';
import { PARETO_NBD } from './definition';

/**
 * Fits Pareto/NBD with time-invariant covariates (Bachmann, Meierer & Näf 2021, as CLVTools does): customer
 * i has α_i = α·exp(−γ_purchase·z_i) and β_i = β·exp(−γ_dropout·z_i), so the purchase rate scales as
 * exp(γ_purchase·z) and the dropout rate as exp(γ_dropout·z). Each row carries its `covariates`; the
 * result adds `coefficients` with standard errors from the same observed information as the parameters.
 * The maximised objective is −ln L/n + λ_purchase·Σγ² + λ_dropout·Σγ² with `penalty` (CLVTools'
 * `reg.lambdas`), plus c·Σ(ln θ)² with `penalty.logParams` as without covariates; `logLikelihood` stays
 * the unpenalised one. `aic`, `bic` and `covariance` count the model's parameters and the estimated
 * coefficients, so {@link likelihoodRatioTest} compares the fit with the fit without covariates. See
 * `docs/model-covariates.md`.
 *
 * @param rows - `{ frequency, recency, T, weight?, covariates }` per customer
 * @param options - `covariates: { purchase, dropout }` (names), `constrain`, `fixed`, `start`,
 *   `penalty: { purchase?, dropout?, logParams? }` ({@link FitPenalty})
 * @returns the fit with `coefficients`, `coefficientStandardErrors`, `coefficientConfidenceIntervals`,
 *   `constrained`, and `aic`, `bic`, `covariance`, `penalizedLogLikelihood` and `penalty` as every fit
 * @throws PatronageError as {@link fitBgNbd}, and `MISSING_COVARIATE` naming the row (and its `customerId`)
 *   and the covariate it lacks, `NOT_FINITE` for a covariate that is not finite, `UNKNOWN_COVARIATE` for
 *   `constrain`, `fixed` or `start` naming a covariate the sets do not list, `COLLINEAR_COVARIATES` naming
 *   the columns of a design without full rank (a constant covariate included), `INVALID_OPTION` for an
 *   unknown option key.
 *
 * @example
 * ```ts
 * import { fitParetoNbd } from 'patronage';
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
 * const fit = fitParetoNbd(rows, { covariates: { purchase: ['online'], dropout: ['online'] } });
 * fit.converged; // => true
 * // customers acquired online buy more often
 * (fit.coefficients.purchase['online'] ?? 0) > 0; // => true
 * ```
 *
 * @category CLV models
 */
export function fitParetoNbd(
  rows: readonly CustomerSummaryRow[],
  options: CovariateFitOptions<'paretoNbd'>,
): CovariateFit<'paretoNbd'>;
/**
 * Fits Pareto/NBD with time-varying covariates (Bachmann, Meierer & Näf 2021; CLVTools'
 * `SetDynamicCovariates`): while alive, customer i buys at rate λ·exp(γ_purchase·z_i(t)) and drops out at
 * hazard μ·exp(γ_dropout·z_i(t)), with z_i(t) constant within each period of the customer's `covariatePath`. The
 * likelihood is exact: with the exposures A(t) = ∫₀ᵗ exp(γ_purchase·z) and B(t) likewise, it is Fader &
 * Hardie's (2005) form with α + A(t), β + B(t) in place of α + t, β + t, the covariates in effect at each
 * repeat purchase (`purchaseTimes`), and the dropout integral over (t_x, T] summed segment by segment, each
 * segment the plain model's ₂F₁ term at shifted α, β (no quadrature). Consecutive periods with the same
 * values are merged. The result has the shape of the fit with time-invariant covariates, with
 * `timeVarying: true`; `constrain`, `fixed`, `start` and `penalty` work as there. Its gradient is by
 * central differences of the likelihood. See `docs/model-covariates.md`, "Time-varying covariates".
 *
 * @param rows - `{ frequency, recency, T, weight?, purchaseTimes, covariatePath, covariates? }` per customer
 *   ({@link CovariatePathRow}), times in one unit since each customer's first purchase
 * @param options - as for time-invariant covariates: `covariates: { purchase, dropout }`, `constrain`,
 *   `fixed`, `start`, `penalty`; a named covariate is read from each period, or from the row's
 *   `covariates` when the periods do not carry it
 * @returns the fit with `coefficients` and their standard errors, and `timeVarying: true`
 * @throws PatronageError as the fit with time-invariant covariates, and `INVALID_COVARIATE_PATH` naming
 *   the row (and its `customerId`) and the period for a path with a gap or an overlap, one that starts
 *   after 0 or ends before T, a covariate given both in a period and in `covariates`, and `purchaseTimes`
 *   that are not `frequency` ascending times ending at `recency`; `MISSING_COVARIATE` for a covariate a
 *   period lacks.
 *
 * @example
 * ```ts
 * import { fitParetoNbd, type CovariatePathRow } from 'patronage';
 *
 * // weekly customers; weeks 4–8 of each were a promotion, when the buyers bought more
 * const promotion = (start: number, end: number) => [
 *   { start, end: 4, covariates: { promotion: 0 } },
 *   { start: 4, end: 8, covariates: { promotion: 1 } },
 *   { start: 8, end, covariates: { promotion: 0 } },
 * ];
 * const histories: [number[], number, number][] = [
 *   [[], 12, 40], [[5, 6, 7], 12, 10], [[1, 5, 6], 12, 10], [[5], 12, 30], [[2, 10], 12, 20],
 *   [[4.5, 5.5, 6.5, 7.5, 11], 12, 6], [[], 10, 40], [[6, 7], 10, 10],
 * ];
 * const rows: CovariatePathRow[] = histories.map(([purchaseTimes, T, weight]) => ({
 *   frequency: purchaseTimes.length,
 *   recency: purchaseTimes.at(-1) ?? 0,
 *   T,
 *   weight,
 *   purchaseTimes,
 *   covariatePath: promotion(0, T),
 * }));
 * const fit = fitParetoNbd(rows, { covariates: { purchase: ['promotion'] } });
 * fit.timeVarying; // => true
 * // purchases were more frequent during the promotion
 * (fit.coefficients.purchase['promotion'] ?? 0) > 0; // => true
 * ```
 *
 * @category CLV models
 */
export function fitParetoNbd(
  rows: readonly CovariatePathRow[],
  options: CovariateFitOptions<'paretoNbd'>,
): CovariateFit<'paretoNbd'>;
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
 * @throws PatronageError as {@link fitBgNbd}; `INVALID_OPTION` for `constrain`, `fixed`, `start`,
 *   `penalty.purchase` or `penalty.dropout` without `covariates`
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
): ParetoNbdFit;
export function fitParetoNbd(
  rows: readonly CustomerSummaryRow[] | readonly CovariatePathRow[] | CustomerSummaryColumns,
  options?: FitOptions | CovariateFitOptions<'paretoNbd'>,
): ParetoNbdFit | CovariateFit<'paretoNbd'> {
  if (hasCovariates(options))
    return fitWithCovariates('fitParetoNbd', PARETO_NBD, PARETO_NBD_COVARIATES, rows, options);
  const penalty = readFitOptions('fitParetoNbd', options, true);
  const compressed = continuousRows('fitParetoNbd', rows);
  return fitModel(PARETO_NBD, compressed, customerBaseHint(compressed, 'continuous'), penalty);
}
