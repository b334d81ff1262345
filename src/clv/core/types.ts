import type { CustomerHistory } from '../../model/customerSummary';

export type { CustomerHistory };

/**
 * BG/NBD parameters (Fader, Hardie & Lee 2005): purchase rate λ ~ Gamma(r, alpha), dropout p ~ Beta(a, b).
 *
 * @category CLV models
 */
export interface BgNbdParams {
  /** Shape of the Gamma distribution of purchase rates. */
  readonly r: number;
  /** Scale of the Gamma distribution of purchase rates, in the data's time unit. */
  readonly alpha: number;
  /** First shape of the Beta distribution of the dropout probability. */
  readonly a: number;
  /** Second shape of the Beta distribution of the dropout probability. */
  readonly b: number;
}

/**
 * BG/CNBD-k and MBG/CNBD-k parameters (Platzer & Reutterer 2016; Reutterer, Platzer & Schröder 2020): BG/NBD's
 * with Erlang-k inter-purchase times, so that purchases come at a Gamma(k, λ) gap after each other (k = 1 is
 * BG/NBD's Poisson process), λ ~ Gamma(r, alpha), and the dropout p ~ Beta(a, b) after each purchase.
 *
 * @category CLV models
 */
export interface BgCnbdParams extends BgNbdParams {
  /** k, the whole number of exponential stages of each inter-purchase time (the regularity; 1 to 100). */
  readonly k: number;
}

/**
 * Pareto/NBD parameters (Schmittlein, Morrison & Colombo 1987): λ ~ Gamma(r, alpha), dropout rate μ ~ Gamma(s, beta).
 *
 * @category CLV models
 */
export interface ParetoNbdParams {
  /** Shape of the Gamma distribution of purchase rates. */
  readonly r: number;
  /** Scale of the Gamma distribution of purchase rates, in the data's time unit. */
  readonly alpha: number;
  /** Shape of the Gamma distribution of dropout rates. */
  readonly s: number;
  /** Scale of the Gamma distribution of dropout rates, in the data's time unit. */
  readonly beta: number;
}

/**
 * NBD parameters (Ehrenberg 1959): purchase rate λ ~ Gamma(r, alpha), no dropout.
 *
 * @category CLV models
 */
export interface NbdParams {
  /** Shape of the Gamma distribution of purchase rates. */
  readonly r: number;
  /** Scale of the Gamma distribution of purchase rates, in the data's time unit. */
  readonly alpha: number;
}

/**
 * GGom/NBD parameters (Bemmaor & Glady 2012): λ ~ Gamma(r, alpha); a lifetime τ with hazard η·e^(bτ)
 * (Gompertz), η ~ Gamma(s, beta), so that P(τ > t) = (beta / (beta + e^(bt) − 1))^s.
 *
 * @category CLV models
 */
export interface GgomNbdParams {
  /** Shape of the Gamma distribution of purchase rates. */
  readonly r: number;
  /** Scale of the Gamma distribution of purchase rates, in the data's time unit. */
  readonly alpha: number;
  /** The Gompertz rate, per unit of the data's time: how fast the dropout hazard grows with age. */
  readonly b: number;
  /** Shape of the Gamma distribution of the dropout scale η. */
  readonly s: number;
  /** Scale of the Gamma distribution of η, dimensionless: as b → 0, beta / b tends to Pareto/NBD's beta. */
  readonly beta: number;
}

/**
 * BG/BB parameters (Fader, Hardie & Shang 2010): purchase probability p ~ Beta(alpha, beta), dropout θ ~ Beta(gamma, delta).
 *
 * @category CLV models
 */
export interface BgBbParams {
  /** First shape of the Beta distribution of the transaction probability. */
  readonly alpha: number;
  /** Second shape of the Beta distribution of the transaction probability. */
  readonly beta: number;
  /** First shape of the Beta distribution of the dropout probability. */
  readonly gamma: number;
  /** Second shape of the Beta distribution of the dropout probability. */
  readonly delta: number;
}

/**
 * Gamma-Gamma parameters (Fader, Hardie & Lee 2005; Fader & Hardie 2013): spend per transaction ~ Gamma(p, ν), ν ~ Gamma(q, gamma).
 *
 * @category CLV models
 */
