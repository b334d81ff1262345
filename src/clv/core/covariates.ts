// Time-invariant covariates for the customer-base models: the options, the rows, the rank check, the
// penalised maximum-likelihood fit and each customer's own parameters for the predictions. Internal; the
// public fits (fitParetoNbd, fitBgNbd, fitGgomNbd) and predictions call it. See docs/model-covariates.md.
//
// A model's CovariateKernel says which parameter each process scales: θ_i = θ·exp(sign·γ·z_i). The
// optimiser works on (ln θ over rescaled time, γ·scale_k), where scale_k is covariate k's root mean square,
// so that its steps and the identification check do not depend on the covariates' units.

import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import {
  optionKeys,
  requireAtLeast,
  requireBetween,
  requireFinite,
  requireKnownKeys,
  requireList,
  requireObject,
} from '../../internal/validate';
import { normalQuantile } from '../../math/normal';
import { invertPositiveDefinite, type Minimum, minimize, type Objective } from '../../math/optimize';
import { requireHistory } from '../../model/customerSummary';
import { type CheckedPath, hasPath, readPath, requireCovariate } from './covariatePaths';
import type {
  CovariateEffects,
  CovariateKernel,
  CovariateMixture,
  CovariateProcess,
  MixturePsi,
  ModelDefinition,
} from './definition';
import {
  BOUNDARY,
  fitModel,
  identification,
  LOG_BOUND,
  MAX_LOG_PARAMS_PENALTY,
  NOT_EVALUATED,
  parameterCovariance,
  unidentified,
  withLogParamsPenalty,
} from './fitCore';
import { finiteOrNull } from './inputs';
import { compress, subsampleRows, weightOf } from './rows';
import { timeScaleOf, totalPurchases } from './timeScale';
import type {
  Coefficients,
  FitPenalty,
  ModelFit,
  ModelName,
  ModelParams,
  ParetoNbdCorrelation,
} from './types';

export type { Coefficients };

/**
 * A customer's time-invariant covariates, by name (gender coded 0/1, a log income, …).
 *
 * @category CLV models
 */
export type Covariates = Readonly<Record<string, number>>;

/**
 * Which covariates act on which process: `purchase` scales the purchase rate, `dropout` the dropout.
 *
 * @category CLV models
 */
export interface CovariateSets {
  /** Names of the covariates of the purchase process. */
  readonly purchase?: readonly string[];
  /** Names of the covariates of the dropout process. */
  readonly dropout?: readonly string[];
}

/**
 * Coefficient values by process and covariate name, as options take them.
 *
 * @category CLV models
 */
export interface CoefficientValues {
  /** Purchase-process coefficients by covariate name. */
  readonly purchase?: Readonly<Record<string, number>>;
  /** Dropout-process coefficients by covariate name. */
  readonly dropout?: Readonly<Record<string, number>>;
}

/**
 * Starting values of a covariate fit (by default the model's fit without covariates and coefficients 0).
 *
 * @typeParam M - the model name
 *
 * @category CLV models
 */
export interface CovariateStart<M extends ModelName> extends CoefficientValues {
  /** Starting model parameters (any of them; positive). */
  readonly params?: Partial<ModelParams[M]>;
}

/**
 * Options of a fit with time-invariant covariates ({@link fitParetoNbd}, {@link fitBgNbd}, {@link fitGgomNbd}).
 *
 * @typeParam M - the model name
 *
 * @category CLV models
 */
export interface CovariateFitOptions<M extends ModelName> {
  /** The covariates of each process; every row must carry each named covariate in its `covariates`. */
  readonly covariates: CovariateSets;
  /**
   * Covariates named in both sets whose purchase and dropout coefficients are one parameter (CLVTools'
   * `names.cov.constr`).
   */
  readonly constrain?: readonly string[];
  /** Coefficients held at the given values instead of estimated. */
  readonly fixed?: CoefficientValues;
  /** Starting values. */
  readonly start?: CovariateStart<M>;
  /**
   * The penalties (default none): `purchase` and `dropout` add λ·Σγ² of that process's coefficients to
   * −ln L / n (CLVTools' `reg.lambdas`), `logParams` adds c·Σ(ln θ)² over the model's parameters, as for
   * the fits without covariates.
   */
  readonly penalty?: FitPenalty;
}

/**
 * 95% confidence intervals of coefficients, γ ± 1.96·SE.
 *
 * @category CLV models
 */
export interface CoefficientIntervals {
  /** Purchase-process intervals by covariate name. */
  readonly purchase: Readonly<Record<string, readonly [number, number]>>;
  /** Dropout-process intervals by covariate name. */
  readonly dropout: Readonly<Record<string, readonly [number, number]>>;
}

/**
 * A fit with time-invariant covariates: a {@link ModelFit} (with `params` the baseline, for z = 0) plus the
 * coefficients. The predictions read `model`, `params` and `coefficients`, and each customer's `covariates`.
 *
 * @typeParam M - the model name
 *
 * @category CLV models
 */
export interface CovariateFit<M extends ModelName = ModelName> extends ModelFit<M> {
  /** The coefficients (fixed ones included; a constrained one under both processes). */
  readonly coefficients: Coefficients;
  /**
   * Standard errors of the estimated coefficients (fixed ones are left out), from the same observed
   * information as `standardErrors` (of the penalised objective when there is a penalty); null with them.
   */
  readonly coefficientStandardErrors: Coefficients | null;
  /** 95% confidence intervals of the estimated coefficients; null with the standard errors. */
  readonly coefficientConfidenceIntervals: CoefficientIntervals | null;
  /** The constrained covariates (one coefficient for both processes). */
  readonly constrained: readonly string[];
  /**
   * The penalised objective as a log-likelihood, `logLikelihood − n·(c·Σ(ln θ)² + λ_purchase·Σγ² +
   * λ_dropout·Σγ²)`: what the fit maximised. Equals `logLikelihood` without a penalty; null with it.
   */
  readonly penalizedLogLikelihood: number | null;
  /**
   * Present (true) on a fit with time-varying covariates (rows with covariate paths): its predictions need
   * each customer's path through the end of the prediction's window, and only {@link probabilityAlive},
   * {@link expectedPurchases}, {@link customerLifetimeValue} and {@link expectedCashFlows} make them.
   */
  readonly timeVarying?: true;
}

/*
 * `aic` and `bic` of a covariate fit count k = the model's parameters + the estimated coefficients (a
 * constrained pair once, fixed ones not); `covariance` is over the parameters and those coefficients, named
 * `purchase.<name>`, `dropout.<name>` and `purchase+dropout.<name>` (a constrained pair).
 */

const PROCESSES: readonly CovariateProcess[] = ['purchase', 'dropout'];
/** The options of a fit with covariates (every key of {@link CovariateFitOptions}, checked by the compiler). */
export const COVARIATE_OPTION_KEYS: readonly (keyof CovariateFitOptions<ModelName> & string)[] =
  /* @__PURE__ */ optionKeys<CovariateFitOptions<ModelName>>()([
    'covariates',
    'constrain',
    'fixed',
    'start',
    'penalty',
  ]);
const Z95 = /* @__PURE__ */ normalQuantile(0.975);

function covariateError(
  code: 'MISSING_COVARIATE' | 'UNKNOWN_COVARIATE' | 'COLLINEAR_COVARIATES',
  message: string,
  details: Record<string, unknown>,
): PatronageError {
  return new PatronageError(code, message, details);
}

