// The correlated Pareto/NBD: the purchase rate λ and the dropout rate μ mixed by a Sarmanov density
// (Glady, Lemmens & Croux 2015; CLVTools' `use.cor`). Internal.
//
// The joint mixing density is g(λ; r, α)·h(μ; s, β)·[1 + ω φ₁(λ) φ₂(μ)] with φ₁ = e^−λ − c₁, c₁ = E[e^−λ] =
// (α/(α+1))^r and φ₂ = e^−μ − c₂, c₂ = (β/(β+1))^s (λ, μ per unit of the rows' time). Both marginals stay
// the gammas of the plain model. Because e^−λ g(λ; r, α) = c₁ g(λ; r, α+1), expanding the bracket,
// 1 + ωφ₁φ₂ = (1 + ωc₁c₂) − ωc₂e^−λ − ωc₁e^−μ + ωe^−λ−μ, turns every expectation over the mixture into a
// combination of four plain Pareto/NBD ones, at (α, β), (α+1, β), (α, β+1) and (α+1, β+1), with weights
// 1 + ωc₁c₂, −ωc₁c₂, −ωc₁c₂ and ωc₁c₂ (they sum to 1). The likelihood of a customer is that combination of
// the four plain likelihoods, and a prediction given the history is the combination of the four plain
// predictions weighted by weight × plain likelihood (each plain posterior is the mixture's posterior term).
//
// The density is non-negative exactly when 1 + ωφ₁φ₂ ≥ 0 over φ₁ ∈ (−c₁, 1−c₁), φ₂ ∈ (−c₂, 1−c₂):
//   −1/max(c₁c₂, (1−c₁)(1−c₂)) ≤ ω ≤ 1/max(c₁(1−c₂), (1−c₁)c₂).
// Cov(λ, μ) = ω·E[λφ₁]·E[μφ₂] with E[λφ₁] = −c₁r/(α(α+1)), so Cor(λ, μ) = ω c₁c₂ √(rs)/((α+1)(β+1)).

import type { ParetoNbdParams } from '../core/types';

/** c = (θ/(θ+u))^k and 1 − c, the second without cancellation when c is near 1. */
export function laplaceTerm(shape: number, rate: number, unit: number): { c: number; oneMinus: number } {
  const exponent = -shape * Math.log1p(unit / rate);
  return { c: Math.exp(exponent), oneMinus: -Math.expm1(exponent) };
}

/** The range of ω over which the mixing density stays non-negative, from c₁, c₂ and 1 − c₁, 1 − c₂. */
export function omegaRange(c1: number, d1: number, c2: number, d2: number): { lower: number; upper: number } {
  return { lower: -1 / Math.max(c1 * c2, d1 * d2), upper: 1 / Math.max(c1 * d2, d1 * c2) };
}

/** (r, α, s, β) from the first four of `values`, in the definition's order. */
export function paretoParamsOf(values: readonly number[]): ParetoNbdParams {
  return {
    r: values[0] as number,
    alpha: values[1] as number,
    s: values[2] as number,
    beta: values[3] as number,
  };
}

/** The range of ω at Pareto/NBD parameters (the time unit of `alpha` and `beta` is the kernel's). */
export function omegaBounds({ r, alpha, s, beta }: ParetoNbdParams): { lower: number; upper: number } {
  const first = laplaceTerm(r, alpha, 1);
  const second = laplaceTerm(s, beta, 1);
  return omegaRange(first.c, first.oneMinus, second.c, second.oneMinus);
}

/** Cor(λ, μ) = ω c₁c₂ √(rs)/((α+1)(β+1)) at natural parameters. */
export function correlationOf({ r, alpha, s, beta }: ParetoNbdParams, omega: number): number {
  const c1c2 = Math.exp(-r * Math.log1p(1 / alpha) - s * Math.log1p(1 / beta));
  return (omega * c1c2 * Math.sqrt(r * s)) / ((alpha + 1) * (beta + 1));
}

/** The four parameter sets of the expansion, (α, β), (α+u, β), (α, β+u), (α+u, β+u). */
export function shiftedSets(params: ParetoNbdParams, unit = 1): ParetoNbdParams[] {
  const { r, alpha, s, beta } = params;
  return [
    { r, alpha, s, beta },
    { r, alpha: alpha + unit, s, beta },
    { r, alpha, s, beta: beta + unit },
    { r, alpha: alpha + unit, s, beta: beta + unit },
  ];
}

/** The weights of the four sets: 1 + ωc₁c₂, −ωc₁c₂, −ωc₁c₂, ωc₁c₂. */
export function mixtureWeights(params: ParetoNbdParams, omega: number): number[] {
  const { r, alpha, s, beta } = params;
  const product = omega * Math.exp(-r * Math.log1p(1 / alpha) - s * Math.log1p(1 / beta));
  return [1 + product, -product, -product, product];
}

/**
 * ln Σ wₖ e^(ℓₖ) for signed weights, by the largest term; NaN when the sum is not positive (outside the
 * range of ω, or lost to rounding) or a term is not finite.
 */
export function logSignedSum(weights: readonly number[], logs: readonly number[]): number {
  let top = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < logs.length; k++)
    if ((weights[k] as number) !== 0) top = Math.max(top, logs[k] as number);
  if (!Number.isFinite(top)) return Number.NaN;
  let sum = 0;
  for (let k = 0; k < logs.length; k++) {
    const w = weights[k] as number;
    if (w !== 0) sum += w * Math.exp((logs[k] as number) - top);
  }
  return sum > 0 ? top + Math.log(sum) : Number.NaN;
}

/**
 * The posterior weights of the four sets given ℓₖ (each set's log-likelihood of the history, up to a
 * constant shared by the four): wₖe^(ℓₖ)/Σ wⱼe^(ℓⱼ), written to `out`; false when the sum is not positive.
 */
export function posteriorWeights(
  weights: readonly number[],
  logs: readonly number[],
  out: number[],
): boolean {
  let top = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < logs.length; k++)
    if ((weights[k] as number) !== 0) top = Math.max(top, logs[k] as number);
  if (!Number.isFinite(top)) return false;
  let sum = 0;
  for (let k = 0; k < logs.length; k++) {
    const w = weights[k] as number;
    out[k] = w === 0 ? 0 : w * Math.exp((logs[k] as number) - top);
    sum += out[k] as number;
  }
  if (!(sum > 0) || !Number.isFinite(sum)) return false;
  for (let k = 0; k < logs.length; k++) out[k] = (out[k] as number) / sum;
  return true;
}
