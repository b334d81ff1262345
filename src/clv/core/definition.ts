// What a model is to the rest of clv: its parameters, its likelihood and the predictions it defines. Each
// model folder exports one ModelDefinition; clv/registry.ts lists them by name. Internal.

import type { Objective } from '../../math/optimize';
import type { CompressedRows } from './rows';
import type { ModelName, ModelParams, TimeAxis } from './types';

export type { TimeAxis };

/** The largest value of a whole-number parameter ({@link ModelDefinition.wholeParameters}). */
export const MAX_WHOLE_PARAMETER = 100;

/**
 * A model's likelihood on one data set, over log-parameters (in the order of the definition's
 * `parameters`), as {@link ModelDefinition.likelihood} builds it for the fit.
 *
 * @category CLV models
 */
export interface Likelihood {
  /**
   * −log L divided by the total weight, over log-parameters; writes the analytic gradient (with respect
   * to the log-parameters) when asked. Non-finite for a point where the likelihood cannot be evaluated.
   */
  readonly objective: Objective;
  /**
   * The same objective on a weighted subsample of the rows (same time scale), for large data: the fit
   * maximises it first and starts the full fit from its optimum and curvature, which saves most of the
   * full-data iterations. The result is still the maximum of the full likelihood.
   */
  readonly pilot?: Objective | null;
  /**
   * When the pilot's optimum is on the boundary, continue the full fit from it (pulled back 2 units inside
   * the log-scale bound) instead of searching again from every start, and keep what that finds if it
   * reaches the boundary too or converges inside. For a model whose likelihood has a limit that is a common
   * optimum (GGom/NBD's b → 0, its Pareto/NBD limit), where the search from every start on all rows costs
   * most of the fit.
   */
  readonly followPilotToBoundary?: boolean;
  /**
   * The observed information matrix at log-parameters: −∂² ln L over the natural parameters θ = exp(log-
   * parameters) of the objective's scale, row-major, or null where it is not finite. When present the fit
   * takes the standard errors from it (one pass over the rows) instead of forward differences of the
   * gradient (one pass per parameter and one more).
   */
  readonly information?: ((logParams: Float64Array) => Float64Array | null) | undefined;
  /** Total weight (customers). */
  readonly total: number;
  /** Distinct rows. */
  readonly distinctRows: number;
  /**
   * Natural parameters from the optimiser's scale (undoes a time or money rescaling); identity when absent.
   * Each parameter is multiplied by its own factor, independent of the values (the fit driver relies on it).
   */
  readonly unscale?: (params: number[]) => number[];
  /** log L at natural, unscaled parameters from the scaled objective's value; identity when absent. */
  readonly unscaleLogLikelihood?: (logLikelihood: number) => number;
  /**
   * Lower bounds of the natural parameters (0 when absent): the optimiser's coordinate of a parameter θ with
   * bound b is ln(θ − b) (before `unscale`, which must leave such a parameter unscaled), so that θ > b
   * everywhere; its standard error and interval are taken on that scale. Gamma-Gamma's q under `qAboveOne`
   * has bound 1.
   */
  readonly lowerBounds?: readonly number[];
}

/**
 * The predictions a model may define, on validated parameters and inputs (finite, in range, consistent):
 * each public prediction looks its capability up in the registry and throws `UNSUPPORTED_MODEL` for a
 * model without it. In the customer-base ones, `T` is the observation length (n opportunities on the
 * discrete axis) and `x`, `tx` the literature's frequency and recency. They may return a non-finite number
 * where floating point overflows; the public prediction turns that into `NOT_FINITE`.
 *
 * @typeParam P - the model's parameters
 *
 * @category CLV models
 */