/** A list of distinct non-empty names. */
function requireNames(fn: string, name: string, value: unknown): string[] {
  if (value === undefined) return [];
  const list = requireList(fn, name, value);
  const names: string[] = [];
  list.forEach((entry, i) => {
    if (typeof entry !== 'string' || entry === '') {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${fn}: ${name}[${i}] must be a covariate name (a non-empty string), got ${describeValue(entry)}`,
        { argument: `${name}[${i}]`, value: entry },
      );
    }
    if (names.includes(entry)) {
      throw new PatronageError('INVALID_ARGUMENT', `${fn}: ${name} names ${entry} twice`, {
        argument: `${name}[${i}]`,
        value: entry,
      });
    }
    names.push(entry);
  });
  return names;
}

/** One coefficient of the optimiser: a covariate's effect on one process, or on both when constrained. */
export interface Coefficient {
  readonly name: string;
  readonly purchase: boolean;
  readonly dropout: boolean;
  /** The covariate's column in the data. */
  readonly column: number;
}

/** The validated options. */
interface Plan {
  readonly names: readonly string[]; // every covariate read from the rows
  readonly sets: { readonly purchase: readonly string[]; readonly dropout: readonly string[] };
  readonly constrained: readonly string[];
  readonly free: readonly Coefficient[];
  readonly fixed: readonly (Coefficient & { readonly value: number })[];
  readonly starts: ReadonlyMap<Coefficient, number>;
  readonly params: Readonly<Record<string, number>>;
  readonly penalty: { readonly purchase: number; readonly dropout: number; readonly logParams: number };
}

/** The value given for covariate `name` of a constrained pair or one process, checked. */
function coefficientValue(
  fn: string,
  option: string,
  given: { purchase: Readonly<Record<string, unknown>>; dropout: Readonly<Record<string, unknown>> },
  name: string,
  purchase: boolean,
  dropout: boolean,
): number | undefined {
  const values: number[] = [];
  for (const process of PROCESSES) {
    if (!(process === 'purchase' ? purchase : dropout)) continue;
    const value = given[process][name];
    if (value !== undefined) values.push(requireFinite(fn, `${option}.${process}.${name}`, value));
  }
  if (values.length === 2 && values[0] !== values[1]) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: ${option} gives the constrained covariate ${name} two values (${values[0]} and ${values[1]})`,
      { argument: `${option}.dropout.${name}`, value: values[1] },
    );
  }
  return values[0];
}

function readCoefficientValues(
  fn: string,
  option: string,
  value: unknown,
  sets: Plan['sets'],
  extraKeys: readonly string[],
): { purchase: Readonly<Record<string, unknown>>; dropout: Readonly<Record<string, unknown>> } {
  if (value === undefined) return { purchase: {}, dropout: {} };
  const record = requireObject(fn, option, value);
  requireKnownKeys(fn, option, record, ['purchase', 'dropout', ...extraKeys]);
  const read = (process: CovariateProcess): Readonly<Record<string, unknown>> => {
    if (record[process] === undefined) return {};
    const values = requireObject(fn, `${option}.${process}`, record[process]);
    for (const name of Object.keys(values)) {
      if (!sets[process].includes(name)) {
        throw covariateError(
          'UNKNOWN_COVARIATE',
          `${fn}: ${option}.${process} names ${name}, which options.covariates.${process} does not list`,
          { argument: `${option}.${process}.${name}`, value: name },
        );
      }
    }
    return values;
  };
  return { purchase: read('purchase'), dropout: read('dropout') };
}

function readPlan(fn: string, parameters: readonly string[], options: unknown): Plan {
  const record = requireObject(fn, 'options', options);
  requireKnownKeys(fn, 'options', record, COVARIATE_OPTION_KEYS);
  const covariates = requireObject(fn, 'options.covariates', record['covariates']);
  requireKnownKeys(fn, 'options.covariates', covariates, PROCESSES);
  const sets = {
    purchase: requireNames(fn, 'options.covariates.purchase', covariates['purchase']),
    dropout: requireNames(fn, 'options.covariates.dropout', covariates['dropout']),
  };
  const constrained = requireNames(fn, 'options.constrain', record['constrain']);
  constrained.forEach((name, i) => {
    for (const process of PROCESSES) {
      if (!sets[process].includes(name)) {
        throw covariateError(
          'UNKNOWN_COVARIATE',
          `${fn}: options.constrain names ${name}, which options.covariates.${process} does not list (a constraint ties a covariate's purchase and dropout coefficients)`,
          { argument: `options.constrain[${i}]`, value: name },
        );
      }
    }
  });
  const names = [...sets.purchase, ...sets.dropout.filter((name) => !sets.purchase.includes(name))];
  const coefficients: Coefficient[] = [];
  for (const process of PROCESSES) {
    for (const name of sets[process]) {
      const tied = constrained.includes(name);
      if (tied && process === 'dropout') continue;
      coefficients.push({
        name,
        purchase: process === 'purchase',
        dropout: process === 'dropout' || tied,
        column: names.indexOf(name),
      });
    }
  }
  const fixedGiven = readCoefficientValues(fn, 'options.fixed', record['fixed'], sets, []);
  const startRecord =
    record['start'] === undefined ? {} : requireObject(fn, 'options.start', record['start']);
  const startGiven = readCoefficientValues(fn, 'options.start', record['start'], sets, ['params']);
  const free: Coefficient[] = [];
  const fixed: (Coefficient & { value: number })[] = [];
  const starts = new Map<Coefficient, number>();
  for (const coefficient of coefficients) {
    const { name, purchase, dropout } = coefficient;
    const value = coefficientValue(fn, 'options.fixed', fixedGiven, name, purchase, dropout);
    const start = coefficientValue(fn, 'options.start', startGiven, name, purchase, dropout);
    if (value !== undefined) {
      if (start !== undefined) {
        throw new PatronageError(
          'INVALID_ARGUMENT',
          `${fn}: options.start gives a start for ${name}, which options.fixed fixes`,
          { argument: `options.start.${purchase ? 'purchase' : 'dropout'}.${name}`, value: start },
        );
      }
      fixed.push({ ...coefficient, value });
    } else {
      free.push(coefficient);
      if (start !== undefined) starts.set(coefficient, start);
    }
  }
  const params: Record<string, number> = {};
  if (startRecord['params'] !== undefined) {
    const given = requireObject(fn, 'options.start.params', startRecord['params']);
    requireKnownKeys(fn, 'options.start.params', given, parameters);
    for (const name of Object.keys(given)) {
      const value = requireFinite(fn, `options.start.params.${name}`, given[name]);
      if (!(value > 0)) {
        throw new PatronageError(
          'OUT_OF_RANGE',
          `${fn}: options.start.params.${name} must be positive, got ${describeValue(value)}`,
          { argument: `options.start.params.${name}`, value },
        );
      }
      params[name] = value;
    }
  }
  let penalty = { purchase: 0, dropout: 0, logParams: 0 };
  if (record['penalty'] !== undefined) {
    const given = requireObject(fn, 'options.penalty', record['penalty']);
    requireKnownKeys(fn, 'options.penalty', given, [...PROCESSES, 'logParams']);
    penalty = {
      logParams:
        given['logParams'] === undefined
          ? 0
          : requireBetween(fn, 'options.penalty.logParams', given['logParams'], 0, MAX_LOG_PARAMS_PENALTY),
      purchase:
        given['purchase'] === undefined
          ? 0
          : requireAtLeast(fn, 'options.penalty.purchase', given['purchase'], 0),
      dropout:
        given['dropout'] === undefined
          ? 0
          : requireAtLeast(fn, 'options.penalty.dropout', given['dropout'], 0),
    };
  }
  return { names, sets, constrained, free, fixed, starts, params, penalty };
}

/** Distinct (x, t_x, T, z) rows with summed weights, in ascending order of all their columns. */
export interface CovariateRows {
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  readonly age: Float64Array;
  readonly weight: Float64Array;
  /** One column per covariate of the plan, over the distinct rows. */
  readonly columns: readonly Float64Array[];
  readonly total: number;
}

/** Who a row is, for messages: its index, and its `customerId` or `id` when it has one. */
function rowName(index: number, row: Readonly<Record<string, unknown>>): string {
  const id = row['customerId'] ?? row['id'];
  return typeof id === 'string' || typeof id === 'number'
    ? `rows[${index}] (customer ${describeValue(id)})`
    : `rows[${index}]`;
}

/** The object of covariates of a row or customer, or MISSING_COVARIATE. */
export function requireCovariates(
  fn: string,
  name: string,
  who: string,
  record: Readonly<Record<string, unknown>>,
  first: string,
): Readonly<Record<string, unknown>> {
  if (record['covariates'] === undefined) {
    throw covariateError(
      'MISSING_COVARIATE',
      `${fn}: ${who} has no covariates (needs ${first} and the others named)`,
      {
        argument: `${name}.covariates`,
        field: first,
        value: undefined,
      },
    );
  }
  return requireObject(fn, `${name}.covariates`, record['covariates']);
}

function readRows(fn: string, rows: unknown, names: readonly string[]): CovariateRows {
  const list = requireList(fn, 'rows', rows);
  if (list.length === 0) {
    throw new PatronageError('EMPTY_INPUT', `${fn}: rows is empty; a fit needs at least one customer`, {
      argument: 'rows',
    });
  }
  const k = names.length;
  const slots = new Map<string, number>();
  const keys: number[][] = [];
  const weights: number[] = [];
  list.forEach((row, i) => {
    const record = requireObject(fn, `rows[${i}]`, row);
    const { x, tx, T } = requireHistory(fn, `rows[${i}]`, record);
    const w = weightOf(fn, record, i);
    const key = [x, tx + 0, T + 0];
    if (k > 0) {
      const who = rowName(i, record);
      const covariates = requireCovariates(fn, `rows[${i}]`, who, record, names[0] as string);
      for (const name of names) key.push(requireCovariate(fn, `rows[${i}]`, who, covariates, name) + 0);
    }
    const text = key.join(' ');
    const slot = slots.get(text);
    if (slot === undefined) {
      slots.set(text, keys.length);
      keys.push(key);
      weights.push(w);
    } else {
      weights[slot] = (weights[slot] as number) + w;
    }
  });
  // a canonical order (ascending in every column), so that the order of the rows cannot change the fit
  const order = keys.map((_, i) => i);
  order.sort((a, b) => {
    const left = keys[a] as number[];
    const right = keys[b] as number[];
    for (let j = 0; j < left.length; j++) {
      const difference = (left[j] as number) - (right[j] as number);
      if (difference !== 0) return difference;
    }
    return 0;
  });
  const n = order.length;
  const column = (j: number): Float64Array =>
    Float64Array.from(order, (i) => (keys[i] as number[])[j] as number);
  const weight = Float64Array.from(order, (i) => weights[i] as number);
  let total = 0;
  for (const w of weight) total += w;
  return {
    frequency: column(0),
    recency: column(1),
    age: column(2),
    weight,
    columns: names.map((_, j) => column(3 + j)),
    total: n > 0 ? total : 0,
  };
}

const RANK_TOLERANCE = 1e-9;

/**
 * Refuses a design without full column rank: the covariates estimated for one process, with the constant
 * that the model's own parameter (α, β, a and b) already is, must be linearly independent over the
 * customers. Gram–Schmidt on the weighted, centred columns; a column that the earlier ones (and the
 * constant) reproduce to 1e−9 of its spread is named with the columns that reproduce it.
 */
function checkRank(
  fn: string,
  process: CovariateProcess,
  data: CovariateRows,
  coefficients: readonly Coefficient[],
  absorbedBy: string,
): void {
  const { weight, total } = data;
  const n = weight.length;
  const basis: Float64Array[] = [];
  const used: Coefficient[] = [];
  const r: number[][] = []; // r[j][l]: the projection of column j on basis l
  for (const coefficient of coefficients) {
    const z = data.columns[coefficient.column] as Float64Array;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += (weight[i] as number) * (z[i] as number);
    mean /= total;
    const v = Float64Array.from(z, (value) => value - mean);
    let spread = 0;
    let size = 0;
    for (let i = 0; i < n; i++) {
      spread += (weight[i] as number) * (v[i] as number) ** 2;
      size += (weight[i] as number) * (z[i] as number) ** 2;
    }
    spread = Math.sqrt(spread);
    const argument = `options.covariates.${process}`;
    if (!(spread > RANK_TOLERANCE * Math.sqrt(size)) || spread === 0) {
      throw covariateError(
        'COLLINEAR_COVARIATES',
        `${fn}: the ${process} covariate ${coefficient.name} is constant over the customers, so its effect cannot be told from ${absorbedBy} (leave it out: ${absorbedBy} absorbs it)`,
        { argument, columns: [coefficient.name], value: coefficient.name },
      );
    }
    const projections: number[] = [];
    for (const q of basis) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += (weight[i] as number) * (q[i] as number) * (v[i] as number);
      for (let i = 0; i < n; i++) v[i] = (v[i] as number) - dot * (q[i] as number);
      projections.push(dot);
    }
    let rest = 0;
    for (let i = 0; i < n; i++) rest += (weight[i] as number) * (v[i] as number) ** 2;
    rest = Math.sqrt(rest);
    if (rest <= RANK_TOLERANCE * spread) {
      // the combination of the earlier columns that reproduces this one: back-substitute R c = projections
      const c = projections.slice();
      for (let l = c.length - 1; l >= 0; l--) {
        let value = c[l] as number;
        for (let m = l + 1; m < c.length; m++) value -= ((r[m] as number[])[l] as number) * (c[m] as number);
        c[l] = value / ((r[l] as number[])[l] as number);
      }
      const others = used
        .filter((_, l) => Math.abs(c[l] as number) > RANK_TOLERANCE)
        .map((other) => other.name);
      const columns = [...others, coefficient.name];
      throw covariateError(
        'COLLINEAR_COVARIATES',
        `${fn}: the ${process} covariates ${columns.join(', ')} are collinear over the customers (${coefficient.name} is a linear combination of ${others.join(', ')} and a constant), so their effects cannot be told apart; leave one out`,
        { argument, columns, value: coefficient.name },
      );
    }
    for (let i = 0; i < n; i++) v[i] = (v[i] as number) / rest;
    r.push([...projections, rest]);
    basis.push(v);
    used.push(coefficient);
  }
}

