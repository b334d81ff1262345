// One customer's prediction from a fit, with or without covariates. Internal.

import { customerParams } from './core/covariates';
import { finiteResult, requireCustomer } from './core/inputs';
import { isTimeVarying, pathPrediction } from './core/pathPredictions';
import { pathPredictionsOf } from './pathModels';
import type { AnyParams, Capability, FoundModel } from './registry';

/**
 * The prediction `kind` (P(alive), or the expected purchases) for `customer` over `horizon`: its history read
 * (x, t_x, T, on the model's time axis), then along its covariate path for a time-varying fit, else `plain`
 * at its own parameters (the fit's, with its covariates applied where the fit has coefficients), checked
 * finite.
 */
export function customerPrediction<C extends Capability>(
  fn: string,
  model: FoundModel<C>,
  fit: unknown,
  customer: unknown,
  horizon: number,
  kind: 'alive' | 'purchases',
  plain: (own: AnyParams, x: number, tx: number, T: number, horizon: number) => number,
): number {
  const { definition, params } = model;
  const { x, tx, T } = requireCustomer(fn, 'customer', customer, definition.time ?? 'continuous');
  const history = { x, tx, T };
  const what = kind === 'alive' ? 'P(alive)' : 'expected purchases';
  if (isTimeVarying(fit)) {
    const paths = pathPredictionsOf(definition.name);
    return finiteResult(
      fn,
      what,
      pathPrediction(fn, definition, params, fit, customer, history, horizon, kind, paths),
    );
  }
  const own = customerParams(fn, definition, params, fit, customer, 'customer');
  return finiteResult(fn, what, plain(own, x, tx, T, horizon));
}
