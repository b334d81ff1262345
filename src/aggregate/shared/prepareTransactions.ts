import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { ShortIds } from '../../internal/perf/shortIds';
import { requireList } from '../../internal/validate';
import { exactMinorUnits } from '../../model/money';
import { MAX_EPOCH_MS } from '../../model/time';
import { type IsoDateMemo, readCommonIso } from '../../model/timestamp';
import {
  type CustomerId,
  compareCustomerIds,
  outputCustomerIds,
  readTransaction,
} from '../../model/transaction';
import type { PreparedColumns, RowKeying } from './prepareColumns';

/**
 * Prepared columns plus the customer ids behind the dense indexes (as the results give them, strings),
 * numbered in sorted id order.
 */
export interface PreparedTransactions extends PreparedColumns {
  readonly customerIds: readonly string[];
}

/**
 * Validates transaction rows (throwing a PatronageError that names the first bad row), counts a
 * transaction repeated under the same `eventId` once (a conflicting repeat throws CONFLICTING_EVENT_ID)
 * and returns them as prepared columns. Customers are numbered in sorted id order, so results come out
 * sorted by customer id whatever the input order. Ids come back as strings ({@link outputCustomerIds}:
 * AMBIGUOUS_CUSTOMER_ID for a number and a string id that would print alike).
 *
 * Each row is read once by {@link readTransactionRows}, straight into typed arrays.
 */
export function prepareTransactions(
  fn: string,
  transactions: unknown,
  resolved: RowKeying,
): PreparedTransactions {
  return inSortedIdOrder(
    fn,
    readTransactionRows(fn, requireList(fn, 'transactions', transactions), resolved),
  );
}

/**
 * Transaction rows read into columns: kept row r (of `count`) is a purchase by customer `customers[r]`
 * (numbered in first-seen order: `numbering.ids[n]` is the id of customer n) in period `keys[r]` for
 * `minor[r]` integer minor units; `maxKey` is the largest key (-Infinity for no rows).
 */
export interface TransactionRows {
  readonly numbering: ShortIds;
  readonly customers: Uint32Array;
  readonly keys: Int32Array;
  readonly minor: Float64Array;
  readonly count: number;
  readonly maxKey: number;
}

/** Bytes a row takes in {@link TransactionRows}. */
export const ROW_BYTES = 16;

/**
 * Reads every row once with {@link TransactionRowReader} (a bad row throws, a repeated transaction counts
 * once) into {@link TransactionRows}, its customer id numbered through `ShortIds`. Only sequential writes
 * besides the id lookup: the grouping by customer is left to a pass over the columns. The columns are
 * views of `buffer` (at least {@link ROW_BYTES} a row; a new one by default). Reads `rows[0..length)`,
 * each once (`length`: `rows.length` by default, read once).
 */
export function readTransactionRows(
  fn: string,
  rows: readonly unknown[],
  resolved: RowKeying,
  buffer: ArrayBuffer = new ArrayBuffer(ROW_BYTES * rows.length),
  length: number = rows.length,
): TransactionRows {
  const { keyer, scale } = resolved;
  // one slot per row: a row is kept at most once, so `count` never exceeds the rows
  const minor = new Float64Array(buffer, 0, length);
  const customers = new Uint32Array(buffer, 8 * length, length);
  const keys = new Int32Array(buffer, 12 * length, length);
  let count = 0;
  const numbering = new ShortIds(length);
  const reader = new TransactionRowReader(fn, scale);
  let maxKey = Number.NEGATIVE_INFINITY;
  // While every id is a numbered id of one kind (strings or numbers), `customers` holds the ids' values and
  // they are numbered after the loop (`numberValues`: the same numbers); the first other id numbers the
  // rows read so far and the rest one by one.
  let deferring = true;
  let text: boolean | undefined; // whether the first id is a string
  for (let index = 0; index < length; index++) {
    if (!reader.read(index, rows[index])) continue; // the same transaction delivered twice counts once
    const id = reader.customerId;
    let customer: number;
    if (deferring) {
      customer = numbering.numberedValueOf(id);
      text ??= typeof id === 'string';
      if (customer < 0 || text !== (typeof id === 'string')) {
        numbering.numberValues(customers, 0, count, text);
        deferring = false;
        customer = numbering.numberOf(id);
      }
    } else customer = numbering.numberOf(id);
    const key = keyer.keyOf(reader.at);
    customers[count] = customer;
    keys[count] = key;
    minor[count] = reader.minor;
    count++;
    if (key > maxKey) maxKey = key;
  }
  if (deferring) numbering.numberValues(customers, 0, count, text === true);
  return { numbering, customers, keys, minor, count, maxKey };
}

