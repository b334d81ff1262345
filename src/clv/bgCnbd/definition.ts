import type { ModelDefinition } from '../core/definition';
import { cnbdLikelihood } from './likelihood';
import { cnbdPredictions } from './predictions';

const PARAMETERS = ['r', 'alpha', 'a', 'b'];
/** BG/NBD's starting points: at k = 1 the models are the same. */
export const CNBD_STARTS: readonly (readonly number[])[] = [
  [1, 1, 1, 1],
  [0.5, 5, 0.5, 2],
  [0.1, 0.5, 2, 10],
];

/** The Erlang rate λ ~ Gamma(r, α) and the dropout chance p ~ Beta(a, b), as in BG/NBD. */
const CNBD_MIXING: ModelDefinition['mixing'] = [
  { name: 'lambda', family: 'gamma', first: 'r', second: 'alpha' },
  { name: 'p', family: 'beta', first: 'a', second: 'b' },
];

/**
 * BG/CNBD-k (Platzer & Reutterer 2016): rows `{ frequency, recency, T, meanLogInterval }`; k a whole-number
 * parameter the fit holds beside the estimated (r, alpha, a, b).
 */
export const BG_CNBD: ModelDefinition<'bgCnbd'> = {
  name: 'bgCnbd',
  parameters: PARAMETERS,
  wholeParameters: ['k'],
  starts: CNBD_STARTS,
  time: 'continuous',
  likelihood: (rows, whole) => cnbdLikelihood(rows, whole?.[0] ?? 1, 0),
  predictions: /* @__PURE__ */ cnbdPredictions(0),
  mixing: CNBD_MIXING,
};

/** MBG/CNBD-k (Platzer & Reutterer 2016): BG/CNBD-k with a dropout chance right after the first purchase. */
export const MBG_CNBD: ModelDefinition<'mbgCnbd'> = {
  name: 'mbgCnbd',
  parameters: PARAMETERS,
  wholeParameters: ['k'],
  starts: CNBD_STARTS,
  time: 'continuous',
  likelihood: (rows, whole) => cnbdLikelihood(rows, whole?.[0] ?? 1, 1),
  predictions: /* @__PURE__ */ cnbdPredictions(1),
  mixing: CNBD_MIXING,
};
