// Predictions of GGom/NBD (Bemmaor & Glady 2012; docs/model-ggom-nbd.md), on validated parameters.
// Internal. Notation: x repeat purchases, the last at t_x, observed for T; lifetime S, f of ./lifetime.ts.

import { logIntegrate } from '../../math/gaussKronrod';
import { exponentialDraw, logGammaDraw, poissonArrivals } from '../../math/random';
import type { ModelPredictions } from '../core/definition';
import { logNbd } from '../core/nbd';
import type { GgomNbdParams } from '../core/types';
import { type GompertzTerms, gompertzTerms, logLifetimeDensity, logSurvivalRatio } from './lifetime';
import { logLifetimeIntegral } from './likelihood';

const scratch: GompertzTerms = { logRatio: 0, share: 0, inverse: 0 };

/**
 * P(alive at T | x, t_x, T) and P(dead at T | x, t_x, T), each computed directly: the first term of the
 * likelihood's bracket, (α+T)^−(r+x) S(T), and its integral term, each over the bracket (Bemmaor & Glady
 * 2012, as CLVTools `ggomnbd` computes P(alive)).
 */
function aliveAndDead(
  { r, alpha, b, s, beta }: GgomNbdParams,
  x: number,
  tx: number,
  T: number,
): { alive: number; dead: number } {
  gompertzTerms(beta, b * T, scratch);
  const logFirst = -(r + x) * Math.log(alpha + T) - s * scratch.logRatio;
  const logIntegral = logLifetimeIntegral(r, alpha, b, s, beta, x, tx, T);
  return {
    alive: 1 / (1 + Math.exp(logIntegral - logFirst)),
    dead: 1 / (1 + Math.exp(logFirst - logIntegral)),
  };
}

/** P(alive at T | x, t_x, T). */
function probabilityAlive(params: GgomNbdParams, x: number, tx: number, T: number): number {
  return aliveAndDead(params, x, tx, T).alive;
}

/**
 * ln f(T+u)/S(T), the density of the lifetime at T + u of a customer alive at T:
 * ln(b s) + ln[e^(b(T+u)) / (β + e^(b(T+u)) − 1)] + ln S(T+u)/S(T), each part exact for small and large b(T+u).
 */
function logDensityAfter(b: number, s: number, beta: number, T: number, u: number): number {
  gompertzTerms(beta, b * (T + u), scratch);
  return Math.log(b * s) + Math.log(scratch.share) + logSurvivalRatio(b, s, beta, T, u);
}

/**
 * P(count purchases in (T, T + t] | alive at T, x, T): the rate's posterior is Gamma(r+x, α+T) and the
 * lifetime's is the Gamma-Gompertz conditioned on τ > T, independently, so the count is the NBD count of
 * the whole window times S(T+t)/S(T) plus the NBD count up to the death at T + u, integrated over the
 * conditioned density f(T+u)/S(T).
 */
function countIfAlive(
  { r, alpha, b, s, beta }: GgomNbdParams,
  x: number,
  T: number,
  count: number,
  t: number,
): number {
  const rate = r + x;
  const scale = alpha + T;
  const survived = Math.exp(logNbd(rate, scale, count, t) + logSurvivalRatio(b, s, beta, T, t));
  const died = Math.exp(
    logIntegrate((u) => logNbd(rate, scale, count, u) + logDensityAfter(b, s, beta, T, u), 0, t),
  );
  return survived + died;
}

/**
 * E[purchases in (T, T + t] | alive at T, x, T] = (r+x)/(α+T) · ∫₀ᵗ S(T+u)/S(T) du: given alive at T, the
 * rate's posterior is Gamma(r+x, α+T) and the lifetime's is the Gamma-Gompertz conditioned on τ > T.
 */
function expectedIfAlive({ r, alpha, b, s, beta }: GgomNbdParams, x: number, T: number, t: number): number {
  if (t === 0) return 0;
  const logTime = logIntegrate((u) => logSurvivalRatio(b, s, beta, T, u), 0, t);
  return ((r + x) / (alpha + T)) * Math.exp(logTime);
}

