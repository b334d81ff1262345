// Predictions of the correlated Pareto/NBD (Glady, Lemmens & Croux 2015), on validated parameters and ω.
// Internal. Each is a combination of the plain model's predictions at the four parameter sets of
// ./correlation.ts: with the mixture weights for a customer just acquired, with the posterior weights
// (mixture weight × the set's likelihood of the history) given a history.
//
// With covariates (./covariateMixture.ts) the Sarmanov density mixes the baseline rates, so the weights are
// the baseline's (the fit's parameters) and customer i's set k is the baseline's set k scaled by the
// customer's covariates: α_ik = (α + a_k)·exp(−γ_purchase·z_i), β_ik = (β + b_k)·exp(−γ_dropout·z_i). The
// predictions are handed the customer's parameters (α_i = α·exp(−γ_purchase·z_i), as for every model with
// covariates), and read the two factors as α_i/α and β_i/β.

import { exponentialDraw, logGammaDraw, poissonArrivals } from '../../math/random';
import type { ModelPredictions } from '../core/definition';
import type { ParetoNbdParams } from '../core/types';
import { laplaceTerm, mixtureWeights, posteriorWeights, shiftedSets } from './correlation';
import { paretoLogTerms } from './likelihood';
import { paretoNbdPredictions } from './predictions';

/** The plain predictions combined here (all defined by the plain model). */
const plain = paretoNbdPredictions as Required<
  Pick<
    ModelPredictions<ParetoNbdParams>,
    | 'probabilityAlive'
    | 'probabilityAliveLater'
    | 'purchaseRateAliveLater'
    | 'expectedIfAlive'
    | 'conditionalExpectedPurchases'
    | 'discountedExpectedTransactions'
    | 'conditionalPurchaseProbability'
    | 'expectedPurchases'
    | 'purchaseProbability'
  >
>;

// scratch for the ₂F₁ terms; overwritten on every call
const atTx = { value: 0, dr: 0, dAlpha: 0, ds: 0, dBeta: 0 };
const atT = { value: 0, dr: 0, dAlpha: 0, ds: 0, dBeta: 0 };

/**
 * ln of a set's likelihood of (x, t_x, T) without the factor Γ(r+x)/Γ(r) that the four sets share:
 * r ln α + s ln β + ln of the bracket; NaN where a series does not settle.
 */
function logLikelihoodOf({ r, alpha, s, beta }: ParetoNbdParams, x: number, tx: number, T: number): number {
  const terms = paretoLogTerms(r, alpha, s, beta, x, tx, T, atTx, atT);
  return r * Math.log(alpha) + s * Math.log(beta) + terms.logBracket;
}

/** ln of a set's likelihood of being alive at T after (x, T), without Γ(r+x)/Γ(r) (it does not need t_x). */
function logAliveOf({ r, alpha, s, beta }: ParetoNbdParams, x: number, T: number): number {
  return r * Math.log(alpha / (alpha + T)) + s * Math.log(beta / (beta + T)) - x * Math.log(alpha + T);
}

/**
 * The four sets of a customer whose parameters are `own`: the baseline's sets, each α scaled by
 * own.α/baseline.α and each β by own.β/baseline.β (the customer's covariate factors; the baseline's own sets
 * when `own` is the baseline).
 */
function customerSets(baseline: ParetoNbdParams, own: ParetoNbdParams): ParetoNbdParams[] {
  const sets = shiftedSets(baseline);
  if (own === baseline) return sets;
  const purchase = own.alpha / baseline.alpha;
  const dropout = own.beta / baseline.beta;
  return sets.map(({ alpha, beta }) => ({
    r: own.r,
    alpha: alpha * purchase,
    s: own.s,
    beta: beta * dropout,
  }));
}

/**
 * Σₖ (posterior weight)ₖ·predictionₖ over the four sets given (x, t_x, T), or NaN; each prediction is handed
 * its set and the set's ln L of the history (as {@link logLikelihoodOf}).
 */
