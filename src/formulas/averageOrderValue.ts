import { PatronageError } from '../errors/PatronageError';
import { requireAtLeast, requireCount, requireObject } from '../internal/validate';

/**
 * Totals for {@link averageOrderValue}.
 *
 * @category Purchases
 */
export interface AverageOrderValueTotals {
  /** Revenue of the orders, major units, at least 0 (total it with {@link sumMoney} for exact cents). */
  readonly revenue: number;
  /** Number of orders, above 0. */
  readonly orders: number;
}

/**
 * Average order value (AOV): `revenue / orders`.
 *
 * @param totals - `revenue` (major units, at least 0) and `orders` (a whole number above 0)
 * @returns revenue per order in major units
 * @throws PatronageError `NO_ORDERS` when `orders` is 0, `OUT_OF_RANGE` for negative revenue, and the
 *   number codes for invalid values.
 *
 * @example
 * ```ts
 * import { averageOrderValue } from 'patronage';
 *
 * averageOrderValue({ revenue: 12500, orders: 250 }); // => 50
 * ```
 *
 * @category Purchases
 */
export function averageOrderValue(totals: AverageOrderValueTotals): number {
  const fn = 'averageOrderValue';
  const record = requireObject(fn, 'totals', totals);
  const revenue = requireAtLeast(fn, 'revenue', record['revenue'], 0);
  const orders = requireCount(fn, 'orders', record['orders']);
  if (orders === 0) {
    throw new PatronageError('NO_ORDERS', `${fn}: orders is 0; the average is undefined`, {
      argument: 'orders',
      value: 0,
    });
  }
  return revenue / orders;
}
