// One customer's prediction from a fit, with or without covariates. Internal.

import { customerParams } from './core/covariates';
import { finiteResult } from './core/inputs';
import { isTimeVarying, pathPrediction } from './core/pathPredictions';
import { pathPredictionsOf } from './pathModels';
import type { AnyParams, Capability, FoundModel } from './registry';

/**
 * The prediction `kind` for the customer with history (x, t_x, T) over `horizon`: along the customer's
 * covariate path for a time-varying fit, else `plain` at the customer's own parameters (the fit's, with
 * the customer's covariates applied where it has coefficients); `what` names it in the NOT_FINITE error.
 */
export function customerPrediction<C extends Capability>(
  fn: string,
  model: FoundModel<C>,
  fit: unknown,
  customer: unknown,
  history: { x: number; tx: number; T: number },
  horizon: number,
  kind: 'alive' | 'purchases',
  what: string,
  plain: (own: AnyParams, x: number, tx: number, T: number, horizon: number) => number,
): number {
  const { definition, params } = model;
  if (isTimeVarying(fit)) {
    const paths = pathPredictionsOf(definition.name);
    return finiteResult(
      fn,
      what,
      pathPrediction(fn, definition, params, fit, customer, history, horizon, kind, paths),
    );
  }
  const own = customerParams(fn, definition, params, fit, customer, 'customer');
  const { x, tx, T } = history;
  return finiteResult(fn, what, plain(own, x, tx, T, horizon));
}
