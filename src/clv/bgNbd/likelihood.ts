// The BG/NBD and MBG/NBD log-likelihoods with analytic gradients, over compressed rows. Internal.
//
// BG/NBD (Fader, Hardie & Lee 2005, eq. 6), per customer with x repeat purchases, last at t_x, observed T:
//   ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
//          + ln[(α+T)^−(r+x) + 1{x>0} · a/(b+x−1) · (α+t_x)^−(r+x)]
// MBG/NBD (Batislam, Denizel & Filiztekin 2007) shifts b+x to b+x+1 and keeps the second term for x = 0.

import type { Objective } from '../../math/optimize';
import { digamma, logGamma } from '../../math/special';
import type { Likelihood } from '../core/definition';
import { rememberLast } from '../core/rememberLast';
import { type CompressedRows, indexDistinct, subsample } from '../core/rows';
import { scaleTimes, timeScaleOf, totalPurchases } from '../core/timeScale';

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
  const inverseRecency = new Float64Array(recencyIndex.values.length);
  const logAge = new Float64Array(ageIndex.values.length);
  const inverseAge = new Float64Array(ageIndex.values.length);
  const distinct = index.values.length;
  const rPlusX = new Float64Array(distinct);
  const constant = new Float64Array(distinct); // per-frequency part of ln L
  const dConstR = new Float64Array(distinct);
  const dConstA = new Float64Array(distinct);
  const dConstB = new Float64Array(distinct);
  const logRatio = new Float64Array(distinct); // ln a − ln(b + x − 1 + shift)
  const inverseDenominator = new Float64Array(distinct); // 1/(b + x − 1 + shift)
  const hasSecond = new Uint8Array(distinct);
  const ofRow = index.ofRow;
  const recencyOfRow = recencyIndex.ofRow;
  const ageOfRow = ageIndex.ofRow;
  const rowCount = frequency.length;
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
      rPlusX[k] = r + x;
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
    for (let k = 0; k < logRecency.length; k++) {
      const value = alpha + (recencyIndex.values[k] as number);
      logRecency[k] = Math.log(value);
      inverseRecency[k] = 1 / value;
    }
    for (let k = 0; k < logAge.length; k++) {
      const value = alpha + (ageIndex.values[k] as number);
      logAge[k] = Math.log(value);
      inverseAge[k] = 1 / value;
    }
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
      let ll = (constant[k] as number) - rx * logAlphaT;
      if (hasSecond[k] === 1) {
        const recencySlot = recencyOfRow[i] as number;
        const logAlphaTx = logRecency[recencySlot] as number;
        const d = (logRatio[k] as number) + rx * (logAlphaT - logAlphaTx);
        // ln(1 + e^d) and the logistic weight e^d/(1 + e^d) from one exponential
        const e = Math.exp(-Math.abs(d));
        ll += Math.max(d, 0) + Math.log1p(e);
        if (wantGradient) {
          const q = 1 / (1 + e);
          const w4 = d >= 0 ? q : e * q;
          const w3 = 1 - w4;
          gR += w * ((dConstR[k] as number) - w3 * logAlphaT - w4 * logAlphaTx);
          gAlpha +=
            w *
            (rOverAlpha -
              rx * (w3 * (inverseAge[ageSlot] as number) + w4 * (inverseRecency[recencySlot] as number)));
          gA += w * ((dConstA[k] as number) + w4 / a);
          gB += w * ((dConstB[k] as number) - w4 * (inverseDenominator[k] as number));
        }
      } else if (wantGradient) {
        gR += w * ((dConstR[k] as number) - logAlphaT);
        gAlpha += w * (rOverAlpha - rx * (inverseAge[ageSlot] as number));
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

/**
 * The likelihood of BG/NBD (shift 0) or MBG/NBD (shift 1) on validated rows, over rescaled times (see
 * {@link timeScaleOf}), with a pilot subsample for large data.
 */
export function bgFamilyLikelihood(rows: CompressedRows, shift: 0 | 1): Likelihood {
  const scale = timeScaleOf(rows);
  const scaled = scaleTimes(rows, scale);
  const purchases = totalPurchases(rows);
  const sampled = subsample(scaled);
  return {
    objective: rememberLast(bgNbdObjective(scaled, shift)),
    pilot: sampled === null ? null : bgNbdObjective(sampled, shift),
    total: rows.total,
    distinctRows: rows.first.length,
    unscale: ([r, alpha, a, b]) => [r as number, (alpha as number) * scale, a as number, b as number],
    unscaleLogLikelihood: (logLikelihood) => logLikelihood - purchases * Math.log(scale),
  };
}
