import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';

import { optionalObject, optionKeys, requireList } from '../internal/validate';
import { rejectionOf } from './collectRows';
import type { RejectedRow } from './events';
import { exactMinorUnits, scaleOfFractionDigits } from './money';
import { RowError } from './rowReader';
import type { TimestampInput } from './timestamp';
import { toEpochMsIn } from './timestamp';
import { type CheckedTransaction, type CustomerId, readTransactionRow } from './transaction';

/**
 * A validated transaction: time in epoch ms, amount in major units.
 *
 * @category Tables
 */
export interface ParsedTransaction {
  /** The buying customer. */
  readonly customerId: CustomerId;
  /** Epoch ms. */
  readonly at: number;
  /** Major units, at least 0. */
  readonly amount: number;
  /** The unique id, when the row had one. */
  readonly eventId?: string;
}

/**
 * Options of {@link parseTransactions}: each check is off unless asked for.
 *
 * @category Tables
 */
export interface ParseTransactionsOptions {
  /** Known customers: a row for any other customer is rejected (`UNKNOWN_CUSTOMER`). */
  readonly customers?: Iterable<CustomerId>;
  /** Rows before `start` or after `end` are rejected (`OUT_OF_WINDOW`). */
  readonly window?: {
    /** Earliest accepted time. */
    readonly start?: TimestampInput;
    /** Latest accepted time. */
    readonly end?: TimestampInput;
  };
  /** Require rows in time order; an earlier row after a later one is rejected (`OUT_OF_ORDER`). */
  readonly ordered?: boolean;
  /** Decimals of the currency's minor unit, default 2; more are rejected. */
  readonly fractionDigits?: number;
}

const PARSE_TRANSACTIONS_OPTION_KEYS = /* @__PURE__ */ optionKeys<ParseTransactionsOptions>()([
  'customers',
  'window',
  'ordered',
  'fractionDigits',
]);
const WINDOW_KEYS = /* @__PURE__ */ optionKeys<NonNullable<ParseTransactionsOptions['window']>>()([
  'start',
  'end',
]);

/**
 * What {@link parseTransactions} returns: every input row is either in `transactions` or in `rejected`.
 *
 * @category Tables
 */
export interface ParseTransactionsResult {
  /** Accepted rows, normalised, in input order. */
  readonly transactions: readonly ParsedTransaction[];
  /** Every rejected row with its index, code and message, in input order. */
  readonly rejected: readonly RejectedRow[];
}

/** The fields `readTransactionRow` reads, in its order. */
const FIELDS = ['customerId', 'at', 'amount', 'eventId'] as const;

/**
 * Reads row `index`: each of its fields read once, in `readTransactionRow`'s order. A plainly valid row (no
 * `eventId`, its `customerId` a whole number or a non-empty string, its `at` a time `toEpochMsIn` takes, its
 * `amount` a number ≥ 0 exact in minor units) is taken as read; any other goes to `readTransactionRow` as a
 * plain copy of the values read (a field whose getter threw throws the same error when read), which
 * accepts it or throws the RowError that names what is wrong, so the rules stay in one place.
 */
function readRow(fn: string, index: number, row: unknown, scale: number): CheckedTransaction {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    return readTransactionRow(fn, index, row, scale);
  }
  const record = row as Readonly<Record<string, unknown>>;
  // named reads, one each (a getter that throws is kept for the full reader to name)
  let failed: unknown[] | undefined;
  let id: unknown;
  let time: unknown;
  let amount: unknown;
  let eventId: unknown;
  try {
    id = record['customerId'];
  } catch (error) {
    failed = [error];
  }
  try {
    time = record['at'];
  } catch (error) {
    failed ??= [];
    failed[1] = error;
  }
  try {
    amount = record['amount'];
  } catch (error) {
    failed ??= [];
    failed[2] = error;
  }
  try {
    eventId = record['eventId'];
  } catch (error) {
    failed ??= [];
    failed[3] = error;
  }
  if (failed === undefined && eventId === undefined) {
    let customerId: CustomerId | undefined;
    if (typeof id === 'number' && Number.isSafeInteger(id)) customerId = id === 0 ? 0 : id;
    else if (typeof id === 'string' && id.length > 0) customerId = id;
    if (customerId !== undefined && typeof amount === 'number' && amount >= 0) {
      const minor = exactMinorUnits(amount, scale);
      if (!Number.isNaN(minor)) {
        let at: number | undefined;
        try {
          at = toEpochMsIn(fn, 'at', time);
        } catch {
          at = undefined; // the full reader names the bad time
        }
        if (at !== undefined) return { customerId, at, minor: minor === 0 ? 0 : minor, eventId: undefined };
      }
    }
  }
  const values = [id, time, amount, eventId];
  const copy: Record<string, unknown> = {};
  FIELDS.forEach((name, field) => {
    const error = failed?.[field];
    if (error !== undefined) {
      Object.defineProperty(copy, name, {
        get() {
          throw error;
        },
      });
    } else if (values[field] !== undefined) {
      copy[name] = values[field];
    }
  });
  return readTransactionRow(fn, index, copy, scale);
}

