// The discounted expected transactions of a BG/NBD (or MBG/NBD) customer alive at T, in closed form.
// Internal. Notation of Fader, Hardie & Lee (2005): x repeat purchases, parameters r, α, a, b; the derivation
// is in docs/model-bg-nbd.md ("DERT in closed form").

import { betaExpectation } from '../../math/quadrature';
import { logGamma, logGammaDifference } from '../../math/special';
import { tricomiUOne } from '../../math/tricomi';

/** The series' summed magnitudes may exceed the value by this factor at most (each costs ~1e−16 of it). */
const MAX_CANCELLATION = 256;
/** Terms per series at most; where they are needed (c beyond ~30) the cancellation check rejects the sum anyway. */
const MAX_TERMS = 2000;

/** sin(πx) with the argument reduced exactly (x − 2·round(x/2) is exact in floating point). */
function sinPi(x: number): number {
  const reduced = x - 2 * Math.round(x / 2);
  return Math.sin(Math.PI * reduced);
}

/** ln |Γ(x)| for any real x that is not a pole (reflection below ½). */
function logAbsGamma(x: number): number {
  if (x >= 0.5) return logGamma(x);
  return Math.log(Math.PI / Math.abs(sinPi(x))) - logGamma(1 - x);
}

/** The sign of Γ(x) (x not a pole): positive above 0, (−1)^⌈−x⌉ below. */
function gammaSign(x: number): number {
  if (x > 0) return 1;
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

/** ln Γ(x + d) − ln Γ(x) for x > 0, x + d > 0, taking the difference d as given (never x + d − x). */
function logGammaShift(x: number, d: number): number {
  return d >= 0 ? logGammaDifference(x, d) : -logGammaDifference(x + d, -d);
}

/**
 * Σₙ tₙ with t₀ = 1 and tₙ₊₁ = tₙ·c·(n + p)/((n + q₁)(n + q₂)) (q₂ = 1 for a ₁F₁): the generalised
 * hypergeometric series. Stops once every shifted parameter is positive (from there the ratios fall), the
 * ratio is below ½ and the term below 2⁻⁶⁰ of the sum. Writes Σ|tₙ| to `magnitude[0]`; NaN when it has
 * not settled.
 */
function series(p: number, q1: number, q2: number, c: number, magnitude: Float64Array): number {
  const settled = Math.max(0, -p, -q1, -q2) + 1;
  let term = 1;
  let sum = 1;
  let absolute = 1;
  for (let n = 0; n < MAX_TERMS; n++) {
    const ratio = (c * (n + p)) / ((n + q1) * (n + q2));
    term *= ratio;
    if (!Number.isFinite(term)) return Number.NaN;
    sum += term;
    absolute += Math.abs(term);
    if (term === 0 || (n >= settled && Math.abs(ratio) < 0.5 && Math.abs(term) <= 2 ** -60 * Math.abs(sum))) {
      magnitude[0] = absolute;
      return sum;
    }
  }
  return Number.NaN;
}

const scratch = /* @__PURE__ */ new Float64Array(1);

/**
 * E[λ/(pλ + δ)] over λ ~ Gamma(r + x, α + T) and p ~ Beta(a, b + x) (pass b + 1 for MBG/NBD): the DERT of a
 * customer alive at T, whose k-th future purchase is discounted by (λ/(λ+δ))^k in expectation and happens
 * with probability (1 − p)^(k−1). With s = r + x, b′ = b + x, γ = a + b′ and c = δ(α + T), a Mellin–Barnes
 * integral of the Laplace transform of ₂F₁(s + 1, a; γ; −v) summed over its three pole series gives
 *
 *   (γ − 1)/(a − 1) · ₂F₂(1, 2 − γ; 1 − s, 2 − a; c)
 *   + Γ(γ)Γ(s + 1 − a)Γ(1 − a)/(Γ(s)Γ(b′)) · c^(a−1) · ₁F₁(1 − b′; a − s; c)
 *   + sΓ(γ)Γ(a − s − 1)Γ(−s)/(Γ(a)Γ(γ − s − 1)) · c^s · ₁F₁(s + 2 − γ; s + 2 − a; c),
 *
 * entire series in c (checked against mpmath quadrature of the defining integral at 1e−12,
 * test/clv/reference/bgNbdDert.py). Where the three parts cancel (a, s or s − a near a whole number, or c
 * large: their summed magnitudes above {@link MAX_CANCELLATION} times the value), the defining integral over
 * p, (s/p)·U(1, 1 − s, c/p) by tanh-sinh quadrature, instead.
 */
export function discountedIfAlive(
  r: number,
  alpha: number,
  a: number,
  b: number,
  x: number,
  T: number,
  delta: number,
): number {
  const s = r + x;
  const c = delta * (alpha + T);
  const closed = closedForm(r, a, b, x, c);
  if (Number.isFinite(closed)) return closed;
  return byQuadrature(a, b + x, s, c);
}

/** The three pole series; NaN where they cancel beyond {@link MAX_CANCELLATION} or do not settle. */
export function closedForm(r: number, a: number, b: number, x: number, c: number): number {
  const s = r + x;
  const bPost = b + x;
  const gamma = a + bPost;
  const logC = Math.log(c);
  // shifted parameters written without x where it cancels, so each keeps its digits for heavy buyers
  // regular series: (γ − 1)/(a − 1) ₂F₂(1, 2 − γ; 1 − s, 2 − a; c), 2 − γ = −x + (2 − a − b), 1 − s = −x + (1 − r)
  const regularLead = (gamma - 1) / (a - 1);
  const regular = regularLead * series(2 - a - b - x, 1 - r - x, 2 - a, c, scratch);
  let magnitude = Math.abs(regularLead) * (scratch[0] as number);
  // c^(a−1) series: Γ(γ)/Γ(b′) · Γ(s + 1 − a)/Γ(s) · Γ(1 − a) c^(a−1) · ₁F₁(1 − b′; a − s; c)
  const shifted = s + 1 - a;
  const logShifted = shifted > 0 ? logGammaShift(s, 1 - a) : logAbsGamma(shifted) - logGamma(s);
  const singularLead =
    gammaSign(1 - a) *
    gammaSign(shifted) *
    Math.exp(logGammaDifference(bPost, a) + logShifted + logAbsGamma(1 - a) + (a - 1) * logC);
  const singular = singularLead * series(1 - b - x, a - r - x, 1, c, scratch);
  magnitude += Math.abs(singularLead) * (scratch[0] as number);
  // c^s series: sΓ(γ)Γ(a − s − 1)Γ(−s)/(Γ(a)Γ(γ − s − 1)) c^s ₁F₁(s + 2 − γ; s + 2 − a; c), γ − s − 1 = a + b − r − 1
  const rest = a + b - r - 1;
  let third = 0;
  if (!(rest <= 0 && Number.isInteger(rest))) {
    const thirdLead =
      gammaSign(a - s - 1) *
      gammaSign(-s) *
      gammaSign(rest) *
      Math.exp(
        Math.log(s) +
          logGamma(gamma) +
          logAbsGamma(a - s - 1) +
          logAbsGamma(-s) -
          logGamma(a) -
          logAbsGamma(rest) +
          s * logC,
      );
    third = thirdLead * series(1 - rest, s + 2 - a, 1, c, scratch);
    magnitude += Math.abs(thirdLead) * (scratch[0] as number);
  }
  const value = regular + singular + third;
  if (!(value > 0 && value < Number.POSITIVE_INFINITY && magnitude <= MAX_CANCELLATION * value)) {
    return Number.NaN;
  }
  return value;
}

/**
 * E_p[(s/p)·U(1, 1 − s, c/p)] for p ~ Beta(a, b′) by tanh-sinh quadrature (E[G/(G + z)] = s·E[1/(G′ + z)],
 * G′ ~ Gamma(s + 1, 1)); where c/p is beyond 10⁸(s + 2), U ≈ 1/(z + s + 1) to double precision.
 */
export function byQuadrature(a: number, bPost: number, s: number, c: number): number {
  const given = (p: number): number => {
    const z = c / p;
    return z > 1e8 * (s + 2) ? s / (c + (s + 1) * p) : (s / p) * tricomiUOne(s + 1, z);
  };
  return betaExpectation(a, bPost, given, true);
}
