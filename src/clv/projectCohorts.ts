import { requireKnownKeys, requireObject } from '../internal/validate';
import { type ContractCohort, readCohorts } from './core/contractRows';
import { finiteResult, MAX_OPPORTUNITIES, requireBoundedCount } from './core/inputs';
import type { ModelSpec } from './core/types';
import { requireModel } from './registry';

/**
 * One cohort's projection by {@link projectCohorts}.
 *
 * @category CLV models
 */
export interface CohortProjection {
  /** The cohort's size at acquisition (`survivors[0]`). */
  readonly size: number;
  /** T: the periods the cohort has been observed (`survivors.length − 1`). */
  readonly observedPeriods: number;
  /**
   * size·S(t) for t = 0 … T + periods: the model's survivor curve of the cohort from its acquisition, to
   * set beside the observed counts (t ≤ T) and to read the unconditional projection from (t > T).
   */
  readonly expected: readonly number[];
  /**
   * For k = 1 … `periods` (at index k − 1): the expected active customers k periods after the last count,
   * given that count: survivors[T]·S(T + k)/S(T) (the survivors are the customers still active, whose churn
   * probabilities are lower than the cohort's at acquisition).
   */
  readonly projected: readonly number[];
}

/**
 * The projections of {@link projectCohorts}: per cohort, and their sum.
 *
 * @category CLV models
 */
export interface CohortProjections {
  /** One projection per cohort, in the order given. */
  readonly cohorts: readonly CohortProjection[];
  /**
   * For k = 1 … `periods`: the sum over the cohorts of `projected[k − 1]`, the expected active customers k
   * periods after the last counts (when every cohort's last count is at the same date, as in a table of
   * acquisition cohorts observed until now, the customer base k periods from now).
   */
  readonly total: readonly number[];
}

const FN = 'projectCohorts';
const DATA_KEYS = ['cohorts'] as const;

/**
 * Projects several acquisition cohorts under a contract fit (shifted beta-geometric or beta-discrete-Weibull,
 * typically fitted to the same `{ cohorts }` with shared parameters; Fader & Hardie 2007, "Fitting the sBG
 * Model to Multi-Cohort Data"): each cohort's expected survivor curve size·S(t) from acquisition, and its
 * expected active customers after its last count, survivors[T]·S(T + k)/S(T), summed over the cohorts.
 *
 * @param fit - a contract fit (`shiftedBetaGeometric` or `betaDiscreteWeibull`)
 * @param data - `{ cohorts }`, each `{ survivors }` as the fits take them
 * @param periods - how many periods to project past each cohort's last count (a whole number, at most 100,000)
 * @returns `{ cohorts, total }`
 * @throws PatronageError `INVALID_FIT`, `UNSUPPORTED_MODEL`; for the data, the codes of the fits
 *   (`EMPTY_INPUT`, `INVALID_SUMMARY_ROW`, the count codes, `INVALID_OPTION` for another key); the count
 *   codes for `periods`; `NOT_FINITE` if a projection overflows.
 *
 * @example
 * ```ts
 * import { fitShiftedBetaGeometric, projectCohorts } from 'patronage';
 *
 * // Fader & Hardie's multi-cohort example: cohorts of 10,000 acquired in 2001–2004, observed to 2005
 * const data = {
 *   cohorts: [
 *     { survivors: [10000, 8000, 6480, 5307, 4391] },
 *     { survivors: [10000, 8000, 6480, 5307] },
 *     { survivors: [10000, 8000, 6480] },
 *     { survivors: [10000, 8000] },
 *   ],
 * };
 * const fit = fitShiftedBetaGeometric(data);
 * const next = projectCohorts(fit, data, 3);
 * next.cohorts[3]?.projected.map(Math.round); // => [6480, 5307, 4391]
 * Math.round(next.total[0] ?? 0); // => 19843
 * ```
 *
 * @category CLV models
 */
export function projectCohorts(
  fit: ModelSpec,
  data: { readonly cohorts: readonly ContractCohort[] },
  periods: number,
): CohortProjections {
  const { params, predictions } = requireModel(FN, fit, ['survival']);
  const record = requireObject(FN, 'data', data);
  requireKnownKeys(FN, 'data', record, DATA_KEYS);
  const series = readCohorts(FN, record['cohorts']);
  const count = requireBoundedCount(FN, 'periods', periods, MAX_OPPORTUNITIES);
  const survival = (t: number): number => (t === 0 ? 1 : predictions.survival(params, t));
  const total = new Array<number>(count).fill(0);
  const cohorts = series.map((survivors, i): CohortProjection => {
    const size = survivors[0] as number;
    const observed = survivors.length - 1;
    const last = survivors[observed] as number;
    const expected: number[] = [];
    for (let t = 0; t <= observed + count; t++) {
      expected.push(finiteResult(FN, `cohorts[${i}].expected[${t}]`, size * survival(t)));
    }
    const atLast = survival(observed);
    const projected: number[] = [];
    for (let k = 1; k <= count; k++) {
      const value = last === 0 ? 0 : (last * survival(observed + k)) / atLast;
      projected.push(finiteResult(FN, `cohorts[${i}].projected[${k - 1}]`, value));
      total[k - 1] = (total[k - 1] as number) + value;
    }
    return { size, observedPeriods: observed, expected, projected };
  });
  return { cohorts, total };
}
