import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { optionalObject, optionKeys, requireCount } from '../../internal/validate';
import {
  CALENDAR_OPTION_KEYS,
  type CalendarOptions,
  type CalendarPeriod,
  requirePeriod,
} from '../../model/localCalendar';
import type { TimestampInput } from '../../model/timestamp';
import type { CustomerId, Transaction } from '../../model/transaction';
import { type ResolvedRfmOptions, resolveRfmOptions } from '../rfm/rfmOptions';
import { groupByCustomer } from '../shared/groupByCustomer';
import { densify, endKeyOf, type PreparedColumns } from '../shared/prepareColumns';
import { prepareTransactions } from '../shared/prepareTransactions';
import {
  type PeriodRetentionRow,
  PeriodTally,
  periodEnds,
  periodStarts,
  type SegmentOf,
  tallyPurchaser,
} from './periodCore';

/**
 * Options of {@link periodRetention}.
 *
 * @category Tables
 */
export interface PeriodRetentionOptions extends CalendarOptions {
  /** Length of each period of the series. Default `'month'`. */
  readonly period?: CalendarPeriod;
  /** A customer is active at a moment when they bought in the `activeWithin` days up to it. Default 90. */
  readonly activeWithin?: number;
  /** Last moment of the series; later purchases are outside it. Default: the last transaction. */
  readonly observationEnd?: TimestampInput;
  /**
   * Breaks the series down: the segment of each customer (region, acquisition channel...). It receives
   * the id as results give it, a string (`String(id)`), from {@link periodRetention} and the accumulator,
   * and the customer number from {@link periodRetentionColumns}.
   */
  readonly segmentOf?: (customerId: CustomerId) => string | null | undefined;
  /** Decimals of the currency's minor unit, default 2. */
  readonly fractionDigits?: number;
}

/** The keys of {@link PeriodRetentionOptions}. */
export const PERIOD_RETENTION_OPTION_KEYS: readonly (keyof PeriodRetentionOptions & string)[] =
  /* @__PURE__ */ optionKeys<PeriodRetentionOptions>()(
    ['period', 'activeWithin', 'observationEnd', 'segmentOf', 'fractionDigits'],
    [CALENDAR_OPTION_KEYS],
  );

/** Resolved options of the period series. */
export interface ResolvedPeriodOptions {
  readonly resolved: ResolvedRfmOptions;
  readonly period: CalendarPeriod;
  readonly window: number;
  readonly weekStartsOn: number;
  readonly segmentOf: SegmentOf | undefined;
}

