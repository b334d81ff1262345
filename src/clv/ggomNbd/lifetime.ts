// The Gamma-Gompertz lifetime of GGom/NBD (Bemmaor & Glady 2012), in log space. Internal.
//
// A customer's dropout hazard is η·b·e^(bτ) at age τ (Gompertz) with η ~ Gamma(s, β) across customers, so
//   S(τ) = (β / (β + e^(bτ) − 1))^s,   f(τ) = b s β^s e^(bτ) / (β + e^(bτ) − 1)^(s+1).
// Everything goes through L(τ) = ln[(β + e^(bτ) − 1)/β] = ln(1 + expm1(bτ)/β), so that ln S(τ) = −s·L(τ) and
// ln f(τ) = ln b + ln s − ln β + bτ − (s+1)·L(τ): exact for tiny bτ (the Pareto/NBD limit b → 0 with β/b
// fixed), no overflow for large bτ, and no cancellation at large s and β (s·ln β − (s+1)·ln(β + e^(bτ) − 1)
// would subtract two terms of 10^7 at s ≈ 5e5, β ≈ 1.5e6, where a fit's optimiser can wander, leaving the
// density's value 1e−9 uncertain and an adaptive quadrature of it unable ever to converge).

import { log1pExp } from '../../math/special';

/** L(τ) = ln[(β + e^(bτ) − 1)/β], with ρ = e^(bτ)/(β + e^(bτ) − 1) and 1/(β + e^(bτ) − 1). */
export interface GompertzTerms {
  logRatio: number;
  share: number;
  inverse: number;
}

/** Writes L(τ), ρ and 1/(β + e^(bτ) − 1) for `bt` = b·τ ≥ 0 into `out`. */
export function gompertzTerms(beta: number, bt: number, out: GompertzTerms): void {
  if (bt <= 700) {
    const grown = Math.expm1(bt);
    const denominator = beta + grown;
    const ratio = grown / beta;
    // a ratio that overflows has ln β far below −700: the difference of logarithms loses nothing then
    out.logRatio = ratio <= Number.MAX_VALUE ? Math.log1p(ratio) : Math.log(denominator) - Math.log(beta);
    out.share = (grown + 1) / denominator;
    out.inverse = 1 / denominator;
  } else {
    const shrink = Math.exp(-bt);
    // ln(1 + (e^(bτ) − 1)/β) = ln(1 + e^(bτ − ln β)) up to 1/(β + e^(bτ)) < e^−700 relative
    out.logRatio = log1pExp(bt - Math.log(beta));
    out.share = 1 / (1 + (beta - 1) * shrink);
    out.inverse = Math.exp(-bt - Math.log1p((beta - 1) * shrink));
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
  return Math.log(b) + Math.log(s) - Math.log(beta) + b * tau - (s + 1) * scratch.logRatio;
}