/** Read rows as prepared columns, their customers renumbered in sorted id order. */
export function inSortedIdOrder(fn: string, read: TransactionRows): PreparedTransactions {
  const { numbering, customers, count } = read;
  // renumber customers in sorted id order, so results are sorted and independent of row order
  const { ids } = numbering;
  const { order, sortedIds } = inIdOrder(numbering);
  const rank = new Uint32Array(ids.length);
  for (let position = 0; position < order.length; position++) rank[order[position] as number] = position;
  const customerIndex = new Uint32Array(count);
  for (let row = 0; row < count; row++) customerIndex[row] = rank[customers[row] as number] as number;
  return {
    customerCount: ids.length,
    customerIndex,
    keys: read.keys.subarray(0, count),
    minor: read.minor.subarray(0, count),
    maxKey: read.maxKey,
    customerIds: outputCustomerIds(fn, sortedIds),
  };
}

/** A transaction the reader took, as the eventId check compares it. */
interface SeenTransaction {
  readonly index: number;
  readonly customerId: CustomerId;
  readonly at: number;
  readonly minor: number;
}

/**
 * Reads transaction rows one at a time into its fields `customerId`, `at` (epoch ms) and `minor` (amount
 * in integer minor units): what every table built from `{ customerId, at, amount,
 * eventId? }` rows reads them with. A bad row throws the PatronageError that names it; a transaction
 * repeated under the same `eventId` is reported as a repeat (a conflicting repeat throws
 * CONFLICTING_EVENT_ID).
 *
 * Each of a row's fields is read once: a customer id and an amount are checked in place, an ISO-8601
 * string in a common shape is read by `readCommonIso`. A row that is not plainly valid (any other time
 * form, a bad field) goes through the full row validator, which either accepts it or throws the precise
 * error.
 */
export class TransactionRowReader {
  /** The last row's customer id (`-0` read as `0`). */
  customerId: CustomerId = 0;
  /** The last row's time, epoch ms. */
  at = 0;
  /** The last row's amount, integer minor units. */
  minor = 0;
  /** The last date read from an ISO string, for `readCommonIso`. */
  private readonly dateMemo: IsoDateMemo = { date: -1, midnight: 0 };
  private readonly fn: string;
  private readonly scale: number;
  private readonly byEventId = new Map<string, SeenTransaction>();

  constructor(fn: string, scale: number) {
    this.fn = fn;
    this.scale = scale;
  }

