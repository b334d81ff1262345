// Predictions of Pareto/NBD (Schmittlein, Morrison & Colombo 1987; Fader & Hardie 2005), on validated
// parameters. Internal. Notation: x repeat purchases, the last at t_x, observed for T.

import { integrate } from '../../math/quadrature';
import { exponentialDraw, logGammaDraw, poissonArrivals } from '../../math/random';
import { oneMinusExpOver } from '../../math/special';
import { tricomiUOne } from '../../math/tricomi';
import type { ModelPredictions } from '../core/definition';
import { logNbd } from '../core/nbd';
import type { ParetoNbdParams } from '../core/types';
import { paretoLogTerms } from './likelihood';
import { paretoPurchaseCovariance } from './purchaseCovariance';

// scratch for the ₂F₁ terms of P(alive); overwritten on every call
const atTx = { value: 0, dr: 0, dAlpha: 0, ds: 0, dBeta: 0 };
const atT = { value: 0, dr: 0, dAlpha: 0, ds: 0, dBeta: 0 };

/**
 * P(alive at T | x, t_x, T), Fader & Hardie (2005) eq. (18): the first term's share of the likelihood's
 * bracket.
 */
function probabilityAlive(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = params;
  const terms = paretoLogTerms(r, alpha, s, beta, x, tx, T, atTx, atT);
  return Number.isFinite(terms.logBracket) ? terms.share0 : aliveByQuadrature(params, x, tx, T);
}

/**
 * P(alive at T) and 1 − P(alive at T), the second from the likelihood's dying terms (not as a difference
 * from 1), so that a small dead share keeps its digits.
 */
function aliveAndDead(
  params: ParetoNbdParams,
  x: number,
  tx: number,
  T: number,
): { alive: number; dead: number } {
  const { r, alpha, s, beta } = params;
  const terms = paretoLogTerms(r, alpha, s, beta, x, tx, T, atTx, atT);
  if (Number.isFinite(terms.logBracket))
    return { alive: terms.share0, dead: Math.max(0, terms.share1 - terms.share2) };
  const dying = s * dyingIntegral(params, x, tx, T);
  return { alive: 1 / (1 + dying), dead: dying / (1 + dying) };
}

/**
 * P(alive) from the integral form of the likelihood, for the corner where the series is too slow (z within
 * 1e−4 of 1): the bracket's s·I term integrated by quadrature.
 */
function aliveByQuadrature(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  return 1 / (1 + params.s * dyingIntegral(params, x, tx, T));
}

/** The bracket's integral ∫_{t_x}^T (α+τ)^−(r+x) (β+τ)^−(s+1) dτ over its first term (α+T)^−(r+x) (β+T)^−s. */
function dyingIntegral({ r, alpha, s, beta }: ParetoNbdParams, x: number, tx: number, T: number): number {
  const logFirst = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  return integrate(tx, T, (tau) =>
    Math.exp(-(r + x) * Math.log(alpha + tau) - (s + 1) * Math.log(beta + tau) - logFirst),
  );
}

/** E[purchases in (T, T + t] | alive at T, x, T] = ((r+x)/(α+T))·(β+T)·(1 − ((β+T)/(β+T+t))^(s−1))/(s − 1). */
function expectedIfAlive({ r, alpha, s, beta }: ParetoNbdParams, x: number, T: number, t: number): number {
  if (t === 0) return 0;
  const betaT = beta + T;
  return ((r + x) / (alpha + T)) * betaT * oneMinusExpOver(s - 1, -Math.log1p(t / betaT));
}

