// The options every model fit takes, validated into the fit driver's penalty values. Internal.

import { PatronageError } from '../../errors/PatronageError';
import { optionalObject, optionKeys, requireBetween } from '../../internal/validate';
import { COVARIATE_OPTION_KEYS } from './covariates';
import { type FitPenaltyValues, MAX_LOG_PARAMS_PENALTY, NO_PENALTY } from './fitCore';
import type { FitOptions, FitPenalty } from './types';

const FIT_OPTION_KEYS = /* @__PURE__ */ optionKeys<FitOptions>()(['penalty']);
const PENALTY_KEYS = /* @__PURE__ */ optionKeys<FitPenalty>()(['logParams', 'purchase', 'dropout']);

/**
 * Reads the `options` of a fit without covariates (may be omitted): every key known (`INVALID_OPTION`
 * otherwise), and `penalty.logParams` a number from 0 to 1e6 (`INVALID_ARGUMENT`, `NOT_FINITE` or
 * `OUT_OF_RANGE`). The options that only a fit with covariates uses (`constrain`, `fixed`, `start`,
 * `penalty.purchase`, `penalty.dropout`) are refused with `INVALID_OPTION` saying so: by the fits that take
 * `covariates` (`covariateFit`), as needing them; by the others, as options of fitBgNbd, fitGgomNbd and fitParetoNbd.
 */
export function readFitOptions(fn: string, options: unknown, covariateFit = false): FitPenaltyValues {
  const record = optionalObject(
    fn,
    'options',
    options,
    // the options of a fit with covariates are known to the fits without them, so that they can say what
    // is missing
    covariateFit ? COVARIATE_OPTION_KEYS : FIT_OPTION_KEYS,
  );
  const needsCovariates = (option: string): PatronageError =>
    new PatronageError(
      'INVALID_OPTION',
      covariateFit
        ? `${fn}: options.${option} applies to covariate coefficients, so it needs options.covariates`
        : `${fn}: options.${option} applies to covariate coefficients, which only fitBgNbd, fitGgomNbd and fitParetoNbd (with options.covariates) estimate`,
      { argument: `options.${option}`, option: option.split('.').pop() as string, suggestion: null },
    );
  for (const option of ['constrain', 'fixed', 'start']) {
    if (record[option] !== undefined) throw needsCovariates(option);
  }
  const penalty = optionalObject(fn, 'options.penalty', record['penalty'], PENALTY_KEYS);
  for (const process of ['purchase', 'dropout']) {
    if (penalty[process] !== undefined) throw needsCovariates(`penalty.${process}`);
  }
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
