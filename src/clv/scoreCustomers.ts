import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { PairMemo } from '../internal/perf/pairMemo';
import { optionKeys, requireAtLeast, requireList, requireObject, requireOptions } from '../internal/validate';
import { checkHistory, isHistory } from '../model/customerSummary';
import type { CovariatePathHistory } from './core/covariatePaths';
import { applyCoefficients, type CheckedCoefficients, requireCoefficients } from './core/covariates';
import type { ModelDefinition, ModelPredictions } from './core/definition';
import { finiteResult } from './core/inputs';
import { isTimeVarying, pathPrediction } from './core/pathPredictions';
import type { ModelTimeUnit } from './core/timeUnit';
import type { CustomerHistory, ModelSpec } from './core/types';
import { discountPerUnit } from './discountedExpectedTransactions';
import { pathPredictionsOf } from './pathModels';
import { type AnyParams, requireModel } from './registry';

/**
 * Customers as parallel columns (typed arrays or plain arrays of numbers), for {@link scoreCustomers}.
 *
 * @category CLV models
 */
export interface CustomerColumns {
  /** x per customer. */
  readonly frequency: ArrayLike<number>;
  /** t_x per customer. */
  readonly recency: ArrayLike<number>;
  /** T per customer. */
  readonly T: ArrayLike<number>;
  /** For a fit with covariates: one column per covariate, by name. */
  readonly covariates?: Readonly<Record<string, ArrayLike<number>>>;
}

/**
 * A column {@link scoreCustomers} can compute: `probabilityAlive` (P(alive) now), `expectedPurchases` (in
 * the next `horizon`), `probabilityNoPurchase` (no purchase in the next `horizon`, the n = 0 case of
 * {@link conditionalPurchaseProbability}) and `discountedExpectedTransactions` (DERT at `discountRate`, as
 * {@link discountedExpectedTransactions}).
 *
 * @category CLV models
 */
export type ScoreOutput =
  | 'probabilityAlive'
  | 'expectedPurchases'
  | 'probabilityNoPurchase'
  | 'discountedExpectedTransactions';

/**
 * The columns {@link scoreCustomers} computes without `outputs`.
 *
 * @category CLV models
 */
export type DefaultScoreOutput = 'probabilityAlive' | 'expectedPurchases';

const OUTPUTS: readonly ScoreOutput[] = [
  'probabilityAlive',
  'expectedPurchases',
  'probabilityNoPurchase',
  'discountedExpectedTransactions',
];

/**
 * Options of {@link scoreCustomers}.
 *
 * @typeParam O - the columns asked for in `outputs`
 *
 * @category CLV models
 */
export interface ScoreCustomersOptions<O extends ScoreOutput = DefaultScoreOutput> {
  /**
   * The window for `expectedPurchases` and `probabilityNoPurchase`, in the fit's time unit (required when
   * they are asked for).
   */
  readonly horizon?: number;
  /** The columns to compute, each named once (default `['probabilityAlive', 'expectedPurchases']`). */
  readonly outputs?: readonly O[];
  /** Annual discount rate above 0, for `discountedExpectedTransactions` (as in {@link discountedExpectedTransactions}). */
  readonly discountRate?: number;
  /** The fit's time unit, for `discountedExpectedTransactions`. */
  readonly timeUnit?: ModelTimeUnit;
}

const SCORE_CUSTOMERS_OPTION_KEYS = /* @__PURE__ */ optionKeys<ScoreCustomersOptions<ScoreOutput>>()([
  'horizon',
  'outputs',
  'discountRate',
  'timeUnit',
]);

/**
 * Every column {@link scoreCustomers} can compute, one entry per customer in input order.
 *
 * @category CLV models
 */
export interface CustomerScoreColumns {
  /** P(alive) now. */
  readonly probabilityAlive: Float64Array;
  /** Expected purchases in the next `horizon`. */
  readonly expectedPurchases: Float64Array;
  /** P(no purchase in the next `horizon` | history). */
  readonly probabilityNoPurchase: Float64Array;
  /** Discounted expected transactions (DERT) at `discountRate`. */
  readonly discountedExpectedTransactions: Float64Array;
}