/** The rows an objective sums over, with their rescaled times, scaled covariate columns and fixed offsets. */
interface Sample {
  readonly data: CovariateRows;
  readonly times: { readonly recency: Float64Array; readonly age: Float64Array };
  readonly scaled: readonly Float64Array[];
  readonly offsets: { readonly purchase: Float64Array; readonly dropout: Float64Array };
}

interface Searched {
  readonly best: Minimum;
  readonly iterations: number;
  /** The natural parameters the search started from. */
  readonly first: readonly number[];
}

/**
 * The distinct rows of the covariate fit's pilot: fewer than the plain fits' PILOT_ROWS / 2, because the
 * pilot only has to bring the full fit into the region where its first few quasi-Newton steps (started
 * with the pilot's curvature) converge; on the 100k-customer benchmark this halves the fit's time.
 */
const PILOT_TARGET = 8000;

/**
 * A weighted subsample of about PILOT_TARGET distinct rows (for data above PILOT_ROWS), by the rule of the fits without covariates
 * (rows/subsample: rows of weight ≥ k kept, every k-th lighter row kept with its weight times k); null
 * when the rows are already few.
 */
function pilotSample(sample: Sample): Sample | null {
  const { data } = sample;
  const kept = subsampleRows(data.weight, PILOT_TARGET);
  if (kept === null) return null;
  const { pick, weight, total } = kept;
  return {
    data: {
      frequency: pick(data.frequency),
      recency: pick(data.recency),
      age: pick(data.age),
      weight,
      columns: data.columns.map(pick),
      total,
    },
    times: { recency: pick(sample.times.recency), age: pick(sample.times.age) },
    scaled: sample.scaled.map(pick),
    offsets: { purchase: pick(sample.offsets.purchase), dropout: pick(sample.offsets.dropout) },
  };
}

/**
 * The Hessian of `objective` from differences of its analytic gradient, symmetrised, or null: central
 * differences (step 1e−4, 2n gradients) for the pilot's curvature, forward differences (step 1e−5, n + 1
 * gradients, each a pass over the data) for the information matrix of the full data, as the fits without
 * covariates take it; the optimiser's scale is logarithmic or standardised, so the steps are relative.
 */
function hessianOf(objective: Objective, at: Float64Array, central = true): Float64Array | null {
  const n = at.length;
  const hessian = new Float64Array(n * n);
  const up = new Float64Array(n);
  const down = new Float64Array(n);
  const probe = Float64Array.from(at);
  const h = central ? 1e-4 : 1e-5;
  if (!central && !Number.isFinite(objective(at, down))) return null;
  for (let j = 0; j < n; j++) {
    probe[j] = (at[j] as number) + h;
    const valueUp = objective(probe, up);
    probe[j] = (at[j] as number) - h;
    const valueDown = central ? objective(probe, down) : 0;
    probe[j] = at[j] as number;
    if (!Number.isFinite(valueUp) || !Number.isFinite(valueDown)) return null;
    const step = central ? 2 * h : h;
    for (let i = 0; i < n; i++) hessian[i * n + j] = ((up[i] as number) - (down[i] as number)) / step;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const mean = ((hessian[i * n + j] as number) + (hessian[j * n + i] as number)) / 2;
      hessian[i * n + j] = mean;
      hessian[j * n + i] = mean;
    }
  }
  return hessian.every(Number.isFinite) ? hessian : null;
}

/** How the kernel's parameters and the free coefficients enter the linear predictors, read once per objective. */
interface EffectLayout {
  /** Per parameter, the process whose predictor scales it: 1 purchase, 2 dropout, 0 none. */
  readonly processOf: readonly number[];
  /** Per parameter, the sign of that predictor in its exponent. */
  readonly signOf: readonly number[];
  /** Per free coefficient, whether it enters the purchase and the dropout predictor. */
  readonly inPurchase: readonly boolean[];
  readonly inDropout: readonly boolean[];
}

function effectLayout(kernel: CovariateKernel, free: readonly Coefficient[]): EffectLayout {
  return {
    processOf: kernel.effects.map((effect) =>
      effect.process === 'purchase' ? 1 : effect.process === 'dropout' ? 2 : 0,
    ),
    signOf: kernel.effects.map((effect) => effect.sign),
    inPurchase: free.map((coefficient) => coefficient.purchase),
    inDropout: free.map((coefficient) => coefficient.dropout),
  };
}

/** θ = exp(u) of the model's m log-parameters into `base`; false where one is not positive and finite. */
function baselineInto(u: Float64Array, m: number, base: Float64Array): boolean {
  for (let j = 0; j < m; j++) {
    base[j] = Math.exp(u[j] as number);
    if (!((base[j] as number) > 0 && Number.isFinite(base[j] as number))) return false;
  }
  return true;
}

/** Row i's two linear predictors, offset plus Σ γ·z over the free coefficients of each process, into `out`. */
function predictorsInto(
  layout: EffectLayout,
  u: Float64Array,
  m: number,
  scaled: readonly Float64Array[],
  offsets: { purchase: Float64Array; dropout: Float64Array },
  i: number,
  out: Float64Array,
): void {
  const { inPurchase, inDropout } = layout;
  let purchase = offsets.purchase[i] as number;
  let dropout = offsets.dropout[i] as number;
  for (let c = 0; c < inPurchase.length; c++) {
    const term = (u[m + c] as number) * ((scaled[c] as Float64Array)[i] as number);
    if (inPurchase[c]) purchase += term;
    if (inDropout[c]) dropout += term;
  }
  out[0] = purchase;
  out[1] = dropout;
}

/** A customer's parameters θ_j·exp(sign_j·η) from the baseline `base` and its predictors (purchase, dropout). */
function customerParamsInto(
  layout: EffectLayout,
  base: Float64Array,
  predictors: Float64Array,
  params: Float64Array,
): void {
  const { processOf, signOf } = layout;
  for (let j = 0; j < params.length; j++) {
    const process = processOf[j] as number;
    const eta = process === 1 ? (predictors[0] as number) : process === 2 ? (predictors[1] as number) : 0;
    params[j] = eta === 0 ? (base[j] as number) : (base[j] as number) * Math.exp((signOf[j] as number) * eta);
  }
}

/** Adds w·g·z to each free coefficient's sum, g the derivative by its processes' predictors (purchase, dropout). */
function addCoefficientSums(
  layout: EffectLayout,
  sums: Float64Array,
  m: number,
  w: number,
  gPurchase: number,
  gDropout: number,
  scaled: readonly Float64Array[],
  i: number,
): void {
  const { inPurchase, inDropout } = layout;
  for (let c = 0; c < inPurchase.length; c++) {
    const g = (inPurchase[c] ? gPurchase : 0) + (inDropout[c] ? gDropout : 0);
    sums[m + c] = (sums[m + c] as number) + w * g * ((scaled[c] as Float64Array)[i] as number);
  }
}

