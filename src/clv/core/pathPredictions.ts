// The predictions of a fit with time-varying covariates (fit.timeVarying): P(alive) and the conditional
// expected purchases of one customer along its covariate path, which must run to the end of the
// prediction's window. Internal; probabilityAlive and expectedPurchases call it.

import { PatronageError } from '../../errors/PatronageError';
import { requireObject } from '../../internal/validate';
import { readPath } from './covariatePaths';
import { requireCoefficients } from './covariates';
import type { ModelDefinition, PathPredictions } from './definition';

/** Whether a fit is one with time-varying covariates. */
export function isTimeVarying(fit: unknown): boolean {
  return (
    typeof fit === 'object' &&
    fit !== null &&
    (fit as Readonly<Record<string, unknown>>)['timeVarying'] === true
  );
}

/**
 * P(alive at T + horizon) (`kind` 'alive') or E[purchases in (T, T + horizon]] ('purchases') of a customer
 * along its path under a time-varying fit: reads the coefficients and the customer's path over
 * [0, T + horizon] (the customer named `name` in arguments and `who` in messages). Throws `INVALID_FIT` for a model without time-varying covariates, and as
 * {@link readPath} for the path (`INVALID_COVARIATE_PATH` for a path that stops before T + horizon: the
 * prediction needs the future covariates).
 */
export function pathPrediction(
  fn: string,
  definition: ModelDefinition,
  params: unknown,
  fit: unknown,
  customer: unknown,
  history: { x: number; tx: number; T: number },
  horizon: number,
  kind: 'alive' | 'purchases',
  predictions: PathPredictions | undefined,
  name = 'customer',
  who = 'the customer',
): number {
  if (predictions === undefined) {
    throw new PatronageError(
      'INVALID_FIT',
      `${fn}: fit.timeVarying is true, but a ${definition.name} fit has no time-varying covariates (Pareto/NBD has)`,
      { argument: 'fit.timeVarying', value: true },
    );
  }
  const coefficients = requireCoefficients(fn, definition, fit, true) ?? { purchase: [], dropout: [] };
  const names: string[] = [];
  for (const [name] of [...coefficients.purchase, ...coefficients.dropout]) {
    if (!names.includes(name)) names.push(name);
  }
  const record = requireObject(fn, name, customer);
  const { x, tx, T } = history;
  const path = readPath(
    fn,
    name,
    who,
    record,
    names,
    x,
    tx,
    T + horizon,
    horizon === 0 ? 'the end of observation T' : `the end of the prediction's window, T + ${horizon}`,
  );
  const linear = (list: CheckedCoefficientsList): Float64Array => {
    const out = new Float64Array(path.ends.length);
    for (const [name, gamma] of list) {
      const column = path.columns[names.indexOf(name)] as Float64Array;
      for (let k = 0; k < out.length; k++) out[k] = (out[k] as number) + gamma * (column[k] as number);
    }
    return out;
  };
  const purchase = linear(coefficients.purchase);
  const dropout = linear(coefficients.dropout);
  const own = params as Readonly<Record<string, number>>;
  return kind === 'alive'
    ? predictions.probabilityAlive(own, x, tx, T, horizon, path.ends, purchase, dropout, path.counts)
    : predictions.expectedPurchases(own, x, tx, T, horizon, path.ends, purchase, dropout, path.counts);
}

type CheckedCoefficientsList = readonly (readonly [string, number])[];
