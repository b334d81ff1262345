import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { optionKeys, requireObject, requireOptions, snapshotData } from '../internal/validate';
import { twoSidedZ } from '../math/normal';
import type { BootstrapFits } from './bootstrapFits';
import { requireCoefficients } from './core/covariates';
import { finiteResult } from './core/inputs';
import type { Coefficients, ModelName, ModelSpec } from './core/types';
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

/**
 * One estimated quantity of a fit's covariance: a model parameter, or a covariate coefficient of one
 * process or (constrained) of both.
 */
type Estimated =
  | { readonly kind: 'parameter'; readonly name: string }
  /** ω of a correlated Pareto/NBD fit, listed after the model's parameters. */
  | { readonly kind: 'omega' }
  | {
      readonly kind: 'coefficient';
      readonly name: string;
      readonly processes: readonly ('purchase' | 'dropout')[];
    };

/** A fit as the delta method reads it: the parameters (and coefficients) and their covariance. */
interface CovarianceFit {
  readonly model: ModelName;
  readonly params: Readonly<Record<string, number>>;
  /** The coefficients of a fit with covariates (fixed ones included), else null. */
  readonly coefficients: Coefficients | null;
  /** `timeVarying` of a fit with covariate paths, carried into every spec. */
  readonly timeVarying: boolean;
  /** ω of a correlated Pareto/NBD fit, else null. */
  readonly omega: number | null;
  readonly covariance: {
    readonly estimated: readonly Estimated[];
    readonly matrix: readonly (readonly number[])[];
  };
}

/** The spec a prediction is evaluated at: the fit's model at given parameters, coefficients and ω. */
function specOf(
  fit: { readonly model: ModelName; readonly timeVarying: boolean },
  params: Readonly<Record<string, number>>,
  coefficients: Coefficients | null,
  omega: number | null = null,
): ModelSpec {
  return {
    model: fit.model,
    params,
    ...(coefficients === null ? {} : { coefficients }),
    ...(fit.timeVarying ? { timeVarying: true } : {}),
    ...(omega === null ? {} : { correlation: { omega } }),
  } as unknown as ModelSpec;
}

/** The relative step of the central differences of the delta method's gradient. */
const RELATIVE_STEP = 1e-5;

function intervalError(fn: string, argument: string, message: string, value: unknown): PatronageError {
  return new PatronageError('INVALID_ARGUMENT', `${fn}: ${message}`, { argument, value });
}

/**
 * The refits' `field` (coefficients, omega) must be in `name` exactly when the fit has what needs it:
 * `says` is how the fit is described either way ("has covariates", "has no covariates").
 */
function requireHeldExactlyWhen(
  fn: string,
  name: string,
  field: string,
  value: unknown,
  needed: boolean,
  says: readonly [string, string],
): void {
  if (needed === (value !== undefined)) return;
  throw intervalError(
    fn,
    `${name}.${field}`,
    needed
      ? `the fit ${says[0]}, so ${name} must hold the refits' ${field} (bootstrapFits of that fit)`
      : `the fit ${says[1]}, but ${name} holds ${field}`,
    value,
  );
}

/** The fit read once (a deep copy). */
function readFit(fn: string, name: string, fit: unknown): Readonly<Record<string, unknown>> {
  return requireObject(fn, name, snapshotData(fit));
}

/** The checked coefficients of a fit as a record, or null without them. */
function coefficientsOf(fn: string, record: Readonly<Record<string, unknown>>): Coefficients | null {
  const { definition } = requireModel(fn, record, [], undefined, true, true);
  const checked = requireCoefficients(fn, definition, record, true);
  if (checked === null) return null;
  return {
    purchase: Object.fromEntries(checked.purchase),
    dropout: Object.fromEntries(checked.dropout),
  };
}

/** What a covariance entry after the model's parameters names: `purchase.<name>`, `dropout.<name>`, `purchase+dropout.<name>`. */
function estimatedCoefficient(
  fn: string,
  name: string,
  entry: unknown,
  coefficients: Coefficients | null,
): Estimated | null {
  if (typeof entry !== 'string' || coefficients === null) return null;
  const dot = entry.indexOf('.');
  const prefix = entry.slice(0, dot);
  const covariate = entry.slice(dot + 1);
  const processes =
    prefix === 'purchase'
      ? (['purchase'] as const)
      : prefix === 'dropout'
        ? (['dropout'] as const)
        : prefix === 'purchase+dropout'
          ? (['purchase', 'dropout'] as const)
          : null;
  if (dot < 0 || processes === null) return null;
  for (const process of processes) {
    if (!Object.hasOwn(coefficients[process], covariate)) {
      throw new PatronageError(
        'INVALID_FIT',
        `${fn}: ${name}.covariance.parameters names ${entry}, but ${name}.coefficients.${process} has no ${covariate}`,
        { argument: `${name}.covariance.parameters`, value: entry },
      );
    }
  }
  return { kind: 'coefficient', name: covariate, processes };
}

