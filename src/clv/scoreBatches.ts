import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { optionKeys, requireAtLeast, requireOptions } from '../internal/validate';
import { isHistory } from '../model/customerSummary';
import type { RejectedRow } from '../model/events';
import type { ModelSpec } from './core/types';
import { scoreCustomers } from './scoreCustomers';

/**
 * The names of the columns {@link scoreBatches} reads from each row; the defaults are the columns of
 * `rfmSummarySql` in `patronage/sql`.
 *
 * @category CLV models
 */
export interface ScoreBatchesColumns {
  /** The customer's id (a string, a number or a bigint, passed through). Default `customer_id`. */
  readonly customerId?: string;
  /** x. Default `frequency`. */
  readonly frequency?: string;
  /** t_x. Default `recency`. */
  readonly recency?: string;
  /** T. Default `T`. */
  readonly T?: string;
}

/**
 * Options of {@link scoreBatches}.
 *
 * @category CLV models
 */
export interface ScoreBatchesOptions {
  /** The window for expected purchases, in the fit's time unit. */
  readonly horizon: number;
  /** Where each row keeps its fields, when not under the names `rfmSummarySql` gives them. */
  readonly columns?: ScoreBatchesColumns;
}

const SCORE_BATCHES_OPTION_KEYS = /* @__PURE__ */ optionKeys<ScoreBatchesOptions>()(['horizon', 'columns']);
const COLUMN_KEYS = /* @__PURE__ */ optionKeys<ScoreBatchesColumns>()([
  'customerId',
  'frequency',
  'recency',
  'T',
]);

/**
 * One scored customer, under the column names `scoreSql` writes, so that both paths write back the same
 * rows.
 *
 * @category CLV models
 */
export interface ScoredRow {
  /** The row's customer id, as it came. */
  readonly customer_id: string | number | bigint;
  /** P(alive) now. */
  readonly probability_alive: number;
  /** Expected purchases in the next `horizon`. */
  readonly expected_purchases: number;
}

/**
 * The scores of one batch: its valid rows scored, in input order, and its rejected rows.
 *
 * @category CLV models
 */
export interface ScoredBatch {
  /** One per accepted row, in input order. */
  readonly rows: ScoredRow[];
  /** The rows not scored, each with its position counted over all batches so far, a code and a message. */
  readonly rejected: RejectedRow[];
}

const FN = 'scoreBatches';

/**
 * A number from a driver's value: a number, a bigint that is a safe integer, or a decimal string (`pg` gives
 * BIGINT and NUMERIC columns as text), read exactly as JavaScript reads it; NaN otherwise.
 */
function numeric(value: unknown): number {
  if (typeof value === 'number') return value;
  if (
    typeof value === 'bigint' &&
    value <= BigInt(Number.MAX_SAFE_INTEGER) &&
    value >= -BigInt(Number.MAX_SAFE_INTEGER)
  )
    return Number(value);
  if (typeof value === 'string' && /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value)) return Number(value);
  return Number.NaN;
}

/**
 * Scores summary rows that an engine hands over in batches (a cursor, `LIMIT`/`OFFSET` pages by key, a
 * driver's row stream) with {@link scoreCustomers}, one batch at a time: the batch path for what `scoreSql`
 * of `patronage/sql` does not write (any model scoreCustomers takes, the rows `scoreSql` leaves NULL). Each
 * batch of rows `{ customer_id, frequency, recency, T }` (names as `rfmSummarySql` writes them, or as
 * `columns` says) gives one {@link ScoredBatch}: the scores of its valid rows, as the same numbers
 * scoreCustomers gives, and its rejected rows (`MISSING_FIELD`, `INVALID_FIELD` for a row that is not an object
 * with named columns — an array row, as some drivers give in array mode — or a value that is not a number, a
 * safe bigint or a decimal string, the forms drivers give 64-bit integers and NUMERIC columns in;
 * `INVALID_SUMMARY_ROW` for a history that is not one), so that nothing is dropped without a record. Memory holds one batch and its scores; nothing is kept between batches.
 *
 * @param fit - a BG/NBD, MBG/NBD or Pareto/NBD fit (validated here, before any batch is read)
 * @param batches - an iterable or async iterable of arrays of rows
 * @param options - `horizon`, in the fit's time unit, and optionally the `columns`
 * @returns an async generator of one {@link ScoredBatch} per batch (an empty batch gives an empty one)
 * @throws PatronageError at the call: `INVALID_FIT`, `UNSUPPORTED_MODEL`, `OUT_OF_RANGE` or `NOT_FINITE`
 *   for the horizon, `INVALID_OPTION` for an unknown option, `INVALID_ARGUMENT` when `batches` is not
 *   iterable; while iterating, `INVALID_ROWS` for a batch that is not an array.
 *
 * @example
 * ```ts
 * import { scoreBatches } from 'patronage';
 *
 * const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * const pages = [
 *   [{ customer_id: 'a', frequency: 0, recency: 0, T: 38.86 }, { customer_id: 'b', frequency: 2, recency: 30.43, T: 38.86 }],
 *   [{ customer_id: 'c', frequency: 1, recency: 50, T: 38.86 }],
 * ];
 * const out = [];
 * for await (const batch of scoreBatches(fit, pages, { horizon: 39 })) out.push(batch);
 * out[0]?.rows[0]?.probability_alive; // => 1
 * Math.round((out[0]?.rows[1]?.expected_purchases ?? 0) * 1000) / 1000; // => 1.226
 * out[1]?.rejected[0]?.index; // => 2
 * out[1]?.rejected[0]?.code; // => 'INVALID_SUMMARY_ROW'
 * ```
 *
 * @category CLV models
 */
