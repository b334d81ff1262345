// The options every model fit takes, validated into the fit driver's penalty values. Internal.

import { optionalObject, optionKeys, requireBetween } from '../../internal/validate';
import { type FitPenaltyValues, NO_PENALTY } from './fitCore';
import type { FitOptions, FitPenalty } from './types';

const FIT_OPTION_KEYS = /* @__PURE__ */ optionKeys<FitOptions>()(['penalty']);
const PENALTY_KEYS = /* @__PURE__ */ optionKeys<FitPenalty>()(['logParams']);

/**
 * The largest log-parameter penalty accepted: at 1e6 per customer every parameter is already 1 to within
 * about 1e−6, and a bound keeps n·c·Σ (ln θ)² (the penalised objective) finite for any data.
 */
const MAX_LOG_PARAMS_PENALTY = 1e6;

/**
 * Reads a fit's `options` (may be omitted): every key known (`INVALID_OPTION` otherwise), and
 * `penalty.logParams` a number from 0 to 1e6 (`INVALID_ARGUMENT`, `NOT_FINITE` or `OUT_OF_RANGE`).
 */
export function readFitOptions(fn: string, options: unknown): FitPenaltyValues {
  const record = optionalObject(fn, 'options', options, FIT_OPTION_KEYS);
  const penalty = optionalObject(fn, 'options.penalty', record['penalty'], PENALTY_KEYS);
  if (penalty['logParams'] === undefined) return NO_PENALTY;
  return {
    logParams: requireBetween(
      fn,
      'options.penalty.logParams',
      penalty['logParams'],
      0,
      MAX_LOG_PARAMS_PENALTY,
    ),
  };
}
