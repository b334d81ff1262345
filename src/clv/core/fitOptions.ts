// The options every model fit takes, validated into the fit driver's penalty values. Internal.

import { optionalObject, optionKeys, requireAtLeast } from '../../internal/validate';
import { type FitPenaltyValues, NO_PENALTY } from './fitCore';
import type { FitOptions, FitPenalty } from './types';

const FIT_OPTION_KEYS = /* @__PURE__ */ optionKeys<FitOptions>()(['penalty']);
const PENALTY_KEYS = /* @__PURE__ */ optionKeys<FitPenalty>()(['logParams']);

/**
 * Reads a fit's `options` (may be omitted): every key known (`INVALID_OPTION` otherwise), and
 * `penalty.logParams` a finite number at least 0 (`INVALID_ARGUMENT`, `NOT_FINITE` or `OUT_OF_RANGE`).
 */
export function readFitOptions(fn: string, options: unknown): FitPenaltyValues {
  const record = optionalObject(fn, 'options', options, FIT_OPTION_KEYS);
  const penalty = optionalObject(fn, 'options.penalty', record['penalty'], PENALTY_KEYS);
  if (penalty['logParams'] === undefined) return NO_PENALTY;
  return { logParams: requireAtLeast(fn, 'options.penalty.logParams', penalty['logParams'], 0) };
}
