// Validation and compression of the fit inputs. Internal.

import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { HASH_SEED, mixNumber } from '../../internal/perf/numberHash';
import { requireCount, requireFinite, requireList, requireObject } from '../../internal/validate';
import { isHistory, requireHistory } from '../../model/customerSummary';
import { requireDiscreteHistory } from './inputs';

/**
 * Distinct rows with their summed weights, as parallel columns.
 *
 * @category CLV models
 */
export interface CompressedRows {
  /** First column (frequency). */
  readonly first: Float64Array;
  /** Second column (recency, or monetary value). */
  readonly second: Float64Array;
  /** Third column (T, or periods; 0 when unused). */
  readonly third: Float64Array;
  /** Summed weights. */
  readonly weight: Float64Array;
  /** Sum of all weights. */
  readonly total: number;
}

/**
 * Merges identical (first, second, third) rows, summing their weights, in first-seen order. An open-
 * addressing hash on the doubles' bits ({@link mixNumber}) keeps this linear and allocation-light for
 * millions of rows.
 */
export function compress(
  first: Float64Array,
  second: Float64Array,
  third: Float64Array,
  weight: Float64Array,
): CompressedRows {
  const length = first.length;
  let capacity = 16;
  while (capacity < length * 2) capacity *= 2;
  const slots = new Int32Array(capacity).fill(-1);
  const outFirst = new Float64Array(length);
  const outSecond = new Float64Array(length);
  const outThird = new Float64Array(length);
  const outWeight = new Float64Array(length);
  let distinct = 0;
  let total = 0;
  for (let i = 0; i < length; i++) {
    const a = first[i] as number;
    const b = second[i] as number;
    const c = third[i] as number;
    const w = weight[i] as number;
    total += w;
    let slot = mixNumber(mixNumber(mixNumber(HASH_SEED, a), b), c) & (capacity - 1);
    for (;;) {
      const index = slots[slot] as number;
      if (index < 0) {
        slots[slot] = distinct;
        outFirst[distinct] = a;
        outSecond[distinct] = b;
        outThird[distinct] = c;
        outWeight[distinct] = w;
        distinct++;
        break;
      }
      if (outFirst[index] === a && outSecond[index] === b && outThird[index] === c) {
        outWeight[index] = (outWeight[index] as number) + w;
        break;
      }
      slot = (slot + 1) & (capacity - 1);
    }
  }
  return {
    first: outFirst.slice(0, distinct),
    second: outSecond.slice(0, distinct),
    third: outThird.slice(0, distinct),
    weight: outWeight.slice(0, distinct),
    total,
  };
}

/**
 * The distinct values of a column and, for each row, the index of its value among them.
 *
 * @category CLV models
 */
export interface DistinctIndex {
  /** The distinct values, in first-seen order. */
  readonly values: Float64Array;
  /** Per row, the index of its value in `values`. */
  readonly ofRow: Int32Array;
}

/** Indexes a column's distinct values with the same open-addressing hash as {@link compress}. */
export function indexDistinct(column: Float64Array): DistinctIndex {
  const length = column.length;
  let capacity = 16;
  while (capacity < length * 2) capacity *= 2;
  const slots = new Int32Array(capacity).fill(-1);
  const values = new Float64Array(length);
  const ofRow = new Int32Array(length);
  let distinct = 0;
  for (let i = 0; i < length; i++) {
    const value = column[i] as number;
    let slot = mixNumber(HASH_SEED, value) & (capacity - 1);
    for (;;) {
      const index = slots[slot] as number;
      if (index < 0) {
        slots[slot] = distinct;
        values[distinct] = value;
        ofRow[i] = distinct;
        distinct++;
        break;
      }
      if (values[index] === value) {
        ofRow[i] = index;
        break;
      }
      slot = (slot + 1) & (capacity - 1);
    }
  }
  return { values: values.slice(0, distinct), ofRow };
}

/** Rows beyond which a fit first runs on a {@link subsample} to find a warm start. */
export const PILOT_ROWS = 40_000;

/**
 * A weighted subsample of about `target` distinct rows whose weighted log-likelihood estimates the whole
 * one without bias: every row with weight ≥ k is kept as it is, and every k-th of the lighter rows is kept
 * with its weight multiplied by k. Null when the rows are already few. It only seeds the optimiser: the
 * fit itself always maximises the likelihood of all rows.
 */
export function subsample(rows: CompressedRows, target: number = PILOT_ROWS / 2): CompressedRows | null {
  const length = rows.first.length;
  if (length <= PILOT_ROWS) return null;
  const stride = Math.ceil(length / target);
  const keep: number[] = [];
  const weights: number[] = [];
  let light = 0;
  for (let i = 0; i < length; i++) {
    const w = rows.weight[i] as number;
    if (w >= stride) {
      keep.push(i);
      weights.push(w);
    } else if (light++ % stride === 0) {
      keep.push(i);
      weights.push(w * stride);
    }
  }
  const pick = (column: Float64Array): Float64Array => Float64Array.from(keep, (i) => column[i] as number);
  const weight = Float64Array.from(weights);
  let total = 0;
  for (const w of weight) total += w;
  return { first: pick(rows.first), second: pick(rows.second), third: pick(rows.third), weight, total };
}

