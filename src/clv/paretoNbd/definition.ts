import type { ModelDefinition } from '../core/definition';
import { correlatedParetoNbdPredictions } from './correlatedPredictions';
import { omegaBounds } from './correlation';
import { PARETO_NBD_COVARIATE_EFFECTS } from './covariateKernel';
import { paretoNbdLikelihood } from './likelihood';
import { paretoNbdPredictions } from './predictions';

/** Pareto/NBD (Schmittlein, Morrison & Colombo 1987): rows `{ frequency, recency, T }`. */
export const PARETO_NBD: ModelDefinition<'paretoNbd'> = {
  name: 'paretoNbd',
  parameters: ['r', 'alpha', 's', 'beta'],
  starts: [
    [1, 1, 1, 1],
    [0.5, 5, 0.5, 5],
    [0.2, 0.5, 2, 20],
  ],
  time: 'continuous',
  likelihood: paretoNbdLikelihood,
  predictions: paretoNbdPredictions,
  covariates: PARETO_NBD_COVARIATE_EFFECTS,
  mixing: [
    { name: 'lambda', family: 'gamma', first: 'r', second: 'alpha' },
    { name: 'mu', family: 'gamma', first: 's', second: 'beta' },
  ],
  correlation: {
    bounds: omegaBounds,
    predictions: correlatedParetoNbdPredictions,
  },
};
