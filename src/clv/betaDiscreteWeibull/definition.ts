import type { ModelDefinition } from '../core/definition';
import { betaDiscreteWeibullLikelihood } from './likelihood';
import { betaDiscreteWeibullPredictions } from './predictions';

/**
 * Beta-discrete-Weibull (Fader, Hardie, Liu, Davin & Steenburgh 2018): contract lifetimes with duration
 * dependence, tallied by period and churn; c = 1 is the shifted beta-geometric.
 */
export const BETA_DISCRETE_WEIBULL: ModelDefinition<'betaDiscreteWeibull'> = {
  name: 'betaDiscreteWeibull',
  parameters: ['alpha', 'beta', 'c'],
  starts: [
    [1, 1, 1],
    [0.5, 3, 1],
    [3, 0.5, 1],
    [0.5, 1, 1.5],
  ],
  time: null,
  likelihood: betaDiscreteWeibullLikelihood,
  predictions: betaDiscreteWeibullPredictions,
  // θ, the churn probability of the first period, is Beta(α, β) as in the sBG (c shapes time, not θ)
  mixing: [{ name: 'theta', family: 'beta', first: 'alpha', second: 'beta' }],
};
