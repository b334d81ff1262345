import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import {
  optionalObject,
  optionKeys,
  requireObject,
  requirePositiveCount,
  snapshotData,
} from '../internal/validate';
import { seededUniform } from '../math/random';
import { type CovariateFitOptions, fitWithCovariates, requireCoefficients } from './core/covariates';
import { type FitPenaltyValues, MAX_LOG_PARAMS_PENALTY, maximumLikelihood, NO_PENALTY } from './core/fitCore';
import { type CompressedRows, continuousRows, discreteRows, spendRows, weightOf } from './core/rows';
import type { Coefficients, ModelFit, ModelName, ModelParams, ParetoNbdParams } from './core/types';
import { COVARIATE_KERNELS } from './covariateKernels';
import { PARETO_NBD_MIXTURE } from './paretoNbd/covariateMixture';
import { fitCorrelatedParetoNbd } from './paretoNbd/fitCorrelated';
import { MODELS, requireModel } from './registry';

/**
 * Options of {@link bootstrapFits}.
 *
 * @category CLV models
 */
export interface BootstrapFitsOptions {
  /** How many resamples of the customers to refit (default 200; from 1 to 100,000). */
  readonly resamples?: number;
  /** The seed of the resampling (default 1): the same seed, rows and fit give the same refits. */
  readonly seed?: number;
}

const BOOTSTRAP_OPTION_KEYS = /* @__PURE__ */ optionKeys<BootstrapFitsOptions>()(['resamples', 'seed']);

/**
 * The refits of {@link bootstrapFits}: plain data (JSON round-trips it), which the predictions' `intervals`
 * option takes as `bootstrap`.
 *
 * @typeParam M - the model name
 *
 * @category CLV models
 */
export interface BootstrapFits<M extends ModelName = ModelName> {
  /** The model refitted. */
  readonly model: M;
  /** The parameters of each refit whose likelihood could be evaluated, in resample order. */
  readonly params: readonly ModelParams[M][];
  /**
   * For a fit with covariates: the coefficients of each refit, beside `params` (fixed ones at their values);
   * absent for a fit without.
   */
  readonly coefficients?: readonly Coefficients[];
  /**
   * For a correlated Pareto/NBD fit: ω of each refit, beside `params`; absent for a fit without correlation.
   */
  readonly omega?: readonly number[];
  /** Resamples drawn (`params.length` plus `failed`). */
  readonly resamples: number;
  /** Resamples whose refit could not evaluate its likelihood (left out of `params`). */
  readonly failed: number;
  /** Refits among `params` that did not meet the convergence test (kept: the best point found). */
  readonly notConverged: number;
  /** The seed used. */
  readonly seed: number;
  /** Customers in each resample: the fit's `n`. */
  readonly n: number;
}

const FN = 'bootstrapFits';

/** The most resamples one call draws. */
const MAX_RESAMPLES = 100_000;

/** Models whose fit the bootstrap can repeat: one likelihood over one kind of summary row, no whole parameter. */
const READERS: Partial<Record<ModelName, (fn: string, rows: unknown) => CompressedRows>> = {
  bgNbd: continuousRows,
  mbgNbd: continuousRows,
  paretoNbd: continuousRows,
  nbd: continuousRows,
  ggomNbd: continuousRows,
  bgBb: discreteRows,
  gammaGamma: spendRows,
};

/** A resample of the customers: `n` draws with replacement over the distinct rows, as counts. */
function resampleCounts(
  cumulative: Float64Array,
  n: number,
  uniform: () => number,
  counts: Float64Array,
): void {
  counts.fill(0);
  const total = cumulative[cumulative.length - 1] as number;
  for (let draw = 0; draw < n; draw++) {
    const target = uniform() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] as number) > target) high = middle;
      else low = middle + 1;
    }
    counts[low] = (counts[low] as number) + 1;
  }
}

