import type { RejectedRow } from './events';
import { RowError } from './rowReader';

/** The record of row `index`, rejected with `error`. */
export function rejectionOf(index: number, error: RowError): RejectedRow {
  return error.field === undefined
    ? { index, code: error.code, message: error.message }
    : { index, code: error.code, field: error.field, message: error.message };
}

/**
 * The loop the parsers share (parseTransactions, on the path of every table, has its own, which builds
 * each rejection with {@link rejectionOf}): each row is accepted (what `read` returns) or rejected (`read` threw a
 * {@link RowError}), and every rejection is listed with its index, code, field and message, so that no row
 * is dropped without a record. Any other exception is a bug or a bad argument and propagates. `read` is
 * called once per row, in order, so it may keep state across rows (ids seen, the latest time).
 *
 * @param rows - the candidate rows
 * @param read - validates one row; returns the accepted value or throws a RowError
 * @returns the accepted values and the rejected rows, both in input order
 */
export function collectRows<T>(
  rows: readonly unknown[],
  read: (row: unknown, index: number) => T,
): { accepted: T[]; rejected: RejectedRow[] } {
  const accepted: T[] = [];
  const rejected: RejectedRow[] = [];
  for (let index = 0; index < rows.length; index++) {
    let value: T;
    try {
      value = read(rows[index], index);
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      rejected.push(rejectionOf(index, error));
      continue;
    }
    accepted.push(value);
  }
  return { accepted, rejected };
}