/** The predictions of GGom/NBD. */
export const ggomNbdPredictions: ModelPredictions<GgomNbdParams> = {
  probabilityAlive,
  expectedIfAlive,

  conditionalExpectedPurchases: (params, x, tx, T, t) =>
    t === 0 ? 0 : probabilityAlive(params, x, tx, T) * expectedIfAlive(params, x, T, t),

  /** E[X(t)] = (r/α) ∫₀ᵗ S(u) du. */
  expectedPurchases: ({ r, alpha, b, s, beta }, t) =>
    t === 0 ? 0 : (r / alpha) * Math.exp(logIntegrate((u) => logSurvivalRatio(b, s, beta, 0, u), 0, t)),

  /** Alive at T, still alive at T + h with probability S(T+h)/S(T). */
  probabilityAliveLater: (params, x, tx, T, h) => {
    const alive = probabilityAlive(params, x, tx, T);
    if (h === 0) return alive;
    return alive * Math.exp(logSurvivalRatio(params.b, params.s, params.beta, T, h));
  },

  /**
   * Alive at T, the rate λ ~ Gamma(r+x, α+T) is independent of the lifetime and purchases do not end it:
   * E[λ·1{alive at T + g}] = ((r+x)/(α+T))·P(alive at T)·S(T+g)/S(T).
   */
  purchaseRateAliveLater: (params, x, tx, T, g) => {
    const alive = ((params.r + x) / (params.alpha + T)) * probabilityAlive(params, x, tx, T);
    return g === 0 ? alive : alive * Math.exp(logSurvivalRatio(params.b, params.s, params.beta, T, g));
  },

  /** NBD(count; t)·S(t) + ∫₀ᵗ NBD(count; τ) f(τ) dτ: the count of a customer alive throughout, or until τ. */
  purchaseProbability: ({ r, alpha, b, s, beta }, count, t) => {
    const alive = Math.exp(logNbd(r, alpha, count, t) + logSurvivalRatio(b, s, beta, 0, t));
    const died = Math.exp(
      logIntegrate(
        (tau) => logNbd(r, alpha, count, tau) + logLifetimeDensity(b, s, beta, tau, scratch),
        0,
        t,
      ),
    );
    return Math.min(1, alive + died);
  },

  /**
   * Dead at T: no purchase in (T, T + t]. Alive at T: {@link countIfAlive}. The count 0 adds the two
   * shares, each computed directly.
   */
  conditionalPurchaseProbability: (params, x, tx, T, count, t) => {
    if (t === 0) return count === 0 ? 1 : 0;
    const { alive, dead } = aliveAndDead(params, x, tx, T);
    const future = countIfAlive(params, x, T, count, t);
    return Math.min(1, count === 0 ? dead + alive * future : alive * future);
  },

  /**
   * P(alive) · (r+x)/(α+T) · ∫₀^∞ e^(−δu) S(T+u)/S(T) du, the integral taken over w = 1 − e^(−δu) in [0, 1)
   * as (1/δ) ∫₀¹ S(T+u(w))/S(T) dw with u(w) = −ln(1 − w)/δ: a finite interval whose integrand falls from 1,
   * so that the adaptive rule's unrefined piece next to w = 1 bounds the tail it leaves out.
   */
  discountedExpectedTransactions: (params, x, tx, T, delta) => {
    const { r, alpha, b, s, beta } = params;
    const logTime = logIntegrate((w) => logSurvivalRatio(b, s, beta, T, -Math.log1p(-w) / delta), 0, 1);
    return probabilityAlive(params, x, tx, T) * ((r + x) / (alpha + T)) * (Math.exp(logTime) / delta);
  },

  /**
   * λ ~ Gamma(r, α) and η ~ Gamma(s, β); the lifetime has cumulative hazard η(e^(bτ) − 1), so with E ~ Exp(1)
   * it is τ = ln(1 + E/η)/b (E/η formed in log space); then purchases at the arrivals of a Poisson process
   * of rate λ up to min(τ, T).
   */
  simulateCustomer: ({ r, alpha, b, s, beta }, T, uniform, times, limit) => {
    const lambda = Math.exp(logGammaDraw(uniform, r)) / alpha;
    const logEta = logGammaDraw(uniform, s) - Math.log(beta);
    const lifetime = Math.log1p(Math.exp(Math.log(exponentialDraw(uniform)) - logEta)) / b;
    const end = Math.min(T, lifetime);
    poissonArrivals(uniform, lambda, end, times, limit);
  },
};