/** The predictions of Pareto/NBD. */
export const paretoNbdPredictions: ModelPredictions<ParetoNbdParams> = {
  probabilityAlive,
  expectedIfAlive,

  conditionalExpectedPurchases: (params, x, tx, T, t) =>
    t === 0 ? 0 : probabilityAlive(params, x, tx, T) * expectedIfAlive(params, x, T, t),

  expectedPurchases: ({ r, alpha, s, beta }, t) =>
    t === 0 ? 0 : (r / alpha) * beta * oneMinusExpOver(s - 1, -Math.log1p(t / beta)),

  purchaseCovariance: paretoPurchaseCovariance,

  /** Alive at T, the exponential lifetime survives (T, T + h] with probability ((β+T)/(β+T+h))^s. */
  probabilityAliveLater: (params, x, tx, T, h) => {
    const alive = probabilityAlive(params, x, tx, T);
    if (h === 0) return alive;
    return alive * Math.exp(-params.s * Math.log1p(h / (params.beta + T)));
  },

  /**
   * Alive at T, λ ~ Gamma(r+x, α+T) and μ ~ Gamma(s, β+T) are independent and purchases do not end the
   * life: E[λ·1{alive at T + g}] = ((r+x)/(α+T))·P(alive at T + g).
   */
  purchaseRateAliveLater: (params, x, tx, T, g) =>
    ((params.r + x) / (params.alpha + T)) *
    probabilityAlive(params, x, tx, T) *
    Math.exp(-params.s * Math.log1p(g / (params.beta + T))),

  /** Alive at T: ((r+x)/(α+T))·(β+T)·U(1, 2 − s, δ(β+T)) (the factor of FHL 2005 eq. 2 after P(alive)). */
  discountedIfAlive: ({ r, alpha, s, beta }, x, T, delta) => {
    const betaT = beta + T;
    return ((r + x) / (alpha + T)) * betaT * tricomiUOne(s, delta * betaT);
  },

  /**
   * DERT, Fader, Hardie & Lee (2005, "RFM and CLV") eq. 2: P(alive)·E[λ]·E[1/(μ + δ)] with λ ~ Gamma(r+x,
   * α+T), μ ~ Gamma(s, β+T), that is P(alive)·((r+x)/(α+T))·(β+T)·U(1, 2 − s, δ(β+T)) (their
   * (β+T)^s δ^(s−1) Ψ(s, s; δ(β+T)), by Kummer's transformation).
   */
  discountedExpectedTransactions: (params, x, tx, T, delta) => {
    const { r, alpha, s, beta } = params;
    const betaT = beta + T;
    return (
      probabilityAlive(params, x, tx, T) * (((r + x) / (alpha + T)) * betaT * tricomiUOne(s, delta * betaT))
    );
  },

  /**
   * λ ~ Gamma(r, α), μ ~ Gamma(s, β); purchases at rate λ during an exponential lifetime of rate μ
   * (Schmittlein, Morrison & Colombo 1987).
   */
  simulateCustomer: ({ r, alpha, s, beta }, T, uniform, times, limit) => {
    const lambda = Math.exp(logGammaDraw(uniform, r)) / alpha;
    const mu = Math.exp(logGammaDraw(uniform, s)) / beta;
    const end = Math.min(T, exponentialDraw(uniform) / mu);
    poissonArrivals(uniform, lambda, end, times, limit);
  },

  /** The NBD count mixed over the exponential lifetime, the death part integrated numerically. */
  purchaseProbability: ({ r, alpha, s, beta }, count, t) => countProbability(r, alpha, s, beta, count, t),

  /**
   * Dead at T (probability 1 − P(alive)): no purchase in (T, T + t]. Alive at T: λ ~ Gamma(r+x, α+T),
   * μ ~ Gamma(s, β+T), and the future is a Pareto/NBD customer just acquired with those mixing
   * distributions (Fader & Hardie's note on P(X(t) = x) with the posterior parameters). The count 0 adds
   * the two shares, each computed directly.
   */
  conditionalPurchaseProbability: (params, x, tx, T, count, t) => {
    if (t === 0) return count === 0 ? 1 : 0;
    const { r, alpha, s, beta } = params;
    const { alive, dead } = aliveAndDead(params, x, tx, T);
    const future = countProbability(r + x, alpha + T, s, beta + T, count, t);
    return Math.min(1, count === 0 ? dead + alive * future : alive * future);
  },
};

/**
 * P(X(t) = count) of a customer alive at 0 with a Gamma(r, α) rate and a Gamma(s, β) dropout rate: the NBD
 * count times the chance of surviving (0, t], plus the count of a customer dying at τ integrated over τ.
 */
function countProbability(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  count: number,
  t: number,
): number {
  const alive = Math.exp(logNbd(r, alpha, count, t) - s * Math.log1p(t / beta));
  const died = integrate(0, t, (tau) =>
    Math.exp(logNbd(r, alpha, count, tau) + Math.log(s / beta) - (s + 1) * Math.log1p(tau / beta)),
  );
  return Math.min(1, alive + died);
}
