import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { optionalBoolean, optionalObject, optionKeys } from '../../internal/validate';
import { type PeriodKeyer, periodKeyer } from '../../model/calendarKeys';
import {
  CALENDAR_OPTION_KEYS,
  type CalendarOptions,
  type CalendarPeriod,
  requirePeriod,
} from '../../model/localCalendar';
import { scaleOfFractionDigits } from '../../model/money';
import { type TimeUnit, unitLength } from '../../model/time';
import type { TimestampInput } from '../../model/timestamp';
import { toEpochMsIn } from '../../model/timestamp';

/**
 * Options of the RFM summaries.
 *
 * @category Tables
 */
export interface RfmOptions extends CalendarOptions {
  /** Unit of `recency` and `T`. Default `'day'`. */
  readonly unit?: TimeUnit;
  /**
   * End of observation: transactions in the same merge period (calendar day by default) as this time or
   * earlier count, later ones are outside the window. Default: the last transaction.
   */
  readonly observationEnd?: TimestampInput;
  /** Purchases in the same `'day'` (default), `'week'` or `'month'` are merged into one transaction. */
  readonly mergeWithin?: 'day' | 'week' | 'month';
  /** Decimals of the currency's minor unit, default 2 (see `MoneyOptions`). */
  readonly fractionDigits?: number;
  /**
   * Count the first purchase as a transaction too (lifetimes' `include_first_transaction`), for RFM
   * segmentation: `frequency` is then the number of distinct merge periods and `monetaryValue` the mean
   * over all of them; `recency` and `T` do not change. Default `false`: `frequency` counts repeat
   * transactions, as the customer-base models (BG/NBD, Pareto/NBD, Gamma-Gamma) need.
   */
  readonly includeFirst?: boolean;
}

/** The keys of the RFM options that set the observation window and the periods, without `includeFirst`. */
export const RFM_WINDOW_OPTION_KEYS: readonly (keyof Omit<RfmOptions, 'includeFirst'> & string)[] =
  /* @__PURE__ */ optionKeys<Omit<RfmOptions, 'includeFirst'>>()(
    ['unit', 'observationEnd', 'mergeWithin', 'fractionDigits'],
    [CALENDAR_OPTION_KEYS],
  );

/** The keys of {@link RfmOptions}. */
export const RFM_OPTION_KEYS: readonly (keyof RfmOptions & string)[] =
  /* @__PURE__ */ optionKeys<RfmOptions>()(['includeFirst'], [RFM_WINDOW_OPTION_KEYS]);

/** Options resolved once per call. */
export interface ResolvedRfmOptions {
  readonly unitMs: number;
  readonly keyer: PeriodKeyer;
  readonly scale: number;
  readonly endMs: number | undefined;
  readonly mergeWithin: CalendarPeriod;
  /** Whether the first purchase counts as a transaction (`includeFirst`). */
  readonly includeFirst: boolean;
  /** The serialisable options, for accumulators. */
  readonly plain: Readonly<Record<string, unknown>>;
}

/** The calendar options (time zone, fixed offset, week start) among a record's options. */
export function calendarOptionsOf(record: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const calendar: Record<string, unknown> = {};
  for (const name of ['timeZone', 'utcOffsetMinutes', 'weekStartsOn'] as const) {
    if (record[name] !== undefined) calendar[name] = record[name];
  }
  return calendar;
}

/**
 * Reads the RFM options (and the calendar ones) from `options`, whose valid keys are `keys`: the keys of
 * the public function's options type, checked here once for the whole object.
 */
export function resolveRfmOptions(
  fn: string,
  options: unknown,
  keys: readonly string[],
  period?: unknown,
): ResolvedRfmOptions {
  const record = optionalObject(fn, 'options', options, keys);
  const { unit = 'day', observationEnd, fractionDigits = 2 } = record;
  const mergeWithin = period === undefined ? (record['mergeWithin'] ?? 'day') : requirePeriod(fn, period);
  if (period === undefined && mergeWithin !== 'day' && mergeWithin !== 'week' && mergeWithin !== 'month') {
    throw new PatronageError(
      'INVALID_PERIOD',
      `${fn}: mergeWithin must be 'day', 'week' or 'month', got ${describeValue(mergeWithin)}`,
      { argument: 'mergeWithin', value: mergeWithin },
    );
  }
  const checkedPeriod = mergeWithin as CalendarPeriod;
  const calendar = calendarOptionsOf(record);
  const endMs = observationEnd === undefined ? undefined : toEpochMsIn(fn, 'observationEnd', observationEnd);
  const includeFirst = optionalBoolean(fn, 'options.includeFirst', record['includeFirst'], false);
  const plain: Record<string, unknown> = { unit, mergeWithin: checkedPeriod, fractionDigits, ...calendar };
  if (endMs !== undefined) plain['observationEnd'] = endMs;
  // only when set, so that the states of accumulators without it are written as before
  if (includeFirst) plain['includeFirst'] = true;
  return {
    unitMs: unitLength(fn, unit),
    keyer: periodKeyer(fn, checkedPeriod, calendar),
    scale: scaleOfFractionDigits(fn, fractionDigits),
    endMs,
    mergeWithin: checkedPeriod,
    includeFirst,
    plain,
  };
}
