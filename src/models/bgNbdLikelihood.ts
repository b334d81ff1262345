// The BG/NBD and MBG/NBD log-likelihoods with analytic gradients, over compressed rows. Internal.
//
// BG/NBD (Fader, Hardie & Lee 2005, eq. 6), per customer with x repeat purchases, last at t_x, observed T:
//   ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
//          + ln[(α+T)^−(r+x) + 1{x>0} · a/(b+x−1) · (α+t_x)^−(r+x)]
// MBG/NBD (Batislam, Denizel & Filiztekin 2007) shifts b+x to b+x+1 and keeps the second term for x = 0.

import type { Objective } from '../math/optimize';
import { digamma, logGamma } from '../math/special';
import type { CompressedRows } from './rows';

/** The distinct values of a column and, for each row, the index of its value among them. */
interface DistinctIndex {
  readonly values: Float64Array;
  readonly ofRow: Int32Array;
}

function indexDistinct(column: Float64Array): DistinctIndex {
  const seen = new Map<number, number>();
  const ofRow = new Int32Array(column.length);
  const values: number[] = [];
  for (let i = 0; i < column.length; i++) {
    const x = column[i] as number;
    let index = seen.get(x);
    if (index === undefined) {
      index = values.length;
      seen.set(x, index);
      values.push(x);
    }
    ofRow[i] = index;
  }
  return { values: Float64Array.from(values), ofRow };
}

/**
 * −ln L / total over log-parameters (ln r, ln α, ln a, ln b), with its gradient. `shift` is 0 for BG/NBD
 * and 1 for MBG/NBD. Terms that depend only on the frequency are computed once per distinct frequency.
 */
export function bgNbdObjective(rows: CompressedRows, shift: 0 | 1): Objective {
  const { first: frequency, second: recency, third: age, weight, total } = rows;
  const index = indexDistinct(frequency);
  // summaries from day-resolution logs share few distinct recency and T values: take their logarithms once
  // per evaluation for each distinct value instead of once per row
  const recencyIndex = indexDistinct(recency);
  const ageIndex = indexDistinct(age);
  const logRecency = new Float64Array(recencyIndex.values.length);
  const logAge = new Float64Array(ageIndex.values.length);
  const distinct = index.values.length;
  const constant = new Float64Array(distinct); // per-frequency part of ln L
  const dConstR = new Float64Array(distinct);
  const dConstA = new Float64Array(distinct);
  const dConstB = new Float64Array(distinct);
  const logRatio = new Float64Array(distinct); // ln a − ln(b + x − 1 + shift)
  const inverseDenominator = new Float64Array(distinct); // 1/(b + x − 1 + shift)
  const hasSecond = new Uint8Array(distinct);
  return (logParams, gradient) => {
    const r = Math.exp(logParams[0] as number);
    const alpha = Math.exp(logParams[1] as number);
    const a = Math.exp(logParams[2] as number);
    const b = Math.exp(logParams[3] as number);
    if (![r, alpha, a, b].every((value) => value > 0 && Number.isFinite(value))) return Number.NaN;
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
      // ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x+shift) − ln B(a, b)
      constant[k] = logGamma(r + x) - lgR + r * logAlpha + lgAB + logGamma(bx) - lgB - logGamma(abx);
      dConstR[k] = digamma(r + x) - psiR + logAlpha;
      const psiABX = digamma(abx);
      dConstA[k] = psiAB - psiABX;
      dConstB[k] = psiAB + digamma(bx) - psiB - psiABX;
      hasSecond[k] = shift === 1 || x > 0 ? 1 : 0;
      const denominator = b + x - 1 + shift;
      logRatio[k] = logA - Math.log(denominator);
      inverseDenominator[k] = 1 / denominator;
    }
    for (let k = 0; k < logRecency.length; k++)
      logRecency[k] = Math.log(alpha + (recencyIndex.values[k] as number));
    for (let k = 0; k < logAge.length; k++) logAge[k] = Math.log(alpha + (ageIndex.values[k] as number));
    const recencyOfRow = recencyIndex.ofRow;
    const ageOfRow = ageIndex.ofRow;
    let sum = 0;
    let gR = 0;
    let gAlpha = 0;
    let gA = 0;
    let gB = 0;
    const wantGradient = gradient !== null;
    const ofRow = index.ofRow;
    for (let i = 0; i < frequency.length; i++) {
      const k = ofRow[i] as number;
      const w = weight[i] as number;
      const x = frequency[i] as number;
      const rx = r + x;
      const alphaT = alpha + (age[i] as number);
      const logAlphaT = logAge[ageOfRow[i] as number] as number;
      let ll = (constant[k] as number) - rx * logAlphaT;
      if (hasSecond[k] === 1) {
        const alphaTx = alpha + (recency[i] as number);
        const logAlphaTx = logRecency[recencyOfRow[i] as number] as number;
        const d = (logRatio[k] as number) + rx * (logAlphaT - logAlphaTx);
        // ln(1 + e^d) and the logistic weight e^d/(1 + e^d) from one exponential
        const e = Math.exp(-Math.abs(d));
        ll += Math.max(d, 0) + Math.log1p(e);
        if (wantGradient) {
          const w4 = d >= 0 ? 1 / (1 + e) : e / (1 + e);
          const w3 = 1 - w4;
          gR += w * ((dConstR[k] as number) - w3 * logAlphaT - w4 * logAlphaTx);
          gAlpha += w * (r / alpha - rx * (w3 / alphaT + w4 / alphaTx));
          gA += w * ((dConstA[k] as number) + w4 / a);
          gB += w * ((dConstB[k] as number) - w4 * (inverseDenominator[k] as number));
        }
      } else if (wantGradient) {
        gR += w * ((dConstR[k] as number) - logAlphaT);
        gAlpha += w * (r / alpha - rx / alphaT);
        gA += w * (dConstA[k] as number);
        gB += w * (dConstB[k] as number);
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
}
