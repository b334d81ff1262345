// Prediction formulas of the customer-base models, on validated parameters. Internal.

import { logHyp2f1 } from '../../math/hypergeometric';
import { betaExpectation, integrate } from '../../math/quadrature';
import { digamma, logBeta, logGamma, logistic, oneMinusExpOver } from '../../math/special';
import { bgBbLogTerms } from '../bgBb/likelihood';
import { paretoLogTerms } from '../paretoNbd/likelihood';
import type { Spec } from './spec';
import type { BgBbParams, BgNbdParams, ParetoNbdParams } from './types';

// scratch for the ₂F₁ terms of the Pareto/NBD P(alive); overwritten on every call
const atTx = { value: 0, dr: 0, dAlpha: 0, ds: 0, dBeta: 0 };
const atT = { value: 0, dr: 0, dAlpha: 0, ds: 0, dBeta: 0 };

/** The continuous-time models. */
export type ContinuousModel = 'bgNbd' | 'mbgNbd' | 'paretoNbd';

/**
 * E_p[(1/p)(1 − (A/(A+p·t))^k)] for p ~ Beta(a, b): the expected purchases in (0, t] of a customer who is
 * alive at 0, buys at a Gamma(k, A) rate and may drop out after each purchase with probability p. Closed
 * form ((a+b−1)/(a−1))·[1 − (A/(A+t))^k ₂F₁(k, b; a+b−1; t/(A+t))] (Fader, Hardie & Lee 2005, eq. 10),
 * with tanh-sinh quadrature of the defining integral where that form is singular (a near 1, a + b ≤ 1) or
 * its series does not settle.
 */
export function betaGammaExpectation(a: number, b: number, k: number, A: number, t: number): number {
  if (t === 0) return 0;
  if (Math.abs(a - 1) > 1e-3 && a + b - 1 > 0) {
    const z = t / (A + t);
    const logF = logHyp2f1(k, b, a + b - 1, z);
    if (Number.isFinite(logF)) {
      const L = -k * Math.log1p(t / A) + logF;
      const value = ((a + b - 1) / (a - 1)) * -Math.expm1(L);
      if (Number.isFinite(value) && value >= 0) return value;
    }
  }
  const u = t / A;
  return betaExpectation(a, b, (p) => (p * u < 1e-300 ? k * u : -Math.expm1(-k * Math.log1p(p * u)) / p));
}

/** P(alive at T | x, t_x, T). */
export function probabilityAliveContinuous(
  spec: Spec<ContinuousModel>,
  x: number,
  tx: number,
  T: number,
): number {
  if (spec.model === 'paretoNbd') {
    const { r, alpha, s, beta } = spec.params as ParetoNbdParams;
    const terms = paretoLogTerms(r, alpha, s, beta, x, tx, T, atTx, atT);
    return Number.isFinite(terms.logBracket)
      ? terms.share0
      : paretoAliveByQuadrature(spec.params as ParetoNbdParams, x, tx, T);
  }
  const { r, alpha, a, b } = spec.params as BgNbdParams;
  const shift = spec.model === 'mbgNbd' ? 1 : 0;
  if (shift === 0 && x === 0) return 1;
  // 1 / (1 + a/(b+x−1+shift) · ((α+T)/(α+t_x))^(r+x)); scoreCustomers repeats this arithmetic inline
  const logRatio = Math.log(a) - Math.log(b + x - 1 + shift);
  return logistic(-(logRatio + (r + x) * Math.log((alpha + T) / (alpha + tx))));
}

/**
 * Pareto/NBD P(alive) from the integral form of the likelihood, for the corner where the series is too slow
 * (z within 1e−4 of 1): the bracket's s·I term integrated by quadrature.
 */
