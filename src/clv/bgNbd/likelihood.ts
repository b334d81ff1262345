// The BG/NBD and MBG/NBD log-likelihoods with analytic gradients, over compressed rows. Internal.
//
// BG/NBD (Fader, Hardie & Lee 2005, eq. 6), per customer with x repeat purchases, last at t_x, observed T:
//   ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
//          + ln[(α+T)^−(r+x) + 1{x>0} · a/(b+x−1) · (α+t_x)^−(r+x)]
// MBG/NBD (Batislam, Denizel & Filiztekin 2007) shifts b+x to b+x+1 and keeps the second term for x = 0.

import type { Objective } from '../../math/optimize';
import { digamma, logGamma, trigamma } from '../../math/special';
import type { Likelihood } from '../core/definition';
import { rememberLast } from '../core/rememberLast';
import { type CompressedRows, indexDistinct, subsample } from '../core/rows';
import { timeScaleOf, totalPurchases } from '../core/timeScale';

/**
 * The span, in natural-log units, that the terms of one frequency may cover and still be taken as
 * exponentials scaled by their largest: e^−600 ≈ 1e−261 is far above the smallest normal double (e^−708),
 * so no scaled term underflows and their sums keep full relative precision.
 */
const PAIR_SPAN = 600;

/**
 * Pairs (distinct value of `a`, distinct value of `b`) of each row, from the rows' indexes into the two
 * columns' distinct values: per pair its a-index and b-index, and per row its pair. Null when the pairs
 * cannot be keyed exactly (more than 2^53 combinations).
 */
function indexPairs(
  aOfRow: Int32Array,
  bOfRow: Int32Array,
  aCount: number,
  bCount: number,
): { readonly a: Int32Array; readonly b: Int32Array; readonly ofRow: Int32Array } | null {
  if (aCount * bCount > Number.MAX_SAFE_INTEGER) return null;
  const keys = new Float64Array(aOfRow.length);
  for (let i = 0; i < keys.length; i++) keys[i] = (aOfRow[i] as number) * bCount + (bOfRow[i] as number);
  const index = indexDistinct(keys);
  const a = new Int32Array(index.values.length);
  const b = new Int32Array(index.values.length);
  for (let p = 0; p < a.length; p++) {
    const key = index.values[p] as number;
    const ak = Math.floor(key / bCount);
    a[p] = ak;
    b[p] = key - ak * bCount;
  }
  return { a, b, ofRow: index.ofRow };
}

/** Rows [start[j], start[j + 1]) are run j, of frequency `frequency[j]` (an index into the distinct ones). */
interface FrequencyRuns {
  readonly start: Int32Array;
  readonly frequency: Int32Array;
}

/**
 * The runs of consecutive rows that share a frequency: compressed rows are in ascending order of frequency,
 * so there are as many runs as distinct frequencies (any order is still right, only with more runs).
 */
function frequencyRuns(ofRow: Int32Array): FrequencyRuns {
  const starts: number[] = [];
  const frequencies: number[] = [];
  for (let i = 0; i < ofRow.length; i++) {
    if (i === 0 || ofRow[i] !== ofRow[i - 1]) {
      starts.push(i);
      frequencies.push(ofRow[i] as number);
    }
  }
  starts.push(ofRow.length);
  return { start: Int32Array.from(starts), frequency: Int32Array.from(frequencies) };
}

/**
 * The sums over a run's rows that the objective needs, with w the row's weight and w4 its second term's share
 * of ln L's sum (the logistic weight): [0] Σ w·ℓ (the row's part of ln L beyond its frequency's constant
 * and, in the per-row form, −(r+x) ln(α+T)), [1] Σ w·w4, [2] Σ w·ln(α+T), [3] Σ w·w4·(ln(α+t_x) − ln(α+T)),
 * [4] Σ w/(α+T), [5] Σ w·w4·(1/(α+t_x) − 1/(α+T)). Without the gradient only [0] (and [2] in the per-row
 * form), from the same expressions in the same order, so a value has the same bits with or without it.
 */
const RUN_SUMS = 6;

