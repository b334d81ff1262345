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
//
// Speed (docs/benchmarks.md, Session 30): the x-free parts of the integrand are computed once per
// evaluation at the nodes of each interval of the rows' common time grid and shared by all frequencies
// (NodeCache), each frequency's terms are scaled once so that a row costs one logarithm, and the gradient's
// weights are summed per distinct time. On the benchmark's 1M customers (685,518 distinct rows) the fit
// takes a median 3.3 s of CPU against 8.0 s before (−59%; BG/NBD's 1.16 s: 2.9× instead of 6.9×), each
// full-data evaluation 24 ms against 100 ms.

import { GAUSS_15, KRONROD_15, NODES_15 } from '../../math/gaussKronrod';
import type { Objective } from '../../math/optimize';
import { digamma, logGamma } from '../../math/special';
import type { Likelihood, RowLogLikelihood } from '../core/definition';
import { type CompressedRows, subsample } from '../core/rows';
import { scaleTimes, timeScaleOf, totalPurchases } from '../core/timeScale';
import { type GompertzTerms, gompertzTerms } from './lifetime';

/** Relative agreement of the Gauss and Kronrod estimates that accepts a segment. */
const TOLERANCE = 1e-11;
/** Deepest bisection of a segment. */
const MAX_DEPTH = 40;

/**
 * The rows' distinct times on one grid, and the rows of each frequency with their own distinct times. The
 * lifetime parts of the integrand (everything but the factor (α+y)^−(r+x)) do not depend on x, so they are
 * computed once per evaluation at the Kronrod nodes of each interval between consecutive grid times and
 * shared by every frequency whose segment is that interval (most segments of a large data set are: on a
 * grid of days, a frequency's consecutive distinct times are usually consecutive days).
 */
interface Layout {
  /** Sorted distinct t_x and T of all rows. */
  readonly grid: Float64Array;
  readonly groups: Group[];
  /** The most distinct times of one group. */
  readonly widest: number;
}

/** The rows of one frequency, with their distinct times and each row's place among them. */
interface Group {
  readonly x: number;
  readonly start: number;
  readonly end: number;
  /** Sorted distinct t_x and T of the group's rows. */
  readonly times: Float64Array;
  /** The index in the layout's grid of each of `times`. */
  readonly gridAt: Int32Array;
  /** 1 where the time is some row's T. */
  readonly isAge: Uint8Array;
  /** Per row of the group: the index of its t_x and of its T in `times`. */
  readonly recencyAt: Int32Array;
  readonly ageAt: Int32Array;
}

