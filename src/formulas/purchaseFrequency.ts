import { PatronageError } from '../errors/PatronageError';
import { requireCount, requireObject } from '../internal/validate';

/**
 * Counts for {@link purchaseFrequency}.
 *
 * @category Purchases
 */
export interface PurchaseFrequencyCounts {
  /** Orders placed in the period. */
  readonly orders: number;
  /** Distinct customers who placed them, above 0. */
  readonly customers: number;
}

/**
 * Purchase frequency: average orders per customer over a period, `orders / customers`.
 *
 * @param counts - `orders` and `customers` (above 0), whole numbers
 * @returns orders per customer, at least 0
 * @throws PatronageError `NO_CUSTOMERS` when `customers` is 0, and the number codes for invalid counts.
 *
 * @example
 * ```ts
 * import { purchaseFrequency } from 'patronage';
 *
 * purchaseFrequency({ orders: 3400, customers: 1000 }); // => 3.4
 * ```
 *
 * @category Purchases
 */
export function purchaseFrequency(counts: PurchaseFrequencyCounts): number {
  const fn = 'purchaseFrequency';
  const record = requireObject(fn, 'counts', counts);
  const orders = requireCount(fn, 'orders', record['orders']);
  const customers = requireCount(fn, 'customers', record['customers']);
  if (customers === 0) {
    throw new PatronageError('NO_CUSTOMERS', `${fn}: customers is 0; frequency is undefined`, {
      argument: 'customers',
      value: 0,
    });
  }
  return orders / customers;
}
