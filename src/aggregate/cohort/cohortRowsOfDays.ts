import { periodKeyOfDay } from '../../model/calendarKeys';
import type { CalendarPeriod } from '../../model/localCalendar';
import type { PurchaseDays } from '../shared/purchaseDays';
import { type CohortRow, cohortRows } from './cohortCore';
import type { ResolvedCohortMode } from './cohortMode';

/** Days spanned up to which the period key of each day is memoised (8 bytes a day). */
const MEMO_DAYS = 1_000_000;

/**
 * The cohort tables, one per mode, of customers' purchase days already grouped (`purchaseDays`), without
 * reading the transactions again: each customer's ascending days become its distinct periods once
 * (consecutive days of one period merged, their amounts summed; the period of each distinct day computed
 * once), then each mode's rows are built as `cohortRetentionColumns` builds them, the end of observation
 * being the period of the purchase days' end. The report uses it for the modes of its whole base.
 */
export function cohortRowsOfDays(
  fn: string,
  days: PurchaseDays,
  period: CalendarPeriod,
  weekStartsOn: number,
  modes: readonly ResolvedCohortMode[],
): CohortRow[][] {
  const { offsets, keys, minor, customerCount } = days.grouped;
  let minDay = Number.POSITIVE_INFINITY;
  let maxDay = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < keys.length; index++) {
    const day = keys[index] as number;
    if (day < minDay) minDay = day;
    if (day > maxDay) maxDay = day;
  }
  const memo = maxDay - minDay < MEMO_DAYS ? new Float64Array(maxDay - minDay + 1).fill(Number.NaN) : null;
  const keyOf = (day: number): number => {
    if (memo === null) return periodKeyOfDay(day, period, weekStartsOn);
    let key = memo[day - minDay] as number;
    if (Number.isNaN(key)) {
      key = periodKeyOfDay(day, period, weekStartsOn);
      memo[day - minDay] = key;
    }
    return key;
  };
  const periodOffsets = new Uint32Array(customerCount + 1);
  const periodKeys = new Int32Array(keys.length);
  const periodMinor = new Float64Array(keys.length);
  let next = 0;
  for (let c = 0; c < customerCount; c++) {
    const first = next;
    periodOffsets[c] = first;
    const to = offsets[c + 1] as number;
    for (let index = offsets[c] as number; index < to; index++) {
      const key = keyOf(keys[index] as number);
      if (next > first && periodKeys[next - 1] === key) {
        periodMinor[next - 1] = (periodMinor[next - 1] as number) + (minor[index] as number);
        continue;
      }
      periodKeys[next] = key;
      periodMinor[next] = minor[index] as number;
      next++;
    }
  }
  periodOffsets[customerCount] = next;
  const grouped = {
    customerCount,
    offsets: periodOffsets,
    keys: periodKeys.subarray(0, next),
    minor: periodMinor.subarray(0, next),
  };
  const endKey = periodKeyOfDay(days.endKey, period, weekStartsOn);
  return modes.map((mode) =>
    cohortRows(fn, grouped, period, endKey, days.scale, weekStartsOn, undefined, mode),
  );
}
