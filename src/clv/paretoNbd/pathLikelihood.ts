// The Pareto/NBD with time-varying covariates (Bachmann, Meierer & Näf 2021): the exact likelihood of one
// customer along a piecewise-constant covariate path, P(alive) and the conditional expected purchases
// along a future path. Internal.
//
// While alive, a customer buys at rate λ·a(t), a(t) = exp(γ_purchase·z(t)), and drops out at hazard
// μ·b(t), b(t) = exp(γ_dropout·z(t)), λ ~ Gamma(r, α), μ ~ Gamma(s, β). With A(t) = ∫₀ᵗ a, B(t) = ∫₀ᵗ b and
// repeat purchases at t_1 … t_x, integrating λ and μ out of the likelihood given the dropout time gives
//   L = Γ(r+x) α^r β^s / Γ(r) · Π a(t_j) · [ (α+A(T))^−(r+x) (β+B(T))^−s
//                                            + s ∫_{t_x}^T b(τ) (α+A(τ))^−(r+x) (β+B(τ))^−(s+1) dτ ].
// On a segment [τ₀, τ₀ + L] where a and b are constant, A = P + a·u and B = Q + b·u (u = τ − τ₀), so the
// segment's part of the integral is exactly
//   a^−(r+x) b^−s ∫₀^L (α'+u)^−(r+x) (β'+u)^−(s+1) du,  α' = P/a, β' = Q/b,
// the integral of the plain model's likelihood with (α', β') over [0, L], (J(0) − J(L))/(r+s+x) with J the
// Euler-transformed ₂F₁ term of likelihood.ts. With a = b = 1 this is Fader & Hardie's (2005) eq. (22).

import { digamma, logGamma } from '../../math/special';
import type { PathLogLikelihood, PathPrediction, PathPredictions } from '../core/definition';
import { logJ } from './likelihood';

/** The baseline parameters of a path prediction. */
type ParetoParams = Readonly<Record<'r' | 'alpha' | 's' | 'beta', number>>;

const at0 = { value: 0, dr: 0, dAlpha: 0, ds: 0, dBeta: 0 };
const atL = { value: 0, dr: 0, dAlpha: 0, ds: 0, dBeta: 0 };

/** The log-likelihood's parts that P(alive) also needs. */
interface PathTerms {
  /** ln of the alive term (α+A(T))^−(r+x) (β+B(T))^−s. */
  logAlive: number;
  /** ln of the whole bracket (alive term + s·∫…), NaN where a series does not settle. */
  logBracket: number;
  /** Σ ln a(t_j) over the repeat purchases. */
  logPurchases: number;
  /** A(T) and B(T). */
  exposurePurchase: number;
  exposureDropout: number;
}

const terms: PathTerms = {
  logAlive: 0,
  logBracket: 0,
  logPurchases: 0,
  exposurePurchase: 0,
  exposureDropout: 0,
};

/** Per-segment scratch of the gradient's backward pass. */
interface Scratch {
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly length: Float64Array;
  /** α + A and β + B at the segment's start. */
  readonly before: Float64Array;
  readonly beforeB: Float64Array;
  /** ln of the segment's part of the integral, −∞ when none. */
  readonly part: Float64Array;
  /** ∂ ln part / ∂α', ∂β', ∂r, ∂s. */
  readonly dAlpha: Float64Array;
  readonly dBeta: Float64Array;
  readonly dr: Float64Array;
  readonly ds: Float64Array;
}

// allocated on first use (a module-level allocation would stay in every bundle that imports this module)
let scratch: Scratch | null = null;

/** The scratch, for at least `size` segments. */
function scratchFor(size: number): Scratch {
  if (scratch !== null && scratch.a.length >= size) return scratch;
  const n = Math.max(size, 64, 2 * (scratch?.a.length ?? 0));
  const array = (): Float64Array => new Float64Array(n);
  scratch = {
    a: array(),
    b: array(),
    length: array(),
    before: array(),
    beforeB: array(),
    part: array(),
    dAlpha: array(),
    dBeta: array(),
    dr: array(),
    ds: array(),
  };
  return scratch;
}

