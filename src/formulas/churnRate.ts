import { type RetentionCounts, retainedCustomers } from './retentionRate';

/**
 * Churn rate for one period: the share of the customers at the start who were lost,
 * `(S − (E − N)) / S = 1 − CRR`, a fraction in [0, 1] (docs/formulas.md §1.1).
 *
 * Takes the same counts as {@link retentionRate} and computes the lost count directly, so small results
 * carry no cancellation error; `churnRate(c) + retentionRate(c)` equals 1 up to rounding.
 *
 * @param counts - `customersAtStart` (S), `customersAtEnd` (E) and `newCustomers` (N), whole numbers
 * @returns the lost fraction, from 0 to 1
 * @throws PatronageError as {@link retentionRate}: `NO_CUSTOMERS_AT_START`, `NEW_EXCEED_END`,
 *   `RETAINED_EXCEED_START`, and the number codes for invalid counts.
 *
 * @example
 * ```ts
 * import { churnRate } from 'patronage';
 *
 * churnRate({ customersAtStart: 20, customersAtEnd: 24, newCustomers: 5 }); // => 0.05
 * ```
 *
 * @category Retention
 */
export function churnRate(counts: RetentionCounts): number {
  const { start, retained } = retainedCustomers('churnRate', counts);
  return (start - retained) / start;
}