/**
 * The objectives' common tail: −Σ w·ln L / total plus the coefficients' penalty Σ λ_c·γ_c² (when
 * `penalised`), and with `gradient` its gradient from the sums of the rows' derivatives; NaN where the sum
 * is not finite.
 */
function penalisedValue(
  sum: number,
  sums: Float64Array,
  total: number,
  u: Float64Array,
  m: number,
  lambdas: Float64Array,
  penalised: boolean,
  gradient: Float64Array | null,
): number {
  if (!Number.isFinite(sum)) return Number.NaN;
  const k = lambdas.length;
  let penalty = 0;
  if (penalised) for (let c = 0; c < k; c++) penalty += (lambdas[c] as number) * (u[m + c] as number) ** 2;
  if (gradient !== null) {
    for (let j = 0; j < sums.length; j++) gradient[j] = -(sums[j] as number) / total;
    if (penalised)
      for (let c = 0; c < k; c++)
        gradient[m + c] = (gradient[m + c] as number) + 2 * (lambdas[c] as number) * (u[m + c] as number);
  }
  return -sum / total + penalty;
}

/**
 * The covariate objective: −ln L / n (+ the penalty) over (ln θ on the rescaled time, γ·scale), with its
 * analytic gradient: each customer's parameters are θ·exp(sign·η) with η = Σ γ z of the parameter's process,
 * so ∂/∂γ_k = Σ over that process's parameters of sign·z_k·∂ ln L/∂ ln θ_i.
 */
function covariateObjective(
  kernel: CovariateKernel,
  data: CovariateRows,
  times: { recency: Float64Array; age: Float64Array },
  free: readonly Coefficient[],
  scaled: readonly Float64Array[],
  offsets: { purchase: Float64Array; dropout: Float64Array },
  lambdas: Float64Array,
  penalised: boolean,
): Objective {
  const { frequency, weight, total } = data;
  const { recency, age } = times;
  const m = kernel.effects.length;
  const k = free.length;
  const rows = frequency.length;
  const base = new Float64Array(m);
  const params = new Float64Array(m);
  const rowGradient = new Float64Array(m);
  const sums = new Float64Array(m + k);
  const predictors = new Float64Array(2);
  const layout = effectLayout(kernel, free);
  const { processOf, signOf } = layout;
  return (u, gradient) => {
    if (!baselineInto(u, m, base)) return Number.NaN;
    const want = gradient !== null;
    if (want) sums.fill(0);
    let sum = 0;
    for (let i = 0; i < rows; i++) {
      predictorsInto(layout, u, m, scaled, offsets, i, predictors);
      customerParamsInto(layout, base, predictors, params);
      const ll = kernel.rowLogLikelihood(
        params,
        frequency[i] as number,
        recency[i] as number,
        age[i] as number,
        want ? rowGradient : null,
      );
      if (!Number.isFinite(ll)) return Number.NaN;
      const w = weight[i] as number;
      sum += w * ll;
      if (want) {
        let gPurchase = 0;
        let gDropout = 0;
        for (let j = 0; j < m; j++) {
          const g = rowGradient[j] as number;
          sums[j] = (sums[j] as number) + w * g;
          const process = processOf[j] as number;
          if (process === 1) gPurchase += (signOf[j] as number) * g;
          else if (process === 2) gDropout += (signOf[j] as number) * g;
        }
        addCoefficientSums(layout, sums, m, w, gPurchase, gDropout, scaled, i);
      }
    }
    return penalisedValue(sum, sums, total, u, m, lambdas, penalised, gradient);
  };
}

/**
 * The objective of a correlated model with covariates (a {@link CovariateMixture}): −ln L / n (+ the penalty)
 * over (ln θ on the rescaled time, γ·scale, then t when `omega` is null), each customer's likelihood
 * L = Σₖ wₖ Lₖ over the mixture's sets, set k at the baseline θ + shiftₖ·unit scaled by the customer's
 * covariates. With sharesₖ = wₖLₖ/L, ∂ ln L/∂ ln θ_j = Σₖ sharesₖ·(θ_j/θₖ_j)·∂ ln Lₖ/∂ ln θₖ_j + (Σₖ signₖLₖ/L)·∂ψ/∂ ln θ_j,
 * the coefficients' derivatives as in {@link covariateObjective} with the shares, and ∂/∂t through ψ alone.
 */
export function mixtureObjective(
  kernel: CovariateKernel,
  mixture: CovariateMixture,
  unit: number,
  omega: number | null,
  data: CovariateRows,
  times: { recency: Float64Array; age: Float64Array },
  free: readonly Coefficient[],
  scaled: readonly Float64Array[],
  offsets: { purchase: Float64Array; dropout: Float64Array },
  lambdas: Float64Array,
  penalised: boolean,
): Objective {
  const { frequency, weight, total } = data;
  const { recency, age } = times;
  const m = kernel.effects.length;
  const k = free.length;
  const size = m + k + (omega === null ? 1 : 0);
  const rows = frequency.length;
  const setCount = mixture.shifts.length;
  const base = new Float64Array(m);
  const shifted = mixture.shifts.map(() => new Float64Array(m));
  const params = new Float64Array(m);
  const rowGradients = mixture.shifts.map(() => new Float64Array(m));
  const logs = new Float64Array(setCount);
  const weights = new Float64Array(setCount);
  const terms = new Float64Array(setCount);
  const sums = new Float64Array(size);
  const psiInput = new Float64Array(m + 1);
  const psi: MixturePsi = { psi: 0, omega: 0, d: new Float64Array(m + 1) };
  const predictors = new Float64Array(2);
  const layout = effectLayout(kernel, free);
  const { processOf, signOf } = layout;
  // ω held at 0: the model without correlation, the other sets not evaluated
  const plain = omega === 0;
  return (u, gradient) => {
    for (let j = 0; j < size; j++) if (!Number.isFinite(u[j] as number)) return Number.NaN;
    if (!baselineInto(u, m, base)) return Number.NaN;
    for (let j = 0; j < m; j++) psiInput[j] = u[j] as number;
    psiInput[m] = omega === null ? (u[m + k] as number) : 0;
    if (!mixture.psi(psiInput, unit, omega, psi)) return Number.NaN;
    for (let set = 0; set < setCount; set++) {
      weights[set] = (set === 0 ? 1 : 0) + (mixture.signs[set] as number) * psi.psi;
      const shift = mixture.shifts[set] as readonly number[];
      const target = shifted[set] as Float64Array;
      for (let j = 0; j < m; j++) target[j] = (base[j] as number) + (shift[j] as number) * unit;
    }
    const want = gradient !== null;
    if (want) sums.fill(0);
    let sum = 0;
    for (let i = 0; i < rows; i++) {
      predictorsInto(layout, u, m, scaled, offsets, i, predictors);
      let top = Number.NEGATIVE_INFINITY;
      for (let set = 0; set < setCount; set++) {
        if (plain && set > 0) continue;
        customerParamsInto(layout, shifted[set] as Float64Array, predictors, params);
        const ll = kernel.rowLogLikelihood(
          params,
          frequency[i] as number,
          recency[i] as number,
          age[i] as number,
          want ? (rowGradients[set] as Float64Array) : null,
        );
        if (!Number.isFinite(ll)) return Number.NaN;
        logs[set] = ll;
        if (ll > top) top = ll;
      }
      let bracket = 0;
      let difference = 0;
      for (let set = 0; set < setCount; set++) {
        const term = plain && set > 0 ? 0 : Math.exp((logs[set] as number) - top);
        terms[set] = term;
        bracket += (weights[set] as number) * term;
        difference += (mixture.signs[set] as number) * term;
      }
      // outside the density's range, or the combination lost to rounding
      if (!(bracket > 0)) return Number.NaN;
      const w = weight[i] as number;
      sum += w * (top + Math.log(bracket));
      if (want) {
        let gPurchase = 0;
        let gDropout = 0;
        for (let set = 0; set < setCount; set++) {
          if (plain && set > 0) continue;
          const share = ((weights[set] as number) * (terms[set] as number)) / bracket;
          if (share === 0) continue;
          const g = rowGradients[set] as Float64Array;
          const target = shifted[set] as Float64Array;
          for (let j = 0; j < m; j++) {
            const gj = g[j] as number;
            sums[j] = (sums[j] as number) + w * share * gj * ((base[j] as number) / (target[j] as number));
            const process = processOf[j] as number;
            if (process === 1) gPurchase += share * (signOf[j] as number) * gj;
            else if (process === 2) gDropout += share * (signOf[j] as number) * gj;
          }
        }
        const ratio = difference / bracket;
        for (let j = 0; j < m; j++) sums[j] = (sums[j] as number) + w * ratio * (psi.d[j] as number);
        if (omega === null) sums[m + k] = (sums[m + k] as number) + w * ratio * (psi.d[m] as number);
        addCoefficientSums(layout, sums, m, w, gPurchase, gDropout, scaled, i);
      }
    }
    return penalisedValue(sum, sums, total, u, m, lambdas, penalised, gradient);
  };
}

