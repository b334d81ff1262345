// The Gaussian hypergeometric function ₂F₁(a, b; c; z) for the ranges the models need. Internal.

import { betaExpectation, forEachNode } from './quadrature';

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
