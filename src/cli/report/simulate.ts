// The period-transactions check (lifetimes' plot_period_transactions): customers drawn from the fitted
// model, each observed for the T of a real customer, and the histogram of their repeat purchases set
// beside the data's. Seeded, so the same data give the same page.

import type { ModelFit } from '../../index';

/** A seeded uniform generator on (0, 1) (mulberry32). */
function uniforms(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

/** A standard normal draw (Box–Muller). */
function normal(uniform: () => number): number {
  return Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** A Gamma(shape, 1) draw: Marsaglia & Tsang (2000), with the shape < 1 boost U^(1/shape). */
function gamma(uniform: () => number, shape: number): number {
  if (shape < 1) return gamma(uniform, shape + 1) * uniform() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(uniform);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = uniform();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** The repeat purchases a customer drawn from the model makes in (0, T], counted up to `top`. */
function simulateOne(fit: ModelFit, T: number, top: number, uniform: () => number): number {
  const params = fit.params as unknown as Readonly<Record<string, number>>;
  const lambda = gamma(uniform, params['r'] as number) / (params['alpha'] as number);
  if (fit.model === 'paretoNbd') {
    const mu = gamma(uniform, params['s'] as number) / (params['beta'] as number);
    const end = Math.min(T, -Math.log(uniform()) / mu);
    let time = 0;
    let purchases = 0;
    for (;;) {
      time += -Math.log(uniform()) / lambda;
      if (time > end || purchases === top) return purchases;
      purchases++;
    }
  }
  // BG/NBD: after each repeat purchase the customer drops out with probability p; MBG/NBD: also at time 0
  const x = gamma(uniform, params['a'] as number);
  const y = gamma(uniform, params['b'] as number);
  const p = x / (x + y);
  if (fit.model === 'mbgNbd' && uniform() < p) return 0;
  let time = 0;
  let purchases = 0;
  for (;;) {
    time += -Math.log(uniform()) / lambda;
    if (time > T || purchases === top) return purchases;
    purchases++;
    if (uniform() < p) return purchases;
  }
}

/**
 * The histogram of repeat purchases 0, 1, …, `top` or more of customers drawn from the fit, one for each
 * age in `ages` (the T of the real customers), as counts.
 */
export function simulatedHistogram(fit: ModelFit, ages: ArrayLike<number>, top: number): number[] {
  const uniform = uniforms(20_240_601);
  const counts = new Array<number>(top + 1).fill(0);
  for (let i = 0; i < ages.length; i++) {
    const slot = simulateOne(fit, ages[i] as number, top, uniform);
    counts[slot] = (counts[slot] as number) + 1;
  }
  return counts;
}