function rowsWithCounts(rows: CompressedRows, counts: Float64Array, n: number): CompressedRows {
  let kept = 0;
  for (let i = 0; i < counts.length; i++) if ((counts[i] as number) > 0) kept++;
  const first = new Float64Array(kept);
  const second = new Float64Array(kept);
  const third = new Float64Array(kept);
  const weight = new Float64Array(kept);
  let j = 0;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i] as number;
    if (count === 0) continue;
    first[j] = rows.first[i] as number;
    second[j] = rows.second[i] as number;
    third[j] = rows.third[i] as number;
    weight[j] = count;
    j++;
  }
  return { first, second, third, weight, total: n };
}

/** The fit read once (a deep copy) and checked: a covered model, no covariates, estimates, its counts. */
function requireFitToRefit(fit: unknown): {
  record: Readonly<Record<string, unknown>>;
  model: ModelName;
  start: number[];
} {
  const record = requireObject(FN, 'fit', snapshotData(fit));
  const model = record['model'];
  if (
    typeof model === 'string' &&
    Object.hasOwn(MODELS, model) &&
    READERS[model as ModelName] === undefined
  ) {
    throw new PatronageError(
      'UNSUPPORTED_MODEL',
      `${FN}: the bootstrap refits ${Object.keys(READERS).join(', ')} fits, not ${model} (the CNBD-k and contract fits are not covered yet)`,
      { argument: 'fit.model', value: model },
    );
  }
  const { definition, params } = requireModel(FN, record, [], undefined, true, true);
  const logLikelihood = record['logLikelihood'];
  if (typeof logLikelihood !== 'number' || !Number.isFinite(logLikelihood)) {
    throw new PatronageError(
      'INVALID_FIT',
      `${FN}: the fit has no estimates to resample around (logLikelihood ${describeValue(logLikelihood)})`,
      { argument: 'fit.logLikelihood', value: logLikelihood },
    );
  }
  const values = params as unknown as Readonly<Record<string, number>>;
  return {
    record,
    model: definition.name,
    start: definition.parameters.map((name) => values[name] as number),
  };
}

function penaltyOf(record: Readonly<Record<string, unknown>>): FitPenaltyValues {
  const penalty = record['penalty'];
  const logParams =
    typeof penalty === 'object' && penalty !== null
      ? (penalty as Record<string, unknown>)['logParams']
      : undefined;
  if (logParams === undefined || logParams === null || logParams === 0) return NO_PENALTY;
  if (typeof logParams !== 'number' || !(logParams > 0 && logParams <= MAX_LOG_PARAMS_PENALTY)) {
    throw new PatronageError(
      'INVALID_FIT',
      `${FN}: fit.penalty.logParams must be a number from 0 to ${MAX_LOG_PARAMS_PENALTY}, got ${describeValue(logParams)}`,
      { argument: 'fit.penalty.logParams', value: logParams },
    );
  }
  return { logParams };
}

/**
 * The options that repeat a covariate fit on a resample: the same covariate sets, constraints, fixed
 * coefficients (those its covariance does not list) and penalty, started at the fit's estimates.
 */
function refitOptions(
  model: ModelName,
  record: Readonly<Record<string, unknown>>,
): CovariateFitOptions<ModelName> {
  const definition = MODELS[model];
  const coefficients = requireCoefficients(FN, definition, record, true);
  if (coefficients === null) {
    throw new PatronageError('INVALID_FIT', `${FN}: fit.coefficients names no covariate`, {
      argument: 'fit.coefficients',
      value: record['coefficients'],
    });
  }
  const covariance = record['covariance'];
  const names =
    typeof covariance === 'object' && covariance !== null
      ? (covariance as Readonly<Record<string, unknown>>)['parameters']
      : undefined;
  if (!Array.isArray(names) || !names.every((name) => typeof name === 'string')) {
    throw new PatronageError(
      'INVALID_FIT',
      `${FN}: a fit with covariates must carry covariance.parameters (which coefficients it estimated), as its fit function returned it`,
      { argument: 'fit.covariance.parameters', value: names },
    );
  }
  const constrained = record['constrained'] ?? [];
  if (!Array.isArray(constrained) || !constrained.every((name) => typeof name === 'string')) {
    throw new PatronageError('INVALID_FIT', `${FN}: fit.constrained must be a list of covariate names`, {
      argument: 'fit.constrained',
      value: constrained,
    });
  }
  const estimated = (process: 'purchase' | 'dropout', name: string): boolean =>
    names.includes(`${process}.${name}`) || names.includes(`purchase+dropout.${name}`);
  const sets = { purchase: [] as string[], dropout: [] as string[] };
  const fixed = { purchase: {} as Record<string, number>, dropout: {} as Record<string, number> };
  const start = { purchase: {} as Record<string, number>, dropout: {} as Record<string, number> };
  for (const process of ['purchase', 'dropout'] as const) {
    for (const [name, value] of coefficients[process]) {
      sets[process].push(name);
      if (estimated(process, name)) start[process][name] = value;
      else fixed[process][name] = value;
    }
  }
  const penalty = record['penalty'];
  return {
    covariates: sets,
    constrain: constrained as string[],
    fixed,
    start: { ...start, params: record['params'] as Partial<ModelParams[ModelName]> },
    ...(typeof penalty === 'object' && penalty !== null ? { penalty } : {}),
  };
}

