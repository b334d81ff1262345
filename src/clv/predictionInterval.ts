import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { optionKeys, requireObject, requireOptions, snapshotData } from '../internal/validate';
import { normalQuantile } from '../math/normal';
import type { BootstrapFits } from './bootstrapFits';
import { finiteResult } from './core/inputs';
import type { ModelName, ModelSpec } from './core/types';
import { requireModel } from './registry';

/**
 * The `intervals` option of the predictions: how to put a range around a prediction.
 *
 * @category CLV models
 */
export interface PredictionIntervalOptions {
  /** The coverage asked for, strictly between 0 and 1 (default 0.9). */
  readonly level?: number;
  /**
   * `'delta'`: from the fit's parameter covariance (fast, asymptotic); `'bootstrap'`: the percentiles of the
   * prediction over the refits of {@link bootstrapFits}, given as `bootstrap`.
   */
  readonly method: 'delta' | 'bootstrap';
  /** The refits of the purchase (or only) model, for `method: 'bootstrap'`. */
  readonly bootstrap?: BootstrapFits;
  /**
   * The refits of the spend model, for {@link customerLifetimeValue} with a `spendModel` and
   * `method: 'bootstrap'` (paired with `bootstrap` by resample index, up to the shorter list).
   */
  readonly spendBootstrap?: BootstrapFits;
}

const INTERVAL_OPTION_KEYS = /* @__PURE__ */ optionKeys<PredictionIntervalOptions>()([
  'level',
  'method',
  'bootstrap',
  'spendBootstrap',
]);

/**
 * A prediction with its interval.
 *
 * @category CLV models
 */
export interface PredictionInterval {
  /** The prediction at the fit's estimates (the number the prediction returns without `intervals`). */
  readonly estimate: number;
  /** The interval's lower end. */
  readonly lower: number;
  /** The interval's upper end. */
  readonly upper: number;
  /** The coverage asked for. */
  readonly level: number;
  /** How the interval was made. */
  readonly method: 'delta' | 'bootstrap';
  /**
   * The prediction's standard error: from the delta method, or the standard deviation of the bootstrap
   * predictions.
   */
  readonly standardError: number;
}

/**
 * What a prediction's values are: `'positive'` (counts, money: the delta interval is made on the log scale,
 * so it stays at or above 0) or `'probability'` (made on the logit scale, so it stays in [0, 1]).
 *
 * @category CLV models
 */
export type PredictionScale = 'positive' | 'probability';

/**
 * Options of {@link predictionInterval}.
 *
 * @category CLV models
 */
export interface PredictionIntervalCallOptions extends Omit<PredictionIntervalOptions, 'spendBootstrap'> {
  /** The scale of the prediction's values (default `'positive'`). */
  readonly scale?: PredictionScale;
}

const CALL_OPTION_KEYS = /* @__PURE__ */ optionKeys<PredictionIntervalCallOptions>()([
  'level',
  'method',
  'bootstrap',
  'scale',
]);

/** A fit as the delta method reads it: the parameters and their covariance. */
interface CovarianceFit {
  readonly model: ModelName;
  readonly params: Readonly<Record<string, number>>;
  readonly covariance: {
    readonly parameters: readonly string[];
    readonly matrix: readonly (readonly number[])[];
  };
  /** A correlated Pareto/NBD fit: `params` holds ω as `omega`, after the model's parameters. */
  readonly correlated: boolean;
}

/** The spec of a covariance fit at (shifted) parameters: ω goes back into `correlation`. */
function specOf(fit: CovarianceFit, params: Readonly<Record<string, number>>): ModelSpec {
  if (!fit.correlated) return { model: fit.model, params } as unknown as ModelSpec;
  const { omega, ...own } = params;
  return { model: fit.model, params: own, correlation: { omega } } as unknown as ModelSpec;
}

/** The relative step of the central differences of the delta method's gradient. */
const RELATIVE_STEP = 1e-5;

function intervalError(fn: string, argument: string, message: string, value: unknown): PatronageError {
  return new PatronageError('INVALID_ARGUMENT', `${fn}: ${message}`, { argument, value });
}

/** The fit read once (a deep copy), refused when it has covariates. */
function readFit(fn: string, name: string, fit: unknown): Readonly<Record<string, unknown>> {
  const record = requireObject(fn, name, snapshotData(fit));
  if (record['coefficients'] !== undefined || record['timeVarying'] !== undefined) {
    throw new PatronageError(
      'UNSUPPORTED_MODEL',
      `${fn}: intervals for a fit with covariates are not available yet (the coefficients' covariance is not propagated)`,
      { argument: `${name}.coefficients`, value: record['coefficients'] },
    );
  }
  return record;
}

