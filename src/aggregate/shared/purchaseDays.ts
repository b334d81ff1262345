import type { PeriodKeyer } from '../../model/calendarKeys';
import { type GroupedActivity, groupByCustomer } from './groupByCustomer';
import { densify, endKeyOf, type PreparedColumns, prepareColumns, readColumns } from './prepareColumns';

/** Each customer's distinct purchase days, from columns: what the day-level tables and the report read. */
export interface PurchaseDays {
  /**
   * For dense customer c, `keys[offsets[c]] ... keys[offsets[c + 1] - 1]` are its purchase days (local day
   * numbers, ascending) up to the end day, and `minor` what it spent on each, in integer minor units.
   */
  readonly grouped: GroupedActivity;
  /** The customer number of the columns for dense customer c (undefined: the same number). */
  readonly original: Float64Array | undefined;
  /** The day of the end of observation (of the last transaction by default). */
  readonly endKey: number;
  /** Day numbers to epoch ms and back, in the calendar of the options. */
  readonly keyer: PeriodKeyer;
  /** 10^fractionDigits. */
  readonly scale: number;
}

/**
 * Groups the columns' transactions by customer and calendar day (one validating pass, a counting sort),
 * keeping the days up to `endMs` (default: the last transaction's day).
 */
export function purchaseDays(
  fn: string,
  columns: unknown,
  resolved: { readonly keyer: PeriodKeyer; readonly scale: number; readonly endMs: number | undefined },
): PurchaseDays {
  const prepared = prepareColumns(fn, readColumns(fn, columns), resolved);
  return { ...groupPurchaseDays(prepared, resolved), keyer: resolved.keyer, scale: resolved.scale };
}

/** Groups prepared columns by customer and period, keeping the periods up to the end of observation. */
export function groupPurchaseDays(
  prepared: PreparedColumns,
  resolved: { readonly endMs: number | undefined; readonly keyer: PeriodKeyer },
): Pick<PurchaseDays, 'grouped' | 'original' | 'endKey'> {
  const endKey = endKeyOf(resolved, prepared.maxKey);
  const rows = prepared.keys.length;
  const keep = new Uint8Array(rows);
  for (let row = 0; row < rows; row++) keep[row] = (prepared.keys[row] as number) <= endKey ? 1 : 0;
  const { dense, customerCount, original } = densify(prepared.customerIndex, prepared.customerCount);
  const grouped = groupByCustomer(customerCount, dense, prepared.keys, prepared.minor, keep);
  return { grouped, original, endKey };
}

/** The counts behind the share of customers who bought again within a number of days. */
export interface RepeatCounts {
  /** Customers with a purchase in the window. */
  readonly customers: number;
  /** Customers with a single purchase day. */
  readonly oneTime: number;
  /** Customers first seen at least `within` days before the end of observation. */
  readonly observed: number;
  /** Of `observed`, those whose second purchase day came at most `within` days after the first. */
  readonly repeated: number;
}

/** Counts first-to-second purchase gaps against `within` days, in one pass over the customers. */
export function repeatCounts(days: PurchaseDays, within: number): RepeatCounts {
  const { offsets, keys, customerCount } = days.grouped;
  let customers = 0;
  let oneTime = 0;
  let observed = 0;
  let repeated = 0;
  for (let c = 0; c < customerCount; c++) {
    const from = offsets[c] as number;
    const to = offsets[c + 1] as number;
    if (to === from) continue;
    customers++;
    if (to - from === 1) oneTime++;
    const first = keys[from] as number;
    if (days.endKey - first < within) continue;
    observed++;
    if (to - from > 1 && (keys[from + 1] as number) - first <= within) repeated++;
  }
  return { customers, oneTime, observed, repeated };
}