/** [2] and [4] of {@link RUN_SUMS} over rows without a second term (x = 0 in BG/NBD). */
function ageRun(
  from: number,
  to: number,
  weight: Float64Array,
  ageOfRow: Int32Array,
  logAge: Float64Array,
  inverseAge: Float64Array,
  out: Float64Array,
): void {
  let logSum = 0;
  let inverseSum = 0;
  for (let i = from; i < to; i++) {
    const w = weight[i] as number;
    const slot = ageOfRow[i] as number;
    logSum += w * (logAge[slot] as number);
    inverseSum += w * (inverseAge[slot] as number);
  }
  out[2] = logSum;
  out[4] = inverseSum;
}

/**
 * {@link RUN_SUMS} over rows of the pair form: ℓ = ln(first + second), the two scaled terms read from the pair
 * tables (`ageData`, `recencyData`: per pair its term, ln(α+time) and 1/(α+time)).
 */
function pairedRun(
  from: number,
  to: number,
  weight: Float64Array,
  agePairOfRow: Int32Array,
  recencyPairOfRow: Int32Array,
  ageData: Float64Array,
  recencyData: Float64Array,
  wantGradient: boolean,
  out: Float64Array,
): void {
  let logSum = 0;
  if (!wantGradient) {
    for (let i = from; i < to; i++) {
      const both =
        (ageData[3 * (agePairOfRow[i] as number)] as number) +
        (recencyData[3 * (recencyPairOfRow[i] as number)] as number);
      logSum += (weight[i] as number) * Math.log(both);
    }
    out[0] = logSum;
    return;
  }
  let shareSum = 0;
  let logAgeSum = 0;
  let logGapSum = 0;
  let inverseAgeSum = 0;
  let inverseGapSum = 0;
  for (let i = from; i < to; i++) {
    const w = weight[i] as number;
    const p = 3 * (agePairOfRow[i] as number);
    const q = 3 * (recencyPairOfRow[i] as number);
    const second = recencyData[q] as number;
    const both = (ageData[p] as number) + second;
    logSum += w * Math.log(both);
    const share = (w * second) / both;
    const logAlphaT = ageData[p + 1] as number;
    const inverseAlphaT = ageData[p + 2] as number;
    shareSum += share;
    logAgeSum += w * logAlphaT;
    logGapSum += share * ((recencyData[q + 1] as number) - logAlphaT);
    inverseAgeSum += w * inverseAlphaT;
    inverseGapSum += share * ((recencyData[q + 2] as number) - inverseAlphaT);
  }
  out[0] = logSum;
  out[1] = shareSum;
  out[2] = logAgeSum;
  out[3] = logGapSum;
  out[4] = inverseAgeSum;
  out[5] = inverseGapSum;
}

/**
 * {@link RUN_SUMS} over rows of the per-row form: with d = ln a − ln(b+x−1+shift) + (r+x)(ln(α+T) − ln(α+t_x)),
 * ℓ = ln(1 + e^d), and the logistic weight e^d/(1 + e^d), from one exponential.
 */
function perRowRun(
  from: number,
  to: number,
  weight: Float64Array,
  ageOfRow: Int32Array,
  recencyOfRow: Int32Array,
  logAge: Float64Array,
  logRecency: Float64Array,
  inverseAge: Float64Array,
  inverseRecency: Float64Array,
  logRatio: number,
  rx: number,
  wantGradient: boolean,
  out: Float64Array,
): void {
  let logSum = 0;
  let shareSum = 0;
  let logAgeSum = 0;
  let logGapSum = 0;
  let inverseAgeSum = 0;
  let inverseGapSum = 0;
  for (let i = from; i < to; i++) {
    const w = weight[i] as number;
    const ageSlot = ageOfRow[i] as number;
    const recencySlot = recencyOfRow[i] as number;
    const logAlphaT = logAge[ageSlot] as number;
    const logGap = (logRecency[recencySlot] as number) - logAlphaT;
    const d = logRatio - rx * logGap;
    const e = Math.exp(-Math.abs(d));
    logSum += w * (Math.max(d, 0) + Math.log1p(e));
    logAgeSum += w * logAlphaT;
    if (wantGradient) {
      const q = 1 / (1 + e);
      const share = w * (d >= 0 ? q : e * q);
      const inverseAlphaT = inverseAge[ageSlot] as number;
      shareSum += share;
      logGapSum += share * logGap;
      inverseAgeSum += w * inverseAlphaT;
      inverseGapSum += share * ((inverseRecency[recencySlot] as number) - inverseAlphaT);
    }
  }
  out[0] = logSum;
  out[1] = shareSum;
  out[2] = logAgeSum;
  out[3] = logGapSum;
  out[4] = inverseAgeSum;
  out[5] = inverseGapSum;
}