function paretoAliveByQuadrature(
  { r, alpha, s, beta }: ParetoNbdParams,
  x: number,
  tx: number,
  T: number,
): number {
  const logFirst = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const integral = integrate(tx, T, (tau) =>
    Math.exp(-(r + x) * Math.log(alpha + tau) - (s + 1) * Math.log(beta + tau) - logFirst),
  );
  return 1 / (1 + s * integral);
}

/** E[Y(t) | x, t_x, T]: expected purchases in (T, T + t]. */
export function conditionalExpectedContinuous(
  spec: Spec<ContinuousModel>,
  x: number,
  tx: number,
  T: number,
  t: number,
  alive: number = probabilityAliveContinuous(spec, x, tx, T),
): number {
  return t === 0 ? 0 : alive * expectedIfAlive(spec, x, T, t);
}

/**
 * E[purchases in (T, T + t] | alive at T, x, T]: the conditional expectation is P(alive) times this. It
 * does not depend on t_x, so bulk scoring computes it once per distinct (x, T).
 */
export function expectedIfAlive(spec: Spec<ContinuousModel>, x: number, T: number, t: number): number {
  if (t === 0) return 0;
  if (spec.model === 'paretoNbd') {
    const { r, alpha, s, beta } = spec.params as ParetoNbdParams;
    const betaT = beta + T;
    return ((r + x) / (alpha + T)) * betaT * oneMinusExpOver(s - 1, -Math.log1p(t / betaT));
  }
  const { r, alpha, a, b } = spec.params as BgNbdParams;
  const shift = spec.model === 'mbgNbd' ? 1 : 0;
  return betaGammaExpectation(a, b + x + shift, r + x, alpha + T, t);
}

/** E[X(t)] for a customer just acquired: expected repeat purchases in (0, t]. */
export function unconditionalExpectedContinuous(spec: Spec<ContinuousModel>, t: number): number {
  if (t === 0) return 0;
  if (spec.model === 'paretoNbd') {
    const { r, alpha, s, beta } = spec.params as ParetoNbdParams;
    return (r / alpha) * beta * oneMinusExpOver(s - 1, -Math.log1p(t / beta));
  }
  const { r, alpha, a, b } = spec.params as BgNbdParams;
  if (spec.model === 'bgNbd') return betaGammaExpectation(a, b, r, alpha, t);
  // MBG/NBD: alive after the first purchase with probability 1 − p; (1 − p)·Beta(a, b) ∝ Beta(a, b + 1)
  return (b / (a + b)) * betaGammaExpectation(a, b + 1, r, alpha, t);
}

/** P(still alive at T + h | x, t_x, T). */
export function probabilityAliveLaterContinuous(
  spec: Spec<ContinuousModel>,
  x: number,
  tx: number,
  T: number,
  h: number,
): number {
  const alive = probabilityAliveContinuous(spec, x, tx, T);
  if (h === 0) return alive;
  if (spec.model === 'paretoNbd') {
    const { s, beta } = spec.params as ParetoNbdParams;
    return alive * Math.exp(-s * Math.log1p(h / (beta + T)));
  }
  // alive at T: λ ~ Gamma(r+x, α+T), p ~ Beta(a, b+x+shift); survives (T, T+h] with probability e^(−λph)
  const { r, alpha, a, b } = spec.params as BgNbdParams;
  const shift = spec.model === 'mbgNbd' ? 1 : 0;
  const bPost = b + x + shift;
  const k = r + x;
  const u = h / (alpha + T);
  // E_p[(1 + p·u)^−k] = (1 + u)^−k ₂F₁(k, bPost; a + bPost; u/(1 + u)) (Pfaff)
  const logF = logHyp2f1(k, bPost, a + bPost, u / (1 + u));
  const survival = Number.isFinite(logF)
    ? Math.exp(-k * Math.log1p(u) + logF)
    : betaExpectation(a, bPost, (p) => Math.exp(-k * Math.log1p(p * u)));
  return alive * Math.min(1, survival);
}

