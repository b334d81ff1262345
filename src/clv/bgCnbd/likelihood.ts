// The BG/CNBD-k and MBG/CNBD-k log-likelihoods with analytic gradients, over compressed rows. Internal.
//
// Platzer & Reutterer (2016); Reutterer, Platzer & Schröder (2020), eq. (A.3). A customer buys at Erlang-k
// gaps of rate λ ~ Gamma(r, α) (every k-th event of a Poisson process of rate λ), and drops out after each
// purchase with probability p ~ Beta(a, b) (MBG: also at time 0). With x repeat purchases at gaps t₁ … t_x
// summing to t_x, observed for T, the gaps' density is λ^(kx) e^(−λ t_x) Π t_j^(k−1) / ((k−1)!)^x, and a
// customer alive at T made fewer than k events in (t_x, T]: Σ_{j<k} e^(−λ(T−t_x)) (λ(T−t_x))^j / j!.
// Integrating λ and p out (n = r + kx, shift 0 for BG, 1 for MBG):
//   ln L = (k−1)·Σ ln t_j − x ln (k−1)! + ln Γ(n) − ln Γ(r) + r ln α + ln B(a, b+x+shift) − ln B(a, b)
//          + ln[(α+T)^(−n)·S + 1{x>0 or MBG}·a/(b+x−1+shift)·(α+t_x)^(−n)],
//   S = Σ_{j<k} g_j u^j, g_j = Γ(n+j)/(Γ(n) j!), u = (T − t_x)/(α + T).
// At k = 1, S = 1 and this is BG/NBD's (MBG/NBD's) eq. 6. The first line does not depend on (r, α, a, b):
// the fit adds it to the log-likelihood it reports (it decides between values of k).

import type { Objective } from '../../math/optimize';
import { logGamma } from '../../math/special';
import { fillFrequencyTerms, frequencyTerms, logsAndInverses } from '../core/bgFrequencyTerms';
import type { Likelihood } from '../core/definition';
import { rememberLast } from '../core/rememberLast';
import { type CompressedRows, type ErlangRows, indexDistinct, subsample } from '../core/rows';
import { scaleTimes, timeScaleOf, totalPurchases } from '../core/timeScale';

/** ln g_j above which the coefficients of a frequency are scaled (and its rows summed in log space if need be). */
const SCALE_ABOVE = 600;

/**
 * ln S and its derivatives' ratios (∂S/∂r)/S, (Σ j g_j u^j)/S of one row, from its frequency's coefficient
 * table (`logCoefficient` ln g_j, `harmonic` H_j = Σ_{i<j} 1/(n+i)) in log space: for the rare rows where the
 * scaled sum underflows (n^(k−1)/(k−1)! beyond e^600 with T = t_x).
 */
function logSpaceSum(
  logCoefficient: Float64Array,
  harmonic: Float64Array,
  offset: number,
  k: number,
  u: number,
  out: Float64Array,
): void {
  const logU = Math.log(u);
  let maximum = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < k; j++) {
    const term = (logCoefficient[offset + j] as number) + (j === 0 ? 0 : j * logU);
    if (term > maximum) maximum = term;
  }
  let sum = 0;
  let sumHarmonic = 0;
  let sumJ = 0;
  for (let j = 0; j < k; j++) {
    const term = (logCoefficient[offset + j] as number) + (j === 0 ? 0 : j * logU);
    const weight = Math.exp(term - maximum);
    sum += weight;
    sumHarmonic += weight * (harmonic[offset + j] as number);
    sumJ += weight * j;
  }
  out[0] = maximum + Math.log(sum);
  out[1] = sumHarmonic / sum;
  out[2] = sumJ / sum;
}

/**
 * −ln L / total over log-parameters (ln r, ln α, ln a, ln b), with its gradient, without the term that does
 * not depend on them. `shift` is 0 for BG/CNBD-k and 1 for MBG/CNBD-k. Terms that depend only on the
 * frequency (the Gamma and Beta functions, and the coefficients g_j) are computed once per distinct frequency,
 * so a row costs three polynomials of degree k − 1 in u beside BG/NBD's work.
 */