function covarianceFit(fn: string, name: string, record: Readonly<Record<string, unknown>>): CovarianceFit {
  const { definition, params } = requireModel(fn, record, [], undefined, true, true);
  const correlation = record['correlation'];
  // requireModel checked ω of a correlated fit
  const omega =
    correlation === undefined || correlation === null
      ? null
      : ((correlation as Readonly<Record<string, number>>)['omega'] as number);
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
  // after the model's parameters: the estimated coefficients and, for a correlated fit, ω (a correlated fit
  // lists it after its coefficients, which a fit without covariates does not have)
  const names = definition.parameters;
  const coefficients = coefficientsOf(fn, record);
  const estimated: Estimated[] = names.map((parameter) => ({ kind: 'parameter', name: parameter }));
  let omegaListed = false;
  const valid =
    Array.isArray(parameters) &&
    parameters.length >= names.length &&
    names.every((p, i) => parameters[i] === p) &&
    parameters.slice(names.length).every((entry) => {
      if (entry === 'omega' && omega !== null && !omegaListed) {
        omegaListed = true;
        estimated.push({ kind: 'omega' });
        return true;
      }
      const coefficient = estimatedCoefficient(fn, name, entry, coefficients);
      if (coefficient !== null) estimated.push(coefficient);
      return coefficient !== null;
    }) &&
    (omega === null || omegaListed);
  if (!valid) {
    const after = [
      ...(coefficients === null
        ? []
        : ['the estimated coefficients (purchase.<name>, dropout.<name> or purchase+dropout.<name>)']),
      ...(omega === null ? [] : ['omega']),
    ];
    throw new PatronageError(
      'INVALID_FIT',
      `${fn}: ${name}.covariance.parameters must be ${names.join(', ')} (the model's order)${after.length === 0 ? '' : `, then ${after.join(' and ')}`}, got ${describeValue(parameters)}`,
      { argument: `${name}.covariance.parameters`, value: parameters },
    );
  }
  const size = estimated.length;
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
  return {
    model: definition.name,
    params: params as unknown as Readonly<Record<string, number>>,
    coefficients,
    timeVarying: record['timeVarying'] === true,
    omega,
    covariance: { estimated, matrix: checked },
  };
}

