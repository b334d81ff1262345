import type { ModelDefinition } from '../core/definition';
import { shiftedBetaGeometricLikelihood } from './likelihood';
import { shiftedBetaGeometricPredictions } from './predictions';

/** Shifted beta-geometric (Fader & Hardie 2007): contract lifetimes, tallied by period and churn. */
export const SHIFTED_BETA_GEOMETRIC: ModelDefinition<'shiftedBetaGeometric'> = {
  name: 'shiftedBetaGeometric',
  parameters: ['alpha', 'beta'],
  starts: [
    [1, 1],
    [0.5, 3],
    [3, 0.5],
  ],
  time: null,
  likelihood: shiftedBetaGeometricLikelihood,
  predictions: shiftedBetaGeometricPredictions,
  mixing: [{ name: 'theta', family: 'beta', first: 'alpha', second: 'beta' }],
};
