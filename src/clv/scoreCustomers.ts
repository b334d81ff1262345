import { PatronageError } from '../errors/PatronageError';
import { PairMemo } from '../internal/perf/pairMemo';
import { optionKeys, requireAtLeast, requireList, requireObject, requireOptions } from '../internal/validate';
import { checkHistory, isHistory } from '../model/customerSummary';
import type { CovariatePathHistory } from './core/covariatePaths';
import { applyCoefficients, type CheckedCoefficients, requireCoefficients } from './core/covariates';
import type { ModelDefinition, ModelPredictions } from './core/definition';
import { finiteResult } from './core/inputs';
import { isTimeVarying, pathPrediction } from './core/pathPredictions';
import type { CustomerHistory, ModelSpec } from './core/types';
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
 * Options of {@link scoreCustomers}.
 *
 * @category CLV models
 */
export interface ScoreCustomersOptions {
  /** The window for expected purchases, in the fit's time unit. */
  readonly horizon: number;
}

const SCORE_CUSTOMERS_OPTION_KEYS = /* @__PURE__ */ optionKeys<ScoreCustomersOptions>()(['horizon']);

/**
 * The scores, one entry per customer in input order.
 *
 * @category CLV models
 */
export interface CustomerScores {
  /** P(alive) now. */
  readonly probabilityAlive: Float64Array;
  /** Expected purchases in the next `horizon`. */
  readonly expectedPurchases: Float64Array;
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

/**
 * What scoring needs of a model: P(alive), and the conditional expectation, taken as P(alive) times
 * `expectedIfAlive` where the model has that (it does not depend on t_x, so it is kept per distinct (x, T));
 * otherwise `conditionalExpectedPurchases` per customer (CNBD-k, whose expectation given alive depends on
 * t_x through the stage of the current gap).
 */
type ScoringPredictions = Required<
  Pick<ModelPredictions<AnyParams>, 'probabilityAlive' | 'conditionalExpectedPurchases'>
> &
  Pick<ModelPredictions<AnyParams>, 'expectedIfAlive'>;

/** Customers scored per block: each block is validated, then scored, while its columns are in cache. */
const BLOCK = 4096;

/**
 * P(alive) and the expected purchases per customer, into `alive` and `expected`, a block of customers at a
 * time: the block's histories validated, its P(alive) from the model's `probabilityAliveInto` (one call
 * per block; `probabilityAlive` per customer for a model without it) and the expectation, P(alive)
 * times the expectation given alive, which does not depend on t_x and is computed once per distinct (x, T)
 * and kept in `memo`.
 */
function scoreInto(
  predictions: ScoringPredictions,
  aliveInto: ModelPredictions<AnyParams>['probabilityAliveInto'],
  params: AnyParams,
  frequency: ArrayLike<number>,
  recency: ArrayLike<number>,
  age: ArrayLike<number>,
  horizon: number,
  alive: Float64Array,
  expected: Float64Array,
  memo: PairMemo,
): void {
  const length = frequency.length;
  const typed = ArrayBuffer.isView(frequency) && ArrayBuffer.isView(recency) && ArrayBuffer.isView(age);
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
    if (aliveInto !== undefined) {
      aliveInto(params, frequency, recency, age, start, end, alive);
    } else {
      for (let i = start; i < end; i++) {
        alive[i] = predictions.probabilityAlive(
          params,
          frequency[i] as number,
          recency[i] as number,
          age[i] as number,
        );
      }
    }
    for (let i = start; i < end; i++) {
      const x = frequency[i] as number;
      const tx = recency[i] as number;
      const T = age[i] as number;
      if (!isHistory(x, tx, T)) invalidCustomer(x, tx, T, i);
      const p = alive[i] as number;
      let e = 0;
      const ifAliveOf = predictions.expectedIfAlive;
      if (horizon !== 0 && ifAliveOf === undefined) {
        e = predictions.conditionalExpectedPurchases(params, x, tx, T, horizon);
      } else if (horizon !== 0 && ifAliveOf !== undefined) {
        const at = memo.find(x, T);
        if (at >= 0) {
          e = p * (memo.values[at] as number);
        } else {
          const ifAlive = ifAliveOf(params, x, T, horizon);
          memo.insert(x, T, ifAlive);
          e = p * ifAlive;
        }
      }
      if (!(Number.isFinite(p) && Number.isFinite(e))) {
        finiteResult(FN, 'P(alive)', p);
        finiteResult(FN, 'expected purchases', e);
      }
      expected[i] = e === 0 ? 0 : e;
    }
  }
}

/**
 * Scores customers of a fit with covariates: each customer's own parameters from its covariates (a row's
 * `covariates`, or the columns of `customers.covariates`), then the same predictions per customer.
 */