/**
 * The scores, one entry per customer in input order: the columns asked for (by default P(alive) and the
 * expected purchases).
 *
 * @typeParam O - the columns asked for
 *
 * @category CLV models
 */
export type CustomerScores<O extends ScoreOutput = DefaultScoreOutput> = Pick<CustomerScoreColumns, O>;

/** What one call computes: the columns asked for and their options, validated. */
interface ScorePlan {
  readonly alive: boolean;
  readonly expected: boolean;
  readonly quiet: boolean;
  readonly discounted: boolean;
  readonly horizon: number;
  readonly delta: number;
}

const FN = 'scoreCustomers';

function column(name: string, value: unknown): ArrayLike<number> {
  // a typed array in place (never copied); a plain array (subclass or proxy too) read once by index
  if (Array.isArray(value)) return requireList(FN, `customers.${name}`, value) as number[];
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return value as unknown as ArrayLike<number>;
  throw new PatronageError('INVALID_COLUMNS', `${FN}: customers.${name} must be an array or typed array`, {
    argument: `customers.${name}`,
    value,
  });
}

/** `customers` given as columns (an object with a `frequency` column), or null for a list of rows. */
function asColumns(customers: unknown): Record<string, unknown> | null {
  return typeof customers === 'object' &&
    customers !== null &&
    !Array.isArray(customers) &&
    'frequency' in customers
    ? (customers as Record<string, unknown>)
    : null;
}

/** The frequency, recency and T columns of `customers` given as columns, each checked. */
function summaryColumns(record: Readonly<Record<string, unknown>>): {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  age: ArrayLike<number>;
} {
  const frequency = column('frequency', record['frequency']);
  const recency = column('recency', record['recency']);
  return { frequency, recency, age: column('T', record['T']) };
}

/** Throws the error that names what is wrong with customer i's history. */
function invalidCustomer(x: number, tx: number, T: number, i: number): never {
  if (!(Number.isSafeInteger(x) && x >= 0 && Number.isFinite(tx) && Number.isFinite(T))) {
    throw new PatronageError(
      'INVALID_SUMMARY_ROW',
      `${FN}: customers[${i}] needs a whole frequency ≥ 0 and finite recency and T`,
      {
        argument: `customers[${i}]`,
        index: i,
        value: [x, tx, T],
      },
    );
  }
  checkHistory(FN, `customers[${i}]`, x, tx, T);
  throw new PatronageError('INVALID_SUMMARY_ROW', `${FN}: customers[${i}] is not a valid history`, {
    argument: `customers[${i}]`,
    index: i,
    value: [x, tx, T],
  });
}

/** The output columns of one call (null: not asked for); P(alive) is always computed, the others use it. */
interface ScoreColumns {
  readonly alive: Float64Array;
  readonly expected: Float64Array | null;
  readonly quiet: Float64Array | null;
  readonly discounted: Float64Array | null;
}

/** Customers scored per block: each block is validated, then scored, while its columns are in cache. */
const BLOCK = 4096;

/**
 * The columns of `plan` per customer, a block of customers at a time: the block's histories validated,
 * its P(alive) from the model's `probabilityAliveInto` (one call per block; `probabilityAlive` per customer
 * for a model without it), with P(dead) in the same pass where the chance of no purchase needs it
 * (`probabilityAliveAndDeadInto`), then per customer the expectation, P(alive) times the expectation given
 * alive (`expectedIfAlive`, which does not depend on t_x), the chance of no purchase (min(1, P(dead) +
 * P(alive) times `quietIfAlive`); the model's `conditionalPurchaseProbability` at 0 where it lacks them),
 * and DERT, P(alive) times `discountedIfAlive`. The three parts given alive are computed once per distinct
 * (x, T) and kept side by side in one memo, so one lookup serves every column. Each is the product the
 * per-customer prediction computes, in the same order, so the bits agree.
 */
