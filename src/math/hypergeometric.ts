// The Gaussian hypergeometric function ₂F₁(a, b; c; z) for the ranges the models need. Internal.

import { betaExpectation, forEachNode } from './quadrature';
import { logGamma } from './special';

const MAX_TERMS = 20_000;

/**
 * ln of the series Σ (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ for 0 ≤ z < 1, or NaN when it does not settle within the term
 * budget or its value is not positive. Terms are kept relative to a running scale so that series whose
 * terms first grow by hundreds of orders of magnitude (large a and b) neither overflow nor lose the sum.
 */
function logSeries(a: number, b: number, c: number, z: number): number {
  if (z === 0) return 0;
  let logScale = 0; // the sum and the term are stored divided by e^logScale
  let term = 1;
  let sum = 1;
  // the terms after the first, while unscaled: ln(1 + rest) = log1p(rest) keeps the digits of a sum near 1
  // (small z), which ln(sum) rounds to a multiple of 2^-52
  let rest = 0;
  for (let n = 0; n < MAX_TERMS; n++) {
    const ratio = (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    term *= ratio;
    sum += term;
    rest += term;
    if (!Number.isFinite(sum) || !Number.isFinite(term)) return Number.NaN;
    if (Math.abs(sum) > 1e250) {
      logScale += Math.log(Math.abs(sum));
      term /= Math.abs(sum);
      sum = Math.sign(sum);
    }
    // past the peak (ratio below 1 and falling towards z) the remaining tail is below term·ratio/(1 − ratio),
    // which must be small beside the logarithm: beside `rest` while that is the smaller
    const absRatio = Math.abs(ratio);
    const scale = logScale === 0 ? Math.min(Math.abs(sum), Math.abs(rest)) : Math.abs(sum);
    if (term === 0 || (absRatio < 1 && Math.abs(term) * absRatio <= 1e-17 * (1 - absRatio) * scale)) {
      if (!(sum > 0)) return Number.NaN;
      return logScale === 0 ? Math.log1p(rest) : logScale + Math.log(sum);
    }
  }
  return Number.NaN;
}

/**
 * ln ₂F₁(a, b; c; z) for 0 ≤ z < 1 with c > 0 and a positive value (every use in the models: a, b, c > 0).
 *
 * The power series is summed either directly or after Euler's transformation
 * ₂F₁(a, b; c; z) = (1 − z)^(c−a−b) ₂F₁(c − a, c − b; c; z), whichever has the smaller leading ratio (for
 * heavy buyers the Euler form converges in a few terms where the direct one climbs for thousands). When
 * neither settles (z very near 1), Euler's integral ₂F₁ = E[(1 − zp)^(−a)] over p ~ Beta(b, c − b) is
 * evaluated by tanh-sinh quadrature (needs c > b > 0, or c > a > 0 with a and b swapped). NaN when none
 * applies; callers then fall back to a representation of their own.
 */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  const value = logHyp2f1Series(a, b, c, z);
  if (!Number.isNaN(value)) return value;
  if (c > b && b > 0) return logEulerIntegral(a, b, c, z);
  if (c > a && a > 0) return logEulerIntegral(b, a, c, z);
  return Number.NaN;
}

/**
 * The series part of {@link logHyp2f1} alone: ln ₂F₁ from the direct or the Euler-transformed power
 * series, NaN when neither settles within the term budget (z near 1). Callers whose quantity has an
 * accurate representation of its own there (the BG/NBD expectations) use this and fall back to it.
 */
export function logHyp2f1Series(a: number, b: number, c: number, z: number): number {
  if (z === 0 || a === 0 || b === 0) return 0;
  const direct = Math.abs((a * b) / c);
  const euler = Math.abs(((c - a) * (c - b)) / c);
  const first = direct <= euler;
  const tryDirect = (): number => logSeries(a, b, c, z);
  const tryEuler = (): number => (c - a - b) * Math.log1p(-z) + logSeries(c - a, c - b, c, z);
  let value = first ? tryDirect() : tryEuler();
  if (Number.isNaN(value)) value = first ? tryEuler() : tryDirect();
  return value;
}

function logEulerIntegral(a: number, b: number, c: number, z: number): number {
  const log1mZ = Math.log1p(-z);
  // (1 − zp)^(−a) = exp(−a·ln(1 − z + z(1 − p))) keeps digits when p is near 1 and z near 1
  const value = betaExpectation(b, c - b, (_p, q) => Math.exp(-a * Math.log(Math.exp(log1mZ) + z * q)));
  return value > 0 && Number.isFinite(value) ? Math.log(value) : Number.NaN;
}