function scoreWithCovariates(
  definition: ModelDefinition,
  params: AnyParams,
  predictions: ScoringPredictions,
  coefficients: CheckedCoefficients,
  customers: unknown,
  horizon: number,
): CustomerScores {
  let length: number;
  let read: (i: number) => { x: number; tx: number; T: number; record: Readonly<Record<string, unknown>> };
  if (
    typeof customers === 'object' &&
    customers !== null &&
    !Array.isArray(customers) &&
    'frequency' in customers
  ) {
    const record = customers as unknown as Record<string, unknown>;
    const frequency = column('frequency', record['frequency']);
    const recency = column('recency', record['recency']);
    const age = column('T', record['T']);
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
  const alive = new Float64Array(length);
  const expected = new Float64Array(length);
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
    const p = predictions.probabilityAlive(own, x, tx, T);
    const e =
      horizon === 0
        ? 0
        : predictions.expectedIfAlive === undefined
          ? predictions.conditionalExpectedPurchases(own, x, tx, T, horizon)
          : p * predictions.expectedIfAlive(own, x, T, horizon);
    finiteResult(FN, 'P(alive)', p);
    finiteResult(FN, 'expected purchases', e);
    alive[i] = p;
    expected[i] = e === 0 ? 0 : e;
  }
  return { probabilityAlive: alive, expectedPurchases: expected };
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
  horizon: number,
): CustomerScores {
  if (!Array.isArray(customers)) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: a fit with time-varying covariates scores rows, each with its covariatePath and purchaseTimes (columns cannot carry a path)`,
      { argument: 'customers', value: customers },
    );
  }
  const list = requireList(FN, 'customers', customers);
  const paths = pathPredictionsOf(definition.name);
  const alive = new Float64Array(list.length);
  const expected = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const record = requireObject(FN, `customers[${i}]`, list[i]);
    const x = record['frequency'] as number;
    const tx = record['recency'] as number;
    const T = record['T'] as number;
    if (!isHistory(x, tx, T)) invalidCustomer(x, tx, T, i);
    const name = `customers[${i}]`;
    const history = { x, tx, T };
    const p = pathPrediction(FN, definition, params, fit, record, history, 0, 'alive', paths, name, name);
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
    finiteResult(FN, 'P(alive)', p);
    finiteResult(FN, 'expected purchases', e);
    alive[i] = p;
    expected[i] = e === 0 ? 0 : e;
  }
  return { probabilityAlive: alive, expectedPurchases: expected };
}

/**
 * P(alive) and expected purchases in the next `horizon` for many customers at once, from a BG/NBD,
 * MBG/NBD or Pareto/NBD fit: the nightly scoring job. Takes row objects or, faster, columns; identical
 * results to calling {@link probabilityAlive} and {@link expectedPurchases} per customer, with the fit
 * validated once. A fit with covariates (its `coefficients`) scores each customer with its own covariates:
 * a row's `covariates`, or the columns of `customers.covariates` by name. A fit with time-varying
 * covariates (`timeVarying`) scores rows along each one's `covariatePath`, which must run to T + horizon
 * (the future covariates; `INVALID_COVARIATE_PATH` where it stops short), as {@link probabilityAlive} and
 * {@link expectedPurchases} do.
 *
 * @param fit - a BG/NBD, MBG/NBD or Pareto/NBD fit
 * @param customers - `{ frequency, recency, T }` rows, or `{ frequency, recency, T }` columns of equal length
 * @param options - `horizon`, in the fit's time unit
 * @returns `{ probabilityAlive, expectedPurchases }` as Float64Arrays in input order
 * @throws PatronageError `INVALID_FIT`, `UNSUPPORTED_MODEL`, `INVALID_COLUMNS` for columns that are not
 *   arrays or differ in length, and naming the customer, the field codes and `INVALID_SUMMARY_ROW`.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one); for a fit with covariates,
 *   `MISSING_COVARIATE` naming the customer and the covariate it lacks; for a fit with time-varying
 *   covariates, `INVALID_COVARIATE_PATH` naming the customer and the period, and `INVALID_ARGUMENT` for
 *   columns.
 *
 * @example
 * ```ts
 * import { scoreCustomers } from 'patronage';
 *
 * const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * const scores = scoreCustomers(
 *   fit,
 *   { frequency: [0, 2], recency: [0, 30.43], T: [38.86, 38.86] },
 *   { horizon: 39 },
 * );
 * scores.probabilityAlive[0]; // => 1
 * Math.round((scores.expectedPurchases[1] ?? 0) * 1000) / 1000; // => 1.226
 * ```
 *
 * @category CLV models
 */
export function scoreCustomers(
  fit: ModelSpec,
  customers: readonly CustomerHistory[] | readonly CovariatePathHistory[] | CustomerColumns,
  options: ScoreCustomersOptions,
): CustomerScores {
  const { definition, params, predictions } = requireModel(
    FN,
    fit,
    ['probabilityAlive', 'conditionalExpectedPurchases'],
    'continuous',
    true,
  );
  const horizon = requireAtLeast(
    FN,
    'options.horizon',
    requireOptions(FN, 'options', options, SCORE_CUSTOMERS_OPTION_KEYS)['horizon'],
    0,
  );
  if (isTimeVarying(fit)) return scoreWithPaths(definition, params, fit, customers, horizon);
  const coefficients = requireCoefficients(FN, definition, fit);
  if (coefficients !== null) {
    return scoreWithCovariates(definition, params, predictions, coefficients, customers, horizon);
  }
  let frequency: ArrayLike<number>;
  let recency: ArrayLike<number>;
  let age: ArrayLike<number>;
  if (
    typeof customers === 'object' &&
    customers !== null &&
    !Array.isArray(customers) &&
    'frequency' in customers
  ) {
    const record = customers as unknown as Record<string, unknown>;
    frequency = column('frequency', record['frequency']);
    recency = column('recency', record['recency']);
    age = column('T', record['T']);
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
  const length = frequency.length;
  const alive = new Float64Array(length);
  const expected = new Float64Array(length);
  scoreInto(
    predictions,
    definition.predictions.probabilityAliveInto,
    params,
    frequency,
    recency,
    age,
    horizon,
    alive,
    expected,
    new PairMemo(),
  );
  return { probabilityAlive: alive, expectedPurchases: expected };
}
