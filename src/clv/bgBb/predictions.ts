// Predictions of BG/BB (Fader, Hardie & Shang 2010), on validated parameters. Internal. Notation: x
// transactions in n opportunities, the last at opportunity t_x; future windows are whole opportunities.

import { betaExpectation } from '../../math/quadrature';
import { betaDraw } from '../../math/random';
import { digamma, logAddExp, logBeta, logGamma } from '../../math/special';
import type { ModelPredictions } from '../core/definition';
import type { BgBbParams } from '../core/types';
import { bgBbLogTerms } from './likelihood';

/** Σ_{i=1}^{N} B(γ, D+i)/B(γ, D): expected opportunities survived out of the next N. */
export function betaSurvivalSum(gamma: number, D: number, N: number): number {
  if (N <= 1e6) {
    let ratio = 1;
    let sum = 0;
    for (let i = 1; i <= N; i++) {
      ratio *= (D + i - 1) / (gamma + D + i - 1);
      sum += ratio;
    }
    return sum;
  }
  if (Math.abs(gamma - 1) < 1e-9) {
    // B(1, D+i)/B(1, D) = D/(D+i)
    return D * (digamma(D + N + 1) - digamma(D + 1));
  }
  // telescoping: Σ Γ(D+i)/Γ(γ+D+i) = [Γ(D+1)/Γ(γ+D) − Γ(D+N+1)/Γ(γ+D+N)]/(γ − 1)
  const lead = logGamma(gamma + D) - logGamma(D);
  const first = Math.exp(lead + logGamma(D + 1) - logGamma(gamma + D));
  const last = Math.exp(lead + logGamma(D + N + 1) - logGamma(gamma + D + N));
  return (first - last) / (gamma - 1);
}

/**
 * Σ_{i≥1} B(γ, D+i)/B(γ, D)·(1+d)^(−i) = E[(1 − θ)/(d + θ)] for θ ~ Beta(γ, D): the series term by term
 * (each term at most 1/(1+d) of the one before) while it settles within 10⁵ terms (d above 4·10⁻⁴), the
 * expectation by tanh-sinh quadrature below.
 */
