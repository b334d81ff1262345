import {
  prepareColumns,
  readColumns,
  type TransactionColumns,
  wellFormedColumns,
} from '../shared/prepareColumns';
import type { CohortOptions, CohortRow } from './cohortCore';
import { withCohortIntervals } from './cohortIntervals';
import { cohortTable, resolveCohortOptions } from './cohortRetention';
import { streamCohorts } from './streamCohorts';

/**
 * {@link cohortRetention} from columns: the fast path for batch data held in typed arrays. Same table,
 * same options; customer numbers only need to be whole numbers (they are not part of the result).
 *
 * @param columns - `customerIndex`, `at` (epoch ms) and `amount` (major units), equal lengths
 * @param options - `period` (default `'month'`), `observationEnd`, time zone, `fractionDigits`,
 *   `maxPeriods`, `mode` and `brackets`, `intervals` (as {@link cohortRetention})
 * @returns one row per cohort, oldest first, each holding the periods its cohort can observe
 * @throws PatronageError `INVALID_COLUMNS`, `INVALID_TIMESTAMP`, `MONEY_PRECISION` naming the row;
 *   `INVALID_PERIOD`, `OUT_OF_RANGE`, `NOT_AN_INTEGER`, `INVALID_TIME_ZONE` for options; `OUT_OF_RANGE`
 *   before building a table of more than 20,000 periods or 4,000,000 cells (as {@link cohortRetention}).
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { cohortRetentionColumns } from 'patronage';
 *
 * const jan = Date.UTC(2024, 0, 10);
 * const feb = Date.UTC(2024, 1, 10);
 * const table = cohortRetentionColumns({ customerIndex: [0, 0, 1], at: [jan, feb, jan], amount: [5, 5, 5] });
 * table[0]?.counts; // => [2, 1]
 * ```
 *
 * @category Tables
 */
export function cohortRetentionColumns(columns: TransactionColumns, options?: CohortOptions): CohortRow[] {
  const fn = 'cohortRetentionColumns';
  const { resolved, weekStartsOn, maxPeriods, mode, intervals } = resolveCohortOptions(fn, options);
  const read = readColumns(fn, columns); // each column read once, for both passes
  const plain = wellFormedColumns(fn, read);
  // the single pass keeps each customer's last period only, which is what 'return-on' needs
  if (plain !== undefined && mode.mode === 'return-on') {
    const streamed = streamCohorts(
      fn,
      plain.customerIndex,
      plain.at,
      plain.amount,
      resolved,
      weekStartsOn,
      maxPeriods,
    );
    if (streamed !== undefined) return withCohortIntervals(streamed, intervals);
  }
  const prepared = prepareColumns(fn, read, resolved);
  return cohortTable(fn, prepared, resolved, weekStartsOn, maxPeriods, mode, intervals);
}
