// The Pareto/NBD log-likelihood with its analytic gradient. Internal.
//
// Fader & Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related Expressions", eq. (22):
//   L = Γ(r+x) α^r β^s / Γ(r) · [ (α+T)^−(r+x) (β+T)^−s + s · I ],
//   I = ∫_{t_x}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ = (J(t_x) − J(T)) / (r+s+x),
// where J(t) = (r+s+x)·∫_t^∞ … is the ₂F₁ term of the note. After Euler's transformation every J is
// a product of powers and H = ₂F₁(1, p; q; z) with 0 < p < q and 0 ≤ z < 1, a series of positive terms:
//   α ≥ β:  J(t) = (α+t)^−(r+x) (β+t)^−s     · H(r+x, r+s+x+1, (α−β)/(α+t))
//   α < β:  J(t) = (α+t)^−(r+x−1) (β+t)^−(s+1) · H(s+1,  r+s+x+1, (β−α)/(β+t))
// so the likelihood is evaluated in log space without the cancellation and overflow of the raw ₂F₁.

import { type LogHypergeometricWithGradient, logHyp2f1UnitWithGradient } from '../../math/hypergeometric';
import type { Objective } from '../../math/optimize';
import { digamma, logGamma } from '../../math/special';
import type { Likelihood } from '../core/definition';
import { rememberLast } from '../core/rememberLast';
import { type CompressedRows, indexDistinct, subsample } from '../core/rows';
import { scaleTimes, timeScaleOf, totalPurchases } from '../core/timeScale';

/** ln J(t) and its gradient with respect to (r, α, s, β). */
interface LogJ {
  value: number;
  dr: number;
  dAlpha: number;
  ds: number;
  dBeta: number;
}

const series: LogHypergeometricWithGradient = { value: 0, dp: 0, dq: 0, dz: 0 };

/** Writes ln J(t) and its gradient into `out`. */
export function logJ(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  t: number,
  out: LogJ,
): void {
  const q = r + s + x + 1;
  const alphaT = alpha + t;
  const betaT = beta + t;
  const logAlphaT = Math.log(alphaT);
  const logBetaT = Math.log(betaT);
  if (alpha >= beta) {
    const z = (alpha - beta) / alphaT;
    logHyp2f1UnitWithGradient(r + x, q, z, series);
    out.value = -(r + x) * logAlphaT - s * logBetaT + series.value;
    out.dr = -logAlphaT + series.dp + series.dq;
    out.ds = -logBetaT + series.dq;
    out.dAlpha = -(r + x) / alphaT + (series.dz * betaT) / (alphaT * alphaT);
    out.dBeta = -s / betaT - series.dz / alphaT;
  } else {
    const z = (beta - alpha) / betaT;
    logHyp2f1UnitWithGradient(s + 1, q, z, series);
    out.value = -(r + x - 1) * logAlphaT - (s + 1) * logBetaT + series.value;
    out.dr = -logAlphaT + series.dq;
    out.ds = -logBetaT + series.dp + series.dq;
    out.dAlpha = -(r + x - 1) / alphaT - series.dz / betaT;
    out.dBeta = -(s + 1) / betaT + (series.dz * alphaT) / (betaT * betaT);
  }
}

/** The bracket's terms in log space, and each term's share of it. */
interface BracketTerms {
  logFirst: number;
  logBracket: number;
  share1: number;
  share2: number;
  share0: number;
}

/**
 * The bracket (α+T)^−(r+x)(β+T)^−s + s·I from its first term's logarithm `logFirst` and ln J(t_x), ln J(T):
 * its logarithm, or NaN when a series did not settle, and the shares of its three terms.
 */
function bracketTerms(
  r: number,
  s: number,
  x: number,
  logFirst: number,
  logJTx: number,
  logJT: number,
): BracketTerms {
  const A = r + s + x;
  const c = s / A;
  const top = Math.max(logFirst, logJTx);
  const e0 = Math.exp(logFirst - top);
  const e1 = c * Math.exp(logJTx - top);
  const e2 = c * Math.exp(logJT - top);
  // J(t_x) ≥ J(T) mathematically; when t_x = T both are the same number and cancel exactly
  const bracket = e0 + Math.max(0, e1 - e2);
  return {
    logFirst,
    logBracket: top + Math.log(bracket),
    share0: e0 / bracket,
    share1: e1 / bracket,
    share2: e2 / bracket,
  };
}

/**
 * ln of the bracket of the likelihood, (α+T)^−(r+x)(β+T)^−s + s·I, or NaN when a series does not settle.
 * Shared by the likelihood and by P(alive).
 */
