// The likelihood of the correlated Pareto/NBD (Glady, Lemmens & Croux 2015; see ./correlation.ts) with its
// analytic gradient. Internal.
//
// Per customer L = Σₖ wₖ Lₖ over the four plain likelihoods Lₖ at (α + aₖ, β + bₖ), (aₖ, bₖ) ∈ {0, 1}², with
// w = (1 + ψ, −ψ, −ψ, ψ), ψ = ω c₁ c₂. The fit's fifth coordinate is t with ω = lower + (upper − lower)·σ(t),
// σ the logistic function and [lower, upper] the range of ω at the current (r, α, s, β), so that every point
// the optimiser tries is a proper density. Then
//   ∂ ln L = Σₖ (wₖLₖ/L)·∂ ln Lₖ + (L₀ − L₁ − L₂ + L₃)/L · ∂ψ.

import type { Objective } from '../../math/optimize';
import type { Likelihood, MixturePsi } from '../core/definition';
import { type CompressedRows, subsample } from '../core/rows';
import { scaleTimes, timeScaleOf, totalPurchases } from '../core/timeScale';
import { laplaceTerm, omegaRange } from './correlation';
import { rowLogLikelihood } from './covariateKernel';

/** ψ = ω c₁c₂ with its derivatives with respect to ln r, ln α, ln s, ln β and t. */
type Psi = MixturePsi;

/**
 * ψ and its gradient at log-parameters on the rescaled time axis (`unit` is one time unit of the rows there):
 * `omega` fixed, or (null) read from the fifth coordinate through the logistic between its bounds.
 */
export function psiAt(logParams: Float64Array, unit: number, omega: number | null, out: Psi): boolean {
  const r = Math.exp(logParams[0] as number);
  const alpha = Math.exp(logParams[1] as number);
  const s = Math.exp(logParams[2] as number);
  const beta = Math.exp(logParams[3] as number);
  const first = laplaceTerm(r, alpha, unit);
  const second = laplaceTerm(s, beta, unit);
  const c1 = first.c;
  const c2 = second.c;
  const d1 = first.oneMinus;
  const d2 = second.oneMinus;
  // ∂c₁/∂ln r = c₁·r·ln(α/(α+u)), ∂c₁/∂ln α = c₁·r·u/(α+u); c₂ likewise
  const dc1dr = c1 * -r * Math.log1p(unit / alpha);
  const dc1da = (c1 * r * unit) / (alpha + unit);
  const dc2ds = c2 * -s * Math.log1p(unit / beta);
  const dc2db = (c2 * s * unit) / (beta + unit);
  let value: number;
  let dOmegaDc1 = 0;
  let dOmegaDc2 = 0;
  let dOmegaDt = 0;
  if (omega !== null) {
    value = omega;
  } else {
    const { lower, upper } = omegaRange(c1, d1, c2, d2);
    const t = logParams[4] as number;
    const sigma = 1 / (1 + Math.exp(-t));
    value = lower + (upper - lower) * sigma;
    // the bounds' derivatives, on the branch of each max()
    let dLowerDc1: number;
    let dLowerDc2: number;
    if (c1 * c2 >= d1 * d2) {
      dLowerDc1 = 1 / (c1 * c1 * c2);
      dLowerDc2 = 1 / (c1 * c2 * c2);
    } else {
      dLowerDc1 = -1 / (d1 * d1 * d2);
      dLowerDc2 = -1 / (d1 * d2 * d2);
    }
    let dUpperDc1: number;
    let dUpperDc2: number;
    if (c1 * d2 >= d1 * c2) {
      dUpperDc1 = -1 / (c1 * c1 * d2);
      dUpperDc2 = 1 / (c1 * d2 * d2);
    } else {
      dUpperDc1 = 1 / (d1 * d1 * c2);
      dUpperDc2 = -1 / (d1 * c2 * c2);
    }
    dOmegaDc1 = dLowerDc1 * (1 - sigma) + dUpperDc1 * sigma;
    dOmegaDc2 = dLowerDc2 * (1 - sigma) + dUpperDc2 * sigma;
    dOmegaDt = (upper - lower) * sigma * (1 - sigma);
  }
  const product = c1 * c2;
  const dPsiDc1 = c2 * value + product * dOmegaDc1;
  const dPsiDc2 = c1 * value + product * dOmegaDc2;
  out.psi = value * product;
  out.omega = value;
  out.d[0] = dPsiDc1 * dc1dr;
  out.d[1] = dPsiDc1 * dc1da;
  out.d[2] = dPsiDc2 * dc2ds;
  out.d[3] = dPsiDc2 * dc2db;
  out.d[4] = product * dOmegaDt;
  return Number.isFinite(out.psi) && out.d.every(Number.isFinite);
}

/**
 * −ln L / total of the correlated Pareto/NBD over (ln r, ln α, ln s, ln β) on the rows' (rescaled) time
 * axis, plus t (see the file's comment) when `omega` is null, with its gradient. `unit` is one time unit of
 * the kernel e^−λ on that axis (1/scale for rows divided by scale).
 */