function combineConditional(
  baseline: ParetoNbdParams,
  params: ParetoNbdParams,
  omega: number,
  x: number,
  tx: number,
  T: number,
  prediction: (set: ParetoNbdParams, logLikelihood: number) => number,
): number {
  const sets = customerSets(baseline, params);
  const logs = sets.map((set) => logLikelihoodOf(set, x, tx, T));
  const weights: number[] = [0, 0, 0, 0];
  if (!posteriorWeights(mixtureWeights(baseline, omega), logs, weights)) return Number.NaN;
  let sum = 0;
  sets.forEach((set, k) => {
    const weight = weights[k] as number;
    if (weight !== 0) sum += weight * prediction(set, logs[k] as number);
  });
  return sum;
}

/** Σₖ wₖ·predictionₖ with the mixture weights (a customer just acquired). */
function combineUnconditional(
  baseline: ParetoNbdParams,
  params: ParetoNbdParams,
  omega: number,
  prediction: (set: ParetoNbdParams) => number,
): number {
  const weights = mixtureWeights(baseline, omega);
  let sum = 0;
  customerSets(baseline, params).forEach((set, k) => {
    const weight = weights[k] as number;
    if (weight !== 0) sum += weight * prediction(set);
  });
  return sum;
}

/** A probability from a signed combination: in [0, 1] mathematically, so only rounding is trimmed. */
function probability(value: number): number {
  return Number.isNaN(value) ? value : Math.min(1, Math.max(0, value));
}

/** A non-negative expectation from a signed combination, rounding below 0 trimmed. */
function nonNegative(value: number): number {
  return Number.isNaN(value) ? value : Math.max(0, value);
}

/**
 * The predictions of the correlated Pareto/NBD with coefficient ω and the fit's parameters `baseline`: the
 * plain model's, combined over the four parameter sets. Each prediction takes the customer's parameters:
 * the baseline itself without covariates, or the baseline scaled by the customer's covariates (see the
 * file's comment). `probabilityAliveInto` and `purchaseProbabilityAtLeast` are left out (bulk scoring and
 * the "or more" bin fall back to the per-customer and 1 − Σ forms).
 */
