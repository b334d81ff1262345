import { fitModel } from '../core/fitCore';
import { readFitOptions } from '../core/fitOptions';
import type { FitOptions, ShiftedBetaGeometricFit } from '../core/types';
import { SHIFTED_BETA_GEOMETRIC } from './definition';
import { tallies } from './rows';

/**
 * One customer's contract: how many periods they stayed, and whether they have churned or are still active.
 *
 * @category CLV models
 */
export interface ContractLifetime {
  /** Periods observed: renewals survived plus the first period (at least 1). */
  readonly periods: number;
  /** True when the customer churned at the end of `periods`; false when still active (censored). */
  readonly churned: boolean;
  /** How many customers share this lifetime (default 1). */
  readonly weight?: number;
}

/**
 * The data of {@link fitShiftedBetaGeometric}: a cohort's survivor counts, or per-customer lifetimes.
 *
 * @category CLV models
 */
export type ShiftedBetaGeometricData =
  | {
      /** Active customers at the start (index 0) and after each period: non-increasing whole numbers. */
      readonly survivors: readonly number[];
    }
  | {
      /** One entry per customer (or per group of identical customers with `weight`). */
      readonly lifetimes: readonly ContractLifetime[];
    };

/**
 * Fits the shifted-beta-geometric model of contract renewals (Fader & Hardie 2007, "How to Project
 * Customer Retention"): each customer churns at the end of each period with probability θ ~ Beta(alpha,
 * beta), so P(T = t) = B(alpha+1, beta+t−1)/B(alpha, beta) and S(t) = B(alpha, beta+t)/B(alpha, beta).
 * Retention rises with tenure because the likeliest churners leave first.
 *
 * @param data - `{ survivors }`: active customers at the start and after each period (a cohort's survivor
 *   curve, for example `[1000, 869, 743, 653, 593, 551, 517, 491]`); or `{ lifetimes }`: per customer
 *   `{ periods, churned, weight? }`, with `churned: false` for customers still active (censored)
 * @param options - `penalty: { logParams: c }` (c from 0 to 1e6, default 0): maximise ln L − n·c·Σ (ln θ)² instead of
 *   ln L, shrinking the parameters towards 1 on small data ({@link FitPenalty}); `logLikelihood` stays the
 *   unpenalised value, and `penalizedLogLikelihood` is the objective
 * @returns the fit, with `params` `{ alpha, beta }`; `n` is the cohort size
 * @throws PatronageError `EMPTY_INPUT` for fewer than two survivor counts or no lifetimes; the field codes
 *   naming the entry; `INVALID_SUMMARY_ROW` for growing survivors, an empty cohort, a lifetime of 0
 *   periods or a weight that is not positive; `INVALID_ARGUMENT` without `survivors` or `lifetimes`; for options,
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
  const { churned, active, rows } = tallies('fitShiftedBetaGeometric', data);
  return fitModel(SHIFTED_BETA_GEOMETRIC, rows, tallyHint(churned, active), penalty);
}

/**
 * What in the tallies leaves alpha and beta unidentified, for the reason of a fit that is not: no churn,
 * everyone churning at the end of the first period, or a single renewal observed (one transition for two
 * parameters). Null when none applies.
 */
function tallyHint(churned: Map<number, number>, active: Map<number, number>): string | null {
  if (churned.size === 0) return 'no customer churned';
  if (active.size === 0 && churned.size === 1 && churned.has(1)) {
    return 'every customer churned at the end of the first period';
  }
  let longest = 0;
  for (const t of [...churned.keys(), ...active.keys()]) longest = Math.max(longest, t);
  if (longest < 2) return 'only the first renewal is observed: one transition for two parameters';
  return null;
}
