// The models with time-varying covariates and their predictions along a covariate path, for
// probabilityAlive and expectedPurchases (kept out of the registry, so that what does not predict along a
// path does not carry the code). Internal.

import type { PathPredictions } from './core/definition';
import { PARETO_NBD_PATH_PREDICTIONS } from './paretoNbd/pathLikelihood';

/** The predictions along a covariate path of a model, or undefined when it has no time-varying covariates. */
export function pathPredictionsOf(model: string): PathPredictions | undefined {
  return model === 'paretoNbd' ? PARETO_NBD_PATH_PREDICTIONS : undefined;
}