function scoreInto(
  predictions: ModelPredictions<AnyParams>,
  params: AnyParams,
  frequency: ArrayLike<number>,
  recency: ArrayLike<number>,
  age: ArrayLike<number>,
  plan: ScorePlan,
  columns: ScoreColumns,
): void {
  const length = frequency.length;
  const typed = ArrayBuffer.isView(frequency) && ArrayBuffer.isView(recency) && ArrayBuffer.isView(age);
  const { horizon, delta } = plan;
  const { alive, expected, quiet, discounted } = columns;
  const aliveInto = predictions.probabilityAliveInto;
  const ifAliveOf = predictions.expectedIfAlive;
  const discountedIfAliveOf = predictions.discountedIfAlive;
  const quietIfAliveOf = predictions.quietIfAlive;
  const deadOf = predictions.probabilityDead;
  // which parts given alive the memo keeps, and where in each entry
  const memoExpected = expected !== null && horizon !== 0 && ifAliveOf !== undefined;
  const memoQuiet = quiet !== null && horizon !== 0 && quietIfAliveOf !== undefined && deadOf !== undefined;
  const memoDiscounted = discounted !== null && discountedIfAliveOf !== undefined;
  const quietAt = memoExpected ? 1 : 0;
  const discountedAt = quietAt + (memoQuiet ? 1 : 0);
  const width = discountedAt + (memoDiscounted ? 1 : 0);
  const memo = width === 0 ? null : new PairMemo(width);
  // where a full memo keeps no more entries, a customer's parts are computed here
  const spare = new Float64Array(3);
  // P(dead) of the block, from the pass that computes its P(alive)
  const aliveAndDeadInto = memoQuiet ? predictions.probabilityAliveAndDeadInto : undefined;
  const deadOfBlock = aliveAndDeadInto === undefined ? null : new Float64Array(BLOCK);
  for (let start = 0; start < length; start += BLOCK) {
    const end = Math.min(length, start + BLOCK);
    // P(alive) of the block first, then each history checked in order before its values are kept; a plain
    // array may hold anything (a symbol, an object), so its block is checked before any arithmetic
    if (!typed) {
      for (let i = start; i < end; i++) {
        const x = frequency[i] as number;
        const tx = recency[i] as number;
        const T = age[i] as number;
        if (!isHistory(x, tx, T)) invalidCustomer(x, tx, T, i);
      }
    }
    if (aliveAndDeadInto !== undefined && deadOfBlock !== null) {
      aliveAndDeadInto(params, frequency, recency, age, start, end, alive, deadOfBlock);
    } else if (aliveInto !== undefined) {
      aliveInto(params, frequency, recency, age, start, end, alive);
    } else {
      const aliveOf = predictions.probabilityAlive as NonNullable<typeof predictions.probabilityAlive>;
      for (let i = start; i < end; i++) {
        alive[i] = aliveOf(params, frequency[i] as number, recency[i] as number, age[i] as number);
      }
    }
    for (let i = start; i < end; i++) {
      const x = frequency[i] as number;
      const tx = recency[i] as number;
      const T = age[i] as number;
      if (!isHistory(x, tx, T)) invalidCustomer(x, tx, T, i);
      const p = alive[i] as number;
      if (!Number.isFinite(p)) finiteResult(FN, 'P(alive)', p);
      // the customer's parts given alive: from the memo, or computed once and kept
      let parts: Float64Array = spare;
      let at = 0;
      if (memo !== null) {
        at = memo.find(x, T);
        if (at >= 0) {
          parts = memo.values;
        } else {
          at = memo.reserve(x, T);
          if (at >= 0) {
            parts = memo.values;
          } else {
            at = 0;
          }
          if (memoExpected) parts[at] = (ifAliveOf as IfAlive)(params, x, T, horizon);
          if (memoQuiet) parts[at + quietAt] = (quietIfAliveOf as IfAlive)(params, x, T, horizon);
          if (memoDiscounted)
            parts[at + discountedAt] = (discountedIfAliveOf as IfAlive)(params, x, T, delta);
        }
      }
      if (expected !== null) {
        let e = 0;
        if (memoExpected) {
          e = p * (parts[at] as number);
        } else if (horizon !== 0) {
          e = (predictions.conditionalExpectedPurchases as ConditionalExpectation)(params, x, tx, T, horizon);
        }
        if (!Number.isFinite(e)) finiteResult(FN, 'expected purchases', e);
        expected[i] = e === 0 ? 0 : e;
      }
      if (quiet !== null) {
        let q: number;
        if (memoQuiet) {
          const dead =
            deadOfBlock === null
              ? (deadOf as DeadProbability)(params, x, tx, T)
              : (deadOfBlock[i - start] as number);
          q = Math.min(1, dead + p * (parts[at + quietAt] as number));
        } else if (horizon === 0 && quietIfAliveOf !== undefined && deadOf !== undefined) {
          q = 1;
        } else {
          q = (predictions.conditionalPurchaseProbability as QuietProbability)(params, x, tx, T, 0, horizon);
        }
        if (!Number.isFinite(q)) finiteResult(FN, 'probability of no purchase', q);
        quiet[i] = q;
      }
      if (discounted !== null) {
        const d = memoDiscounted
          ? p * (parts[at + discountedAt] as number)
          : (predictions.discountedExpectedTransactions as Discounted)(params, x, tx, T, delta);
        if (!Number.isFinite(d)) finiteResult(FN, 'discounted expected transactions', d);
        discounted[i] = d;
      }
    }
  }
}

