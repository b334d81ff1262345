import { optionalObject, optionKeys, requireList, requireNonEmpty, requireScore } from '../internal/validate';

/**
 * Options of {@link customerEffortScore}.
 *
 * @category Satisfaction
 */
export interface CustomerEffortOptions {
  /** Top of the scale; answers run from 1 to `scaleMaximum`. Default 7 (the CES 2.0 scale). */
  readonly scaleMaximum?: number;
}

const CUSTOMER_EFFORT_OPTION_KEYS = /* @__PURE__ */ optionKeys<CustomerEffortOptions>()(['scaleMaximum']);

/**
 * Customer Effort Score (CES): the mean answer to "the company made it easy for me to handle my issue" on
 * a 1-7 agreement scale (Dixon, Freeman & Toman 2010, CES 2.0); higher means less effort.
 *
 * @param answers - whole numbers from 1 to `scaleMaximum`
 * @param options - `scaleMaximum`, default 7
 * @returns the mean answer, from 1 to `scaleMaximum`
 * @throws PatronageError `EMPTY_INPUT` for no answers, `NOT_AN_INTEGER`/`OUT_OF_RANGE` for answers off the
 *   scale, `INVALID_ARGUMENT` for a non-list or non-number.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { customerEffortScore } from 'patronage';
 *
 * customerEffortScore([7, 6, 5, 6]); // => 6
 * ```
 *
 * @category Satisfaction
 */
export function customerEffortScore(answers: Iterable<number>, options?: CustomerEffortOptions): number {
  const fn = 'customerEffortScore';
  const { scaleMaximum = 7 } = optionalObject(fn, 'options', options, CUSTOMER_EFFORT_OPTION_KEYS);
  const maximum = requireScore(fn, 'scaleMaximum', scaleMaximum, 2, 100);
  const list = requireNonEmpty(fn, 'answers', requireList(fn, 'answers', answers));
  let total = 0; // whole numbers: the sum is exact
  for (let index = 0; index < list.length; index++)
    total += requireScore(fn, `answers[${index}]`, list[index], 1, maximum);
  return total / list.length;
}
