// The Gamma-Gamma log-likelihood of spend per transaction (Fader, Hardie & Lee 2005; Fader & Hardie 2013)
// with its analytic gradient. Internal.
//
// Per customer with x transactions of mean m̄:
//   ln f = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(γ + m̄x)

import type { Objective } from '../../math/optimize';
import { digamma, logGamma } from '../../math/special';
import type { Likelihood } from '../core/definition';
import type { CompressedRows } from '../core/rows';

/**
 * −ln L / total over (ln p, ln q, ln γ), with its analytic gradient, for rows of (x, m̄) in `first` and
 * `second`.
 */
export function gammaGammaObjective(rows: CompressedRows): Objective {
  const { first: frequency, second: spend, weight, total } = rows;
  const logX = frequency.map(Math.log);
  const logM = spend.map(Math.log);
  return (logParams, gradient) => {
    const p = Math.exp(logParams[0] as number);
    const q = Math.exp(logParams[1] as number);
    const gamma = Math.exp(logParams[2] as number);
    if (![p, q, gamma].every((value) => value > 0 && Number.isFinite(value))) return Number.NaN;
    const lgQ = logGamma(q);
    const psiQ = digamma(q);
    const logGammaParam = Math.log(gamma);
    let sum = 0;
    let gP = 0;
    let gQ = 0;
    let gGamma = 0;
    for (let i = 0; i < frequency.length; i++) {
      const x = frequency[i] as number;
      const m = spend[i] as number;
      const w = weight[i] as number;
      const px = p * x;
      const logTotal = Math.log(gamma + m * x);
      sum +=
        w *
        (logGamma(px + q) -
          logGamma(px) -
          lgQ +
          q * logGammaParam +
          (px - 1) * (logM[i] as number) +
          px * (logX[i] as number) -
          (px + q) * logTotal);
      if (gradient !== null) {
        const psiPXQ = digamma(px + q);
        gP += w * x * (psiPXQ - digamma(px) + (logM[i] as number) + (logX[i] as number) - logTotal);
        gQ += w * (psiPXQ - psiQ + logGammaParam - logTotal);
        gGamma += w * (q / gamma - (px + q) / (gamma + m * x));
      }
    }
    if (gradient !== null) {
      gradient[0] = (-gP * p) / total;
      gradient[1] = (-gQ * q) / total;
      gradient[2] = (-gGamma * gamma) / total;
    }
    return -sum / total;
  };
}

/**
 * The Gamma-Gamma likelihood of validated `{ frequency, monetaryValue }` rows, with money divided by the
 * mean spend so that the optimiser starts near 1 whatever the currency.
 */
export function gammaGammaLikelihood(rows: CompressedRows): Likelihood {
  const { second: spend, weight, total } = rows;
  let mean = 0;
  for (let i = 0; i < spend.length; i++) mean += ((spend[i] as number) * (weight[i] as number)) / total;
  return {
    objective: gammaGammaObjective({ ...rows, second: spend.map((value) => value / mean) }),
    total,
    distinctRows: spend.length,
    unscale: ([p, q, gamma]) => [p as number, q as number, (gamma as number) * mean],
    // each row's density of m̄ is in 1/money: ln f shifts by −ln(mean) per customer
    unscaleLogLikelihood: (logLikelihood) => logLikelihood - total * Math.log(mean),
  };
}
