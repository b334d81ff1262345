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