function rowError(fn: string, index: number, message: string, field: string, value: unknown): PatronageError {
  return new PatronageError('INVALID_SUMMARY_ROW', `${fn}: rows[${index}]: ${message}`, {
    argument: `rows[${index}].${field}`,
    index,
    field,
    value,
  });
}

function weightOf(fn: string, row: Readonly<Record<string, unknown>>, index: number): number {
  if (row['weight'] === undefined) return 1;
  const weight = requireFinite(fn, `rows[${index}].weight`, row['weight']);
  if (!(weight > 0))
    throw rowError(fn, index, `weight (${describeValue(weight)}) must be positive`, 'weight', weight);
  return weight;
}

function nonEmpty(fn: string, list: readonly unknown[]): void {
  if (list.length === 0) {
    throw new PatronageError('EMPTY_INPUT', `${fn}: rows is empty; a fit needs at least one customer`, {
      argument: 'rows',
      value: list,
    });
  }
}

/**
 * Validates `{ frequency, recency, T, weight? }` rows (continuous time) and compresses them. Throws naming
 * the row: frequency must be a whole number ≥ 0; 0 ≤ recency ≤ T; recency > 0 exactly when frequency > 0.
 */
export function continuousRows(fn: string, rows: unknown): CompressedRows {
  const list = requireList(fn, 'rows', rows);
  nonEmpty(fn, list);
  const length = list.length;
  const frequency = new Float64Array(length);
  const recency = new Float64Array(length);
  const age = new Float64Array(length);
  const weight = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const row = list[i] as Readonly<Record<string, unknown>> | null | undefined;
    // fast path for a valid row with no names built; anything else goes through the checks that name it
    if (typeof row === 'object' && row !== null && !Array.isArray(row)) {
      const x = row['frequency'];
      const tx = row['recency'];
      const T = row['T'];
      const w = row['weight'];
      if (
        isHistory(x, tx, T) &&
        (w === undefined || (typeof w === 'number' && w > 0 && w < Number.POSITIVE_INFINITY))
      ) {
        frequency[i] = x as number;
        recency[i] = tx as number;
        age[i] = T as number;
        weight[i] = w === undefined ? 1 : w;
        continue;
      }
    }
    const checked = requireObject(fn, `rows[${i}]`, row);
    const { x, tx, T } = requireHistory(fn, `rows[${i}]`, checked);
    frequency[i] = x;
    recency[i] = tx;
    age[i] = T;
    weight[i] = weightOf(fn, checked, i);
  }
  return compress(frequency, recency, age, weight);
}

/**
 * Validates BG/BB `{ frequency, recency, periods, weight? }` rows: whole numbers with
 * 0 ≤ frequency ≤ recency ≤ periods, recency > 0 exactly when frequency > 0.
 */
export function discreteRows(fn: string, rows: unknown): CompressedRows {
  const list = requireList(fn, 'rows', rows);
  nonEmpty(fn, list);
  const length = list.length;
  const frequency = new Float64Array(length);
  const recency = new Float64Array(length);
  const periods = new Float64Array(length);
  const weight = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const row = requireObject(fn, `rows[${i}]`, list[i]);
    const { x, tx, n } = requireDiscreteHistory(fn, `rows[${i}]`, row);
    frequency[i] = x;
    recency[i] = tx;
    periods[i] = n;
    weight[i] = weightOf(fn, row, i);
  }
  return compress(frequency, recency, periods, weight);
}

/**
 * Validates Gamma-Gamma `{ frequency, monetaryValue, weight? }` rows: frequency a whole number ≥ 1 (the
 * model describes repeat-transaction values; rows with frequency 0 carry no spend and are an error, so
 * filter them first) and monetaryValue > 0.
 */
export function spendRows(fn: string, rows: unknown): CompressedRows {
  const list = requireList(fn, 'rows', rows);
  nonEmpty(fn, list);
  const length = list.length;
  const frequency = new Float64Array(length);
  const spend = new Float64Array(length);
  const weight = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const row = requireObject(fn, `rows[${i}]`, list[i]);
    const x = requireCount(fn, `rows[${i}].frequency`, row['frequency']);
    const m = requireFinite(fn, `rows[${i}].monetaryValue`, row['monetaryValue']);
    if (x === 0) {
      throw rowError(
        fn,
        i,
        'frequency is 0: the spend model needs customers with repeat transactions (filter frequency > 0)',
        'frequency',
        x,
      );
    }
    if (!(m > 0))
      throw rowError(fn, i, `monetaryValue (${describeValue(m)}) must be positive`, 'monetaryValue', m);
    frequency[i] = x;
    spend[i] = m;
    weight[i] = weightOf(fn, row, i);
  }
  return compress(frequency, spend, new Float64Array(length), weight);
}