export function scoreBatches(
  fit: ModelSpec,
  batches: Iterable<readonly unknown[]> | AsyncIterable<readonly unknown[]>,
  options: ScoreBatchesOptions,
): AsyncGenerator<ScoredBatch, void, undefined> {
  const record = requireOptions(FN, 'options', options, SCORE_BATCHES_OPTION_KEYS);
  const horizon = requireAtLeast(FN, 'options.horizon', record['horizon'], 0);
  const given =
    record['columns'] === undefined
      ? {}
      : requireOptions(FN, 'options.columns', record['columns'], COLUMN_KEYS);
  const name = (key: keyof ScoreBatchesColumns, fallback: string): string => {
    const value = given[key];
    if (value === undefined) return fallback;
    if (typeof value !== 'string' || value === '') {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${FN}: options.columns.${key} must be a non-empty string, got ${describeValue(value)}`,
        {
          argument: `options.columns.${key}`,
          value,
        },
      );
    }
    return value;
  };
  const columns = {
    customerId: name('customerId', 'customer_id'),
    frequency: name('frequency', 'frequency'),
    recency: name('recency', 'recency'),
    T: name('T', 'T'),
  };
  // the fit and horizon checked now, by the function that scores
  scoreCustomers(fit, { frequency: [], recency: [], T: [] }, { horizon });
  const coefficients = (fit as { readonly coefficients?: unknown }).coefficients;
  if (coefficients !== undefined && coefficients !== null) {
    throw new PatronageError(
      'INVALID_FIT',
      'scoreBatches: does not take a fit with covariates (fit.coefficients); score such customers with scoreCustomers',
      { argument: 'fit.coefficients', value: coefficients },
    );
  }
  const source = batches as Partial<Iterable<unknown> & AsyncIterable<unknown>> | null;
  if (
    typeof source !== 'object' ||
    source === null ||
    (typeof source[Symbol.asyncIterator] !== 'function' && typeof source[Symbol.iterator] !== 'function')
  ) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: batches must be an iterable or async iterable of arrays of rows, got ${describeValue(batches)}`,
      {
        argument: 'batches',
        value: batches,
      },
    );
  }
  return generate(fit, batches, horizon, columns);
}

async function* generate(
  fit: ModelSpec,
  batches: Iterable<readonly unknown[]> | AsyncIterable<readonly unknown[]>,
  horizon: number,
  columns: Required<ScoreBatchesColumns>,
): AsyncGenerator<ScoredBatch, void, undefined> {
  let offset = 0;
  let batchIndex = 0;
  for await (const batch of batches) {
    if (!Array.isArray(batch)) {
      throw new PatronageError(
        'INVALID_ROWS',
        `${FN}: batch ${batchIndex} must be an array of rows, got ${describeValue(batch)}`,
        {
          argument: `batches[${batchIndex}]`,
          value: batch,
        },
      );
    }
    const rejected: RejectedRow[] = [];
    const ids: (string | number | bigint)[] = [];
    const frequency: number[] = [];
    const recency: number[] = [];
    const age: number[] = [];
    const reject = (index: number, code: RejectedRow['code'], message: string, field?: string): void => {
      rejected.push({
        index,
        code,
        message: `${FN}: row ${index}: ${message}`,
        ...(field === undefined ? {} : { field }),
      });
    };
    for (let i = 0; i < batch.length; i++) {
      const index = offset + i;
      const row = batch[i] as unknown;
      if (typeof row !== 'object' || row === null || Array.isArray(row)) {
        reject(index, 'INVALID_FIELD', `must be an object with named columns, got ${describeValue(row)}`);
        continue;
      }
      const fields = row as Readonly<Record<string, unknown>>;
      const id = fields[columns.customerId];
      if (id === undefined || id === null) {
        reject(index, 'MISSING_FIELD', `has no ${columns.customerId}`, columns.customerId);
        continue;
      }
      if (typeof id !== 'string' && typeof id !== 'number' && typeof id !== 'bigint') {
        reject(
          index,
          'INVALID_FIELD',
          `${columns.customerId} must be a string, number or bigint, got ${describeValue(id)}`,
          columns.customerId,
        );
        continue;
      }
      const values: number[] = [];
      let bad = false;
      for (const key of [columns.frequency, columns.recency, columns.T]) {
        const raw = fields[key];
        const value = numeric(raw);
        if (raw === undefined || raw === null) {
          reject(index, 'MISSING_FIELD', `has no ${key}`, key);
          bad = true;
          break;
        }
        if (!Number.isFinite(value)) {
          reject(
            index,
            'INVALID_FIELD',
            `${key} must be a finite number, a safe bigint or a decimal string, got ${describeValue(raw)}`,
            key,
          );
          bad = true;
          break;
        }
        values.push(value);
      }
      if (bad) continue;
      const [x, tx, T] = values as [number, number, number];
      if (!isHistory(x, tx, T)) {
        reject(
          index,
          'INVALID_SUMMARY_ROW',
          `(${x}, ${tx}, ${T}) is not a history: a whole frequency ≥ 0, 0 ≤ recency ≤ T, recency 0 exactly when frequency is 0`,
        );
        continue;
      }
      ids.push(id);
      frequency.push(x);
      recency.push(tx);
      age.push(T);
    }
    const scores = scoreCustomers(fit, { frequency, recency, T: age }, { horizon });
    const rows: ScoredRow[] = ids.map((id, i) => ({
      customer_id: id,
      probability_alive: scores.probabilityAlive[i] as number,
      expected_purchases: scores.expectedPurchases[i] as number,
    }));
    offset += batch.length;
    batchIndex++;
    yield { rows, rejected };
  }
}
