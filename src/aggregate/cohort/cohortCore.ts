import { PatronageError } from '../../errors/PatronageError';
import { requirePositiveCount } from '../../internal/validate';
import { labelOfPeriodKey, monthOrdinal, periodOrdinal } from '../../model/calendarKeys';
import type { CalendarOptions, CalendarPeriod } from '../../model/localCalendar';
import type { TimestampInput } from '../../model/timestamp';
import type { GroupedActivity } from '../shared/groupByCustomer';
import { type CohortBracket, type CohortMode, RETURN_ON, type ResolvedCohortMode } from './cohortMode';

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
  /**
   * What a cell counts (see {@link CohortMode}): `'return-on'` (default), `'return-on-or-after'`,
   * `'recurring'` or `'brackets'`.
   */
  readonly mode?: CohortMode;
  /**
   * With `mode: 'brackets'` (and only then): the brackets of periods since acquisition, `[first, last]` both
   * included, whole numbers from 0, in increasing order and not overlapping, such as `[[1, 7], [8, 30],
   * [31, 90]]` with `period: 'day'`. Not together with `maxPeriods`.
   */
  readonly brackets?: readonly CohortBracket[];
  /**
   * Adds `intervals` to every row: per cell the Wilson interval of `rates[k]` and a two-proportion test
   * against the previous cohort (see {@link CohortCellInterval}). `true` for a 95 % level, or
   * `{ confidenceLevel }`; default none (the rows are as without the option).
   */
  readonly intervals?: boolean | CohortIntervalOptions;
}

/**
 * The `intervals` option of `cohortRetention` as an object (`intervals: true` is `{ confidenceLevel: 0.95 }`).
 *
 * @category Tables
 */
export interface CohortIntervalOptions {
  /**
   * The confidence level of the Wilson intervals, strictly between 0 and 1 and at most 0.9999999999999998
   * (default 0.95); the test against the previous cohort is at the significance level 1 − `confidenceLevel`.
   */
  readonly confidenceLevel?: number;
}

/**
 * The uncertainty of one cell of a cohort table (`CohortRow.intervals[k]`, with the `intervals` option):
 * the Wilson interval of `rates[k]` and the comparison with the same cell of the row before (docs/tables.md,
 * "Uncertainty: intervals and marks").
 *
 * @category Tables
 */
export interface CohortCellInterval {
  /** The lower bound of the Wilson interval of `rates[k] = counts[k] / size`, in [0, `rates[k]`]. */
  readonly lower: number;
  /** The upper bound, in [`rates[k]`, 1]. */
  readonly upper: number;
  /**
   * The two-sided p-value of the pooled two-proportion z-test of this cell's rate against the previous row's
   * (the cohort before it in the table) at the same k; `null` for the first row or where the previous row has
   * no value at k. 1 when both cells are 0 % or both 100 %.
   */
  readonly pValue: number | null;
  /**
   * `'higher'` or `'lower'` when this cohort's rate differs significantly from the previous row's
   * (`pValue` below 1 − `confidenceLevel`), saying which way; `null` otherwise.
   */
  readonly direction: 'higher' | 'lower' | null;
}

