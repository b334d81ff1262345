import { optionalObject, optionKeys, requireCount, requirePositiveCount } from '../internal/validate';

/**
 * The default number of purchases after which a customer counts as loyal: 37% of consumers say it takes
 * five or more purchases before they consider themselves loyal to a brand (docs/formulas.md §1.4).
 *
 * @example
 * ```ts
 * import { DEFAULT_LOYALTY_THRESHOLD } from 'patronage';
 *
 * DEFAULT_LOYALTY_THRESHOLD; // => 5
 * ```
 *
 * @category Loyalty
 */
export const DEFAULT_LOYALTY_THRESHOLD = 5;

/**
 * Options of {@link meetsLoyaltyThreshold}.
 *
 * @category Loyalty
 */
export interface LoyaltyThresholdOptions {
  /** Purchases needed, a whole number above 0. Default {@link DEFAULT_LOYALTY_THRESHOLD} (5). */
  readonly threshold?: number;
}

const LOYALTY_THRESHOLD_OPTION_KEYS = /* @__PURE__ */ optionKeys<LoyaltyThresholdOptions>()(['threshold']);

/**
 * Whether a customer's purchase count reaches the loyalty threshold (5 by default, configurable).
 *
 * @param purchases - the customer's number of purchases, a whole number
 * @param options - `threshold`, default 5
 * @returns `true` when `purchases >= threshold`
 * @throws PatronageError `NOT_AN_INTEGER`/`OUT_OF_RANGE`/`NOT_FINITE`/`INVALID_ARGUMENT` for a count or
 *   threshold that is not a whole number (threshold above 0).
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { meetsLoyaltyThreshold } from 'patronage';
 *
 * meetsLoyaltyThreshold(5); // => true
 * meetsLoyaltyThreshold(4); // => false
 * meetsLoyaltyThreshold(3, { threshold: 3 }); // => true
 * ```
 *
 * @category Loyalty
 */
export function meetsLoyaltyThreshold(purchases: number, options?: LoyaltyThresholdOptions): boolean {
  const fn = 'meetsLoyaltyThreshold';
  const { threshold = DEFAULT_LOYALTY_THRESHOLD } = optionalObject(
    fn,
    'options',
    options,
    LOYALTY_THRESHOLD_OPTION_KEYS,
  );
  return requireCount(fn, 'purchases', purchases) >= requirePositiveCount(fn, 'threshold', threshold);
}