export function cnbdObjective(rows: CompressedRows, k: number, shift: 0 | 1): Objective {
  const { first: frequency, second: recency, third: age, weight, total } = rows;
  const index = indexDistinct(frequency);
  const recencyIndex = indexDistinct(recency);
  const ageIndex = indexDistinct(age);
  const logRecency = new Float64Array(recencyIndex.values.length);
  const inverseRecency = new Float64Array(recencyIndex.values.length);
  const logAge = new Float64Array(ageIndex.values.length);
  const inverseAge = new Float64Array(ageIndex.values.length);
  const distinct = index.values.length;
  const terms = frequencyTerms(distinct); // its shape is n = r + kx
  const { shape, constant, dConstR, dConstA, dConstB, logRatio, inverseDenominator, hasSecond } = terms;
  // per frequency and j < k: g_j·e^(−scale), g_j·H_j·e^(−scale), j·g_j·e^(−scale), ln g_j, H_j
  const coefficient = new Float64Array(distinct * k);
  const harmonicCoefficient = new Float64Array(distinct * k);
  const stageCoefficient = new Float64Array(distinct * k);
  const logCoefficient = new Float64Array(distinct * k);
  const harmonic = new Float64Array(distinct * k);
  const logScale = new Float64Array(distinct);
  const sums = new Float64Array(3);
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
    fillFrequencyTerms(terms, index.values, k, shift, r, alpha, a, b);
    for (let f = 0; f < distinct; f++) {
      const n = shape[f] as number;
      // ln g_{j+1} = ln g_j + ln((n + j)/(j + 1)); H_{j+1} = H_j + 1/(n + j)
      const offset = f * k;
      let lg = 0;
      let h = 0;
      let largest = 0;
      for (let j = 0; j < k; j++) {
        logCoefficient[offset + j] = lg;
        harmonic[offset + j] = h;
        if (lg > largest) largest = lg;
        lg += Math.log((n + j) / (j + 1));
        h += 1 / (n + j);
      }
      const scale = largest > SCALE_ABOVE ? largest : 0;
      logScale[f] = scale;
      for (let j = 0; j < k; j++) {
        const g = Math.exp((logCoefficient[offset + j] as number) - scale);
        coefficient[offset + j] = g;
        harmonicCoefficient[offset + j] = g * (harmonic[offset + j] as number);
        stageCoefficient[offset + j] = g * j;
      }
    }
    logsAndInverses(alpha, recencyIndex.values, logRecency, inverseRecency);
    logsAndInverses(alpha, ageIndex.values, logAge, inverseAge);
    let sum = 0;
    let gR = 0;
    let gAlpha = 0;
    let gA = 0;
    let gB = 0;
    const wantGradient = gradient !== null;
    const rOverAlpha = r / alpha;
    for (let i = 0; i < rowCount; i++) {
      const f = ofRow[i] as number;
      const w = weight[i] as number;
      const n = shape[f] as number;
      const ageSlot = ageOfRow[i] as number;
      const logAlphaT = logAge[ageSlot] as number;
      const invAge = inverseAge[ageSlot] as number;
      // ln S and the ratios (∂S/∂r)/S and (Σ j g_j u^j)/S: Horner's rule on the scaled coefficients
      let logS = 0;
      let harmonicRatio = 0;
      let stageRatio = 0;
      if (k > 1) {
        const u = ((age[i] as number) - (recency[i] as number)) * invAge;
        const offset = f * k;
        let s = 0;
        let sh = 0;
        let sj = 0;
        for (let j = offset + k - 1; j >= offset; j--) {
          s = s * u + (coefficient[j] as number);
          sh = sh * u + (harmonicCoefficient[j] as number);
          sj = sj * u + (stageCoefficient[j] as number);
        }
        if (s > 1e-280) {
          logS = (logScale[f] as number) + Math.log(s);
          harmonicRatio = sh / s;
          stageRatio = sj / s;
        } else {
          logSpaceSum(logCoefficient, harmonic, offset, k, u, sums);
          logS = sums[0] as number;
          harmonicRatio = sums[1] as number;
          stageRatio = sums[2] as number;
        }
      }
      const first = logS - n * logAlphaT;
      let ll = (constant[f] as number) + first;
      if (hasSecond[f] === 1) {
        const recencySlot = recencyOfRow[i] as number;
        const logAlphaTx = logRecency[recencySlot] as number;
        const d = (logRatio[f] as number) - n * logAlphaTx - first;
        const e = Math.exp(-Math.abs(d));
        ll += Math.max(d, 0) + Math.log1p(e);
        if (wantGradient) {
          const q = 1 / (1 + e);
          const w4 = d >= 0 ? q : e * q;
          const w3 = 1 - w4;
          gR += w * ((dConstR[f] as number) + w3 * (harmonicRatio - logAlphaT) - w4 * logAlphaTx);
          gAlpha +=
            w *
            (rOverAlpha - w3 * (n + stageRatio) * invAge - w4 * n * (inverseRecency[recencySlot] as number));
          gA += w * ((dConstA[f] as number) + w4 / a);
          gB += w * ((dConstB[f] as number) - w4 * (inverseDenominator[f] as number));
        }
      } else if (wantGradient) {
        gR += w * ((dConstR[f] as number) + harmonicRatio - logAlphaT);
        gAlpha += w * (rOverAlpha - (n + stageRatio) * invAge);
        gA += w * (dConstA[f] as number);
        gB += w * (dConstB[f] as number);
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
 * The likelihood of BG/CNBD-k (shift 0) or MBG/CNBD-k (shift 1) at regularity k on validated rows, over
 * rescaled times with a pilot subsample for large data, as BG/NBD's. Rescaling the times by s multiplies
 * the (r, α, a, b) part of L by s^(kx) per customer; the reported log-likelihood adds the gap term
 * (k − 1)·Σ w·x·m̄ − Σ w·x·ln (k−1)! in the rows' own unit.
 */
export function cnbdLikelihood(rows: CompressedRows, k: number, shift: 0 | 1): Likelihood {
  const scale = timeScaleOf(rows);
  const scaled = scaleTimes(rows, scale);
  const purchases = totalPurchases(rows);
  const sampled = subsample(scaled);
  const logIntervals = (rows as Partial<ErlangRows>).logIntervalTotal ?? 0;
  const gapTerm = k === 1 ? 0 : (k - 1) * logIntervals - purchases * logGamma(k);
  return {
    objective: rememberLast(cnbdObjective(scaled, k, shift)),
    pilot: sampled === null ? null : cnbdObjective(sampled, k, shift),
    total: rows.total,
    distinctRows: rows.first.length,
    unscale: ([r, alpha, a, b]) => [r as number, (alpha as number) * scale, a as number, b as number],
    unscaleLogLikelihood: (logLikelihood) => logLikelihood - k * purchases * Math.log(scale) + gapTerm,
  };
}
