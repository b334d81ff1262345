// The GGom/NBD log-likelihood with its analytic gradient. Internal.
//
// GGom/NBD (Bemmaor & Glady 2012): while alive a customer buys at rate λ ~ Gamma(r, α); the lifetime is
// Gamma-Gompertz(b, s, β) (see ./lifetime.ts). Per customer with x repeat purchases, the last at t_x,
// observed for T:
//   L = Γ(r+x) α^r / Γ(r) · [ (α+T)^−(r+x) S(T) + ∫_{t_x}^{T} (α+y)^−(r+x) f(y) dy ].
// The integral has no closed form. For the rows of one frequency x, the integrand h(y) = (α+y)^−(r+x) f(y)
// is one function, so the integrals over their [t_x, T] are differences of Q(t) = ∫_t^{T_max} h(y) dy at
// the rows' distinct times: Q is accumulated from the right over the segments between consecutive times,
// each by adaptive Gauss–Kronrod quadrature in log space, along with the integrals of h times each
// derivative of ln h, which give the exact gradient of the same quadrature. Q(t_x) − Q(T) loses nothing that
// matters: Q(T) is below the first term of the bracket, so the rounding is relative to the bracket itself.

import { GAUSS_15, KRONROD_15, NODES_15 } from '../../math/gaussKronrod';
import type { Objective } from '../../math/optimize';
import { digamma, logAddExp, logGamma } from '../../math/special';
import type { Likelihood } from '../core/definition';
import { type CompressedRows, subsample } from '../core/rows';
import { scaleTimes, timeScaleOf, totalPurchases } from '../core/timeScale';
import { type GompertzTerms, gompertzTerms } from './lifetime';

/** Relative agreement of the Gauss and Kronrod estimates that accepts a piece of a segment. */
const LOG_TOLERANCE = -25.328436022934504; // ln 1e−11
/** Deepest bisection of a segment. */
const MAX_DEPTH = 40;

/** The rows of one frequency, with their distinct times and each row's place among them. */
interface Group {
  readonly x: number;
  readonly start: number;
  readonly end: number;
  /** Sorted distinct t_x and T of the group's rows. */
  readonly times: Float64Array;
  /** Per row of the group: the index of its t_x and of its T in `times`. */
  readonly recencyAt: Int32Array;
  readonly ageAt: Int32Array;
}

function groupsOf(rows: CompressedRows): { groups: Group[]; widest: number } {
  const { first: frequency, second: recency, third: age } = rows;
  const groups: Group[] = [];
  let widest = 0;
  let start = 0;
  while (start < frequency.length) {
    const x = frequency[start] as number;
    let end = start + 1;
    while (end < frequency.length && frequency[end] === x) end++;
    const all = new Float64Array(2 * (end - start));
    for (let i = start; i < end; i++) {
      all[2 * (i - start)] = recency[i] as number;
      all[2 * (i - start) + 1] = age[i] as number;
    }
    all.sort();
    let distinct = 0;
    for (let i = 0; i < all.length; i++) {
      if (i === 0 || all[i] !== all[distinct - 1]) all[distinct++] = all[i] as number;
    }
    const times = all.slice(0, distinct);
    const find = (value: number): number => {
      let low = 0;
      let high = times.length - 1;
      while (low < high) {
        const middle = (low + high) >> 1;
        if ((times[middle] as number) < value) low = middle + 1;
        else high = middle;
      }
      return low;
    };
    const recencyAt = new Int32Array(end - start);
    const ageAt = new Int32Array(end - start);
    for (let i = start; i < end; i++) {
      recencyAt[i - start] = find(recency[i] as number);
      ageAt[i - start] = find(age[i] as number);
    }
    groups.push({ x, start, end, times, recencyAt, ageAt });
    widest = Math.max(widest, distinct);
    start = end;
  }
  return { groups, widest };
}

/** The parameters and their per-evaluation constants, shared by the segment integrals. */
interface Point {
  r: number;
  alpha: number;
  b: number;
  s: number;
  beta: number;
  /** ln b + ln s + s ln β. */
  logConstant: number;
  logBeta: number;
}

/** A segment's ln ∫ h and, in `mean`, ∫ h·∂ln h/∂θ over ∫ h for θ = r, α, b, s, β. */
interface Segment {
  logValue: number;
  readonly mean: Float64Array;
}

