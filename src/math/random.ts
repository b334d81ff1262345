// Seeded random draws: simulateCustomers and the command line's demo data
// use the same generator and the same Gamma sampler, so the same seed gives the same numbers on every
// machine. Internal.

import { logistic } from './special';

/** A seeded uniform generator on the open interval (0, 1) (mulberry32, shifted half a step off 0). */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4_294_967_296;
  };
}

/** A standard normal draw (Box–Muller). */
function standardNormal(uniform: () => number): number {
  return Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** A Gamma(shape, 1) draw: Marsaglia & Tsang (2000), with the shape < 1 boost U^(1/shape). */
export function gammaDraw(uniform: () => number, shape: number): number {
  if (shape < 1) return gammaDraw(uniform, shape + 1) * uniform() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(uniform);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = uniform();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/**
 * Appends to `times` the arrival times of a Poisson process of rate `rate` on (0, end], stopping once more
 * than `limit` were appended by this call (the caller's cap on a simulation's size).
 */
export function poissonArrivals(
  uniform: () => number,
  rate: number,
  end: number,
  times: number[],
  limit: number,
): void {
  let time = 0;
  const start = times.length;
  for (;;) {
    time += exponentialDraw(uniform) / rate;
    if (!(time <= end) || times.length - start > limit) return;
    times.push(time);
  }
}

/** An exponential draw with mean 1. */
export function exponentialDraw(uniform: () => number): number {
  return -Math.log(uniform());
}

/**
 * ln of a Gamma(shape, 1) draw, exact for small shapes where the draw itself underflows (the boost
 * U^(1/shape) of a shape of 0.01 is below the smallest double for a fifth of the uniforms): the same
 * uniforms, in the same order, as {@link gammaDraw}.
 */
export function logGammaDraw(uniform: () => number, shape: number): number {
  if (shape < 1) return logGammaDraw(uniform, shape + 1) + Math.log(uniform()) / shape;
  return Math.log(gammaDraw(uniform, shape));
}

/** A Beta(a, b) draw, X/(X + Y) of two Gamma draws taken in log space (never 0/0). */
export function betaDraw(uniform: () => number, a: number, b: number): number {
  const logX = logGammaDraw(uniform, a);
  const logY = logGammaDraw(uniform, b);
  return logistic(logX - logY);
}