/**
 * The bracket of the likelihood along a path: segments `from` … `to − 1` of `ends` (segment k from
 * ends[k − 1], or 0, to ends[k]; the last ends at T), with ln a and ln b per segment in `purchase` and
 * `dropout`, and the repeat purchases per segment in `counts`. Leaves in the scratch what the gradient's
 * backward pass needs of each segment.
 */
function pathTerms(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
  ends: Float64Array,
  purchase: Float64Array,
  dropout: Float64Array,
  counts: Float64Array,
  from: number,
  to: number,
): PathTerms {
  const m = r + x;
  const n = to - from;
  const work = scratchFor(n);
  const { a: aOf, b: bOf, length: lengthOf, before, beforeB, part: partOf } = work;
  const { dAlpha: wOf, dBeta: vOf, dr: drOf, ds: dsOf } = work;
  let start = 0;
  let exposureA = 0;
  let exposureB = 0;
  let logPurchases = 0;
  let top = Number.NEGATIVE_INFINITY; // log-sum-exp of the segments' parts of the integral
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const k = from + i;
    const end = Math.min(ends[k] as number, T);
    const etaA = purchase[k] as number;
    const etaB = dropout[k] as number;
    const a = Math.exp(etaA);
    const b = Math.exp(etaB);
    aOf[i] = a;
    bOf[i] = b;
    lengthOf[i] = end - start;
    before[i] = alpha + exposureA;
    beforeB[i] = beta + exposureB;
    partOf[i] = Number.NEGATIVE_INFINITY;
    const count = counts[k] as number;
    if (count > 0) logPurchases += count * etaA;
    if (end > tx) {
      const lo = Math.max(start, tx);
      const length = end - lo;
      if (length > 0) {
        const alphaK = (alpha + exposureA) / a + (lo - start);
        const betaK = (beta + exposureB) / b + (lo - start);
        logJ(r, alphaK, s, betaK, x, 0, at0);
        logJ(r, alphaK, s, betaK, x, length, atL);
        const difference = atL.value - at0.value;
        if (!Number.isFinite(difference)) {
          terms.logBracket = Number.NaN;
          return terms;
        }
        if (difference < 0) {
          const ratio = Math.exp(difference); // J(L)/J(0)
          const rest = -Math.expm1(difference);
          const part = -m * etaA - s * etaB + at0.value + Math.log(rest);
          partOf[i] = part;
          if (part > top) {
            sum = sum * Math.exp(top - part) + 1;
            top = part;
          } else sum += Math.exp(part - top);
          // ∂ ln (J(0) − J(L)) = (∂ ln J(0) − ratio·∂ ln J(L)) / (1 − ratio)
          wOf[i] = (at0.dAlpha - ratio * atL.dAlpha) / rest;
          vOf[i] = (at0.dBeta - ratio * atL.dBeta) / rest;
          drOf[i] = -etaA + (at0.dr - ratio * atL.dr) / rest;
          dsOf[i] = -etaB + (at0.ds - ratio * atL.ds) / rest;
        }
      }
    }
    exposureA += a * (end - start);
    exposureB += b * (end - start);
    start = end;
  }
  const logAlive = -m * Math.log(alpha + exposureA) - s * Math.log(beta + exposureB);
  const logDeath = sum > 0 ? Math.log(s / (r + s + x)) + top + Math.log(sum) : Number.NEGATIVE_INFINITY;
  const high = Math.max(logAlive, logDeath);
  terms.logAlive = logAlive;
  terms.logBracket = high + Math.log(Math.exp(logAlive - high) + Math.exp(logDeath - high));
  terms.logPurchases = logPurchases;
  terms.exposurePurchase = exposureA;
  terms.exposureDropout = exposureB;
  return terms;
}

