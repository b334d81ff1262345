// Validation and compression of the fit inputs. Internal.

import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { HASH_SEED, mixNumber } from '../../internal/perf/numberHash';
import { radixOrder } from '../../internal/radixOrder';
import { requireCount, requireFinite, requireList, requireObject } from '../../internal/validate';
import { checkHistory, isHistory, requireHistory } from '../../model/customerSummary';
import { checkDiscreteHistory, requireDiscreteHistory } from './inputs';

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
 * Merges identical (first, second, third) rows, summing their weights, and returns the distinct rows in a
 * canonical order that depends only on the multiset of rows given, never on their order: a fit of raw rows,
 * of the same rows shuffled, or of a histogram of them (the distinct rows with their counts as weights, from
 * any engine or partition) sums its likelihood over the same rows in the same order and gives the same
 * bits. The order is ascending (first, second, third; the values are non-negative), which also keeps rows of one frequency together
 * for the likelihood. A weight sum is exact while the weights are whole numbers (a total up to 2^53);
 * when one is not, the rows are first put in canonical order with their weights, so each sum is taken in
 * the same order too. An open-addressing hash keeps this linear and allocation-light for millions of rows.
 * `owned`: the columns were built for this call and are not read again, so an ordered histogram's are
 * returned as they are (−0 made 0 in place) instead of copied.
 */
export function compress(
  first: Float64Array,
  second: Float64Array,
  third: Float64Array,
  weight: Float64Array,
  owned = false,
): CompressedRows {
  const length = first.length;
  let whole = true;
  let sum = 0;
  for (let i = 0; i < length; i++) {
    const w = weight[i] as number;
    sum += w;
    if (!Number.isInteger(w)) whole = false;
  }
  // a histogram in ascending order (rfmHistogramSql's ORDER BY) is distinct and canonical as it comes: one
  // linear check replaces the hash and the sort, and gives what they would (each value with −0 as 0, the
  // weights as given, their total summed in row order)
  if (ascending(first, second, third, true)) {
    // columns the caller hands over (`owned`: built for this call, not kept) are used as they are
    if (owned) {
      for (const column of [first, second, third]) {
        for (let i = 0; i < length; i++) column[i] = (column[i] as number) + 0;
      }
      return { first, second, third, weight, total: sum };
    }
    return {
      first: zeroless(first),
      second: zeroless(second),
      third: zeroless(third),
      weight: weight.slice(),
      total: sum,
    };
  }
  if (!whole || sum > Number.MAX_SAFE_INTEGER) {
    // sums of such weights depend on their order: take the rows in canonical order, weights included
    // −0 as 0 first, so that the bit patterns order the values
    const [a, b, c, w] = [zeroless(first), zeroless(second), zeroless(third), zeroless(weight)];
    const order = canonicalOrder(a, b, c, w);
    return merge(
      permuted(first, order),
      permuted(second, order),
      permuted(third, order),
      permuted(weight, order),
      false,
    );
  }
  return merge(first, second, third, weight, true);
}

/**
 * Merges identical rows in first-seen order; then, when `reorder`, puts the distinct rows in canonical
 * order (rows given in canonical order are in it already).
 */
