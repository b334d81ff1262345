import { PatronageError } from '../../errors/PatronageError';
import { requirePositiveCount } from '../../internal/validate';
import { labelOfPeriodKey, monthOrdinal, periodOrdinal } from '../../model/calendarKeys';
import type { CalendarOptions, CalendarPeriod } from '../../model/localCalendar';
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
  /**
   * Periods after acquisition each row carries, from 1: k = 0 … `maxPeriods` − 1 (default: every period
   * the cohort can observe). Activity later than that is left out of the table, as the option of
   * `cohortHeatmapSvg` of the same name leaves it out of the chart.
   */
  readonly maxPeriods?: number;
}

/**
 * One acquisition cohort of a cohort table. Arrays run over the periods since acquisition, k = 0, 1, ...,
 * and hold only the periods this cohort can observe: a cohort acquired `j` periods before the end of
 * observation has `j + 1` entries (at most `maxPeriods`), so the rows form a staircase, the oldest cohort
 * longest. Reading past the end of a row gives `undefined` (a period the cohort has not reached yet).
 *
 * `null` appears only in `revenueRates`, for a cohort whose first-period revenue is 0. (Earlier releases padded
 * every row with `null` to the length of the oldest one; `row.counts[k] ?? null` gives that reading.)
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
  /** `revenueRates[k] = revenue[k] / revenue[0]` (revenue retention); `null` when `revenue[0]` is 0. */
  readonly revenueRates: readonly (number | null)[];
}

/** The most periods a cohort table may span (a daily table of 54 years). */
export const MAX_COHORT_PERIODS = 20_000;

/**
 * The most cells (entries of `counts`, summed over the rows) a cohort table may hold. A cell takes about
 * 55 bytes while the table is built (four row arrays and two tallies), so a table at the limit peaks at
 * about 220 MB above the process's baseline (docs/tables.md, "How large a cohort table may be"). Daily
 * cohorts over 7 years (2,557 rows, 3,270,403 cells) fit; 8,000 daily cohorts (32 million cells) need
 * `maxPeriods`.
 */
export const MAX_COHORT_CELLS = 4_000_000;

/** Reads the `maxPeriods` option of a cohort table: a whole number from 1, or `undefined`. */
export function requireMaxPeriods(fn: string, value: unknown): number | undefined {
  return value === undefined ? undefined : requirePositiveCount(fn, 'options.maxPeriods', value);
}

/**
 * Per-cohort tallies, filled by the grouped path or the single-pass path, turned into rows at the end. A
 * cohort's tallies are allocated when its first customer arrives, and only while the table stays within
 * {@link MAX_COHORT_CELLS}; past it the tally only counts cohorts, and `rows` throws `OUT_OF_RANGE`.
 */
export class CohortTally {
  readonly fn: string;
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
  /** The periods a row carries at most (the span when no `maxPeriods` is given). */
  readonly maxPeriods: number;
  readonly sizes: Float64Array;
  readonly firstKeys: Float64Array;
  readonly counts: (Float64Array | undefined)[];
  readonly revenue: (Float64Array | undefined)[];
  /** Cohorts with at least one customer, and the cells their rows take. */
  private cohorts = 0;
  private cells = 0;

  constructor(fn: string, period: CalendarPeriod, minKey: number, endKey: number, maxPeriods?: number) {
    this.fn = fn;
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
    this.maxPeriods = Math.min(span, maxPeriods ?? span);
    this.sizes = new Float64Array(span);
    this.firstKeys = new Float64Array(span);
    this.counts = new Array(span);
    this.revenue = new Array(span);
  }