const terms: GompertzTerms = { logDenominator: 0, share: 0, inverse: 0 };
/** Most pieces a segment is cut into; beyond it the estimate stands as it is. */
const MAX_PIECES = 256;

/**
 * Scratch of the segment integrals, made on first use (so that importing the library allocates nothing):
 * the node values and derivatives, and the pieces of the segment being integrated (ends, depth,
 * ln(half-width · largest node value) and, relative to it, the Kronrod sum, its derivative sums and ln of
 * the Gauss–Kronrod difference).
 */
interface Scratch {
  readonly phi: Float64Array;
  readonly dPhi: Float64Array;
  readonly low: Float64Array;
  readonly high: Float64Array;
  readonly depth: Int32Array;
  readonly scale: Float64Array;
  readonly sum: Float64Array;
  readonly derivatives: Float64Array;
  readonly error: Float64Array;
}

let scratch: Scratch | undefined;
function scratchOf(): Scratch {
  scratch ??= {
    phi: new Float64Array(15),
    dPhi: new Float64Array(75),
    low: new Float64Array(MAX_PIECES),
    high: new Float64Array(MAX_PIECES),
    depth: new Int32Array(MAX_PIECES),
    scale: new Float64Array(MAX_PIECES),
    sum: new Float64Array(MAX_PIECES),
    derivatives: new Float64Array(5 * MAX_PIECES),
    error: new Float64Array(MAX_PIECES),
  };
  return scratch;
}

/** Applies the 7/15-point rule to [low, high] and stores the result as piece `k`. */
function evaluatePiece(
  p: Point,
  m: number,
  low: number,
  high: number,
  depth: number,
  k: number,
  work: Scratch,
): void {
  const { alpha, b, s, beta, logConstant, logBeta } = p;
  const { phi, dPhi, derivatives: pieceD } = work;
  const half = (high - low) / 2;
  const centre = low + half;
  let top = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < 15; j++) {
    const y = centre + half * (NODES_15[j] as number);
    const alphaY = alpha + y;
    const logAlphaY = Math.log(alphaY);
    const by = b * y;
    gompertzTerms(beta, by, terms);
    const value = logConstant - m * logAlphaY + by - (s + 1) * terms.logDenominator;
    phi[j] = value;
    if (value > top) top = value;
    const n = 5 * j;
    dPhi[n] = -logAlphaY;
    dPhi[n + 1] = -m / alphaY;
    dPhi[n + 2] = 1 / b + y - (s + 1) * y * terms.share;
    dPhi[n + 3] = 1 / s + logBeta - terms.logDenominator;
    dPhi[n + 4] = s / beta - (s + 1) * terms.inverse;
  }
  let kronrod = 0;
  let gauss = 0;
  const base = 5 * k;
  for (let d = 0; d < 5; d++) pieceD[base + d] = 0;
  for (let j = 0; j < 15; j++) {
    const e = Math.exp((phi[j] as number) - top);
    const weighted = (KRONROD_15[j] as number) * e;
    kronrod += weighted;
    gauss += (GAUSS_15[j] as number) * e;
    const n = 5 * j;
    for (let d = 0; d < 5; d++)
      pieceD[base + d] = (pieceD[base + d] as number) + weighted * (dPhi[n + d] as number);
  }
  work.low[k] = low;
  work.high[k] = high;
  work.depth[k] = depth;
  work.scale[k] = top + Math.log(half);
  work.sum[k] = kronrod;
  // a piece at the deepest bisection is accepted as it is: its error no longer counts
  work.error[k] =
    depth >= MAX_DEPTH
      ? Number.NEGATIVE_INFINITY
      : top + Math.log(half) + Math.log(Math.abs(kronrod - gauss));
}

/**
 * ∫_u^v h(y) dy for h = (α+y)^−m f(y), m = r + x, globally adaptive (QUADPACK's QAG strategy): the piece
 * with the largest Gauss–Kronrod difference is bisected until the differences sum to at most 1e−11 of the
 * segment's total plus `logReference` (the part of Q already accumulated to its right, against which the
 * segment's error counts). Pieces whose value is negligible are never refined.
 */