export interface ModelPredictions<P> {
  // method syntax on purpose: it lets the registry hold every model's definition under one type
  /** P(alive at T | x, t_x, T). */
  probabilityAlive?(params: P, x: number, tx: number, T: number): number;
  /**
   * `probabilityAlive` of customers `start` to `end − 1` of validated columns, written to `out` with the
   * same results to the bit: bulk scoring calls it once per block of customers where a model defines it,
   * so the parameters are read once and per-customer work can be shared (optional: without it bulk scoring
   * calls `probabilityAlive` per customer).
   */
  probabilityAliveInto?(
    params: P,
    frequency: ArrayLike<number>,
    recency: ArrayLike<number>,
    T: ArrayLike<number>,
    start: number,
    end: number,
    out: Float64Array,
  ): void;
  /**
   * `probabilityAliveInto` that also writes `probabilityDead` of customer i to `dead[i − start]`, both
   * from one evaluation of the terms they share and with the same results to the bit: bulk scoring calls
   * it where it needs both (the chance of no purchase); optional.
   */
  probabilityAliveAndDeadInto?(
    params: P,
    frequency: ArrayLike<number>,
    recency: ArrayLike<number>,
    T: ArrayLike<number>,
    start: number,
    end: number,
    alive: Float64Array,
    dead: Float64Array,
  ): void;
  /**
   * 1 − P(alive at T | x, t_x, T), computed directly (not as 1 − P(alive)) where a model has it; with
   * `quietIfAlive`, the n = 0 case of `conditionalPurchaseProbability` is min(1, dead + P(alive)·quiet).
   */
  probabilityDead?(params: P, x: number, tx: number, T: number): number;
  /**
   * P(no purchase in (T, T + t] | alive at T, x, T), which does not depend on t_x: bulk scoring keeps it
   * per distinct (x, T) and takes the n = 0 probability as min(1, `probabilityDead` + P(alive) times this),
   * the expression `conditionalPurchaseProbability` computes (which is 1 at t = 0). Continuous time.
   */
  quietIfAlive?(params: P, x: number, T: number, t: number): number;
  /** P(alive at T + horizon | x, t_x, T); equals `probabilityAlive` at horizon 0. */
  probabilityAliveLater?(params: P, x: number, tx: number, T: number, horizon: number): number;
  /**
   * E[λ·1{alive at T + g} | x, t_x, T]: the rate, per time unit, of purchases made at any moment of (T, T + g]
   * by customers still alive at T + g, that is ∂/∂s E[Y(s)·1{alive at T + g}] for 0 < s ≤ g (constant in s
   * for the Poisson-purchase models). At g = 0 it is P(alive)·E[λ(1 − p)] for the BG models (the purchase
   * must not end the customer's life) and P(alive)·E[λ] for the others. What `pointsForecast` weighs a
   * future credit's redemption chances with. Continuous time.
   */
  purchaseRateAliveLater?(params: P, x: number, tx: number, T: number, g: number): number;
  /**
   * E[purchases in (T, T + t] | alive at T, x, T], which does not depend on t_x: the conditional
   * expectation is P(alive) times this, and bulk scoring keeps it per distinct (x, T). Continuous time.
   */
  expectedIfAlive?(params: P, x: number, T: number, t: number): number;
  /** E[Y(t) | x, t_x, T]: expected purchases in (T, T + t]. */
  conditionalExpectedPurchases?(params: P, x: number, tx: number, T: number, t: number): number;
  /**
   * Draws one customer from the model (its rates from the mixing distributions, then its purchases) and
   * appends the times of its repeat purchases in (0, T] to `times`, in increasing order (discrete axis:
   * the opportunities 1 … T with a transaction), stopping once `times` holds more than `limit` entries.
   */
  simulateCustomer?(params: P, T: number, uniform: () => number, times: number[], limit: number): void;
  /**
   * DERT: the expected purchases after T discounted to T, over an infinite horizon. Continuous time: each
   * purchase at T + t weighs e^(−rate·t) (rate per time unit, continuously compounded); discrete time: the
   * transaction at opportunity n + i weighs (1 + rate)^(−i).
   */
  discountedExpectedTransactions?(params: P, x: number, tx: number, T: number, rate: number): number;
  /**
   * DERT given alive at T, which does not depend on t_x (continuous time, rate per time unit): where a model
   * has it, `discountedExpectedTransactions` is P(alive) times this, computed in that order, and bulk scoring
   * keeps it per distinct (x, T).
   */
  discountedIfAlive?(params: P, x: number, T: number, rate: number): number;
  /** E[X(t)]: expected repeat purchases in (0, t] of a customer just acquired. */
  expectedPurchases?(params: P, t: number): number;
  /**
   * Cov[X(u), X(v)] for a customer just acquired, at every pair of the given ages (all > 0, increasing):
   * entry i·n + j of the n × n result, the variance Var[X(u)] on the diagonal. What `cumulativeTracking`
   * adds up, over a cohort, into the covariance of its per-period purchases. Continuous time.
   */
  purchaseCovariance?(params: P, ages: readonly number[]): Float64Array;
  /** P(X(t) = count) for a customer just acquired. */
  purchaseProbability?(params: P, count: number, t: number): number;
  /**
   * P(X(t) ≥ count) for a customer just acquired, computed directly (never as 1 − Σ of the counts below):
   * the "or more" bin of `periodTransactions`, which falls back to 1 − Σ for a model without it.
   */
  purchaseProbabilityAtLeast?(params: P, count: number, t: number): number;
  /**
   * P(Y(t) = count | x, t_x, T): exactly `count` purchases in (T, T + t] given the history; the count-0 case
   * computed directly (the dead share plus the alive share that stays quiet), not as 1 − Σ.
   */
  conditionalPurchaseProbability?(
    params: P,
    x: number,
    tx: number,
    T: number,
    count: number,
    t: number,
  ): number;
  /**
   * E[M | x, m̄]: the expected value of a customer's future transactions given x of mean m̄ (x = 0: the
   * population mean). May throw `UNDEFINED_PREDICTION` where the expectation is infinite.
   */
  expectedAverageSpend?(params: P, x: number, m: number): number;
  /** S(t): the share of a contract cohort still active after t periods. */
  survival?(params: P, t: number): number;
  /** r(t) = S(t)/S(t − 1): the retention rate of period t ≥ 1. */
  retention?(params: P, t: number): number;
  /** P(T = t): the share of a contract cohort churning at the end of period t ≥ 1. */
  churn?(params: P, t: number): number;
  /** The discounted expected number of further payments of a customer after `renewals` renewals. */
  discountedResidualLifetime?(params: P, renewals: number, discountRate: number): number;
  /**
   * E[· | x, t_x, T] of each mixing distribution's variable, by its name in `mixing`, where the generic form
   * of `posteriorMeans` (the prior mean times the likelihood ratio at the shape + 1) does not hold: the
   * correlated Pareto/NBD, whose Sarmanov factor does not follow the shape. Models without it use that form.
   */
  posteriorMeans?(params: P, x: number, tx: number, T: number): Readonly<Record<string, number>>;
}

