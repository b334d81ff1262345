import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { requireList } from '../internal/validate';
import { collectRows } from './collectRows';
import type { Customer, CustomerAttributes, MonthDay, RejectedRow } from './events';
import { RowError, RowReader, withOptional } from './rowReader';
import { daysInMonth } from './timestamp';

/**
 * What {@link parseCustomers} returns: every input row is either in `customers` or in `rejected`.
 *
 * @category Events and customers
 */
export interface ParseCustomersResult {
  /** Accepted customers, normalised, in input order. */
  readonly customers: readonly Customer[];
  /** Every row not accepted, in input order. */
  readonly rejected: readonly RejectedRow[];
}

function parseAttributes(reader: RowReader): CustomerAttributes | undefined {
  if (!reader.has('attributes')) return undefined;
  const attributes = reader.get('attributes');
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) {
    reader.fail(
      'INVALID_FIELD',
      'attributes',
      `must be an object of strings, got ${describeValue(attributes)}`,
    );
  }
  // a null-prototype record, so that every key is kept as an attribute, `__proto__` included
  const result = Object.create(null) as Record<string, string>;
  let entries: [string, unknown][] = [];
  try {
    entries = Object.entries(attributes); // one read of each attribute; a throwing getter rejects the row
  } catch (error) {
    reader.fail(
      'INVALID_FIELD',
      'attributes',
      `could not be read: ${error instanceof Error ? error.message : 'it threw'}`,
    );
  }
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    if (typeof value !== 'string') {
      reader.fail('INVALID_FIELD', `attributes.${key}`, `must be a string, got ${describeValue(value)}`);
    }
    result[key] = value;
  }
  return result;
}

function parseBirthday(reader: RowReader): MonthDay | undefined {
  if (!reader.has('occasions')) return undefined;
  const occasions = reader.get('occasions');
  if (typeof occasions !== 'object' || occasions === null || Array.isArray(occasions)) {
    reader.fail('INVALID_FIELD', 'occasions', `must be an object, got ${describeValue(occasions)}`);
  }
  const birthday = new RowReader(reader.fn, reader.index, occasions as Record<string, unknown>).get(
    'birthday',
  );
  if (birthday === undefined) return undefined;
  if (typeof birthday !== 'object' || birthday === null || Array.isArray(birthday)) {
    reader.fail(
      'INVALID_FIELD',
      'occasions.birthday',
      `must be { month, day, year? }, got ${describeValue(birthday)}`,
    );
  }
  const date = new RowReader(reader.fn, reader.index, birthday as Record<string, unknown>);
  const isWhole = Number.isInteger;
  const month = date.number(
    'month',
    (value) => isWhole(value) && value >= 1 && value <= 12,
    'a month from 1 to 12',
  );
  const year = date.optionalNumber(
    'year',
    (value) => isWhole(value) && value >= 1 && value <= 9999,
    'a year from 1 to 9999',
  );
  // Without a year, 29 February is a valid birthday; with one, the date must exist in that year.
  const limit = year === undefined ? daysInMonth(2024, month) : daysInMonth(year, month);
  const day = date.number(
    'day',
    (value) => isWhole(value) && value >= 1 && value <= limit,
    `a day from 1 to ${limit}`,
  );
  return withOptional({ month, day }, 'year', year);
}

/**
 * Validates untrusted customer rows into {@link Customer}s: every row is accepted or listed in `rejected`
 * with its index, code and message; a repeated `id` is rejected (`DUPLICATE_CUSTOMER_ID`) and the first
 * kept. `acquiredAt` may be a Date, epoch ms or ISO-8601 string; attributes must be strings; a birthday is
 * `{ month, day, year? }` (29 February allowed without a year, or in a leap year).
 *
 * @param input - an array (or iterable) of candidate customer objects
 * @returns accepted `customers` and `rejected` rows, in input order
 * @throws PatronageError `INVALID_ARGUMENT` only when `input` is not a list. Row codes: `NOT_AN_OBJECT`,
 *   `MISSING_FIELD`, `INVALID_FIELD`, `INVALID_TIMESTAMP`, `DUPLICATE_CUSTOMER_ID`.
 *
 * @example
 * ```ts
 * import { parseCustomers } from 'patronage';
 *
 * const { customers, rejected } = parseCustomers([
 *   { id: 'c1', acquiredAt: '2024-01-15', attributes: { region: 'north', channel: 'web' }, occasions: { birthday: { month: 2, day: 29 } } },
 *   { id: 'c1' },
 * ]);
 * customers[0]?.acquiredAt; // => 1705276800000
 * rejected[0]?.code; // => 'DUPLICATE_CUSTOMER_ID'
 * ```
 *
 * @category Events and customers
 */
export function parseCustomers(input: unknown): ParseCustomersResult {
  const fn = 'parseCustomers';
  const rows = requireList(fn, 'input', input);
  const seen = new Map<string, number>();
  const { accepted, rejected } = collectRows(rows, (row, index): Customer => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new RowError('NOT_AN_OBJECT', `${fn}: row ${index} must be an object, got ${describeValue(row)}`);
    }
    const reader = new RowReader(fn, index, row as Record<string, unknown>);
    const customer = { id: reader.requiredString('id') };
    withOptional(customer, 'acquiredAt', reader.optionalTime('acquiredAt'));
    withOptional(customer, 'attributes', parseAttributes(reader));
    const birthday = parseBirthday(reader);
    withOptional(customer, 'occasions', birthday === undefined ? undefined : { birthday });
    const first = seen.get(customer.id);
    if (first !== undefined) {
      throw new RowError(
        'DUPLICATE_CUSTOMER_ID',
        `${fn}: row ${index}: id ${describeValue(customer.id)} repeats row ${first}`,
        'id',
      );
    }
    seen.set(customer.id, index);
    return customer;
  });
  return { customers: accepted, rejected };
}

/**
 * {@link parseCustomers} for callers who prefer an exception.
 *
 * @param input - an array (or iterable) of candidate customer objects
 * @returns the customers, when every row is valid
 * @throws PatronageError `INVALID_ROWS` (all rejected rows in `details.rejected`), `INVALID_ARGUMENT`.
 *
 * @example
 * ```ts
 * import { parseCustomersOrThrow } from 'patronage';
 *
 * parseCustomersOrThrow([{ id: 'c1' }, { id: 'c2' }]).length; // => 2
 * parseCustomersOrThrow([{ id: '' }]); // => throws INVALID_ROWS
 * ```
 *
 * @category Events and customers
 */
export function parseCustomersOrThrow(input: unknown): readonly Customer[] {
  const { customers, rejected } = parseCustomers(input);
  const first = rejected[0];
  if (first !== undefined) {
    throw new PatronageError(
      'INVALID_ROWS',
      `parseCustomersOrThrow: ${rejected.length} of ${customers.length + rejected.length} rows rejected; first: ${first.message}`,
      { argument: 'input', rejected },
    );
  }
  return customers;
}
