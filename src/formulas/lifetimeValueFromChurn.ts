import { PatronageError } from '../errors/PatronageError';
import { optionKeys, requireAtLeast, requireFraction, requireOptions } from '../internal/validate';

/**
 * Inputs of {@link lifetimeValueFromChurn}, per period (month, year...).
 *
 * @category Lifetime value
 */
export interface LifetimeValueFromChurnInputs {
  /** Margin a customer brings per period, major units, at least 0. */
  readonly marginPerPeriod: number;
  /** Share of customers lost per period, 0 to 1. */
  readonly churnRate: number;
  /** Discount rate per period, at least 0. Default 0 (no discounting). */
  readonly discountRate?: number;
}

const LIFETIME_VALUE_FROM_CHURN_KEYS = /* @__PURE__ */ optionKeys<LifetimeValueFromChurnInputs>()([
  'marginPerPeriod',
  'churnRate',
  'discountRate',
]);

/**
 * Customer lifetime value from churn: the "margin ÷ churn" form, with optional discounting,
 * `CLV = m × (1 + d) / (d + c)` where m is the margin per period, c the churn rate and d the discount
 * rate per period. With `d = 0` it is `m / c`: a constant churn c gives an expected lifetime of 1 / c
 * periods, each bringing m (margin received at the start of each period, the current one included; Gupta
 * & Lehmann 2003, "Customers as Assets").
 *
 * @param inputs - `marginPerPeriod` (at least 0), `churnRate` (0 to 1) and optional `discountRate`
 * @returns the lifetime value in major units, at least 0
 * @throws PatronageError `ZERO_CHURN` when both churn and discount rate are 0 (the value is unbounded),
 *   `OUT_OF_RANGE` for a negative margin or discount rate or a churn rate outside [0, 1], `NOT_FINITE`,
 *   `INVALID_ARGUMENT`.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { lifetimeValueFromChurn } from 'patronage';
 *
 * lifetimeValueFromChurn({ marginPerPeriod: 30, churnRate: 0.05 }); // => 600
 * lifetimeValueFromChurn({ marginPerPeriod: 30, churnRate: 0.05, discountRate: 0.01 }); // => 505
 * ```
 *
 * @category Lifetime value
 */
export function lifetimeValueFromChurn(inputs: LifetimeValueFromChurnInputs): number {
  const fn = 'lifetimeValueFromChurn';
  const record = requireOptions(fn, 'inputs', inputs, LIFETIME_VALUE_FROM_CHURN_KEYS);
  const margin = requireAtLeast(fn, 'marginPerPeriod', record['marginPerPeriod'], 0);
  const churn = requireFraction(fn, 'churnRate', record['churnRate']);
  const discount = requireAtLeast(fn, 'discountRate', record['discountRate'] ?? 0, 0);
  if (churn + discount === 0) {
    throw new PatronageError(
      'ZERO_CHURN',
      `${fn}: churnRate and discountRate are both 0; customers never leave and the value is unbounded`,
      { argument: 'churnRate', value: churn },
    );
  }
  // Below 2^-1000 the rounding of a product is absolute (subnormal), not relative, and one unit there can
  // break "never rises with d or c"; (1 + d) / (d + c) is then taken as 1 + (1 − c) / (d + c), a chain of
  // operations each monotone in d and in c. Elsewhere the quotient form, which is the more accurate (30 at
  // churn 0.05 gives 600, not 599.9999999999999).
  const value =
    margin < 2 ** -1000
      ? margin * (1 + (1 - churn) / (discount + churn))
      : (margin * (1 + discount)) / (discount + churn);
  return requireAtLeast(fn, 'result', value, 0);
}
