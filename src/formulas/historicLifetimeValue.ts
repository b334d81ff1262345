import { requireAtLeast, requireFraction, requireObject } from '../internal/validate';

/**
 * Inputs of {@link historicLifetimeValue}, all measured over the same time unit.
 *
 * @category Lifetime value
 */
export interface HistoricLifetimeValueInputs {
  /** Average order value, major units, at least 0. */
  readonly averageOrderValue: number;
  /** Orders per customer per time unit (for example per year), at least 0. */
  readonly purchaseFrequency: number;
  /** Gross margin as a fraction of revenue, 0 to 1. */
  readonly grossMargin: number;
  /** Average customer lifespan in the same time unit, at least 0. */
  readonly lifespan: number;
}

/**
 * Historic (simple) customer lifetime value: `AOV × purchase frequency × gross margin × lifespan`, the
 * margin a customer brings over an average lifetime (docs/formulas.md §1.6). It ignores discounting and
 * differences between customers; for a forward-looking, per-customer CLV use the probabilistic models.
 *
 * @param inputs - `averageOrderValue`, `purchaseFrequency` and `lifespan` (at least 0, same time unit for
 *   the last two) and `grossMargin` (a fraction from 0 to 1)
 * @returns the lifetime margin in major units, at least 0
 * @throws PatronageError `OUT_OF_RANGE` for a negative input or a margin above 1, `NOT_FINITE`,
 *   `INVALID_ARGUMENT`.
 *
 * @example
 * ```ts
 * import { historicLifetimeValue } from 'patronage';
 *
 * // 50 per order, 4 orders a year, 30% margin, 3-year lifespan
 * historicLifetimeValue({ averageOrderValue: 50, purchaseFrequency: 4, grossMargin: 0.3, lifespan: 3 }); // => 180
 * ```
 *
 * @category Lifetime value
 */
export function historicLifetimeValue(inputs: HistoricLifetimeValueInputs): number {
  const fn = 'historicLifetimeValue';
  const record = requireObject(fn, 'inputs', inputs);
  const value =
    requireAtLeast(fn, 'averageOrderValue', record['averageOrderValue'], 0) *
    requireAtLeast(fn, 'purchaseFrequency', record['purchaseFrequency'], 0) *
    requireFraction(fn, 'grossMargin', record['grossMargin']) *
    requireAtLeast(fn, 'lifespan', record['lifespan'], 0);
  return requireAtLeast(fn, 'result', value, 0);
}