function covarianceFit(fn: string, name: string, record: Readonly<Record<string, unknown>>): CovarianceFit {
  const { definition, params } = requireModel(fn, record, [], undefined, false, true);
  const correlation = record['correlation'];
  const correlated = correlation !== undefined && correlation !== null;
  const covariance = record['covariance'];
  if (typeof covariance !== 'object' || covariance === null) {
    throw new PatronageError(
      'INVALID_FIT',
      `${fn}: the delta method needs the fit's covariance; give the fit as its fit function returned it`,
      { argument: `${name}.covariance`, value: covariance },
    );
  }
  const { matrix, parameters, reason } = covariance as Record<string, unknown>;
  if (!Array.isArray(matrix)) {
    throw new PatronageError(
      'INVALID_FIT',
      `${fn}: the fit has no covariance matrix${typeof reason === 'string' ? ` (${reason})` : ''}, so no delta interval; use method 'bootstrap'`,
      { argument: `${name}.covariance.matrix`, value: matrix },
    );
  }
  // a correlated fit's covariance lists ω after the model's parameters
  const names = correlated ? [...definition.parameters, 'omega'] : definition.parameters;
  const size = names.length;
  if (!Array.isArray(parameters) || parameters.length !== size || names.some((p, i) => parameters[i] !== p)) {
    throw new PatronageError(
      'INVALID_FIT',
      `${fn}: ${name}.covariance.parameters must be ${names.join(', ')} (the model's order), got ${describeValue(parameters)}`,
      { argument: `${name}.covariance.parameters`, value: parameters },
    );
  }
  const checked: number[][] = [];
  for (let i = 0; i < size; i++) {
    const row = (matrix as unknown[])[i];
    const values: number[] = [];
    for (let j = 0; j < size; j++) {
      const value = Array.isArray(row) ? row[j] : undefined;
      if (typeof value !== 'number' || !Number.isFinite(value) || (i === j && value < 0)) {
        throw new PatronageError(
          'INVALID_FIT',
          `${fn}: ${name}.covariance.matrix must be ${size} rows of ${size} finite numbers with a diagonal at least 0; [${i}][${j}] is ${describeValue(value)}`,
          { argument: `${name}.covariance.matrix`, value },
        );
      }
      values.push(value);
    }
    if (!Array.isArray(row) || row.length !== size) {
      throw new PatronageError(
        'INVALID_FIT',
        `${fn}: ${name}.covariance.matrix[${i}] must hold ${size} numbers`,
        {
          argument: `${name}.covariance.matrix`,
          value: row,
        },
      );
    }
    checked.push(values);
  }
  if (matrix.length !== size) {
    throw new PatronageError('INVALID_FIT', `${fn}: ${name}.covariance.matrix must have ${size} rows`, {
      argument: `${name}.covariance.matrix`,
      value: matrix.length,
    });
  }
  const values = params as unknown as Readonly<Record<string, number>>;
  return {
    model: definition.name,
    params: correlated
      ? { ...values, omega: (correlation as Readonly<Record<string, number>>)['omega'] as number }
      : values,
    covariance: { parameters: names, matrix: checked },
    correlated,
  };
}

function bootstrapOf(fn: string, name: string, value: unknown, model: unknown): BootstrapFits {
  const record = requireObject(fn, name, snapshotData(value));
  if (record['model'] !== model) {
    throw intervalError(
      fn,
      name,
      `${name} holds ${describeValue(record['model'])} refits, the fit is ${model}`,
      record['model'],
    );
  }
  const params = record['params'];
  if (!Array.isArray(params) || params.length < 2) {
    throw intervalError(fn, `${name}.params`, `${name} needs at least 2 refits, from bootstrapFits`, params);
  }
  return record as unknown as BootstrapFits;
}

/** The p-quantile of sorted values, by linear interpolation between order statistics (R's type 7). */
function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const below = Math.floor(h);
  const above = Math.min(sorted.length - 1, below + 1);
  return (sorted[below] as number) + (h - below) * ((sorted[above] as number) - (sorted[below] as number));
}

