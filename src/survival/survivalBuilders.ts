import { resolveRfmOptions } from '../aggregate/rfm/rfmOptions';
import { prepareTransactions } from '../aggregate/shared/prepareTransactions';
import { optionalObject, optionKeys } from '../internal/validate';
import type { CalendarOptions } from '../model/calendar';
import type { PatronageEvent } from '../model/events';
import { CALENDAR_OPTION_KEYS } from '../model/localCalendar';
import { type SubscriptionSpell, subscriptionSpells } from '../model/subscriptionSpells';
import { type TimeUnit, unitLength } from '../model/time';
import type { TimestampInput } from '../model/timestamp';
import type { CustomerId, Transaction } from '../model/transaction';

/**
 * Durations ready for {@link kaplanMeier}, with the spells they came from.
 *
 * @category Survival
 */
export interface SubscriptionSurvivalData {
  /** Spell lengths in the unit. */
  readonly durations: readonly number[];
  /** Whether each spell ended in a cancellation. */
  readonly observed: readonly boolean[];
  /** The spells, in the order of `durations`. */
  readonly spells: readonly SubscriptionSpell[];
}

/**
 * Options of {@link survivalFromSubscriptions}.
 *
 * @category Survival
 */
export interface SubscriptionSurvivalOptions {
  /** End of observation; events after it are outside the window. Default: the last subscription event. */
  readonly observationEnd?: TimestampInput;
  /** Unit of the durations. Default `'day'`. */
  readonly unit?: TimeUnit;
}

const SUBSCRIPTION_SURVIVAL_OPTION_KEYS = /* @__PURE__ */ optionKeys<SubscriptionSurvivalOptions>()([
  'observationEnd',
  'unit',
]);

/**
 * Subscription lifetimes from subscription events, for {@link kaplanMeier}: each `start` opens a spell
 * (per customer and `subscriptionId`), `renew`, `upgrade` and `downgrade` keep it going, `cancel` ends it
 * (observed); a spell still active at the end of observation is censored there. Events of other types in
 * the log are not subscription events and play no part.
 *
 * @param events - parsed events (see `parseEvents`), in any order
 * @param options - `observationEnd` (default: the last subscription event) and `unit` (default `'day'`)
 * @returns durations, observed flags and the spells, ordered by start
 * @throws PatronageError `OUT_OF_ORDER` for a `start` while the subscription is active or a change or
 *   `cancel` while it is not (details name the event's index), `INVALID_ARGUMENT` for a non-list or an
 *   entry that is not a parsed event, `INVALID_TIMESTAMP`, `OUT_OF_RANGE` for options.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { kaplanMeier, parseEventsOrThrow, survivalFromSubscriptions } from 'patronage';
 *
 * const events = parseEventsOrThrow([
 *   { type: 'subscription', customerId: 'a', at: '2024-01-01', change: 'start', recurringRevenue: 10 },
 *   { type: 'subscription', customerId: 'a', at: '2024-01-31', change: 'cancel', recurringRevenue: 0 },
 *   { type: 'subscription', customerId: 'b', at: '2024-01-11', change: 'start', recurringRevenue: 10 },
 * ]);
 * const data = survivalFromSubscriptions(events, { observationEnd: '2024-03-01' });
 * data.durations; // => [30, 50]
 * data.observed; // => [true, false]
 * kaplanMeier(data).survival; // => [0.5, 0.5]
 * ```
 *
 * @category Survival
 */
export function survivalFromSubscriptions(
  events: Iterable<PatronageEvent>,
  options?: SubscriptionSurvivalOptions,
): SubscriptionSurvivalData {
  const fn = 'survivalFromSubscriptions';
  const record = optionalObject(fn, 'options', options, SUBSCRIPTION_SURVIVAL_OPTION_KEYS);
  const unitMs = unitLength(fn, record['unit'] ?? 'day');
  const spells = subscriptionSpells(fn, events, record['observationEnd']);
  return {
    durations: spells.map((spell) => (spell.end - spell.start) / unitMs),
    observed: spells.map((spell) => spell.observed),
    spells,
  };
}

