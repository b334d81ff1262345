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
 * the raw fit's (0.534 before).
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
  const objective: Objective = (logParams, gradient) => {
    const r = Math.exp(logParams[0] as number);
    const alpha = Math.exp(logParams[1] as number);
    const a = Math.exp(logParams[2] as number);
    const b = Math.exp(logParams[3] as number);
    if (!prepare(r, alpha, a, b)) return Number.NaN;
    const { rPlusX, constant, dConstR, dConstA, dConstB, logRatio, inverseDenominator, hasSecond } = t;
    const { logAge, logRecency, inverseAge, inverseRecency, perRow, pairScale, ageTerm, recencyTerm } = t;
    let sum = 0;
    let gR = 0;
    let gAlpha = 0;
    let gA = 0;
    let gB = 0;
    const wantGradient = gradient !== null;
    const rOverAlpha = r / alpha;
    // per row only indexes are read: every logarithm and reciprocal comes from the per-value tables
    for (let i = 0; i < rowCount; i++) {
      const k = ofRow[i] as number;
      const w = weight[i] as number;
      const rx = rPlusX[k] as number;
      const ageSlot = ageOfRow[i] as number;
      const logAlphaT = logAge[ageSlot] as number;
      let ll: number;
      if (hasSecond[k] === 1) {
        const recencySlot = recencyOfRow[i] as number;
        const logAlphaTx = logRecency[recencySlot] as number;
        let w4 = 0;
        if (perRow[k] === 0) {
          // the two terms from the pair tables, scaled by e^−s: ln L = constant + s + ln(sum)
          const first = ageTerm[(agePairOfRow as Int32Array)[i] as number] as number;
          const second = recencyTerm[(recencyPairOfRow as Int32Array)[i] as number] as number;
          const both = first + second;
          ll = (constant[k] as number) + (pairScale[k] as number) + Math.log(both);
          if (wantGradient) w4 = second / both;
        } else {
          const d = (logRatio[k] as number) + rx * (logAlphaT - logAlphaTx);
          // ln(1 + e^d) and the logistic weight e^d/(1 + e^d) from one exponential
          const e = Math.exp(-Math.abs(d));
          ll = (constant[k] as number) - rx * logAlphaT + Math.max(d, 0) + Math.log1p(e);
          if (wantGradient) {
            const q = 1 / (1 + e);
            w4 = d >= 0 ? q : e * q;
          }
        }
        if (wantGradient) {
          const w3 = 1 - w4;
          gR += w * ((dConstR[k] as number) - w3 * logAlphaT - w4 * logAlphaTx);
          gAlpha +=
            w *
            (rOverAlpha -
              rx * (w3 * (inverseAge[ageSlot] as number) + w4 * (inverseRecency[recencySlot] as number)));
          gA += w * ((dConstA[k] as number) + w4 / a);
          gB += w * ((dConstB[k] as number) - w4 * (inverseDenominator[k] as number));
        }
      } else {
        ll = (constant[k] as number) - rx * logAlphaT;
        if (wantGradient) {
          gR += w * ((dConstR[k] as number) - logAlphaT);
          gAlpha += w * (rOverAlpha - rx * (inverseAge[ageSlot] as number));
          gA += w * (dConstA[k] as number);
          gB += w * (dConstB[k] as number);
        }
      }
      sum += w * ll;
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
