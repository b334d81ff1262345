// The covariate likelihood kernels of the models that take covariates, by model name: the fits with
// covariates maximise them, logLikelihoodAt evaluates them and bootstrapFits refits with them. Kept out of
// the registry so that the predictions do not carry the fits' code. Internal.

import { BG_NBD_COVARIATES } from './bgNbd/covariateKernel';
import type { CovariateKernel } from './core/definition';
import type { ModelName } from './core/types';
import { GGOM_NBD_COVARIATES } from './ggomNbd/covariateKernel';
import { PARETO_NBD_COVARIATES } from './paretoNbd/covariateKernel';

/** The kernel of each model with covariates; a model a fit with covariates does not exist for is absent. */
export const COVARIATE_KERNELS: { readonly [M in ModelName]?: CovariateKernel } = {
  bgNbd: BG_NBD_COVARIATES,
  ggomNbd: GGOM_NBD_COVARIATES,
  paretoNbd: PARETO_NBD_COVARIATES,
};
