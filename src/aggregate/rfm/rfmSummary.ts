import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { SpareBuffer } from '../../internal/perf/spareBuffer';
import { requireListInPlace } from '../../internal/validate';
import { MAX_MINOR } from '../../model/money';
import { type CustomerId, outputCustomerIds, type Transaction } from '../../model/transaction';
import { KEY_MASK, LOCAL_SHIFT, PARTITION_SHIFT, partitionKeyedRows } from '../shared/partitionRows';
import { endKeyOf, type PreparedColumns } from '../shared/prepareColumns';
import {
  inIdOrder,
  inSortedIdOrder,
  ROW_BYTES,
  readTransactionRows,
  type TransactionRows,
} from '../shared/prepareTransactions';
import { emptyRfmColumns, setRfmEntry } from './rfmColumns';
import { type ResolvedRfmOptions, RFM_OPTION_KEYS, type RfmOptions, resolveRfmOptions } from './rfmOptions';
import { summariseColumns } from './rfmSummaryColumns';

/**
 * One customer's RFM summary, as lifetimes' `summary_data_from_transaction_data` computes it. In the
 * literature's notation: `frequency` is x, `recency` is t_x.
 *
 * @category Tables
 */
export interface RfmRow {
  /** The customer, as a string: `String(id)` of the transactions' id (see {@link CustomerId}). */
  readonly customerId: string;
  /**
   * x: repeat transactions, the number of distinct purchase days (merge periods) minus one; with
   * `includeFirst`, all of them.
   */
  readonly frequency: number;
  /** t_x: time from the first to the last purchase, in the unit (0 when frequency is 0). */
  readonly recency: number;
  /** Time from the first purchase to the end of observation, in the unit. */
  readonly T: number;
  /**
   * Mean value of the repeat transactions in major units (same-day purchases summed); 0 without any. With
   * `includeFirst`, the mean over every transaction, the first included.
   */
  readonly monetaryValue: number;
}

/**
 * The RFM summary of a transaction log: one row per customer with `frequency`, `recency`, `T` and
 * `monetaryValue`, compatible with lifetimes' `summary_data_from_transaction_data` (docs/formulas.md §2).
 *
 * Purchases on the same calendar day (UTC, or the `timeZone` / `utcOffsetMinutes` given) are merged into
 * one transaction with their amounts summed; `mergeWithin: 'week' | 'month'` coarsens that. `unit` only
 * scales the times. Transactions in the merge period of `observationEnd` or earlier count; later ones lie
 * outside the observation window and are not part of this summary (lifetimes' convention; use
 * {@link calibrationHoldoutSummary} to keep them as a holdout). The default end is the last transaction.
 * Note that `recency` here is first-to-last purchase, not time since the last purchase (that is
 * `T − recency`).
 *
 * Amounts are totalled in integer minor units, so results do not depend on the order of the rows. A
 * transaction repeated with the same `eventId` counts once.
 *
 * `includeFirst: true` counts the first purchase as a transaction too, as lifetimes'
 * `include_first_transaction=True` does (for RFM segmentation, where a one-time buyer has frequency 1):
 * `frequency` is the number of distinct merge periods and `monetaryValue` the mean over all of them, the
 * first included; `recency` and `T` are unchanged. The customer-base models need the default (repeat
 * transactions only), and {@link calibrationHoldoutSummary} does not take the option.
 *
 * @param transactions - `{ customerId, at, amount, eventId? }` rows (purchase events qualify)
 * @param options - `unit` (default `'day'`), `observationEnd`, `mergeWithin`, time zone, `fractionDigits`,
 *   `includeFirst` (default `false`)
 * @returns one row per customer with a purchase in the window, sorted by customer id (numbers first);
 *   an empty array for no transactions
 * @throws PatronageError for the first invalid row, naming its index in `details.index`: `NOT_AN_OBJECT`,
 *   `MISSING_FIELD`, `INVALID_FIELD` (customer id, a negative or NaN amount, more decimals than the
 *   currency has), `INVALID_TIMESTAMP`; `CONFLICTING_EVENT_ID` when two different transactions share an
 *   `eventId`; `MONEY_PRECISION` when one customer's purchases in the window total beyond 2^53 − 1 minor
 *   units (`details.customer`); `INVALID_ARGUMENT`, `OUT_OF_RANGE`, `INVALID_PERIOD`, `INVALID_TIME_ZONE`
 *   for options.
 *   Use `parseTransactions` first to collect every bad row instead.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { rfmSummary } from 'patronage';
 *
 * rfmSummary(
 *   [
 *     { customerId: 'ann', at: '2024-01-01T09:00:00Z', amount: 20 },
 *     { customerId: 'ann', at: '2024-01-01T18:00:00Z', amount: 5 },
 *     { customerId: 'ann', at: '2024-01-15', amount: 30 },
 *     { customerId: 'bao', at: '2024-01-10', amount: 12.5 },
 *   ],
 *   { unit: 'week', observationEnd: '2024-01-29' },
 * );
 * // => [
 * //   { customerId: 'ann', frequency: 1, recency: 2, T: 4, monetaryValue: 30 },
 * //   { customerId: 'bao', frequency: 0, recency: 0, T: 2.7142857142857144, monetaryValue: 0 },
 * // ]
 * ```
 *
 * @example
 * ```ts
 * import { rfmSummary } from 'patronage';
 *
 * // the first purchase counted too (lifetimes' include_first_transaction)
 * rfmSummary(
 *   [
 *     { customerId: 'ann', at: '2024-01-01', amount: 20 },
 *     { customerId: 'ann', at: '2024-01-15', amount: 30 },
 *     { customerId: 'bao', at: '2024-01-10', amount: 12.5 },
 *   ],
 *   { unit: 'week', observationEnd: '2024-01-29', includeFirst: true },
 * );
 * // => [
 * //   { customerId: 'ann', frequency: 2, recency: 2, T: 4, monetaryValue: 25 },
 * //   { customerId: 'bao', frequency: 1, recency: 0, T: 2.7142857142857144, monetaryValue: 12.5 },
 * // ]
 * ```
 *
 * @category Tables
 */
