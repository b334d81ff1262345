import { finiteResult, MAX_OPPORTUNITIES, requireBoundedCount } from './core/inputs';
import type { ModelSpec } from './core/types';
import { requireModel } from './registry';

/**
 * Survival and retention curves of a contract fit (shifted beta-geometric or beta-discrete-Weibull).
 *
 * @category CLV models
 */
export interface ContractSurvival {
  /** S(t) for t = 0 … periods: the share of the cohort still active after t periods (S(0) = 1). */
  readonly survival: readonly number[];
  /** r(t) = S(t)/S(t−1) for t = 1 … periods, at index t − 1: the retention rate of period t. */
  readonly retention: readonly number[];
  /** P(T = t) for t = 1 … periods, at index t − 1: the share churning at the end of period t. */
  readonly churn: readonly number[];
}

const FN = 'contractSurvival';

/**
 * Projects a cohort's survival and retention curves from a shifted beta-geometric fit (Fader & Hardie
 * 2007): S(t) = B(α, β+t)/B(α, β), r(t) = (β+t−1)/(α+β+t−1), P(T = t) = B(α+1, β+t−1)/B(α, β). Retention
 * rises with tenure, as observed, because the likeliest churners leave first. A beta-discrete-Weibull fit
 * (Fader et al. 2018) gives S(t) = B(α, β+t^c)/B(α, β), r(t) = S(t)/S(t−1) and P(T = t) = S(t−1) − S(t).
 *
 * @param fit - a shifted beta-geometric or beta-discrete-Weibull fit
 * @param periods - how many periods to project (a whole number, at most 100,000)
 * @returns `{ survival, retention, churn }`
 * @throws PatronageError `INVALID_FIT`, `UNSUPPORTED_MODEL`, the count codes for `periods`.
 *
 * @example
 * ```ts
 * import { contractSurvival } from 'patronage';
 *
 * // Fader & Hardie (2007), the "regular" customers
 * const fit = { model: 'shiftedBetaGeometric', params: { alpha: 0.704, beta: 1.182 } } as const;
 * const curves = contractSurvival(fit, 12);
 * Math.round((curves.survival[1] ?? 0) * 1000); // => 627
 * curves.retention.length; // => 12
 * ```
 *
 * @category CLV models
 */
export function contractSurvival(fit: ModelSpec, periods: number): ContractSurvival {
  const { params, predictions } = requireModel(FN, fit, ['survival', 'retention', 'churn']);
  const count = requireBoundedCount(FN, 'periods', periods, MAX_OPPORTUNITIES);
  const survival = [1];
  const retention: number[] = [];
  const churn: number[] = [];
  for (let t = 1; t <= count; t++) {
    survival.push(predictions.survival(params, t));
    retention.push(predictions.retention(params, t));
    churn.push(predictions.churn(params, t));
  }
  for (const [name, values] of [
    ['survival', survival],
    ['retention', retention],
    ['churn', churn],
  ] as const) {
    values.forEach((value, t) => {
      finiteResult(FN, `${name}[${t}]`, value);
    });
  }
  return { survival, retention, churn };
}