/** The sorted distinct values of `values`, and a lookup of a value's index among them. */
function distinctSorted(values: Float64Array): { sorted: Float64Array; find: (value: number) => number } {
  const all = Float64Array.from(values).sort();
  let distinct = 0;
  for (let i = 0; i < all.length; i++) {
    if (i === 0 || all[i] !== all[distinct - 1]) all[distinct++] = all[i] as number;
  }
  const sorted = all.slice(0, distinct);
  const find = (value: number): number => {
    let low = 0;
    let high = sorted.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((sorted[middle] as number) < value) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return { sorted, find };
}

function layoutOf(rows: CompressedRows): Layout {
  const { first: frequency, second: recency, third: age } = rows;
  const both = new Float64Array(2 * frequency.length);
  both.set(recency);
  both.set(age, frequency.length);
  const { sorted: grid, find: onGrid } = distinctSorted(both);
  const groups: Group[] = [];
  let widest = 0;
  let start = 0;
  while (start < frequency.length) {
    const x = frequency[start] as number;
    let end = start + 1;
    while (end < frequency.length && frequency[end] === x) end++;
    const own = new Float64Array(2 * (end - start));
    own.set(recency.subarray(start, end));
    own.set(age.subarray(start, end), end - start);
    const { sorted: times, find } = distinctSorted(own);
    const recencyAt = new Int32Array(end - start);
    const ageAt = new Int32Array(end - start);
    const isAge = new Uint8Array(times.length);
    for (let i = start; i < end; i++) {
      recencyAt[i - start] = find(recency[i] as number);
      const at = find(age[i] as number);
      ageAt[i - start] = at;
      isAge[at] = 1;
    }
    const gridAt = Int32Array.from(times, onGrid);
    groups.push({ x, start, end, times, gridAt, isAge, recencyAt, ageAt });
    widest = Math.max(widest, times.length);
    start = end;
  }
  return { grid, groups, widest };
}

/** The parameters and their per-evaluation constants, shared by the segment integrals. */
interface Point {
  r: number;
  alpha: number;
  b: number;
  s: number;
  beta: number;
  /** ln b + ln s − ln β. */
  logConstant: number;
}

/** Sets `point` to (r, α, b, s, β), with ln β given and its constant ln b + ln s − ln β. */
function setPoint(
  point: Point,
  r: number,
  alpha: number,
  b: number,
  s: number,
  beta: number,
  logBeta: number,
): void {
  point.r = r;
  point.alpha = alpha;
  point.b = b;
  point.s = s;
  point.beta = beta;
  point.logConstant = Math.log(b) + Math.log(s) - logBeta;
}

/** A segment's ln ∫ h and, in `mean`, ∫ h·∂ln h/∂θ over ∫ h for θ = r, α, b, s, β. */
interface Segment {
  logValue: number;
  readonly mean: Float64Array;
}

/**
 * Per evaluation, at the 15 Kronrod nodes y of each grid interval (node n = 15·interval + j): ln f(y)
 * (`base`), ln(α+y), 1/(α+y) and the derivatives of ln f(y) with respect to b, s and β; and per interval
 * ln of its half-width.
 */
interface NodeCache {
  readonly base: Float64Array;
  readonly logAlpha: Float64Array;
  readonly inverseAlpha: Float64Array;
  readonly dB: Float64Array;
  readonly dS: Float64Array;
  readonly dBeta: Float64Array;
  readonly logHalf: Float64Array;
}

function nodeCacheOf(intervals: number): NodeCache {
  const nodes = 15 * intervals;
  return {
    base: new Float64Array(nodes),
    logAlpha: new Float64Array(nodes),
    inverseAlpha: new Float64Array(nodes),
    dB: new Float64Array(nodes),
    dS: new Float64Array(nodes),
    dBeta: new Float64Array(nodes),
    logHalf: new Float64Array(intervals),
  };
}

const terms: GompertzTerms = { logRatio: 0, share: 0, inverse: 0 };

/** Fills `cache` for the intervals of `grid` at the point `p`. */
function fillNodeCache(p: Point, grid: Float64Array, cache: NodeCache): void {
  const { alpha, b, s, beta, logConstant } = p;
  for (let g = 0; g + 1 < grid.length; g++) {
    const low = grid[g] as number;
    const half = ((grid[g + 1] as number) - low) / 2;
    const centre = low + half;
    cache.logHalf[g] = Math.log(half);
    for (let j = 0; j < 15; j++) {
      const n = 15 * g + j;
      const y = centre + half * (NODES_15[j] as number);
      const alphaY = alpha + y;
      const by = b * y;
      gompertzTerms(beta, by, terms);
      cache.base[n] = logConstant + by - (s + 1) * terms.logRatio;
      cache.logAlpha[n] = Math.log(alphaY);
      cache.inverseAlpha[n] = 1 / alphaY;
      cache.dB[n] = 1 / b + y - (s + 1) * y * terms.share;
      cache.dS[n] = 1 / s - terms.logRatio;
      cache.dBeta[n] = s / beta - (s + 1) * terms.inverse;
    }
  }
}

/** Most pieces a segment is cut into; beyond it the estimate stands as it is. */
const MAX_PIECES = 256;
/**
 * A segment spanning at most this many grid intervals starts from them (from the node cache); a longer one
 * from one piece over the whole segment (evaluating the integrand afresh), as a segment of a sparse
 * frequency is usually smooth enough for one 15-point rule.
 */
const MAX_CACHED_SPAN = 4;
/**
 * How far the largest piece's scale may fall below the one the factors were computed against before they
 * are computed afresh (so that no factor of a piece near the largest underflows).
 */
const RESCALE = 300;

/**
 * Scratch of the segment integrals, made on first use (so that importing the library allocates nothing):
 * the node values and derivatives, and the pieces of the segment being integrated (ends, depth,
 * ln(half-width · largest node value) and, relative to it, the Kronrod sum, its derivative sums and the
 * Gauss–Kronrod difference).
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
  readonly factor: Float64Array;
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
    factor: new Float64Array(MAX_PIECES),
  };
  return scratch;
}

/**
 * ln h at an outermost node more than this above its neighbour makes a piece's estimate suspect: h may keep
 * rising between that node and the piece's end, where neither rule looks (0.43% of the width), and both
 * rules can then agree on a value far below the piece's integral (seen on a grid interval [1.08, 545.5]
 * whose mass lay within 0.1 of its left end: 1e−7 of it estimated, with a Gauss–Kronrod difference of
 * 1e−12 of the segment).
 */
const STEEP_EDGE = 4;

const edgeTerms: GompertzTerms = { logRatio: 0, share: 0, inverse: 0 };

/**
 * Stores the 7/15-point sums of `phi` (ln h at the nodes, largest `top`, at node `topAt`) and `dPhi` as
 * piece `k`. A piece with a steep edge (see {@link STEEP_EDGE}) is checked against the enclosure of its
 * integral, (α+high)^−m ΔS ≤ ∫ h ≤ (α+low)^−m ΔS with ΔS = S(low) − S(high) = ∫ f, as (α+y)^−m falls: an
 * estimate more than 2× outside it has not seen the integrand, and the piece then counts as known only to
 * lie below its upper bound (its error is that bound), so that it is bisected unless the bound is negligible.
 */
function storePiece(
  work: Scratch,
  p: Point,
  m: number,
  low: number,
  high: number,
  logHalf: number,
  depth: number,
  top: number,
  topAt: number,
  k: number,
): void {
  const { phi, dPhi, derivatives: pieceD } = work;
  let kronrod = 0;
  let gauss = 0;
  let d0 = 0;
  let d1 = 0;
  let d2 = 0;
  let d3 = 0;
  let d4 = 0;
  for (let j = 0; j < 15; j++) {
    const e = Math.exp((phi[j] as number) - top);
    const weighted = (KRONROD_15[j] as number) * e;
    kronrod += weighted;
    gauss += (GAUSS_15[j] as number) * e;
    const n = 5 * j;
    d0 += weighted * (dPhi[n] as number);
    d1 += weighted * (dPhi[n + 1] as number);
    d2 += weighted * (dPhi[n + 2] as number);
    d3 += weighted * (dPhi[n + 3] as number);
    d4 += weighted * (dPhi[n + 4] as number);
  }
  let scale = top + logHalf;
  // a piece at the deepest bisection is accepted as it is: its error no longer counts
  let error = depth >= MAX_DEPTH ? 0 : Math.abs(kronrod - gauss);
  const neighbour = topAt === 0 ? 1 : topAt === 14 ? 13 : -1;
  if (depth < MAX_DEPTH && neighbour !== -1 && top - (phi[neighbour] as number) > STEEP_EDGE) {
    const { b, s, beta, alpha } = p;
    gompertzTerms(beta, b * low, edgeTerms);
    const logRatioLow = edgeTerms.logRatio;
    gompertzTerms(beta, b * high, edgeTerms);
    // −ln S(high)/S(low), checked only where it is well above its rounding
    const gap = s * (edgeTerms.logRatio - logRatioLow);
    if (gap > 1e-9 * s * edgeTerms.logRatio) {
      const logMass = -s * logRatioLow + Math.log(-Math.expm1(-gap));
      const logUpper = logMass - m * Math.log(alpha + low);
      const logEstimate = scale + Math.log(kronrod);
      if (
        logEstimate < logMass - m * Math.log(alpha + high) - Math.LN2 ||
        logEstimate > logUpper + Math.LN2
      ) {
        const shift = Math.exp(scale - logUpper);
        kronrod *= shift;
        d0 *= shift;
        d1 *= shift;
        d2 *= shift;
        d3 *= shift;
        d4 *= shift;
        scale = logUpper;
        error = 1;
      }
    }
  }
  const base = 5 * k;
  pieceD[base] = d0;
  pieceD[base + 1] = d1;
  pieceD[base + 2] = d2;
  pieceD[base + 3] = d3;
  pieceD[base + 4] = d4;
  work.low[k] = low;
  work.high[k] = high;
  work.depth[k] = depth;
  work.scale[k] = scale;
  work.sum[k] = kronrod;
  work.error[k] = error;
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
  const { alpha, b, s, beta, logConstant } = p;
  const { phi, dPhi } = work;
  const half = (high - low) / 2;
  const centre = low + half;
  let top = Number.NEGATIVE_INFINITY;
  let topAt = 0;
  for (let j = 0; j < 15; j++) {
    const y = centre + half * (NODES_15[j] as number);
    const alphaY = alpha + y;
    const logAlphaY = Math.log(alphaY);
    const by = b * y;
    gompertzTerms(beta, by, terms);
    const value = logConstant - m * logAlphaY + by - (s + 1) * terms.logRatio;
    phi[j] = value;
    if (value > top) {
      top = value;
      topAt = j;
    }
    const n = 5 * j;
    dPhi[n] = -logAlphaY;
    dPhi[n + 1] = -m / alphaY;
    dPhi[n + 2] = 1 / b + y - (s + 1) * y * terms.share;
    dPhi[n + 3] = 1 / s - terms.logRatio;
    dPhi[n + 4] = s / beta - (s + 1) * terms.inverse;
  }
  storePiece(work, p, m, low, high, Math.log(half), depth, top, topAt, k);
}

/** The 7/15-point rule on grid interval `g` from the node cache, stored as piece `k`. */
function evaluateCachedPiece(
  p: Point,
  cache: NodeCache,
  grid: Float64Array,
  m: number,
  g: number,
  k: number,
  work: Scratch,
): void {
  const { phi, dPhi } = work;
  let top = Number.NEGATIVE_INFINITY;
  let topAt = 0;
  for (let j = 0; j < 15; j++) {
    const n = 15 * g + j;
    const logAlphaY = cache.logAlpha[n] as number;
    const value = (cache.base[n] as number) - m * logAlphaY;
    phi[j] = value;
    if (value > top) {
      top = value;
      topAt = j;
    }
    const d = 5 * j;
    dPhi[d] = -logAlphaY;
    dPhi[d + 1] = -m * (cache.inverseAlpha[n] as number);
    dPhi[d + 2] = cache.dB[n] as number;
    dPhi[d + 3] = cache.dS[n] as number;
    dPhi[d + 4] = cache.dBeta[n] as number;
  }
  const low = grid[g] as number;
  storePiece(work, p, m, low, grid[g + 1] as number, cache.logHalf[g] as number, 0, top, topAt, k);
}

/**
 * ∫_u^v h(y) dy for h = (α+y)^−m f(y), m = r + x, globally adaptive (QUADPACK's QAG strategy): the piece
 * with the largest Gauss–Kronrod difference is bisected until the differences sum to at most 1e−11 of the
 * segment's total plus `logReference` (the part of Q already accumulated to its right, against which the
 * segment's error counts). Pieces whose value is negligible are never refined. With a node cache and the
 * grid indices `gu` < `gv` of u and v, a segment of at most {@link MAX_CACHED_SPAN} grid intervals starts
 * from those intervals' cached rules instead of one piece.
 */
function integrateSegment(
  p: Point,
  m: number,
  u: number,
  v: number,
  logReference: number,
  out: Segment,
  cached: { cache: NodeCache; grid: Float64Array; gu: number; gv: number } | null,
): void {
  const work = scratchOf();
  const { low: pieceLow, high: pieceHigh, depth: pieceDepth, scale: pieceScale, sum: pieceSum } = work;
  const { derivatives: pieceD, error: pieceError, factor } = work;
  let count = 0;
  if (cached !== null && cached.gv - cached.gu <= MAX_CACHED_SPAN) {
    for (let g = cached.gu; g < cached.gv; g++)
      evaluateCachedPiece(p, cached.cache, cached.grid, m, g, count++, work);
  } else {
    evaluatePiece(p, m, u, v, 0, count++, work);
  }
  // each piece's factor e^(scale − top) is computed when the piece is made, against `top`, the largest
  // scale, and all of them again only when `top` rises or falls far (by more than RESCALE): a split costs
  // two exponentials and a pass of multiply-adds, not one exponential per piece (at 256 pieces those had
  // been half of the time of a segment)
  let top = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < count; k++) top = Math.max(top, pieceScale[k] as number);
  for (let k = 0; k < count; k++) factor[k] = Math.exp((pieceScale[k] as number) - top);
  for (;;) {
    let total = logReference === Number.NEGATIVE_INFINITY ? 0 : Math.exp(logReference - top);
    let errors = 0;
    let worst = 0;
    let worstError = -1;
    for (let k = 0; k < count; k++) {
      const f = factor[k] as number;
      total += (pieceSum[k] as number) * f;
      const error = (pieceError[k] as number) * f;
      errors += error;
      if (error > worstError) {
        worstError = error;
        worst = k;
      }
    }
    if (!(errors > TOLERANCE * total) || count === MAX_PIECES) break;
    const low = pieceLow[worst] as number;
    const high = pieceHigh[worst] as number;
    const centre = (low + high) / 2;
    const depth = (pieceDepth[worst] as number) + 1;
    evaluatePiece(p, m, low, centre, depth, worst, work);
    evaluatePiece(p, m, centre, high, depth, count, work);
    count++;
    let largest = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < count; k++) largest = Math.max(largest, pieceScale[k] as number);
    if (largest > top || largest < top - RESCALE) {
      top = largest;
      for (let k = 0; k < count; k++) factor[k] = Math.exp((pieceScale[k] as number) - top);
    } else {
      factor[worst] = Math.exp((pieceScale[worst] as number) - top);
      factor[count - 1] = Math.exp((pieceScale[count - 1] as number) - top);
    }
  }
  let sum = 0;
  let d0 = 0;
  let d1 = 0;
  let d2 = 0;
  let d3 = 0;
  let d4 = 0;
  for (let k = 0; k < count; k++) {
    const f = factor[k] as number;
    sum += (pieceSum[k] as number) * f;
    const base = 5 * k;
    d0 += (pieceD[base] as number) * f;
    d1 += (pieceD[base + 1] as number) * f;
    d2 += (pieceD[base + 2] as number) * f;
    d3 += (pieceD[base + 3] as number) * f;
    d4 += (pieceD[base + 4] as number) * f;
  }
  out.logValue = top + Math.log(sum);
  const mean = out.mean;
  mean[0] = d0 / sum;
  mean[1] = d1 / sum;
  mean[2] = d2 / sum;
  mean[3] = d3 / sum;
  mean[4] = d4 / sum;
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
  const point: Point = { r: 0, alpha: 0, b: 0, s: 0, beta: 0, logConstant: 0 };
  setPoint(point, r, alpha, b, s, beta, Math.log(beta));
  const out: Segment = { logValue: 0, mean: new Float64Array(5) };
  integrateSegment(point, r + x, u, v, Number.NEGATIVE_INFINITY, out, null);
  return out.logValue;
}