function integrateSegment(
  p: Point,
  m: number,
  u: number,
  v: number,
  logReference: number,
  out: Segment,
): void {
  const work = scratchOf();
  const { low: pieceLow, high: pieceHigh, depth: pieceDepth, scale: pieceScale, sum: pieceSum } = work;
  const { derivatives: pieceD, error: pieceError } = work;
  let count = 1;
  evaluatePiece(p, m, u, v, 0, 0, work);
  for (;;) {
    let logTotal = logReference;
    let logErrors = Number.NEGATIVE_INFINITY;
    let worst = 0;
    for (let k = 0; k < count; k++) {
      logTotal = logAddExp(logTotal, (pieceScale[k] as number) + Math.log(pieceSum[k] as number));
      logErrors = logAddExp(logErrors, pieceError[k] as number);
      if ((pieceError[k] as number) > (pieceError[worst] as number)) worst = k;
    }
    if (!(logErrors > LOG_TOLERANCE + logTotal) || count === MAX_PIECES) break;
    const low = pieceLow[worst] as number;
    const high = pieceHigh[worst] as number;
    const centre = (low + high) / 2;
    const depth = (pieceDepth[worst] as number) + 1;
    evaluatePiece(p, m, low, centre, depth, worst, work);
    evaluatePiece(p, m, centre, high, depth, count, work);
    count++;
  }
  let top = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < count; k++) top = Math.max(top, pieceScale[k] as number);
  let sum = 0;
  for (let d = 0; d < 5; d++) out.mean[d] = 0;
  for (let k = 0; k < count; k++) {
    const factor = Math.exp((pieceScale[k] as number) - top);
    sum += (pieceSum[k] as number) * factor;
    for (let d = 0; d < 5; d++)
      out.mean[d] = (out.mean[d] as number) + (pieceD[5 * k + d] as number) * factor;
  }
  out.logValue = top + Math.log(sum);
  for (let d = 0; d < 5; d++) out.mean[d] = (out.mean[d] as number) / sum;
}

/**
 * ln ∫_u^v (α+y)^−(r+x) f(y) dy for one customer (the predictions' P(alive)); −∞ for an empty interval.
 */
export function logLifetimeIntegral(
  r: number,
  alpha: number,
  b: number,
  s: number,
  beta: number,
  x: number,
  u: number,
  v: number,
): number {
  if (!(v > u)) return Number.NEGATIVE_INFINITY;
  const point: Point = {
    r,
    alpha,
    b,
    s,
    beta,
    logConstant: Math.log(b) + Math.log(s) + s * Math.log(beta),
    logBeta: Math.log(beta),
  };
  const out: Segment = { logValue: 0, mean: new Float64Array(5) };
  integrateSegment(point, r + x, u, v, Number.NEGATIVE_INFINITY, out);
  return out.logValue;
}