export function paretoLogTerms(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
  atTx: LogJ,
  atT: LogJ,
): BracketTerms {
  const logFirst = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  logJ(r, alpha, s, beta, x, tx, atTx);
  logJ(r, alpha, s, beta, x, T, atT);
  return bracketTerms(r, s, x, logFirst, atTx.value, atT.value);
}

const atTx: LogJ = { value: 0, dr: 0, dAlpha: 0, ds: 0, dBeta: 0 };
const atT: LogJ = { value: 0, dr: 0, dAlpha: 0, ds: 0, dBeta: 0 };

/** The distinct (x, t) of the rows' (x, t_x) and (x, T), and each row's two of them. */
interface TimePairs {
  /** Per row, the pair of its (x, t_x). */
  readonly ofRecency: Int32Array;
  /** Per row, the pair of its (x, T). */
  readonly ofAge: Int32Array;
  /** Per pair, x. */
  readonly frequency: Float64Array;
  /** Per pair, t. */
  readonly time: Float64Array;
}

/**
 * The (x, t) pairs at which a likelihood evaluation needs J, or null when there are more than `atMost`
 * (then each row computes its two J as it goes). J depends on the row only through x and t, so one
 * evaluation per pair gives every row the numbers it would compute itself: the same bits.
 */
function timePairs(
  frequency: Float64Array,
  recency: Float64Array,
  age: Float64Array,
  atMost: number,
): TimePairs | null {
  const length = frequency.length;
  const times = new Float64Array(2 * length);
  times.set(recency);
  times.set(age, length);
  const timeIndex = indexDistinct(times);
  const frequencyIndex = indexDistinct(frequency);
  const timeCount = timeIndex.values.length;
  if (frequencyIndex.values.length * timeCount > Number.MAX_SAFE_INTEGER) return null;
  const keys = new Float64Array(2 * length);
  for (let i = 0; i < length; i++) {
    const base = (frequencyIndex.ofRow[i] as number) * timeCount;
    keys[i] = base + (timeIndex.ofRow[i] as number);
    keys[length + i] = base + (timeIndex.ofRow[length + i] as number);
  }
  const pairs = indexDistinct(keys);
  const count = pairs.values.length;
  if (count > atMost) return null;
  const pairFrequency = new Float64Array(count);
  const pairTime = new Float64Array(count);
  for (let p = 0; p < count; p++) {
    const key = pairs.values[p] as number;
    const k = Math.floor(key / timeCount);
    pairFrequency[p] = frequencyIndex.values[k] as number;
    pairTime[p] = timeIndex.values[key - k * timeCount] as number;
  }
  return {
    ofRecency: pairs.ofRow.subarray(0, length),
    ofAge: pairs.ofRow.subarray(length),
    frequency: pairFrequency,
    time: pairTime,
  };
}

/**
 * −ln L / total over (ln r, ln α, ln s, ln β), with its gradient. J(t_x) and J(T), a ₂F₁ series each, are
 * computed once per distinct (x, t) where the rows share them (summaries of day-resolution logs do: the
 * 685,518 distinct rows of 1M customers hold 52,256 (x, t)), and ln(α+T), ln(β+T) once per distinct T.
 * `pairsAtMost` (default: the number of rows, so that the pairs never cost more series than the rows
 * would) bounds the pairs kept; with fewer, each row computes its own J, to the same bits.
 */
