import type { ModelDefinition } from '../core/definition';
import { BG_NBD_COVARIATE_EFFECTS } from './covariateKernel';
import { bgFamilyLikelihood } from './likelihood';
import { bgFamilyPredictions } from './predictions';

const PARAMETERS = ['r', 'alpha', 'a', 'b'];
const STARTS = [
  [1, 1, 1, 1],
  [0.5, 5, 0.5, 2],
  [0.1, 0.5, 2, 10],
];

/** BG/NBD (Fader, Hardie & Lee 2005): rows `{ frequency, recency, T }`. */
export const BG_NBD: ModelDefinition<'bgNbd'> = {
  name: 'bgNbd',
  parameters: PARAMETERS,
  starts: STARTS,
  time: 'continuous',
  likelihood: (rows) => bgFamilyLikelihood(rows, 0),
  predictions: /* @__PURE__ */ bgFamilyPredictions(0),
  covariates: BG_NBD_COVARIATE_EFFECTS,
  mixing: [
    { name: 'lambda', family: 'gamma', first: 'r', second: 'alpha' },
    { name: 'p', family: 'beta', first: 'a', second: 'b' },
  ],
};

/** MBG/NBD (Batislam, Denizel & Filiztekin 2007): BG/NBD with a dropout chance right after the first purchase. */
export const MBG_NBD: ModelDefinition<'mbgNbd'> = {
  name: 'mbgNbd',
  parameters: PARAMETERS,
  starts: STARTS,
  time: 'continuous',
  likelihood: (rows) => bgFamilyLikelihood(rows, 1),
  predictions: /* @__PURE__ */ bgFamilyPredictions(1),
  mixing: [
    { name: 'lambda', family: 'gamma', first: 'r', second: 'alpha' },
    { name: 'p', family: 'beta', first: 'a', second: 'b' },
  ],
};
