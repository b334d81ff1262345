// The Gamma-Gamma log-likelihood of spend per transaction (Fader, Hardie & Lee 2005; Fader & Hardie 2013)
// with its analytic gradient. Internal.
//
// Per customer with x transactions of mean m̄:
//   ln f = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(γ + m̄x)
//
// Summed over weighted rows, only ln(γ + m̄x) needs each row at each evaluation: the gamma functions and
// digammas depend on x alone (one evaluation per distinct x), and the ln m̄ and ln x terms enter through
// sums that do not depend on the parameters (taken once).

import type { Objective } from '../../math/optimize';
import { digamma, logGamma } from '../../math/special';
import type { Likelihood } from '../core/definition';
import { type CompressedRows, subsample } from '../core/rows';

/**
 * −ln L / total over (ln p, ln q, ln γ), with its analytic gradient, for rows of (x, m̄) in `first` and
 * `second`. Rows of one x that are adjacent (as {@link compress} orders them) form one group, which shares
 * its gamma functions; any order gives the same likelihood.
 */
export function gammaGammaObjective(rows: CompressedRows): Objective {
  const { first: frequency, second: spend, weight, total } = rows;
  const length = frequency.length;
  // the groups: runs of one x, with their x, summed weight and first row
  const groupStart: number[] = [];
  for (let i = 0; i < length; i++) if (i === 0 || frequency[i] !== frequency[i - 1]) groupStart.push(i);
  const groups = groupStart.length;
  const start = Int32Array.from([...groupStart, length]);
  const groupX = new Float64Array(groups);
  const groupWeight = new Float64Array(groups);
  // the parameter-free sums: Σ w ln m̄ and Σ w x (ln m̄ + ln x)
  let weightedLogSpend = 0;
  let weightedXLogSpendX = 0;
  const totalSpend = new Float64Array(length); // m̄x per row
  for (let g = 0; g < groups; g++) {
    const x = frequency[start[g] as number] as number;
    const logX = Math.log(x);
    let w = 0;
    let logSpend = 0;
    for (let i = start[g] as number; i < (start[g + 1] as number); i++) {
      const m = spend[i] as number;
      const rowWeight = weight[i] as number;
      w += rowWeight;
      logSpend += rowWeight * Math.log(m);
      totalSpend[i] = m * x;
    }
    groupX[g] = x;
    groupWeight[g] = w;
    weightedLogSpend += logSpend;
    weightedXLogSpendX += x * (logSpend + w * logX);
  }
  return (logParams, gradient) => {
    const p = Math.exp(logParams[0] as number);
    const q = Math.exp(logParams[1] as number);
    const gamma = Math.exp(logParams[2] as number);
    if (![p, q, gamma].every((value) => value > 0 && Number.isFinite(value))) return Number.NaN;
    const logGammaParam = Math.log(gamma);
    // Σ (px+q)·w·ln(γ + m̄x) by groups: Σ w ln(γ + m̄x) per group, then times its px+q
    let logTerm = 0;
    let xLogTerm = 0; // Σ x·w·ln(γ + m̄x)
    let plainLogTerm = 0; // Σ w·ln(γ + m̄x)
    let inverseTerm = 0; // Σ (px+q)·w/(γ + m̄x)
    let gammaTerm = 0; // Σ W_x (ln Γ(px+q) − ln Γ(px))
    let digammaP = 0; // Σ W_x x (ψ(px+q) − ψ(px))
    let digammaQ = 0; // Σ W_x ψ(px+q)
    for (let g = 0; g < groups; g++) {
      const x = groupX[g] as number;
      const w = groupWeight[g] as number;
      const px = p * x;
      const end = start[g + 1] as number;
      // the optimiser asks for the gradient at nearly every point, so the division is always taken
      let logs = 0;
      let inverses = 0;
      for (let i = start[g] as number; i < end; i++) {
        const rowWeight = weight[i] as number;
        const sum = gamma + (totalSpend[i] as number);
        logs += rowWeight * Math.log(sum);
        inverses += rowWeight / sum;
      }
      if (gradient !== null) {
        inverseTerm += (px + q) * inverses;
        const psiPXQ = digamma(px + q);
        digammaP += w * x * (psiPXQ - digamma(px));
        digammaQ += w * psiPXQ;
      }
      logTerm += (px + q) * logs;
      xLogTerm += x * logs;
      plainLogTerm += logs;
      gammaTerm += w * (logGamma(px + q) - logGamma(px));
    }
    const sum =
      gammaTerm +
      total * (q * logGammaParam - logGamma(q)) +
      p * weightedXLogSpendX -
      weightedLogSpend -
      logTerm;
    if (gradient !== null) {
      const gP = digammaP + weightedXLogSpendX - xLogTerm;
      const gQ = digammaQ + total * (logGammaParam - digamma(q)) - plainLogTerm;
      const gGamma = (total * q) / gamma - inverseTerm;
      gradient[0] = (-gP * p) / total;
      gradient[1] = (-gQ * q) / total;
      gradient[2] = (-gGamma * gamma) / total;
    }
    return -sum / total;
  };
}

/**
 * The Gamma-Gamma likelihood of validated `{ frequency, monetaryValue }` rows, with money divided by the
 * mean spend so that the optimiser starts near 1 whatever the currency, and a pilot subsample for large
 * data.
 */
export function gammaGammaLikelihood(rows: CompressedRows): Likelihood {
  const { second: spend, weight, total } = rows;
  let mean = 0;
  for (let i = 0; i < spend.length; i++) mean += ((spend[i] as number) * (weight[i] as number)) / total;
  const scaled = { ...rows, second: spend.map((value) => value / mean) };
  const sampled = subsample(scaled);
  return {
    objective: gammaGammaObjective(scaled),
    pilot: sampled === null ? null : gammaGammaObjective(sampled),
    total,
    distinctRows: spend.length,
    unscale: ([p, q, gamma]) => [p as number, q as number, (gamma as number) * mean],
    // each row's density of m̄ is in 1/money: ln f shifts by −ln(mean) per customer
    unscaleLogLikelihood: (logLikelihood) => logLikelihood - total * Math.log(mean),
  };
}

/**
 * The objective over (ln p, ln(q − 1), ln γ) for the fit under `qAboveOne`: q = 1 + e^θ, and the gradient's
 * second entry is ∂/∂ln q · (q − 1)/q.
 */
function qAboveOneObjective(objective: Objective): Objective {
  const inner = new Float64Array(3);
  return (logParams, gradient) => {
    const theta = logParams[1] as number;
    inner[0] = logParams[0] as number;
    inner[1] = Math.log1p(Math.exp(theta));
    inner[2] = logParams[2] as number;
    const value = objective(inner, gradient);
    if (gradient !== null) gradient[1] = (gradient[1] as number) / (1 + Math.exp(-theta));
    return value;
  };
}

/**
 * {@link gammaGammaLikelihood} under `qAboveOne`: the optimiser's second coordinate is ln(q − 1), so that
 * every point it tries has q > 1 (a lower bound of 1 for q).
 */
export function qAboveOneLikelihood(rows: CompressedRows): Likelihood {
  const likelihood = gammaGammaLikelihood(rows);
  const { pilot } = likelihood;
  return {
    ...likelihood,
    objective: qAboveOneObjective(likelihood.objective),
    pilot: pilot ? qAboveOneObjective(pilot) : null,
    lowerBounds: [0, 1, 0],
  };
}