/**
 * The per-row terms of −ln L / total and their derivatives, over compressed rows, with the tables every
 * evaluation fills once per distinct value instead of once per row. Summaries from day-resolution logs share
 * few distinct recency and T values, and fewer distinct (x, t_x) and (x, T) pairs than rows: the terms
 * (α+T)^−(r+x) and a/(b+x−1)·(α+t_x)^−(r+x) are exponentials of those pairs, scaled per frequency by the
 * largest of them (e^−s), so that a row takes one logarithm, ln of their sum, and no exponential. A
 * frequency whose terms span more than {@link PAIR_SPAN} (or rows whose pairs are not fewer than half the
 * rows) keeps the per-row form, ln(1 + e^d) from one exponential. Session 30 (docs/benchmarks.md): with the
 * closed-form information below, the fit of a 1M-customer histogram (685,518 rows, 52,256 pairs) takes 0.68
 * of the CPU time it took (median 317 ms against 468, 4 alternating children of 3 fits each), and 0.408 of
 * the raw fit's (0.534 before). Session 33: the objective sums each run of rows of one frequency on its own
 * ({@link RUN_SUMS}): the frequency's constants multiply the run's weight once instead of entering every row,
 * a row of the pair form reads its two pairs' packed values and nothing per frequency, and each form's loop is
 * a function of its own; the 1M-customer histogram fit, each in a fresh process, took 0.67 of the CPU time
 * (median 471 ms against 704, 7 alternating children each, load 14–17).
 */
