// The period-transactions check (lifetimes' plot_period_transactions): customers drawn from the fitted
// model by simulateCustomers, each observed for the T of a real customer, and the histogram of their repeat
// purchases set beside the data's. Seeded, so the same data give the same page.

import { type ModelFit, simulateCustomers } from '../../index';

/**
 * The histogram of repeat purchases 0, 1, …, `top` or more of customers drawn from the fit, one for each
 * age in `ages` (the T of the real customers), as counts.
 */
export function simulatedHistogram(fit: ModelFit, ages: ArrayLike<number>, top: number): number[] {
  const counts = new Array<number>(top + 1).fill(0);
  if (ages.length === 0) return counts;
  const { summary } = simulateCustomers(fit, {
    customers: ages.length,
    T: Array.from(ages),
    seed: 20_240_601,
  });
  for (const { frequency } of summary) {
    const slot = Math.min(top, frequency);
    counts[slot] = (counts[slot] as number) + 1;
  }
  return counts;
}
