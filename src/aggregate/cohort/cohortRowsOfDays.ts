import { periodKeyOfDay } from '../../model/calendarKeys';
import type { CalendarPeriod } from '../../model/localCalendar';
import type { PurchaseDays } from '../shared/purchaseDays';
import { type CohortRow, cohortRows } from './cohortCore';
import type { ResolvedCohortMode } from './cohortMode';

/**
 * The cohort table of customers' purchase days already grouped (`purchaseDays`), without reading the
 * transactions again: each customer's ascending days become its distinct periods (consecutive days of one
 * period merged, their amounts summed), then the rows are built as `cohortRetentionColumns` builds them, the
 * end of observation being the period of the purchase days' end. The report uses it for the modes of its
 * whole base.
 */
export function cohortRowsOfDays(
  fn: string,
  days: PurchaseDays,
  period: CalendarPeriod,
  weekStartsOn: number,
  mode: ResolvedCohortMode,
): CohortRow[] {
  const { offsets, keys, minor, customerCount } = days.grouped;
  const periodOffsets = new Uint32Array(customerCount + 1);
  const periodKeys = new Int32Array(keys.length);
  const periodMinor = new Float64Array(keys.length);
  let next = 0;
  for (let c = 0; c < customerCount; c++) {
    periodOffsets[c] = next;
    const from = offsets[c] as number;
    const to = offsets[c + 1] as number;
    for (let index = from; index < to; index++) {
      const key = periodKeyOfDay(keys[index] as number, period, weekStartsOn);
      if (next > (periodOffsets[c] as number) && periodKeys[next - 1] === key) {
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
  return cohortRows(fn, grouped, period, endKey, days.scale, weekStartsOn, undefined, mode);
}
