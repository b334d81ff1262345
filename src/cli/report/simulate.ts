// The period-transactions check (lifetimes' plot_period_transactions): customers drawn from the fitted
// model, each observed for the T of a real customer, and the histogram of their repeat purchases set
// beside the data's. Seeded, so the same data give the same page.

import type { ModelFit } from '../../index';
import { exponentialDraw, gammaDraw, seededUniform } from '../../math/random';

/** The repeat purchases a customer drawn from the model makes in (0, T], counted up to `top`. */
function simulateOne(fit: ModelFit, T: number, top: number, uniform: () => number): number {
  const params = fit.params as unknown as Readonly<Record<string, number>>;
  const lambda = gammaDraw(uniform, params['r'] as number) / (params['alpha'] as number);
  if (fit.model === 'paretoNbd') {
    const mu = gammaDraw(uniform, params['s'] as number) / (params['beta'] as number);
    const end = Math.min(T, exponentialDraw(uniform) / mu);
    let time = 0;
    let purchases = 0;
    for (;;) {
      time += exponentialDraw(uniform) / lambda;
      if (time > end || purchases === top) return purchases;
      purchases++;
    }
  }
  // BG/NBD: after each repeat purchase the customer drops out with probability p; MBG/NBD: also at time 0
  const x = gammaDraw(uniform, params['a'] as number);
  const y = gammaDraw(uniform, params['b'] as number);
  const p = x / (x + y);
  if (fit.model === 'mbgNbd' && uniform() < p) return 0;
  let time = 0;
  let purchases = 0;
  for (;;) {
    time += exponentialDraw(uniform) / lambda;
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
  const uniform = seededUniform(20_240_601);
  const counts = new Array<number>(top + 1).fill(0);
  for (let i = 0; i < ages.length; i++) {
    const slot = simulateOne(fit, ages[i] as number, top, uniform);
    counts[slot] = (counts[slot] as number) + 1;
  }
  return counts;
}
