import type { ModelDefinition } from '../core/definition';
import { gammaGammaLikelihood } from './likelihood';
import { gammaGammaPredictions } from './predictions';

/** Gamma-Gamma (Fader, Hardie & Lee 2005): rows `{ frequency, monetaryValue }`, frequency ≥ 1. */
export const GAMMA_GAMMA: ModelDefinition<'gammaGamma'> = {
  name: 'gammaGamma',
  parameters: ['p', 'q', 'gamma'],
  starts: [
    [1, 1, 1],
    [5, 3, 3],
    [0.5, 5, 0.2],
  ],
  time: null,
  likelihood: gammaGammaLikelihood,
  predictions: gammaGammaPredictions,
  mixing: [{ name: 'nu', family: 'gamma', first: 'q', second: 'gamma' }],
};