function merge(
  first: Float64Array,
  second: Float64Array,
  third: Float64Array,
  weight: Float64Array,
  reorder: boolean,
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
  for (let i = 0; i < length; i++) {
    // −0 is kept as 0, so that which of two equal rows comes first cannot change what is stored
    const a = (first[i] as number) + 0;
    const b = (second[i] as number) + 0;
    const c = (third[i] as number) + 0;
    const w = weight[i] as number;
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
  const rows = {
    first: outFirst.subarray(0, distinct),
    second: outSecond.subarray(0, distinct),
    third: outThird.subarray(0, distinct),
    weight: outWeight.subarray(0, distinct),
  };
  const order =
    reorder && !ascending(rows.first, rows.second, rows.third, false)
      ? canonicalOrder(rows.first, rows.second, rows.third, null)
      : null;
  const pick = (column: Float64Array): Float64Array =>
    order === null ? column.slice() : permuted(column, order);
  const result = {
    first: pick(rows.first),
    second: pick(rows.second),
    third: pick(rows.third),
    weight: pick(rows.weight),
  };
  let total = 0;
  for (let i = 0; i < distinct; i++) total += result.weight[i] as number;
  return { ...result, total };
}

/**
 * Whether the rows are in ascending (first, second, third) order; when `strict`, strictly, so that they are
 * also distinct (−0 and 0 compare equal: a column holding both is not strictly ascending there).
 */
function ascending(first: Float64Array, second: Float64Array, third: Float64Array, strict: boolean): boolean {
  for (let i = 1; i < first.length; i++) {
    const a = (first[i - 1] as number) - (first[i] as number);
    if (a > 0) return false;
    if (a < 0) continue;
    const b = (second[i - 1] as number) - (second[i] as number);
    if (b > 0) return false;
    if (b < 0) continue;
    const c = (third[i - 1] as number) - (third[i] as number);
    if (c > 0 || (strict && !(c < 0))) return false;
  }
  return true;
}

/** A copy of `column` with −0 as 0. */
function zeroless(column: Float64Array): Float64Array {
  const out = new Float64Array(column.length);
  for (let i = 0; i < column.length; i++) out[i] = (column[i] as number) + 0;
  return out;
}

/** `column` in the order `order` gives its rows. */
function permuted(column: Float64Array, order: Uint32Array): Float64Array {
  const out = new Float64Array(order.length);
  for (let k = 0; k < order.length; k++) out[k] = column[order[k] as number] as number;
  return out;
}

/** Rows up to which one comparison sort puts them in order (the radix passes cost 65,536 counts each). */
const COMPARISON_SORT_UP_TO = 2048;

/**
 * The rows' indices in canonical order: by first, then second, then third and, when given, weight (each
 * ascending; the values are non-negative, −0 read as 0, so their order is that of their bit patterns): a
 * stable {@link radixOrder} of each column's bit patterns, least significant column first (it skips a pass
 * whose digit every row shares: the low bits of whole numbers, the high bits of a narrow range).
 */
function canonicalOrder(
  first: Float64Array,
  second: Float64Array,
  third: Float64Array,
  weight: Float64Array | null,
): Uint32Array {
  const length = first.length;
  let order: Uint32Array = new Uint32Array(length);
  for (let i = 0; i < length; i++) order[i] = i;
  if (length <= COMPARISON_SORT_UP_TO) {
    return order.sort(
      (l, r) =>
        (first[l] as number) - (first[r] as number) ||
        (second[l] as number) - (second[r] as number) ||
        (third[l] as number) - (third[r] as number) ||
        (weight === null ? 0 : (weight[l] as number) - (weight[r] as number)) ||
        l - r,
    );
  }
  // one stable radix sort per column, least significant first; a double's bits are two 32-bit words, the
  // top one second where the low word comes first (every current platform)
  const highWord = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
  for (const column of weight === null ? [third, second, first] : [weight, third, second, first]) {
    const words = new Uint32Array(column.buffer, column.byteOffset, column.length * 2);
    const high = new Uint32Array(length);
    const low = new Uint32Array(length);
    for (let k = 0; k < length; k++) {
      const i = order[k] as number;
      high[k] = words[2 * i + highWord] as number;
      low[k] = words[2 * i + 1 - highWord] as number;
    }
    order = radixOrder(order, high, low).order;
  }
  return order;
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

/**
 * Indexes a column's distinct values with the same open-addressing hash as {@link compress}. The table
 * starts small and doubles when a quarter full: a column of a million rows with a few hundred distinct values
 * (the times of a day-resolution summary) probes a table that stays in the first-level cache.
 */
export function indexDistinct(column: Float64Array): DistinctIndex {
  const length = column.length;
  let capacity = 16;
  let slots = new Int32Array(capacity).fill(-1);
  const values = new Float64Array(length);
  const ofRow = new Int32Array(length);
  let distinct = 0;
  for (let i = 0; i < length; i++) {
    const value = column[i] as number;
    // rows in canonical order repeat a frequency, and often a recency, from one row to the next
    if (i > 0 && column[i - 1] === value) {
      ofRow[i] = ofRow[i - 1] as number;
      continue;
    }
    let slot = mixNumber(HASH_SEED, value) & (capacity - 1);
    for (;;) {
      const index = slots[slot] as number;
      if (index < 0) {
        slots[slot] = distinct;
        values[distinct] = value;
        ofRow[i] = distinct;
        distinct++;
        if (4 * distinct > capacity) {
          // rehash the distinct values into a table twice the size (their indices unchanged)
          capacity *= 2;
          slots = new Int32Array(capacity).fill(-1);
          for (let k = 0; k < distinct; k++) {
            let at = mixNumber(HASH_SEED, values[k] as number) & (capacity - 1);
            while ((slots[at] as number) >= 0) at = (at + 1) & (capacity - 1);
            slots[at] = k;
          }
        }
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

/** Which rows a {@link subsample} keeps, their new weights and the weights' total. */
export interface SubsampleRows {
  /** A column's values at the rows kept, in order. */
  readonly pick: (column: Float64Array) => Float64Array;
  readonly weight: Float64Array;
  readonly total: number;
}

/**
 * The rows of a weighted subsample of about `target` distinct rows, from the rows' `weight` column, whose
 * weighted log-likelihood estimates the whole one without bias: every row with weight ≥ k is kept as it
 * is, and every k-th of the lighter rows is kept with its weight multiplied by k. Null when the rows are
 * already few (at most {@link PILOT_ROWS}). Shared by the fits with and without covariates.
 */
export function subsampleRows(rowWeight: Float64Array, target: number): SubsampleRows | null {
  const length = rowWeight.length;
  if (length <= PILOT_ROWS) return null;
  const stride = Math.ceil(length / target);
  // typed arrays, not lists: a million rows in a few milliseconds
  const kept = new Int32Array(length);
  const weights = new Float64Array(length);
  let count = 0;
  let light = 0;
  for (let i = 0; i < length; i++) {
    const w = rowWeight[i] as number;
    if (w >= stride) {
      kept[count] = i;
      weights[count++] = w;
    } else if (light++ % stride === 0) {
      kept[count] = i;
      weights[count++] = w * stride;
    }
  }
  const keep = kept.subarray(0, count);
  const pick = (column: Float64Array): Float64Array => {
    const out = new Float64Array(count);
    for (let k = 0; k < count; k++) out[k] = column[keep[k] as number] as number;
    return out;
  };
  const weight = weights.slice(0, count);
  let total = 0;
  for (const w of weight) total += w;
  return { pick, weight, total };
}

/**
 * A weighted subsample of about `target` distinct rows ({@link subsampleRows}), or null when the rows are
 * already few. It only seeds the optimiser: the fit itself always maximises the likelihood of all rows.
 */
export function subsample(rows: CompressedRows, target: number = PILOT_ROWS / 2): CompressedRows | null {
  const kept = subsampleRows(rows.weight, target);
  if (kept === null) return null;
  const { pick, weight, total } = kept;
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

export function weightOf(fn: string, row: Readonly<Record<string, unknown>>, index: number): number {
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
 * The columns `names` of a fit input given as columns (`{ frequency: [...], recency: [...], ... }`, each an
 * array or typed array, all of one length, `weight` optional; other keys are ignored, as other fields of a
 * row are), or null when `rows` is a list of rows. Throws naming a column that is missing, not an array or
 * of another length, and `EMPTY_INPUT` for columns of length 0.
 */
function fitColumns(
  fn: string,
  rows: unknown,
  names: readonly string[],
): {
  readonly length: number;
  readonly columns: ArrayLike<unknown>[];
  readonly weight: ArrayLike<unknown> | null;
} | null {
  if (
    typeof rows !== 'object' ||
    rows === null ||
    Array.isArray(rows) ||
    ArrayBuffer.isView(rows) ||
    Symbol.iterator in rows
  ) {
    return null;
  }
  const record = rows as Readonly<Record<string, unknown>>;
  const read = (name: string): ArrayLike<unknown> => {
    const column = record[name];
    if (!Array.isArray(column) && !(ArrayBuffer.isView(column) && !(column instanceof DataView))) {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${fn}: rows given as columns need rows.${name} as an array of numbers, got ${describeValue(column)}`,
        { argument: `rows.${name}`, value: column },
      );
    }
    return column as unknown as ArrayLike<unknown>;
  };
  const columns = names.map(read);
  const weight = record['weight'] === undefined ? null : read('weight');
  const length = (columns[0] as ArrayLike<unknown>).length;
  for (const [k, column] of [...columns, ...(weight === null ? [] : [weight])].entries()) {
    if (column.length !== length) {
      const name = k < names.length ? (names[k] as string) : 'weight';
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${fn}: rows.${name} has ${column.length} values but rows.${names[0]} has ${length}: columns must be of one length`,
        { argument: `rows.${name}`, value: column.length, expected: length },
      );
    }
  }
  if (length === 0) {
    throw new PatronageError('EMPTY_INPUT', `${fn}: rows has no values; a fit needs at least one customer`, {
      argument: 'rows',
      value: rows,
    });
  }
  return { length, columns, weight };
}

/** The weight at `index` of a weight column (1 without one), naming `rows.weight[index]` when it is not positive. */
function columnWeight(fn: string, weight: ArrayLike<unknown> | null, index: number): number {
  if (weight === null) return 1;
  const value = requireFinite(fn, `rows.weight[${index}]`, weight[index]);
  if (!(value > 0)) {
    throw new PatronageError(
      'INVALID_SUMMARY_ROW',
      `${fn}: rows.weight[${index}] (${describeValue(value)}) must be positive`,
      {
        argument: `rows.weight[${index}]`,
        index,
        field: 'weight',
        value,
      },
    );
  }
  return value;
}

/**
 * Validates `{ frequency, recency, T, weight? }` rows (continuous time) and compresses them. Throws naming
 * the row: frequency must be a whole number ≥ 0; 0 ≤ recency ≤ T; recency > 0 exactly when frequency > 0.
 */
export function continuousRows(fn: string, rows: unknown): CompressedRows {
  const given = fitColumns(fn, rows, ['frequency', 'recency', 'T']);
  if (given !== null) {
    const [xs, txs, Ts] = given.columns as [ArrayLike<unknown>, ArrayLike<unknown>, ArrayLike<unknown>];
    const frequency = new Float64Array(given.length);
    const recency = new Float64Array(given.length);
    const age = new Float64Array(given.length);
    const weight = new Float64Array(given.length);
    const weights = given.weight;
    for (let i = 0; i < given.length; i++) {
      // fast path for a valid row with no names built; anything else goes through the checks that name it
      const w = weights === null ? 1 : weights[i];
      if (isHistory(xs[i], txs[i], Ts[i]) && typeof w === 'number' && w > 0 && w < Number.POSITIVE_INFINITY) {
        frequency[i] = xs[i] as number;
        recency[i] = txs[i] as number;
        age[i] = Ts[i] as number;
        weight[i] = w;
        continue;
      }
      const x = requireCount(fn, `rows.frequency[${i}]`, xs[i]);
      const tx = requireFinite(fn, `rows.recency[${i}]`, txs[i]);
      const T = requireFinite(fn, `rows.T[${i}]`, Ts[i]);
      checkHistory(fn, `rows[${i}]`, x, tx, T);
      frequency[i] = x;
      recency[i] = tx;
      age[i] = T;
      weight[i] = columnWeight(fn, given.weight, i);
    }
    return compress(frequency, recency, age, weight, true);
  }
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
  return compress(frequency, recency, age, weight, true);
}

/**
 * Validates BG/BB `{ frequency, recency, periods, weight? }` rows: whole numbers with
 * 0 ≤ frequency ≤ recency ≤ periods, recency > 0 exactly when frequency > 0.
 */
export function discreteRows(fn: string, rows: unknown): CompressedRows {
  const given = fitColumns(fn, rows, ['frequency', 'recency', 'periods']);
  if (given !== null) {
    const [xs, txs, ns] = given.columns as [ArrayLike<unknown>, ArrayLike<unknown>, ArrayLike<unknown>];
    const frequency = new Float64Array(given.length);
    const recency = new Float64Array(given.length);
    const periods = new Float64Array(given.length);
    const weight = new Float64Array(given.length);
    for (let i = 0; i < given.length; i++) {
      const x = requireCount(fn, `rows.frequency[${i}]`, xs[i]);
      const tx = requireCount(fn, `rows.recency[${i}]`, txs[i]);
      const n = requireCount(fn, `rows.periods[${i}]`, ns[i]);
      checkDiscreteHistory(fn, `rows[${i}]`, x, tx, n);
      frequency[i] = x;
      recency[i] = tx;
      periods[i] = n;
      weight[i] = columnWeight(fn, given.weight, i);
    }
    return compress(frequency, recency, periods, weight);
  }
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
  const given = fitColumns(fn, rows, ['frequency', 'monetaryValue']);
  const list = given === null ? requireList(fn, 'rows', rows) : null;
  if (list !== null) nonEmpty(fn, list);
  const length = given === null ? (list as unknown[]).length : given.length;
  const frequency = new Float64Array(length);
  const spend = new Float64Array(length);
  const weight = new Float64Array(length);
  const xs = given === null ? null : (given.columns[0] as ArrayLike<unknown>);
  const ms = given === null ? null : (given.columns[1] as ArrayLike<unknown>);
  const ws = given === null ? null : given.weight;
  for (let i = 0; i < length; i++) {
    // fast path for a valid row or column entry, with no names built; anything else goes through the checks
    // that name it
    const listed = list === null ? null : (list[i] as Readonly<Record<string, unknown>> | null | undefined);
    const fastRow = typeof listed === 'object' && listed !== null && !Array.isArray(listed);
    const xValue = xs !== null ? xs[i] : fastRow ? listed['frequency'] : undefined;
    const mValue = ms !== null ? ms[i] : fastRow ? listed['monetaryValue'] : undefined;
    const wValue = ws !== null ? ws[i] : fastRow ? listed['weight'] : undefined;
    if (
      Number.isSafeInteger(xValue) &&
      (xValue as number) >= 1 &&
      typeof mValue === 'number' &&
      mValue > 0 &&
      mValue < Number.POSITIVE_INFINITY &&
      (wValue === undefined ||
        (typeof wValue === 'number' && wValue > 0 && wValue < Number.POSITIVE_INFINITY))
    ) {
      frequency[i] = xValue as number;
      spend[i] = mValue;
      weight[i] = wValue === undefined ? 1 : wValue;
      continue;
    }
    let x: number;
    let m: number;
    let row: Readonly<Record<string, unknown>> | null = null;
    // a row's fields are named rows[i].frequency, a column's values rows.frequency[i]
    if (given === null) {
      row = requireObject(fn, `rows[${i}]`, (list as unknown[])[i]);
      x = requireCount(fn, `rows[${i}].frequency`, row['frequency']);
      m = requireFinite(fn, `rows[${i}].monetaryValue`, row['monetaryValue']);
    } else {
      x = requireCount(fn, `rows.frequency[${i}]`, (given.columns[0] as ArrayLike<unknown>)[i]);
      m = requireFinite(fn, `rows.monetaryValue[${i}]`, (given.columns[1] as ArrayLike<unknown>)[i]);
    }
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
    weight[i] =
      row === null ? columnWeight(fn, (given as NonNullable<typeof given>).weight, i) : weightOf(fn, row, i);
  }
  return compress(frequency, spend, new Float64Array(length), weight);
}

/**
 * Validated continuous-time rows with the inter-purchase-time term of the Erlang-k (CNBD-k) likelihood.
 *
 * @category CLV models
 */
export interface ErlangRows extends CompressedRows {
  /**
   * Σ w·x·m̄ over the rows given (m̄ the mean log inter-purchase time, x·m̄ BTYDplus' `litt`), summed in an
   * order that depends only on the multiset of rows.
   */
  readonly logIntervalTotal: number;
}

/** Rows whose x·m̄ values {@link logIntervalTotal} merges (a weight sum of whole numbers is exact up to 2^53). */
function logIntervalTotal(values: Float64Array, weight: Float64Array): number {
  // merged by value (the magnitude and its sign as two non-negative columns), then summed in canonical order
  const magnitude = new Float64Array(values.length);
  const negative = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    magnitude[i] = Math.abs(value);
    negative[i] = value < 0 ? 1 : 0;
  }
  const merged = compress(magnitude, negative, new Float64Array(values.length), weight);
  let total = 0;
  for (let i = 0; i < merged.first.length; i++) {
    const value =
      (merged.second[i] as number) === 1 ? -(merged.first[i] as number) : (merged.first[i] as number);
    total += value * (merged.weight[i] as number);
  }
  return total;
}

/**
 * The mean log inter-purchase time of a customer with x repeat purchases, the last at t_x: a finite number
 * for x > 0, at most ln(t_x / x) (the mean of logarithms of gaps summing to t_x is at most the logarithm of
 * their mean; 1e−9 of slack for rounding); for x = 0 null, undefined or 0 (there is no gap).
 */
function meanLogIntervalOf(fn: string, name: string, value: unknown, x: number, tx: number): number {
  if (x === 0) {
    if (value === undefined || value === null || value === 0) return 0;
    throw new PatronageError(
      'INVALID_SUMMARY_ROW',
      `${fn}: ${name} must be null (or 0) for a customer without repeat purchases, got ${describeValue(value)}`,
      { argument: name, value },
    );
  }
  if (value === undefined || value === null) {
    throw new PatronageError(
      'INVALID_SUMMARY_ROW',
      `${fn}: ${name} is missing: the Erlang-k likelihood needs each customer's mean log inter-purchase time (interPurchaseTimes' meanLogInterval)`,
      { argument: name, value },
    );
  }
  const mean = requireFinite(fn, name, value);
  const bound = Math.log(tx / x);
  if (mean > bound + 1e-9 * Math.max(1, Math.abs(bound))) {
    throw new PatronageError(
      'INVALID_SUMMARY_ROW',
      `${fn}: ${name} (${describeValue(mean)}) exceeds ln(recency / frequency) (${bound}): the mean log of gaps summing to the recency cannot exceed the log of their mean`,
      { argument: name, value: mean, maximum: bound },
    );
  }
  return mean;
}

/**
 * Validates `{ frequency, recency, T, meanLogInterval, weight? }` rows (or the same as columns) as
 * {@link continuousRows} does, plus each customer's mean log inter-purchase time (`meanLogInterval`, as
 * {@link interPurchaseTimes} gives it; null for a customer without repeat purchases), and compresses the
 * (x, t_x, T) rows: the Erlang-k likelihood depends on the mean log times only through their weighted total.
 */
export function erlangRows(fn: string, rows: unknown): ErlangRows {
  // one read of every field the fit uses, so that both passes below see the same values
  const given = snapshotErlangInput(fn, rows);
  const compressed = continuousRows(fn, given);
  const count = Array.isArray(given) ? given.length : (given as { frequency: unknown[] }).frequency.length;
  const values = new Float64Array(count);
  const weight = new Float64Array(count);
  const columns = Array.isArray(given) ? null : (given as Readonly<Record<string, readonly unknown[]>>);
  for (let i = 0; i < count; i++) {
    const row = columns === null ? ((given as unknown[])[i] as Readonly<Record<string, unknown>>) : null;
    const field = (name: string): unknown => (row === null ? columns?.[name]?.[i] : row[name]);
    const x = field('frequency') as number;
    const name = row === null ? `rows.meanLogInterval[${i}]` : `rows[${i}].meanLogInterval`;
    values[i] = x * meanLogIntervalOf(fn, name, field('meanLogInterval'), x, field('recency') as number);
    const w = field('weight');
    weight[i] = w === undefined ? 1 : (w as number);
  }
  return { ...compressed, logIntervalTotal: logIntervalTotal(values, weight) };
}

/**
 * The Erlang-k fit input read once: columns copied into plain arrays, rows into plain objects of the fields
 * the fit reads (anything that is not a row object is kept, for the row reader to name).
 */
function snapshotErlangInput(fn: string, rows: unknown): unknown {
  const given = fitColumns(fn, rows, ['frequency', 'recency', 'T', 'meanLogInterval']);
  if (given !== null) {
    const copy = (column: ArrayLike<unknown>): unknown[] => {
      const out = new Array<unknown>(given.length);
      for (let i = 0; i < given.length; i++) out[i] = column[i];
      return out;
    };
    const [frequency, recency, T, meanLogInterval] = given.columns.map(copy);
    return {
      frequency,
      recency,
      T,
      meanLogInterval,
      ...(given.weight === null ? {} : { weight: copy(given.weight) }),
    };
  }
  const list = requireList(fn, 'rows', rows);
  return list.map((row) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) return row;
    const record = row as Readonly<Record<string, unknown>>;
    const weight = record['weight'];
    return {
      frequency: record['frequency'],
      recency: record['recency'],
      T: record['T'],
      meanLogInterval: record['meanLogInterval'],
      ...(weight === undefined ? {} : { weight }),
    };
  });
}