/** ln |Γ(x)| and the sign of Γ(x) for any x that is not a pole (reflection below 0); NaN at a pole. */
function signedLogGamma(x: number): { log: number; sign: number } {
  if (x > 0) return { log: logGamma(x), sign: 1 };
  const sine = Math.sin(Math.PI * (x - Math.round(x))) * (Math.round(x) % 2 === 0 ? 1 : -1);
  if (sine === 0 || x === Math.round(x)) return { log: Number.NaN, sign: Number.NaN };
  // Γ(x)Γ(1 − x) = π / sin(πx), with Γ(1 − x) > 0
  return { log: Math.log(Math.PI / Math.abs(sine)) - logGamma(1 - x), sign: Math.sign(sine) };
}

/** A value and a bound on its absolute rounding error. */
export interface ValueWithError {
  /** The value (NaN when the method does not apply). */
  readonly value: number;
  /** A bound on the absolute error of `value` from rounding (Infinity with a NaN value). */
  readonly error: number;
}

const NOT_APPLICABLE: ValueWithError = { value: Number.NaN, error: Number.POSITIVE_INFINITY };

/**
 * The power series Σ (a)ₙ(b)ₙ/((c)ₙ n!) wⁿ for 0 ≤ w ≤ 0.1, signed (any real a, b and c that is not a
 * non-positive integer), with a bound on its rounding error (ε per term times the largest term, for
 * alternating terms that cancel); NaN when it does not settle within 400 terms.
 */
function smallSeries(a: number, b: number, c: number, w: number): ValueWithError {
  let term = 1;
  let sum = 1;
  let largest = 1;
  for (let n = 0; n < 400; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * w;
    sum += term;
    largest = Math.max(largest, Math.abs(term));
    if (!Number.isFinite(term)) return NOT_APPLICABLE;
    // past twice |a|, |b| and |c| every later ratio is below w·1.5·1.5/0.5 ≤ 0.45: the tail is below |term|
    if (
      n + 1 > 2 * Math.max(Math.abs(a), Math.abs(b), Math.abs(c)) &&
      Math.abs(term) <= 1e-17 * Math.abs(sum)
    ) {
      return { value: sum, error: Number.EPSILON * (n + 2) * largest };
    }
  }
  return NOT_APPLICABLE;
}

/**
 * w^s · ₂F₁(a, b; c; 1 − w) for 0 < w ≤ 0.1 (z = 1 − w near 1, where the power series in z needs thousands
 * of terms), by the connection formula about z = 1 (Abramowitz & Stegun 15.3.6): with d = c − a − b,
 * ₂F₁(a, b; c; 1 − w) = Γ(c)Γ(d)/(Γ(c − a)Γ(c − b)) ₂F₁(a, b; 1 − d; w)
 *                     + w^d Γ(c)Γ(−d)/(Γ(a)Γ(b)) ₂F₁(c − a, c − b; 1 + d; w),
 * each series converging like wⁿ. `s` multiplies in the power before the exponentials, so that w^s times a
 * factor of e^±700 neither overflows nor underflows. The error bound counts the rounding of each part's
 * logarithm (ln Γ's own error, 16ε or 8ε of its size, and ε times the size of the sum: the log-gammas of
 * large arguments are hundreds) and of its series, so the two parts' cancellation near whole d (their poles
 * have opposite signs) shows in it; callers compare it with what their quantity tolerates and use another
 * representation beyond. Not applicable (NaN) at whole d, or when a series does not settle.
 */
export function powerHyp2f1NearOne(s: number, a: number, b: number, c: number, w: number): ValueWithError {
  const d = c - a - b;
  if (!(w > 0 && w <= 0.1) || d === Math.round(d)) return NOT_APPLICABLE;
  const gc = signedLogGamma(c);
  const logW = Math.log(w);
  let value = 0;
  let error = 0;
  const parts = [
    [signedLogGamma(d), signedLogGamma(c - a), signedLogGamma(c - b), s, a, b, 1 - d],
    [signedLogGamma(-d), signedLogGamma(a), signedLogGamma(b), s + d, c - a, c - b, 1 + d],
  ] as const;
  for (const [up, x, y, power, p, q, r] of parts) {
    // 1/Γ at a pole is 0: that part vanishes (c − a or c − b a non-positive whole number)
    if (Number.isNaN(x.log) || Number.isNaN(y.log)) continue;
    const series = smallSeries(p, q, r, w);
    const log = gc.log + up.log - x.log - y.log + power * logW;
    const part = gc.sign * up.sign * x.sign * y.sign * Math.exp(log) * series.value;
    if (!Number.isFinite(part)) return NOT_APPLICABLE;
    value += part;
    const logSize =
      Math.abs(gc.log) + Math.abs(up.log) + Math.abs(x.log) + Math.abs(y.log) + Math.abs(power * logW);
    // ln Γ is good to about 16ε below 10 and 8ε of its size above (measured against mpmath on 4,400 points)
    error += Math.abs(part) * Number.EPSILON * (5 * 16 + 8 * logSize) + Math.exp(log) * series.error;
  }
  return { value, error };
}

