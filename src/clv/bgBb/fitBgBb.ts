import { numericGradient } from '../../math/optimize';
import { logBeta } from '../../math/special';
import { maximumLikelihood } from '../core/fitCore';
import { discreteRows } from '../core/rows';
import type { BgBbFit, DiscreteHistory } from '../core/types';
import { bgBbLogTerms } from './likelihood';

/** A BG/BB row: a customer's discrete-time summary, optionally standing for `weight` identical customers. */
export interface DiscreteSummaryRow extends DiscreteHistory {
  /** How many customers share this summary (default 1). */
  readonly weight?: number;
}

/**
 * Fits the beta-geometric/beta-Bernoulli model (Fader, Hardie & Shang 2010) for discrete transaction
 * opportunities (annual donations, event attendance): while alive a customer transacts at each opportunity
 * with probability p ~ Beta(alpha, beta) and drops out before each opportunity with probability
 * θ ~ Beta(gamma, delta).
 *
 * @param rows - `{ frequency, recency, periods, weight? }`: x transactions in n = `periods` opportunities,
 *   the last at opportunity t_x (0 when x = 0); the donations data's (x, t_x, n) with counts as weights
 * @returns the fit, with `params` `{ alpha, beta, gamma, delta }`
 * @throws PatronageError `EMPTY_INPUT` for no rows; naming the row, `INVALID_ARGUMENT`, `NOT_FINITE`,
 *   `NOT_AN_INTEGER` or `OUT_OF_RANGE` for a bad field, `INVALID_SUMMARY_ROW` when recency exceeds
 *   periods, frequency exceeds recency, recency is 0 with transactions (or not 0 without) or a weight is not
 *   positive.
 *
 * @example
 * ```ts
 * import { fitBgBb } from 'patronage';
 *
 * const fit = fitBgBb([
 *   { frequency: 0, recency: 0, periods: 6, weight: 3464 },
 *   { frequency: 1, recency: 1, periods: 6, weight: 1091 },
 *   { frequency: 3, recency: 6, periods: 6, weight: 357 },
 *   { frequency: 6, recency: 6, periods: 6, weight: 1203 },
 * ]);
 * fit.model; // => 'bgBb'
 * fit.n; // => 6115
 * ```
 *
 * @category Models
 */
export function fitBgBb(rows: readonly DiscreteSummaryRow[]): BgBbFit {
  const compressed = discreteRows('fitBgBb', rows);
  const { first: frequency, second: recency, third: periods, weight, total } = compressed;
  const objective = numericGradient((logParams) => {
    const params = {
      alpha: Math.exp(logParams[0] as number),
      beta: Math.exp(logParams[1] as number),
      gamma: Math.exp(logParams[2] as number),
      delta: Math.exp(logParams[3] as number),
    };
    const norms = {
      alphaBeta: logBeta(params.alpha, params.beta),
      gammaDelta: logBeta(params.gamma, params.delta),
    };
    let sum = 0;
    for (let i = 0; i < frequency.length; i++) {
      const { logLikelihood } = bgBbLogTerms(
        params,
        frequency[i] as number,
        recency[i] as number,
        periods[i] as number,
        norms,
      );
      sum += (weight[i] as number) * logLikelihood;
    }
    return -sum / total;
  });
  return maximumLikelihood('bgBb', {
    names: ['alpha', 'beta', 'gamma', 'delta'],
    starts: [
      [1, 1, 1, 1],
      [0.5, 0.5, 0.5, 3],
      [2, 5, 0.2, 0.2],
    ],
    objective,
    total,
    distinctRows: frequency.length,
  });
}