/**
 * One acquisition cohort of a cohort table. Arrays run over the periods since acquisition, k = 0, 1, ...,
 * and hold only the periods this cohort can observe: a cohort acquired `j` periods before the end of
 * observation has `j + 1` entries (at most `maxPeriods`), so the rows form a staircase, the oldest cohort
 * longest. Reading past the end of a row gives `undefined` (a period the cohort has not reached yet). With
 * `mode: 'brackets'` the arrays run over the brackets instead, holding those whose last period the cohort
 * can observe.
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
  /**
   * `counts[k]`: the cohort's customers who bought in the k-th period after acquisition (in the other modes:
   * in it or later, in every period up to it, in the k-th bracket); `counts[0] === size` except in brackets.
   */
  readonly counts: readonly (number | null)[];
  /** `rates[k] = counts[k] / size`. */
  readonly rates: readonly (number | null)[];
  /**
   * `revenue[k]`: the cohort's revenue in the k-th period (with brackets: in the k-th bracket's periods),
   * major units (exact totals), whatever the mode.
   */
  readonly revenue: readonly (number | null)[];
  /**
   * `revenueRates[k] = revenue[k] / ` the revenue of the acquisition period (`revenue[0]` except with
   * brackets): revenue retention; `null` when that revenue is 0.
   */
  readonly revenueRates: readonly (number | null)[];
  /**
   * Only with the `intervals` option: per cell k, the Wilson interval of `rates[k]` and the test against the
   * previous row at k; `null` where `counts[k]` is `null`. Revenue rates get no interval (a ratio of sums of
   * money is no binomial share).
   */
  readonly intervals?: readonly (CohortCellInterval | null)[];
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
  /** What a cell counts; in the two cumulative modes `counts` holds differences, summed by `rows`. */
  private readonly mode: ResolvedCohortMode;
  private readonly cumulative: boolean;
  /** Per cohort, the revenue of its acquisition period (minor units), for `revenueRates` with brackets. */
  private readonly baseRevenue: Float64Array;
  /** Cohorts with at least one customer, and the cells their rows take. */
  private cohorts = 0;
  private cells = 0;

  constructor(
    fn: string,
    period: CalendarPeriod,
    minKey: number,
    endKey: number,
    maxPeriods?: number,
    mode: ResolvedCohortMode = RETURN_ON,
  ) {
    this.fn = fn;
    this.mode = mode;
    this.cumulative = mode.mode === 'return-on-or-after' || mode.mode === 'recurring';
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
    this.baseRevenue = new Float64Array(mode.brackets === undefined ? 0 : span);
  }

  /** The cells of a cohort's row: its observable periods (at most `maxPeriods`), or its observable brackets. */
  private widthOf(cohort: number): number {
    const observable = this.span - cohort; // periods k = 0 … observable − 1
    const { brackets } = this.mode;
    if (brackets === undefined) return Math.min(observable, this.maxPeriods);
    let width = 0;
    while (width < brackets.length && (brackets[width] as CohortBracket)[1] < observable) width++;
    return width;
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
      const width = this.widthOf(cohort);
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

  /**
   * Records one customer of `cohort` in a mode other than `'return-on'`: its distinct active periods, keys
   * `keys[from] … keys[to − 1]` in ascending order (the first its acquisition period), with their revenue.
   */
  recordCustomer(
    cohort: number,
    keys: ArrayLike<number>,
    minor: ArrayLike<number>,
    from: number,
    to: number,
  ): void {
    const counts = this.counts[cohort];
    const revenue = this.revenue[cohort];
    if (counts === undefined || revenue === undefined) return; // a cohort beyond the cell limit (rows() throws)
    const width = counts.length;
    const base = this.ordinalOf(keys[from] as number);
    const { brackets } = this.mode;
    if (brackets !== undefined) {
      this.baseRevenue[cohort] = (this.baseRevenue[cohort] as number) + (minor[from] as number);
      let bracket = 0;
      let counted = -1;
      for (let index = from; index < to; index++) {
        const k = this.ordinalOf(keys[index] as number) - base;
        while (bracket < width && (brackets[bracket] as CohortBracket)[1] < k) bracket++;
        if (bracket === width) break;
        if (k < (brackets[bracket] as CohortBracket)[0]) continue; // between brackets
        revenue[bracket] = (revenue[bracket] as number) + (minor[index] as number);
        if (counted !== bracket) {
          counts[bracket] = (counts[bracket] as number) + 1;
          counted = bracket;
        }
      }
      return;
    }
    // the last k the customer counts in: its last active period, or the end of its first unbroken run
    let reach = 0;
    let unbroken = true;
    for (let index = from; index < to; index++) {
      const k = this.ordinalOf(keys[index] as number) - base;
      if (k < width) revenue[k] = (revenue[k] as number) + (minor[index] as number);
      if (this.mode.mode === 'return-on-or-after') reach = k;
      else if (unbroken && k === index - from) reach = k;
      else unbroken = false;
    }
    // differences: +1 from k = 0, −1 after the reach (summed in rows)
    counts[0] = (counts[0] as number) + 1;
    if (reach + 1 < width) counts[reach + 1] = (counts[reach + 1] as number) - 1;
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
      const firstRevenue =
        this.mode.brackets === undefined
          ? ((cohortRevenue[0] as number | undefined) ?? 0)
          : (this.baseRevenue[cohort] as number);
      const width = cohortCounts.length;
      if (this.cumulative)
        for (let k = 1; k < width; k++)
          cohortCounts[k] = (cohortCounts[k] as number) + (cohortCounts[k - 1] as number);
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
  mode: ResolvedCohortMode = RETURN_ON,
): CohortRow[] {
  let minKey = Number.POSITIVE_INFINITY;
  for (let c = 0; c < grouped.customerCount; c++) {
    const from = grouped.offsets[c] as number;
    if ((grouped.offsets[c + 1] as number) > from) minKey = Math.min(minKey, grouped.keys[from] as number);
  }
  if (minKey === Number.POSITIVE_INFINITY) return [];
  const tally = new CohortTally(fn, period, minKey, endKey, maxPeriods, mode);
  for (let c = 0; c < grouped.customerCount; c++) {
    const from = grouped.offsets[c] as number;
    const to = grouped.offsets[c + 1] as number;
    if (to === from) continue;
    const cohort = tally.acquire(grouped.keys[from] as number);
    if (mode.mode !== 'return-on') {
      tally.recordCustomer(cohort, grouped.keys, grouped.minor, from, to);
      continue;
    }
    for (let index = from; index < to; index++)
      tally.record(cohort, grouped.keys[index] as number, grouped.minor[index] as number, true);
  }
  return tally.rows(scale, weekStartsOn);
}
