import { PatronageError } from '../../errors/PatronageError';
import { labelOfPeriodKey, type PeriodKeyer, periodKeyOfDay, shiftPeriodKey } from '../../model/calendarKeys';
import type { CalendarPeriod } from '../../model/localCalendar';
import type { CustomerId } from '../../model/transaction';

/**
 * One period of a retention series (for one segment when the series is broken down).
 *
 * `customersAtEnd − newCustomers = retained ≤ customersAtStart`, so the counts always satisfy
 * {@link retentionRate}'s consistency rules: `retention` equals `retentionRate` of the three counts.
 *
 * @category Tables
 */
export interface PeriodRetentionRow {
  /** The segment, or `null` without a breakdown. */
  readonly segment: string | null;
  /** The period's ISO label (`2024-03`, `2024-W11`, `2024-Q1`...). */
  readonly period: string;
  /** The period's first instant, epoch ms. */
  readonly start: number;
  /** S: customers active at the start of the period. */
  readonly customersAtStart: number;
  /** E: customers active at the end of the period. */
  readonly customersAtEnd: number;
  /** N: customers active at the end who were not at the start (acquired + reactivated). */
  readonly newCustomers: number;
  /** Of the new, those whose first activity ever fell in this period. */
  readonly acquired: number;
  /** Of the new, earlier customers who became active again. */
  readonly reactivated: number;
  /** Active at both the start and the end. */
  readonly retained: number;
  /** Active at the start but not at the end. */
  readonly lost: number;
  /** `retained / customersAtStart`; `null` when nobody was active at the start. */
  readonly retention: number | null;
  /** `lost / customersAtStart`; `null` when nobody was active at the start. */
  readonly churn: number | null;
  /**
   * Revenue in the period, major units: the total in integer minor units divided by the currency's scale
   * once, so it is the decimal (113270.78, never 113270.78000000003); 0 for subscription series.
   */
  readonly revenue: number;
  /** Revenue from customers acquired in the period, major units, exact as `revenue`. */
  readonly newRevenue: number;
  /** Revenue from customers acquired before the period, major units, exact as `revenue` (`revenue − newRevenue` in minor units). */
  readonly returningRevenue: number;
}

/** The periods of a series: local start days, from the period of `firstDay` to that of `lastDay`. */
export function periodStarts(
  fn: string,
  firstDay: number,
  lastDay: number,
  period: CalendarPeriod,
  weekStartsOn: number,
): number[] {
  const starts: number[] = [];
  let key = periodKeyOfDay(firstDay, period, weekStartsOn);
  const lastKey = periodKeyOfDay(lastDay, period, weekStartsOn);
  while (key <= lastKey) {
    if (starts.length === MAX_SERIES_PERIODS) {
      throw new PatronageError(
        'OUT_OF_RANGE',
        `${fn}: the series would span more than ${MAX_SERIES_PERIODS} ${period} periods; use a longer period or a later start`,
        { argument: 'period', value: period },
      );
    }
    starts.push(key);
    key = shiftPeriodKey(key, period, 1);
  }
  return starts;
}

/** The most periods a retention series may span (a daily series of 54 years). */
export const MAX_SERIES_PERIODS = 20_000;

/**
 * One row of a retention series from its counts (customers active at the start and end, acquired,
 * reactivated, retained) and its revenue and new customers' revenue in integer minor units, each converted
 * to major units once (a difference of converted values would not be the decimal: 113270.78 − 3.71 is
 * 113267.06999999999).
 */
export function periodRetentionRow(
  segment: string | null,
  label: string,
  start: number,
  counts: ArrayLike<number>,
  revenueMinor: number,
  newRevenueMinor: number,
  scale: number,
): PeriodRetentionRow {
  const atStart = counts[0] as number;
  const atEnd = counts[1] as number;
  const acquired = counts[2] as number;
  const reactivated = counts[3] as number;
  const retained = counts[4] as number;
  return {
    segment,
    period: label,
    start,
    customersAtStart: atStart,
    customersAtEnd: atEnd,
    newCustomers: acquired + reactivated,
    acquired,
    reactivated,
    retained,
    lost: atStart - retained,
    retention: atStart === 0 ? null : retained / atStart,
    churn: atStart === 0 ? null : (atStart - retained) / atStart,
    revenue: revenueMinor / scale,
    newRevenue: newRevenueMinor / scale,
    returningRevenue: (revenueMinor - newRevenueMinor) / scale,
  };
}

/** Per segment and period: the tallies behind a row. */
export class PeriodTally {
  readonly starts: readonly number[];
  readonly segments: Map<string | null, Float64Array> = new Map();
  static readonly FIELDS = 8; // atStart, atEnd, acquired, reactivated, retained, revenue, newRevenue, (spare)

  constructor(starts: readonly number[]) {
    this.starts = starts;
  }