type IfAlive = NonNullable<ModelPredictions<AnyParams>['expectedIfAlive']>;
type DeadProbability = NonNullable<ModelPredictions<AnyParams>['probabilityDead']>;
type ConditionalExpectation = NonNullable<ModelPredictions<AnyParams>['conditionalExpectedPurchases']>;
type QuietProbability = NonNullable<ModelPredictions<AnyParams>['conditionalPurchaseProbability']>;
type Discounted = NonNullable<ModelPredictions<AnyParams>['discountedExpectedTransactions']>;

/** The columns one call asks for, allocated (P(alive) always: the others are products with it). */
function allocate(plan: ScorePlan, length: number): ScoreColumns {
  return {
    alive: new Float64Array(length),
    expected: plan.expected ? new Float64Array(length) : null,
    quiet: plan.quiet ? new Float64Array(length) : null,
    discounted: plan.discounted ? new Float64Array(length) : null,
  };
}

/** The result: the columns asked for, under their output names. */
function result(plan: ScorePlan, columns: ScoreColumns): Partial<Record<ScoreOutput, Float64Array>> {
  const scores: Partial<Record<ScoreOutput, Float64Array>> = {};
  if (plan.alive) scores.probabilityAlive = columns.alive;
  if (columns.expected !== null) scores.expectedPurchases = columns.expected;
  if (columns.quiet !== null) scores.probabilityNoPurchase = columns.quiet;
  if (columns.discounted !== null) scores.discountedExpectedTransactions = columns.discounted;
  return scores;
}

/**
 * Scores customers of a fit with covariates: each customer's own parameters from its covariates (a row's
 * `covariates`, or the columns of `customers.covariates`), then the same predictions per customer.
 */
