import { requireList, requireNonEmpty, requireScore } from '../internal/validate';

/**
 * Net Promoter Score from individual answers to "how likely are you to recommend us?" (0-10):
 * `NPS = 100 × (promoters − detractors) / respondents`, promoters scoring 9-10 and detractors 0-6
 * (Reichheld 2003, "The One Number You Need to Grow"; the referral index of docs/formulas.md §1.6).
 *
 * @param scores - whole numbers from 0 to 10 (an array or iterable)
 * @returns the score from −100 (all detractors) to 100 (all promoters)
 * @throws PatronageError `EMPTY_INPUT` for no scores (NPS is undefined), `NOT_AN_INTEGER`/`OUT_OF_RANGE`/
 *   `NOT_FINITE`/`INVALID_ARGUMENT` for a score that is not a whole number from 0 to 10.
 *
 * @example
 * ```ts
 * import { netPromoterScore } from 'patronage';
 *
 * netPromoterScore([10, 9, 9, 8, 7, 6, 3, 10]); // => 25
 * ```
 *
 * @category Satisfaction
 */
export function netPromoterScore(scores: Iterable<number>): number {
  const fn = 'netPromoterScore';
  const list = requireNonEmpty(fn, 'scores', requireList(fn, 'scores', scores));
  let balance = 0;
  for (let index = 0; index < list.length; index++) {
    const score = requireScore(fn, `scores[${index}]`, list[index], 0, 10);
    if (score >= 9) balance++;
    else if (score <= 6) balance--;
  }
  const nps = (balance * 100) / list.length;
  return nps === 0 ? 0 : nps;
}