export function rfmSummary(transactions: Iterable<Transaction>, options?: RfmOptions): RfmRow[] {
  const fn = 'rfmSummary';
  const resolved = resolveRfmOptions(fn, options, RFM_OPTION_KEYS);
  // each row is read once, in order, into columns: no copy of the list is needed
  const { list, length } = requireListInPlace(fn, 'transactions', transactions);
  return rfmOfRows(fn, list, resolved, length);
}

/** The RFM rows of prepared columns whose dense customer numbers index `customerIds`. */
export function rfmRows(
  fn: string,
  prepared: PreparedColumns & { readonly customerIds: readonly string[] },
  resolved: ResolvedRfmOptions,
): RfmRow[] {
  const columns = summariseColumns(fn, prepared, resolved, prepared.customerIds);
  const rows: RfmRow[] = [];
  for (let j = 0; j < columns.customerIndex.length; j++) {
    rows.push({
      customerId: prepared.customerIds[columns.customerIndex[j] as number] as string,
      frequency: columns.frequency[j] as number,
      recency: columns.recency[j] as number,
      T: columns.T[j] as number,
      monetaryValue: columns.monetaryValue[j] as number,
    });
  }
  return rows;
}

/**
 * Per customer, in customer-number order, one 32-byte record (one cache line holds two): first period,
 * last period, distinct periods (Int32 0-2; 3 unused), then the total and the first period's total in
 * minor units (Float64 2-3).
 */
const RECORD_BYTES = 32;
const KEY_STRIDE = RECORD_BYTES / 4;
const MINOR_STRIDE = RECORD_BYTES / 8;

/**
 * The RFM rows of transaction rows: each row is read once into columns ({@link readTransactionRows}, so
 * every row rule and error is the one `prepareTransactions` applies, in the same row order), then
 * {@link foldRfm} folds the columns, or, when it cannot, they are grouped by customer as
 * `prepareTransactions` groups them. Gives exactly the rows of that path.
 *
 * `rows` is the caller's list as `requireListInPlace` gave it, with its `length` (`rows.length` by
 * default): each row is read once.
 */
export function rfmOfRows(
  fn: string,
  rows: readonly unknown[],
  resolved: ResolvedRfmOptions,
  length: number = rows.length,
): RfmRow[] {
  const columns = COLUMNS.take(ROW_BYTES * length);
  const read = readTransactionRows(fn, rows, resolved, columns, length);
  const result = foldRfm(fn, read, resolved) ?? rfmRows(fn, inSortedIdOrder(fn, read), resolved);
  COLUMNS.give(columns); // the result holds no view of it
  return result;
}

/** The buffers of the last call (see `SpareBuffer`): the read rows, then the folded rows and records. */
const COLUMNS = /* @__PURE__ */ new SpareBuffer();
const FOLDED = /* @__PURE__ */ new SpareBuffer();
/** Bytes a read row takes once partitioned (4 packed, 8 amount). */
const PARTITIONED_BYTES = 12;

/**
 * The RFM rows of read transaction rows in one pass over them, in partition order (`partitionKeyedRows`,
 * so each customer's record is near the last one's), folding each row into its customer's first and last
 * merge period, number of distinct periods, total and first period's total, as the CLI's `RfmStream`
 * folds its batches.
 *
 * A row in its customer's first or last period, or before the first, or after the last, folds exactly
 * (time-ordered logs, and logs in reverse order). A row strictly between the two cannot (was that period
 * seen already?): the fold stops there and returns `undefined`, as it does for keys spanning more than
 * 2^18 periods; the caller then groups the rows by customer.
 */