function scoreWithCovariates(
  definition: ModelDefinition,
  params: AnyParams,
  predictions: ModelPredictions<AnyParams>,
  coefficients: CheckedCoefficients,
  customers: unknown,
  plan: ScorePlan,
): Partial<Record<ScoreOutput, Float64Array>> {
  let length: number;
  let read: (i: number) => { x: number; tx: number; T: number; record: Readonly<Record<string, unknown>> };
  const record = asColumns(customers);
  if (record !== null) {
    const { frequency, recency, age } = summaryColumns(record);
    const given =
      record['covariates'] === undefined
        ? {}
        : requireObject(FN, 'customers.covariates', record['covariates']);
    const names = [...new Set([...coefficients.purchase, ...coefficients.dropout].map(([name]) => name))];
    const columns = names
      .filter((name) => given[name] !== undefined)
      .map((name) => [name, column(`covariates.${name}`, given[name])] as const);
    length = frequency.length;
    if (
      recency.length !== length ||
      age.length !== length ||
      columns.some(([, values]) => values.length !== length)
    ) {
      throw new PatronageError(
        'INVALID_COLUMNS',
        `${FN}: customers.frequency, recency, T and the covariate columns must have equal lengths`,
        {
          argument: 'customers',
          value: [length, recency.length, age.length, ...columns.map(([, values]) => values.length)],
        },
      );
    }
    read = (i) => {
      const covariates: Record<string, unknown> = {};
      for (const [name, values] of columns) covariates[name] = values[i];
      return {
        x: frequency[i] as number,
        tx: recency[i] as number,
        T: age[i] as number,
        record: { covariates },
      };
    };
  } else {
    const list = requireList(FN, 'customers', customers);
    length = list.length;
    read = (i) => {
      const record = requireObject(FN, `customers[${i}]`, list[i]);
      return {
        x: record['frequency'] as number,
        tx: record['recency'] as number,
        T: record['T'] as number,
        record,
      };
    };
  }
  const columns = allocate(plan, length);
  const { horizon, delta } = plan;
  for (let i = 0; i < length; i++) {
    const { x, tx, T, record } = read(i);
    if (!isHistory(x, tx, T)) invalidCustomer(x, tx, T, i);
    const own = applyCoefficients(
      FN,
      definition,
      params,
      coefficients,
      record,
      `customers[${i}]`,
      `customers[${i}]`,
    );
    const p = (predictions.probabilityAlive as NonNullable<typeof predictions.probabilityAlive>)(
      own,
      x,
      tx,
      T,
    );
    columns.alive[i] = finiteResult(FN, 'P(alive)', p);
    if (columns.expected !== null) {
      const e =
        horizon === 0
          ? 0
          : predictions.expectedIfAlive === undefined
            ? (predictions.conditionalExpectedPurchases as ConditionalExpectation)(own, x, tx, T, horizon)
            : p * predictions.expectedIfAlive(own, x, T, horizon);
      finiteResult(FN, 'expected purchases', e);
      columns.expected[i] = e === 0 ? 0 : e;
    }
    if (columns.quiet !== null) {
      const q = (predictions.conditionalPurchaseProbability as QuietProbability)(own, x, tx, T, 0, horizon);
      columns.quiet[i] = finiteResult(FN, 'probability of no purchase', q);
    }
    if (columns.discounted !== null) {
      const d = (predictions.discountedExpectedTransactions as Discounted)(own, x, tx, T, delta);
      columns.discounted[i] = finiteResult(FN, 'discounted expected transactions', d);
    }
  }
  return result(plan, columns);
}

/**
 * Scores customers of a fit with time-varying covariates: each row's P(alive) at T and expected purchases
 * along its covariate path, which must run to T + horizon (the future covariates). Rows only: a path does
 * not fit in columns.
 */