/** Checks an optional segment function. */
export function requireSegmentOf(fn: string, segmentOf: unknown): SegmentOf | undefined {
  if (segmentOf !== undefined && typeof segmentOf !== 'function') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: segmentOf must be a function, got ${describeValue(segmentOf)}`,
      {
        argument: 'segmentOf',
        value: segmentOf,
      },
    );
  }
  return segmentOf as SegmentOf | undefined;
}

export function resolvePeriodOptions(fn: string, options: unknown): ResolvedPeriodOptions {
  const record = optionalObject(fn, 'options', options, PERIOD_RETENTION_OPTION_KEYS);
  const { period = 'month', activeWithin = 90, segmentOf, ...rest } = record;
  const window = requireCount(fn, 'activeWithin', activeWithin);
  if (window === 0) {
    throw new PatronageError('OUT_OF_RANGE', `${fn}: activeWithin must be at least 1 day, got 0`, {
      argument: 'activeWithin',
      value: 0,
    });
  }
  return {
    resolved: resolveRfmOptions(fn, rest, PERIOD_RETENTION_OPTION_KEYS, 'day'),
    period: requirePeriod(fn, period),
    window,
    weekStartsOn: (record['weekStartsOn'] as number | undefined) ?? 1,
    segmentOf: requireSegmentOf(fn, segmentOf),
  };
}

/** The series over prepared day-keyed columns; `idOf` maps a dense customer number to what segmentOf takes. */
export function periodSeries(
  fn: string,
  prepared: PreparedColumns,
  options: ResolvedPeriodOptions,
  idOf: (customer: number) => CustomerId,
): PeriodRetentionRow[] {
  const { resolved, period, window, weekStartsOn, segmentOf } = options;
  const endDay = endKeyOf(resolved, prepared.maxKey);
  const rows = prepared.keys.length;
  const keep = new Uint8Array(rows);
  let firstDay = Number.POSITIVE_INFINITY;
  for (let row = 0; row < rows; row++) {
    const day = prepared.keys[row] as number;
    if (day <= endDay) {
      keep[row] = 1;
      if (day < firstDay) firstDay = day;
    }
  }
  if (firstDay === Number.POSITIVE_INFINITY) return [];
  const { dense, customerCount, original } = densify(prepared.customerIndex, prepared.customerCount);
  const grouped = groupByCustomer(customerCount, dense, prepared.keys, prepared.minor, keep);
  const tally = new PeriodTally(periodStarts(fn, firstDay, endDay, period, weekStartsOn));
  const ends = periodEnds(tally.starts, period);
  for (let c = 0; c < customerCount; c++) {
    const from = grouped.offsets[c] as number;
    const to = grouped.offsets[c + 1] as number;
    if (to === from) continue;
    let segment: string | null = null;
    if (segmentOf !== undefined) {
      const id = idOf(original === undefined ? c : (original[c] as number));
      const answer = segmentOf(id);
      if (answer !== undefined && answer !== null && typeof answer !== 'string') {
        throw new PatronageError(
          'INVALID_ARGUMENT',
          `${fn}: segmentOf(${describeValue(id)}) must return a string, null or undefined, got ${describeValue(answer)}`,
          {
            argument: 'segmentOf',
            value: answer,
          },
        );
      }
      segment = answer ?? null;
    }
    tallyPurchaser(tally, segment, grouped.keys, grouped.minor, from, to, window, ends);
  }
  const dayKeyer = { keyOf: resolved.keyer.keyOf, startOf: resolved.keyer.startOf };
  return tally.rows(period, weekStartsOn, dayKeyer, resolved.scale);
}

/**
 * Retention series from purchases: for every period from the first purchase to the end of observation,
 * the customers active at its start (S) and end (E), those new to the active base (N, split into
 * acquired and reactivated), retained and lost, retention and churn, and the period's revenue split
 * between new and returning customers (docs/formulas.md §1.1, §1.6).
 *
 * "Active" is purchase-based: a customer is active at a moment when they bought in the `activeWithin`
 * days up to it (90 by default) — at the start, in the window before the period; at the end, in the
 * period's last window. For subscription-based activity use {@link subscriptionRetention}. With
 * `segmentOf`, the series is computed for each segment (rows for the segment `null` hold customers
 * without one); sum the segments for the total. Days follow the calendar options (UTC by default).
 *
 * @param transactions - `{ customerId, at, amount, eventId? }` rows
 * @param options - `period` (default `'month'`), `activeWithin` (days, default 90), `observationEnd`,
 *   `segmentOf`, time zone, `fractionDigits`
 * @returns one row per segment and period, segments in order, periods oldest first; `[]` for no data
 * @throws PatronageError for the first invalid row (as {@link rfmSummary}), `INVALID_PERIOD`,
 *   `OUT_OF_RANGE` (`activeWithin` 0, or a series spanning more than 20,000 periods), `NOT_AN_INTEGER`, `INVALID_ARGUMENT` (a `segmentOf` that is not a
 *   function or returns something other than a string), `INVALID_TIME_ZONE`.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { periodRetention } from 'patronage';
 *
 * const rows = periodRetention(
 *   [
 *     { customerId: 'a', at: '2024-01-10', amount: 10 },
 *     { customerId: 'a', at: '2024-02-20', amount: 10 },
 *     { customerId: 'b', at: '2024-01-15', amount: 5 },
 *     { customerId: 'c', at: '2024-02-03', amount: 7 },
 *   ],
 *   { period: 'month', activeWithin: 30 },
 * );
 * rows.map((row) => [row.period, row.customersAtStart, row.customersAtEnd, row.newCustomers, row.retention]);
 * // => [['2024-01', 0, 2, 2, null], ['2024-02', 2, 2, 1, 0.5]]
 * ```
 *
 * @category Tables
 */
export function periodRetention(
  transactions: Iterable<Transaction>,
  options?: PeriodRetentionOptions,
): PeriodRetentionRow[] {
  const fn = 'periodRetention';
  const resolved = resolvePeriodOptions(fn, options);
  const prepared = prepareTransactions(fn, transactions, resolved.resolved);
  return periodSeries(fn, prepared, resolved, (customer) => prepared.customerIds[customer] as string);
}