function deltaInterval(
  fn: string,
  fits: readonly CovarianceFit[],
  evaluate: (specs: readonly ModelSpec[]) => number,
  estimate: number,
  z: number,
  scale: PredictionScale,
): { lower: number; upper: number; standardError: number } {
  let variance = 0;
  fits.forEach((fit, index) => {
    const { parameters, matrix } = fit.covariance;
    const gradient = parameters.map((name) => {
      const value = fit.params[name] as number;
      const step = RELATIVE_STEP * value;
      const shifted = (delta: number): number => {
        const specs = fits.map((other, j) =>
          j === index ? specOf(fit, { ...fit.params, [name]: value + delta }) : specOf(other, other.params),
        );
        return evaluate(specs);
      };
      return (shifted(step) - shifted(-step)) / (2 * step);
    });
    gradient.forEach((gi, i) => {
      gradient.forEach((gj, j) => {
        variance += gi * gj * ((matrix[i] as readonly number[])[j] as number);
      });
    });
  });
  const standardError = finiteResult(fn, "the interval's standard error", Math.sqrt(Math.max(0, variance)));
  if (scale === 'probability') {
    if (estimate <= 0 || estimate >= 1) return { lower: estimate, upper: estimate, standardError };
    const logit = Math.log(estimate / (1 - estimate));
    const spread = (z * standardError) / (estimate * (1 - estimate));
    const inverse = (value: number): number => 1 / (1 + Math.exp(-value));
    return { lower: inverse(logit - spread), upper: inverse(logit + spread), standardError };
  }
  if (estimate <= 0) return { lower: estimate, upper: estimate, standardError };
  const spread = (z * standardError) / estimate;
  return {
    lower: finiteResult(fn, "the interval's lower end", estimate * Math.exp(-spread)),
    upper: finiteResult(fn, "the interval's upper end", estimate * Math.exp(spread)),
    standardError,
  };
}

/**
 * The shared mechanism of every prediction's `intervals` option: `evaluate` is the prediction as a function
 * of the fits' parameters (the purchase fit first, then the spend fit when there is one). Internal.
 */
export function intervalFor(
  fn: string,
  fits: readonly ModelSpec[],
  intervals: unknown,
  evaluate: (specs: readonly ModelSpec[]) => number,
  scale: PredictionScale,
  keys: readonly string[] = INTERVAL_OPTION_KEYS,
  name = 'options.intervals',
): PredictionInterval {
  const record = requireOptions(fn, name, intervals, keys);
  const level = record['level'] === undefined ? 0.9 : record['level'];
  if (typeof level !== 'number' || !(level > 0 && level < 1)) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${fn}: ${name}.level must be strictly between 0 and 1, got ${describeValue(level)}`,
      { argument: `${name}.level`, value: level },
    );
  }
  const method = record['method'];
  if (method !== 'delta' && method !== 'bootstrap') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: ${name}.method must be 'delta' or 'bootstrap', got ${describeValue(method)}`,
      { argument: `${name}.method`, value: method },
    );
  }
  for (const [key, index] of [
    ['bootstrap', 0],
    ['spendBootstrap', 1],
  ] as const) {
    if (record[key] !== undefined && (method === 'delta' || index >= fits.length)) {
      throw intervalError(
        fn,
        `${name}.${key}`,
        method === 'delta'
          ? `${name}.${key} is for method 'bootstrap'`
          : `${name}.${key}: this prediction has no spend model`,
        record[key],
      );
    }
  }
  const fitNames = ['fit', 'options.spendModel'];
  const read = fits.map((fit, i) => readFit(fn, fitNames[i] as string, fit));
  const models = read.map((record) => requireModel(fn, record, [], undefined, false, true).definition.name);
  const estimate = evaluate(read as unknown as ModelSpec[]);
  if (method === 'delta') {
    const checked = read.map((record, i) => covarianceFit(fn, fitNames[i] as string, record));
    const z = normalQuantile(0.5 + level / 2);
    return { estimate, level, method, ...deltaInterval(fn, checked, evaluate, estimate, z, scale) };
  }
  const names = [`${name}.bootstrap`, `${name}.spendBootstrap`];
  const sources = read.map((fitRecord, i) => {
    const name = names[i] as string;
    const correlation = fitRecord['correlation'];
    if (correlation !== undefined && correlation !== null) {
      throw new PatronageError(
        'UNSUPPORTED_MODEL',
        `${fn}: bootstrap intervals for a correlated fit (fit.correlation) are not available yet (bootstrapFits does not refit ω); use method 'delta'`,
        { argument: `${fitNames[i]}.correlation`, value: correlation },
      );
    }
    const given = record[i === 0 ? 'bootstrap' : 'spendBootstrap'];
    if (given === undefined) {
      throw intervalError(fn, name, `method 'bootstrap' needs ${name}, the refits of bootstrapFits`, given);
    }
    return bootstrapOf(fn, name, given, models[i]);
  });
  const count = Math.min(...sources.map((source) => source.params.length));
  const values = new Float64Array(count);
  let sum = 0;
  for (let b = 0; b < count; b++) {
    const specs = sources.map(
      (source) => ({ model: source.model, params: source.params[b] }) as unknown as ModelSpec,
    );
    const value = evaluate(specs);
    values[b] = value;
    sum += value;
  }
  const mean = sum / count;
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  values.sort();
  return {
    estimate,
    lower: quantile(values, (1 - level) / 2),
    upper: quantile(values, (1 + level) / 2),
    level,
    method,
    standardError: finiteResult(fn, "the interval's standard error", Math.sqrt(squares / (count - 1))),
  };
}