export function correlatedObjective(rows: CompressedRows, unit: number, omega: number | null): Objective {
  const { first: frequency, second: recency, third: age, weight, total } = rows;
  const size = omega === null ? 5 : 4;
  const psi: Psi = { psi: 0, omega: 0, d: new Float64Array(5) };
  const sets = [new Float64Array(4), new Float64Array(4), new Float64Array(4), new Float64Array(4)];
  const gradients = [new Float64Array(4), new Float64Array(4), new Float64Array(4), new Float64Array(4)];
  const logs = new Float64Array(4);
  const shares = new Float64Array(4);
  const SHIFT_ALPHA = [0, 1, 0, 1];
  const SHIFT_BETA = [0, 0, 1, 1];
  return (logParams, gradient) => {
    for (let i = 0; i < size; i++) if (!Number.isFinite(logParams[i] as number)) return Number.NaN;
    const r = Math.exp(logParams[0] as number);
    const alpha = Math.exp(logParams[1] as number);
    const s = Math.exp(logParams[2] as number);
    const beta = Math.exp(logParams[3] as number);
    if (![r, alpha, s, beta].every((value) => value > 0 && Number.isFinite(value))) return Number.NaN;
    if (!psiAt(logParams, unit, omega, psi)) return Number.NaN;
    const p = psi.psi;
    // ω held at 0: the plain likelihood, without the three other sets
    const plain = omega === 0;
    const weights = [1 + p, -p, -p, p];
    for (let k = 0; k < 4; k++) {
      const set = sets[k] as Float64Array;
      set[0] = r;
      set[1] = alpha + (SHIFT_ALPHA[k] as number) * unit;
      set[2] = s;
      set[3] = beta + (SHIFT_BETA[k] as number) * unit;
    }
    let sum = 0;
    const g = new Float64Array(5);
    for (let i = 0; i < frequency.length; i++) {
      const x = frequency[i] as number;
      const tx = recency[i] as number;
      const T = age[i] as number;
      const w = weight[i] as number;
      let top = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < 4; k++) {
        if (plain && k > 0) {
          logs[k] = Number.NEGATIVE_INFINITY;
          continue;
        }
        const value = rowLogLikelihood(
          sets[k] as Float64Array,
          x,
          tx,
          T,
          gradient === null ? null : (gradients[k] as Float64Array),
        );
        if (!Number.isFinite(value)) return Number.NaN;
        logs[k] = value;
        top = Math.max(top, value);
      }
      let bracket = 0;
      let difference = 0;
      for (let k = 0; k < 4; k++) {
        const term = k > 0 && plain ? 0 : Math.exp((logs[k] as number) - top);
        shares[k] = (weights[k] as number) * term;
        bracket += shares[k] as number;
        difference += k === 0 || k === 3 ? term : -term;
      }
      // outside the density's range, or the combination lost to rounding
      if (!(bracket > 0)) return Number.NaN;
      sum += w * (top + Math.log(bracket));
      if (gradient !== null) {
        for (let k = 0; k < 4; k++) {
          if (k > 0 && plain) continue;
          const share = (shares[k] as number) / bracket;
          const gk = gradients[k] as Float64Array;
          const set = sets[k] as Float64Array;
          // ∂ ln Lₖ/∂ ln α = (α/αₖ)·∂ ln Lₖ/∂ ln αₖ
          g[0] = (g[0] as number) + w * share * (gk[0] as number);
          g[1] = (g[1] as number) + w * share * (gk[1] as number) * (alpha / (set[1] as number));
          g[2] = (g[2] as number) + w * share * (gk[2] as number);
          g[3] = (g[3] as number) + w * share * (gk[3] as number) * (beta / (set[3] as number));
        }
        const ratio = difference / bracket;
        for (let j = 0; j < size; j++) g[j] = (g[j] as number) + w * ratio * (psi.d[j] as number);
      }
    }
    if (gradient !== null) {
      for (let j = 0; j < size; j++) gradient[j] = -(g[j] as number) / total;
    }
    return -sum / total;
  };
}

/**
 * The correlated Pareto/NBD likelihood of validated rows over rescaled times, with ω fixed (`omega`, for
 * logLikelihoodAt) or estimated (null: a fifth coordinate, see {@link correlatedObjective}).
 */
export function correlatedLikelihood(rows: CompressedRows, omega: number | null): Likelihood {
  const scale = timeScaleOf(rows);
  const purchases = totalPurchases(rows);
  const scaled = scaleTimes(rows, scale);
  const sampled = subsample(scaled);
  const unit = 1 / scale;
  return {
    objective: correlatedObjective(scaled, unit, omega),
    pilot: sampled === null ? null : correlatedObjective(sampled, unit, omega),
    total: rows.total,
    distinctRows: rows.first.length,
    unscale: (params) => [
      params[0] as number,
      (params[1] as number) * scale,
      params[2] as number,
      (params[3] as number) * scale,
      ...params.slice(4),
    ],
    unscaleLogLikelihood: (logLikelihood) => logLikelihood - purchases * Math.log(scale),
  };
}