/** {@link bootstrapFits} of a fit with covariates: resamples of the rows (each with its covariates), refitted. */
function bootstrapCovariateFit(
  model: ModelName,
  record: Readonly<Record<string, unknown>>,
  rows: unknown,
  resamples: number,
  seed: number,
): BootstrapFits {
  const definition = MODELS[model];
  const kernel = COVARIATE_KERNELS[model];
  if (kernel === undefined) {
    throw new PatronageError(
      'INVALID_FIT',
      `${FN}: a ${model} fit has no covariates, but fit.coefficients is given`,
      { argument: 'fit.coefficients', value: record['coefficients'] },
    );
  }
  const options = refitOptions(model, record);
  // a correlated fit (requireModel checked ω): each refit estimates ω again, from the fit's
  const correlation = record['correlation'];
  const omegaStart =
    correlation === undefined || correlation === null
      ? undefined
      : ((correlation as Readonly<Record<string, number>>)['omega'] as number);
  const mixture = omegaStart === undefined ? undefined : PARETO_NBD_MIXTURE;
  const refit = (list: readonly unknown[]) =>
    fitWithCovariates(FN, definition, kernel, list, options, mixture, omegaStart);
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: a fit with covariates is resampled from its rows, a non-empty list of rows with their covariates`,
      { argument: 'rows', value: rows },
    );
  }
  const list = rows as readonly unknown[];
  const cumulative = new Float64Array(list.length);
  let total = 0;
  list.forEach((row, i) => {
    const weight = weightOf(FN, requireObject(FN, `rows[${i}]`, row), i);
    if (!Number.isInteger(weight)) {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${FN}: the bootstrap resamples customers, so every row weight must be a whole number of customers; rows[${i}].weight is ${weight}`,
        { argument: `rows[${i}].weight`, value: weight },
      );
    }
    total += weight;
    cumulative[i] = total;
  });
  if (total !== record['n']) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: rows hold ${total} customers, the fit ${describeValue(record['n'])}: give the rows the fit was made on`,
      { argument: 'rows', value: total },
    );
  }
  // the fit repeated on the rows (warm-started, so a few iterations) refuses rows that are not the fit's (a
  // covariate missing, other distinct rows) before any resample
  const again = refit(list);
  if (again.distinctRows !== record['distinctRows']) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: rows hold ${again.distinctRows} distinct rows (with their covariates), the fit ${describeValue(record['distinctRows'])}: give the rows the fit was made on`,
      { argument: 'rows', value: again.distinctRows },
    );
  }
  const uniform = seededUniform(seed);
  const counts = new Float64Array(list.length);
  const params: ModelParams[ModelName][] = [];
  const coefficients: Coefficients[] = [];
  const omegas: number[] = [];
  let failed = 0;
  let notConverged = 0;
  for (let b = 0; b < resamples; b++) {
    resampleCounts(cumulative, total, uniform, counts);
    const resample: Record<string, unknown>[] = [];
    list.forEach((row, i) => {
      const count = counts[i] as number;
      if (count > 0) resample.push({ ...(row as Record<string, unknown>), weight: count });
    });
    let result: ReturnType<typeof fitWithCovariates> | null = null;
    try {
      result = refit(resample);
    } catch (error) {
      // a resample whose design loses its rank (a rare level drawn for no one) cannot be refitted
      if (!(error instanceof PatronageError && error.code === 'COLLINEAR_COVARIATES')) throw error;
    }
    if (result === null || result.logLikelihood === null) {
      failed++;
      continue;
    }
    if (!result.converged) notConverged++;
    params.push(result.params);
    coefficients.push(result.coefficients);
    if (result.correlation !== undefined) omegas.push(result.correlation.omega);
  }
  return {
    model,
    params,
    coefficients,
    ...(omegaStart === undefined ? {} : { omega: omegas }),
    resamples,
    failed,
    notConverged,
    seed,
    n: total,
  };
}