/** Rows with covariate paths (time-varying covariates): each customer's summary and its path's segments. */
interface PathRows {
  /** Per customer: x, t_x, T and weight; `columns` is empty (the covariates are per segment). */
  readonly summary: CovariateRows;
  /** Customer i's segments are from[i] … from[i + 1] − 1 of the flat arrays. */
  readonly from: Int32Array;
  /** Segment ends, flat. */
  readonly ends: Float64Array;
  /** Repeat purchases per segment, flat. */
  readonly counts: Float64Array;
  /**
   * One design row per segment, weighted by the customer's weight times the segment's length: for the rank
   * check and the covariates' scales (a covariate's root mean square over the customers' time).
   */
  readonly design: CovariateRows;
}

/** Whether the rows carry covariate paths (the first row decides; every row must then carry one). */
function pathRowsGiven(rows: unknown): boolean {
  return Array.isArray(rows) && rows.length > 0 && hasPath(rows[0]);
}

function readPathRows(fn: string, rows: unknown, names: readonly string[]): PathRows {
  const list = requireList(fn, 'rows', rows);
  interface Customer {
    readonly x: number;
    readonly tx: number;
    readonly T: number;
    readonly w: number;
    readonly path: CheckedPath;
    readonly key: string;
  }
  const customers: Customer[] = list.map((row, i) => {
    const record = requireObject(fn, `rows[${i}]`, row);
    const { x, tx, T } = requireHistory(fn, `rows[${i}]`, record);
    const w = weightOf(fn, record, i);
    const who = rowName(i, record);
    const path = readPath(fn, `rows[${i}]`, who, record, names, x, tx, T, 'the end of observation T');
    const key = [
      Array.from(path.ends).join(','),
      ...path.columns.map((column) => Array.from(column).join(',')),
      Array.from(path.counts).join(','),
    ].join(';');
    return { x, tx: tx + 0, T: T + 0, w, path, key };
  });
  // a canonical order, so that the order of the rows cannot change the fit
  customers.sort(
    (a, b) =>
      a.x - b.x || a.tx - b.tx || a.T - b.T || a.w - b.w || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  const n = customers.length;
  const from = new Int32Array(n + 1);
  let segments = 0;
  customers.forEach((c, i) => {
    from[i] = segments;
    segments += c.path.ends.length;
  });
  from[n] = segments;
  const ends = new Float64Array(segments);
  const counts = new Float64Array(segments);
  const exposure = new Float64Array(segments);
  const columns = names.map(() => new Float64Array(segments));
  let total = 0;
  let exposureTotal = 0;
  customers.forEach((c, i) => {
    const first = from[i] as number;
    total += c.w;
    let start = 0;
    c.path.ends.forEach((end, k) => {
      ends[first + k] = end;
      counts[first + k] = c.path.counts[k] as number;
      exposure[first + k] = c.w * (end - start);
      exposureTotal += c.w * (end - start);
      start = end;
      names.forEach((_, j) => {
        (columns[j] as Float64Array)[first + k] = (c.path.columns[j] as Float64Array)[k] as number;
      });
    });
  });
  const column = (pick: (c: Customer) => number): Float64Array => Float64Array.from(customers, pick);
  const frequency = column((c) => c.x);
  return {
    summary: {
      frequency,
      recency: column((c) => c.tx),
      age: column((c) => c.T),
      weight: column((c) => c.w),
      columns: [],
      total,
    },
    from,
    ends,
    counts,
    design: {
      frequency: new Float64Array(segments),
      recency: new Float64Array(segments),
      age: new Float64Array(segments),
      weight: exposure,
      columns,
      total: exposureTotal,
    },
  };
}

/**
 * The objective of the time-varying fit: −ln L / n (+ the penalty) over (ln θ on the rescaled time,
 * γ·scale), each customer's likelihood along its path (the kernel's `pathLogLikelihood`), with ln a and ln b
 * per segment the linear predictors of the two processes, and its analytic gradient: the kernel gives
 * ∂ ln L/∂ ln θ and the derivatives by each segment's linear predictors, so ∂/∂γ_k = Σ over the segments
 * of z_k times the derivative of its process's predictor.
 */
function pathObjective(
  kernel: CovariateKernel,
  paths: PathRows,
  times: { recency: Float64Array; age: Float64Array; ends: Float64Array },
  free: readonly Coefficient[],
  scaled: readonly Float64Array[],
  offsets: { purchase: Float64Array; dropout: Float64Array },
  lambdas: Float64Array,
  penalised: boolean,
): Objective {
  const pathLogLikelihood = kernel.pathLogLikelihood as NonNullable<CovariateKernel['pathLogLikelihood']>;
  const { frequency, weight, total } = paths.summary;
  const { from, counts } = paths;
  const { recency, age, ends } = times;
  const m = kernel.effects.length;
  const k = free.length;
  const customers = frequency.length;
  const segments = ends.length;
  const params = new Float64Array(m);
  const purchase = new Float64Array(segments);
  const dropout = new Float64Array(segments);
  const dPurchase = new Float64Array(segments);
  const dDropout = new Float64Array(segments);
  const rowGradient = new Float64Array(m);
  const sums = new Float64Array(m + k);
  return (u, gradient) => {
    if (!baselineInto(u, m, params)) return Number.NaN;
    purchase.set(offsets.purchase);
    dropout.set(offsets.dropout);
    for (let c = 0; c < k; c++) {
      const gamma = u[m + c] as number;
      const column = scaled[c] as Float64Array;
      const coefficient = free[c] as Coefficient;
      if (coefficient.purchase)
        for (let i = 0; i < segments; i++)
          purchase[i] = (purchase[i] as number) + gamma * (column[i] as number);
      if (coefficient.dropout)
        for (let i = 0; i < segments; i++)
          dropout[i] = (dropout[i] as number) + gamma * (column[i] as number);
    }
    const want = gradient !== null;
    if (want) sums.fill(0);
    let sum = 0;
    for (let i = 0; i < customers; i++) {
      const first = from[i] as number;
      const last = from[i + 1] as number;
      const ll = pathLogLikelihood(
        params,
        frequency[i] as number,
        recency[i] as number,
        age[i] as number,
        ends,
        purchase,
        dropout,
        counts,
        first,
        last,
        want ? rowGradient : null,
        want ? dPurchase : null,
        want ? dDropout : null,
      );
      if (!Number.isFinite(ll)) return Number.NaN;
      const w = weight[i] as number;
      sum += w * ll;
      if (want) {
        for (let j = 0; j < m; j++) sums[j] = (sums[j] as number) + w * (rowGradient[j] as number);
        for (let c = 0; c < k; c++) {
          const column = scaled[c] as Float64Array;
          const coefficient = free[c] as Coefficient;
          let g = 0;
          for (let q = first; q < last; q++) {
            const d =
              (coefficient.purchase ? (dPurchase[q] as number) : 0) +
              (coefficient.dropout ? (dDropout[q] as number) : 0);
            g += d * (column[q] as number);
          }
          sums[m + c] = (sums[m + c] as number) + w * g;
        }
      }
    }
    return penalisedValue(sum, sums, total, u, m, lambdas, penalised, gradient);
  };
}

/** Keeps the search inside e^±20, as the fits without covariates do (fitCore's LOG_BOUND). */
function bounded(objective: Objective): Objective {
  return (u, gradient) => {
    for (let j = 0; j < u.length; j++) if (!(Math.abs(u[j] as number) <= LOG_BOUND)) return Number.NaN;
    return objective(u, gradient);
  };
}

/**
 * Fits `definition` with time-invariant covariates: validates the options and rows, refuses a design
 * without full rank, fits the model without covariates for a start, then maximises the (penalised)
 * likelihood over the model's parameters and the free coefficients.
 */
export function fitWithCovariates<M extends ModelName>(
  fn: string,
  definition: ModelDefinition<M>,
  kernel: CovariateKernel,
  rows: unknown,
  options: unknown,
  mixture?: CovariateMixture,
  omegaStart?: number,
): CovariateFit<M> & { readonly correlation?: ParetoNbdCorrelation } {
  const plan = readPlan(fn, definition.parameters, options);
  const timeVarying = pathRowsGiven(rows);
  if (timeVarying && mixture !== undefined) {
    throw new PatronageError(
      'INVALID_OPTION',
      `${fn}: options.correlation is not supported with time-varying covariates (rows with a covariatePath) yet; use time-invariant covariates or no correlation`,
      { argument: 'options.correlation', option: 'correlation', suggestion: null },
    );
  }
  if (timeVarying && kernel.pathLogLikelihood === undefined) {
    throw new PatronageError(
      'UNSUPPORTED_COVARIATES',
      `${fn}: rows[0] carries a covariate path (covariatePath), but time-varying covariates are supported for Pareto/NBD only`,
      { argument: 'rows[0].covariatePath', value: definition.name },
    );
  }
  const paths = timeVarying ? readPathRows(fn, rows, plan.names) : null;
  const data = paths === null ? readRows(fn, rows, plan.names) : paths.summary;
  // the rows the covariates' rank and scales are taken over: the customers, or their time (the segments)
  const design = paths === null ? data : paths.design;
  const absorbed = (process: CovariateProcess): string =>
    listParameters(definition.parameters.filter((_, j) => kernel.effects[j]?.process === process));
  for (const process of PROCESSES) {
    checkRank(
      fn,
      process,
      design,
      plan.free.filter((c) => c[process]),
      absorbed(process),
    );
  }
  const plain = compress(data.frequency, data.recency, data.age, data.weight);
  const scale = timeScaleOf(plain);
  const purchases = totalPurchases(plain);
  const times = {
    recency: scale === 1 ? data.recency : data.recency.map((value) => value / scale),
    age: scale === 1 ? data.age : data.age.map((value) => value / scale),
  };
  const n = data.weight.length;
  const designRows = design.weight.length;
  // each free coefficient's column over its root mean square; fixed ones as offsets
  const scales = plan.free.map((c) => {
    const z = design.columns[c.column] as Float64Array;
    let sum = 0;
    for (let i = 0; i < designRows; i++) sum += (design.weight[i] as number) * (z[i] as number) ** 2;
    return Math.sqrt(sum / design.total);
  });
  const scaled = plan.free.map((c, index) =>
    (design.columns[c.column] as Float64Array).map((value) => value / (scales[index] as number)),
  );
  const offsets = { purchase: new Float64Array(designRows), dropout: new Float64Array(designRows) };
  for (const c of plan.fixed) {
    const z = design.columns[c.column] as Float64Array;
    for (let i = 0; i < designRows; i++) {
      if (c.purchase) offsets.purchase[i] = (offsets.purchase[i] as number) + c.value * (z[i] as number);
      if (c.dropout) offsets.dropout[i] = (offsets.dropout[i] as number) + c.value * (z[i] as number);
    }
  }
  const lambdas = Float64Array.from(plan.free, (c, index) => {
    const lambda = (c.purchase ? plan.penalty.purchase : 0) + (c.dropout ? plan.penalty.dropout : 0);
    return lambda / (scales[index] as number) ** 2;
  });
  const m = definition.parameters.length;
  const k = plan.free.length;
  const timeFactor = (j: number): number => scale ** (kernel.timePowers[j] ?? 0);
  const coefficientsPenalised = lambdas.some((lambda) => lambda > 0);
  const penalised = coefficientsPenalised || plan.penalty.logParams > 0;
  // the log-parameter penalty, c·Σ (ln θ)² over the model's natural parameters (ln θ_j = u_j + ln of its
  // time factor), as the fits without covariates add it; the coefficients are not log-parameters
  const logOffsets = definition.parameters.map((_, j) => Math.log(timeFactor(j)));
  const withLogParams = (inner: Objective): Objective => {
    const c = plan.penalty.logParams;
    return c > 0 ? withLogParamsPenalty(inner, c, m, logOffsets) : inner;
  };
  const pathTimes =
    paths === null
      ? null
      : { ...times, ends: scale === 1 ? paths.ends : paths.ends.map((value) => value / scale) };
  const objectiveOf = (withPenalty: boolean): Objective =>
    mixture !== undefined
      ? mixtureObjective(
          kernel,
          mixture,
          1 / scale,
          null,
          data,
          times,
          plan.free,
          scaled,
          offsets,
          lambdas,
          withPenalty,
        )
      : paths === null || pathTimes === null
        ? covariateObjective(kernel, data, times, plan.free, scaled, offsets, lambdas, withPenalty)
        : pathObjective(kernel, paths, pathTimes, plan.free, scaled, offsets, lambdas, withPenalty);
  const objective = withLogParams(objectiveOf(coefficientsPenalised));
  const unpenalised = penalised ? objectiveOf(false) : objective;

  // starts: the fit without covariates (or the user's parameters), then the model's own starts
  const coefficientStart = plan.free.map((c, index) => (plan.starts.get(c) ?? 0) * (scales[index] as number));
  const startFrom = (natural: readonly number[]): Float64Array =>
    Float64Array.from([...natural.map((value, j) => Math.log(value / timeFactor(j))), ...coefficientStart]);
  const searchFrom = (set: Sample, setObjective: Objective, fixedStarts?: Float64Array[]): Searched => {
    // the fit without covariates starts the search, unless the options give every parameter's start (as
    // bootstrapFits does, warm-starting each refit at the fit's estimates) or the starts are given
    const given =
      fixedStarts !== undefined || definition.parameters.every((name) => plan.params[name] !== undefined);
    const plainFit = given
      ? null
      : fitModel(definition, compress(set.data.frequency, set.data.recency, set.data.age, set.data.weight));
    const plainParams = (plainFit?.params ?? {}) as unknown as Record<string, number>;
    const first = definition.parameters.map(
      (name, j) =>
        plan.params[name] ??
        (plainFit === null || plainFit.logLikelihood === null
          ? (definition.starts[0]?.[j] as number)
          : (plainParams[name] as number)),
    );
    const starts = fixedStarts ?? [startFrom(first), ...definition.starts.map(startFrom)];
    const search = bounded(setObjective);
    let best: Minimum | null = null;
    let iterations = plainFit?.iterations ?? 0;
    let confirmed = false;
    for (const start of starts) {
      const result = minimize(search, start, { bound: BOUNDARY });
      iterations += result.iterations;
      if (best?.converged === true && result.converged) {
        confirmed = Math.abs(result.value - best.value) <= 1e-9 * Math.max(1, Math.abs(best.value));
      }
      if (
        best === null ||
        result.value < best.value ||
        (result.converged && !best.converged && result.value <= best.value + 1e-9 * Math.abs(best.value))
      )
        best = result;
      // given starts (the correlated fit's values of ω) go on until a second converged start confirms the
      // value, as the fits without covariates do: the likelihood in ω can have a plateau and a higher boundary
      if (fixedStarts === undefined ? best.converged && interior(best.x) : confirmed) break;
    }
    return { best: best as Minimum, iterations, first };
  };
  const interior = (x: Float64Array): boolean => x.every((value, j) => j >= m || Math.abs(value) <= BOUNDARY);
  const full: Sample = { data, times, scaled, offsets };
  // large data: fit a weighted subsample first (as the fits without covariates do) and start the full fit
  // from its optimum and curvature; the result is the maximum of the full likelihood either way
  let searched: Searched | null = null;
  // (the time-varying fit has no pilot: its rows are not the static objective's)
  // (nor the correlated fit: it starts from the fit without correlation)
  const pilot = paths === null && mixture === undefined ? pilotSample(full) : null;
  if (pilot !== null) {
    const pilotObjective = withLogParams(
      covariateObjective(
        kernel,
        pilot.data,
        pilot.times,
        plan.free,
        pilot.scaled,
        pilot.offsets,
        lambdas,
        coefficientsPenalised,
      ),
    );
    const fromPilot = searchFrom(pilot, pilotObjective);
    if (fromPilot.best.converged && interior(fromPilot.best.x)) {
      const hessian = hessianOf(bounded(pilotObjective), fromPilot.best.x);
      const inverse = hessian === null ? null : invertPositiveDefinite(hessian, m + k);
      if (inverse !== null) {
        const result = minimize(bounded(objective), fromPilot.best.x, {
          bound: BOUNDARY,
          inverseHessian: inverse,
        });
        if (result.converged && interior(result.x)) {
          searched = {
            best: result,
            iterations: fromPilot.iterations + result.iterations,
            first: fromPilot.first,
          };
        }
      }
    }
  }
  if (mixture !== undefined) {
    let natural: readonly number[];
    let gammas: number[];
    let omegas: number[];
    let iterations = 0;
    if (omegaStart === undefined) {
      // the fit without correlation first; from its estimates, ω at 0 and halfway to either bound
      const uncorrelated = fitWithCovariates(fn, definition, kernel, rows, options);
      iterations = uncorrelated.iterations;
      natural =
        uncorrelated.logLikelihood === null
          ? (definition.starts[0] as readonly number[])
          : definition.parameters.map(
              (name) => (uncorrelated.params as unknown as Record<string, number>)[name] as number,
            );
      gammas = plan.free.map((c, index) => {
        if (uncorrelated.logLikelihood === null) return coefficientStart[index] as number;
        const values = uncorrelated.coefficients[c.purchase ? 'purchase' : 'dropout'];
        return (values[c.name] as number) * (scales[index] as number);
      });
      const { lower, upper } = mixture.bounds(natural);
      omegas = [0, upper / 2, lower / 2];
    } else {
      // a warm start (bootstrapFits' refits): the options' parameters and coefficients, and this ω
      natural = definition.parameters.map(
        (name, j) => plan.params[name] ?? (definition.starts[0]?.[j] as number),
      );
      gammas = coefficientStart;
      omegas = [omegaStart];
    }
    const { lower, upper } = mixture.bounds(natural);
    const logParams = natural.map((value, j) => Math.log(value / timeFactor(j)));
    // ω on a bound has an infinite coordinate: it starts at the coordinate's edge, ±BOUNDARY
    const coordinate = (omega: number): number =>
      omega >= upper
        ? BOUNDARY
        : omega <= lower
          ? -BOUNDARY
          : Math.min(BOUNDARY, Math.max(-BOUNDARY, Math.log((omega - lower) / (upper - omega))));
    const starts = omegas.map((omega) => Float64Array.from([...logParams, ...gammas, coordinate(omega)]));
    const correlated = searchFrom(full, objective, starts);
    searched = {
      best: correlated.best,
      iterations: iterations + correlated.iterations,
      first: natural,
    };
  }
  searched ??= searchFrom(full, objective);
  const { best, iterations, first } = searched;
  const found = best;

  const named = (values: readonly number[]): Record<string, number> => {
    const out: Record<string, number> = {};
    definition.parameters.forEach((name, j) => {
      out[name] = values[j] as number;
    });
    return out;
  };
  const coefficientsOf = (
    values: (c: Coefficient, index: number) => number,
    withFixed: boolean,
  ): Coefficients => {
    const purchase: Record<string, number> = {};
    const dropout: Record<string, number> = {};
    plan.free.forEach((c, index) => {
      const value = values(c, index);
      if (c.purchase) purchase[c.name] = value;
      if (c.dropout) dropout[c.name] = value;
    });
    if (withFixed) {
      for (const c of plan.fixed) {
        if (c.purchase) purchase[c.name] = c.value;
        if (c.dropout) dropout[c.name] = c.value;
      }
    }
    return { purchase: ordered(purchase, plan.sets.purchase), dropout: ordered(dropout, plan.sets.dropout) };
  };
  const natural = Array.from(found.x.subarray(0, m), (value, j) => Math.exp(value) * timeFactor(j));
  const gammas = Array.from(found.x.subarray(m, m + k), (value, index) => value / (scales[index] as number));
  // the correlated fit's last coordinate t: ω = lower + (upper − lower)·σ(t) within ω's range at θ
  const size = m + k + (mixture === undefined ? 0 : 1);
  const omegaOf = (u: Float64Array): number => {
    const bounds = (mixture as CovariateMixture).bounds(
      Array.from(u.subarray(0, m), (value, j) => Math.exp(value) * timeFactor(j)),
    );
    return bounds.lower + (bounds.upper - bounds.lower) / (1 + Math.exp(-(u[m + k] as number)));
  };
  const scaledValue = penalised ? unpenalised(found.x, null) : found.value;
  const logLikelihood = -scaledValue * data.total - purchases * Math.log(scale);
  // the estimated parameters as the covariance names them: the model's, then the free coefficients
  const covarianceNames = [
    ...definition.parameters,
    ...plan.free.map(
      (c) =>
        `${c.purchase && c.dropout ? 'purchase+dropout' : c.purchase ? 'purchase' : 'dropout'}.${c.name}`,
    ),
    ...(mixture === undefined ? [] : ['omega']),
  ];
  const penaltyUsed: Record<string, number> = {};
  if (plan.penalty.logParams > 0) penaltyUsed['logParams'] = plan.penalty.logParams;
  if (plan.penalty.purchase > 0) penaltyUsed['purchase'] = plan.penalty.purchase;
  if (plan.penalty.dropout > 0) penaltyUsed['dropout'] = plan.penalty.dropout;
  const common = {
    model: definition.name,
    iterations,
    n: data.total,
    distinctRows: n,
    constrained: plan.constrained,
    penalty: Object.keys(penaltyUsed).length > 0 ? (penaltyUsed as FitPenalty) : null,
    ...(paths === null ? {} : { timeVarying: true as const }),
  };
  if (
    !Number.isFinite(found.value) ||
    !Number.isFinite(logLikelihood) ||
    !natural.every((v) => Number.isFinite(v) && v > 0) ||
    !gammas.every(Number.isFinite)
  ) {
    return {
      ...common,
      params: named(first) as unknown as ModelParams[M],
      logLikelihood: null,
      standardErrors: null,
      confidenceIntervals: null,
      converged: false,
      reason: NOT_EVALUATED,
      coefficients: coefficientsOf((c) => plan.starts.get(c) ?? 0, true),
      coefficientStandardErrors: null,
      coefficientConfidenceIntervals: null,
      aic: null,
      bic: null,
      covariance: { parameters: covarianceNames, matrix: null, reason: NOT_EVALUATED },
      penalizedLogLikelihood: null,
      ...(mixture === undefined
        ? {}
        : {
            correlation: {
              omega: 0,
              omegaStandardError: null,
              omegaBounds: boundsOf(mixture.bounds(first)),
              estimate: 0,
              standardError: null,
            },
          }),
    };
  }
  const penalizedLogLikelihood = logLikelihood - (found.value - scaledValue) * data.total;
  const atBoundary = definition.parameters.filter((_, j) => Math.abs(found.x[j] as number) > BOUNDARY);
  const names = [
    ...definition.parameters,
    ...plan.free.map((c) =>
      c.purchase && c.dropout
        ? `${c.name} (both processes)`
        : `${c.name} (${c.purchase ? 'purchase' : 'dropout'})`,
    ),
    ...(mixture === undefined ? [] : ['omega']),
  ];
  const hessian = hessianOf(objective, found.x, false);
  let information: Float64Array | null = null;
  if (hessian !== null) information = hessian.map((value) => value * data.total);
  const covariance = information === null ? null : invertPositiveDefinite(information, size);
  const check =
    information === null
      ? null
      : identification(
          information,
          names.map(() => 1),
          names,
        );
  const notIdentified = atBoundary.length > 0 || check === null ? null : unidentified(check, names, null);

  const factors = [...natural, ...scales.map((value) => 1 / value)];
  let standardErrors: Record<string, number> | null = null;
  let confidenceIntervals: Record<string, readonly [number, number]> | null = null;
  let coefficientStandardErrors: Coefficients | null = null;
  let coefficientConfidenceIntervals: CoefficientIntervals | null = null;
  if (covariance !== null) {
    const errorOf = (j: number): number => Math.sqrt(covariance[j * size + j] as number);
    const errors = natural.map((value, j) => value * errorOf(j));
    const spreads = errors.map((error, j) => Math.exp((Z95 * error) / (natural[j] as number)));
    const coefficientErrors = gammas.map((_, index) => errorOf(m + index) / (scales[index] as number));
    const finite =
      [...errors, ...coefficientErrors].every(Number.isFinite) &&
      spreads.every(
        (spread, j) => Number.isFinite(spread) && Number.isFinite((natural[j] as number) * spread),
      );
    if (finite) {
      standardErrors = named(errors);
      const intervals: Record<string, readonly [number, number]> = {};
      definition.parameters.forEach((name, j) => {
        const value = natural[j] as number;
        const spread = spreads[j] as number;
        intervals[name] = [value / spread, value * spread];
      });
      confidenceIntervals = intervals;
      coefficientStandardErrors = coefficientsOf((_, index) => coefficientErrors[index] as number, false);
      const purchase: Record<string, readonly [number, number]> = {};
      const dropout: Record<string, readonly [number, number]> = {};
      plan.free.forEach((c, index) => {
        const value = gammas[index] as number;
        const half = Z95 * (coefficientErrors[index] as number);
        const interval = [value - half, value + half] as const;
        if (c.purchase) purchase[c.name] = interval;
        if (c.dropout) dropout[c.name] = interval;
      });
      coefficientConfidenceIntervals = {
        purchase: ordered(purchase, plan.sets.purchase),
        dropout: ordered(dropout, plan.sets.dropout),
      };
    }
  }
  // Cov in (θ, γ) from the optimiser's (ln θ', γ·scale): dθ/d ln θ' = θ, dγ/d(γ·scale) = 1/scale; ω's row
  // of the Jacobian by central differences of ω(ln θ', t)
  let matrix: number[][] | null = null;
  if (standardErrors !== null && covariance !== null) {
    const at = (i: number, j: number): number =>
      ((covariance[i * size + j] as number) + (covariance[j * size + i] as number)) / 2;
    matrix = covarianceNames.map((_, i) =>
      covarianceNames.map((_, j) => at(i, j) * ((factors[i] as number) * (factors[j] as number))),
    );
    if (mixture !== undefined) {
      const last = size - 1;
      const omegaRow = Array.from(found.x, (value, j) => {
        if (j >= m && j < last) return 0;
        const step = 1e-6 * Math.max(Math.abs(value), 1);
        const up = Float64Array.from(found.x);
        const down = Float64Array.from(found.x);
        up[j] = value + step;
        down[j] = value - step;
        return (omegaOf(up) - omegaOf(down)) / (2 * step);
      });
      const rows = matrix;
      for (let i = 0; i < last; i++) {
        let sum = 0;
        for (let b = 0; b < size; b++) sum += at(i, b) * (omegaRow[b] as number);
        (rows[i] as number[])[last] = sum * (factors[i] as number);
        (rows[last] as number[])[i] = sum * (factors[i] as number);
      }
      let variance = 0;
      for (let a = 0; a < size; a++)
        for (let b = 0; b < size; b++)
          variance += (omegaRow[a] as number) * at(a, b) * (omegaRow[b] as number);
      (rows[last] as number[])[last] = variance;
      if (!(variance >= 0) || !rows.every((row) => row.every(Number.isFinite))) matrix = null;
    }
  }
  let correlation: ParetoNbdCorrelation | undefined;
  let omegaAtBound: string | null = null;
  if (mixture !== undefined) {
    const omega = omegaOf(found.x);
    const bounds = mixture.bounds(natural);
    let standardError: number | null = null;
    if (matrix !== null) {
      // Cor(θ, ω) by the delta method over θ and ω
      const picks = [...natural.map((_, j) => j), size - 1];
      const point = [...natural, omega];
      const gradient = point.map((value, j) => {
        const step = 1e-6 * Math.max(Math.abs(value), 1e-300);
        const up = point.slice();
        const down = point.slice();
        up[j] = value + step;
        down[j] = value - step;
        return (
          (mixture.correlation(up.slice(0, m), up[m] as number) -
            mixture.correlation(down.slice(0, m), down[m] as number)) /
          (2 * step)
        );
      });
      let variance = 0;
      picks.forEach((a, p) => {
        picks.forEach((b, q) => {
          variance +=
            (gradient[p] as number) * ((matrix as number[][])[a]?.[b] as number) * (gradient[q] as number);
        });
      });
      if (Number.isFinite(variance) && variance >= 0) standardError = Math.sqrt(variance);
    }
    const omegaVariance = matrix === null ? null : ((matrix[size - 1] as number[])[size - 1] as number);
    correlation = {
      omega,
      omegaStandardError: omegaVariance === null ? null : Math.sqrt(omegaVariance),
      omegaBounds: boundsOf(bounds),
      estimate: mixture.correlation(natural, omega),
      standardError,
    };
    const t = found.x[size - 1] as number;
    if (Math.abs(t) > BOUNDARY) {
      omegaAtBound = `no interior maximum: omega ran to its ${t > 0 ? 'upper' : 'lower'} bound (${t > 0 ? bounds.upper : bounds.lower}), where the mixing density reaches 0 (the data ask for a stronger correlation than the Sarmanov density of these parameters allows)`;
    }
  }
  return {
    ...common,
    params: named(natural) as unknown as ModelParams[M],
    logLikelihood,
    standardErrors: standardErrors as unknown as ModelParams[M] | null,
    confidenceIntervals: confidenceIntervals as unknown as ModelFit<M>['confidenceIntervals'],
    converged: found.converged && atBoundary.length === 0 && notIdentified === null && omegaAtBound === null,
    reason:
      atBoundary.length > 0
        ? `no interior maximum: ${atBoundary.join(', ')} ran towards 0 or infinity, so the data do not identify ${atBoundary.length > 1 ? 'them' : 'it'}`
        : (omegaAtBound ?? (!found.converged ? found.reason : notIdentified)),
    coefficients: coefficientsOf((_, index) => gammas[index] as number, true),
    coefficientStandardErrors,
    coefficientConfidenceIntervals,
    aic: finiteOrNull(2 * size - 2 * logLikelihood),
    bic: finiteOrNull(size * Math.log(data.total) - 2 * logLikelihood),
    covariance: parameterCovariance(covarianceNames, matrix, information !== null, covariance !== null),
    penalizedLogLikelihood,
    ...(correlation === undefined ? {} : { correlation }),
  };
}

function boundsOf({ lower, upper }: { lower: number; upper: number }): readonly [number, number] {
  return [lower, upper];
}

/** The record's entries in the order of `names` (the order the options listed them). */
function ordered<T>(record: Record<string, T>, names: readonly string[]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const name of names) if (Object.hasOwn(record, name)) out[name] = record[name] as T;
  return out;
}