  /**
   * Reads row `index` into the fields; false when it repeats a transaction read before (the same
   * `eventId`, customer, time and amount), which counts once.
   */
  read(index: number, row: unknown): boolean {
    const { fn, scale } = this;
    let customerId: CustomerId;
    let at: number;
    let cents: number;
    let eventId: string | undefined;
    // each field is read once into a local (a getter cannot pass the check and then change); a row whose
    // reads throw goes to the full validator, which reports the field
    let rawId: unknown;
    let rawAt: unknown;
    let rawEventId: unknown;
    let read = false;
    let rawAmount: unknown;
    if (typeof row === 'object' && row !== null) {
      try {
        const record = row as { customerId?: unknown; at?: unknown; amount?: unknown; eventId?: unknown };
        rawId = record.customerId;
        rawAt = record.at;
        rawAmount = record.amount;
        rawEventId = record.eventId;
        read = true;
      } catch {
        read = false;
      }
    }
    // checked outside the `try` (no check can throw)
    const amountIsNumber = typeof rawAmount === 'number';
    const amount = amountIsNumber ? (rawAmount as number) : 0;
    // an ISO string in one of the common shapes is read here, any other time form goes to the full validator
    let atMs = Number.NaN;
    if (read) {
      if (typeof rawAt === 'number') atMs = rawAt;
      else if (typeof rawAt === 'string') atMs = readCommonIso(rawAt, this.dateMemo);
    }
    const timed = !Number.isNaN(atMs);
    const plain =
      timed &&
      (typeof rawId === 'string' ? rawId.length > 0 : Number.isSafeInteger(rawId)) &&
      Math.abs(atMs) <= MAX_EPOCH_MS &&
      amountIsNumber &&
      amount >= 0 &&
      amount < Number.POSITIVE_INFINITY &&
      (rawEventId === undefined || (typeof rawEventId === 'string' && rawEventId.length > 0));
    if (plain) {
      cents = exactMinorUnits(amount, scale);
      // the precise row error, from the values read
      if (Number.isNaN(cents)) readTransaction(fn, index, { customerId: rawId, at: rawAt, amount }, scale);
      customerId = rawId === 0 ? 0 : (rawId as CustomerId);
      if (rawEventId === undefined) {
        // the common row, without an eventId to check
        this.customerId = customerId;
        this.at = atMs === 0 ? 0 : atMs;
        this.minor = cents === 0 ? 0 : cents; // an amount of -0 is 0, as the full validator reads it
        return true;
      }
      at = atMs === 0 ? 0 : atMs;
      eventId = rawEventId as string;
    } else {
      const checked = readTransaction(fn, index, row, scale); // converts other time forms, or throws
      customerId = checked.customerId;
      at = checked.at;
      cents = checked.minor;
      eventId = checked.eventId;
    }
    if (eventId !== undefined) {
      const seen = this.byEventId.get(eventId);
      if (seen !== undefined) {
        if (seen.customerId !== customerId || seen.at !== at || seen.minor !== cents) {
          throw new PatronageError(
            'CONFLICTING_EVENT_ID',
            `${fn}: row ${index}: eventId ${describeValue(eventId)} was used by row ${seen.index} for a different transaction`,
            { argument: 'transactions', index, eventId, firstIndex: seen.index },
          );
        }
        return false;
      }
      this.byEventId.set(eventId, { index, customerId, at, minor: cents });
    }
    this.customerId = customerId;
    this.at = at;
    this.minor = cents === 0 ? 0 : cents;
    return true;
  }
}

/**
 * The numbers of `numbering`'s ids in sorted id order ({@link compareCustomerIds}), and the ids in that
 * order.
 */
export function inIdOrder(numbering: ShortIds): { order: Uint32Array; sortedIds: CustomerId[] } {
  const { ids } = numbering;
  let order = numbering.sortedNumbers();
  if (order === undefined) {
    const sorted = sortedCustomerIds(ids);
    order = new Uint32Array(sorted.length);
    for (let position = 0; position < sorted.length; position++)
      order[position] = numbering.numberOf(sorted[position] as CustomerId);
    return { order, sortedIds: sorted };
  }
  const sortedIds: CustomerId[] = new Array(order.length);
  for (let position = 0; position < order.length; position++)
    sortedIds[position] = ids[order[position] as number] as CustomerId;
  return { order, sortedIds };
}

/**
 * A sorted copy of customer ids, numbers first ({@link compareCustomerIds}); ids that are all strings are
 * sorted by the engine's own string order, which is the same order without a comparator call per pair.
 */
export function sortedCustomerIds(ids: readonly CustomerId[]): CustomerId[] {
  const sorted = ids.slice();
  for (const id of ids) if (typeof id !== 'string') return sorted.sort(compareCustomerIds);
  return sorted.sort();
}
