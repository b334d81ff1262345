// The GGom/NBD likelihood of one customer at that customer's own parameters, for the fit with covariates.
// Internal.
//
// With time-invariant covariates z, CLVTools' static-covariate GGom/NBD (Bachmann, Meierer & Näf 2021;
// its `ggomnbd` reference) gives a customer α_i = α·exp(−γ_purchase·z) and β_i = β·exp(−γ_dropout·z), with r,
// b and s common to all: the purchase rate scales as exp(γ_purchase·z), and since the Gompertz hazard is
// η·b·e^(bτ) with η ~ Gamma(s, β_i), the dropout hazard scales as exp(γ_dropout·z), as for Pareto/NBD. Given
// (r, α_i, b, s, β_i) the customer's likelihood is Bemmaor & Glady's (2012), evaluated by the same
// quadrature as the plain fit (./likelihood.ts).

import type { CovariateEffects, CovariateKernel } from '../core/definition';
import { ggomRowLogLikelihood } from './likelihood';

/** GGom/NBD with covariates: purchase covariates on α, dropout covariates on β, both as exp(−γ·z). */
const EFFECTS: CovariateEffects['effects'] = [
  { process: null, sign: 1 },
  { process: 'purchase', sign: -1 },
  { process: null, sign: 1 },
  { process: null, sign: 1 },
  { process: 'dropout', sign: -1 },
];
/** α is in the time unit, b per time unit, β (the scale of e^(bτ) − 1) without one. */
const TIME_POWERS: CovariateEffects['timePowers'] = [0, 1, -1, 0, 0];

/** How covariates enter GGom/NBD, for the registry and the predictions. */
export const GGOM_NBD_COVARIATE_EFFECTS: CovariateEffects = {
  effects: EFFECTS,
  timePowers: TIME_POWERS,
};

/** The same with the likelihood of one customer, for the fit. */
export const GGOM_NBD_COVARIATES: CovariateKernel = {
  effects: EFFECTS,
  timePowers: TIME_POWERS,
  rowLogLikelihood: ggomRowLogLikelihood,
};