function bgNbdKernel(rows: CompressedRows, shift: 0 | 1, scale: number) {
  const { first: frequency, second: recency, third: age } = rows;
  const index = indexDistinct(frequency);
  const recencyIndex = indexDistinct(recency);
  const ageIndex = indexDistinct(age);
  const distinct = index.values.length;
  const rowCount = frequency.length;
  // times over the time scale, divided once per distinct value (the quotients the rows would have)
  const scaledRecency = scale === 1 ? recencyIndex.values : recencyIndex.values.map((value) => value / scale);
  const scaledAge = scale === 1 ? ageIndex.values : ageIndex.values.map((value) => value / scale);
  const agePairs = indexPairs(index.ofRow, ageIndex.ofRow, distinct, ageIndex.values.length);
  const recencyPairs =
    agePairs === null
      ? null
      : indexPairs(index.ofRow, recencyIndex.ofRow, distinct, recencyIndex.values.length);
  const paired =
    agePairs !== null && recencyPairs !== null && 2 * (agePairs.a.length + recencyPairs.a.length) <= rowCount
      ? { age: agePairs, recency: recencyPairs }
      : null;
  const tables = {
    index,
    recencyIndex,
    ageIndex,
    distinct,
    rowCount,
    paired,
    logRecency: new Float64Array(recencyIndex.values.length),
    inverseRecency: new Float64Array(recencyIndex.values.length),
    logAge: new Float64Array(ageIndex.values.length),
    inverseAge: new Float64Array(ageIndex.values.length),
    rPlusX: new Float64Array(distinct),
    constant: new Float64Array(distinct), // per-frequency part of ln L
    dConstR: new Float64Array(distinct),
    dConstA: new Float64Array(distinct),
    dConstB: new Float64Array(distinct),
    logRatio: new Float64Array(distinct), // ln a − ln(b + x − 1 + shift)
    inverseDenominator: new Float64Array(distinct), // 1/(b + x − 1 + shift)
    hasSecond: new Uint8Array(distinct),
    // per frequency: the scale s of its pair terms, and whether its rows take the per-row form
    pairScale: new Float64Array(distinct),
    pairSmallest: new Float64Array(distinct),
    perRow: new Uint8Array(distinct).fill(1), // without pair tables every frequency keeps the per-row form
    ageTerm: new Float64Array(paired === null ? 0 : paired.age.a.length),
    recencyTerm: new Float64Array(paired === null ? 0 : paired.recency.a.length),
    // per pair, [term, ln(α+time), 1/(α+time)] side by side: a row of the pair form reads two short runs
    ageData: new Float64Array(paired === null ? 0 : 3 * paired.age.a.length),
    recencyData: new Float64Array(paired === null ? 0 : 3 * paired.recency.a.length),
    runs: frequencyRuns(index.ofRow),
  };
  const prepare = (r: number, alpha: number, a: number, b: number): boolean => {
    if (![r, alpha, a, b].every((value) => value > 0 && Number.isFinite(value))) return false;
    const t = tables;
    const logAlpha = Math.log(alpha);
    const lgR = logGamma(r);
    const psiR = digamma(r);
    const lgB = logGamma(b);
    const lgAB = logGamma(a + b);
    const psiB = digamma(b);
    const psiAB = digamma(a + b);
    const logA = Math.log(a);
    for (let k = 0; k < distinct; k++) {
      const x = index.values[k] as number;
      const bx = b + x + shift;
      const abx = a + b + x + shift;
      t.rPlusX[k] = r + x;
      // ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x+shift) − ln B(a, b)
      t.constant[k] = logGamma(r + x) - lgR + r * logAlpha + lgAB + logGamma(bx) - lgB - logGamma(abx);
      t.dConstR[k] = digamma(r + x) - psiR + logAlpha;
      const psiABX = digamma(abx);
      t.dConstA[k] = psiAB - psiABX;
      t.dConstB[k] = psiAB + digamma(bx) - psiB - psiABX;
      t.hasSecond[k] = shift === 1 || x > 0 ? 1 : 0;
      const denominator = b + x - 1 + shift;
      t.logRatio[k] = logA - Math.log(denominator);
      t.inverseDenominator[k] = 1 / denominator;
    }
    for (let k = 0; k < t.logRecency.length; k++) {
      const value = alpha + (scaledRecency[k] as number);
      t.logRecency[k] = Math.log(value);
      t.inverseRecency[k] = 1 / value;
    }
    for (let k = 0; k < t.logAge.length; k++) {
      const value = alpha + (scaledAge[k] as number);
      t.logAge[k] = Math.log(value);
      t.inverseAge[k] = 1 / value;
    }
    if (paired !== null) {
      const { pairScale, pairSmallest, perRow, ageTerm, recencyTerm, rPlusX, logRatio, hasSecond } = t;
      pairScale.fill(Number.NEGATIVE_INFINITY);
      pairSmallest.fill(Number.POSITIVE_INFINITY);
      // the exponents ln of (α+T)^−(r+x) and of a/(b+x−1)·(α+t_x)^−(r+x), and per frequency their largest
      for (let p = 0; p < ageTerm.length; p++) {
        const k = paired.age.a[p] as number;
        const exponent = -(rPlusX[k] as number) * (t.logAge[paired.age.b[p] as number] as number);
        ageTerm[p] = exponent;
        if (exponent > (pairScale[k] as number)) pairScale[k] = exponent;
        if (exponent < (pairSmallest[k] as number)) pairSmallest[k] = exponent;
      }
      for (let q = 0; q < recencyTerm.length; q++) {
        const k = paired.recency.a[q] as number;
        const exponent =
          (logRatio[k] as number) -
          (rPlusX[k] as number) * (t.logRecency[paired.recency.b[q] as number] as number);
        recencyTerm[q] = exponent;
        if (exponent > (pairScale[k] as number)) pairScale[k] = exponent;
      }
      // every row's first term is at least e^−PAIR_SPAN of the scale, so the sum of its two never underflows
      for (let k = 0; k < distinct; k++) {
        const within = (pairSmallest[k] as number) - (pairScale[k] as number) >= -PAIR_SPAN;
        perRow[k] = hasSecond[k] === 1 && within ? 0 : 1;
      }
      for (let p = 0; p < ageTerm.length; p++) {
        const k = paired.age.a[p] as number;
        if (perRow[k] === 0) ageTerm[p] = Math.exp((ageTerm[p] as number) - (pairScale[k] as number));
      }
      for (let q = 0; q < recencyTerm.length; q++) {
        const k = paired.recency.a[q] as number;
        if (perRow[k] === 0) recencyTerm[q] = Math.exp((recencyTerm[q] as number) - (pairScale[k] as number));
      }
      const { ageData, recencyData } = t;
      for (let p = 0; p < ageTerm.length; p++) {
        const slot = paired.age.b[p] as number;
        ageData[3 * p] = ageTerm[p] as number;
        ageData[3 * p + 1] = t.logAge[slot] as number;
        ageData[3 * p + 2] = t.inverseAge[slot] as number;
      }
      for (let q = 0; q < recencyTerm.length; q++) {
        const slot = paired.recency.b[q] as number;
        recencyData[3 * q] = recencyTerm[q] as number;
        recencyData[3 * q + 1] = t.logRecency[slot] as number;
        recencyData[3 * q + 2] = t.inverseRecency[slot] as number;
      }
    }
    return true;
  };
  return { tables, prepare };
}