/**
 * ln L of one customer along a covariate path at baseline natural parameters (r, α, s, β); NaN where a
 * series does not settle. With `gradient`, writes ∂ ln L/∂ ln θ for the four parameters into it, and
 * ∂ ln L/∂ ln a_k, ∂ ln L/∂ ln b_k of each segment into `dPurchase`, `dDropout` (at the segments' indices):
 * a backward pass over the segments, since α'_k = (α + A_k)/a_k carries every earlier segment's exposure.
 */
export const paretoPathLogLikelihood: PathLogLikelihood = (
  params,
  x,
  tx,
  T,
  ends,
  purchase,
  dropout,
  counts,
  from,
  to,
  gradient = null,
  dPurchase = null,
  dDropout = null,
) => {
  const r = params[0] as number;
  const alpha = params[1] as number;
  const s = params[2] as number;
  const beta = params[3] as number;
  const t = pathTerms(r, alpha, s, beta, x, tx, T, ends, purchase, dropout, counts, from, to);
  const { logAlive, logBracket, logPurchases } = t;
  if (!Number.isFinite(logBracket)) return Number.NaN;
  const logLikelihood =
    logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta) + logPurchases + logBracket;
  if (gradient === null || dPurchase === null || dDropout === null) return logLikelihood;
  const m = r + x;
  const n = to - from;
  const alphaT = alpha + t.exposurePurchase;
  const betaT = beta + t.exposureDropout;
  const logFactor = Math.log(s / (r + s + x));
  const { a: aOf, b: bOf, length: lengthOf, before, beforeB, part: partOf } = scratch as Scratch;
  const { dAlpha: wOf, dBeta: vOf, dr: drOf, ds: dsOf } = scratch as Scratch;
  const alive = Math.exp(logAlive - logBracket);
  let dr = digamma(r + x) - digamma(r) + Math.log(alpha) - alive * Math.log(alphaT);
  let ds = Math.log(beta) - alive * Math.log(betaT);
  let dAlpha = r / alpha - (alive * m) / alphaT;
  let dBeta = s / beta - (alive * s) / betaT;
  const A = r + s + x;
  // backward: the later segments' ∂/∂α'_k / a_k summed, for the exposures of the earlier ones
  let laterA = 0;
  let laterB = 0;
  for (let i = n - 1; i >= 0; i--) {
    const k = from + i;
    const a = aOf[i] as number;
    const b = bOf[i] as number;
    const length = lengthOf[i] as number;
    let gA = (counts[k] as number) - (alive * m * a * length) / alphaT + a * length * laterA;
    let gB = -(alive * s * b * length) / betaT + b * length * laterB;
    const part = partOf[i] as number;
    if (part > Number.NEGATIVE_INFINITY) {
      const share = Math.exp(logFactor + part - logBracket);
      const w = wOf[i] as number;
      const v = vOf[i] as number;
      gA += share * (-m - (w * (before[i] as number)) / a);
      gB += share * (-s - (v * (beforeB[i] as number)) / b);
      dr += share * ((drOf[i] as number) - 1 / A);
      ds += share * ((dsOf[i] as number) + 1 / s - 1 / A);
      dAlpha += (share * w) / a;
      dBeta += (share * v) / b;
      laterA += (share * w) / a;
      laterB += (share * v) / b;
    }
    dPurchase[k] = gA;
    dDropout[k] = gB;
  }
  gradient[0] = r * dr;
  gradient[1] = alpha * dAlpha;
  gradient[2] = s * ds;
  gradient[3] = beta * dBeta;
  return logLikelihood;
};

/**
 * P(alive at T + horizon) along a path whose segments run to T + horizon: P(alive at T) (the alive term's
 * share of the bracket) times the posterior chance of surviving (T, T + horizon], ((β+B(T))/(β+B(T+h)))^s.
 */