/**
 * Which of the two processes' covariates scale a model parameter (see `docs/model-covariates.md`).
 *
 * @category CLV models
 */
export type CovariateProcess = 'purchase' | 'dropout';

/**
 * How time-invariant covariates enter a model: each parameter θ becomes θ·exp(sign·γ·z) with the
 * coefficients γ of its process (or stays θ). All the predictions need; the registry holds it.
 *
 * @category CLV models
 */
export interface CovariateEffects {
  /** Per parameter (in the definition's order): its process, or null, and the sign of the exponent. */
  readonly effects: readonly { readonly process: CovariateProcess | null; readonly sign: 1 | -1 }[];
  /**
   * Per parameter: the power of the data's time unit it carries, so that the fit's rescaling of the times by
   * a factor c multiplies it by c^power: 1 for a parameter in the time unit (α, β of Pareto/NBD), −1 for one
   * per time unit (GGom/NBD's b), 0 for one without a unit.
   */
  readonly timePowers: readonly (-1 | 0 | 1)[];
}

/**
 * P(alive) and the conditional expected purchases of one customer along a piecewise-constant covariate
 * path (segments as {@link CovariateKernel.pathLogLikelihood} takes them, running to T + horizon), at the
 * fit's baseline parameters.
 */
export interface PathPredictions {
  probabilityAlive: PathPrediction;
  expectedPurchases: PathPrediction;
}

