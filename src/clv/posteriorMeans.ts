import { PatronageError } from '../errors/PatronageError';
import { customerParams } from './core/covariates';
import { logLikelihoodAtParams } from './core/fitCore';
import { finiteResult, requireCustomer } from './core/inputs';
import { continuousRows, discreteRows } from './core/rows';
import type { CustomerHistory, DiscreteHistory, ModelSpec } from './core/types';
import { MODELS, requireModel } from './registry';

/**
 * The result of {@link posteriorMeans}: the expected individual rates of one customer given its history, each
 * present for the models that have it (in the literature's notation).
 *
 * @category CLV models
 */
export interface PosteriorMeansResult {
  /** E[λ | history]: the purchase rate per unit of the fit's time while alive (BG/NBD, MBG/NBD, Pareto/NBD, NBD, GGom/NBD). */
  readonly lambda?: number;
  /** E[μ | history]: Pareto/NBD's dropout rate per unit of the fit's time. */
  readonly mu?: number;
  /**
   * E[p | history]: BG/NBD's and MBG/NBD's dropout probability after a purchase; BG/BB's transaction
   * probability per opportunity while alive.
   */
  readonly p?: number;
  /** E[θ | history]: BG/BB's dropout probability per opportunity. */
  readonly theta?: number;
  /** E[η | history]: GGom/NBD's dropout scale, the lifetime's P(τ > t | η) = exp(−η(e^(bt) − 1)). */
  readonly eta?: number;
}

const FN = 'posteriorMeans';

/**
 * Posterior means of a customer's individual rates given its history (x, t_x, T): E[λ | x, t_x, T] and the
 * dropout's E[μ], E[p], E[η] (BG/BB: E[p] and E[θ]), from a BG/NBD, MBG/NBD, Pareto/NBD, NBD, GGom/NBD or
 * BG/BB fit. The prior of each is a gamma or beta distribution of two parameters, and x·(its density) is
 * its mean times the density with the first shape raised by 1, so the posterior mean is a ratio of two
 * marginal likelihoods of the one customer (exact, no integration):
 * E[λ | data] = (r/α)·L(r + 1, …)/L(r, …) for a gamma rate, E[p | data] = (a/(a + b))·L(a + 1, b, …)/L(a, b, …)
 * for a beta probability. NBD's is the textbook (r + x)/(α + T). Rates are per unit of the fit's time.
 *
 * A fit with covariates (its `coefficients`) uses the customer's own parameters (its `covariates`). A
 * correlated Pareto/NBD fit (`correlation`, with covariates or not), whose Sarmanov factor does not follow
 * the shape, combines these means of its four parameter sets with their posterior weights (see
 * `docs/model-comparison.md`, "Correlated purchase and dropout").
 * Heavy buyers get a higher E[λ] than light ones with the same age; a long silence after a busy period
 * raises the dropout's mean.
 *
 * @param fit - a purchase-model fit
 * @param customer - `{ frequency, recency, T }` (BG/BB: `{ frequency, recency, periods }`), in the fit's unit
 * @returns the posterior means, by name
 * @throws PatronageError `INVALID_FIT`, `UNSUPPORTED_MODEL` for a Gamma-Gamma or shifted beta-geometric fit,
 *   `INVALID_SUMMARY_ROW` for an inconsistent customer, `MISSING_COVARIATE` for a covariate fit's customer
 *   without its covariates, `NOT_FINITE` where floating point overflows.
 *
 * @example
 * ```ts
 * import { posteriorMeans } from 'patronage';
 *
 * // the CDNOW Pareto/NBD fit in weeks (Fader, Hardie & Lee 2005)
 * const fit = { model: 'paretoNbd', params: { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.669 } } as const;
 * const { lambda, mu } = posteriorMeans(fit, { frequency: 2, recency: 30.43, T: 38.86 });
 * Math.round((lambda ?? 0) * 10000) / 10000; // => 0.0524
 * Math.round((mu ?? 0) * 10000) / 10000; // => 0.015
 * ```
 *
 * @category CLV models
 */
export function posteriorMeans(
  fit: ModelSpec,
  customer: CustomerHistory | DiscreteHistory,
): PosteriorMeansResult {
  const { definition, params } = requireModel(FN, fit, [], undefined, true, true);
  const time = definition.time;
  // the CNBD-k models' likelihood needs each customer's mean log inter-purchase time and k: not a history
  const defined = (candidate: typeof definition): boolean =>
    candidate.time !== null && candidate.wholeParameters === undefined;
  if (time === null || !defined(definition)) {
    const allowed = Object.values(MODELS)
      .filter(defined)
      .map((candidate) => candidate.name);
    throw new PatronageError(
      'UNSUPPORTED_MODEL',
      `${FN}: not defined for a ${definition.name} fit (use one of ${allowed.join(', ')})`,
      { argument: 'fit.model', value: definition.name },
    );
  }
  const { x, tx, T } = requireCustomer(FN, 'customer', customer, time);
  const own = customerParams(FN, definition, params, fit, customer, 'customer') as unknown as Readonly<
    Record<string, number>
  >;
  const combined = definition.predictions.posteriorMeans;
  if (combined !== undefined) {
    const means: Record<string, number> = {};
    const values = combined(own as never, x, tx, T);
    for (const { name } of definition.mixing) {
      means[name] = finiteResult(FN, `the posterior mean of ${name}`, values[name] as number);
    }
    return means;
  }
  const natural = definition.parameters.map((name) => own[name] as number);
  const likelihood = definition.likelihood(
    time === 'continuous'
      ? continuousRows(FN, { frequency: [x], recency: [tx], T: [T] })
      : discreteRows(FN, { frequency: [x], recency: [tx], periods: [T] }),
  );
  const base = logLikelihoodAtParams(likelihood, natural);
  const means: Record<string, number> = {};
  for (const mixing of definition.mixing) {
    const first = definition.parameters.indexOf(mixing.first);
    const shape = natural[first] as number;
    const second = own[mixing.second] as number;
    const raised = natural.slice();
    raised[first] = shape + 1;
    const ratio = Math.exp(logLikelihoodAtParams(likelihood, raised) - base);
    const prior = mixing.family === 'gamma' ? shape / second : shape / (shape + second);
    means[mixing.name] = finiteResult(FN, `the posterior mean of ${mixing.name}`, prior * ratio);
  }
  return means;
}
