import { numericGradient } from '../../math/optimize';
import { logGamma } from '../../math/special';
import { maximumLikelihood } from '../core/fitCore';
import { spendRows } from '../core/rows';
import type { GammaGammaFit } from '../core/types';

/** A Gamma-Gamma row: a customer's repeat transactions and their mean value, optionally weighted. */
export interface SpendSummaryRow {
  /** x: repeat transactions (at least 1). */
  readonly frequency: number;
  /** m̄: the mean value of those transactions, in money (positive). */
  readonly monetaryValue: number;
  /** How many customers share this summary (default 1). */
  readonly weight?: number;
}

/**
 * Fits the Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader &
 * Hardie 2013, "The Gamma-Gamma Model of Monetary Value"): transaction values are Gamma(p, ν) around a
 * customer's mean p/ν, with ν ~ Gamma(q, gamma). Per customer with x transactions of mean m̄:
 * ln f = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(γ + m̄x).
 *
 * The model assumes spend is independent of purchase frequency; check that the correlation between
 * `frequency` and `monetaryValue` is weak before relying on it.
 *
 * @param rows - `{ frequency, monetaryValue, weight? }` for customers with at least one repeat transaction
 *   (filter `frequency > 0` from {@link rfmSummary} rows: customers without one carry no spend information)
 * @returns the fit, with `params` `{ p, q, gamma }` (`gamma` in money)
 * @throws PatronageError `EMPTY_INPUT` for no rows; naming the row, the field codes, and
 *   `INVALID_SUMMARY_ROW` for frequency 0, a monetary value that is not positive or a weight that is not
 *   positive.
 *
 * @example
 * ```ts
 * import { fitGammaGamma } from 'patronage';
 *
 * const fit = fitGammaGamma([
 *   { frequency: 5, monetaryValue: 10 },
 *   { frequency: 6, monetaryValue: 80 },
 *   { frequency: 4, monetaryValue: 25 },
 *   { frequency: 8, monetaryValue: 45 },
 *   { frequency: 1, monetaryValue: 30 },
 *   { frequency: 2, monetaryValue: 15 },
 *   { frequency: 3, monetaryValue: 60 },
 *   { frequency: 7, monetaryValue: 20 },
 * ]);
 * fit.model; // => 'gammaGamma'
 * Object.keys(fit.params); // => ['p', 'q', 'gamma']
 * ```
 *
 * @category Models
 */
export function fitGammaGamma(rows: readonly SpendSummaryRow[]): GammaGammaFit {
  const compressed = spendRows('fitGammaGamma', rows);
  const { first: frequency, second: spend, weight, total } = compressed;
  // money scale: divide by the mean spend so the optimiser starts near 1 whatever the currency
  let mean = 0;
  for (let i = 0; i < spend.length; i++) mean += ((spend[i] as number) * (weight[i] as number)) / total;
  const scaled = spend.map((value) => value / mean);
  const logX = frequency.map(Math.log);
  const logM = scaled.map(Math.log);
  const objective = numericGradient((logParams) => {
    const p = Math.exp(logParams[0] as number);
    const q = Math.exp(logParams[1] as number);
    const gamma = Math.exp(logParams[2] as number);
    const lgQ = logGamma(q);
    const logGammaParam = Math.log(gamma);
    let sum = 0;
    for (let i = 0; i < frequency.length; i++) {
      const x = frequency[i] as number;
      const m = scaled[i] as number;
      const px = p * x;
      sum +=
        (weight[i] as number) *
        (logGamma(px + q) -
          logGamma(px) -
          lgQ +
          q * logGammaParam +
          (px - 1) * (logM[i] as number) +
          px * (logX[i] as number) -
          (px + q) * Math.log(gamma + m * x));
    }
    return -sum / total;
  });
  return maximumLikelihood('gammaGamma', {
    names: ['p', 'q', 'gamma'],
    starts: [
      [1, 1, 1],
      [5, 3, 3],
      [0.5, 5, 0.2],
    ],
    objective,
    total,
    distinctRows: frequency.length,
    unscale: ([p, q, gamma]) => [p as number, q as number, (gamma as number) * mean],
    // each row's density of m̄ is in 1/money: ln f shifts by −ln(mean) per customer
    unscaleLogLikelihood: (logLikelihood) => logLikelihood - total * Math.log(mean),
  });
}
