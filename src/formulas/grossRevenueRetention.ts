import { type RevenueMovements, revenueMovements } from './revenueRetention';

/**
 * Gross revenue retention (GRR): `(start − contraction − churned) / start`, the recurring revenue kept from
 * the starting customers without counting expansion, so it never exceeds 1 and is never above
 * {@link netRevenueRetention} for the same movements.
 *
 * @param movements - `startingRevenue` (above 0), `expansion` (ignored, but validated), `contraction`,
 *   `churned` (at least 0)
 * @returns the fraction kept, from 0 to 1
 * @throws PatronageError as {@link netRevenueRetention}.
 *
 * @example
 * ```ts
 * import { grossRevenueRetention } from 'patronage';
 *
 * grossRevenueRetention({ startingRevenue: 100000, expansion: 15000, contraction: 3000, churned: 7000 }); // => 0.9
 * ```
 *
 * @category Revenue
 */
export function grossRevenueRetention(movements: RevenueMovements): number {
  const { startingRevenue, kept } = revenueMovements('grossRevenueRetention', movements);
  return kept / startingRevenue;
}