export function foldRfm(
  fn: string,
  read: TransactionRows,
  resolved: ResolvedRfmOptions,
): RfmRow[] | undefined {
  const { keyer } = resolved;
  const { numbering, maxKey } = read;
  const customerCount = numbering.ids.length;
  const endKey = endKeyOf(resolved, maxKey);
  const { count } = read;
  // amounts, then the records (zeroed), then the packed customers and keys
  const folded = FOLDED.take(PARTITIONED_BYTES * count + RECORD_BYTES * customerCount);
  const parts = partitionKeyedRows(
    customerCount,
    read.customers,
    read.keys,
    read.minor,
    count,
    endKey,
    new Uint32Array(folded, 8 * count + RECORD_BYTES * customerCount, count),
    new Float64Array(folded, 0, count),
  );
  if (parts === undefined) {
    FOLDED.give(folded);
    return undefined;
  }
  const { packed, minor, offsets, partitions, minKey } = parts;
  const keys = new Int32Array(folded, 8 * count, KEY_STRIDE * customerCount);
  const minors = new Float64Array(folded, 8 * count, MINOR_STRIDE * customerCount);
  keys.fill(0);
  for (let p = 0; p < partitions; p++) {
    const partitionBase = p << PARTITION_SHIFT;
    const to = offsets[p + 1] as number;
    for (let row = offsets[p] as number; row < to; row++) {
      const word = packed[row] as number;
      const customer = partitionBase + (word >>> LOCAL_SHIFT);
      const key = minKey + (word & KEY_MASK);
      const amount = minor[row] as number;
      const base = customer * KEY_STRIDE;
      const money = customer * MINOR_STRIDE + 2;
      const periods = keys[base + 2] as number;
      if (periods === 0) {
        keys[base] = key;
        keys[base + 1] = key;
        keys[base + 2] = 1;
        minors[money] = amount;
        minors[money + 1] = amount;
        continue;
      }
      const first = keys[base] as number;
      const last = keys[base + 1] as number;
      if (key === last || key === first) {
        minors[money] = (minors[money] as number) + amount;
        if (key === first) minors[money + 1] = (minors[money + 1] as number) + amount;
      } else if (key > last) {
        keys[base + 1] = key;
        keys[base + 2] = periods + 1;
        minors[money] = (minors[money] as number) + amount;
      } else if (key < first) {
        keys[base] = key;
        keys[base + 2] = periods + 1;
        minors[money] = (minors[money] as number) + amount;
        minors[money + 1] = amount;
      } else {
        FOLDED.give(folded);
        return undefined; // between the first and the last period: grouped by the general path
      }
    }
  }
  const { order, sortedIds } = inIdOrder(numbering);
  const outputIds = outputCustomerIds(fn, sortedIds);
  if (maxKey === Number.NEGATIVE_INFINITY) return [];
  let present = 0;
  for (let customer = 0; customer < customerCount; customer++)
    if ((keys[customer * KEY_STRIDE + 2] as number) > 0) present++;
  const result: RfmRow[] = new Array(present); // filled in full below
  let j = 0;
  const endStart = keyer.startOf(endKey);
  const entry = emptyRfmColumns(1); // one customer's figures, by the formula every path uses
  for (let position = 0; position < order.length; position++) {
    const customer = order[position] as number;
    const base = customer * KEY_STRIDE;
    const periods = keys[base + 2] as number;
    if (periods === 0) continue; // no transaction in the window
    const money = customer * MINOR_STRIDE + 2;
    const total = minors[money] as number;
    const customerId = outputIds[position] as string;
    // amounts are never negative, so the computed total passes MAX_MINOR exactly when the true one does
    if (total > MAX_MINOR) {
      throw new PatronageError(
        'MONEY_PRECISION',
        `${fn}: the purchases of customer ${describeValue(customerId)} total beyond the exact range of minor units (${MAX_MINOR})`,
        { argument: 'transactions', customer: customerId },
      );
    }
    setRfmEntry(
      entry,
      0,
      customer,
      periods,
      keyer.startOf(keys[base] as number),
      keyer.startOf(keys[base + 1] as number),
      endStart,
      total - (minors[money + 1] as number),
      minors[money + 1] as number,
      resolved,
    );
    result[j++] = {
      customerId,
      frequency: entry.frequency[0] as number,
      recency: entry.recency[0] as number,
      T: entry.T[0] as number,
      monetaryValue: entry.monetaryValue[0] as number,
    };
  }
  FOLDED.give(folded); // the result holds no view of it
  return result;
}