  cells(segment: string | null): Float64Array {
    let cells = this.segments.get(segment);
    if (cells === undefined) {
      cells = new Float64Array(this.starts.length * PeriodTally.FIELDS);
      this.segments.set(segment, cells);
    }
    return cells;
  }

  rows(
    period: CalendarPeriod,
    weekStartsOn: number,
    keyer: PeriodKeyer,
    scale: number,
  ): PeriodRetentionRow[] {
    const rows: PeriodRetentionRow[] = [];
    const segments = [...this.segments.keys()].sort((a, b) =>
      a === null ? -1 : b === null ? 1 : a < b ? -1 : a > b ? 1 : 0,
    );
    for (const segment of segments) {
      const cells = this.segments.get(segment) as Float64Array;
      this.starts.forEach((key, p) => {
        const base = p * PeriodTally.FIELDS;
        rows.push(
          periodRetentionRow(
            segment,
            labelOfPeriodKey(key, period, weekStartsOn),
            keyer.startOf(key),
            cells.subarray(base, base + 5),
            cells[base + 5] as number,
            cells[base + 6] as number,
            scale,
          ),
        );
      });
    }
    return rows;
  }
}

/**
 * The last day of each period of a series: the day before the next period's start, and for the last
 * period the day before the period after it. Computed once per series, not once per customer.
 */
export function periodEnds(starts: readonly number[], period: CalendarPeriod): Int32Array {
  const count = starts.length;
  const ends = new Int32Array(count);
  for (let p = 0; p + 1 < count; p++) ends[p] = (starts[p + 1] as number) - 1;
  if (count > 0) ends[count - 1] = shiftPeriodKey(starts[count - 1] as number, period, 1) - 1;
  return ends;
}

/**
 * Tallies one customer whose purchase days (local day numbers, ascending, distinct) and day amounts
 * (minor units) are given: active at a period's start when a purchase falls in the `window` days before
 * it, at its end when one falls in the period's last `window` days. `ends` is {@link periodEnds} of the
 * tally's starts.
 *
 * Only the periods from the one of the first purchase to the last one the customer is active in are
 * visited: before the first purchase the customer is neither active nor spending, and once every purchase
 * lies more than `window` days before a period's start, it is inactive at that start and at every later
 * moment.
 */
export function tallyPurchaser(
  tally: PeriodTally,
  segment: string | null,
  days: ArrayLike<number>,
  minor: ArrayLike<number>,
  from: number,
  to: number,
  window: number,
  ends: Int32Array,
): void {
  const cells = tally.cells(segment);
  const { starts } = tally;
  const periods = starts.length;
  const firstDay = days[from] as number;
  const lastDay = days[to - 1] as number;
  // the first period whose end is on or after the first purchase
  let low = 0;
  let high = periods;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((ends[middle] as number) < firstDay) low = middle + 1;
    else high = middle;
  }
  let beforeStart = from; // first index with day ≥ period start
  let beforeEnd = from; // first index with day > period end
  for (let p = low; p < periods; p++) {
    const start = starts[p] as number;
    const end = ends[p] as number;
    while (beforeStart < to && (days[beforeStart] as number) < start) beforeStart++;
    if (beforeStart === to && lastDay < start - window) break;
    // revenue of days inside the period
    let index = beforeStart;
    let revenue = 0;
    while (index < to && (days[index] as number) <= end) revenue += minor[index++] as number;
    beforeEnd = index;
    const lastBeforeStart = beforeStart > from ? (days[beforeStart - 1] as number) : Number.NEGATIVE_INFINITY;
    const lastByEnd = beforeEnd > from ? (days[beforeEnd - 1] as number) : Number.NEGATIVE_INFINITY;
    const activeAtStart = lastBeforeStart >= start - window;
    const activeAtEnd = lastByEnd > end - window;
    const base = p * PeriodTally.FIELDS;
    const acquiredHere = firstDay >= start && firstDay <= end;
    if (activeAtStart) cells[base] = (cells[base] as number) + 1;
    if (activeAtEnd) cells[base + 1] = (cells[base + 1] as number) + 1;
    if (activeAtEnd && !activeAtStart) {
      if (acquiredHere) cells[base + 2] = (cells[base + 2] as number) + 1;
      else cells[base + 3] = (cells[base + 3] as number) + 1;
    }
    if (activeAtStart && activeAtEnd) cells[base + 4] = (cells[base + 4] as number) + 1;
    if (revenue !== 0) {
      cells[base + 5] = (cells[base + 5] as number) + revenue;
      if (acquiredHere) cells[base + 6] = (cells[base + 6] as number) + revenue;
    }
  }
}

/** A segment function's answer, checked: a string or undefined/null for "no segment". */
export type SegmentOf = (customerId: CustomerId) => string | null | undefined;