/** Rejects row `index` with `code`, naming `field`. */
function reject(fn: string, index: number, code: RejectedRow['code'], field: string, why: string): never {
  throw new RowError(code, `${fn}: row ${index}: ${why}`, field);
}

/**
 * Validates untrusted transaction rows (from a CSV, a queue, a database) for the table functions. Every
 * row is accepted or listed in `rejected` with its index, a stable code and a message; none throws, none
 * is dropped silently. Row codes: `NOT_AN_OBJECT`, `MISSING_FIELD`, `INVALID_FIELD` (customer id, a
 * negative, NaN or over-precise amount — refunds are their own event), `INVALID_TIMESTAMP`,
 * `DUPLICATE_EVENT_ID` (the first is kept), and with the options `UNKNOWN_CUSTOMER`, `OUT_OF_WINDOW`,
 * `OUT_OF_ORDER`.
 *
 * @param input - an array (or iterable) of `{ customerId, at, amount, eventId? }` candidates
 * @param options - `customers`, `window`, `ordered`, `fractionDigits`
 * @returns accepted `transactions` and `rejected` rows
 * @throws PatronageError `INVALID_ARGUMENT` only when `input` or an option has the wrong type,
 *   `INVALID_TIMESTAMP` for a bad window bound, `OUT_OF_RANGE` for `fractionDigits`.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { parseTransactions } from 'patronage';
 *
 * const { transactions, rejected } = parseTransactions(
 *   [
 *     { customerId: 'a', at: '2024-03-01', amount: 20 },
 *     { customerId: 'b', at: '2024-03-02', amount: -5 },
 *     { customerId: 'z', at: '2024-03-03', amount: 5 },
 *   ],
 *   { customers: ['a', 'b'] },
 * );
 * transactions; // => [{ customerId: 'a', at: 1709251200000, amount: 20 }]
 * rejected.map((row) => [row.index, row.code]); // => [[1, 'INVALID_FIELD'], [2, 'UNKNOWN_CUSTOMER']]
 * ```
 *
 * @category Tables
 */
export function parseTransactions(
  input: unknown,
  options?: ParseTransactionsOptions,
): ParseTransactionsResult {
  const fn = 'parseTransactions';
  const record = optionalObject(fn, 'options', options, PARSE_TRANSACTIONS_OPTION_KEYS);
  const rows = requireList(fn, 'input', input);
  const scale = scaleOfFractionDigits(fn, record['fractionDigits'] ?? 2);
  const known =
    record['customers'] === undefined
      ? undefined
      : new Set(requireList(fn, 'customers', record['customers']));
  const window = optionalObject(fn, 'window', record['window'], WINDOW_KEYS);
  const start =
    window['start'] === undefined
      ? Number.NEGATIVE_INFINITY
      : toEpochMsIn(fn, 'window.start', window['start']);
  const end =
    window['end'] === undefined ? Number.POSITIVE_INFINITY : toEpochMsIn(fn, 'window.end', window['end']);
  const ordered = record['ordered'] ?? false;
  if (typeof ordered !== 'boolean') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: ordered must be a boolean, got ${describeValue(ordered)}`,
      {
        argument: 'ordered',
        value: ordered,
      },
    );
  }
  const seen = new Map<string, number>();
  let latest = Number.NEGATIVE_INFINITY;
  // its own loop rather than collectRows' (which takes a callback per call), for speed
  const transactions: ParsedTransaction[] = [];
  const rejected: RejectedRow[] = [];
  for (let index = 0; index < rows.length; index++) {
    try {
      const row = rows[index];
      const checked = readRow(fn, index, row, scale);
      if (known !== undefined && !known.has(checked.customerId)) {
        reject(
          fn,
          index,
          'UNKNOWN_CUSTOMER',
          'customerId',
          `customer ${describeValue(checked.customerId)} is not among the known customers`,
        );
      }
      if (checked.at < start || checked.at > end) {
        reject(
          fn,
          index,
          'OUT_OF_WINDOW',
          'at',
          `${new Date(checked.at).toISOString()} is outside the window`,
        );
      }
      if (ordered && checked.at < latest) {
        reject(
          fn,
          index,
          'OUT_OF_ORDER',
          'at',
          `${new Date(checked.at).toISOString()} is earlier than a previous row`,
        );
      }
      if (checked.eventId !== undefined) {
        const first = seen.get(checked.eventId);
        if (first !== undefined) {
          reject(
            fn,
            index,
            'DUPLICATE_EVENT_ID',
            'eventId',
            `eventId ${describeValue(checked.eventId)} repeats row ${first}`,
          );
        }
        seen.set(checked.eventId, index);
      }
      if (ordered) latest = checked.at; // it passed the order check, so it is the latest so far
      const parsed: ParsedTransaction = {
        customerId: checked.customerId,
        at: checked.at,
        amount: checked.minor / scale,
      };
      transactions.push(checked.eventId === undefined ? parsed : { ...parsed, eventId: checked.eventId });
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      rejected.push(rejectionOf(index, error));
    }
  }
  return { transactions, rejected };
}
