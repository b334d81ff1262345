import { PatronageError } from '../errors/PatronageError';
import { requireCount, requireObject } from '../internal/validate';

/**
 * Counts for the corrected Return on Relationship.
 *
 * @category Relationship
 */
export interface ReturnOnRelationshipCounts {
  /** Customers you helped (served, supported, sold to) in the window, usually the last 12 months. */
  readonly helped: number;
  /** Of the helped, those who came as a referral or are repeat customers, each counted once. */
  readonly referredOrRepeat: number;
}

/**
 * Return on Relationship (ROR), corrected: `ROR = |helped ∩ (referred ∪ repeat)| / |helped|`, a fraction
 * in [0, 1] (docs/formulas.md §1.2).
 *
 * The source articles say to divide the helped total by the referral/repeat total; that inverts the ratio
 * (it would exceed 1 and fall as relationships improve, contradicting "a high ROR is good"). patronage
 * implements the corrected form: the share of the customers you helped who came back or came by referral.
 * A customer both referred and repeat counts once; use {@link returnOnRelationshipFromIds} to have the
 * union and intersection computed from customer ids.
 *
 * @param counts - `helped` (above 0) and `referredOrRepeat` (not above `helped`), whole numbers
 * @returns the share of helped customers who are referred or repeat, from 0 to 1
 * @throws PatronageError `NO_HELPED_CUSTOMERS` when `helped` is 0, `REFERRED_EXCEED_HELPED` when
 *   `referredOrRepeat > helped`, and the number codes for counts that are not non-negative whole numbers.
 *
 * @example
 * ```ts
 * import { returnOnRelationship } from 'patronage';
 *
 * returnOnRelationship({ helped: 400, referredOrRepeat: 130 }); // => 0.325
 * ```
 *
 * @category Relationship
 */
export function returnOnRelationship(counts: ReturnOnRelationshipCounts): number {
  const fn = 'returnOnRelationship';
  const record = requireObject(fn, 'counts', counts);
  const helped = requireCount(fn, 'helped', record['helped']);
  const referredOrRepeat = requireCount(fn, 'referredOrRepeat', record['referredOrRepeat']);
  if (helped === 0) {
    throw new PatronageError(
      'NO_HELPED_CUSTOMERS',
      `${fn}: helped is 0; ROR is undefined without helped customers`,
      {
        argument: 'helped',
        value: helped,
      },
    );
  }
  if (referredOrRepeat > helped) {
    throw new PatronageError(
      'REFERRED_EXCEED_HELPED',
      `${fn}: referredOrRepeat (${referredOrRepeat}) exceeds helped (${helped}); count only helped customers`,
      { argument: 'referredOrRepeat', value: referredOrRepeat, helped },
    );
  }
  return referredOrRepeat / helped;
}
