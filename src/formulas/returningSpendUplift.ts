import { PatronageError } from '../errors/PatronageError';
import { requireAtLeast, requireFinite, requireObject } from '../internal/validate';

/**
 * Average spend of returning and new customers over the same period, major units.
 *
 * @category Revenue
 */
export interface SpendByCustomerKind {
  /** Average spend of a returning customer, at least 0. */
  readonly returningAverageSpend: number;
  /** Average spend of a new customer, above 0. */
  readonly newAverageSpend: number;
}

/**
 * How much more returning customers spend than new ones: `returning / new − 1` (docs/formulas.md §1.7 quotes
 * "up to 67% more", an uplift of 0.67). Negative when returning customers spend less.
 *
 * @param spend - `returningAverageSpend` (at least 0) and `newAverageSpend` (above 0)
 * @returns the relative uplift, at least −1
 * @throws PatronageError `NO_REVENUE` when `newAverageSpend` is 0, `OUT_OF_RANGE` for negatives,
 *   `NOT_FINITE` (also on overflow), `INVALID_ARGUMENT`.
 *
 * @example
 * ```ts
 * import { returningSpendUplift } from 'patronage';
 *
 * returningSpendUplift({ returningAverageSpend: 83.5, newAverageSpend: 50 }); // => 0.67
 * ```
 *
 * @category Revenue
 */
export function returningSpendUplift(spend: SpendByCustomerKind): number {
  const fn = 'returningSpendUplift';
  const record = requireObject(fn, 'spend', spend);
  const returning = requireAtLeast(fn, 'returningAverageSpend', record['returningAverageSpend'], 0);
  const fresh = requireAtLeast(fn, 'newAverageSpend', record['newAverageSpend'], 0);
  if (fresh === 0) {
    throw new PatronageError('NO_REVENUE', `${fn}: newAverageSpend is 0; the uplift is undefined`, {
      argument: 'newAverageSpend',
      value: 0,
    });
  }
  return requireFinite(fn, 'result', (returning - fresh) / fresh);
}