/** P(X(t) = count) for a customer just acquired. */
export function purchaseProbabilityContinuous(spec: Spec<ContinuousModel>, count: number, t: number): number {
  const { r, alpha } = spec.params as BgNbdParams | ParetoNbdParams;
  // NBD(j; r, α, τ) = Γ(r+j)/(Γ(r) j!) (α/(α+τ))^r (τ/(α+τ))^j, in log space
  const logNbd = (j: number, tau: number): number => {
    if (tau === 0) return j === 0 ? 0 : Number.NEGATIVE_INFINITY;
    return (
      logGamma(r + j) -
      logGamma(r) -
      logGamma(j + 1) -
      r * Math.log1p(tau / alpha) +
      (j === 0 ? 0 : j * (Math.log(tau) - Math.log(alpha + tau)))
    );
  };
  if (spec.model === 'paretoNbd') {
    const { s, beta } = spec.params as ParetoNbdParams;
    const alive = Math.exp(logNbd(count, t) - s * Math.log1p(t / beta));
    const died = integrate(0, t, (tau) =>
      Math.exp(logNbd(count, tau) + Math.log(s / beta) - (s + 1) * Math.log1p(tau / beta)),
    );
    return Math.min(1, alive + died);
  }
  const { a, b } = spec.params as BgNbdParams;
  const shift = spec.model === 'mbgNbd' ? 1 : 0;
  let below = 0; // P(N(t) < count) for the NBD
  for (let j = 0; j < count; j++) below += Math.exp(logNbd(j, t));
  const atLeast = Math.max(0, 1 - below);
  const norm = logBeta(a, b);
  const survived = Math.exp(logBeta(a, b + count + shift) - norm + logNbd(count, t));
  if (shift === 0 && count === 0) return survived;
  // BG: dropped at the chance after the count-th purchase; MBG: chances also at time 0
  const dropped = Math.exp(logBeta(a + 1, b + count - 1 + shift) - norm) * atLeast;
  return Math.min(1, survived + dropped);
}

/** Σ_{i=1}^{N} B(γ, D+i)/B(γ, D): expected opportunities survived out of the next N (BG/BB, sBG). */
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

/** BG/BB P(alive at the end of n | x, t_x, n). */
export function probabilityAliveDiscrete(params: BgBbParams, x: number, tx: number, n: number): number {
  const { logAlive, logLikelihood } = bgBbLogTerms(params, x, tx, n);
  return Math.min(1, Math.exp(logAlive - logLikelihood));
}

/** BG/BB expected transactions in the next `future` opportunities, given history. */
export function conditionalExpectedDiscrete(
  params: BgBbParams,
  x: number,
  tx: number,
  n: number,
  future: number,
): number {
  if (future === 0) return 0;
  const alive = probabilityAliveDiscrete(params, x, tx, n);
  const { alpha, beta, gamma, delta } = params;
  return alive * ((alpha + x) / (alpha + beta + n)) * betaSurvivalSum(gamma, delta + n, future);
}

/** BG/BB expected transactions in the first n opportunities of a new customer. */
export function unconditionalExpectedDiscrete(params: BgBbParams, n: number): number {
  const { alpha, beta, gamma, delta } = params;
  return (alpha / (alpha + beta)) * betaSurvivalSum(gamma, delta, n);
}

/** BG/BB P(X(n) = x) for a new customer (Fader, Hardie & Shang 2010, eq. 7). */
export function purchaseProbabilityDiscrete(params: BgBbParams, count: number, n: number): number {
  if (count > n) return 0;
  const { alpha, beta, gamma, delta } = params;
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

/** BG/BB P(alive after h more opportunities | history). */
export function probabilityAliveLaterDiscrete(
  params: BgBbParams,
  x: number,
  tx: number,
  n: number,
  h: number,
): number {
  const alive = probabilityAliveDiscrete(params, x, tx, n);
  const { gamma, delta } = params;
  return alive * Math.exp(logBeta(gamma, delta + n + h) - logBeta(gamma, delta + n));
}