/** One of the {@link PathPredictions}: of a customer with history (x, t_x, T) over `horizon` past T. */
export type PathPrediction<P = Readonly<Record<string, number>>> = (
  params: P,
  x: number,
  tx: number,
  T: number,
  horizon: number,
  ends: Float64Array,
  purchase: Float64Array,
  dropout: Float64Array,
  counts: Float64Array,
) => number;

/** ψ, the mixing weight of a correlated model, with its gradient (see {@link CovariateMixture}). */
export interface MixturePsi {
  psi: number;
  /** The correlation coefficient ω that ψ was computed from. */
  omega: number;
  /** ∂ψ/∂ of the model's log-parameters, then of the mixing coordinate t. */
  readonly d: Float64Array;
}

/**
 * A correlated model as a signed mixture of the plain model at shifted parameters (Pareto/NBD's Sarmanov
 * density): a customer's likelihood is Σₖ wₖ Lₖ with wₖ = [k = 0] + signₖ·ψ and Lₖ the plain likelihood at the
 * baseline parameters plus `shifts[k]` time units, before the covariates scale them. Internal.
 */
export interface CovariateMixture {
  /** Per set, the units added to each baseline parameter (in the order of the definition's parameters). */
  readonly shifts: readonly (readonly number[])[];
  /** Per set, the sign of ψ in its weight. */
  readonly signs: readonly number[];
  /**
   * ψ at `logParams` (the model's log-parameters on the rescaled time axis, then the mixing coordinate t),
   * `unit` one time unit of the rows on that axis: at `omega` when given, else ω from t through the logistic
   * between its bounds. False where it is not finite.
   */
  psi(logParams: Float64Array, unit: number, omega: number | null, out: MixturePsi): boolean;
  /** The range of ω at natural parameters (in the rows' time unit). */
  bounds(params: readonly number[]): { lower: number; upper: number };
  /** Cor of the two rates at natural parameters and ω. */
  correlation(params: readonly number[], omega: number): number;
}

/**
 * The effects and the likelihood of one customer at its own parameters, for the fit with covariates (kept
 * out of the registry, so that the predictions do not carry the fit's code).
 *
 * @category CLV models
 */
export interface CovariateKernel extends CovariateEffects {
  /**
   * ln L of one customer at natural parameters `params`, writing its gradient with respect to their
   * logarithms when asked; non-finite where it cannot be evaluated.
   */
  rowLogLikelihood: RowLogLikelihood;
  /**
   * ln L of one customer along a piecewise-constant covariate path, for the fit with time-varying
   * covariates (absent: the model has none): baseline natural parameters `params`, segments `from` …
   * `to − 1` of `ends` (each from the previous end, or 0, to its end; the last ends at T), the purchase and
   * dropout linear predictors per segment (ln of the rate multipliers) and the repeat purchases per segment.
   * With `gradient`, writes ∂ ln L/∂ ln θ into it and ∂ ln L/∂ of each segment's two linear predictors
   * into `dPurchase` and `dDropout` (at the segments' indices).
   */
  pathLogLikelihood?: PathLogLikelihood;
}

/** The signature of {@link CovariateKernel.rowLogLikelihood}. */
export type RowLogLikelihood = (
  params: Float64Array,
  x: number,
  tx: number,
  T: number,
  gradient: Float64Array | null,
) => number;