/**
 * An interval around any prediction that is a function of one fit's parameters, by the delta method or by
 * the bootstrap: the mechanism behind the `intervals` option of {@link expectedPurchases},
 * {@link probabilityAlive}, {@link discountedExpectedTransactions}, {@link customerLifetimeValue} and
 * {@link expectedAverageSpend}, for predictions of your own (a cash flow of {@link expectedCashFlows}, a
 * conditional probability, a contact date's probability).
 *
 * - `'delta'`: Var g(θ̂) ≈ ∇g(θ̂)ᵀ Σ ∇g(θ̂), Σ the fit's `covariance.matrix`, the gradient by central
 *   differences (relative step 1e−5); the interval is made on the log scale for positive values
 *   (exp(ln g ± z·SE/g)) and on the logit scale for probabilities, z the normal quantile of the level.
 *   Asymptotic: it needs a fit with a covariance (an interior optimum), and trusts the normal approximation.
 * - `'bootstrap'`: the (1 − level)/2 and (1 + level)/2 percentiles of g over the refits of
 *   {@link bootstrapFits} (linear interpolation between order statistics).
 *
 * Both are intervals for the prediction (the expected value), from the uncertainty of the estimates; they
 * are not ranges of a customer's future count itself. Coverage is checked by simulation in the tests and in
 * docs/model-comparison.md.
 *
 * @param fit - the fit, as its fit function returned it (for the delta method, with its `covariance`)
 * @param prediction - the prediction as a function of a fit (`{ model, params }`)
 * @param options - `level` (default 0.9), `method`, `bootstrap` (for the bootstrap), `scale` (default `'positive'`)
 * @returns the estimate, the interval and its standard error
 * @throws PatronageError `INVALID_FIT` for a delta interval of a fit without a covariance matrix,
 *   `UNSUPPORTED_MODEL` for a fit with covariates, `OUT_OF_RANGE` for a level outside (0, 1),
 *   `INVALID_ARGUMENT` for an unknown method or scale, a missing or mismatched `bootstrap`, and
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one); whatever `prediction` throws.
 *
 * @example
 * ```ts
 * import { expectedPurchases, fitBgNbd, predictionInterval } from 'patronage';
 *
 * const rows = [
 *   { frequency: 0, recency: 0, T: 38, weight: 600 },
 *   { frequency: 1, recency: 4, T: 38, weight: 100 },
 *   { frequency: 1, recency: 30, T: 36, weight: 90 },
 *   { frequency: 2, recency: 10, T: 38, weight: 40 },
 *   { frequency: 2, recency: 33, T: 35, weight: 40 },
 *   { frequency: 4, recency: 20, T: 37, weight: 20 },
 *   { frequency: 6, recency: 35, T: 37, weight: 15 },
 * ];
 * const fit = fitBgNbd(rows);
 * const range = predictionInterval(fit, (f) => expectedPurchases(f, 52), { method: 'delta', level: 0.9 });
 * range.lower < range.estimate && range.estimate < range.upper; // => true
 * ```
 *
 * @category CLV models
 */
export function predictionInterval(
  fit: ModelSpec,
  prediction: (fit: ModelSpec) => number,
  options: PredictionIntervalCallOptions,
): PredictionInterval {
  const fn = 'predictionInterval';
  requireObject(fn, 'fit', fit);
  if (typeof prediction !== 'function') {
    throw intervalError(fn, 'prediction', 'prediction must be a function of a fit', prediction);
  }
  const record = requireOptions(fn, 'options', options, CALL_OPTION_KEYS);
  const scale = record['scale'] ?? 'positive';
  if (scale !== 'positive' && scale !== 'probability') {
    throw intervalError(
      fn,
      'options.scale',
      `options.scale must be 'positive' or 'probability', got ${describeValue(scale)}`,
      scale,
    );
  }
  const { scale: _scale, ...rest } = record;
  const evaluate = (specs: readonly ModelSpec[]): number => {
    const value = prediction(specs[0] as ModelSpec);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new PatronageError(
        'NOT_FINITE',
        `${fn}: the prediction returned ${describeValue(value)}, not a finite number`,
        {
          argument: 'prediction',
          value,
        },
      );
    }
    return value;
  };
  return intervalFor(fn, [fit], rest, evaluate, scale, CALL_OPTION_KEYS, 'options');
}
