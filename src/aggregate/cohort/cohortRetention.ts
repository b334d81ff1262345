import { optionalObject, optionKeys } from '../../internal/validate';
import { CALENDAR_OPTION_KEYS } from '../../model/localCalendar';
import type { Transaction } from '../../model/transaction';
import { type ResolvedRfmOptions, resolveRfmOptions } from '../rfm/rfmOptions';
import { groupByCustomer } from '../shared/groupByCustomer';
import { densify, endKeyOf, type PreparedColumns } from '../shared/prepareColumns';
import { prepareTransactions } from '../shared/prepareTransactions';
import { type CohortOptions, type CohortRow, cohortRows, requireMaxPeriods } from './cohortCore';
import {
  plainCohortIntervals,
  type ResolvedCohortIntervals,
  resolveCohortIntervals,
  withCohortIntervals,
} from './cohortIntervals';
import { plainCohortMode, type ResolvedCohortMode, resolveCohortMode } from './cohortMode';

/** The keys of {@link CohortOptions}. */
export const COHORT_OPTION_KEYS: readonly (keyof CohortOptions & string)[] =
  /* @__PURE__ */ optionKeys<CohortOptions>()(
    ['period', 'observationEnd', 'fractionDigits', 'maxPeriods', 'mode', 'brackets', 'intervals'],
    [CALENDAR_OPTION_KEYS],
  );

/**
 * Options resolved for a cohort table: the period is the grouping period; `maxPeriods`, when given, is
 * among the serialisable options (accumulators sharing a state must agree on it).
 */
export function resolveCohortOptions(
  fn: string,
  options: unknown,
): {
  resolved: ResolvedRfmOptions;
  weekStartsOn: number;
  maxPeriods: number | undefined;
  mode: ResolvedCohortMode;
  intervals: ResolvedCohortIntervals | undefined;
} {
  const record = optionalObject(fn, 'options', options, COHORT_OPTION_KEYS);
  const {
    period = 'month',
    maxPeriods: rawMaxPeriods,
    mode: rawMode,
    brackets,
    intervals: rawIntervals,
    ...rest
  } = record;
  const maxPeriods = requireMaxPeriods(fn, rawMaxPeriods);
  const mode = resolveCohortMode(fn, rawMode, brackets, maxPeriods);
  const intervals = resolveCohortIntervals(fn, rawIntervals);
  const resolved = resolveRfmOptions(fn, rest, COHORT_OPTION_KEYS, period);
  const plain = {
    ...resolved.plain,
    ...(maxPeriods === undefined ? {} : { maxPeriods }),
    ...plainCohortMode(mode),
    ...plainCohortIntervals(intervals),
  };
  return {
    resolved: { ...resolved, plain },
    weekStartsOn: (record['weekStartsOn'] as number | undefined) ?? 1,
    maxPeriods,
    mode,
    intervals,
  };
}

/** The cohort table of prepared columns (keys are period keys), with the intervals when asked for. */
export function cohortTable(
  fn: string,
  prepared: PreparedColumns,
  resolved: ResolvedRfmOptions,
  weekStartsOn: number,
  maxPeriods: number | undefined,
  mode: ResolvedCohortMode,
  intervals: ResolvedCohortIntervals | undefined,
): CohortRow[] {
  const endKey = endKeyOf(resolved, prepared.maxKey);
  const rows = prepared.keys.length;
  const keep = new Uint8Array(rows);
  for (let row = 0; row < rows; row++) keep[row] = (prepared.keys[row] as number) <= endKey ? 1 : 0;
  const { dense, customerCount } = densify(prepared.customerIndex, prepared.customerCount);
  const grouped = groupByCustomer(customerCount, dense, prepared.keys, prepared.minor, keep);
  const table = cohortRows(
    fn,
    grouped,
    resolved.mergeWithin,
    endKey,
    resolved.scale,
    weekStartsOn,
    maxPeriods,
    mode,
  );
  return withCohortIntervals(table, intervals);
}

