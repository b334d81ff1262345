import type { ModelDefinition } from '../core/definition';
import { GGOM_NBD_COVARIATE_EFFECTS } from './covariateKernel';
import { ggomNbdLikelihood } from './likelihood';
import { ggomNbdPredictions } from './predictions';

/** GGom/NBD (Bemmaor & Glady 2012): rows `{ frequency, recency, T }`. */
export const GGOM_NBD: ModelDefinition<'ggomNbd'> = {
  name: 'ggomNbd',
  parameters: ['r', 'alpha', 'b', 's', 'beta'],
  // on the fit's rescaled times (the largest T is 10)
  starts: [
    [0.5, 2, 0.1, 1, 1],
    [1, 1, 0.5, 0.5, 0.5],
    [0.5, 5, 0.01, 0.5, 0.05],
  ],
  time: 'continuous',
  likelihood: ggomNbdLikelihood,
  predictions: ggomNbdPredictions,
  covariates: GGOM_NBD_COVARIATE_EFFECTS,
  mixing: [
    { name: 'lambda', family: 'gamma', first: 'r', second: 'alpha' },
    { name: 'eta', family: 'gamma', first: 's', second: 'beta' },
  ],
};
