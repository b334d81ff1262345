import { PatronageError } from '../../errors/PatronageError';
import { labelOfPeriodKey } from '../../model/calendarKeys';
import { type CalendarOptions, type CalendarPeriod, civilFromDays } from '../../model/localCalendar';
import type { TimestampInput } from '../../model/timestamp';
import type { GroupedActivity } from '../shared/groupByCustomer';

/**
 * Options of the cohort tables.
 *
 * @category Tables
 */
export interface CohortOptions extends CalendarOptions {
  /** Cohort and activity period. Default `'month'`. */
  readonly period?: CalendarPeriod;
  /** Transactions after this time's period are outside the table. Default: the last transaction. */
  readonly observationEnd?: TimestampInput;
  /** Decimals of the currency's minor unit, default 2. */
  readonly fractionDigits?: number;
}

/**
 * One acquisition cohort of a cohort table. Arrays run over the periods since acquisition, k = 0, 1, ...,
 * all rows having the same length (the span from the first cohort to the end); a cell is `null` where
 * the period is not yet observable for this cohort.
 *
 * @category Tables
 */
export interface CohortRow {
  /** The acquisition period's ISO label, such as `2024-03`. */
  readonly cohort: string;
  /** Customers whose first purchase fell in that period. */
  readonly size: number;
  /** `counts[k]`: the cohort's customers who bought in the k-th period after acquisition; `counts[0] === size`. */
  readonly counts: readonly (number | null)[];
  /** `rates[k] = counts[k] / size`. */
  readonly rates: readonly (number | null)[];
  /** `revenue[k]`: the cohort's revenue in the k-th period, major units (exact totals). */
  readonly revenue: readonly (number | null)[];
  /** `revenueRates[k] = revenue[k] / revenue[0]` (revenue retention); `null` also when `revenue[0]` is 0. */
  readonly revenueRates: readonly (number | null)[];
}

/** A month-based period's ordinal: months since year 0, in steps of `months`. */
function monthOrdinal(key: number, months: number): number {
  const { year, month } = civilFromDays(key);
  return Math.floor((year * 12 + month - 1) / months);
}

/** The most periods a cohort table may span (a daily table of 54 years). */
export const MAX_COHORT_PERIODS = 20_000;

/** Per-cohort tallies, filled by the grouped path or the single-pass path, turned into rows at the end. */
export class CohortTally {
  readonly period: CalendarPeriod;
  /** Months per period (1, 3 or 12), or 0 for days and weeks. */
  private readonly months: number;
  private readonly minKey: number;
  /**
   * For month-based periods over at most 1,000,000 days: a memo of the ordinal of each day from `minKey`
   * (ordinal + 1, 0 = not computed yet), so the civil-date arithmetic runs once per distinct day.
   */
  private readonly ordinals: Float64Array | null;
  readonly firstOrdinal: number;
  readonly span: number;
  readonly sizes: Float64Array;
  readonly firstKeys: Float64Array;
  readonly counts: (Float64Array | undefined)[];
  readonly revenue: (Float64Array | undefined)[];

  constructor(fn: string, period: CalendarPeriod, minKey: number, endKey: number) {
    this.period = period;
    this.months = period === 'month' ? 1 : period === 'quarter' ? 3 : period === 'year' ? 12 : 0;
    this.minKey = minKey;
    const days = endKey - minKey + 1;
    this.ordinals = this.months > 0 && days > 0 && days <= 1_000_000 ? new Float64Array(days) : null;
    this.firstOrdinal = this.ordinalOf(minKey);
    const span = this.ordinalOf(endKey) - this.firstOrdinal + 1;
    if (span > MAX_COHORT_PERIODS) {
      throw new PatronageError(
        'OUT_OF_RANGE',
        `${fn}: the table would span ${span} ${period} periods (at most ${MAX_COHORT_PERIODS}); use a longer period`,
        { argument: 'period', value: period, span },
      );
    }
    this.span = span;
    this.sizes = new Float64Array(span);
    this.firstKeys = new Float64Array(span);
    this.counts = new Array(span);
    this.revenue = new Array(span);
  }

