// Predictions of the NBD model (Ehrenberg 1959; the formulas of docs/model-nbd.md), on validated
// parameters. Internal. Notation: x repeat purchases observed for T; the rate λ ~ Gamma(r, α) never stops.

import { logGammaDraw, poissonArrivals } from '../../math/random';
import type { ModelPredictions } from '../core/definition';
import { logNbd, logNbdAtLeast } from '../core/nbd';
import type { NbdParams } from '../core/types';

/**
 * E[purchases in (T, T + t] | x, T] = t·(r+x)/(α+T): the posterior of λ after x purchases in T is
 * Gamma(r+x, α+T), and a customer never drops out, so this is also the expectation given alive.
 */
function expectedIfAlive({ r, alpha }: NbdParams, x: number, T: number, t: number): number {
  return t === 0 ? 0 : (t * (r + x)) / (alpha + T);
}

/**
 * The predictions of NBD. The model has no dropout, so P(alive) is 1 for every customer at every time by
 * its assumption (not an estimate): defining it lets NBD be scored and compared beside the models that
 * have one.
 */
export const nbdPredictions: ModelPredictions<NbdParams> = {
  probabilityAlive: () => 1,
  probabilityAliveLater: () => 1,
  expectedIfAlive,
  /** Nobody drops out: E[λ | x, T] = (r+x)/(α+T) at every g. */
  purchaseRateAliveLater: ({ r, alpha }, x, _tx, T) => (r + x) / (alpha + T),
  conditionalExpectedPurchases: (params, x, _tx, T, t) => expectedIfAlive(params, x, T, t),
  /** E[X(t)] = r·t/α. */
  expectedPurchases: ({ r, alpha }, t) => (t === 0 ? 0 : (r * t) / alpha),
  /**
   * Cov[X(u), X(v)] = (r/α)·u + (r/α²)·u·v for u ≤ v: given λ, Poisson counts (Var λu, independent
   * increments), and Var[λ] = r/α² shared by both ages.
   */
  purchaseCovariance: ({ r, alpha }, ages) => {
    const n = ages.length;
    const covariance = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        const u = ages[i] as number;
        const value = (r / alpha) * u + (r / (alpha * alpha)) * u * (ages[j] as number);
        covariance[i * n + j] = value;
        covariance[j * n + i] = value;
      }
    }
    return covariance;
  },
  /** P(X(t) = count): the negative binomial count. */
  purchaseProbability: ({ r, alpha }, count, t) => Math.exp(logNbd(r, alpha, count, t)),
  /** P(X(t) ≥ count): the negative binomial tail, a regularised incomplete beta. */
  purchaseProbabilityAtLeast: ({ r, alpha }, count, t) =>
    count === 0 ? 1 : t === 0 ? 0 : Math.exp(logNbdAtLeast(r, alpha, count, t)),

  /** P(count purchases in (T, T + t] | x, T): the NBD count at the posterior Gamma(r+x, α+T) rate. */
  conditionalPurchaseProbability: ({ r, alpha }, x, _tx, T, count, t) =>
    Math.exp(logNbd(r + x, alpha + T, count, t)),
  /**
   * DERT = ∫₀^∞ e^(−δu) E[λ | x, T] du = (r+x)/((α+T)·δ): with no dropout only the discounting keeps it
   * finite.
   */
  discountedExpectedTransactions: ({ r, alpha }, x, _tx, T, delta) => (r + x) / ((alpha + T) * delta),

  /** λ ~ Gamma(r, α), then purchases at the arrivals of a Poisson process of rate λ up to T (no dropout). */
  simulateCustomer: ({ r, alpha }, T, uniform, times, limit) => {
    const lambda = Math.exp(logGammaDraw(uniform, r)) / alpha;
    poissonArrivals(uniform, lambda, T, times, limit);
  },
};