function listParameters(names: readonly string[]): string {
  return names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The parameters of one customer under a fit with covariates: θ·exp(sign·γ·z) with the customer's
 * `covariates`, or `params` unchanged when the fit has no `coefficients`. Throws `INVALID_FIT` for
 * coefficients that are malformed or of a model without covariates, `MISSING_COVARIATE` naming the
 * customer and the covariate it lacks, the number codes for a covariate that is not finite.
 */
export function customerParams<P>(
  fn: string,
  definition: ModelDefinition,
  params: P,
  fit: unknown,
  customer: unknown,
  name: string,
): P {
  const coefficients = requireCoefficients(fn, definition, fit);
  if (coefficients === null) return params;
  const record = requireObject(fn, name, customer);
  return applyCoefficients(fn, definition, params, coefficients, record, name, name);
}

/** Checked coefficients of a fit: null without them. */
export interface CheckedCoefficients {
  readonly purchase: readonly (readonly [string, number])[];
  readonly dropout: readonly (readonly [string, number])[];
}

/** Reads `fit.coefficients` (undefined or null: none), checking names and values. */
export function requireCoefficients(
  fn: string,
  definition: ModelDefinition,
  fit: unknown,
  paths = false,
): CheckedCoefficients | null {
  const timeVarying = (fit as Readonly<Record<string, unknown>>)['timeVarying'];
  if (timeVarying !== undefined && timeVarying !== false && !(paths && timeVarying === true)) {
    throw new PatronageError(
      'INVALID_FIT',
      timeVarying === true
        ? `${fn}: does not take a fit with time-varying covariates (fit.timeVarying): its predictions need each customer's future covariate path, which probabilityAlive, expectedPurchases, customerLifetimeValue and expectedCashFlows take`
        : `${fn}: fit.timeVarying must be true or absent, got ${describeValue(timeVarying)}`,
      { argument: 'fit.timeVarying', value: timeVarying },
    );
  }
  const given = (fit as Readonly<Record<string, unknown>>)['coefficients'];
  if (given === undefined || given === null) return null;
  if (definition.covariates === undefined) {
    throw new PatronageError(
      'INVALID_FIT',
      `${fn}: a ${definition.name} fit has no covariates, but fit.coefficients is given`,
      {
        argument: 'fit.coefficients',
        value: given,
      },
    );
  }
  const record = requireObject(fn, 'fit.coefficients', given);
  requireKnownKeys(fn, 'fit.coefficients', record, PROCESSES);
  const read = (process: CovariateProcess): [string, number][] => {
    if (record[process] === undefined) return [];
    const values = requireObject(fn, `fit.coefficients.${process}`, record[process]);
    return Object.keys(values).map((key) => {
      const value = values[key];
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new PatronageError(
          'INVALID_FIT',
          `${fn}: fit.coefficients.${process}.${key} must be a finite number, got ${describeValue(value)}`,
          {
            argument: `fit.coefficients.${process}.${key}`,
            value,
          },
        );
      }
      return [key, value];
    });
  };
  const purchase = read('purchase');
  const dropout = read('dropout');
  return purchase.length === 0 && dropout.length === 0 ? null : { purchase, dropout };
}

