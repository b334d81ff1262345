import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { minorUnitsIn } from './money';
import { RowError, RowReader } from './rowReader';
import type { TimestampInput } from './timestamp';

/**
 * A customer id in transaction data: a non-empty string or a safe integer (order logs often number
 * their customers). Every table the library returns gives the id as a string, `String(id)` (`7` becomes
 * `'7'`), so its rows can go straight into functions that take string ids ({@link rfmScores},
 * {@link loyaltyReference}). The number `7` and the string `'7'` are never merged into one customer: a
 * log (or merged accumulators) holding both is `AMBIGUOUS_CUSTOMER_ID`, since their rows would carry
 * the same id. Use one type per log.
 *
 * @category Tables
 */
export type CustomerId = string | number;

/**
 * One purchase as the table functions take it. Purchase events of the event model qualify.
 *
 * @category Tables
 */
export interface Transaction {
  /** The buying customer. */
  readonly customerId: CustomerId;
  /** When, as a Date, epoch ms or ISO-8601 string. */
  readonly at: TimestampInput;
  /** Order value in major units, at least 0, with no more decimals than the currency has. */
  readonly amount: number;
  /** Optional unique id: a transaction seen twice with the same id is counted once. */
  readonly eventId?: string;
}

/** A validated transaction: time in epoch ms, amount in integer minor units. */
export interface CheckedTransaction {
  readonly customerId: CustomerId;
  readonly at: number;
  readonly minor: number;
  readonly eventId: string | undefined;
}

function customerIdOf(reader: RowReader): CustomerId {
  const value = reader.get('customerId');
  if (value === undefined || value === null) reader.fail('MISSING_FIELD', 'customerId', 'is required');
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value === 0 ? 0 : value;
  if (typeof value === 'string' && value.length > 0) return value;
  return reader.fail(
    'INVALID_FIELD',
    'customerId',
    `must be a non-empty string or a whole number, got ${describeValue(value)}`,
  );
}

/** Validates one transaction row; throws RowError naming the field. */
export function readTransactionRow(
  fn: string,
  index: number,
  row: unknown,
  scale: number,
): CheckedTransaction {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    throw new RowError('NOT_AN_OBJECT', `${fn}: row ${index} must be an object, got ${describeValue(row)}`);
  }
  const reader = new RowReader(fn, index, row as Record<string, unknown>);
  const customerId = customerIdOf(reader);
  const at = reader.time('at');
  const amount = reader.number(
    'amount',
    (value) => value >= 0,
    'an amount of at least 0 (refunds are their own event)',
  );
  let minor: number;
  try {
    minor = minorUnitsIn(fn, 'amount', amount, scale);
  } catch (error) {
    if (!(error instanceof PatronageError)) throw error;
    throw new RowError(
      'INVALID_FIELD',
      `${fn}: row ${index}: ${error.message.replace(`${fn}: `, '')}`,
      'amount',
    );
  }
  return { customerId, at, minor, eventId: reader.optionalString('eventId') };
}

/** Strict form: a bad row throws a PatronageError with its index, code and field in `details`. */
export function readTransaction(fn: string, index: number, row: unknown, scale: number): CheckedTransaction {
  try {
    return readTransactionRow(fn, index, row, scale);
  } catch (error) {
    if (!(error instanceof RowError)) throw error;
    throw new PatronageError(error.code, error.message, {
      argument: 'transactions',
      index,
      field: error.field,
      value: row,
    });
  }
}

/** Compares two customer ids for a deterministic order: numbers ascending, then strings by code unit. */
export function compareCustomerIds(a: CustomerId, b: CustomerId): number {
  if (typeof a === 'number') return typeof b === 'number' ? a - b : -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The output form of the customer ids of one table: `String(id)` for each, in the same order. Throws
 * AMBIGUOUS_CUSTOMER_ID when a number and a string id would become the same string (`7` and `'7'`),
 * rather than merging two customers or printing two rows with one id. Ids that are all strings (the usual
 * case) come back as they are, without a copy.
 */
export function outputCustomerIds(fn: string, ids: readonly CustomerId[]): readonly string[] {
  let numbers = 0;
  for (const id of ids) if (typeof id === 'number') numbers++;
  if (numbers === 0) return ids as readonly string[];
  const strings = ids.length === numbers ? undefined : new Set<string>();
  if (strings !== undefined) for (const id of ids) if (typeof id === 'string') strings.add(id);
  return ids.map((id) => {
    if (typeof id === 'string') return id;
    const text = String(id);
    if (strings?.has(text)) {
      throw new PatronageError(
        'AMBIGUOUS_CUSTOMER_ID',
        `${fn}: customer ids ${text} (a number) and ${describeValue(text)} (a string) would both be ${describeValue(text)} in the result; use one type for the ids of a log`,
        { argument: 'transactions', value: id },
      );
    }
    return text;
  });
}
