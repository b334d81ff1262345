import { type ContractData, tallies, tallyHint } from '../core/contractRows';
import { fitModel } from '../core/fitCore';
import { readFitOptions } from '../core/fitOptions';
import type { BetaDiscreteWeibullFit, FitOptions } from '../core/types';
import { SHIFTED_BETA_GEOMETRIC } from '../shiftedBetaGeometric/definition';
import { BETA_DISCRETE_WEIBULL } from './definition';

/**
 * The data of {@link fitBetaDiscreteWeibull} (the same as every contract fit's, {@link ContractData}).
 *
 * @category CLV models
 */
export type BetaDiscreteWeibullData = ContractData;

/**
 * Fits the beta-discrete-Weibull model of contract renewals (Fader, Hardie, Liu, Davin & Steenburgh 2018,
 * "'How to Project Customer Retention' Revisited: The Role of Duration Dependence", Journal of Interactive
 * Marketing 43): a customer with churn probability θ ~ Beta(alpha, beta) churns in period t with
 * probability 1 − (1 − θ)^(t^c − (t−1)^c), so S(t) = B(alpha, beta + t^c)/B(alpha, beta). c > 1: each
 * customer's churn probability rises with tenure; c < 1: it falls; c = 1 is the shifted beta-geometric
 * ({@link fitShiftedBetaGeometric}) exactly. The cohort's retention can still rise (heterogeneity sorts the
 * churners out first), or dip before it rises.
 *
 * @param data - as {@link fitShiftedBetaGeometric}: `{ survivors }` (one cohort's active customers at the
 *   start and after each period), `{ lifetimes }` (per customer `{ periods, churned, weight? }`, censored
 *   when `churned` is false) or `{ cohorts }` (several acquisition cohorts `{ survivors }` observed for
 *   different numbers of periods, fitted with shared parameters; see {@link projectCohorts})
 * @param options - `penalty: { logParams: c }` (c from 0 to 1e6, default 0): maximise ln L − n·c·Σ (ln θ)²,
 *   shrinking the parameters towards 1 (so c towards the shifted beta-geometric) on small data
 *   ({@link FitPenalty}); `logLikelihood` stays the unpenalised value
 * @returns the fit, with `params` `{ alpha, beta, c }`; `n` is the number of customers. Three parameters
 *   need at least three renewals observed; with fewer the fit says so in `reason`. The search starts from the
 *   shifted beta-geometric's fit of the same data at c = 1 (then the model's own starts), so its likelihood
 *   is never below that of the model it nests
 * @throws PatronageError as {@link fitShiftedBetaGeometric}: `EMPTY_INPUT` for fewer than two survivor
 *   counts (in any cohort), no lifetimes or no cohorts; `INVALID_SUMMARY_ROW` for growing survivors, an
 *   empty cohort, a lifetime of 0 periods or a weight that is not positive; the field codes naming the
 *   entry; `INVALID_ARGUMENT` without exactly one of `survivors`, `lifetimes` and `cohorts`; `INVALID_OPTION`
 *   for another key of `data`, of a cohort or of `options`; `OUT_OF_RANGE` or `NOT_FINITE` for
 *   `penalty.logParams`.
 *
 * @example
 * ```ts
 * import { fitBetaDiscreteWeibull } from 'patronage';
 *
 * // Fader et al. (2018): the "high end" cohort's first four renewals
 * const fit = fitBetaDiscreteWeibull({ survivors: [1000, 869, 743, 653, 593] });
 * fit.model; // => 'betaDiscreteWeibull'
 * Math.round(fit.params.c * 100) / 100; // => 1.58
 * Math.round(fit.logLikelihood ?? 0); // => -1223
 * ```
 *
 * @category CLV models
 */
export function fitBetaDiscreteWeibull(
  data: BetaDiscreteWeibullData,
  options?: FitOptions,
): BetaDiscreteWeibullFit {
  const penalty = readFitOptions('fitBetaDiscreteWeibull', options);
  const tallied = tallies('fitBetaDiscreteWeibull', data);
  // the nested model's maximum at c = 1 first: without it a search from the model's own starts can stop
  // below it (survivors 480, 2, 1, 1: ln L −14.6998 against the sBG's −14.6703; property seed 935085999)
  const nested = fitModel(SHIFTED_BETA_GEOMETRIC, tallied.rows, null, penalty);
  const starts =
    nested.logLikelihood === null
      ? BETA_DISCRETE_WEIBULL.starts
      : [[nested.params.alpha, nested.params.beta, 1], ...BETA_DISCRETE_WEIBULL.starts];
  return fitModel({ ...BETA_DISCRETE_WEIBULL, starts }, tallied.rows, tallyHint(tallied, 3), penalty);
}