/** ₂F₁(a, b; c; z) itself, from {@link logHyp2f1}. */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  return Math.exp(logHyp2f1(a, b, c, z));
}

/** The value and partial derivatives of ln H(p, q, z), H = Σₙ ((p)ₙ/(q)ₙ) zⁿ = ₂F₁(1, p; q; z). */
export interface LogHypergeometricWithGradient {
  /** ln H. */
  value: number;
  /** ∂ ln H / ∂p. */
  dp: number;
  /** ∂ ln H / ∂q. */
  dq: number;
  /** ∂ ln H / ∂z. */
  dz: number;
}

/**
 * ln ₂F₁(1, p; q; z) and its gradient for 0 < p < q and 0 ≤ z < 1. Every term is positive and at most
 * zⁿ, so the series converges geometrically without cancellation; this is the form the Pareto/NBD
 * likelihood takes after Euler's transformation. The partial derivatives are summed in the same pass:
 * ∂tₙ/∂p = tₙ Σₖ₍ₙ 1/(p + k), ∂tₙ/∂q = −tₙ Σₖ₍ₙ 1/(q + k), ∂tₙ/∂z = n tₙ / z. NaN when the series has
 * not settled within the term budget (z within about 1e−4 of 1).
 */
export function logHyp2f1UnitWithGradient(
  p: number,
  q: number,
  z: number,
  out: LogHypergeometricWithGradient,
): void {
  // the series needs about ln(1e−17)/ln(z) terms: beyond z = 0.9 (~370 terms) the integral is cheaper
  if (z > 0.9) {
    unitByQuadrature(p, q, z, out);
    return;
  }
  let term = 1;
  let sum = 1;
  let sumP = 0;
  let sumQ = 0;
  let sumZ = 0;
  let harmonicP = 0;
  let harmonicQ = 0;
  let n = 0;
  if (z > 0) {
    for (; n < MAX_TERMS; n++) {
      harmonicP += 1 / (p + n);
      harmonicQ += 1 / (q + n);
      const ratio = ((p + n) / (q + n)) * z;
      term *= ratio;
      sum += term;
      sumP += term * harmonicP;
      sumQ += term * harmonicQ;
      sumZ += term * (n + 1);
      if (term * z <= 1e-17 * (1 - z) * sum) break;
    }
  }
  if (n >= MAX_TERMS) {
    out.value = Number.NaN;
    out.dp = Number.NaN;
    out.dq = Number.NaN;
    out.dz = Number.NaN;
    return;
  }
  out.value = Math.log(sum);
  out.dp = sumP / sum;
  out.dq = -sumQ / sum;
  out.dz = z > 0 ? sumZ / (z * sum) : p / q;
}

/**
 * The same quantity from Euler's integral ₂F₁(1, p; q; z) = (q − 1) ∫₀¹ (1 − t)^(q−2) (1 − zt)^(−p) dt
 * (q > 1), by tanh-sinh quadrature, differentiating under the integral sign for the gradient. Used for
 * z near 1, where the series needs thousands of terms; 1 − zt is formed as (1 − z) + z(1 − t) so that it
 * keeps its digits next to t = 1.
 */
function unitByQuadrature(p: number, q: number, z: number, out: LogHypergeometricWithGradient): void {
  const oneMinusZ = 1 - z;
  let logScale = Number.NEGATIVE_INFINITY;
  const terms: [number, number, number][] = [];
  // first pass: log of each weighted integrand, to scale before exponentiating
  forEachNode((logT, log1mT, logWeight) => {
    const t = Math.exp(logT);
    const oneMinusZt = oneMinusZ + z * Math.exp(log1mT);
    const logG = logWeight + (q - 2) * log1mT - p * Math.log(oneMinusZt);
    if (logG > logScale) logScale = logG;
    terms.push([logG, t, oneMinusZt]);
  });
  let sum = 0;
  let sumP = 0;
  let sumQ = 0;
  let sumZ = 0;
  let index = 0;
  forEachNode((_logT, log1mT) => {
    const [logG, t, oneMinusZt] = terms[index++] as [number, number, number];
    const g = Math.exp(logG - logScale);
    sum += g;
    sumP -= g * Math.log(oneMinusZt);
    sumQ += g * log1mT;
    sumZ += (g * p * t) / oneMinusZt;
  });
  out.value = Math.log(q - 1) + logScale + Math.log(sum);
  out.dp = sumP / sum;
  out.dq = 1 / (q - 1) + sumQ / sum;
  out.dz = sumZ / sum;
}
