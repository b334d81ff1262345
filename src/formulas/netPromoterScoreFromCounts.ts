import { PatronageError } from '../errors/PatronageError';
import { requireCount, requireObject } from '../internal/validate';

/**
 * Respondent counts for {@link netPromoterScoreFromCounts}.
 *
 * @category Satisfaction
 */
export interface PromoterCounts {
  /** Respondents scoring 9-10. */
  readonly promoters: number;
  /** Respondents scoring 7-8. */
  readonly passives: number;
  /** Respondents scoring 0-6. */
  readonly detractors: number;
}

/**
 * Net Promoter Score from pre-aggregated counts: `100 × (promoters − detractors) / (promoters + passives +
 * detractors)`, for survey tools that export totals instead of answers. Same result as
 * {@link netPromoterScore} on the answers behind the counts.
 *
 * @param counts - `promoters`, `passives`, `detractors`, whole numbers, not all 0
 * @returns the score from −100 to 100
 * @throws PatronageError `EMPTY_INPUT` when all three are 0, and the number codes for invalid counts.
 *
 * @example
 * ```ts
 * import { netPromoterScoreFromCounts } from 'patronage';
 *
 * netPromoterScoreFromCounts({ promoters: 60, passives: 25, detractors: 15 }); // => 45
 * ```
 *
 * @category Satisfaction
 */
export function netPromoterScoreFromCounts(counts: PromoterCounts): number {
  const fn = 'netPromoterScoreFromCounts';
  const record = requireObject(fn, 'counts', counts);
  const promoters = requireCount(fn, 'promoters', record['promoters']);
  const passives = requireCount(fn, 'passives', record['passives']);
  const detractors = requireCount(fn, 'detractors', record['detractors']);
  const respondents = promoters + passives + detractors;
  if (respondents === 0) {
    throw new PatronageError('EMPTY_INPUT', `${fn}: no respondents; NPS is undefined`, {
      argument: 'counts',
      value: record,
    });
  }
  const nps = ((promoters - detractors) * 100) / respondents;
  return nps === 0 ? 0 : nps;
}
