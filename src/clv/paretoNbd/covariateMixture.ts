// The correlated Pareto/NBD with covariates, as the fit with covariates takes it (see ./correlation.ts and
// ./covariateKernel.ts). Internal.
//
// The Sarmanov density mixes the baseline rates λ₀ ~ Gamma(r, α) and μ₀ ~ Gamma(s, β) with the kernels e^−λ₀
// and e^−μ₀; customer i buys at λ₀·exp(γ_purchase·z_i) and drops out at μ₀·exp(γ_dropout·z_i) (CLVTools'
// `use.cor` with static covariates does the same: its ω, c₁ and c₂ are those of the baseline). Because
// e^−λ₀ g(λ₀; r, α) = c₁ g(λ₀; r, α + 1), the customer's likelihood is the four-set combination of the
// fit without covariates with the sets' baselines (α or α + 1, β or β + 1) each scaled by the customer's
// covariates: α_i = (α + a)·exp(−γ_purchase·z_i), β_i = (β + b)·exp(−γ_dropout·z_i). ω's range is the
// baseline's, one for all customers.

import type { CovariateMixture } from '../core/definition';
import { psiAt } from './correlatedLikelihood';
import { correlationOf, omegaBounds, paretoParamsOf } from './correlation';

/** The Sarmanov mixture of Pareto/NBD over (r, α, s, β): sets (α, β), (α+1, β), (α, β+1), (α+1, β+1). */
export const PARETO_NBD_MIXTURE: CovariateMixture = {
  shifts: [
    [0, 0, 0, 0],
    [0, 1, 0, 0],
    [0, 0, 0, 1],
    [0, 1, 0, 1],
  ],
  signs: [1, -1, -1, 1],
  psi: psiAt,
  bounds: (params) => omegaBounds(paretoParamsOf(params)),
  correlation: (params, omega) => correlationOf(paretoParamsOf(params), omega),
};
