import { PatronageError } from '../errors/PatronageError';
import { requireCount, requireObject } from '../internal/validate';

/**
 * Counts for {@link repeatPurchaseRate}.
 *
 * @category Purchases
 */
export interface RepeatPurchaseCounts {
  /** Customers who bought at least once in the period, above 0. */
  readonly customers: number;
  /** Of them, those who bought more than once. */
  readonly repeatCustomers: number;
}

/**
 * Repeat purchase rate: the share of buying customers who bought more than once, `repeatCustomers /
 * customers`, a fraction in [0, 1] (docs/formulas.md §1.6).
 *
 * @param counts - `customers` (above 0) and `repeatCustomers` (not above `customers`), whole numbers
 * @returns the repeat share, from 0 to 1
 * @throws PatronageError `NO_CUSTOMERS` when `customers` is 0, `REPEAT_EXCEED_CUSTOMERS` when
 *   `repeatCustomers > customers`, and the number codes for invalid counts.
 *
 * @example
 * ```ts
 * import { repeatPurchaseRate } from 'patronage';
 *
 * repeatPurchaseRate({ customers: 1200, repeatCustomers: 330 }); // => 0.275
 * ```
 *
 * @category Purchases
 */
export function repeatPurchaseRate(counts: RepeatPurchaseCounts): number {
  const fn = 'repeatPurchaseRate';
  const record = requireObject(fn, 'counts', counts);
  const customers = requireCount(fn, 'customers', record['customers']);
  const repeatCustomers = requireCount(fn, 'repeatCustomers', record['repeatCustomers']);
  if (customers === 0) {
    throw new PatronageError('NO_CUSTOMERS', `${fn}: customers is 0; the rate is undefined`, {
      argument: 'customers',
      value: 0,
    });
  }
  if (repeatCustomers > customers) {
    throw new PatronageError(
      'REPEAT_EXCEED_CUSTOMERS',
      `${fn}: repeatCustomers (${repeatCustomers}) exceeds customers (${customers})`,
      { argument: 'repeatCustomers', value: repeatCustomers, customers },
    );
  }
  return repeatCustomers / customers;
}
