import { PatronageError } from '../errors/PatronageError';
import {
  type CalendarOptions,
  type CalendarPeriod,
  civilFromDays,
  labelOfPeriodKey,
} from '../model/calendar';
import type { TimestampInput } from '../model/timestamp';
import type { GroupedActivity } from './groupByCustomer';

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

/** Maps period keys (local start days) to consecutive period ordinals, fast for many lookups. */
function ordinalMapper(period: CalendarPeriod, minKey: number, maxKey: number): (key: number) => number {
  if (period === 'day') return (key) => key;
  if (period === 'week') return (key) => Math.round(key / 7);
  const months = period === 'month' ? 1 : period === 'quarter' ? 3 : 12;
  const ordinal = (key: number): number => {
    const { year, month } = civilFromDays(key);
    return Math.floor((year * 12 + month - 1) / months);
  };
  const span = maxKey - minKey + 1;
  if (span <= 0 || span > 1_000_000) return ordinal;
  const table = new Float64Array(span); // ordinal + 1 per day; 0 = not computed yet
  return (key) => {
    const slot = key - minKey;
    let value = table[slot] as number;
    if (value === 0) {
      value = ordinal(key) + 1;
      table[slot] = value;
    }
    return value - 1;
  };
}

/** The most periods a cohort table may span (a daily table of 54 years). */
export const MAX_COHORT_PERIODS = 20_000;

/** Builds the cohort rows from activity grouped per customer by period key. */
export function cohortRows(
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
  const ordinalOf = ordinalMapper(period, minKey, endKey);
  const firstOrdinal = ordinalOf(minKey);
  const endOrdinal = ordinalOf(endKey);
  const span = endOrdinal - firstOrdinal + 1;
  if (span > MAX_COHORT_PERIODS) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `cohortRetention: the table would span ${span} ${period} periods (at most ${MAX_COHORT_PERIODS}); use a longer period`,
      { argument: 'period', value: period, span },
    );
  }
  // per cohort (ordinal − firstOrdinal): its size, first key, and counts and revenue by k, made on first use
  const sizes = new Float64Array(span);
  const firstKeys = new Float64Array(span);
  const counts: (Float64Array | undefined)[] = new Array(span);
  const revenue: (Float64Array | undefined)[] = new Array(span);
  for (let c = 0; c < grouped.customerCount; c++) {
    const from = grouped.offsets[c] as number;
    const to = grouped.offsets[c + 1] as number;
    if (to === from) continue;
    const cohort = ordinalOf(grouped.keys[from] as number) - firstOrdinal;
    let cohortCounts = counts[cohort];
    let cohortRevenue = revenue[cohort];
    if (cohortCounts === undefined || cohortRevenue === undefined) {
      cohortCounts = new Float64Array(span - cohort);
      cohortRevenue = new Float64Array(span - cohort);
      counts[cohort] = cohortCounts;
      revenue[cohort] = cohortRevenue;
      firstKeys[cohort] = grouped.keys[from] as number;
    }
    sizes[cohort] = (sizes[cohort] as number) + 1;
    for (let index = from; index < to; index++) {
      const k = ordinalOf(grouped.keys[index] as number) - firstOrdinal - cohort;
      cohortCounts[k] = (cohortCounts[k] as number) + 1;
      cohortRevenue[k] = (cohortRevenue[k] as number) + (grouped.minor[index] as number);
    }
  }
  const rows: CohortRow[] = [];
  for (let cohort = 0; cohort < span; cohort++) {
    const size = sizes[cohort] as number;
    const cohortCounts = counts[cohort];
    const cohortRevenue = revenue[cohort];
    if (size === 0 || cohortCounts === undefined || cohortRevenue === undefined) continue;
    const firstRevenue = cohortRevenue[0] as number;
    const cell = (k: number, value: (k: number) => number | null): number | null =>
      k < span - cohort ? value(k) : null;
    const ks = Array.from({ length: span }, (_, k) => k);
    rows.push({
      cohort: labelOfPeriodKey(firstKeys[cohort] as number, period, weekStartsOn),
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