const rowPoint: Point = { r: 0, alpha: 0, b: 0, s: 0, beta: 0, logConstant: 0 };
const rowSegment: Segment = { logValue: 0, mean: /* @__PURE__ */ new Float64Array(5) };
const rowTerms: GompertzTerms = { logRatio: 0, share: 0, inverse: 0 };

/**
 * ln L of one customer at natural parameters (r, α, b, s, β), the fit with covariates' kernel (each customer
 * at its own α_i and β_i): the expression of the file's head with the integral over [t_x, T] taken by the
 * same adaptive quadrature (its tolerance relative to the whole bracket), and the gradient with respect to
 * the parameters' logarithms written to `gradient` (the exact derivative of that quadrature); NaN where
 * the parameters are not positive and finite.
 */
export const ggomRowLogLikelihood: RowLogLikelihood = (params, x, tx, T, gradient) => {
  const r = params[0] as number;
  const alpha = params[1] as number;
  const b = params[2] as number;
  const s = params[3] as number;
  const beta = params[4] as number;
  if (![r, alpha, b, s, beta].every((value) => value > 0 && Number.isFinite(value))) return Number.NaN;
  const m = r + x;
  const logAlpha = Math.log(alpha);
  const logBeta = Math.log(beta);
  const logAlphaT = Math.log(alpha + T);
  gompertzTerms(beta, b * T, rowTerms);
  const { logRatio, share, inverse } = rowTerms;
  // ln of the first term of the bracket, (α+T)^−(r+x) S(T)
  const logFirst = -m * logAlphaT - s * logRatio;
  let logBracket = logFirst;
  let shareFirst = 1;
  if (T > tx) {
    setPoint(rowPoint, r, alpha, b, s, beta, logBeta);
    integrateSegment(rowPoint, m, tx, T, logFirst, rowSegment, null);
    const logIntegral = rowSegment.logValue;
    const top = Math.max(logFirst, logIntegral);
    const e0 = Math.exp(logFirst - top);
    const e1 = Math.exp(logIntegral - top);
    logBracket = top + Math.log(e0 + e1);
    shareFirst = e0 / (e0 + e1);
  }
  const lgRX = logGamma(m);
  const lgR = logGamma(r);
  if (gradient !== null) {
    const shareIntegral = 1 - shareFirst;
    const mean = rowSegment.mean;
    const integral = (d: number): number => (shareIntegral === 0 ? 0 : shareIntegral * (mean[d] as number));
    gradient[0] = r * (digamma(m) - digamma(r) + logAlpha - shareFirst * logAlphaT + integral(0));
    gradient[1] = alpha * (r / alpha - (shareFirst * m) / (alpha + T) + integral(1));
    gradient[2] = b * (-shareFirst * s * T * share + integral(2));
    gradient[3] = s * (-shareFirst * logRatio + integral(3));
    gradient[4] = beta * (shareFirst * (s / beta - s * inverse) + integral(4));
  }
  return lgRX - lgR + r * logAlpha + logBracket;
};

