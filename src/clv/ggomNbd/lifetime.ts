// The Gamma-Gompertz lifetime of GGom/NBD (Bemmaor & Glady 2012), in log space. Internal.
//
// A customer's dropout hazard is η·b·e^(bτ) at age τ (Gompertz) with η ~ Gamma(s, β) across customers, so
//   S(τ) = (β / (β + e^(bτ) − 1))^s,   f(τ) = b s β^s e^(bτ) / (β + e^(bτ) − 1)^(s+1).
// Everything goes through D(τ) = ln(β + e^(bτ) − 1) = ln(β + expm1(bτ)), which stays exact for tiny bτ (the
// Pareto/NBD limit b → 0 with β/b fixed) and does not overflow for large bτ.

import { log1pExp } from '../../math/special';

/** D(τ) = ln(β + e^(bτ) − 1), with ρ = e^(bτ)/(β + e^(bτ) − 1) and 1/(β + e^(bτ) − 1). */
export interface GompertzTerms {
  logDenominator: number;
  share: number;
  inverse: number;
}

/** Writes D(bτ), ρ and 1/(β + e^(bτ) − 1) for `bt` = b·τ ≥ 0 into `out`. */
export function gompertzTerms(beta: number, bt: number, out: GompertzTerms): void {
  if (bt <= 700) {
    const grown = Math.expm1(bt);
    const denominator = beta + grown;
    out.logDenominator = Math.log(denominator);
    out.share = (grown + 1) / denominator;
    out.inverse = 1 / denominator;
  } else {
    const shrink = Math.exp(-bt);
    out.logDenominator = bt + Math.log1p((beta - 1) * shrink);
    out.share = 1 / (1 + (beta - 1) * shrink);
    out.inverse = Math.exp(-out.logDenominator);
  }
}

/** ln(e^z − 1) for z ≥ 0, −∞ at 0. */
function logExpm1(z: number): number {
  return z > 30 ? z + Math.log1p(-Math.exp(-z)) : Math.log(Math.expm1(z));
}

/**
 * ln S(T + u)/S(T) = −s·ln[(β + e^(b(T+u)) − 1)/(β + e^(bT) − 1)]: the log-probability that a customer
 * alive at age T is still alive at T + u, with the ratio's logarithm written as
 * ln(1 + e^(bT)(e^(bu) − 1)/(β + e^(bT) − 1)) so that it is exact for small u, small b and large bT.
 */
export function logSurvivalRatio(b: number, s: number, beta: number, T: number, u: number): number {
  if (u === 0) return 0;
  const base = beta + Math.expm1(b * T);
  const logBase = Number.isFinite(base) ? Math.log(base) : b * T + Math.log1p((beta - 1) * Math.exp(-b * T));
  return -s * log1pExp(b * T + logExpm1(b * u) - logBase);
}

/** ln f(τ), the lifetime density, for the predictions. */
export function logLifetimeDensity(
  b: number,
  s: number,
  beta: number,
  tau: number,
  scratch: GompertzTerms,
): number {
  gompertzTerms(beta, b * tau, scratch);
  return Math.log(b) + Math.log(s) + s * Math.log(beta) + b * tau - (s + 1) * scratch.logDenominator;
}
