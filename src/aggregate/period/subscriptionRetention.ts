import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { optionalObject, optionKeys } from '../../internal/validate';
import { periodKeyer, shiftPeriodKey } from '../../model/calendarKeys';
import type { PatronageEvent } from '../../model/events';
import {
  CALENDAR_OPTION_KEYS,
  type CalendarOptions,
  type CalendarPeriod,
  requirePeriod,
} from '../../model/localCalendar';
import { subscriptionSpells } from '../../model/subscriptionSpells';
import type { TimestampInput } from '../../model/timestamp';
import { calendarOptionsOf } from '../rfm/rfmOptions';
import { MAX_SERIES_PERIODS, type PeriodRetentionRow, PeriodTally } from './periodCore';
import { requireSegmentOf } from './periodRetention';

/**
 * Options of {@link subscriptionRetention}.
 *
 * @category Tables
 */
export interface SubscriptionRetentionOptions extends CalendarOptions {
  /** Length of each period. Default `'month'`. */
  readonly period?: CalendarPeriod;
  /** End of observation. Default: the last subscription event. */
  readonly observationEnd?: TimestampInput;
  /** Breaks the series down by the segment of each customer. */
  readonly segmentOf?: (customerId: string) => string | null | undefined;
}

const SUBSCRIPTION_RETENTION_OPTION_KEYS = /* @__PURE__ */ optionKeys<SubscriptionRetentionOptions>()(
  ['period', 'observationEnd', 'segmentOf'],
  [CALENDAR_OPTION_KEYS],
);

/**
 * Retention series with subscription-based activity: a customer is active at a moment when one of their
 * subscriptions has started and not been cancelled. For each period, S counts the customers active at
 * its first instant, E those active at its last, N those active at the end but not at the start
 * (acquired: whose first subscription started in the period; reactivated: the others). Same row shape
 * as {@link periodRetention}, with revenue fields 0.
 *
 * @param events - parsed events; subscription events are used, others play no part
 * @param options - `period` (default `'month'`), `observationEnd`, `segmentOf`, calendar options
 * @returns one row per segment and period, oldest first; `[]` without subscription events
 * @throws PatronageError `OUT_OF_ORDER` for inconsistent changes (as {@link survivalFromSubscriptions}),
 *   `INVALID_TIMESTAMP`, `INVALID_PERIOD`, `INVALID_TIME_ZONE`, `INVALID_ARGUMENT` (a bad `segmentOf`).
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { parseEventsOrThrow, subscriptionRetention } from 'patronage';
 *
 * const events = parseEventsOrThrow([
 *   { type: 'subscription', customerId: 'a', at: '2024-01-05', change: 'start', recurringRevenue: 9 },
 *   { type: 'subscription', customerId: 'b', at: '2024-01-20', change: 'start', recurringRevenue: 9 },
 *   { type: 'subscription', customerId: 'b', at: '2024-02-10', change: 'cancel', recurringRevenue: 0 },
 * ]);
 * subscriptionRetention(events, { observationEnd: '2024-02-29' }).map((row) => [row.period, row.customersAtStart, row.customersAtEnd, row.retention]);
 * // => [['2024-01', 0, 2, null], ['2024-02', 2, 1, 0.5]]
 * ```
 *
 * @category Tables
 */
export function subscriptionRetention(
  events: Iterable<PatronageEvent>,
  options?: SubscriptionRetentionOptions,
): PeriodRetentionRow[] {
  const fn = 'subscriptionRetention';
  const record = optionalObject(fn, 'options', options, SUBSCRIPTION_RETENTION_OPTION_KEYS);
  const { period = 'month', observationEnd, segmentOf, weekStartsOn } = record;
  const unit = requirePeriod(fn, period);
  const checkedSegmentOf = requireSegmentOf(fn, segmentOf);
  const calendar = calendarOptionsOf(record);
  const keyer = periodKeyer(fn, unit, calendar);
  const spells = subscriptionSpells(fn, events, observationEnd);
  if (spells.length === 0) return [];
  const endMs = spells.reduce((latest, spell) => Math.max(latest, spell.end), Number.NEGATIVE_INFINITY);
  const firstStart = spells.reduce(
    (earliest, spell) => Math.min(earliest, spell.start),
    Number.POSITIVE_INFINITY,
  );
  const starts: number[] = [];
  for (let key = keyer.keyOf(firstStart); key <= keyer.keyOf(endMs); key = shiftPeriodKey(key, unit, 1)) {
    if (starts.length === MAX_SERIES_PERIODS) {
      throw new PatronageError(
        'OUT_OF_RANGE',
        `${fn}: the series would span more than ${MAX_SERIES_PERIODS} ${unit} periods; use a longer period`,
        {
          argument: 'period',
          value: unit,
        },
      );
    }
    starts.push(key);
  }
  const tally = new PeriodTally(starts);
  const byCustomer = new Map<string, typeof spells>();
  for (const spell of spells)
    byCustomer.set(spell.customerId, [...(byCustomer.get(spell.customerId) ?? []), spell]);
  const activeAt = (list: typeof spells, instant: number): boolean =>
    list.some(
      (spell) => spell.start <= instant && (instant < spell.end || (!spell.observed && instant <= spell.end)),
    );
  for (const [customerId, list] of byCustomer) {
    const answer = checkedSegmentOf === undefined ? null : checkedSegmentOf(customerId);
    if (answer !== undefined && answer !== null && typeof answer !== 'string') {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${fn}: segmentOf(${describeValue(customerId)}) must return a string, null or undefined`,
        {
          argument: 'segmentOf',
          value: answer,
        },
      );
    }
    const cells = tally.cells((answer as string | null | undefined) ?? null);
    let firstSpell = Number.POSITIVE_INFINITY;
    for (const spell of list) firstSpell = Math.min(firstSpell, spell.start);
    starts.forEach((key, p) => {
      const start = keyer.startOf(key);
      const last = Math.min(keyer.startOf(shiftPeriodKey(key, unit, 1)) - 1, endMs);
      const atStart = activeAt(list, start);
      const atEnd = activeAt(list, last);
      const base = p * PeriodTally.FIELDS;
      if (atStart) cells[base] = (cells[base] as number) + 1;
      if (atEnd) cells[base + 1] = (cells[base + 1] as number) + 1;
      if (atEnd && !atStart) {
        const slot = firstSpell >= start && firstSpell <= last ? base + 2 : base + 3;
        cells[slot] = (cells[slot] as number) + 1;
      }
      if (atStart && atEnd) cells[base + 4] = (cells[base + 4] as number) + 1;
    });
  }
  return tally.rows(unit, (weekStartsOn as number | undefined) ?? 1, keyer, 1);
}