export interface GammaGammaParams {
  /** Shape of the Gamma distribution of transaction values. */
  readonly p: number;
  /** Shape of the Gamma distribution of the customers' scale ν. */
  readonly q: number;
  /** Scale of the Gamma distribution of ν, in money. */
  readonly gamma: number;
}

/**
 * Shifted-beta-geometric parameters (Fader & Hardie 2007): churn probability θ ~ Beta(alpha, beta).
 *
 * @category CLV models
 */
export interface ShiftedBetaGeometricParams {
  /** First shape of the Beta distribution of the churn probability. */
  readonly alpha: number;
  /** Second shape of the Beta distribution of the churn probability. */
  readonly beta: number;
}

/**
 * Beta-discrete-Weibull parameters (Fader, Hardie, Liu, Davin & Steenburgh 2018): a customer with churn
 * probability θ ~ Beta(alpha, beta) churns in period t with probability 1 − (1 − θ)^(t^c − (t−1)^c).
 *
 * @category CLV models
 */
export interface BetaDiscreteWeibullParams {
  /** First shape of the Beta distribution of θ. */
  readonly alpha: number;
  /** Second shape of the Beta distribution of θ. */
  readonly beta: number;
  /**
   * Duration dependence: above 1 each customer's churn probability rises with tenure, below 1 it falls,
   * and at 1 it is constant (the shifted beta-geometric).
   */
  readonly c: number;
}

/**
 * The name of each model, as a fit's `model` field gives it.
 *
 * @category CLV models
 */
export interface ModelParams {
  /** BG/NBD. */
  bgNbd: BgNbdParams;
  /** MBG/NBD (Batislam, Denizel & Filiztekin 2007): BG/NBD with a dropout chance right after the first purchase. */
  mbgNbd: BgNbdParams;
  /** Pareto/NBD. */
  paretoNbd: ParetoNbdParams;
  /** BG/CNBD-k (Platzer & Reutterer 2016): BG/NBD with Erlang-k inter-purchase times. */
  bgCnbd: BgCnbdParams;
  /** MBG/CNBD-k (Platzer & Reutterer 2016): MBG/NBD with Erlang-k inter-purchase times. */
  mbgCnbd: BgCnbdParams;
  /** NBD (no dropout). */
  nbd: NbdParams;
  /** GGom/NBD (Gamma-Gompertz dropout). */
  ggomNbd: GgomNbdParams;
  /** BG/BB. */
  bgBb: BgBbParams;
  /** Gamma-Gamma. */
  gammaGamma: GammaGammaParams;
  /** Shifted beta-geometric. */
  shiftedBetaGeometric: ShiftedBetaGeometricParams;
  /** Beta-discrete-Weibull. */
  betaDiscreteWeibull: BetaDiscreteWeibullParams;
}

/**
 * One of `'bgNbd' | 'mbgNbd' | 'paretoNbd' | 'bgCnbd' | 'mbgCnbd' | 'nbd' | 'ggomNbd' | 'bgBb' | 'gammaGamma' | 'shiftedBetaGeometric' | 'betaDiscreteWeibull'`.
 *
 * @category CLV models
 */
export type ModelName = keyof ModelParams;

/**
 * A fitted model: plain, serialisable data (JSON round-trips it), which every prediction function takes.
 * A fit made elsewhere (published parameters, a fit stored last week) works the same way: only `model` and
 * `params` are read by the predictions.
 *
 * @typeParam M - the model name
 *
 * @category CLV models
 */