/** θ·exp(sign·η) for one customer's covariates. */
export function applyCoefficients<P>(
  fn: string,
  definition: ModelDefinition,
  params: P,
  coefficients: CheckedCoefficients,
  customer: Readonly<Record<string, unknown>>,
  name: string,
  who: string,
): P {
  const kernel = definition.covariates as CovariateEffects;
  const first = (coefficients.purchase[0] ?? coefficients.dropout[0]) as readonly [string, number];
  const covariates = requireCovariates(fn, name, who, customer, first[0]);
  const linear = (list: CheckedCoefficients['purchase']): number => {
    let sum = 0;
    for (const [covariate, gamma] of list)
      sum += gamma * requireCovariate(fn, name, who, covariates, covariate);
    return sum;
  };
  const purchase = linear(coefficients.purchase);
  const dropout = linear(coefficients.dropout);
  const source = params as unknown as Record<string, number>;
  const out: Record<string, number> = {};
  definition.parameters.forEach((parameter, j) => {
    const effect = kernel.effects[j];
    const eta = effect?.process === 'purchase' ? purchase : effect?.process === 'dropout' ? dropout : 0;
    const value = (source[parameter] as number) * Math.exp((effect?.sign ?? 1) * eta);
    if (!(value > 0 && Number.isFinite(value))) {
      throw new PatronageError(
        'NOT_FINITE',
        `${fn}: ${who}'s covariates take ${parameter} to ${describeValue(value)}, beyond floating point`,
        {
          argument: `${name}.covariates`,
          value,
        },
      );
    }
    out[parameter] = value;
  });
  return out as unknown as P;
}

