import { PatronageError } from '../errors/PatronageError';

const SQRT2 = Math.SQRT2;
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** erf(x) by its Maclaurin series, for |x| < 2.5 (terms shrink fast enough to keep ~15 digits). */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= -x2 / n;
    const next = term / (2 * n + 1);
    sum += next;
    if (Math.abs(next) < 1e-17 * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * sum;
}

/** erfc(x) for x ≥ 2.5 by its continued fraction (modified Lentz), accurate to machine precision. */
function erfcFraction(x: number): number {
  // erfc(x) = exp(−x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + 2/(x + ...)))))
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** The standard normal distribution function Φ(x). */
export function normalCdf(x: number): number {
  const t = x / SQRT2;
  if (t > -2.5 && t < 2.5) return 0.5 * (1 + erfSeries(t));
  return t >= 2.5 ? 1 - 0.5 * erfcFraction(t) : 0.5 * erfcFraction(-t);
}

/**
 * The standard normal quantile Φ⁻¹(p) for 0 < p < 1: a rational starting value refined by Newton's method
 * on the accurate distribution function above, so the result is exact to about 1e-15.
 */
export function normalQuantile(p: number): number {
  if (p === 0.5) return 0;
  if (p < 0.5) return -normalQuantile(1 - p);
  // starting point: Abramowitz & Stegun 26.2.23 (error < 4.5e-4)
  const t = Math.sqrt(-2 * Math.log(1 - p));
  let x =
    t -
    (2.515517 + 0.802853 * t + 0.010328 * t * t) /
      (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
  for (let iteration = 0; iteration < 20; iteration++) {
    const density = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    const step = (normalCdf(x) - p) / density;
    x -= step;
    if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}

/**
 * z such that a standard normal lies within ±z with probability `level` (a two-sided interval's
 * multiplier): Φ⁻¹(1 − (1 − level)/2). `level` is already known to be strictly between 0 and 1; a level so
 * close to 1 that 1 − (1 − level)/2 rounds to 1 has no finite z, and is `OUT_OF_RANGE` naming `argument`.
 */
export function twoSidedZ(fn: string, argument: string, level: number): number {
  const p = 1 - (1 - level) / 2;
  if (p === 1) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${fn}: ${argument} ${level} is too close to 1 for a finite interval (1 − (1 − level)/2 rounds to 1)`,
      { argument, value: level },
    );
  }
  return normalQuantile(p);
}