export interface ModelFit<M extends ModelName = ModelName> {
  /** Which model. */
  readonly model: M;
  /**
   * Maximum-likelihood estimates, with the literature's names. When `logLikelihood` is null these are the
   * optimiser's first starting point, not estimates.
   */
  readonly params: ModelParams[M];
  /**
   * The maximised log-likelihood (natural log, the data's time unit; weights count as customers). Null
   * only when the likelihood could not be evaluated at any point tried; `converged` is then false, `reason`
   * says so, the standard errors and intervals are null, and the predictions refuse the fit (`INVALID_FIT`).
   */
  readonly logLikelihood: number | null;
  /**
   * Asymptotic standard errors from the inverse of the observed information (the Hessian of −log L at the
   * estimates); null when that matrix is not positive definite (a boundary or flat optimum), or when
   * `logLikelihood` is null.
   */
  readonly standardErrors: ModelParams[M] | null;
  /**
   * 95% confidence intervals `[lower, upper]`, computed on the log scale (exp(ln θ ± 1.96·SE/θ)) so that
   * they stay positive; null with the standard errors.
   */
  readonly confidenceIntervals: { readonly [K in keyof ModelParams[M]]: readonly [number, number] } | null;
  /** Optimiser iterations used. */
  readonly iterations: number;
  /**
   * Whether the optimiser met its gradient test at an interior point where the data identify the model (the
   * observed information, on the log-parameter scale, positive definite with smallest eigenvalue at least
   * 1e−10 of its largest). The estimates are the best point found either way.
   */
  readonly converged: boolean;
  /** Why the fit did not converge, or null. */
  readonly reason: string | null;
  /** Customers (or, for the contract models, cohort members) in the data: the sum of the weights. */
  readonly n: number;
  /** Distinct rows after identical rows were merged. */
  readonly distinctRows: number;
  /**
   * Akaike's information criterion, 2k − 2ℓ, with k the number of estimated parameters and ℓ the
   * (unpenalised) `logLikelihood`; lower is better. Null when `logLikelihood` is null or the criterion overflows
   * a double (weights near 1e308). See
   * docs/model-comparison.md.
   */
  readonly aic: number | null;
  /**
   * The Bayesian (Schwarz) information criterion, k ln n − 2ℓ, with n the customers (the sum of the row
   * weights, `n`); lower is better. Null when `logLikelihood` is null or the criterion overflows.
   */
  readonly bic: number | null;
  /**
   * The estimates' asymptotic covariance matrix in the natural parameters (the units of `params`), with the
   * parameters' order; its diagonal is the square of `standardErrors`. `matrix` is null, with the `reason`,
   * exactly when `standardErrors` is.
   */
  readonly covariance: ParameterCovariance;
  /**
   * The objective the fit maximised: `logLikelihood` minus the penalty of `options.penalty`, n·c·Σ(ln θ)²
   * over the natural parameters θ; equal to `logLikelihood` for a fit without a penalty, null with it.
   */
  readonly penalizedLogLikelihood: number | null;
  /**
   * The penalty the fit used (`options.penalty` with its coefficients above 0), or null for a plain
   * maximum-likelihood fit.
   */
  readonly penalty: FitPenalty | null;
}

/**
 * The asymptotic covariance of a fit's estimates: the inverse of the observed information matrix (the
 * Hessian of −ln L, or of the penalised objective for a penalised fit) in the natural parameters. The
 * optimiser works on log-parameters; at its optimum this equals the delta method applied to the
 * log-parameter covariance, Cov(θᵢ, θⱼ) = θᵢ θⱼ Cov(ln θᵢ, ln θⱼ).
 *
 * @category CLV models
 */
export interface ParameterCovariance {
  /** The parameter names, in the order of the rows and columns of `matrix` (the model's order). */
  readonly parameters: readonly string[];
  /** The symmetric covariance matrix, row by row; null when it is not available (see `reason`). */
  readonly matrix: readonly (readonly number[])[] | null;
  /**
   * Why `matrix` is null (the likelihood could not be evaluated, or the information matrix is not positive
   * definite: a boundary or flat optimum), or null when it is given.
   */
  readonly reason: string | null;
}

/**
 * Options of the model fits.
 *
 * @category CLV models
 */
export interface FitOptions {
  /** A penalty on the parameters, for small data sets (none by default). */
  readonly penalty?: FitPenalty;
}

/**
 * Options of {@link fitParetoNbd} without covariates.
 *
 * @category CLV models
 */
export interface ParetoNbdFitOptions extends FitOptions {
  /**
   * true: estimate the correlation between the purchase and dropout rates (Glady, Lemmens & Croux 2015),
   * returning a {@link CorrelatedParetoNbdFit}; false (the default): the plain model.
   */
  readonly correlation?: boolean;
}

/**
 * The penalties a fit may add to −ln L / n, the mean negative log-likelihood per customer it minimises:
 * `logParams` on the model's parameters (every fit), `purchase` and `dropout` on the covariate coefficients
 * (the fits with `covariates`; without them these are refused).
 *
 * @category CLV models
 */
