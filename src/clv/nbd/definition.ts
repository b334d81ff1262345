import type { ModelDefinition } from '../core/definition';
import { nbdLikelihood } from './likelihood';
import { nbdPredictions } from './predictions';

/** NBD (Ehrenberg 1959): rows `{ frequency, recency, T }`; recency does not enter the likelihood. */
export const NBD: ModelDefinition<'nbd'> = {
  name: 'nbd',
  parameters: ['r', 'alpha'],
  starts: [
    [1, 1],
    [0.5, 5],
    [0.1, 0.5],
  ],
  time: 'continuous',
  likelihood: nbdLikelihood,
  predictions: nbdPredictions,
  mixing: [{ name: 'lambda', family: 'gamma', first: 'r', second: 'alpha' }],
};
