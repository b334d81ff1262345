import { PatronageError } from '../errors/PatronageError';
import {
  optionKeys,
  requireAtLeast,
  requireFinite,
  requireFraction,
  requireOptions,
} from '../internal/validate';

/**
 * Inputs of {@link retentionProfitImpact}; rates per period.
 *
 * @category Lifetime value
 */
export interface RetentionImprovement {
  /** Current retention rate r, 0 to 1. */
  readonly retentionRate: number;
  /** Improvement in percentage points as a fraction (0.05 for +5 points), with r + Δ at most 1. */
  readonly retentionIncrease: number;
  /** Discount rate d per period, at least 0. Default 0.1. */
  readonly discountRate?: number;
}

const RETENTION_IMPROVEMENT_KEYS = /* @__PURE__ */ optionKeys<RetentionImprovement>()([
  'retentionRate',
  'retentionIncrease',
  'discountRate',
]);

/**
 * What {@link retentionProfitImpact} returns.
 *
 * @category Lifetime value
 */
export interface RetentionProfitImpact {
  /** Lifetime value per unit of margin per period at the current retention, `(1 + d) / (1 + d − r)`. */
  readonly baselineValue: number;
  /** The same at the improved retention r + Δ. */
  readonly improvedValue: number;
  /** Relative increase in customer lifetime profit, `improvedValue / baselineValue − 1`. */
  readonly profitIncrease: number;
}

/** r + Δ within this distance of 1 is treated as exactly 1. */
const ROUNDING_TOLERANCE = 1e-12;

/**
 * Retention-to-profit what-if: how much a customer's lifetime profit rises when retention rises by Δ
 * points, from the lifetime-value multiple `V(r) = (1 + d) / (1 + d − r)` (margin at the start of each
 * period, discount rate d). `profitIncrease = V(r + Δ) / V(r) − 1 = Δ / (1 + d − r − Δ)`.
 *
 * docs/formulas.md §1.7 quotes Bain & Company: +5% retention can raise profit by 25% (25-95% in the original
 * study). Those figures also include effects this model leaves out (lower service cost of older
 * customers, referrals, price premiums), so treat the result as the lifetime-extension part alone.
 *
 * @param improvement - `retentionRate`, `retentionIncrease` (r + Δ at most 1) and optional `discountRate`
 * @returns the baseline and improved value multiples and the relative profit increase
 * r + Δ within 1e-12 of 1 counts as exactly 1, so that a floating-point sum such as 0.95 + 0.05 is not
 * mistaken for a retention just below or above 1.
 *
 * @throws PatronageError `RETENTION_ABOVE_ONE` when r + Δ exceeds 1, `ZERO_CHURN` when r + Δ is 1 with a
 *   zero discount rate (unbounded value), `OUT_OF_RANGE` for rates outside their ranges, `NOT_FINITE` (also
 *   when churn plus discount rate is so small, a denormal such as 5e-324, that a value overflows),
 *   `INVALID_ARGUMENT`.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { retentionProfitImpact } from 'patronage';
 *
 * retentionProfitImpact({ retentionRate: 0.8, retentionIncrease: 0.05, discountRate: 0.1 });
 * // => { baselineValue: 3.666666666666667, improvedValue: 4.4, profitIncrease: 0.2 }
 * ```
 *
 * @category Lifetime value
 */
export function retentionProfitImpact(improvement: RetentionImprovement): RetentionProfitImpact {
  const fn = 'retentionProfitImpact';
  const record = requireOptions(fn, 'improvement', improvement, RETENTION_IMPROVEMENT_KEYS);
  const retention = requireFraction(fn, 'retentionRate', record['retentionRate']);
  const increase = requireFraction(fn, 'retentionIncrease', record['retentionIncrease']);
  const discount = requireAtLeast(fn, 'discountRate', record['discountRate'] ?? 0.1, 0);
  // r + Δ computed in floating point can miss 1 by a rounding error (0.95 + 0.05); within 1e-12 it is 1.
  const rawImprovedChurn = 1 - retention - increase;
  const improvedChurn = Math.abs(rawImprovedChurn) <= ROUNDING_TOLERANCE ? 0 : rawImprovedChurn;
  if (improvedChurn < 0) {
    throw new PatronageError(
      'RETENTION_ABOVE_ONE',
      `${fn}: retentionRate + retentionIncrease (${retention + increase}) exceeds 1`,
      { argument: 'retentionIncrease', value: increase, retentionRate: retention },
    );
  }
  const improvedChurnPlusDiscount = improvedChurn + discount;
  if (improvedChurnPlusDiscount === 0) {
    throw new PatronageError(
      'ZERO_CHURN',
      `${fn}: retention would reach 1 with no discounting; lifetime value is unbounded`,
      { argument: 'retentionIncrease', value: increase },
    );
  }
  // a denormal churn + discount (5e-324) is not 0 but its quotients overflow: NOT_FINITE, never Infinity
  const baselineValue = requireFinite(fn, 'baselineValue', (1 + discount) / (1 - retention + discount));
  const improvedValue = requireFinite(fn, 'improvedValue', (1 + discount) / improvedChurnPlusDiscount);
  const profitIncrease = requireFinite(fn, 'profitIncrease', increase / improvedChurnPlusDiscount);
  return { baselineValue, improvedValue, profitIncrease };
}