/**
 * Refits a model on resamples of its customers (the nonparametric bootstrap: draw as many customers as the
 * fit had, with replacement, from the rows it was fitted on, and fit again), for prediction intervals
 * (`intervals: { method: 'bootstrap', bootstrap }` of {@link expectedPurchases}, {@link probabilityAlive},
 * {@link discountedExpectedTransactions}, {@link customerLifetimeValue}, {@link expectedAverageSpend} and
 * {@link predictionInterval}) or for the sampling distribution of the parameters themselves.
 *
 * A row with weight w stands for w customers, so a histogram of distinct rows resamples exactly as the raw
 * rows it summarises; each resample is a set of counts over the distinct rows. Each refit starts from the
 * fit's own estimates (a warm start: a resample's optimum is near them), uses the fit's `penalty`, and
 * returns the best point found; a refit that cannot evaluate its likelihood is counted in `failed` and left
 * out. Seeded: the same fit, rows and seed give the same refits on every machine.
 *
 * Covers BG/NBD, MBG/NBD, Pareto/NBD, NBD, GGom/NBD, BG/BB and Gamma-Gamma fits (a Gamma-Gamma refit is
 * unconstrained: `qAboveOne` is not repeated), and the fits with covariates of {@link fitParetoNbd},
 * {@link fitBgNbd} and {@link fitGgomNbd}: each customer is drawn with its covariates (or covariate path),
 * and each refit repeats the fit's covariate sets, `constrained`, fixed coefficients (those its covariance
 * does not list) and `penalty`, started at its estimates; the result then carries `coefficients` beside
 * `params`. A resample whose design loses its full rank (a rare level drawn for no one) counts as `failed`.
 * A correlated Pareto/NBD fit ({@link fitParetoNbd} with `correlation: true`) is refitted with ω, each refit
 * started at the fit's estimates and ω (on a bound, at the edge of its coordinate), with the fit's
 * `penalty`; the result then carries `omega` beside `params`, and the predictions' bootstrap intervals use
 * each refit's ω. This works where the delta method cannot: a maximum on ω's bound (CDNOW's) has no
 * covariance. A correlated fit with covariates is refitted with its covariates and ω together.
 *
 * @param fit - the fit to resample around, made on `rows`
 * @param rows - the rows the fit was made on (the same kinds of rows or columns its fit function takes)
 * @param options - `resamples` (default 200) and `seed` (default 1)
 * @returns the refits' parameters with counts of failed and non-converged refits
 * @throws PatronageError `INVALID_FIT` for a malformed fit or one without estimates, `UNSUPPORTED_MODEL` for a
 *   model not covered, the covariate fit's codes (`MISSING_COVARIATE`, …) for rows without the fit's
 *   covariates, the row codes of the fit function for `rows`,
 *   `INVALID_ARGUMENT` when `rows` do not hold the fit's customers (their count or distinct rows differ from
 *   `fit.n` and `fit.distinctRows`) or a weight is not whole, `NOT_AN_INTEGER` / `OUT_OF_RANGE` for
 *   `resamples`, and `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { bootstrapFits, fitBgNbd } from 'patronage';
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
 * const boot = bootstrapFits(fit, rows, { resamples: 50, seed: 7 });
 * boot.params.length + boot.failed; // => 50
 * ```
 *
 * @category CLV models
 */