export interface FitPenalty {
  /**
   * c from 0 to 1e6: adds c·Σ (ln θ)² over the model's natural parameters θ (in the rows' time unit, `gamma` in
   * money) to −ln L / n, which shrinks every parameter towards 1 as c grows; 0 (the default) is the plain
   * maximum-likelihood fit. The scale follows lifetimes' `penalizer_coef` (a penalty per customer), whose
   * term is c·Σ θ² instead. See docs/model-comparison.md.
   */
  readonly logParams?: number;
  /**
   * λ ≥ 0 of the purchase-process covariate coefficients (a fit with `covariates` only): adds λ·Σγ_purchase²
   * to −ln L / n (CLVTools' `reg.lambdas`).
   */
  readonly purchase?: number;
  /** λ ≥ 0 of the dropout-process covariate coefficients (a fit with `covariates` only), as `purchase`. */
  readonly dropout?: number;
}

/**
 * A fitted BG/NBD model.
 *
 * @category CLV models
 */
export type BgNbdFit = ModelFit<'bgNbd'>;
/**
 * A fitted MBG/NBD model.
 *
 * @category CLV models
 */
export type MbgNbdFit = ModelFit<'mbgNbd'>;
/**
 * The log-likelihood of one regularity k tried by {@link fitBgCnbd} or {@link fitMbgCnbd}.
 *
 * @category CLV models
 */
export interface RegularityLogLikelihood {
  /** The regularity k. */
  readonly k: number;
  /** The maximised log-likelihood at that k (with the inter-purchase-time term), or null if not evaluated. */
  readonly logLikelihood: number | null;
}

/**
 * A fitted BG/CNBD-k or MBG/CNBD-k model: `params` holds k beside the estimated r, alpha, a and b, whose
 * standard errors, intervals and covariance are given at that k (k is a whole number, chosen and not
 * estimated on a continuous scale, so it has none).
 *
 * @typeParam M - `'bgCnbd'` or `'mbgCnbd'`
 *
 * @category CLV models
 */
export interface CnbdFit<M extends 'bgCnbd' | 'mbgCnbd'>
  extends Omit<ModelFit<M>, 'standardErrors' | 'confidenceIntervals'> {
  /** Standard errors of r, alpha, a and b at the chosen k, or null (as every fit's `standardErrors`). */
  readonly standardErrors: BgNbdParams | null;
  /** 95% intervals of r, alpha, a and b at the chosen k, or null. */
  readonly confidenceIntervals: { readonly [K in keyof BgNbdParams]: readonly [number, number] } | null;
  /**
   * Each k tried, in increasing order, with its maximised log-likelihood: one entry when `options.k` is
   * given; otherwise k = 1, 2, … up to `maxK` (12 by default), stopping after two successive falls as
   * BTYDplus does. `params.k` is the k of the largest.
   */
  readonly regularity: readonly RegularityLogLikelihood[];
}

/**
 * A fitted BG/CNBD-k model.
 *
 * @category CLV models
 */
export type BgCnbdFit = CnbdFit<'bgCnbd'>;
/**
 * A fitted MBG/CNBD-k model.
 *
 * @category CLV models
 */
export type MbgCnbdFit = CnbdFit<'mbgCnbd'>;
/**
 * A fitted Pareto/NBD model.
 *
 * @category CLV models
 */
export type ParetoNbdFit = ModelFit<'paretoNbd'>;
/**
 * The correlation between the purchase and the dropout process of a correlated Pareto/NBD fit
 * ({@link fitParetoNbd} with `correlation: true`): the mixing density g(λ)h(μ)[1 + ω(e^−λ − c₁)(e^−μ − c₂)]
 * of Glady, Lemmens & Croux (2015), λ and μ per unit of the rows' time. See docs/model-comparison.md,
 * "Correlated purchase and dropout".
 *
 * @category CLV models
 */
export interface ParetoNbdCorrelation {
  /**
   * ω, the Sarmanov coefficient: 0 is the plain Pareto/NBD; its range (`omegaBounds`) keeps the density
   * non-negative and depends on the other parameters.
   */
  readonly omega: number;
  /** The asymptotic standard error of ω (from the fit's covariance), or null with the covariance. */
  readonly omegaStandardError: number | null;
  /** `[lower, upper]`, the range of ω at the estimates of r, alpha, s and beta. */
  readonly omegaBounds: readonly [number, number];
  /** Cor(λ, μ) = ω c₁c₂ √(rs)/((α+1)(β+1)), with c₁ = (α/(α+1))^r and c₂ = (β/(β+1))^s; in [−1, 1]. */
  readonly estimate: number;
  /** Its standard error by the delta method from the fit's covariance, or null with the covariance. */
  readonly standardError: number | null;
}

