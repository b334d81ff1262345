// Special functions for the probabilistic models. Internal: the public surface is the models.

const HALF_LOG_TWO_PI = 0.9189385332046728; // ln(2π)/2

// Lanczos coefficients (g = 7, n = 9), as tabulated by Press et al. and Godfrey: ~15 significant digits.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * ln Γ(x) for x > 0. Stirling's series (with 5 correction terms) for x ≥ 10, where it is exact to machine
 * precision; the Lanczos approximation below that, with the shift Γ(x) = Γ(x + 1)/x for x < 0.5.
 */
export function logGamma(x: number): number {
  if (x >= 10) return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + stirlingSeries(x);
  if (x < 0.5) return logGamma(x + 1) - Math.log(x);
  const shifted = x - 1;
  let sum = LANCZOS[0] as number;
  for (let k = 1; k < LANCZOS.length; k++) sum += (LANCZOS[k] as number) / (shifted + k);
  const t = shifted + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (shifted + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0. */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/**
 * ln Γ(x + n) − ln Γ(x) (the log of the rising factorial (x)ₙ) for x > 0 and n ≥ 0. Summed directly for
 * small n, where the difference of two large log-gammas would lose digits.
 */
export function logRising(x: number, n: number): number {
  if (n === 0) return 0;
  if (Number.isInteger(n) && n <= 16) {
    let product = 1;
    for (let k = 0; k < n; k++) product *= x + k;
    return Math.log(product);
  }
  return logGamma(x + n) - logGamma(x);
}

/** Stirling's correction series of ln Γ at x ≥ 10: ln Γ(x) − [(x − ½) ln x − x + ½ ln 2π]. */
function stirlingSeries(x: number): number {
  const inverse = 1 / x;
  const inverse2 = inverse * inverse;
  return (
    inverse *
    (1 / 12 - inverse2 * (1 / 360 - inverse2 * (1 / 1260 - inverse2 * (1 / 1680 - inverse2 / 1188))))
  );
}

/**
 * ln Γ(x + a) − ln Γ(x) for x > 0 and a ≥ 0, to full relative precision however large x is: for x ≥ 10 from
 * Stirling's series as (x − ½)·ln(1 + a/x) + a·ln(x + a) − a plus the difference of the correction
 * series, so the two large log-gammas never cancel; below 10, where they are small, as their difference.
 */
export function logGammaDifference(x: number, a: number): number {
  if (a === 0) return 0;
  if (x < 10) return logGamma(x + a) - logGamma(x);
  return (
    (x - 0.5) * Math.log1p(a / x) + a * Math.log(x + a) - a + (stirlingSeries(x + a) - stirlingSeries(x))
  );
}

/**
 * ln B(a, b + n) − ln B(a, b) = ln E[(1 − p)ⁿ] for p ~ Beta(a, b), a, b > 0, n ≥ 0, as two
 * {@link logGammaDifference}s: a difference of the two log-betas themselves loses their size times ε when b
 * is large (1e−9 absolute at b = 1e6, where each log-gamma is about 1.3e7).
 */
export function logBetaShift(a: number, b: number, n: number): number {
  return logGammaDifference(b, n) - logGammaDifference(a + b, n);
}

/** The asymptotic series of ψ at y ≥ 12: ln y − 1/(2y) − ψ(y). */
function digammaSeries(y: number): number {
  const inverse2 = 1 / (y * y);
  return (
    inverse2 * (1 / 12 - inverse2 * (1 / 120 - inverse2 * (1 / 252 - inverse2 * (1 / 240 - inverse2 / 132))))
  );
}

/** The digamma function ψ(x) = d ln Γ(x)/dx for x > 0: recurrence up to x ≥ 12, then the asymptotic series. */
export function digamma(x: number): number {
  let shift = 0;
  let y = x;
  while (y < 12) {
    shift -= 1 / y;
    y += 1;
  }
  return shift + Math.log(y) - 0.5 / y - digammaSeries(y);
}

/**
 * ψ(x + a) − ψ(x) for x > 0 and a ≥ 0, to full relative precision however large x is (the derivative of
 * {@link logGammaDifference}): for x ≥ 12 as ln(1 + a/x) + a/(2x(x + a)) minus the difference of the
 * asymptotic series, where the two digammas, near ln x, would cancel; below 12 as their difference.
 */
export function digammaDifference(x: number, a: number): number {
  if (a === 0) return 0;
  if (x < 12) return digamma(x + a) - digamma(x);
  return Math.log1p(a / x) + (0.5 * a) / (x * (x + a)) - (digammaSeries(x + a) - digammaSeries(x));
}

/**
 * The trigamma function ψ₁(x) = d² ln Γ(x)/dx² for x > 0: recurrence ψ₁(x) = ψ₁(x + 1) + 1/x² up to x ≥ 12,
 * then the asymptotic series 1/x + 1/(2x²) + Σ B₂ₖ/x^(2k+1) through B₁₄ (its first omitted term is below
 * 1e−17 of the value there).
 */
export function trigamma(x: number): number {
  let shift = 0;
  let y = x;
  while (y < 12) {
    shift += 1 / (y * y);
    y += 1;
  }
  const inverse = 1 / y;
  const inverse2 = inverse * inverse;
  const series =
    inverse2 *
    inverse *
    (1 / 6 -
      inverse2 *
        (1 / 30 -
          inverse2 *
            (1 / 42 -
              inverse2 * (1 / 30 - inverse2 * (5 / 66 - inverse2 * (691 / 2730 - (inverse2 * 7) / 6))))));
  return shift + inverse + inverse2 / 2 + series;
}

/** ln(eᵃ + eᵇ) without overflow. */
export function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** ln Σ exp(values) without overflow; −∞ for an empty list. */
export function logSumExp(values: readonly number[]): number {
  let maximum = Number.NEGATIVE_INFINITY;
  for (const value of values) if (value > maximum) maximum = value;
  if (maximum === Number.NEGATIVE_INFINITY || maximum === Number.POSITIVE_INFINITY) return maximum;
  let sum = 0;
  for (const value of values) sum += Math.exp(value - maximum);
  return maximum + Math.log(sum);
}

/** ln(1 + eˣ) (softplus), exact for large |x|. */
export function log1pExp(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** The logistic function 1/(1 + e⁻ˣ) without overflow. */
export function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * (1 − e^(y·L))/y, continuous at y = 0 where it equals −L: the shape of every "1 − (β/(β+t))^(s−1)
 * over (s − 1)" term in the models.
 */
export function oneMinusExpOver(y: number, logBase: number): number {
  const product = y * logBase;
  if (Math.abs(product) < 1e-9) return -logBase * (1 + product / 2);
  return -Math.expm1(product) / y;
}

/**
 * ln I_x(a, b), the log of the regularised incomplete beta function, for a, b > 0 and 0 ≤ x ≤ 1 given as
 * x and y = 1 − x (pass both, each exact near its end). On the side where it converges fast,
 * x < (a + 1)/(a + b + 2), the continued fraction of Press et al. (Numerical Recipes, 3rd ed. 2007, section 6.4),
 * evaluated by the modified Lentz method, times x^a y^b/(a B(a, b)) in log space, so that far tails keep
 * their relative accuracy however small; on the other side 1 − I_y(b, a), where the value is not small.
 * NaN when the fraction has not settled within its iteration budget.
 */
export function logRegularizedBeta(a: number, b: number, x: number, y: number): number {
  if (x === 0) return Number.NEGATIVE_INFINITY;
  if (y === 0) return 0;
  if (x * (a + b + 2) < a + 1) return logBetaFraction(a, b, x, y);
  const complement = logBetaFraction(b, a, y, x);
  return Math.log1p(-Math.exp(complement));
}

const FRACTION_TINY = 1e-300;

function logBetaFraction(a: number, b: number, x: number, y: number): number {
  const logFront = a * Math.log(x) + b * Math.log(y) - Math.log(a) - logBeta(a, b);
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < FRACTION_TINY) d = FRACTION_TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100_000; m++) {
    const m2 = 2 * m;
    // even step: m(b − m)x / ((a + 2m − 1)(a + 2m))
    let coefficient = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + coefficient * d;
    if (Math.abs(d) < FRACTION_TINY) d = FRACTION_TINY;
    c = 1 + coefficient / c;
    if (Math.abs(c) < FRACTION_TINY) c = FRACTION_TINY;
    d = 1 / d;
    h *= d * c;
    // odd step: −(a + m)(a + b + m)x / ((a + 2m)(a + 2m + 1))
    coefficient = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + coefficient * d;
    if (Math.abs(d) < FRACTION_TINY) d = FRACTION_TINY;
    c = 1 + coefficient / c;
    if (Math.abs(c) < FRACTION_TINY) c = FRACTION_TINY;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-16) return logFront + Math.log(h);
  }
  return Number.NaN;
}

/** Neumaier's compensated sum of a list. */
export function compensatedSum(values: ArrayLike<number>): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    const next = sum + value;
    compensation += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
    sum = next;
  }
  return sum + compensation;
}

/** A running Neumaier sum, for loops that do not build a list. */
export class CompensatedSum {
  /** The running sum. */
  private sum = 0;
  /** The accumulated rounding error. */
  private compensation = 0;

  /** Adds a value. */
  add(value: number): void {
    const next = this.sum + value;
    this.compensation +=
      Math.abs(this.sum) >= Math.abs(value) ? this.sum - next + value : value - next + this.sum;
    this.sum = next;
  }

  /** The compensated total. */
  value(): number {
    return this.sum + this.compensation;
  }
}
