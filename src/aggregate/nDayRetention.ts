import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { ShortIds } from '../internal/perf/shortIds';
import { optionalObject, optionKeys, requireBetween, requireCount, requireList } from '../internal/validate';
import { scaleOfFractionDigits } from '../model/money';
import { DAY_MS } from '../model/time';
import { type TimestampInput, toEpochMsIn } from '../model/timestamp';
import { outputCustomerIds, type Transaction } from '../model/transaction';
import { TransactionRowReader } from './shared/prepareTransactions';

/**
 * Options of {@link nDayRetention}.
 *
 * @category Tables
 */
export interface NDayRetentionOptions {
  /** The days N to report, whole numbers from 0 in increasing order. Default `[1, 7, 30]`. */
  readonly days?: readonly number[];
  /**
   * `'return-on'` (default): a purchase in the 24 hours of day N; `'return-on-or-after'` (unbounded): a
   * purchase on day N or later, up to the end of observation.
   */
  readonly mode?: 'return-on' | 'return-on-or-after';
  /** The end of observation: later transactions are left out. Default: the last transaction. */
  readonly observationEnd?: TimestampInput;
  /** Decimals of the currency's minor unit, default 2 (amounts are checked, not used). */
  readonly fractionDigits?: number;
}

/**
 * Day-N retention of {@link nDayRetention}.
 *
 * @category Tables
 */
export interface NDayRetentionRow {
  /** N: day N is the 24 hours from 24·N to 24·(N + 1) hours after the customer's first purchase. */
  readonly day: number;
  /** Customers whose day N had ended by the end of observation: the denominator. */
  readonly eligible: number;
  /** Of `eligible`, those who bought on day N (or, in `'return-on-or-after'` mode, on day N or later). */
  readonly retained: number;
  /** `retained / eligible`, or `null` when no customer is eligible. */
  readonly rate: number | null;
}

const FN = 'nDayRetention';
const OPTION_KEYS = /* @__PURE__ */ optionKeys<NDayRetentionOptions>()([
  'days',
  'mode',
  'observationEnd',
  'fractionDigits',
]);
const DEFAULT_DAYS: readonly number[] = [1, 7, 30];
/** The span of the Date range in days: no later day can end within it. */
const MAX_DAY = 200_000_000;
/** The most days one call reports (each takes a byte per customer while counting). */
const MAX_DAYS = 1000;

function requireDays(fn: string, value: unknown): number[] {
  const list = requireList(fn, 'options.days', value);
  requireBetween(fn, 'options.days.length', list.length, 1, MAX_DAYS);
  const days: number[] = [];
  list.forEach((item, index) => {
    const name = `options.days[${index}]`;
    const day = requireBetween(fn, name, requireCount(fn, name, item), 0, MAX_DAY);
    const previous = days.at(-1);
    if (previous !== undefined && day <= previous) {
      throw new PatronageError(
        'OUT_OF_RANGE',
        `${fn}: ${name} (${day}) must be above the day before it (${previous})`,
        { argument: name, value: day },
      );
    }
    days.push(day);
  });
  return days;
}

/**
 * Day-N retention (Day 1, Day 7, Day 30…) from exact times: 24-hour windows after each customer's first
 * purchase, over the customers whose day N is over.
 *
 * As product analytics tools define it with 24-hour windows (docs/tables.md, "Day-N retention"): day N of a
 * customer is the 24 hours from `first + N × 24 h` to `first + (N + 1) × 24 h` (end excluded), where `first`
 * is the time of their first purchase, so day 0 is the first 24 hours. Day-N retention is `retained / eligible`, where `eligible` counts the customers whose day N
 * had ended by the end of observation (`first + (N + 1) × 24 h ≤ observationEnd`) and `retained` those of
 * them with a purchase on day N (`'return-on'`) or at any time from the start of day N to the end of
 * observation (`'return-on-or-after'`). A customer whose day N has not ended is left out of day N, not
 * counted as lost.
 *
 * Elapsed time does not depend on a time zone (a day is 86,400,000 ms, also across a daylight-saving
 * change); for days of the calendar in a zone ("came back the next calendar day") use
 * {@link cohortRetention} with `period: 'day'` and `timeZone`. A transaction repeated under one `eventId`
 * counts once.
 *
 * @param transactions - `{ customerId, at, amount, eventId? }` rows, in any order
 * @param options - `days` (default `[1, 7, 30]`), `mode`, `observationEnd` (default: the last transaction),
 *   `fractionDigits`
 * @returns one row per requested day, in order; for no transactions every row has `eligible: 0` and
 *   `rate: null`
 * @throws PatronageError for the first invalid row (as {@link cohortRetention}), `CONFLICTING_EVENT_ID`,
 *   `AMBIGUOUS_CUSTOMER_ID`; `INVALID_ARGUMENT` (`days` not a list), `NOT_AN_INTEGER` and `OUT_OF_RANGE`
 *   for a day that is not a whole number from 0 to 200,000,000, for `days` empty, longer than 1,000 or not
 *   increasing, and for
 *   an unknown `mode`; `INVALID_TIMESTAMP` (`observationEnd`); `INVALID_OPTION` for an unknown option key.
 *
 * @example
 * ```ts
 * import { nDayRetention } from 'patronage';
 *
 * const rows = nDayRetention(
 *   [
 *     { customerId: 'a', at: '2024-03-01T22:00:00Z', amount: 10 },
 *     { customerId: 'a', at: '2024-03-03T09:00:00Z', amount: 5 }, // 35 hours later: day 1
 *     { customerId: 'b', at: '2024-03-02T08:00:00Z', amount: 5 },
 *     { customerId: 'c', at: '2024-03-09T21:00:00Z', amount: 5 }, // day 1 not over yet
 *   ],
 *   { days: [1, 7] },
 * );
 * rows[0]; // => { day: 1, eligible: 2, retained: 1, rate: 0.5 }
 * rows[1]; // => { day: 7, eligible: 0, retained: 0, rate: null }
 * ```
 *
 * @category Tables
 */