/**
 * Options of {@link survivalFromPurchaseGaps}.
 *
 * @category Survival
 */
export interface PurchaseGapOptions extends CalendarOptions {
  /** End of observation; purchases after it are outside the window. Default: the last transaction. */
  readonly observationEnd?: TimestampInput;
  /** Unit of the gaps. Default `'day'`. */
  readonly unit?: TimeUnit;
}

const PURCHASE_GAP_OPTION_KEYS = /* @__PURE__ */ optionKeys<PurchaseGapOptions>()(
  ['observationEnd', 'unit'],
  [CALENDAR_OPTION_KEYS],
);

/**
 * Durations ready for {@link kaplanMeier}: gaps between purchases.
 *
 * @category Survival
 */
export interface PurchaseGapData {
  /** Gap lengths in the unit. */
  readonly durations: readonly number[];
  /** `true` for a gap that ended in a purchase, `false` for the open gap after a customer's last purchase. */
  readonly observed: readonly boolean[];
  /** The customer of each gap, as a string (`String(id)`, see {@link CustomerId}). */
  readonly customerIds: readonly string[];
}

/**
 * Time-to-next-purchase data for {@link kaplanMeier}: for every customer, the gaps between consecutive
 * purchase days (observed) and the gap from the last purchase to the end of observation (censored).
 * Same-day purchases are one purchase, as in {@link rfmSummary}. The median of the fitted curve is the
 * typical repurchase time, a basis for "lapsed after N days" rules.
 *
 * @param transactions - `{ customerId, at, amount, eventId? }` rows
 * @param options - `observationEnd`, `unit` (default `'day'`) and calendar options for day boundaries
 * @returns durations, observed flags and the customer of each gap
 * @throws PatronageError for the first invalid row (as {@link rfmSummary}) and for invalid options.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { survivalFromPurchaseGaps } from 'patronage';
 *
 * survivalFromPurchaseGaps(
 *   [
 *     { customerId: 'a', at: '2024-01-01', amount: 5 },
 *     { customerId: 'a', at: '2024-01-11', amount: 5 },
 *     { customerId: 'b', at: '2024-01-05', amount: 5 },
 *   ],
 *   { observationEnd: '2024-01-31' },
 * );
 * // => { durations: [10, 20, 26], observed: [true, false, false], customerIds: ['a', 'a', 'b'] }
 * ```
 *
 * @category Survival
 */
export function survivalFromPurchaseGaps(
  transactions: Iterable<Transaction>,
  options?: PurchaseGapOptions,
): PurchaseGapData {
  const fn = 'survivalFromPurchaseGaps';
  const resolved = resolveRfmOptions(fn, options, PURCHASE_GAP_OPTION_KEYS);
  const prepared = prepareTransactions(fn, transactions, resolved);
  const endKey = resolved.endMs === undefined ? prepared.maxKey : resolved.keyer.keyOf(resolved.endMs);
  const daysByCustomer: Set<number>[] = Array.from({ length: prepared.customerCount }, () => new Set());
  for (let row = 0; row < prepared.keys.length; row++) {
    const key = prepared.keys[row] as number;
    if (key <= endKey) daysByCustomer[prepared.customerIndex[row] as number]?.add(key);
  }
  const durations: number[] = [];
  const observed: boolean[] = [];
  const customerIds: string[] = [];
  const endStart = Number.isFinite(endKey) ? resolved.keyer.startOf(endKey) : 0;
  daysByCustomer.forEach((days, customer) => {
    const sorted = [...days].sort((a, b) => a - b);
    for (let index = 0; index < sorted.length; index++) {
      const from = resolved.keyer.startOf(sorted[index] as number);
      const next = sorted[index + 1];
      const to = next === undefined ? endStart : resolved.keyer.startOf(next);
      durations.push((to - from) / resolved.unitMs);
      observed.push(next !== undefined);
      customerIds.push(prepared.customerIds[customer] as string);
    }
  });
  return { durations, observed, customerIds };
}