export function bootstrapFits<M extends ModelName>(
  fit: ModelFit<M>,
  rows: unknown,
  options?: BootstrapFitsOptions,
): BootstrapFits<M> {
  const { record: checked, model: name, start } = requireFitToRefit(fit);
  const record = optionalObject(FN, 'options', options, BOOTSTRAP_OPTION_KEYS);
  const resamples =
    record['resamples'] === undefined
      ? 200
      : requirePositiveCount(FN, 'options.resamples', record['resamples']);
  if (resamples > MAX_RESAMPLES) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${FN}: options.resamples is at most ${MAX_RESAMPLES.toLocaleString('en-US')}, got ${resamples}`,
      { argument: 'options.resamples', value: resamples },
    );
  }
  const seedValue = record['seed'] ?? 1;
  if (typeof seedValue !== 'number' || !Number.isInteger(seedValue)) {
    throw new PatronageError(
      'NOT_AN_INTEGER',
      `${FN}: options.seed must be a whole number, got ${describeValue(seedValue)}`,
      {
        argument: 'options.seed',
        value: seedValue,
      },
    );
  }
  const model = name as M;
  if (checked['coefficients'] !== undefined && checked['coefficients'] !== null) {
    return bootstrapCovariateFit(model, checked, rows, resamples, seedValue) as BootstrapFits<M>;
  }
  const definition = MODELS[model];
  const compressed = (READERS[model] as (fn: string, rows: unknown) => CompressedRows)(FN, rows);
  if (compressed.total !== checked['n'] || compressed.first.length !== checked['distinctRows']) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: rows hold ${compressed.total} customers in ${compressed.first.length} distinct rows, the fit ${describeValue(checked['n'])} in ${describeValue(checked['distinctRows'])}: give the rows the fit was made on`,
      { argument: 'rows', value: compressed.total },
    );
  }
  if (!Number.isSafeInteger(compressed.total) || !compressed.weight.every(Number.isInteger)) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: the bootstrap resamples customers, so every row weight must be a whole number of customers`,
      { argument: 'rows', value: compressed.total },
    );
  }
  const refit = { name: model, parameters: definition.parameters, starts: [start] };
  const penalty = penaltyOf(checked);
  const correlation = checked['correlation'];
  // requireModel checked ω (a correlated Pareto/NBD fit): each refit estimates it again, from the fit's
  const omegaStart =
    correlation === undefined || correlation === null
      ? null
      : ((correlation as Readonly<Record<string, number>>)['omega'] as number);
  const omegas: number[] = [];
  const cumulative = new Float64Array(compressed.weight.length);
  let running = 0;
  for (let i = 0; i < cumulative.length; i++) {
    running += compressed.weight[i] as number;
    cumulative[i] = running;
  }
  const uniform = seededUniform(seedValue);
  const counts = new Float64Array(cumulative.length);
  const params: ModelParams[M][] = [];
  let failed = 0;
  let notConverged = 0;
  for (let b = 0; b < resamples; b++) {
    resampleCounts(cumulative, compressed.total, uniform, counts);
    const resample = rowsWithCounts(compressed, counts, compressed.total);
    const result =
      omegaStart === null
        ? maximumLikelihood(refit, definition.likelihood(resample), null, penalty)
        : fitCorrelatedParetoNbd(resample, null, penalty, {
            params: checked['params'] as ParetoNbdParams,
            omega: omegaStart,
          });
    if (result.logLikelihood === null) {
      failed++;
      continue;
    }
    if (!result.converged) notConverged++;
    params.push(result.params as ModelParams[M]);
    if ('correlation' in result) omegas.push(result.correlation.omega);
  }
  return {
    model,
    params,
    ...(omegaStart === null ? {} : { omega: omegas }),
    resamples,
    failed,
    notConverged,
    seed: seedValue,
    n: compressed.total,
  };
}