export function paretoNbdObjective(rows: CompressedRows, pairsAtMost: number = rows.first.length): Objective {
  const { first: frequency, second: recency, third: age, weight, total } = rows;
  const pairs = timePairs(frequency, recency, age, pairsAtMost);
  const pairCount = pairs === null ? 0 : pairs.frequency.length;
  const value = new Float64Array(pairCount);
  const dr = new Float64Array(pairCount);
  const dAlpha = new Float64Array(pairCount);
  const ds = new Float64Array(pairCount);
  const dBeta = new Float64Array(pairCount);
  const ageIndex = indexDistinct(age);
  const logAlphaAge = new Float64Array(ageIndex.values.length);
  const logBetaAge = new Float64Array(ageIndex.values.length);
  const ageOfRow = ageIndex.ofRow;
  /** Copies pair `p`'s J into `out`. */
  const read = (p: number, out: LogJ): void => {
    out.value = value[p] as number;
    out.dr = dr[p] as number;
    out.dAlpha = dAlpha[p] as number;
    out.ds = ds[p] as number;
    out.dBeta = dBeta[p] as number;
  };
  return (logParams, gradient) => {
    const r = Math.exp(logParams[0] as number);
    const alpha = Math.exp(logParams[1] as number);
    const s = Math.exp(logParams[2] as number);
    const beta = Math.exp(logParams[3] as number);
    if (![r, alpha, s, beta].every((value) => value > 0 && Number.isFinite(value))) return Number.NaN;
    const lgR = logGamma(r);
    const psiR = digamma(r);
    const logAlpha = Math.log(alpha);
    const logBeta = Math.log(beta);
    for (let k = 0; k < logAlphaAge.length; k++) {
      logAlphaAge[k] = Math.log(alpha + (ageIndex.values[k] as number));
      logBetaAge[k] = Math.log(beta + (ageIndex.values[k] as number));
    }
    if (pairs !== null) {
      for (let p = 0; p < pairCount; p++) {
        logJ(r, alpha, s, beta, pairs.frequency[p] as number, pairs.time[p] as number, atT);
        value[p] = atT.value;
        dr[p] = atT.dr;
        dAlpha[p] = atT.dAlpha;
        ds[p] = atT.ds;
        dBeta[p] = atT.dBeta;
      }
    }
    let sum = 0;
    let gR = 0;
    let gAlpha = 0;
    let gS = 0;
    let gBeta = 0;
    // ln Γ(r+x) and ψ(r+x) kept for the last x here, not by core/gammaTerms as the NBD objective and the
    // covariate kernels keep them: with that helper per row this fit (fit-paretonbd, 100k customers) took
    // 492.7 ms CPU [482.8–558.2] against 465.8 [436.7–485.9] (1.06; ab.mjs, 5 alternating rounds of 3 fits)
    // and 4,210,203,422 instructions per fit against 3,922,135,713 (1.073, callgrind; session 35,
    // docs/benchmarks.md)
    let lastX = Number.NaN;
    let lgRX = 0;
    let psiRX = 0;
    for (let i = 0; i < frequency.length; i++) {
      const x = frequency[i] as number;
      const w = weight[i] as number;
      if (x !== lastX) {
        lastX = x;
        lgRX = logGamma(r + x);
        psiRX = digamma(r + x);
      }
      if (pairs === null) {
        logJ(r, alpha, s, beta, x, recency[i] as number, atTx);
        logJ(r, alpha, s, beta, x, age[i] as number, atT);
      } else {
        read(pairs.ofRecency[i] as number, atTx);
        read(pairs.ofAge[i] as number, atT);
      }
      const logAlphaT = logAlphaAge[ageOfRow[i] as number] as number;
      const logBetaT = logBetaAge[ageOfRow[i] as number] as number;
      const terms = bracketTerms(r, s, x, -(r + x) * logAlphaT - s * logBetaT, atTx.value, atT.value);
      if (!Number.isFinite(terms.logBracket)) return Number.NaN;
      sum += w * (lgRX - lgR + r * logAlpha + s * logBeta + terms.logBracket);
      if (gradient !== null) {
        const T = age[i] as number;
        const A = r + s + x;
        const { share0, share1, share2 } = terms;
        const shareI = share1 - share2; // the s·I part of the bracket
        // d ln(s/A): dr −1/A, ds 1/s − 1/A
        const dr0 = -logAlphaT;
        const ds0 = -logBetaT;
        gR +=
          w *
          (psiRX - psiR + logAlpha + share0 * dr0 + shareI * (-1 / A) + share1 * atTx.dr - share2 * atT.dr);
        gS += w * (logBeta + share0 * ds0 + shareI * (1 / s - 1 / A) + share1 * atTx.ds - share2 * atT.ds);
        gAlpha +=
          w * (r / alpha + share0 * (-(r + x) / (alpha + T)) + share1 * atTx.dAlpha - share2 * atT.dAlpha);
        gBeta += w * (s / beta + share0 * (-s / (beta + T)) + share1 * atTx.dBeta - share2 * atT.dBeta);
      }
    }
    if (gradient !== null) {
      gradient[0] = (-gR * r) / total;
      gradient[1] = (-gAlpha * alpha) / total;
      gradient[2] = (-gS * s) / total;
      gradient[3] = (-gBeta * beta) / total;
    }
    return -sum / total;
  };
}

/**
 * The Pareto/NBD likelihood of validated rows, over rescaled times (see {@link timeScaleOf}), with a pilot
 * subsample for large data.
 */
export function paretoNbdLikelihood(rows: CompressedRows): Likelihood {
  const scale = timeScaleOf(rows);
  const purchases = totalPurchases(rows);
  const scaled = scaleTimes(rows, scale);
  const sampled = subsample(scaled);
  return {
    objective: rememberLast(paretoNbdObjective(scaled)),
    pilot: sampled === null ? null : paretoNbdObjective(sampled),
    total: rows.total,
    distinctRows: rows.first.length,
    unscale: ([r, alpha, s, beta]) => [
      r as number,
      (alpha as number) * scale,
      s as number,
      (beta as number) * scale,
    ],
    unscaleLogLikelihood: (logLikelihood) => logLikelihood - purchases * Math.log(scale),
  };
}
