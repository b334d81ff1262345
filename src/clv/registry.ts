// The models by name, and the validation of a fit against them. Internal.
//
// Adding a model: one folder exporting a ModelDefinition, and one line in MODELS (docs/contributing.md).

import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { requireObject } from '../internal/validate';
import { BETA_DISCRETE_WEIBULL } from './betaDiscreteWeibull/definition';
import { BG_BB } from './bgBb/definition';
import { BG_CNBD, MBG_CNBD } from './bgCnbd/definition';
import { BG_NBD, MBG_NBD } from './bgNbd/definition';
import {
  type CorrelatedVariant,
  MAX_WHOLE_PARAMETER,
  type ModelDefinition,
  type ModelPredictions,
  type TimeAxis,
} from './core/definition';
import type { ModelName, ModelParams } from './core/types';
import { GAMMA_GAMMA } from './gammaGamma/definition';
import { GGOM_NBD } from './ggomNbd/definition';
import { NBD } from './nbd/definition';
import { PARETO_NBD } from './paretoNbd/definition';
import { SHIFTED_BETA_GEOMETRIC } from './shiftedBetaGeometric/definition';

/** Every model, by the name a fit's `model` field gives. */
export const MODELS: { readonly [M in ModelName]: ModelDefinition<M> } = {
  bgNbd: BG_NBD,
  mbgNbd: MBG_NBD,
  paretoNbd: PARETO_NBD,
  bgCnbd: BG_CNBD,
  mbgCnbd: MBG_CNBD,
  nbd: NBD,
  ggomNbd: GGOM_NBD,
  bgBb: BG_BB,
  gammaGamma: GAMMA_GAMMA,
  shiftedBetaGeometric: SHIFTED_BETA_GEOMETRIC,
  betaDiscreteWeibull: BETA_DISCRETE_WEIBULL,
};

/**
 * A prediction a model may define.
 *
 * @category CLV models
 */
export type Capability = keyof ModelPredictions<unknown>;

/**
 * The parameters of some model.
 *
 * @category CLV models
 */
export type AnyParams = ModelParams[ModelName];

/**
 * A validated fit: its model's definition, its positive finite parameters, and the predictions asked for.
 *
 * @category CLV models
 */
export interface FoundModel<C extends Capability> {
  /** The model's definition. */
  readonly definition: ModelDefinition;
  /** The fit's parameters, checked and copied in the definition's order. */
  readonly params: AnyParams;
  /** The predictions asked for, each defined. */
  readonly predictions: Required<Pick<ModelPredictions<AnyParams>, C>>;
}

function fitError(message: string, argument: string, value: unknown): PatronageError {
  return new PatronageError('INVALID_FIT', message, { argument, value });
}

/**
 * The definition of a fit with `correlation` (a correlated Pareto/NBD): the model's correlated predictions
 * at `fit.correlation.omega` and the fit's parameters `baseline` (filled in by the caller before any
 * prediction runs), its `likelihood` refusing (logLikelihoodAt has the correlated one). ω must be a finite
 * number (checked against its range once the parameters are read). `INVALID_FIT` for a model without a
 * correlated variant or a malformed `correlation`.
 */
function correlatedDefinition(
  fn: string,
  plain: ModelDefinition,
  record: Readonly<Record<string, unknown>>,
  baseline: AnyParams,
): ModelDefinition {
  const correlation = record['correlation'];
  const variant = plain.correlation as CorrelatedVariant<AnyParams> | undefined;
  if (variant === undefined) {
    throw fitError(
      `${fn}: fit.correlation is given, but the ${plain.name} model has no correlated variant (only paretoNbd has)`,
      'fit.correlation',
      correlation,
    );
  }
  const omega = requireObject(fn, 'fit.correlation', correlation)['omega'];
  if (typeof omega !== 'number' || !Number.isFinite(omega)) {
    throw fitError(
      `${fn}: fit.correlation.omega must be a finite number, got ${describeValue(omega)}`,
      'fit.correlation.omega',
      omega,
    );
  }
  return {
    ...plain,
    predictions: variant.predictions(omega, baseline),
    // the plain likelihood would silently drop ω: logLikelihoodAt evaluates the correlated one itself
    likelihood: () => {
      throw new PatronageError('UNSUPPORTED_MODEL', `${fn}: not defined for a correlated ${plain.name} fit`, {
        argument: 'fit.correlation',
        value: correlation,
      });
    },
  };
}

