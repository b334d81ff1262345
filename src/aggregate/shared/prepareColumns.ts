import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { requireObject } from '../../internal/validate';
import type { PeriodKeyer } from '../../model/calendarKeys';
import { exactMinorUnits } from '../../model/money';
import { MAX_EPOCH_MS } from '../../model/time';

/**
 * Transactions as columns, for batch data already held in typed arrays (DuckDB, Arrow or Parquet readers):
 * row i is a purchase by customer `customerIndex[i]` at `at[i]` (epoch ms) for `amount[i]` (major units).
 *
 * @category Tables
 */
export interface TransactionColumns {
  /** Dense customer numbers, whole numbers from 0; your own array maps them to customer ids. */
  readonly customerIndex: Uint32Array | Int32Array | readonly number[];
  /** Epoch milliseconds. */
  readonly at: Float64Array | readonly number[];
  /** Amounts in major units, at least 0, with no more decimals than the currency has. */
  readonly amount: Float64Array | readonly number[];
}

/** What preparing rows needs of the resolved options: the period keyer and the currency's scale. */
export interface RowKeying {
  readonly keyer: PeriodKeyer;
  readonly scale: number;
}

/** Whether a value can serve as a column: an array or a typed array. */
function isColumn(value: unknown): value is ArrayLike<number> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/**
 * The three columns, each field of the record read once, so the passes over the columns (the single-pass
 * path, then the general one) see the same arrays. The arrays themselves are used in place, plain or typed:
 * a copy would cost the columnar path a third of its time; every element is validated where it is read (a
 * hole is a bad value, INVALID_COLUMNS) and lengths are compared, so a proxy whose `length` changes gets a
 * PatronageError, never a wrong table.
 */
class ReadColumns {
  readonly customerIndex: unknown;
  readonly at: unknown;
  readonly amount: unknown;
  constructor(fn: string, columns: unknown) {
    const record = requireObject(fn, 'columns', columns);
    this.customerIndex = record['customerIndex'];
    this.at = record['at'];
    this.amount = record['amount'];
  }
}

/** The columns read once ({@link ReadColumns}); columns already read are returned as they are. */
export function readColumns(fn: string, columns: unknown): ReadColumns {
  return columns instanceof ReadColumns ? columns : new ReadColumns(fn, columns);
}

function columnError(
  fn: string,
  column: string,
  index: number,
  value: unknown,
  why: string,
  code: 'INVALID_COLUMNS' | 'INVALID_TIMESTAMP' | 'MONEY_PRECISION' = 'INVALID_COLUMNS',
): PatronageError {
  return new PatronageError(code, `${fn}: ${column}[${index}] ${why}, got ${describeValue(value)}`, {
    argument: column,
    index,
    value,
  });
}

/** The three columns when they are arrays of equal length (the single-pass paths' precondition), else undefined. */
export function wellFormedColumns(
  fn: string,
  columns: unknown,
): { customerIndex: ArrayLike<number>; at: ArrayLike<number>; amount: ArrayLike<number> } | undefined {
  const { customerIndex, at, amount } = readColumns(fn, columns);
  return isColumn(customerIndex) &&
    isColumn(at) &&
    isColumn(amount) &&
    customerIndex.length === at.length &&
    at.length === amount.length
    ? { customerIndex, at, amount }
    : undefined;
}

/** Validated columns: merge-period keys, minor amounts, and the customer count. */
export interface PreparedColumns {
  readonly customerCount: number;
  readonly customerIndex: ArrayLike<number>;
  readonly keys: Int32Array;
  readonly minor: Float64Array;
  readonly maxKey: number;
}