export function nDayRetention(
  transactions: Iterable<Transaction>,
  options?: NDayRetentionOptions,
): NDayRetentionRow[] {
  const resolved = resolveNDayOptions(FN, options);
  const rows = requireList(FN, 'transactions', transactions);
  // every row read once: its customer's number and its time
  const reader = new TransactionRowReader(FN, resolved.scale);
  const numbering = new ShortIds(rows.length);
  const customers = new Uint32Array(rows.length);
  const times = new Float64Array(rows.length);
  let count = 0;
  for (let index = 0; index < rows.length; index++) {
    if (!reader.read(index, rows[index])) continue; // a repeated transaction counts once
    customers[count] = numbering.numberOf(reader.customerId);
    times[count] = reader.at;
    count++;
  }
  outputCustomerIds(FN, numbering.ids); // AMBIGUOUS_CUSTOMER_ID for 7 and '7'
  return nDayRows(resolved, customers, numbering.ids.length, times, count);
}

/** The options of {@link nDayRetention} as validated. */
export interface ResolvedNDayOptions {
  readonly days: readonly number[];
  readonly mode: 'return-on' | 'return-on-or-after';
  readonly endMs: number | undefined;
  readonly scale: number;
}

/** Reads the options of {@link nDayRetention} (and of its columnar variant). */
export function resolveNDayOptions(fn: string, options: unknown): ResolvedNDayOptions {
  const record = optionalObject(fn, 'options', options, OPTION_KEYS);
  const days = record['days'] === undefined ? [...DEFAULT_DAYS] : requireDays(fn, record['days']);
  const mode = record['mode'] ?? 'return-on';
  if (mode !== 'return-on' && mode !== 'return-on-or-after') {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${fn}: options.mode must be 'return-on' or 'return-on-or-after', got ${describeValue(mode)}`,
      { argument: 'options.mode', value: mode },
    );
  }
  const endMs =
    record['observationEnd'] === undefined
      ? undefined
      : toEpochMsIn(fn, 'observationEnd', record['observationEnd']);
  return { days, mode, endMs, scale: scaleOfFractionDigits(fn, record['fractionDigits'] ?? 2) };
}

/**
 * Day-N retention of `count` rows: row r is a purchase by customer `customers[r]` (0 … `customerCount` − 1)
 * at `times[r]` (epoch ms), in any order.
 */
export function nDayRows(
  resolved: ResolvedNDayOptions,
  customers: ArrayLike<number>,
  customerCount: number,
  times: ArrayLike<number>,
  count: number,
): NDayRetentionRow[] {
  const { days, mode } = resolved;
  let end = resolved.endMs ?? Number.NEGATIVE_INFINITY;
  if (resolved.endMs === undefined)
    for (let row = 0; row < count; row++) end = Math.max(end, times[row] as number);
  // per customer: the first time, then the days (since it) of every purchase up to the end
  const first = new Float64Array(customerCount).fill(Number.POSITIVE_INFINITY);
  for (let row = 0; row < count; row++) {
    const c = customers[row] as number;
    const at = times[row] as number;
    if (at <= end && at < (first[c] as number)) first[c] = at;
  }
  // for each requested day, the customers seen on it (return-on) or the latest day seen (on-or-after)
  const lastDay = new Float64Array(customerCount).fill(-1);
  const seen = days.map(() => new Uint8Array(mode === 'return-on' ? customerCount : 0));
  // slot + 1 of each requested day (0: not requested): in an array for the first 65,536 days, else a map
  const slotOfDay = new Uint16Array(mode === 'return-on' ? Math.min((days.at(-1) as number) + 1, 65_536) : 0);
  const laterSlots = new Map<number, number>();
  days.forEach((day, slot) => {
    if (mode !== 'return-on') return;
    if (day < slotOfDay.length) slotOfDay[day] = slot + 1;
    else laterSlots.set(day, slot + 1);
  });
  for (let row = 0; row < count; row++) {
    const at = times[row] as number;
    if (at > end) continue;
    const c = customers[row] as number;
    const day = Math.floor((at - (first[c] as number)) / DAY_MS);
    if (day > (lastDay[c] as number)) lastDay[c] = day;
    const slot =
      day < slotOfDay.length
        ? (slotOfDay[day] as number)
        : laterSlots.size === 0
          ? 0
          : (laterSlots.get(day) ?? 0);
    if (slot > 0) (seen[slot - 1] as Uint8Array)[c] = 1;
  }
  return days.map((day, slot) => {
    let eligible = 0;
    let retained = 0;
    const seenOn = seen[slot] as Uint8Array;
    for (let c = 0; c < customerCount; c++) {
      const start = first[c] as number;
      if (start === Number.POSITIVE_INFINITY || start + (day + 1) * DAY_MS > end) continue;
      eligible++;
      if (mode === 'return-on' ? seenOn[c] === 1 : (lastDay[c] as number) >= day) retained++;
    }
    return { day, eligible, retained, rate: eligible === 0 ? null : retained / eligible };
  });
}