  /** The consecutive ordinal of the period whose key (local start day) is `key`. */
  ordinalOf(key: number): number {
    if (this.months === 0) return periodOrdinal(key, this.period);
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
    if (this.sizes[cohort] === 0) {
      const width = Math.min(this.span - cohort, this.maxPeriods);
      this.cohorts++;
      this.cells += width;
      this.firstKeys[cohort] = cohortKey;
      if (this.cells <= MAX_COHORT_CELLS) {
        this.counts[cohort] = new Float64Array(width);
        this.revenue[cohort] = new Float64Array(width);
      }
    }
    this.sizes[cohort] = (this.sizes[cohort] as number) + 1;
    return cohort;
  }

  /** Records activity of a cohort member in the period with key `key`: a new active period or more revenue. */
  record(cohort: number, key: number, minor: number, newPeriod: boolean): void {
    const k = this.ordinalOf(key) - this.firstOrdinal - cohort;
    const counts = this.counts[cohort];
    const revenue = this.revenue[cohort];
    // past maxPeriods, or a cohort beyond the cell limit (rows() throws)
    if (counts === undefined || revenue === undefined || k >= counts.length) return;
    if (newPeriod) counts[k] = (counts[k] as number) + 1;
    revenue[k] = (revenue[k] as number) + minor;
  }

  /** Throws `OUT_OF_RANGE` when the table would hold more than {@link MAX_COHORT_CELLS} cells. */
  private requireWithinLimit(): void {
    const { cells, cohorts, fn, period, span } = this;
    if (cells <= MAX_COHORT_CELLS) return;
    // at least 200, as there are at most MAX_COHORT_PERIODS cohorts
    const fitting = Math.floor(MAX_COHORT_CELLS / cohorts);
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${fn}: the table would hold ${cells} cells (${cohorts} cohorts over up to ${this.maxPeriods} ${period} periods each), more than the ${MAX_COHORT_CELLS} a cohort table may hold; pass maxPeriods (${fitting} or fewer periods per row fit), use a longer period or leave early cohorts out`,
      {
        argument: 'options',
        value: { period, maxPeriods: this.maxPeriods },
        cohorts,
        periods: this.maxPeriods,
        span,
        cells,
        limit: MAX_COHORT_CELLS,
        fittingMaxPeriods: fitting,
      },
    );
  }

  rows(scale: number, weekStartsOn: number): CohortRow[] {
    this.requireWithinLimit();
    const rows: CohortRow[] = [];
    for (let cohort = 0; cohort < this.span; cohort++) {
      const size = this.sizes[cohort] as number;
      const cohortCounts = this.counts[cohort];
      const cohortRevenue = this.revenue[cohort];
      if (size === 0 || cohortCounts === undefined || cohortRevenue === undefined) continue;
      const firstRevenue = cohortRevenue[0] as number;
      const width = cohortCounts.length;
      const counts = new Array<number>(width);
      const rates = new Array<number>(width);
      const revenue = new Array<number>(width);
      const revenueRates = new Array<number | null>(width);
      for (let k = 0; k < width; k++) {
        const count = cohortCounts[k] as number;
        const minor = cohortRevenue[k] as number;
        counts[k] = count;
        rates[k] = count / size;
        revenue[k] = minor / scale;
        revenueRates[k] = firstRevenue === 0 ? null : minor / firstRevenue;
      }
      // the tallies of a finished row are no longer needed: let them go while the next rows are built
      this.counts[cohort] = undefined;
      this.revenue[cohort] = undefined;
      rows.push({
        cohort: labelOfPeriodKey(this.firstKeys[cohort] as number, this.period, weekStartsOn),
        size,
        counts,
        rates,
        revenue,
        revenueRates,
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
  maxPeriods: number | undefined,
): CohortRow[] {
  let minKey = Number.POSITIVE_INFINITY;
  for (let c = 0; c < grouped.customerCount; c++) {
    const from = grouped.offsets[c] as number;
    if ((grouped.offsets[c + 1] as number) > from) minKey = Math.min(minKey, grouped.keys[from] as number);
  }
  if (minKey === Number.POSITIVE_INFINITY) return [];
  const tally = new CohortTally(fn, period, minKey, endKey, maxPeriods);
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
