import { type ContractData, tallies, tallyHint } from '../core/contractRows';
import { fitModel } from '../core/fitCore';
import { readFitOptions } from '../core/fitOptions';
import type { FitOptions, ShiftedBetaGeometricFit } from '../core/types';
import { SHIFTED_BETA_GEOMETRIC } from './definition';

/**
 * The data of {@link fitShiftedBetaGeometric} (the same as every contract fit's, {@link ContractData}).
 *
 * @category CLV models
 */
export type ShiftedBetaGeometricData = ContractData;

/**
 * Fits the shifted-beta-geometric model of contract renewals (Fader & Hardie 2007, "How to Project
 * Customer Retention"): each customer churns at the end of each period with probability θ ~ Beta(alpha,
 * beta), so P(T = t) = B(alpha+1, beta+t−1)/B(alpha, beta) and S(t) = B(alpha, beta+t)/B(alpha, beta).
 * Retention rises with tenure because the likeliest churners leave first.
 *
 * @param data - `{ survivors }`: active customers at the start and after each period (a cohort's survivor
 *   curve, for example `[1000, 869, 743, 653, 593, 551, 517, 491]`); or `{ lifetimes }`: per customer
 *   `{ periods, churned, weight? }`, with `churned: false` for customers still active (censored); or
 *   `{ cohorts }`: several acquisition cohorts `{ survivors }`, each observed for its own number of
 *   periods, fitted with shared parameters (the likelihood summed over the cohorts; Fader & Hardie 2007,
 *   "Fitting the sBG Model to Multi-Cohort Data"); see {@link projectCohorts} for their projections
 * @param options - `penalty: { logParams: c }` (c from 0 to 1e6, default 0): maximise ln L − n·c·Σ (ln θ)² instead of
 *   ln L, shrinking the parameters towards 1 on small data ({@link FitPenalty}); `logLikelihood` stays the
 *   unpenalised value, and `penalizedLogLikelihood` is the objective
 * @returns the fit, with `params` `{ alpha, beta }`; `n` is the cohort size
 * @throws PatronageError `EMPTY_INPUT` for fewer than two survivor counts (in any cohort), no lifetimes or no
 *   cohorts; the field codes
 *   naming the entry; `INVALID_SUMMARY_ROW` for growing survivors, an empty cohort, a lifetime of 0
 *   periods or a weight that is not positive; `INVALID_ARGUMENT` without exactly one of `survivors`, `lifetimes`
 *   and `cohorts`; `INVALID_OPTION` for another key of `data` or of a cohort; for options,
 *   `INVALID_OPTION` naming an unknown key and `OUT_OF_RANGE` (outside [0, 1e6]) or `NOT_FINITE` for
 *   `penalty.logParams`.
 *
 * @example
 * ```ts
 * import { fitShiftedBetaGeometric } from 'patronage';
 *
 * const fit = fitShiftedBetaGeometric({ survivors: [1000, 869, 743, 653, 593, 551, 517, 491] });
 * fit.model; // => 'shiftedBetaGeometric'
 * fit.n; // => 1000
 * ```
 *
 * @category CLV models
 */
export function fitShiftedBetaGeometric(
  data: ShiftedBetaGeometricData,
  options?: FitOptions,
): ShiftedBetaGeometricFit {
  const penalty = readFitOptions('fitShiftedBetaGeometric', options);
  const tallied = tallies('fitShiftedBetaGeometric', data);
  return fitModel(SHIFTED_BETA_GEOMETRIC, tallied.rows, tallyHint(tallied, 2), penalty);
}
