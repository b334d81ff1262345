// The regularised incomplete gamma functions, for the chi-square tail of the likelihood-ratio test.
// Internal.

import { logGamma } from './special';

const EPSILON = 2 ** -53;
const MAX_TERMS = 100_000;
const TINY = 1e-300;

/**
 * ln of x^a e^−x / Γ(a), the factor both expansions share, from one log-gamma (no overflow for large a or x).
 */
function logPrefactor(a: number, x: number): number {
  return a * Math.log(x) - x - logGamma(a);
}

/**
 * ln P(a, x) by the series P(a, x) = x^a e^−x / Γ(a + 1) · Σₙ xⁿ / ((a + 1)…(a + n)) (Abramowitz & Stegun
 * 6.5.29), every term positive, so no digits are lost to cancellation. Used for x < a + 1, where it
 * converges at least geometrically.
 */
function logLowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_TERMS; n++) {
    term *= x / (a + n);
    sum += term;
    if (term < sum * EPSILON) break;
  }
  return logPrefactor(a, x) + Math.log(sum);
}

/**
 * ln Q(a, x) by the continued fraction Q(a, x) = x^a e^−x / Γ(a) · 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − …))
 * (A&S 6.5.31; Press et al., Numerical Recipes, section 6.2), evaluated by the modified Lentz method. Used for
 * x ≥ a + 1, where it converges quickly; Q comes out directly, with its relative precision, however small.
 */
function logUpperFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let n = 1; n < MAX_TERMS; n++) {
    const an = -n * (n - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return logPrefactor(a, x) + Math.log(h);
}

/**
 * ln Q(a, x), the log of the regularised upper incomplete gamma function Γ(a, x)/Γ(a), for a > 0 and
 * x ≥ 0: 0 at x = 0; for x ≥ a + 1 from the continued fraction (Q itself, so the far tail keeps its
 * relative digits where Q is far below the smallest double); below that as ln(1 − P) with P from its
 * series, where Q is not small (Q(a, x) > Q(a, a + 1) ≥ 0.08 for a ≥ 1/2, every chi-square with at least one
 * degree of freedom), so the subtraction loses at most about one digit. Relative error about 1e−14 (checked against mpmath in test/math/incompleteGamma.test.ts).
 */
export function logUpperRegularizedGamma(a: number, x: number): number {
  if (x === 0) return 0;
  if (x >= a + 1) return logUpperFraction(a, x);
  return Math.log1p(-Math.exp(logLowerSeries(a, x)));
}

/**
 * Q(a, x) = Γ(a, x)/Γ(a), in [0, 1]: 0 only where the true value is below the smallest subnormal double
 * (about 4.9e−324).
 */
export function upperRegularizedGamma(a: number, x: number): number {
  return Math.exp(logUpperRegularizedGamma(a, x));
}

/**
 * The chi-square distribution's upper tail P(X ≥ statistic) with `degreesOfFreedom` > 0 degrees of freedom:
 * Q(k/2, x/2).
 */
export function chiSquareSurvival(statistic: number, degreesOfFreedom: number): number {
  return upperRegularizedGamma(degreesOfFreedom / 2, statistic / 2);
}
