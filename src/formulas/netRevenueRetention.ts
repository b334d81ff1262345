import { requireFinite } from '../internal/validate';
import { type RevenueMovements, revenueMovements } from './revenueRetention';

/**
 * Net revenue retention (NRR): `(start + expansion − contraction − churned) / start`, the recurring revenue
 * kept from the customers who were there at the start, expansion included (docs/formulas.md §1.7: repeat
 * subscriptions, upgrades, cross-sells). Above 1 when expansion outgrows losses.
 *
 * @param movements - `startingRevenue` (above 0), `expansion`, `contraction`, `churned` (at least 0)
 * @returns the fraction kept, at least 0, and above 1 with net expansion
 * @throws PatronageError `NO_REVENUE` when `startingRevenue` is 0, `LOSSES_EXCEED_START` when
 *   contraction + churned exceeds it, `OUT_OF_RANGE` for negatives, `NOT_FINITE` (also on overflow),
 *   `INVALID_ARGUMENT`.
 *
 * @example
 * ```ts
 * import { netRevenueRetention } from 'patronage';
 *
 * netRevenueRetention({ startingRevenue: 100000, expansion: 15000, contraction: 3000, churned: 7000 }); // => 1.05
 * ```
 *
 * @category Revenue
 */
export function netRevenueRetention(movements: RevenueMovements): number {
  const fn = 'netRevenueRetention';
  const { startingRevenue, expansion, kept } = revenueMovements(fn, movements);
  return requireFinite(fn, 'result', (kept + expansion) / startingRevenue);
}
