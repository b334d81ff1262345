import type { ModelDefinition } from '../core/definition';
import { bgBbLikelihood } from './likelihood';
import { bgBbPredictions } from './predictions';

/** BG/BB (Fader, Hardie & Shang 2010): rows `{ frequency, recency, periods }` in whole opportunities. */
export const BG_BB: ModelDefinition<'bgBb'> = {
  name: 'bgBb',
  parameters: ['alpha', 'beta', 'gamma', 'delta'],
  starts: [
    [1, 1, 1, 1],
    [0.5, 0.5, 0.5, 3],
    [2, 5, 0.2, 0.2],
  ],
  time: 'discrete',
  likelihood: bgBbLikelihood,
  predictions: bgBbPredictions,
  mixing: [
    { name: 'p', family: 'beta', first: 'alpha', second: 'beta' },
    { name: 'theta', family: 'beta', first: 'gamma', second: 'delta' },
  ],
};