function bootstrapOf(
  fn: string,
  name: string,
  value: unknown,
  model: unknown,
  withCoefficients: boolean,
  correlated: boolean,
): BootstrapFits {
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
  const coefficients = record['coefficients'];
  requireHeldExactlyWhen(fn, name, 'coefficients', coefficients, withCoefficients, [
    'has covariates',
    'has no covariates',
  ]);
  if (withCoefficients && (!Array.isArray(coefficients) || coefficients.length !== params.length)) {
    throw intervalError(
      fn,
      `${name}.coefficients`,
      `${name}.coefficients must hold one entry per refit in ${name}.params`,
      coefficients,
    );
  }
  const omega = record['omega'];
  requireHeldExactlyWhen(fn, name, 'omega', omega, correlated, ['is correlated', 'has no correlation']);
  if (
    correlated &&
    (!Array.isArray(omega) ||
      omega.length !== params.length ||
      !omega.every((value) => typeof value === 'number' && Number.isFinite(value)))
  ) {
    throw intervalError(
      fn,
      `${name}.omega`,
      `${name}.omega must hold one finite number per refit in ${name}.params`,
      omega,
    );
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

/** Whether `error` is requireModel's refusal of an ω outside the range of its parameters. */
function isOmegaRangeError(error: unknown): boolean {
  return (
    error instanceof PatronageError &&
    error.code === 'INVALID_FIT' &&
    error.details['argument'] === 'fit.correlation.omega'
  );
}

/**
 * The refusal of a delta interval around an ω at the edge of its range (a maximum on its bound), where a
 * step of a parameter or of ω leaves the range in which the mixing density is non-negative.
 */
function omegaAtBound(fn: string, omega: number): PatronageError {
  return new PatronageError(
    'INVALID_FIT',
    `${fn}: the fit's correlation.omega (${omega}) is at the edge of its range (no interior maximum, as fit.reason says), so the delta method's steps leave the range and there is no delta interval; use method 'bootstrap' (bootstrapFits)`,
    { argument: 'fit.correlation.omega', value: omega },
  );
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
    const { estimated, matrix } = fit.covariance;
    const gradient = estimated.map((entry, i) => {
      // a parameter and ω by a relative step (ω = 0 by one relative to its standard error); a coefficient
      // (which may be 0) by a step relative to its size or its standard error, whichever is larger, so that
      // the step does not depend on the covariate's unit
      const coefficients = fit.coefficients;
      const deviation = Math.sqrt((matrix[i] as readonly number[])[i] as number);
      const value =
        entry.kind === 'parameter'
          ? (fit.params[entry.name] as number)
          : entry.kind === 'omega'
            ? (fit.omega as number)
            : ((coefficients as Coefficients)[entry.processes[0] as 'purchase' | 'dropout'][
                entry.name
              ] as number);
      const step =
        entry.kind === 'parameter'
          ? RELATIVE_STEP * value
          : entry.kind === 'omega'
            ? RELATIVE_STEP * (value === 0 ? deviation : Math.abs(value))
            : RELATIVE_STEP * Math.max(Math.abs(value), deviation);
      if (step === 0) return 0;
      const shifted = (delta: number): number => {
        const specs = fits.map((other, j) => {
          if (j !== index) return specOf(other, other.params, other.coefficients, other.omega);
          if (entry.kind === 'parameter') {
            return specOf(fit, { ...fit.params, [entry.name]: value + delta }, fit.coefficients, fit.omega);
          }
          if (entry.kind === 'omega') return specOf(fit, fit.params, fit.coefficients, value + delta);
          const moved = { ...(coefficients as Coefficients) };
          for (const process of entry.processes) {
            moved[process] = { ...moved[process], [entry.name]: value + delta };
          }
          return specOf(fit, fit.params, moved, fit.omega);
        });
        try {
          return evaluate(specs);
        } catch (error) {
          throw fit.omega !== null && isOmegaRangeError(error) ? omegaAtBound(fn, fit.omega) : error;
        }
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
  const models = read.map((record) => requireModel(fn, record, [], undefined, true, true).definition.name);
  const estimate = evaluate(read as unknown as ModelSpec[]);
  if (method === 'delta') {
    const checked = read.map((record, i) => covarianceFit(fn, fitNames[i] as string, record));
    const z = twoSidedZ(fn, `${name}.level`, level);
    return { estimate, level, method, ...deltaInterval(fn, checked, evaluate, estimate, z, scale) };
  }
  const names = [`${name}.bootstrap`, `${name}.spendBootstrap`];
  const sources = read.map((fitRecord, i) => {
    const name = names[i] as string;
    const correlation = fitRecord['correlation'];
    const given = record[i === 0 ? 'bootstrap' : 'spendBootstrap'];
    if (given === undefined) {
      throw intervalError(fn, name, `method 'bootstrap' needs ${name}, the refits of bootstrapFits`, given);
    }
    const withCoefficients = coefficientsOf(fn, read[i] as Readonly<Record<string, unknown>>) !== null;
    const correlated = correlation !== undefined && correlation !== null;
    return bootstrapOf(fn, name, given, models[i], withCoefficients, correlated);
  });
  const fitsRead = read.map((record) => ({
    // (the prediction itself has checked a correlated fit's ω)
    model: requireModel(fn, record, [], undefined, true, true).definition.name,
    timeVarying: record['timeVarying'] === true,
  }));
  const count = Math.min(...sources.map((source) => source.params.length));
  const values = new Float64Array(count);
  let sum = 0;
  for (let b = 0; b < count; b++) {
    const specs = sources.map((source, i) =>
      specOf(
        fitsRead[i] as { model: ModelName; timeVarying: boolean },
        source.params[b] as unknown as Readonly<Record<string, number>>,
        source.coefficients?.[b] ?? null,
        source.omega?.[b] ?? null,
      ),
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
 * For a fit with covariates the delta method runs over the parameters and the estimated coefficients (the
 * fit's covariance holds both), and the prediction's spec carries the coefficients, so a customer's interval
 * is at their covariates; its bootstrap needs the refits' `coefficients` ({@link bootstrapFits} of that fit).
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
 *   or whose covariance names coefficients the fit does not have, `OUT_OF_RANGE` for a level outside (0, 1),
 *   `INVALID_ARGUMENT` for an unknown method or scale, a missing or mismatched `bootstrap` (refits without
 *   `coefficients` for a fit with covariates, or the other way round), and
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