function discountedSurvivalSum(gamma: number, D: number, d: number): number {
  if (d >= 4e-4) {
    const shrink = 1 / (1 + d);
    let term = 1;
    let sum = 0;
    for (let i = 1; i <= 200_000; i++) {
      term *= ((D + i - 1) / (gamma + D + i - 1)) * shrink;
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    return sum;
  }
  return betaExpectation(gamma, D, (theta, rest) => rest / (d + theta), true);
}

/** P(alive at the end of n | x, t_x, n), FHS (2010) eq. 11: the first term's share of the likelihood. */
function probabilityAlive(params: BgBbParams, x: number, tx: number, n: number): number {
  const { logAlive, logLikelihood } = bgBbLogTerms(params, x, tx, n);
  return Math.min(1, Math.exp(logAlive - logLikelihood));
}

/** The predictions of BG/BB. */
export const bgBbPredictions: ModelPredictions<BgBbParams> = {
  probabilityAlive,

  /** FHS (2010) eq. 13. */
  conditionalExpectedPurchases: (params, x, tx, n, future) => {
    if (future === 0) return 0;
    const alive = probabilityAlive(params, x, tx, n);
    const { alpha, beta, gamma, delta } = params;
    return alive * ((alpha + x) / (alpha + beta + n)) * betaSurvivalSum(gamma, delta + n, future);
  },

  /** FHS (2010) eq. 8: expected transactions in the first n opportunities of a new customer. */
  expectedPurchases: ({ alpha, beta, gamma, delta }, n) =>
    (alpha / (alpha + beta)) * betaSurvivalSum(gamma, delta, n),

  /** Alive at n, the customer survives h more opportunities with probability B(γ, δ+n+h)/B(γ, δ+n). */
  probabilityAliveLater: (params, x, tx, n, h) => {
    const alive = probabilityAlive(params, x, tx, n);
    const { gamma, delta } = params;
    return alive * Math.exp(logBeta(gamma, delta + n + h) - logBeta(gamma, delta + n));
  },

  /**
   * DERT, Fader, Hardie & Shang (2010), their DERT expression (BTYD's bgbb.DERT): P(alive)·(α+x)/(α+β+n)·Σ_{i≥1}
   * B(γ, δ+n+i)/B(γ, δ+n)·(1+d)^(−i), the ₂F₁(1, δ+n+1; γ+δ+n+1; 1/(1+d)) of the paper summed directly.
   */
  discountedExpectedTransactions: (params, x, tx, n, d) => {
    const { alpha, beta, gamma, delta } = params;
    const alive = probabilityAlive(params, x, tx, n);
    return alive * ((alpha + x) / (alpha + beta + n)) * discountedSurvivalSum(gamma, delta + n, d);
  },

  /**
   * p ~ Beta(α, β), θ ~ Beta(γ, δ); at each opportunity 1 … n the customer, if still alive, first drops out
   * with probability θ and otherwise transacts with probability p (the story of Fader, Hardie & Shang 2010).
   */
  simulateCustomer: ({ alpha, beta, gamma, delta }, n, uniform, times, limit) => {
    const p = betaDraw(uniform, alpha, beta);
    const theta = betaDraw(uniform, gamma, delta);
    const start = times.length;
    for (let opportunity = 1; opportunity <= n && times.length - start <= limit; opportunity++) {
      if (uniform() < theta) return;
      if (uniform() < p) times.push(opportunity);
    }
  },

  /** FHS (2010) eq. 7: P(X(n) = count) for a new customer. */
  purchaseProbability: ({ alpha, beta, gamma, delta }, count, n) =>
    countProbability(alpha, beta, gamma, delta, count, n),

  /**
   * Dead at the end of the n opportunities (probability 1 − P(alive)): no transaction in the next `future`.
   * Alive: p ~ Beta(α+x, β+n−x), θ ~ Beta(γ, δ+n), and the future is a BG/BB customer just acquired with
   * those mixing distributions (eq. 7 with the posterior parameters; Fader, Hardie & Shang 2010). The
   * count 0 adds the two shares, each computed directly.
   */
  conditionalPurchaseProbability: (params, x, tx, n, count, future) => {
    if (future === 0) return count === 0 ? 1 : 0;
    const { alpha, beta, gamma, delta } = params;
    const { logAlive, logLikelihood } = bgBbLogTerms(params, x, tx, n);
    const alive = Math.min(1, Math.exp(logAlive - logLikelihood));
    const later = countProbability(alpha + x, beta + n - x, gamma, delta + n, count, future);
    if (count > 0) return alive * later;
    return Math.min(1, Math.exp(logDead(params, x, tx, n) - logLikelihood) + alive * later);
  },
};

/** ln of the likelihood's dying terms (dropped out after opportunity t_x + i, i < n − t_x); −∞ when t_x = n. */
function logDead({ alpha, beta, gamma, delta }: BgBbParams, x: number, tx: number, n: number): number {
  const logAB = logBeta(alpha, beta);
  const logGD = logBeta(gamma, delta);
  let total = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n - tx; i++) {
    total = logAddExp(
      total,
      logBeta(alpha + x, beta + tx - x + i) - logAB + logBeta(gamma + 1, delta + tx + i) - logGD,
    );
  }
  return total;
}

/** FHS (2010) eq. 7: P(X(n) = count) for a customer alive at 0 with these mixing distributions. */
function countProbability(
  alpha: number,
  beta: number,
  gamma: number,
  delta: number,
  count: number,
  n: number,
): number {
  if (count > n) return 0;
  const logChoose = (m: number, k: number): number => logGamma(m + 1) - logGamma(k + 1) - logGamma(m - k + 1);
  const logAB = logBeta(alpha, beta);
  const logGD = logBeta(gamma, delta);
  let sum = Math.exp(
    logChoose(n, count) +
      logBeta(alpha + count, beta + n - count) -
      logAB +
      logBeta(gamma, delta + n) -
      logGD,
  );
  for (let i = count; i < n; i++) {
    sum += Math.exp(
      logChoose(i, count) +
        logBeta(alpha + count, beta + i - count) -
        logAB +
        logBeta(gamma + 1, delta + i) -
        logGD,
    );
  }
  return Math.min(1, sum);
}
