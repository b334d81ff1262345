import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { optionKeys, requireKnownKeys } from '../../internal/validate';
import type { CustomerSummaryColumns, CustomerSummaryRow } from '../bgNbd/fitBgNbd';
import type { CovariatePathRow } from '../core/covariatePaths';
import {
  COVARIATE_OPTION_KEYS,
  type CovariateFit,
  type CovariateFitOptions,
  fitWithCovariates,
  hasCovariates,
} from '../core/covariates';
import { customerBaseHint, fitModel } from '../core/fitCore';
import { readFitOptions } from '../core/fitOptions';
import { continuousRows } from '../core/rows';
import type {
  CorrelatedParetoNbdFit,
  ParetoNbdCorrelation,
  ParetoNbdFit,
  ParetoNbdFitOptions,
} from '../core/types';
import { PARETO_NBD_COVARIATES } from './covariateKernel';
import { PARETO_NBD_MIXTURE } from './covariateMixture';
import { PARETO_NBD } from './definition';
import { fitCorrelatedParetoNbd } from './fitCorrelated';

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
 * Fits the correlated Pareto/NBD with time-invariant covariates (CLVTools' `use.cor = TRUE` on data with
 * `SetStaticCovariates`): the Sarmanov density of the correlated fit mixes the baseline rates
 * λ₀ ~ Gamma(r, alpha) and μ₀ ~ Gamma(s, beta), and customer i buys at λ₀·exp(γ_purchase·z_i) and drops out
 * at μ₀·exp(γ_dropout·z_i). Each customer's likelihood is the correlated fit's combination of four plain
 * likelihoods, each set's α + a and β + b (a, b ∈ {0, 1}) scaled by the customer's covariates as the fit with
 * covariates scales α and β; ω, its range and Cor(λ, μ) are those of the baseline (as in CLVTools). The fit
 * starts from the fit with covariates and without correlation, then tries ω at 0 and halfway to either
 * bound. `constrain`, `fixed`, `start` and `penalty` work as with covariates alone (the penalty acts on
 * the coefficients and, with `logParams`, on ln r, ln α, ln s, ln β; never on ω). The result is the fit with
 * covariates plus `correlation` ({@link ParetoNbdCorrelation}); `covariance` lists `omega` last, and `aic`,
 * `bic` and {@link likelihoodRatioTest} count it, so the test against the fit with covariates alone has 1
 * degree of freedom. {@link logLikelihoodAt} evaluates such a fit (or CLVTools' estimates). The predictions
 * take it with each customer's `covariates`: the four sets are the baseline's scaled by the customer's
 * covariates, with the baseline's weights. Time-varying covariates with correlation are refused
 * (`INVALID_OPTION`). See `docs/model-covariates.md`, "Correlation with covariates".
 *
 * @param rows - `{ frequency, recency, T, weight?, covariates }` per customer
 * @param options - `correlation: true` with the options of the fit with covariates
 * @returns the fit with `coefficients` and `correlation: { omega, omegaStandardError, omegaBounds, estimate,
 *   standardError }`
 * @throws PatronageError as the fit with covariates; `INVALID_OPTION` for rows with covariate paths
 *
 * @example
 * ```ts
 * import { fitParetoNbd, likelihoodRatioTest } from 'patronage';
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
 * const covariates = { purchase: ['online'], dropout: ['online'] };
 * const uncorrelated = fitParetoNbd(rows, { covariates });
 * const fit = fitParetoNbd(rows, { covariates, correlation: true });
 * fit.covariance.parameters.at(-1); // => 'omega'
 * Math.abs(fit.correlation.estimate) <= 1; // => true
 * likelihoodRatioTest(uncorrelated, fit).degreesOfFreedom; // => 1
 * ```
 *
 * @category CLV models
 */
export function fitParetoNbd(
  rows: readonly CustomerSummaryRow[],
  options: CovariateFitOptions<'paretoNbd'> & { readonly correlation: true },
): CovariateFit<'paretoNbd'> & {
  /** The correlation of the baseline purchase and dropout rates. */
  readonly correlation: ParetoNbdCorrelation;
};
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
 * Fits the correlated Pareto/NBD (Glady, Lemmens & Croux 2015; CLVTools' `use.cor = TRUE`): the purchase
 * rate λ ~ Gamma(r, alpha) and the dropout rate μ ~ Gamma(s, beta) keep their marginal distributions but are
 * mixed by the Sarmanov density g(λ)h(μ)[1 + ω(e^−λ − c₁)(e^−μ − c₂)], c₁ = (α/(α+1))^r, c₂ = (β/(β+1))^s,
 * so that Cor(λ, μ) = ω c₁c₂ √(rs)/((α+1)(β+1)). Each customer's likelihood is a combination of four plain
 * Pareto/NBD likelihoods, at α or α + 1 and β or β + 1, with weights 1 + ωc₁c₂, −ωc₁c₂, −ωc₁c₂ and ωc₁c₂;
 * ω is estimated through a logistic between the bounds that keep the density non-negative, with the
 * analytic gradient. e^−λ takes λ per unit of the rows' time, so the model (not only its parameters)
 * depends on that unit: fit in the unit the reference uses (weeks for CLVTools' examples). The result adds
 * `correlation` ({@link ParetoNbdCorrelation}); `covariance`, `aic`, `bic` and {@link likelihoodRatioTest}
 * count ω as a fifth parameter, so the test against the plain fit has 1 degree of freedom. The predictions
 * take the fit as it is and use the correlated posterior ({@link probabilityAlive},
 * {@link expectedPurchases}, {@link customerLifetimeValue}, {@link scoreCustomers},
 * {@link discountedExpectedTransactions}, {@link conditionalPurchaseProbability}, {@link simulateCustomers}
 * and the others of Pareto/NBD that combine over the four sets); a prediction that cannot yet refuses it
 * with `UNSUPPORTED_MODEL`. See docs/model-comparison.md, "Correlated purchase and dropout".
 *
 * @param rows - `{ frequency, recency, T, weight? }` per customer, or the same as columns
 *   ({@link CustomerSummaryColumns})
 * @param options - `correlation: true`; `penalty: { logParams: c }` adds c·Σ(ln θ)² over r, alpha, s and beta
 *   (not ω) to −ln L/n, as for the plain fit; with `covariates`, see the correlated fit with covariates
 *   above
 * @returns the fit with `correlation: { omega, omegaStandardError, omegaBounds, estimate, standardError }`
 * @throws PatronageError as the plain fit; `INVALID_ARGUMENT` for a `correlation` that is not a boolean
 *
 * @example
 * ```ts
 * import { fitParetoNbd, likelihoodRatioTest, probabilityAlive } from 'patronage';
 *
 * const rows = [
 *   { frequency: 0, recency: 0, T: 38, weight: 600 },
 *   { frequency: 0, recency: 0, T: 30, weight: 300 },
 *   { frequency: 1, recency: 4, T: 38, weight: 100 },
 *   { frequency: 1, recency: 30, T: 36, weight: 90 },
 *   { frequency: 2, recency: 10, T: 38, weight: 40 },
 *   { frequency: 2, recency: 33, T: 35, weight: 40 },
 *   { frequency: 4, recency: 20, T: 37, weight: 20 },
 *   { frequency: 6, recency: 35, T: 37, weight: 15 },
 *   { frequency: 12, recency: 36, T: 38, weight: 5 },
 * ];
 * const plain = fitParetoNbd(rows);
 * const correlated = fitParetoNbd(rows, { correlation: true });
 * correlated.covariance.parameters; // => ['r', 'alpha', 's', 'beta', 'omega']
 * Math.abs(correlated.correlation.estimate) <= 1; // => true
 * likelihoodRatioTest(plain, correlated).degreesOfFreedom; // => 1
 * const p = probabilityAlive(correlated, { frequency: 2, recency: 10, T: 38 });
 * p > 0 && p < 1; // => true
 * ```
 *
 * @category CLV models
 */
export function fitParetoNbd(
  rows: readonly CustomerSummaryRow[] | CustomerSummaryColumns,
  options: ParetoNbdFitOptions & { readonly correlation: true },
): CorrelatedParetoNbdFit;
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
  options?: ParetoNbdFitOptions & { readonly correlation?: false },
): ParetoNbdFit;
export function fitParetoNbd(
  rows: readonly CustomerSummaryRow[] | readonly CovariatePathRow[] | CustomerSummaryColumns,
  options?: ParetoNbdFitOptions | CovariateFitOptions<'paretoNbd'>,
):
  | ParetoNbdFit
  | CorrelatedParetoNbdFit
  | CovariateFit<'paretoNbd'>
  | (CovariateFit<'paretoNbd'> & { readonly correlation: ParetoNbdCorrelation }) {
  const { correlation, rest } = readCorrelation(options);
  if (hasCovariates(rest)) {
    return correlation
      ? fitWithCovariates('fitParetoNbd', PARETO_NBD, PARETO_NBD_COVARIATES, rows, rest, PARETO_NBD_MIXTURE)
      : fitWithCovariates('fitParetoNbd', PARETO_NBD, PARETO_NBD_COVARIATES, rows, rest);
  }
  const penalty = readFitOptions('fitParetoNbd', rest, true);
  const compressed = continuousRows('fitParetoNbd', rows);
  const hint = customerBaseHint(compressed, 'continuous');
  if (correlation) return fitCorrelatedParetoNbd(compressed, hint, penalty);
  return fitModel(PARETO_NBD, compressed, hint, penalty);
}

/**
 * Every option of fitParetoNbd, checked before `correlation` is taken out, so that a misspelt key is
 * refused with the nearest of all of them (`correlation_` suggests `correlation`, not `constrain`).
 */
const PARETO_NBD_OPTION_KEYS = /* @__PURE__ */ optionKeys<
  CovariateFitOptions<'paretoNbd'> & ParetoNbdFitOptions
>()(['correlation'], [COVARIATE_OPTION_KEYS]);

/** Takes `correlation` (a boolean, default false) out of the options; the rest is read as before. */
function readCorrelation(options: unknown): { correlation: boolean; rest: unknown } {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    return { correlation: false, rest: options };
  }
  requireKnownKeys(
    'fitParetoNbd',
    'options',
    options as Readonly<Record<string, unknown>>,
    PARETO_NBD_OPTION_KEYS,
  );
  if (!Object.hasOwn(options, 'correlation')) return { correlation: false, rest: options };
  const { correlation, ...rest } = options as Readonly<Record<string, unknown>>;
  if (correlation === undefined) return { correlation: false, rest };
  if (typeof correlation !== 'boolean') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `fitParetoNbd: options.correlation must be true or false, got ${describeValue(correlation)}`,
      { argument: 'options.correlation', value: correlation },
    );
  }
  return { correlation, rest };
}
