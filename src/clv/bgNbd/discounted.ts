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

/** Unit roundoff, for the error estimates. */
const EPSILON = 2 ** -53;
/** The closed form is kept where its estimated rounding error is below this share of the value. */
const MAX_RELATIVE_ERROR = 5e-13;

/**
 * The relative error of n + q when q carries an absolute rounding error of about ε·scale (q is a difference
 * of inputs whose magnitudes sum to `scale`): large next to a pole, where n + q is near 0.
 */
function shiftError(n: number, q: number, scale: number): number {
  return (EPSILON * (n + scale)) / Math.abs(n + q);
}

/**
 * Σₙ tₙ with t₀ = 1 and tₙ₊₁ = tₙ·c·(n + p)/((n + q₁)(n + q₂)) (q₂ = 1 for a ₁F₁): the generalised
 * hypergeometric series, its parameters given with the magnitudes of the inputs they are differences of.
 * Stops once every shifted parameter is positive (from there the ratios fall), the ratio is below ½ and the
 * term below 2⁻⁶⁰ of the sum. Writes Σ|tₙ| to `out[0]` and an estimate of the rounding error of the sum,
 * Σ|tₙ|·(relative error of tₙ), to `out[1]`; NaN when it has not settled.
 */
function series(
  p: number,
  pScale: number,
  q1: number,
  q1Scale: number,
  q2: number,
  q2Scale: number,
  c: number,
  out: Float64Array,
): number {
  const settled = Math.max(0, -p, -q1, -q2) + 1;
  let term = 1;
  let sum = 1;
  let absolute = 1;
  let termError = 0;
  let error = 0;
  for (let n = 0; n < MAX_TERMS; n++) {
    const ratio = (c * (n + p)) / ((n + q1) * (n + q2));
    term *= ratio;
    if (!Number.isFinite(term)) return Number.NaN;
    termError +=
      4 * EPSILON + shiftError(n, p, pScale) + shiftError(n, q1, q1Scale) + shiftError(n, q2, q2Scale);
    sum += term;
    absolute += Math.abs(term);
    error += Math.abs(term) * termError;
    if (term === 0 || (n >= settled && Math.abs(ratio) < 0.5 && Math.abs(term) <= 2 ** -60 * Math.abs(sum))) {
      out[0] = absolute;
      out[1] = error + EPSILON * absolute;
      return sum;
    }
  }
  return Number.NaN;
}

/**
 * The relative error of Γ(z) when z carries an absolute error of about ε·scale: ε·scale·|ψ(z)|, which
 * grows as 1/(distance to the pole) next to 0, −1, −2, … (bounded here by 1/distance + ln(2 + |z|)).
 */
function gammaError(z: number, scale: number): number {
  const distance = z > 0.5 ? z : Math.abs(z - Math.round(z));
  return EPSILON * scale * (1 / distance + Math.log(2 + Math.abs(z)));
}

const scratch = /* @__PURE__ */ new Float64Array(2);

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

/**
 * The three pole series; NaN where they cancel beyond {@link MAX_CANCELLATION}, where the rounding error
 * estimated term by term exceeds {@link MAX_RELATIVE_ERROR} of the value (a parameter next to a pole: s or a
 * within about 1e−3 of a whole number, where the inputs' own rounding is magnified by 1/distance), or where
 * they do not settle.
 */
export function closedForm(r: number, a: number, b: number, x: number, c: number): number {
  const s = r + x;
  const bPost = b + x;
  const gamma = a + bPost;
  const logC = Math.log(c);
  // shifted parameters written without x where it cancels, so each keeps its digits for heavy buyers
  // regular series: (γ − 1)/(a − 1) ₂F₂(1, 2 − γ; 1 − s, 2 − a; c), 2 − γ = −x + (2 − a − b), 1 − s = −x + (1 − r)
  const regularLead = (gamma - 1) / (a - 1);
  const regular =
    regularLead * series(2 - a - b - x, 2 + a + b + x, 1 - r - x, 1 + r + x, 2 - a, 2 + a, c, scratch);
  let magnitude = Math.abs(regularLead) * (scratch[0] as number);
  const regularLeadError = EPSILON * (3 + (1 + a) / Math.abs(a - 1) + (1 + gamma) / Math.abs(gamma - 1));
  let error = Math.abs(regularLead) * ((scratch[1] as number) + regularLeadError * (scratch[0] as number));
  // c^(a−1) series: Γ(γ)/Γ(b′) · Γ(s + 1 − a)/Γ(s) · Γ(1 − a) c^(a−1) · ₁F₁(1 − b′; a − s; c)
  const shifted = s + 1 - a;
  const logShifted = shifted > 0 ? logGammaShift(s, 1 - a) : logAbsGamma(shifted) - logGamma(s);
  const singularLead =
    gammaSign(1 - a) *
    gammaSign(shifted) *
    Math.exp(logGammaDifference(bPost, a) + logShifted + logAbsGamma(1 - a) + (a - 1) * logC);
  const singular = singularLead * series(1 - b - x, 1 + b + x, a - r - x, a + r + x, 1, 1, c, scratch);
  magnitude += Math.abs(singularLead) * (scratch[0] as number);
  const singularLeadError =
    gammaError(1 - a, 1 + a) +
    // Γ(s + 1 − a)/Γ(s) from the difference 1 − a itself where s + 1 − a > 0: good to a few ulps
    (shifted > 0 ? 4 * EPSILON : gammaError(shifted, 1 + a + s)) +
    EPSILON * (8 + Math.abs((a - 1) * logC) + (shifted > 0 ? 0 : Math.abs(logGamma(s))));
  error += Math.abs(singularLead) * ((scratch[1] as number) + singularLeadError * (scratch[0] as number));
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
    third = thirdLead * series(1 - rest, 2 + a + b + r, s + 2 - a, 2 + a + r + x, 1, 1, c, scratch);
    magnitude += Math.abs(thirdLead) * (scratch[0] as number);
    const thirdLeadError =
      gammaError(a - s - 1, 1 + a + s) +
      gammaError(-s, s) +
      gammaError(rest, 1 + a + b + r) +
      EPSILON * (8 + Math.abs(s * logC) + logGamma(gamma) + Math.abs(logGamma(a)));
    error += Math.abs(thirdLead) * ((scratch[1] as number) + thirdLeadError * (scratch[0] as number));
  }
  const value = regular + singular + third;
  if (
    !(
      value > 0 &&
      value < Number.POSITIVE_INFINITY &&
      magnitude <= MAX_CANCELLATION * value &&
      error <= MAX_RELATIVE_ERROR * value
    )
  ) {
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