  /** The consecutive ordinal of the period whose key (local start day) is `key`. */
  ordinalOf(key: number): number {
    if (this.months === 0) return this.period === 'week' ? Math.round(key / 7) : key;
    const table = this.ordinals;
    if (table === null) return monthOrdinal(key, this.months);
    const slot = key - this.minKey;
    let value = table[slot] as number;
    if (value === 0) {
      value = monthOrdinal(key, this.months) + 1;
      table[slot] = value;
    }
    return value - 1;
  }

  /** Registers a customer acquired in the period with key `cohortKey`; returns the cohort index. */
  acquire(cohortKey: number): number {
    const cohort = this.ordinalOf(cohortKey) - this.firstOrdinal;
    if (this.counts[cohort] === undefined) {
      this.counts[cohort] = new Float64Array(this.span - cohort);
      this.revenue[cohort] = new Float64Array(this.span - cohort);
      this.firstKeys[cohort] = cohortKey;
    }
    this.sizes[cohort] = (this.sizes[cohort] as number) + 1;
    return cohort;
  }

  /** Records activity of a cohort member in the period with key `key`: a new active period or more revenue. */
  record(cohort: number, key: number, minor: number, newPeriod: boolean): void {
    const k = this.ordinalOf(key) - this.firstOrdinal - cohort;
    const counts = this.counts[cohort] as Float64Array;
    const revenue = this.revenue[cohort] as Float64Array;
    if (newPeriod) counts[k] = (counts[k] as number) + 1;
    revenue[k] = (revenue[k] as number) + minor;
  }

  rows(scale: number, weekStartsOn: number): CohortRow[] {
    const { span } = this;
    const rows: CohortRow[] = [];
    for (let cohort = 0; cohort < span; cohort++) {
      const size = this.sizes[cohort] as number;
      const cohortCounts = this.counts[cohort];
      const cohortRevenue = this.revenue[cohort];
      if (size === 0 || cohortCounts === undefined || cohortRevenue === undefined) continue;
      const firstRevenue = cohortRevenue[0] as number;
      const cell = (k: number, value: (k: number) => number | null): number | null =>
        k < span - cohort ? value(k) : null;
      const ks = Array.from({ length: span }, (_, k) => k);
      rows.push({
        cohort: labelOfPeriodKey(this.firstKeys[cohort] as number, this.period, weekStartsOn),
        size,
        counts: ks.map((k) => cell(k, (at) => cohortCounts[at] as number)),
        rates: ks.map((k) => cell(k, (at) => (cohortCounts[at] as number) / size)),
        revenue: ks.map((k) => cell(k, (at) => (cohortRevenue[at] as number) / scale)),
        revenueRates: ks.map((k) =>
          cell(k, (at) => (firstRevenue === 0 ? null : (cohortRevenue[at] as number) / firstRevenue)),
        ),
      });
    }
    return rows;
  }
}

/** Builds the cohort rows from activity grouped per customer by period key (distinct, ascending). */
export function cohortRows(
  fn: string,
  grouped: GroupedActivity,
  period: CalendarPeriod,
  endKey: number,
  scale: number,
  weekStartsOn: number,
): CohortRow[] {
  let minKey = Number.POSITIVE_INFINITY;
  for (let c = 0; c < grouped.customerCount; c++) {
    const from = grouped.offsets[c] as number;
    if ((grouped.offsets[c + 1] as number) > from) minKey = Math.min(minKey, grouped.keys[from] as number);
  }
  if (minKey === Number.POSITIVE_INFINITY) return [];
  const tally = new CohortTally(fn, period, minKey, endKey);
  for (let c = 0; c < grouped.customerCount; c++) {
    const from = grouped.offsets[c] as number;
    const to = grouped.offsets[c + 1] as number;
    if (to === from) continue;
    const cohort = tally.acquire(grouped.keys[from] as number);
    for (let index = from; index < to; index++)
      tally.record(cohort, grouped.keys[index] as number, grouped.minor[index] as number, true);
  }
  return tally.rows(scale, weekStartsOn);
}