/**
 * −ln L / total over log-parameters (ln r, ln α, ln a, ln b), with its gradient. `shift` is 0 for BG/NBD
 * and 1 for MBG/NBD. Terms that depend only on the frequency are computed once per distinct frequency.
 */
export function bgNbdObjective(rows: CompressedRows, shift: 0 | 1, scale = 1): Objective {
  return bgNbdFunctions(rows, shift, scale).objective;
}

/**
 * The objective ({@link bgNbdObjective}) and the observed information matrix of the same rows: −∂² ln L over
 * the natural (time-rescaled) parameters θ = exp(log-parameters), row-major 4 × 4, from one pass over the
 * rows (the second derivatives of the closed form), or null where it is not finite.
 */
export function bgNbdFunctions(
  rows: CompressedRows,
  shift: 0 | 1,
  scale = 1,
): {
  objective: Objective;
  information: (logParams: Float64Array) => Float64Array | null;
  /** Whether the pair tables are used (rows with few distinct (x, T) and (x, t_x) pairs). */
  pairTables: boolean;
} {
  const { weight, total } = rows;
  const { tables: t, prepare } = bgNbdKernel(rows, shift, scale);
  const ofRow = t.index.ofRow;
  const recencyOfRow = t.recencyIndex.ofRow;
  const ageOfRow = t.ageIndex.ofRow;
  const agePairOfRow = t.paired === null ? null : t.paired.age.ofRow;
  const recencyPairOfRow = t.paired === null ? null : t.paired.recency.ofRow;
  const { rowCount, distinct } = t;
  const { runs } = t;
  const runCount = runs.frequency.length;
  // the weight of each run of rows of one frequency: the factor of that frequency's per-row constants
  const runWeight = new Float64Array(runCount);
  for (let j = 0; j < runCount; j++) {
    let sum = 0;
    for (let i = runs.start[j] as number; i < (runs.start[j + 1] as number); i++) sum += weight[i] as number;
    runWeight[j] = sum;
  }
  const sums = new Float64Array(RUN_SUMS);
  const objective: Objective = (logParams, gradient) => {
    const r = Math.exp(logParams[0] as number);
    const alpha = Math.exp(logParams[1] as number);
    const a = Math.exp(logParams[2] as number);
    const b = Math.exp(logParams[3] as number);
    if (!prepare(r, alpha, a, b)) return Number.NaN;
    const { rPlusX, constant, dConstR, dConstA, dConstB, logRatio, inverseDenominator, hasSecond } = t;
    const { logAge, logRecency, inverseAge, inverseRecency, perRow, pairScale, ageData, recencyData } = t;
    let sum = 0;
    let gR = 0;
    let gAlpha = 0;
    let gA = 0;
    let gB = 0;
    const wantGradient = gradient !== null;
    const rOverAlpha = r / alpha;
    const inverseA = 1 / a;
    // per run of one frequency, the sums over its rows (runSums); per row only indexes and per-value tables
    // are read: every logarithm and reciprocal of a time comes from them
    for (let j = 0; j < runCount; j++) {
      const k = runs.frequency[j] as number;
      const from = runs.start[j] as number;
      const to = runs.start[j + 1] as number;
      const w = runWeight[j] as number;
      const rx = rPlusX[k] as number;
      if (hasSecond[k] === 0) {
        // ln L = constant − (r+x) ln(α+T)
        ageRun(from, to, weight, ageOfRow, logAge, inverseAge, sums);
        sum += (constant[k] as number) * w - rx * (sums[2] as number);
        if (wantGradient) {
          gR += (dConstR[k] as number) * w - (sums[2] as number);
          gAlpha += rOverAlpha * w - rx * (sums[4] as number);
          gA += (dConstA[k] as number) * w;
          gB += (dConstB[k] as number) * w;
        }
        continue;
      }
      if (perRow[k] === 0) {
        // the two terms from the pair tables, scaled by e^−s: ln L = constant + s + ln(sum of the two)
        pairedRun(
          from,
          to,
          weight,
          agePairOfRow as Int32Array,
          recencyPairOfRow as Int32Array,
          ageData,
          recencyData,
          wantGradient,
          sums,
        );
        sum += ((constant[k] as number) + (pairScale[k] as number)) * w + (sums[0] as number);
      } else {
        // ln L = constant − (r+x) ln(α+T) + ln(1 + e^d)
        perRowRun(
          from,
          to,
          weight,
          ageOfRow,
          recencyOfRow,
          logAge,
          logRecency,
          inverseAge,
          inverseRecency,
          logRatio[k] as number,
          rx,
          wantGradient,
          sums,
        );
        sum += (constant[k] as number) * w - rx * (sums[2] as number) + (sums[0] as number);
      }
      if (wantGradient) {
        // with w3 = 1 − w4: w3 ln(α+T) + w4 ln(α+t_x) = ln(α+T) + w4 (ln(α+t_x) − ln(α+T)), and so for 1/(α+·)
        gR += (dConstR[k] as number) * w - (sums[2] as number) - (sums[3] as number);
        gAlpha += rOverAlpha * w - rx * ((sums[4] as number) + (sums[5] as number));
        gA += (dConstA[k] as number) * w + (sums[1] as number) * inverseA;
        gB += (dConstB[k] as number) * w - (sums[1] as number) * (inverseDenominator[k] as number);
      }
    }
    if (gradient !== null) {
      gradient[0] = (-gR * r) / total;
      gradient[1] = (-gAlpha * alpha) / total;
      gradient[2] = (-gA * a) / total;
      gradient[3] = (-gB * b) / total;
    }
    return -sum / total;
  };
  const weightOfX = new Float64Array(distinct);
  const entries = new Float64Array(10);
  const magnitudes = new Float64Array(10);
  const information = (logParams: Float64Array): Float64Array | null => {
    const r = Math.exp(logParams[0] as number);
    const alpha = Math.exp(logParams[1] as number);
    const a = Math.exp(logParams[2] as number);
    const b = Math.exp(logParams[3] as number);
    if (!prepare(r, alpha, a, b)) return null;
    const { rPlusX, logRatio, inverseDenominator, hasSecond } = t;
    const { logAge, logRecency, inverseAge, inverseRecency, perRow, ageTerm, recencyTerm } = t;
    // second derivatives of ln L over (r, α, a, b): per row, of ln(e^u + e^v) with weights w3 = e^u/(e^u + e^v)
    // and w4 = 1 − w3, it is w3 ∇²u + w4 ∇²v + w3·w4 (∇u − ∇v)(∇u − ∇v)ᵀ, where u = −(r+x) ln(α+T) and
    // v = ln a − ln(b+x−1+shift) − (r+x) ln(α+t_x); per frequency, that of its constant
    // the ten entries (r r, r α, α α, r a, r b, α a, α b, a a, a b, b b) and the sums of their terms' magnitudes
    const h = entries;
    const size = magnitudes;
    h.fill(0);
    size.fill(0);
    const add = (j: number, value: number): void => {
      h[j] = (h[j] as number) + value;
      size[j] = (size[j] as number) + Math.abs(value);
    };
    const inverseA = 1 / a;
    weightOfX.fill(0);
    for (let i = 0; i < rowCount; i++) {
      const k = ofRow[i] as number;
      const w = weight[i] as number;
      weightOfX[k] = (weightOfX[k] as number) + w;
      const rx = rPlusX[k] as number;
      const ageSlot = ageOfRow[i] as number;
      const iT = inverseAge[ageSlot] as number;
      if (hasSecond[k] === 1) {
        const recencySlot = recencyOfRow[i] as number;
        const logAlphaT = logAge[ageSlot] as number;
        const logAlphaTx = logRecency[recencySlot] as number;
        let w4: number;
        if (perRow[k] === 0) {
          const first = ageTerm[(agePairOfRow as Int32Array)[i] as number] as number;
          const second = recencyTerm[(recencyPairOfRow as Int32Array)[i] as number] as number;
          w4 = second / (first + second);
        } else {
          const d = (logRatio[k] as number) + rx * (logAlphaT - logAlphaTx);
          const e = Math.exp(-Math.abs(d));
          const q = 1 / (1 + e);
          w4 = d >= 0 ? q : e * q;
        }
        const w3 = 1 - w4;
        const iTx = inverseRecency[recencySlot] as number;
        const iD = inverseDenominator[k] as number;
        // ∇u − ∇v over (r, α, a, b)
        const dR = logAlphaTx - logAlphaT;
        const dAl = rx * (iTx - iT);
        const dA = -inverseA;
        const dB = iD;
        const c = w * w3 * w4;
        add(0, c * dR * dR);
        add(1, c * dR * dAl);
        add(1, -w * (w3 * iT + w4 * iTx));
        add(2, c * dAl * dAl);
        add(2, w * rx * (w3 * iT * iT + w4 * iTx * iTx));
        add(3, c * dR * dA);
        add(4, c * dR * dB);
        add(5, c * dAl * dA);
        add(6, c * dAl * dB);
        add(7, c * dA * dA);
        add(7, -w * w4 * inverseA * inverseA);
        add(8, c * dA * dB);
        add(9, c * dB * dB);
        add(9, w * w4 * iD * iD);
      } else {
        add(1, -w * iT);
        add(2, w * rx * iT * iT);
      }
    }
    const psi1R = trigamma(r);
    const psi1B = trigamma(b);
    const psi1AB = trigamma(a + b);
    for (let k = 0; k < distinct; k++) {
      const w = weightOfX[k] as number;
      const x = t.index.values[k] as number;
      const psi1ABX = trigamma(a + b + x + shift);
      // each term on its own, so that terms cancelling exactly show in the magnitudes
      add(0, w * trigamma(r + x));
      add(0, -w * psi1R);
      add(1, w / alpha);
      add(2, -(w * r) / (alpha * alpha));
      for (const j of [7, 8, 9]) {
        add(j, w * psi1AB);
        add(j, -w * psi1ABX);
      }
      add(9, w * trigamma(b + x + shift));
      add(9, -w * psi1B);
    }
    // an entry within rounding of 0 (below 1e−12 of its terms' magnitudes, as when they cancel exactly in
    // exact arithmetic: T = 0 everywhere) is 0: its computed value carries no information
    for (let j = 0; j < 10; j++) if (Math.abs(h[j] as number) <= 1e-12 * (size[j] as number)) h[j] = 0;
    const at = (j: number): number => (h[j] === 0 ? 0 : -(h[j] as number));
    const matrix = Float64Array.from([
      at(0),
      at(1),
      at(3),
      at(4),
      at(1),
      at(2),
      at(5),
      at(6),
      at(3),
      at(5),
      at(7),
      at(8),
      at(4),
      at(6),
      at(8),
      at(9),
    ]);
    return matrix.every(Number.isFinite) ? matrix : null;
  };
  return { objective, information, pairTables: t.paired !== null };
}

/**
 * The likelihood of BG/NBD (shift 0) or MBG/NBD (shift 1) on validated rows, over rescaled times (see
 * {@link timeScaleOf}), with a pilot subsample for large data.
 */
export function bgFamilyLikelihood(rows: CompressedRows, shift: 0 | 1): Likelihood {
  const scale = timeScaleOf(rows);
  const purchases = totalPurchases(rows);
  // the rows keep their times: each objective divides its distinct times by the scale (scaleTimes' quotients)
  const sampled = subsample(rows);
  const full = bgNbdFunctions(rows, shift, scale);
  return {
    objective: rememberLast(full.objective),
    information: full.information,
    pilot: sampled === null ? null : bgNbdObjective(sampled, shift, scale),
    total: rows.total,
    distinctRows: rows.first.length,
    unscale: ([r, alpha, a, b]) => [r as number, (alpha as number) * scale, a as number, b as number],
    unscaleLogLikelihood: (logLikelihood) => logLikelihood - purchases * Math.log(scale),
  };
}