/**
 * Cohort retention table: customers grouped by the period of their first purchase (the acquisition
 * cohort), and for each the number and share of them who bought again k periods later, with the cohort's
 * revenue and revenue retention (docs/formulas.md §2).
 *
 * `counts[k]` counts the cohort's customers with at least one purchase in the k-th period after their
 * acquisition period, so `counts[0] === size`; `rates[k] = counts[k] / size`. A row holds only the
 * periods its cohort can observe, from its acquisition to the end of observation (at most `maxPeriods`), so
 * the rows form a staircase and reading past the end of a row gives `undefined`. The last period counts
 * as observable even when observation ends inside it. Periods are calendar periods in UTC by default
 * (see `CalendarOptions`).
 *
 * `mode` chooses what a cell counts (docs/tables.md, "What a cell counts"): `'return-on'` (the default,
 * above), `'return-on-or-after'` (active in period k or any later period up to the end of observation, also
 * past `maxPeriods`: unbounded retention, never increasing in k), `'recurring'` (active in every period 1 … k:
 * compounded retention, at most the `'return-on'` count), or `'brackets'` with `brackets: [[first, last], …]`
 * (active in at least one period of each bracket of periods since acquisition; a row holds the brackets
 * whose last period its cohort can observe). `revenue` stays the revenue of period k (or of the bracket)
 * in every mode.
 *
 * `intervals` (`true` for 95 %, or `{ confidenceLevel }`) adds to each row `intervals[k]`: the Wilson
 * interval of `rates[k]` (of `counts[k]` customers out of `size`, in whatever the mode counts), and the
 * pooled two-proportion z-test of that rate against the row before it at the same k, with its p-value and
 * a `direction` (`'higher'` or `'lower'`) when the difference is significant at 1 − `confidenceLevel`
 * (docs/tables.md, "Uncertainty: intervals and marks"). Revenue rates get no interval. Without the option the
 * rows carry no `intervals` key.
 *
 * The table may hold at most 4,000,000 cells (entries of `counts` over all rows, about 200 MB): daily
 * cohorts over 7 years fit; for more, `maxPeriods` keeps the first periods of each row
 * (docs/tables.md, "How large a cohort table may be").
 *
 * @param transactions - `{ customerId, at, amount, eventId? }` rows
 * @param options - `period` (default `'month'`), `observationEnd` (default: the last transaction), time
 *   zone, `fractionDigits`, `maxPeriods` (periods per row, from 1; default all), `mode` and `brackets`,
 *   `intervals` (default none)
 * @returns one row per cohort with at least one customer, oldest first; `[]` for no transactions
 * @throws PatronageError for the first invalid row (as {@link rfmSummary}), `INVALID_PERIOD`,
 *   `OUT_OF_RANGE` (also when the table would span more than 20,000 periods or hold more than 4,000,000
 *   cells, thrown before the table is built, its details giving `cohorts`, `periods`, `cells`, `limit`
 *   and `fittingMaxPeriods`; and for `maxPeriods` 0), `NOT_AN_INTEGER` (`maxPeriods`),
 *   `INVALID_TIME_ZONE`, `CONFLICTING_EVENT_ID`.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one). For the mode:
 *   `OUT_OF_RANGE` for an unknown `mode`, brackets that are empty, overlap, decrease or end before they
 *   start; `NOT_AN_INTEGER` for a fractional bound; `INVALID_ARGUMENT` for `brackets` without mode
 *   `'brackets'` (or that mode without them), with `maxPeriods`, or a bracket that is not a pair. For the
 *   intervals: `INVALID_ARGUMENT` when `intervals` is not a boolean or an object, `OUT_OF_RANGE` for a
 *   `confidenceLevel` not strictly between 0 and 1 (or too close to 1 for a finite quantile), `INVALID_OPTION` for an unknown key in it.
 *
 * @example
 * ```ts
 * import { cohortRetention } from 'patronage';
 *
 * cohortRetention(
 *   [
 *     { customerId: 'a', at: '2024-01-05', amount: 10 },
 *     { customerId: 'a', at: '2024-02-11', amount: 20 },
 *     { customerId: 'b', at: '2024-01-20', amount: 5 },
 *     { customerId: 'c', at: '2024-02-02', amount: 8 },
 *   ],
 *   { period: 'month' },
 * );
 * // => [
 * //   { cohort: '2024-01', size: 2, counts: [2, 1], rates: [1, 0.5], revenue: [15, 20], revenueRates: [1, 1.3333333333333333] },
 * //   { cohort: '2024-02', size: 1, counts: [1], rates: [1], revenue: [8], revenueRates: [1] },
 * // ]
 * ```
 *
 * @example
 * ```ts
 * import { cohortRetention } from 'patronage';
 *
 * // daily cohorts, each row cut to its first 7 days
 * const week = cohortRetention(
 *   [
 *     { customerId: 'a', at: '2024-01-01', amount: 10 },
 *     { customerId: 'a', at: '2024-01-03', amount: 5 },
 *     { customerId: 'a', at: '2024-03-01', amount: 5 },
 *   ],
 *   { period: 'day', maxPeriods: 7 },
 * );
 * week[0]?.counts; // => [1, 0, 1, 0, 0, 0, 0]
 * ```
 *
 * @example
 * ```ts
 * import { cohortRetention } from 'patronage';
 *
 * // a bought on days 0, 1, 3 and 8 after acquisition; b on days 0 and 2
 * const log = [
 *   { customerId: 'a', at: '2024-01-01', amount: 10 },
 *   { customerId: 'a', at: '2024-01-02', amount: 5 },
 *   { customerId: 'a', at: '2024-01-04', amount: 5 },
 *   { customerId: 'a', at: '2024-01-09', amount: 5 },
 *   { customerId: 'b', at: '2024-01-01', amount: 5 },
 *   { customerId: 'b', at: '2024-01-03', amount: 5 },
 * ];
 * cohortRetention(log, { period: 'day', maxPeriods: 4 })[0]?.counts; // => [2, 1, 1, 1]
 * cohortRetention(log, { period: 'day', maxPeriods: 4, mode: 'return-on-or-after' })[0]?.counts; // => [2, 2, 2, 1]
 * cohortRetention(log, { period: 'day', maxPeriods: 4, mode: 'recurring' })[0]?.counts; // => [2, 1, 0, 0]
 * cohortRetention(log, { period: 'day', mode: 'brackets', brackets: [[1, 2], [3, 7]] })[0]?.counts; // => [2, 1]
 * ```
 *
 * @example
 * ```ts
 * import { cohortRetention } from 'patronage';
 *
 * // 40 of January's 100 new customers buy again in February; 25 of February's 100 in March
 * function cohort(month: number, size: number, returned: number) {
 *   return Array.from({ length: size }, (_, i) => [
 *     { customerId: `${month}-${i}`, at: Date.UTC(2024, month, 3), amount: 10 },
 *     ...(i < returned ? [{ customerId: `${month}-${i}`, at: Date.UTC(2024, month + 1, 5), amount: 4 }] : []),
 *   ]).flat();
 * }
 * const rows = cohortRetention([...cohort(0, 100, 40), ...cohort(1, 100, 25)], { intervals: true });
 * // the February cohort, one month on
 * const cell = rows[1]?.intervals?.[1];
 * [cell?.lower.toFixed(3), cell?.upper.toFixed(3)]; // => ['0.175', '0.343']
 * cell?.pValue?.toFixed(4); // => '0.0235'
 * cell?.direction; // => 'lower'
 * ```
 *
 * @category Tables
 */
export function cohortRetention(transactions: Iterable<Transaction>, options?: CohortOptions): CohortRow[] {
  const fn = 'cohortRetention';
  const { resolved, weekStartsOn, maxPeriods, mode, intervals } = resolveCohortOptions(fn, options);
  return cohortTable(
    fn,
    prepareTransactions(fn, transactions, resolved),
    resolved,
    weekStartsOn,
    maxPeriods,
    mode,
    intervals,
  );
}
