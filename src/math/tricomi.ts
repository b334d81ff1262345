// The Tricomi confluent hypergeometric function U(1, 2 − k, z) that discounted expected transactions need
// (Fader, Hardie & Lee 2005, "RFM and CLV", eq. 2). Internal.

import { integrate } from './quadrature';

/** Continued-fraction terms at most; it settles in a few dozen where it is used (z ≥ 2 − k). */
const MAX_TERMS = 10_000;

/**
 * U(1, 2 − k, z) = ∫₀^∞ e^(−z·t) (1 + t)^(−k) dt = E[1/(G + z)] for G ~ Gamma(k, 1), for k > 0 and z > 0
 * (Abramowitz & Stegun 13.2.5). Where z ≥ 2 − k, the continued fraction of the incomplete gamma function
 * (A&S 6.5.31 with U(1, 2 − k, z) = z^(k−1) e^z Γ(1 − k, z)): 1/(z + k − 1·k/(z + k + 2 − 2(k+1)/(z + k +
 * 4 − …))), evaluated by the modified Lentz method. Elsewhere (k < 2 and z small), the integral with
 * 1 + t = e^y, ∫₀^Y exp(−z(e^y − 1) − (k − 1)y) dy, by tanh-sinh quadrature up to where the integrand has
 * fallen e^−50 below its largest value.
 */
export function tricomiUOne(k: number, z: number): number {
  if (z >= 2 - k) {
    const tiny = 1e-300;
    let f = z + k;
    let c = f;
    let d = 0;
    for (let n = 1; n <= MAX_TERMS; n++) {
      const a = -n * (n - 1 + k);
      const b = z + k + 2 * n;
      d = b + a * d;
      if (Math.abs(d) < tiny) d = tiny;
      c = b + a / c;
      if (Math.abs(c) < tiny) c = tiny;
      d = 1 / d;
      const delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) return 1 / f;
    }
  }
  // the exponent g(y) = z(e^y − 1) + (k − 1)y is smallest at y* = ln((1 − k)/z) when that is positive
  const exponent = (y: number): number => z * Math.expm1(y) + (k - 1) * y;
  const lowest = k < 1 && 1 - k > z ? Math.log((1 - k) / z) : 0;
  const floor = exponent(lowest);
  let upper = Math.max(lowest, 1);
  // z > 0 makes the exponent grow like z·e^y, so this stops (by y ≈ 745 even for the smallest z)
  while (exponent(upper) < floor + 50 && upper < 2048) upper *= 2;
  let lower = lowest;
  for (let i = 0; i < 60; i++) {
    const middle = (lower + upper) / 2;
    if (exponent(middle) < floor + 50) lower = middle;
    else upper = middle;
  }
  return integrate(0, upper, (y) => Math.exp(-exponent(y)));
}