/** −ln L / total over (ln r, ln α, ln b, ln s, ln β), with its gradient. */
export function ggomNbdObjective(rows: CompressedRows): Objective {
  const { third: age, weight, total } = rows;
  const { groups, widest } = groupsOf(rows);
  const logQ = new Float64Array(widest);
  const meanQ = new Float64Array(5 * widest);
  const segment: Segment = { logValue: 0, mean: new Float64Array(5) };
  const point: Point = { r: 0, alpha: 0, b: 0, s: 0, beta: 0, logConstant: 0, logBeta: 0 };
  const first = new Float64Array(5);
  return (logParams, gradient) => {
    const r = Math.exp(logParams[0] as number);
    const alpha = Math.exp(logParams[1] as number);
    const b = Math.exp(logParams[2] as number);
    const s = Math.exp(logParams[3] as number);
    const beta = Math.exp(logParams[4] as number);
    if (![r, alpha, b, s, beta].every((value) => value > 0 && Number.isFinite(value))) return Number.NaN;
    const logAlpha = Math.log(alpha);
    const logBeta = Math.log(beta);
    point.r = r;
    point.alpha = alpha;
    point.b = b;
    point.s = s;
    point.beta = beta;
    point.logBeta = logBeta;
    point.logConstant = Math.log(b) + Math.log(s) + s * logBeta;
    const lgR = logGamma(r);
    const psiR = digamma(r);
    let sum = 0;
    let gR = 0;
    let gAlpha = 0;
    let gB = 0;
    let gS = 0;
    let gBeta = 0;
    for (const group of groups) {
      const { x, times } = group;
      const m = r + x;
      const last = times.length - 1;
      logQ[last] = Number.NEGATIVE_INFINITY;
      for (let d = 0; d < 5; d++) meanQ[5 * last + d] = 0;
      for (let k = last - 1; k >= 0; k--) {
        const right = logQ[k + 1] as number;
        integrateSegment(point, m, times[k] as number, times[k + 1] as number, right, segment);
        const logHere = logAddExp(right, segment.logValue);
        logQ[k] = logHere;
        const fromRight = right === Number.NEGATIVE_INFINITY ? 0 : Math.exp(right - logHere);
        const fromSegment = Math.exp(segment.logValue - logHere);
        for (let d = 0; d < 5; d++) {
          meanQ[5 * k + d] =
            fromRight * (meanQ[5 * (k + 1) + d] as number) + fromSegment * (segment.mean[d] as number);
        }
      }
      const lgRX = logGamma(m);
      const psiRX = digamma(m);
      for (let i = group.start; i < group.end; i++) {
        const w = weight[i] as number;
        const T = age[i] as number;
        const atRecency = group.recencyAt[i - group.start] as number;
        const atAge = group.ageAt[i - group.start] as number;
        const alphaT = alpha + T;
        const logAlphaT = Math.log(alphaT);
        gompertzTerms(beta, b * T, terms);
        // ln of the first term, (α+T)^−(r+x) S(T), and its derivatives
        const logFirst = -m * logAlphaT + s * (logBeta - terms.logDenominator);
        first[0] = -logAlphaT;
        first[1] = -m / alphaT;
        first[2] = -s * T * terms.share;
        first[3] = logBeta - terms.logDenominator;
        first[4] = s / beta - s * terms.inverse;
        const logFrom = logQ[atRecency] as number;
        const logTo = logQ[atAge] as number;
        const top = Math.max(logFirst, logFrom);
        const e0 = Math.exp(logFirst - top);
        const e1 = logFrom === Number.NEGATIVE_INFINITY ? 0 : Math.exp(logFrom - top);
        const e2 = logTo === Number.NEGATIVE_INFINITY ? 0 : Math.exp(logTo - top);
        const bracket = e0 + Math.max(0, e1 - e2);
        sum += w * (lgRX - lgR + r * logAlpha + top + Math.log(bracket));
        if (gradient !== null) {
          const c0 = e0 / bracket;
          const c1 = e1 / bracket;
          const c2 = e2 / bracket;
          const derivative = (d: number): number =>
            c0 * (first[d] as number) +
            c1 * (meanQ[5 * atRecency + d] as number) -
            c2 * (meanQ[5 * atAge + d] as number);
          gR += w * (psiRX - psiR + logAlpha + derivative(0));
          gAlpha += w * (r / alpha + derivative(1));
          gB += w * derivative(2);
          gS += w * derivative(3);
          gBeta += w * derivative(4);
        }
      }
    }
    if (gradient !== null) {
      gradient[0] = (-gR * r) / total;
      gradient[1] = (-gAlpha * alpha) / total;
      gradient[2] = (-gB * b) / total;
      gradient[3] = (-gS * s) / total;
      gradient[4] = (-gBeta * beta) / total;
    }
    return -sum / total;
  };
}

/**
 * The GGom/NBD likelihood of validated rows, over rescaled times (see {@link timeScaleOf}: α scales with
 * time, b inversely, β not at all), with a pilot subsample for large data.
 */
export function ggomNbdLikelihood(rows: CompressedRows): Likelihood {
  const scale = timeScaleOf(rows);
  const purchases = totalPurchases(rows);
  const scaled = scaleTimes(rows, scale);
  const sampled = subsample(scaled);
  return {
    objective: ggomNbdObjective(scaled),
    pilot: sampled === null ? null : ggomNbdObjective(sampled),
    followPilotToBoundary: true,
    total: rows.total,
    distinctRows: rows.first.length,
    unscale: ([r, alpha, b, s, beta]) => [
      r as number,
      (alpha as number) * scale,
      (b as number) / scale,
      s as number,
      beta as number,
    ],
    unscaleLogLikelihood: (logLikelihood) => logLikelihood - purchases * Math.log(scale),
  };
}
