// The values database drivers return, read as patronage needs them. Internal.

import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';

/**
 * A whole number read from a driver's value: a number, a bigint or a string of digits (64-bit integers come
 * as strings from `pg` and in ClickHouse's JSON), exactly (within 2^53); anything else is `INVALID_ARGUMENT`
 * naming `rows[row].column`.
 */
export function wholeNumber(fn: string, row: number, column: string, value: unknown): number {
  const read =
    typeof value === 'number'
      ? value
      : typeof value === 'bigint'
        ? Number(value)
        : typeof value === 'string' && /^-?\d{1,16}$/.test(value)
          ? Number(value)
          : Number.NaN;
  if (!Number.isSafeInteger(read) || (typeof value === 'bigint' && BigInt(read) !== value)) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: rows[${row}].${column} must be a whole number (a number, a bigint or a string of digits) within 2^53, got ${describeValue(value)}`,
      { argument: `rows[${row}].${column}`, index: row, value },
    );
  }
  return read;
}

/**
 * The error of a driver's result: INVALID_ARGUMENT for `rows[index]` of `rows`, the function name and the
 * row first in the message, the row in `details`.
 */
export function rowErrors(
  fn: string,
  rows: readonly unknown[],
): (index: number, message: string) => PatronageError {
  return (index, message) =>
    new PatronageError('INVALID_ARGUMENT', `${fn}: rows[${index}] ${message}`, {
      argument: `rows[${index}]`,
      index,
      value: rows[index],
    });
}

/** Row `index` of a driver's result, which must be an object (not null, not an array). */
export function driverRow(
  bad: (index: number, message: string) => PatronageError,
  raw: unknown,
  index: number,
): Readonly<Record<string, unknown>> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw bad(index, `must be an object, got ${describeValue(raw)}`);
  return raw as Readonly<Record<string, unknown>>;
}