export function correlatedParetoNbdPredictions(
  omega: number,
  baseline: ParetoNbdParams,
): ModelPredictions<ParetoNbdParams> {
  const conditional = (
    params: ParetoNbdParams,
    x: number,
    tx: number,
    T: number,
    prediction: (set: ParetoNbdParams, logLikelihood: number) => number,
  ): number => combineConditional(baseline, params, omega, x, tx, T, prediction);
  const unconditional = (params: ParetoNbdParams, prediction: (set: ParetoNbdParams) => number): number =>
    combineUnconditional(baseline, params, omega, prediction);
  return {
    probabilityAlive: (params, x, tx, T) =>
      probability(conditional(params, x, tx, T, (set) => plain.probabilityAlive(set, x, tx, T))),

    probabilityAliveLater: (params, x, tx, T, h) =>
      probability(conditional(params, x, tx, T, (set) => plain.probabilityAliveLater(set, x, tx, T, h))),

    purchaseRateAliveLater: (params, x, tx, T, g) =>
      nonNegative(conditional(params, x, tx, T, (set) => plain.purchaseRateAliveLater(set, x, tx, T, g))),

    /**
     * E[purchases in (T, T + t] | alive at T]: the sets weighted by mixture weight × the likelihood of being
     * alive at T (which does not involve t_x), so that P(alive)·this is the conditional expectation.
     */
    expectedIfAlive: (params, x, T, t) => {
      if (t === 0) return 0;
      const sets = customerSets(baseline, params);
      const weights: number[] = [0, 0, 0, 0];
      const logs = sets.map((set) => logAliveOf(set, x, T));
      if (!posteriorWeights(mixtureWeights(baseline, omega), logs, weights)) return Number.NaN;
      let sum = 0;
      sets.forEach((set, k) => {
        const weight = weights[k] as number;
        if (weight !== 0) sum += weight * plain.expectedIfAlive(set, x, T, t);
      });
      return nonNegative(sum);
    },

    conditionalExpectedPurchases: (params, x, tx, T, t) =>
      t === 0
        ? 0
        : nonNegative(
            conditional(params, x, tx, T, (set) => plain.conditionalExpectedPurchases(set, x, tx, T, t)),
          ),

    discountedExpectedTransactions: (params, x, tx, T, delta) =>
      nonNegative(
        conditional(params, x, tx, T, (set) => plain.discountedExpectedTransactions(set, x, tx, T, delta)),
      ),

    conditionalPurchaseProbability: (params, x, tx, T, count, t) =>
      probability(
        conditional(params, x, tx, T, (set) => plain.conditionalPurchaseProbability(set, x, tx, T, count, t)),
      ),

    expectedPurchases: (params, t) =>
      t === 0 ? 0 : nonNegative(unconditional(params, (set) => plain.expectedPurchases(set, t))),

    purchaseProbability: (params, count, t) =>
      probability(unconditional(params, (set) => plain.purchaseProbability(set, count, t))),

    /**
     * E[λ | x, t_x, T] and E[μ | x, t_x, T]: the plain posterior means of the four sets with the posterior
     * weights. A set's is its prior mean times the ratio of its likelihoods at the shape + 1 and at the shape
     * (the gamma identity λ·g(λ; r, α) = (r/α)·g(λ; r + 1, α)); with ln L without Γ(r+x)/Γ(r), λ's is
     * (r+x)/α·e^(ℓ(r+1) − ℓ(r)) and μ's s/β·e^(ℓ(s+1) − ℓ(s)).
     */
    posteriorMeans: (params, x, tx, T) => {
      const lambda = conditional(params, x, tx, T, (set, logLikelihood) => {
        const raised = logLikelihoodOf({ ...set, r: set.r + 1 }, x, tx, T);
        return ((set.r + x) / set.alpha) * Math.exp(raised - logLikelihood);
      });
      const mu = conditional(params, x, tx, T, (set, logLikelihood) => {
        const raised = logLikelihoodOf({ ...set, s: set.s + 1 }, x, tx, T);
        return (set.s / set.beta) * Math.exp(raised - logLikelihood);
      });
      return { lambda: nonNegative(lambda), mu: nonNegative(mu) };
    },

    /**
     * The baseline rates (λ₀, μ₀) from the Sarmanov density by rejection: independent gamma draws, kept with
     * probability (1 + ωφ₁φ₂)/M, M the density factor's largest value; the customer's rates λ₀·α/α_i and
     * μ₀·β/β_i (the baseline's own without covariates); then purchases at rate λ during an exponential
     * lifetime of rate μ.
     */
    simulateCustomer: (params, T, uniform, times, limit) => {
      const { r, alpha, s, beta } = baseline;
      const first = laplaceTerm(r, alpha, 1);
      const second = laplaceTerm(s, beta, 1);
      const c1 = first.c;
      const c2 = second.c;
      const largest =
        1 +
        (omega >= 0
          ? omega * Math.max(c1 * c2, first.oneMinus * second.oneMinus)
          : -omega * Math.max(c1 * second.oneMinus, first.oneMinus * c2));
      let lambda: number;
      let mu: number;
      for (;;) {
        lambda = Math.exp(logGammaDraw(uniform, r)) / alpha;
        mu = Math.exp(logGammaDraw(uniform, s)) / beta;
        const factor = 1 + omega * (Math.exp(-lambda) - c1) * (Math.exp(-mu) - c2);
        if (uniform() * largest <= factor) break;
      }
      if (params !== baseline) {
        lambda *= alpha / params.alpha;
        mu *= beta / params.beta;
      }
      const end = Math.min(T, exponentialDraw(uniform) / mu);
      poissonArrivals(uniform, lambda, end, times, limit);
    },
  };
}