/**
 * A correlated Pareto/NBD fit ({@link fitParetoNbd} with `correlation: true`): `params` keeps r, alpha, s and
 * beta, `correlation` adds ω and Cor(λ, μ), and `covariance` lists `omega` after the four parameters; `aic`,
 * `bic` and {@link likelihoodRatioTest} count five parameters.
 *
 * @category CLV models
 */
export interface CorrelatedParetoNbdFit extends ModelFit<'paretoNbd'> {
  /** The correlation of the purchase and dropout rates. */
  readonly correlation: ParetoNbdCorrelation;
}
/**
 * A fitted NBD model.
 *
 * @category CLV models
 */
export type NbdFit = ModelFit<'nbd'>;
/**
 * A fitted GGom/NBD model.
 *
 * @category CLV models
 */
export type GgomNbdFit = ModelFit<'ggomNbd'>;
/**
 * A fitted BG/BB model.
 *
 * @category CLV models
 */
export type BgBbFit = ModelFit<'bgBb'>;
/**
 * A fitted Gamma-Gamma model, with the check of its independence assumption beside it.
 *
 * @category CLV models
 */
export interface GammaGammaFit extends ModelFit<'gammaGamma'> {
  /**
   * The Pearson correlation of frequency and mean spend over the customers fitted (weights count as
   * customers), in [−1, 1]: the model assumes a customer's spend per transaction does not depend on how
   * often they buy, and Fader & Hardie (2013) check that this correlation is weak (0.11 on CDNOW) before
   * using it. Null when every customer has the same frequency or the same mean spend.
   */
  readonly frequencySpendCorrelation: number | null;
}
/**
 * A fitted shifted beta-geometric model.
 *
 * @category CLV models
 */
export type ShiftedBetaGeometricFit = ModelFit<'shiftedBetaGeometric'>;
/**
 * A fitted beta-discrete-Weibull model.
 *
 * @category CLV models
 */
export type BetaDiscreteWeibullFit = ModelFit<'betaDiscreteWeibull'>;

/**
 * Covariate coefficients by process and name: the purchase rate scales as exp(γ_purchase·z), the dropout
 * as exp(γ_dropout·z) (see `docs/model-covariates.md` for each model's parameterisation).
 *
 * @category CLV models
 */
export interface Coefficients {
  /** Purchase-process coefficients by covariate name. */
  readonly purchase: Readonly<Record<string, number>>;
  /** Dropout-process coefficients by covariate name. */
  readonly dropout: Readonly<Record<string, number>>;
}

/**
 * What the prediction functions need of a fit: its model and parameters (and its coefficients, for a fit
 * with covariates).
 *
 * @category CLV models
 */
export interface ModelSpec<M extends ModelName = ModelName> {
  /** Which model. */
  readonly model: M;
  /** Its parameters. */
  readonly params: ModelParams[M];
  /**
   * The covariate coefficients of a fit with covariates ({@link fitParetoNbd}, {@link fitBgNbd} with
   * `covariates`): the predictions then use each customer's `covariates`.
   */
  readonly coefficients?: Coefficients;
  /**
   * ω of a correlated Pareto/NBD fit ({@link CorrelatedParetoNbdFit}): the predictions then use the
   * correlated posterior. Null or absent: no correlation.
   */
  readonly correlation?: {
    /** ω, within the range that keeps the mixing density non-negative ({@link ParetoNbdCorrelation}). */
    readonly omega: number;
  } | null;
}

/**
 * A customer's summary in discrete time, for BG/BB: x repeat transactions in n opportunities, the last at t_x.
 *
 * @category CLV models
 */
export interface DiscreteHistory {
  /** x: transactions in the opportunities after the first. */
  readonly frequency: number;
  /** t_x: the opportunity of the last transaction (0 without any). */
  readonly recency: number;
  /** n: transaction opportunities observed. */
  readonly periods: number;
}

/**
 * How a customer-base model observes a customer: in continuous time, (x, t_x, T) with times in the fit's
 * unit; or in discrete opportunities, (x, t_x, n) in whole opportunities. The public predictions validate
 * customers, windows and horizons by it.
 *
 * @category CLV models
 */
export type TimeAxis = 'continuous' | 'discrete';