/** The signature of {@link CovariateKernel.pathLogLikelihood}. */
export type PathLogLikelihood = (
  params: Float64Array,
  x: number,
  tx: number,
  T: number,
  ends: Float64Array,
  purchase: Float64Array,
  dropout: Float64Array,
  counts: Float64Array,
  from: number,
  to: number,
  gradient?: Float64Array | null,
  dPurchase?: Float64Array | null,
  dDropout?: Float64Array | null,
) => number;

/**
 * One of a model's heterogeneity (mixing) distributions: an individual rate or probability that varies
 * across customers as a gamma (shape, rate) or beta (two shapes) distribution of two of the model's
 * parameters. The posterior means and the mixing densities read it.
 *
 * @category CLV models
 */
export interface MixingDistribution {
  /** The individual quantity, in the literature's notation (`lambda`, `mu`, `p`, `theta`, `eta`, `nu`). */
  readonly name: string;
  /** `gamma`: density βᵏ xᵏ⁻¹ e^(−βx)/Γ(k) on x > 0; `beta`: x^(a−1)(1 − x)^(b−1)/B(a, b) on (0, 1). */
  readonly family: 'gamma' | 'beta';
  /** The parameter that is the gamma shape k, or the beta's first shape a. */
  readonly first: string;
  /** The parameter that is the gamma rate β (the literature's "scale" α of the NBD models is this rate), or the beta's second shape b. */
  readonly second: string;
}

/**
 * One model: everything the fit driver and the public predictions need of it.
 *
 * @typeParam M - the model name
 *
 * @category CLV models
 */
export interface ModelDefinition<M extends ModelName = ModelName> {
  /** The name, as a fit's `model` field gives it. */
  readonly name: M;
  /** Parameter names (the keys of `ModelParams[M]`), in the order of the optimiser's vectors. */
  readonly parameters: readonly string[];
  /** Starting points to try, as natural parameters (the best converged result wins). */
  readonly starts: readonly (readonly number[])[];
  /** How the model observes a customer; null for models of something else (spend, contracts). */
  readonly time: TimeAxis | null;
  /**
   * Parameters that are whole numbers from 1 to {@link MAX_WHOLE_PARAMETER}, held by the fit but not
   * estimated by the optimiser (CNBD-k's k): `requireModel` checks and copies them after `parameters`.
   */
  readonly wholeParameters?: readonly string[];
  /**
   * The likelihood of validated, compressed rows (the fit's row reader defines the columns), at the values
   * of `wholeParameters` in their order when the model has any.
   */
  likelihood(rows: CompressedRows, whole?: readonly number[]): Likelihood;
  /** The predictions the model defines. */
  readonly predictions: ModelPredictions<ModelParams[M]>;
  /** How time-invariant covariates enter the model, for the models that take them. */
  readonly covariates?: CovariateEffects;
  /** The model's mixing distributions (the heterogeneity of its individual rates). */
  readonly mixing: readonly MixingDistribution[];
  /**
   * The model with correlated mixing distributions (Pareto/NBD's Sarmanov density), for the fits whose
   * `correlation` gives its coefficient ω; absent for the models without one.
   */
  readonly correlation?: CorrelatedVariant<ModelParams[M]>;
}

/**
 * A model's variant with a correlation coefficient ω between its two mixing distributions.
 *
 * @typeParam P - the model's parameters
 *
 * @category CLV models
 */
export interface CorrelatedVariant<P> {
  /** The range of ω at the given parameters over which the mixing density is non-negative. */
  bounds(params: P): { lower: number; upper: number };
  /**
   * The predictions at coefficient ω and the fit's parameters `baseline` (those the variant defines): each
   * takes a customer's parameters, the baseline or, with covariates, the baseline scaled by the customer's
   * covariates as for the plain model (the mixing density, and so ω's weights, stay the baseline's). Its
   * likelihood is kept out of the registry, beside the fit and logLikelihoodAt, so that the predictions'
   * bundles do not carry it.
   */
  predictions(omega: number, baseline: P): ModelPredictions<P>;
}