/**
 * Whether a fit's options ask for covariates (an object with `covariates` given), so that the fits taking
 * them run the covariate path; everything else goes to the fit without covariates, which validates it.
 */
export function hasCovariates(options: unknown): options is CovariateFitOptions<ModelName> {
  return (
    typeof options === 'object' &&
    options !== null &&
    (options as Readonly<Record<string, unknown>>)['covariates'] !== undefined
  );
}

/**
 * ln L of a covariate model at natural parameters `params` (in the definition's order) and `coefficients`,
 * on rows that carry each named covariate: the likelihood a covariate fit maximises (the same kernel, the
 * same rescaled time), every coefficient entering as a fixed offset; the correlated model's at its ω with
 * `correlation`. Non-finite where it cannot be
 * evaluated. Throws as the covariate fit's row reading does (`MISSING_COVARIATE`, the row codes).
 */
export function covariateLogLikelihood(
  fn: string,
  kernel: CovariateKernel,
  params: readonly number[],
  coefficients: CheckedCoefficients,
  rows: unknown,
  correlation?: { readonly mixture: CovariateMixture; readonly omega: number },
): number {
  const names: string[] = [];
  for (const [name] of [...coefficients.purchase, ...coefficients.dropout]) {
    if (!names.includes(name)) names.push(name);
  }
  const data = readRows(fn, rows, names);
  const plain = compress(data.frequency, data.recency, data.age, data.weight);
  const scale = timeScaleOf(plain);
  const times = {
    recency: scale === 1 ? data.recency : data.recency.map((value) => value / scale),
    age: scale === 1 ? data.age : data.age.map((value) => value / scale),
  };
  const n = data.weight.length;
  const offsets = { purchase: new Float64Array(n), dropout: new Float64Array(n) };
  for (const process of PROCESSES) {
    for (const [name, gamma] of coefficients[process]) {
      const z = data.columns[names.indexOf(name)] as Float64Array;
      const offset = offsets[process];
      for (let i = 0; i < n; i++) offset[i] = (offset[i] as number) + gamma * (z[i] as number);
    }
  }
  const objective =
    correlation === undefined
      ? covariateObjective(kernel, data, times, [], [], offsets, new Float64Array(0), false)
      : mixtureObjective(
          kernel,
          correlation.mixture,
          1 / scale,
          correlation.omega,
          data,
          times,
          [],
          [],
          offsets,
          new Float64Array(0),
          false,
        );
  const u = Float64Array.from(params, (value, j) => Math.log(value / scale ** (kernel.timePowers[j] ?? 0)));
  return -objective(u, null) * data.total - totalPurchases(plain) * Math.log(scale);
}
