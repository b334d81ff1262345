// The per-frequency terms of the beta-geometric family's likelihoods (BG/NBD, MBG/NBD, BG/CNBD-k,
// MBG/CNBD-k), and the per-time logarithms they share. Internal.

import { digamma, logGamma } from '../../math/special';

/**
 * Per distinct frequency x, with n = r + k·x (k the Erlang stages, 1 for BG/NBD) and `shift` 0 (BG) or 1
 * (MBG): the part of ln L that depends on x alone, ln Γ(n) − ln Γ(r) + r ln α + ln B(a, b+x+shift) − ln B(a, b),
 * its derivatives by r, a and b, ln a − ln(b+x−1+shift) and 1/(b+x−1+shift), and whether the likelihood has
 * its second term (x > 0, or MBG).
 */
export interface FrequencyTerms {
  readonly shape: Float64Array;
  readonly constant: Float64Array;
  readonly dConstR: Float64Array;
  readonly dConstA: Float64Array;
  readonly dConstB: Float64Array;
  readonly logRatio: Float64Array;
  readonly inverseDenominator: Float64Array;
  readonly hasSecond: Uint8Array;
}

/** Room for the terms of `distinct` frequencies. */
export function frequencyTerms(distinct: number): FrequencyTerms {
  return {
    shape: new Float64Array(distinct),
    constant: new Float64Array(distinct),
    dConstR: new Float64Array(distinct),
    dConstA: new Float64Array(distinct),
    dConstB: new Float64Array(distinct),
    logRatio: new Float64Array(distinct),
    inverseDenominator: new Float64Array(distinct),
    hasSecond: new Uint8Array(distinct),
  };
}

/** The {@link FrequencyTerms} of `frequencies` at (r, α, a, b), into `out`. */
export function fillFrequencyTerms(
  out: FrequencyTerms,
  frequencies: ArrayLike<number>,
  stages: number,
  shift: 0 | 1,
  r: number,
  alpha: number,
  a: number,
  b: number,
): void {
  const logAlpha = Math.log(alpha);
  const lgR = logGamma(r);
  const psiR = digamma(r);
  const lgB = logGamma(b);
  const lgAB = logGamma(a + b);
  const psiB = digamma(b);
  const psiAB = digamma(a + b);
  const logA = Math.log(a);
  for (let f = 0; f < frequencies.length; f++) {
    const x = frequencies[f] as number;
    const n = r + stages * x;
    const bx = b + x + shift;
    const abx = a + b + x + shift;
    out.shape[f] = n;
    out.constant[f] = logGamma(n) - lgR + r * logAlpha + lgAB + logGamma(bx) - lgB - logGamma(abx);
    out.dConstR[f] = digamma(n) - psiR + logAlpha;
    const psiABX = digamma(abx);
    out.dConstA[f] = psiAB - psiABX;
    out.dConstB[f] = psiAB + digamma(bx) - psiB - psiABX;
    out.hasSecond[f] = shift === 1 || x > 0 ? 1 : 0;
    const denominator = b + x - 1 + shift;
    out.logRatio[f] = logA - Math.log(denominator);
    out.inverseDenominator[f] = 1 / denominator;
  }
}

/** ln(α + time) and 1/(α + time) of each of `times`, into `logs` and `inverses`. */
export function logsAndInverses(
  alpha: number,
  times: ArrayLike<number>,
  logs: Float64Array,
  inverses: Float64Array,
): void {
  for (let i = 0; i < logs.length; i++) {
    const value = alpha + (times[i] as number);
    logs[i] = Math.log(value);
    inverses[i] = 1 / value;
  }
}