export const paretoPathProbabilityAlive: PathPrediction<ParetoParams> = (
  params,
  x,
  tx,
  T,
  horizon,
  ends,
  purchase,
  dropout,
  counts,
) => {
  const alive = aliveAtT(params, x, tx, T, ends, purchase, dropout, counts);
  if (horizon === 0 || Number.isNaN(alive)) return alive;
  const base = params.beta + terms.exposureDropout;
  const future = base + futureExposure(T, T + horizon, ends, dropout);
  return alive * Math.exp(-params.s * Math.log1p((future - base) / base));
};

/**
 * P(alive at T) along a path (the alive term's share of the bracket), leaving the path's terms up to T in
 * `terms`; NaN where a series does not settle.
 */
function aliveAtT(
  { r, alpha, s, beta }: ParetoParams,
  x: number,
  tx: number,
  T: number,
  ends: Float64Array,
  purchase: Float64Array,
  dropout: Float64Array,
  counts: Float64Array,
): number {
  const t = pathTerms(r, alpha, s, beta, x, tx, T, ends, purchase, dropout, counts, 0, ends.length);
  if (!Number.isFinite(t.logBracket)) return Number.NaN;
  return Math.min(1, Math.exp(t.logAlive - t.logBracket));
}

/** ∫ b over [from, to] along the path. */
function futureExposure(from: number, to: number, ends: Float64Array, log: Float64Array): number {
  let start = 0;
  let sum = 0;
  for (let k = 0; k < ends.length; k++) {
    const end = ends[k] as number;
    const lo = Math.max(start, from);
    const hi = Math.min(end, to);
    if (hi > lo) sum += Math.exp(log[k] as number) * (hi - lo);
    start = end;
  }
  return sum;
}

/**
 * E[purchases in (T, T + t] | history] along a path whose segments run to T + t: P(alive at T) ·
 * E[λ | alive] · ∫_T^{T+t} a(u) ((β+B(T))/(β+B(u)))^s du, with E[λ | alive] = (r+x)/(α+A(T)); on a segment
 * with constant a, b starting where β + B = Q, the integral's part is a·Q_T^s·∫₀^L (Q + b·v)^−s dv, exactly
 * a·(Q_T/Q)^s·Q·(e^{(1−s)·ln(1+bL/Q)} − 1)/((1−s)·b) (the logarithm at s = 1).
 */
export const paretoPathExpectedPurchases: PathPrediction<ParetoParams> = (
  params,
  x,
  tx,
  T,
  t,
  ends,
  purchase,
  dropout,
  counts,
) => {
  const { r, alpha, s, beta } = params;
  const alive = aliveAtT(params, x, tx, T, ends, purchase, dropout, counts);
  if (Number.isNaN(alive)) return alive;
  const rate = (r + x) / (alpha + terms.exposurePurchase);
  const qT = beta + terms.exposureDropout;
  const horizonEnd = T + t;
  let start = 0;
  let q = beta;
  let integral = 0;
  for (let k = 0; k < ends.length; k++) {
    const end = ends[k] as number;
    const b = Math.exp(dropout[k] as number);
    const lo = Math.max(start, T);
    const hi = Math.min(end, horizonEnd);
    if (lo > start) q += b * (Math.min(lo, end) - start); // the part of the segment before T
    if (hi > lo) {
      const a = Math.exp(purchase[k] as number);
      const y = Math.log1p((b * (hi - lo)) / q);
      const c = 1 - s;
      const shape = c === 0 ? y : Math.expm1(c * y) / c;
      integral += (a * Math.exp(s * Math.log(qT / q)) * q * shape) / b;
      q += b * (hi - lo);
    }
    start = end;
    if (start >= horizonEnd) break;
  }
  return alive * rate * integral;
};

/** The predictions along a path, for probabilityAlive and expectedPurchases of a time-varying fit. */
export const PARETO_NBD_PATH_PREDICTIONS: PathPredictions = {
  probabilityAlive: paretoPathProbabilityAlive as PathPredictions['probabilityAlive'],
  expectedPurchases: paretoPathExpectedPurchases as PathPredictions['expectedPurchases'],
};