/**
 * Reads `fit.model` and `fit.params`, checking that the model is in {@link MODELS} (else `INVALID_FIT`),
 * that it defines every prediction in `capabilities`, on the `time` axis when one is given (else
 * `UNSUPPORTED_MODEL`, naming the models that do), that every parameter the definition names is positive
 * and finite (its whole-number parameters whole numbers from 1 to 100), and that a fit's `logLikelihood`, when present, is not null (a fit that could not evaluate
 * its likelihood holds its starting point, not estimates). A fit with `correlation` (a correlated Pareto/NBD)
 * gets the definition of its correlated variant at `correlation.omega`, whose range is checked, and
 * `UNSUPPORTED_MODEL` for a prediction that variant does not define yet; a caller that asks for no
 * prediction (`capabilities` empty) reads the fit in other ways, and takes a correlated fit only when it says
 * so with `correlation` (else `UNSUPPORTED_MODEL`), so that no function silently ignores ω. A fit with
 * `coefficients` (covariates) is `INVALID_FIT` unless `covariates` says the caller applies them to each
 * customer (a correlated one too: its predictions take the customer's parameters as the plain model's do).
 */
export function requireModel<C extends Capability>(
  fn: string,
  fit: unknown,
  capabilities: readonly C[],
  time?: TimeAxis,
  covariates = false,
  correlation: boolean = capabilities.length > 0,
): FoundModel<C> {
  const record = requireObject(fn, 'fit', fit);
  const model = record['model'];
  if (typeof model !== 'string' || !Object.hasOwn(MODELS, model)) {
    throw fitError(
      `${fn}: fit.model must be one of ${Object.keys(MODELS).join(', ')}, got ${describeValue(model)}`,
      'fit.model',
      model,
    );
  }
  const plain: ModelDefinition = MODELS[model as ModelName];
  const correlationGiven = record['correlation'];
  const correlated = correlationGiven !== undefined && correlationGiven !== null;
  if (correlated && !correlation) {
    throw new PatronageError(
      'UNSUPPORTED_MODEL',
      `${fn}: does not take a correlated ${model} fit (fit.correlation) yet; refit without correlation to use it`,
      { argument: 'fit.correlation', value: correlationGiven },
    );
  }
  // filled below, once checked; a correlated definition's predictions hold it as the fit's parameters
  const params: Record<string, number> = {};
  const definition = correlated
    ? correlatedDefinition(fn, plain, record, params as unknown as AnyParams)
    : plain;
  const defines = (candidate: ModelDefinition): boolean =>
    (time === undefined || candidate.time === time) &&
    capabilities.every((capability) => candidate.predictions[capability] !== undefined);
  if (!defines(definition)) {
    if (correlated) {
      throw new PatronageError(
        'UNSUPPORTED_MODEL',
        `${fn}: not defined yet for a correlated ${model} fit (fit.correlation); refit without correlation to use it`,
        { argument: 'fit.correlation', value: correlationGiven },
      );
    }
    const allowed = Object.values<ModelDefinition>(MODELS)
      .filter(defines)
      .map((candidate) => candidate.name);
    throw new PatronageError(
      'UNSUPPORTED_MODEL',
      `${fn}: not defined for a ${model} fit (use one of ${allowed.join(', ')})`,
      {
        argument: 'fit.model',
        value: model,
      },
    );
  }
  if (record['logLikelihood'] === null) {
    throw fitError(
      `${fn}: the fit could not evaluate its likelihood (logLikelihood is null), so it has no estimates`,
      'fit.logLikelihood',
      null,
    );
  }
  const coefficients = record['coefficients'];
  if (!covariates && coefficients !== undefined && coefficients !== null) {
    throw fitError(
      `${fn}: does not take a fit with covariates (fit.coefficients); probabilityAlive, expectedPurchases, customerLifetimeValue and scoreCustomers do`,
      'fit.coefficients',
      coefficients,
    );
  }
  const given = requireObject(fn, 'fit.params', record['params']);
  for (const name of definition.parameters) {
    const value = given[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || !(value > 0)) {
      throw fitError(
        `${fn}: fit.params.${name} must be a positive finite number, got ${describeValue(value)}`,
        `fit.params.${name}`,
        value,
      );
    }
    params[name] = value;
  }
  if (correlated) {
    const omega = (correlationGiven as Readonly<Record<string, unknown>>)['omega'] as number;
    const { lower, upper } = (definition.correlation as CorrelatedVariant<AnyParams>).bounds(
      params as unknown as AnyParams,
    );
    if (!(omega >= lower && omega <= upper)) {
      throw fitError(
        `${fn}: fit.correlation.omega (${omega}) is outside [${lower}, ${upper}], the range in which the mixing density of these parameters is non-negative`,
        'fit.correlation.omega',
        omega,
      );
    }
  }
  for (const name of definition.wholeParameters ?? []) {
    const value = given[name];
    if (!Number.isSafeInteger(value) || (value as number) < 1 || (value as number) > MAX_WHOLE_PARAMETER) {
      throw fitError(
        `${fn}: fit.params.${name} must be a whole number from 1 to ${MAX_WHOLE_PARAMETER}, got ${describeValue(value)}`,
        `fit.params.${name}`,
        value,
      );
    }
    params[name] = value as number;
  }
  return {
    definition,
    params: params as unknown as AnyParams,
    predictions: definition.predictions as Required<Pick<ModelPredictions<AnyParams>, C>>,
  };
}
