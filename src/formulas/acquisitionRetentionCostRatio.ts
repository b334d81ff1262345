import { PatronageError } from '../errors/PatronageError';
import { requireAtLeast, requireFinite, requireObject } from '../internal/validate';

/**
 * Cost per customer of winning a new one and of keeping an existing one, same currency and period.
 *
 * @category Revenue
 */
export interface CustomerCosts {
  /** Cost of acquiring one customer, at least 0. */
  readonly acquisitionCost: number;
  /** Cost of retaining one customer, above 0. */
  readonly retentionCost: number;
}

/**
 * Acquisition-to-retention cost ratio: `acquisitionCost / retentionCost`, how many times more a new
 * customer costs than keeping one (docs/formulas.md §1.7 quotes 5 to 25 times).
 *
 * @param costs - `acquisitionCost` (at least 0) and `retentionCost` (above 0)
 * @returns the ratio, at least 0
 * @throws PatronageError `ZERO_COST` when `retentionCost` is 0, `OUT_OF_RANGE` for negatives,
 *   `NOT_FINITE` (also on overflow), `INVALID_ARGUMENT`.
 *
 * @example
 * ```ts
 * import { acquisitionRetentionCostRatio } from 'patronage';
 *
 * acquisitionRetentionCostRatio({ acquisitionCost: 120, retentionCost: 15 }); // => 8
 * ```
 *
 * @category Revenue
 */
export function acquisitionRetentionCostRatio(costs: CustomerCosts): number {
  const fn = 'acquisitionRetentionCostRatio';
  const record = requireObject(fn, 'costs', costs);
  const acquisition = requireAtLeast(fn, 'acquisitionCost', record['acquisitionCost'], 0);
  const retention = requireAtLeast(fn, 'retentionCost', record['retentionCost'], 0);
  if (retention === 0) {
    throw new PatronageError('ZERO_COST', `${fn}: retentionCost is 0; the ratio is undefined`, {
      argument: 'retentionCost',
      value: 0,
    });
  }
  return requireFinite(fn, 'result', acquisition / retention);
}
