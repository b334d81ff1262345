import { prepareColumns, type TransactionColumns } from '../shared/prepareColumns';
import type { PeriodRetentionRow } from './periodCore';
import { type PeriodRetentionOptions, periodSeries, resolvePeriodOptions } from './periodRetention';

/**
 * {@link periodRetention} from columns, for batch data held in typed arrays. `segmentOf` receives the
 * customer number.
 *
 * @param columns - `customerIndex`, `at` (epoch ms) and `amount` (major units)
 * @param options - as {@link periodRetention}
 * @returns one row per segment and period
 * @throws PatronageError `INVALID_COLUMNS`, `INVALID_TIMESTAMP`, `MONEY_PRECISION` naming the row, and
 *   the option codes of {@link periodRetention}.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { periodRetentionColumns } from 'patronage';
 *
 * const day = 86_400_000;
 * const rows = periodRetentionColumns({ customerIndex: [0, 0, 1], at: [20 * day, 40 * day, 5 * day], amount: [1, 1, 1] }, { activeWithin: 30 });
 * rows.map((row) => row.retained); // => [0, 1]
 * ```
 *
 * @category Tables
 */
export function periodRetentionColumns(
  columns: TransactionColumns,
  options?: PeriodRetentionOptions,
): PeriodRetentionRow[] {
  const fn = 'periodRetentionColumns';
  const resolved = resolvePeriodOptions(fn, options);
  return periodSeries(fn, prepareColumns(fn, columns, resolved.resolved), resolved, (customer) => customer);
}