/**
 * A row's first term ln[(α+T)^−(r+x) S(T)] more than this below the largest term of its frequency is
 * summed from its own exponentials (exact whatever the range); above it, from the frequency's terms
 * scaled once by e^−(largest), whose underflow then costs at most e^−600 relative to the row's bracket.
 */
const SHARED_SCALE_RANGE = 600;

/** −ln L / total over (ln r, ln α, ln b, ln s, ln β), with its gradient. */
export function ggomNbdObjective(rows: CompressedRows): Objective {
  const { weight, total } = rows;
  const { grid, groups, widest } = layoutOf(rows);
  const cache = nodeCacheOf(Math.max(0, grid.length - 1));
  const cached = { cache, grid, gu: 0, gv: 0 };
  // per grid time: ln(α+T), 1/(α+T) and the Gompertz terms at b·T
  const gridLogAlpha = new Float64Array(grid.length);
  const gridInverseAlpha = new Float64Array(grid.length);
  const gridLogRatio = new Float64Array(grid.length);
  const gridShare = new Float64Array(grid.length);
  const gridInverse = new Float64Array(grid.length);
  // per time of the group being summed: ln Q, the derivative means of Q, ln of the first term, and the
  // shared-scale linear values of Q and of the first term
  const logQ = new Float64Array(widest);
  const meanQ = new Float64Array(5 * widest);
  const logFirst = new Float64Array(widest);
  const linearQ = new Float64Array(widest);
  const linearFirst = new Float64Array(widest);
  const segment: Segment = { logValue: 0, mean: new Float64Array(5) };
  const point: Point = { r: 0, alpha: 0, b: 0, s: 0, beta: 0, logConstant: 0 };
  const weightFirst = new Float64Array(widest);
  const weightFrom = new Float64Array(widest);
  const weightTo = new Float64Array(widest);
  return (logParams, gradient) => {
    const r = Math.exp(logParams[0] as number);
    const alpha = Math.exp(logParams[1] as number);
    const b = Math.exp(logParams[2] as number);
    const s = Math.exp(logParams[3] as number);
    const beta = Math.exp(logParams[4] as number);
    if (![r, alpha, b, s, beta].every((value) => value > 0 && Number.isFinite(value))) return Number.NaN;
    const logAlpha = Math.log(alpha);
    const logBeta = Math.log(beta);
    setPoint(point, r, alpha, b, s, beta, logBeta);
    fillNodeCache(point, grid, cache);
    for (let g = 0; g < grid.length; g++) {
      const T = grid[g] as number;
      gridLogAlpha[g] = Math.log(alpha + T);
      gridInverseAlpha[g] = 1 / (alpha + T);
      gompertzTerms(beta, b * T, terms);
      gridLogRatio[g] = terms.logRatio;
      gridShare[g] = terms.share;
      gridInverse[g] = terms.inverse;
    }
    const lgR = logGamma(r);
    const psiR = digamma(r);
    let sum = 0;
    let gR = 0;
    let gAlpha = 0;
    let gB = 0;
    let gS = 0;
    let gBeta = 0;
    for (const group of groups) {
      const { x, times, gridAt, isAge } = group;
      const m = r + x;
      const last = times.length - 1;
      logQ[last] = Number.NEGATIVE_INFINITY;
      for (let d = 0; d < 5; d++) meanQ[5 * last + d] = 0;
      for (let k = last - 1; k >= 0; k--) {
        const right = logQ[k + 1] as number;
        cached.gu = gridAt[k] as number;
        cached.gv = gridAt[k + 1] as number;
        integrateSegment(point, m, times[k] as number, times[k + 1] as number, right, segment, cached);
        // ln(Q(right) + segment) and the two shares of it
        let fromRight = 0;
        let fromSegment = 1;
        if (right === Number.NEGATIVE_INFINITY) {
          logQ[k] = segment.logValue;
        } else if (segment.logValue <= right) {
          const e = Math.exp(segment.logValue - right);
          logQ[k] = right + Math.log1p(e);
          fromRight = 1 / (1 + e);
          fromSegment = e / (1 + e);
        } else {
          const e = Math.exp(right - segment.logValue);
          logQ[k] = segment.logValue + Math.log1p(e);
          fromRight = e / (1 + e);
          fromSegment = 1 / (1 + e);
        }
        for (let d = 0; d < 5; d++) {
          meanQ[5 * k + d] =
            fromRight * (meanQ[5 * (k + 1) + d] as number) + fromSegment * (segment.mean[d] as number);
        }
      }
      // ln of the first term, (α+T)^−(r+x) S(T), at each T of the group, and the group's largest term
      let largest = logQ[0] as number;
      for (let k = 0; k <= last; k++) {
        if (isAge[k] === 0) continue;
        const g = gridAt[k] as number;
        const value = -m * (gridLogAlpha[g] as number) - s * (gridLogRatio[g] as number);
        logFirst[k] = value;
        if (value > largest) largest = value;
      }
      for (let k = 0; k <= last; k++) {
        linearQ[k] = Math.exp((logQ[k] as number) - largest);
        linearFirst[k] = isAge[k] === 0 ? 0 : Math.exp((logFirst[k] as number) - largest);
      }
      const lgRX = logGamma(m);
      const psiRX = digamma(m);
      const shared = largest - SHARED_SCALE_RANGE;
      // the gradient's weights of each time's first term, Q as a row's t_x and Q as a row's T, summed over
      // the rows and applied per time below
      if (gradient !== null) {
        weightFirst.fill(0, 0, last + 1);
        weightFrom.fill(0, 0, last + 1);
        weightTo.fill(0, 0, last + 1);
      }
      let groupWeight = 0;
      for (let i = group.start; i < group.end; i++) {
        const w = weight[i] as number;
        groupWeight += w;
        const atRecency = group.recencyAt[i - group.start] as number;
        const atAge = group.ageAt[i - group.start] as number;
        const logF = logFirst[atAge] as number;
        let e0: number;
        let e1: number;
        let e2: number;
        if (logF >= shared) {
          e0 = linearFirst[atAge] as number;
          e1 = linearQ[atRecency] as number;
          e2 = linearQ[atAge] as number;
          sum += w * largest;
        } else {
          const logFrom = logQ[atRecency] as number;
          const logTo = logQ[atAge] as number;
          const top = Math.max(logF, logFrom);
          e0 = Math.exp(logF - top);
          e1 = logFrom === Number.NEGATIVE_INFINITY ? 0 : Math.exp(logFrom - top);
          e2 = logTo === Number.NEGATIVE_INFINITY ? 0 : Math.exp(logTo - top);
          sum += w * top;
        }
        const bracket = e0 + Math.max(0, e1 - e2);
        sum += w * Math.log(bracket);
        if (gradient !== null) {
          const share = w / bracket;
          weightFirst[atAge] = (weightFirst[atAge] as number) + share * e0;
          weightFrom[atRecency] = (weightFrom[atRecency] as number) + share * e1;
          weightTo[atAge] = (weightTo[atAge] as number) + share * e2;
        }
      }
      if (gradient !== null) {
        for (let k = 0; k <= last; k++) {
          const c0 = weightFirst[k] as number;
          const cQ = (weightFrom[k] as number) - (weightTo[k] as number);
          const q = 5 * k;
          gR += cQ * (meanQ[q] as number);
          gAlpha += cQ * (meanQ[q + 1] as number);
          gB += cQ * (meanQ[q + 2] as number);
          gS += cQ * (meanQ[q + 3] as number);
          gBeta += cQ * (meanQ[q + 4] as number);
          if (c0 === 0) continue;
          // the derivatives of ln[(α+T)^−(r+x) S(T)]
          const g = gridAt[k] as number;
          const T = grid[g] as number;
          gR -= c0 * (gridLogAlpha[g] as number);
          gAlpha -= c0 * m * (gridInverseAlpha[g] as number);
          gB -= c0 * s * T * (gridShare[g] as number);
          gS -= c0 * (gridLogRatio[g] as number);
          gBeta += c0 * (s / beta - s * (gridInverse[g] as number));
        }
      }
      sum += groupWeight * (lgRX - lgR + r * logAlpha);
      gR += groupWeight * (psiRX - psiR + logAlpha);
      gAlpha += groupWeight * (r / alpha);
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