function scoreWithPaths(
  definition: ModelDefinition,
  params: AnyParams,
  fit: ModelSpec,
  customers: unknown,
  plan: ScorePlan,
  outputs: readonly ScoreOutput[],
): Partial<Record<ScoreOutput, Float64Array>> {
  if (plan.quiet || plan.discounted) {
    throw new PatronageError(
      'UNSUPPORTED_MODEL',
      `${FN}: a fit with time-varying covariates scores probabilityAlive and expectedPurchases only; call conditional predictions per customer along its path`,
      { argument: 'options.outputs', value: outputs },
    );
  }
  const horizon = plan.horizon;
  if (!Array.isArray(customers)) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: a fit with time-varying covariates scores rows, each with its covariatePath and purchaseTimes (columns cannot carry a path)`,
      { argument: 'customers', value: customers },
    );
  }
  const list = requireList(FN, 'customers', customers);
  const paths = pathPredictionsOf(definition.name);
  const columns = allocate(plan, list.length);
  for (let i = 0; i < list.length; i++) {
    const record = requireObject(FN, `customers[${i}]`, list[i]);
    const x = record['frequency'] as number;
    const tx = record['recency'] as number;
    const T = record['T'] as number;
    if (!isHistory(x, tx, T)) invalidCustomer(x, tx, T, i);
    const name = `customers[${i}]`;
    const history = { x, tx, T };
    const p = pathPrediction(FN, definition, params, fit, record, history, 0, 'alive', paths, name, name);
    columns.alive[i] = finiteResult(FN, 'P(alive)', p);
    if (columns.expected === null) continue;
    const e =
      horizon === 0
        ? 0
        : pathPrediction(
            FN,
            definition,
            params,
            fit,
            record,
            history,
            horizon,
            'purchases',
            paths,
            name,
            name,
          );
    finiteResult(FN, 'expected purchases', e);
    columns.expected[i] = e === 0 ? 0 : e;
  }
  return result(plan, columns);
}

/** The columns `options.outputs` names (the defaults without it), each once. */
function readOutputs(value: unknown): readonly ScoreOutput[] {
  if (value === undefined) return ['probabilityAlive', 'expectedPurchases'];
  const list = requireList(FN, 'options.outputs', value);
  if (list.length === 0) throw invalidOutputs('options.outputs', 'must name at least one output', value);
  const seen = new Set<ScoreOutput>();
  list.forEach((output, i) => {
    if (typeof output !== 'string' || !(OUTPUTS as readonly string[]).includes(output)) {
      throw invalidOutputs(`options.outputs[${i}]`, `must be one of ${OUTPUTS.join(', ')}`, output);
    }
    if (seen.has(output as ScoreOutput))
      throw invalidOutputs(`options.outputs[${i}]`, 'names an output twice', output);
    seen.add(output as ScoreOutput);
  });
  return [...seen];
}

function invalidOutputs(name: string, message: string, value: unknown): PatronageError {
  return new PatronageError('INVALID_ARGUMENT', `${FN}: ${name} ${message}, got ${describeValue(value)}`, {
    argument: name,
    value,
  });
}

/** The capability each output needs of the model (P(alive) always). */
const CAPABILITY = {
  probabilityAlive: 'probabilityAlive',
  expectedPurchases: 'conditionalExpectedPurchases',
  probabilityNoPurchase: 'conditionalPurchaseProbability',
  discountedExpectedTransactions: 'discountedExpectedTransactions',
} as const;

/**
 * P(alive), expected purchases in the next `horizon` and, with `outputs`, the chance of no purchase in it and
 * DERT, for many customers at once, from a BG/NBD, MBG/NBD, Pareto/NBD, GGom/NBD, NBD or (P(alive) and
 * expectations) CNBD-k fit: the nightly scoring job. Takes row objects or, faster, columns; identical results
 * to calling {@link probabilityAlive}, {@link expectedPurchases}, {@link conditionalPurchaseProbability} at
 * n = 0 and {@link discountedExpectedTransactions} per customer, with the fit validated once and the parts
 * that do not depend on t_x computed once per distinct (x, T) (docs/scaling.md). A fit with covariates (its
 * `coefficients`) scores each customer with its own covariates: a row's `covariates`, or the columns of
 * `customers.covariates` by name. A fit with time-varying covariates (`timeVarying`) scores rows along each one's
 * `covariatePath`, which must run to T + horizon (the future covariates), as {@link probabilityAlive} and
 * {@link expectedPurchases} do.
 *
 * @typeParam O - the columns asked for in `options.outputs`
 * @param fit - a BG/NBD, MBG/NBD, Pareto/NBD, GGom/NBD, NBD, BG/CNBD-k or MBG/CNBD-k fit
 * @param customers - `{ frequency, recency, T }` rows, or `{ frequency, recency, T }` columns of equal length
 * @param options - `horizon`, in the fit's time unit (for `expectedPurchases` and `probabilityNoPurchase`);
 *   `outputs`, the columns (default `['probabilityAlive', 'expectedPurchases']`); `discountRate` (annual,
 *   above 0) and `timeUnit` (the fit's) for `discountedExpectedTransactions`
 * @returns the columns asked for as Float64Arrays in input order (empty for no customers)
 * @throws PatronageError `INVALID_FIT`, `UNSUPPORTED_MODEL` (also for an output the model does not define),
 *   `INVALID_COLUMNS` for columns that are not arrays or differ in length, and naming the customer, the
 *   field codes and `INVALID_SUMMARY_ROW`. `INVALID_OPTION` for an unknown option key (naming the nearest
 *   valid one); `INVALID_ARGUMENT` for an unknown, repeated or missing output or a missing horizon or
 *   discount rate; `OUT_OF_RANGE` for a discount rate not above 0 or an unknown time unit; `NOT_FINITE`
 *   where floating point overflows; for a fit with covariates, `MISSING_COVARIATE` naming the customer and
 *   the covariate it lacks; for a fit with time-varying covariates, `INVALID_COVARIATE_PATH` naming the
 *   customer and the period, `INVALID_ARGUMENT` for columns, and `UNSUPPORTED_MODEL` for outputs other than
 *   P(alive) and expected purchases.
 *
 * @example
 * ```ts
 * import { scoreCustomers } from 'patronage';
 *
 * const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * const customers = { frequency: [0, 2], recency: [0, 30.43], T: [38.86, 38.86] };
 * const scores = scoreCustomers(fit, customers, { horizon: 39 });
 * scores.probabilityAlive[0]; // => 1
 * Math.round((scores.expectedPurchases[1] ?? 0) * 1000) / 1000; // => 1.226
 *
 * // the chance of no purchase in the next 39 weeks, and DERT at 15% a year
 * const more = scoreCustomers(fit, customers, {
 *   horizon: 39,
 *   outputs: ['probabilityNoPurchase', 'discountedExpectedTransactions'],
 *   discountRate: 0.15,
 *   timeUnit: 'week',
 * });
 * Math.round((more.probabilityNoPurchase[1] ?? 0) * 1000) / 1000; // => 0.445
 * Math.round((more.discountedExpectedTransactions[1] ?? 0) * 1000) / 1000; // => 5.179
 * ```
 *
 * @category CLV models
 */
export function scoreCustomers<O extends ScoreOutput = DefaultScoreOutput>(
  fit: ModelSpec,
  customers: readonly CustomerHistory[] | readonly CovariatePathHistory[] | CustomerColumns,
  options: ScoreCustomersOptions<O>,
): CustomerScores<O> {
  requireModel(FN, fit, ['probabilityAlive'], 'continuous', true);
  const record = requireOptions(FN, 'options', options, SCORE_CUSTOMERS_OPTION_KEYS);
  const outputs = readOutputs(record['outputs']);
  const { definition, params, predictions } = requireModel(
    FN,
    fit,
    ['probabilityAlive', ...outputs.map((output) => CAPABILITY[output])],
    'continuous',
    true,
  );
  const expected = outputs.includes('expectedPurchases');
  const quiet = outputs.includes('probabilityNoPurchase');
  const discounted = outputs.includes('discountedExpectedTransactions');
  const plan: ScorePlan = {
    alive: outputs.includes('probabilityAlive'),
    expected,
    quiet,
    discounted,
    horizon:
      expected || quiet || record['horizon'] !== undefined
        ? requireAtLeast(FN, 'options.horizon', record['horizon'], 0)
        : 0,
    delta:
      discounted || record['discountRate'] !== undefined || record['timeUnit'] !== undefined
        ? discountPerUnit(FN, record, 'continuous')
        : 0,
  };
  if (isTimeVarying(fit)) {
    return scoreWithPaths(definition, params, fit, customers, plan, outputs) as CustomerScores<O>;
  }
  const coefficients = requireCoefficients(FN, definition, fit);
  if (coefficients !== null) {
    return scoreWithCovariates(
      definition,
      params,
      predictions,
      coefficients,
      customers,
      plan,
    ) as CustomerScores<O>;
  }
  let frequency: ArrayLike<number>;
  let recency: ArrayLike<number>;
  let age: ArrayLike<number>;
  const given = asColumns(customers);
  if (given !== null) {
    ({ frequency, recency, age } = summaryColumns(given));
    if (recency.length !== frequency.length || age.length !== frequency.length) {
      throw new PatronageError(
        'INVALID_COLUMNS',
        `${FN}: customers.frequency, recency and T must have equal lengths`,
        {
          argument: 'customers',
          value: [frequency.length, recency.length, age.length],
        },
      );
    }
  } else {
    const list = requireList(FN, 'customers', customers);
    const x = new Float64Array(list.length);
    const tx = new Float64Array(list.length);
    const T = new Float64Array(list.length);
    list.forEach((row, i) => {
      const record = requireObject(FN, `customers[${i}]`, row);
      x[i] = record['frequency'] as number;
      tx[i] = record['recency'] as number;
      T[i] = record['T'] as number;
    });
    frequency = x;
    recency = tx;
    age = T;
  }
  const columns = allocate(plan, frequency.length);
  scoreInto(predictions, params, frequency, recency, age, plan, columns);
  return result(plan, columns) as CustomerScores<O>;
}
