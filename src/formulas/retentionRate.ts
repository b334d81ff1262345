import { PatronageError } from '../errors/PatronageError';
import { requireCount, requireObject } from '../internal/validate';

/**
 * Customer counts for one period, as the Customer Retention Rate formula takes them.
 *
 * @category Retention
 */
export interface RetentionCounts {
  /** S: customers at the start of the period, a whole number above 0. */
  readonly customersAtStart: number;
  /** E: customers at the end of the period (kept plus new), a whole number. */
  readonly customersAtEnd: number;
  /** N: customers acquired during the period, a whole number not above E. */
  readonly newCustomers: number;
}

/** Validates the three counts and returns S and the retained count E − N. */
export function retainedCustomers(fn: string, counts: unknown): { start: number; retained: number } {
  const record = requireObject(fn, 'counts', counts);
  const start = requireCount(fn, 'customersAtStart', record['customersAtStart']);
  const end = requireCount(fn, 'customersAtEnd', record['customersAtEnd']);
  const added = requireCount(fn, 'newCustomers', record['newCustomers']);
  if (start === 0) {
    throw new PatronageError(
      'NO_CUSTOMERS_AT_START',
      `${fn}: customersAtStart is 0; retention is undefined`,
      {
        argument: 'customersAtStart',
        value: start,
      },
    );
  }
  if (added > end) {
    throw new PatronageError(
      'NEW_EXCEED_END',
      `${fn}: newCustomers (${added}) exceeds customersAtEnd (${end})`,
      {
        argument: 'newCustomers',
        value: added,
        customersAtEnd: end,
      },
    );
  }
  const retained = end - added;
  if (retained > start) {
    throw new PatronageError(
      'RETAINED_EXCEED_START',
      `${fn}: customersAtEnd − newCustomers (${retained}) exceeds customersAtStart (${start}); no period keeps more customers than it started with`,
      { argument: 'customersAtEnd', value: end, newCustomers: added, customersAtStart: start },
    );
  }
  return { start, retained };
}

/**
 * Customer Retention Rate for one period: `CRR = (E − N) / S`, as a fraction in [0, 1].
 *
 * S is the number of customers at the start of the period, E at the end, N those acquired during it
 * (docs/formulas.md §1.1; the source articles print it ×100 as a percentage). Inconsistent counts are reported,
 * never clamped: a period cannot keep more customers than it started with.
 *
 * @param counts - `customersAtStart` (S), `customersAtEnd` (E) and `newCustomers` (N), whole numbers
 * @returns the retained fraction `(E − N) / S`, from 0 (nobody kept) to 1 (everybody kept)
 * @throws PatronageError `INVALID_ARGUMENT`/`NOT_FINITE`/`NOT_AN_INTEGER`/`OUT_OF_RANGE` for a count that
 *   is not a non-negative whole number, `NO_CUSTOMERS_AT_START` when S is 0, `NEW_EXCEED_END` when N > E,
 *   `RETAINED_EXCEED_START` when E − N > S.
 *
 * @example
 * ```ts
 * import { retentionRate } from 'patronage';
 *
 * // The source articles' worked example: (24 − 5) / 20
 * retentionRate({ customersAtStart: 20, customersAtEnd: 24, newCustomers: 5 }); // => 0.95
 * retentionRate({ customersAtStart: 20, customersAtEnd: 30, newCustomers: 5 }); // => throws RETAINED_EXCEED_START
 * ```
 *
 * @category Retention
 */
export function retentionRate(counts: RetentionCounts): number {
  const { start, retained } = retainedCustomers('retentionRate', counts);
  return retained / start;
}
