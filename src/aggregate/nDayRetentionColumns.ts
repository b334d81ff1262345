import { periodKeyer } from '../model/calendarKeys';
import {
  type NDayRetentionOptions,
  type NDayRetentionRow,
  nDayRows,
  resolveNDayOptions,
} from './nDayRetention';
import {
  densify,
  prepareColumns,
  readColumns,
  type TransactionColumns,
  wellFormedColumns,
} from './shared/prepareColumns';

/**
 * {@link nDayRetention} from columns: the same rows, for batch data held in typed arrays.
 *
 * @param columns - `customerIndex` (whole numbers), `at` (epoch ms) and `amount` (major units), equal lengths
 * @param options - `days` (default `[1, 7, 30]`), `mode`, `observationEnd` (default: the last transaction),
 *   `fractionDigits`
 * @returns one row per requested day, in order (as {@link nDayRetention})
 * @throws PatronageError `INVALID_COLUMNS`, `INVALID_TIMESTAMP`, `MONEY_PRECISION` naming the row (as
 *   {@link cohortRetentionColumns}), and the option codes of {@link nDayRetention}.
 *
 * @example
 * ```ts
 * import { nDayRetentionColumns } from 'patronage';
 *
 * const hour = 3_600_000;
 * const rows = nDayRetentionColumns(
 *   { customerIndex: [0, 0, 1, 2], at: [0, 30 * hour, 5 * hour, 80 * hour], amount: [10, 5, 5, 5] },
 *   { days: [1] },
 * );
 * rows[0]; // => { day: 1, eligible: 2, retained: 1, rate: 0.5 }
 * ```
 *
 * @category Tables
 */
export function nDayRetentionColumns(
  columns: TransactionColumns,
  options?: NDayRetentionOptions,
): NDayRetentionRow[] {
  const fn = 'nDayRetentionColumns';
  const resolved = resolveNDayOptions(fn, options);
  const read = readColumns(fn, columns); // each column read once
  const plain = wellFormedColumns(fn, read);
  // the times are read twice, to validate them and to count: a plain array is copied first (each element
  // read once), so both passes see the same values; a typed array holds still
  const at =
    plain === undefined || ArrayBuffer.isView(plain.at)
      ? read.at
      : Array.from({ length: plain.at.length }, (_, row) => plain.at[row]);
  // validates every row (the day keys themselves are not used: days here are counted from exact times)
  const prepared = prepareColumns(
    fn,
    { customerIndex: read.customerIndex, at, amount: read.amount },
    { keyer: periodKeyer(fn, 'day', {}), scale: resolved.scale },
  );
  const { dense, customerCount } = densify(prepared.customerIndex, prepared.customerCount);
  const times = at as ArrayLike<number>;
  return nDayRows(resolved, dense, customerCount, times, times.length);
}
