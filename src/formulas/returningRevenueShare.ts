import { PatronageError } from '../errors/PatronageError';
import { requireAtLeast, requireObject } from '../internal/validate';

/**
 * Revenue of a period split by customer kind, major units.
 *
 * @category Revenue
 */
export interface RevenueByCustomerKind {
  /** Revenue from customers who had bought before the period, at least 0. */
  readonly returningRevenue: number;
  /** Revenue from customers whose first purchase fell in the period, at least 0. */
  readonly newRevenue: number;
}

/**
 * Share of revenue from returning customers: `returning / (returning + new)`, a fraction in [0, 1]; the
 * new customers' share is one minus it (docs/formulas.md §1.6, "revenue from returning customers compared with
 * new ones").
 *
 * @param revenue - `returningRevenue` and `newRevenue`, at least 0 and not both 0
 * @returns the returning customers' share of revenue
 * @throws PatronageError `NO_REVENUE` when both are 0, `OUT_OF_RANGE` for negatives, `NOT_FINITE`
 *   (also when the total overflows), `INVALID_ARGUMENT`.
 *
 * @example
 * ```ts
 * import { returningRevenueShare } from 'patronage';
 *
 * returningRevenueShare({ returningRevenue: 64000, newRevenue: 36000 }); // => 0.64
 * ```
 *
 * @category Revenue
 */
export function returningRevenueShare(revenue: RevenueByCustomerKind): number {
  const fn = 'returningRevenueShare';
  const record = requireObject(fn, 'revenue', revenue);
  const returning = requireAtLeast(fn, 'returningRevenue', record['returningRevenue'], 0);
  const fresh = requireAtLeast(fn, 'newRevenue', record['newRevenue'], 0);
  const total = requireAtLeast(fn, 'total revenue', returning + fresh, 0);
  if (total === 0) {
    throw new PatronageError('NO_REVENUE', `${fn}: returningRevenue and newRevenue are both 0`, {
      argument: 'revenue',
      value: record,
    });
  }
  return returning / total;
}