/** Validates the columns and computes each row's merge-period key and minor amount, in one pass. */
export function prepareColumns(fn: string, columns: unknown, resolved: RowKeying): PreparedColumns {
  const { customerIndex, at, amount } = readColumns(fn, columns);
  for (const [name, value] of [
    ['customerIndex', customerIndex],
    ['at', at],
    ['amount', amount],
  ] as const) {
    if (!isColumn(value)) {
      throw new PatronageError(
        'INVALID_COLUMNS',
        `${fn}: ${name} must be an array or typed array, got ${describeValue(value)}`,
        {
          argument: name,
          value,
        },
      );
    }
  }
  const customers = customerIndex as ArrayLike<number>;
  const times = at as ArrayLike<number>;
  const amounts = amount as ArrayLike<number>;
  const rows = customers.length;
  if (times.length !== rows || amounts.length !== rows) {
    throw new PatronageError(
      'INVALID_COLUMNS',
      `${fn}: the columns differ in length (customerIndex ${rows}, at ${times.length}, amount ${amounts.length})`,
      { argument: 'columns', value: [rows, times.length, amounts.length] },
    );
  }
  const keys = new Int32Array(rows);
  const minor = new Float64Array(rows);
  const { keyer, scale } = resolved;
  let customerCount = 0;
  let maxKey = Number.NEGATIVE_INFINITY;
  for (let row = 0; row < rows; row++) {
    const customer = customers[row] as number;
    if (
      typeof customer !== 'number' ||
      !(customer >= 0 && customer <= 0xffff_fffe && Number.isInteger(customer))
    ) {
      throw columnError(fn, 'customerIndex', row, customer, 'must be a whole number from 0 to 4294967294');
    }
    if (customer >= customerCount) customerCount = customer + 1;
    const time = times[row] as number;
    if (typeof time !== 'number' || !(Math.abs(time) <= MAX_EPOCH_MS)) {
      throw columnError(
        fn,
        'at',
        row,
        time,
        'must be epoch milliseconds within the Date range',
        'INVALID_TIMESTAMP',
      );
    }
    const value = amounts[row] as number;
    if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
      throw columnError(
        fn,
        'amount',
        row,
        value,
        'must be a finite amount of at least 0 (refunds are their own event)',
      );
    }
    const rounded = exactMinorUnits(value, scale);
    if (Number.isNaN(rounded)) {
      throw columnError(
        fn,
        'amount',
        row,
        value,
        "has more decimals than the currency's minor unit",
        'MONEY_PRECISION',
      );
    }
    const key = keyer.keyOf(time);
    keys[row] = key;
    minor[row] = rounded;
    if (key > maxKey) maxKey = key;
  }
  return { customerCount, customerIndex: customers, keys, minor, maxKey };
}

/**
 * Dense customer numbers for the counting sort. Indexes are used as they are when they are dense enough
 * (at most twice the row count plus 1024); sparse ones are first renumbered through their sorted distinct
 * values, so memory follows the data, never the largest index.
 */
export function densify(
  customerIndex: ArrayLike<number>,
  customerCount: number,
): { dense: ArrayLike<number>; customerCount: number; original: Float64Array | undefined } {
  const rows = customerIndex.length;
  if (customerCount <= 2 * rows + 1024) return { dense: customerIndex, customerCount, original: undefined };
  const sorted = Float64Array.from(customerIndex).sort();
  let unique = 0;
  for (let i = 0; i < rows; i++)
    if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[unique++] = sorted[i] as number;
  const original = sorted.slice(0, unique);
  const dense = new Uint32Array(rows);
  for (let row = 0; row < rows; row++) {
    const value = customerIndex[row] as number;
    let low = 0;
    let high = unique - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((original[middle] as number) < value) low = middle + 1;
      else high = middle;
    }
    dense[row] = low;
  }
  return { dense, customerCount: unique, original };
}

/** The end key: the merge period of observationEnd, or of the last transaction. */
export function endKeyOf(
  resolved: { readonly keyer: PeriodKeyer; readonly endMs: number | undefined },
  maxKey: number,
): number {
  return resolved.endMs === undefined ? maxKey : resolved.keyer.keyOf(resolved.endMs);
}
