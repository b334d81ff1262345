import { optionalObject, optionKeys, requireList, requireNonEmpty, requireScore } from '../internal/validate';

/**
 * Options of {@link customerSatisfactionScore}.
 *
 * @category Satisfaction
 */
export interface CustomerSatisfactionOptions {
  /** Top of the rating scale; ratings run from 1 to `scaleMaximum`. Default 5. */
  readonly scaleMaximum?: number;
  /** Lowest rating counted as satisfied. Default 4 (4 and 5 on the usual 1-5 scale). */
  readonly satisfiedFrom?: number;
}

const CUSTOMER_SATISFACTION_OPTION_KEYS = /* @__PURE__ */ optionKeys<CustomerSatisfactionOptions>()([
  'scaleMaximum',
  'satisfiedFrom',
]);

/**
 * Customer Satisfaction Score (CSAT): the share of ratings at or above the satisfied threshold, by
 * default ratings of 4 or 5 on a 1-5 scale, as a fraction in [0, 1] (docs/formulas.md §1.6; multiply by 100 for
 * the percentage dashboards show).
 *
 * @param ratings - whole numbers from 1 to `scaleMaximum`
 * @param options - `scaleMaximum` (default 5) and `satisfiedFrom` (default 4, between 1 and the maximum)
 * @returns the satisfied share, from 0 to 1
 * @throws PatronageError `EMPTY_INPUT` for no ratings, `NOT_AN_INTEGER`/`OUT_OF_RANGE` for ratings off the
 *   scale or invalid options, `INVALID_ARGUMENT` for a non-list or non-number.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { customerSatisfactionScore } from 'patronage';
 *
 * customerSatisfactionScore([5, 4, 3, 5, 2]); // => 0.6
 * customerSatisfactionScore([9, 7, 10], { scaleMaximum: 10, satisfiedFrom: 8 }); // => 0.6666666666666666
 * ```
 *
 * @category Satisfaction
 */
export function customerSatisfactionScore(
  ratings: Iterable<number>,
  options?: CustomerSatisfactionOptions,
): number {
  const fn = 'customerSatisfactionScore';
  const { scaleMaximum = 5, satisfiedFrom = 4 } = optionalObject(
    fn,
    'options',
    options,
    CUSTOMER_SATISFACTION_OPTION_KEYS,
  );
  const maximum = requireScore(fn, 'scaleMaximum', scaleMaximum, 2, 100);
  const threshold = requireScore(fn, 'satisfiedFrom', satisfiedFrom, 1, maximum);
  const list = requireNonEmpty(fn, 'ratings', requireList(fn, 'ratings', ratings));
  let satisfied = 0;
  for (let index = 0; index < list.length; index++) {
    if (requireScore(fn, `ratings[${index}]`, list[index], 1, maximum) >= threshold) satisfied++;
  }
  return satisfied / list.length;
}
