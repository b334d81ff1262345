// Subscription events become spells: each `start` opens one (per customer and subscriptionId), a `cancel`
// closes it, and a spell still open at the end of observation is censored there. Both the survival data
// (`survivalFromSubscriptions`) and the subscription retention series read the spells from here.

import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { requireList } from '../internal/validate';
import type { SubscriptionEvent } from './events';
import { toEpochMsIn } from './timestamp';

/**
 * One subscription spell: from a `start` to a `cancel`, or censored at the end of observation.
 *
 * @category Survival
 */
export interface SubscriptionSpell {
  /** The subscriber. */
  readonly customerId: string;
  /** The subscription id, when the events carry one. */
  readonly subscriptionId: string | undefined;
  /** Start, epoch ms. */
  readonly start: number;
  /** Cancellation, or the end of observation for a spell still active, epoch ms. */
  readonly end: number;
  /** Whether the spell ended in a cancellation (`false`: still active, censored). */
  readonly observed: boolean;
}

const CHANGES: readonly string[] = ['start', 'renew', 'upgrade', 'downgrade', 'cancel'];

/** The subscription events of a log with their positions and times; INVALID_ARGUMENT for a non-event. */
function subscriptionEventsOf(
  fn: string,
  events: unknown,
): { event: SubscriptionEvent; index: number; at: number }[] {
  const list = requireList(fn, 'events', events);
  const found: { event: SubscriptionEvent; index: number; at: number }[] = [];
  list.forEach((event, index) => {
    // each field read once into a copy: a getter cannot pass a check here and then change
    const type: unknown =
      typeof event === 'object' && event !== null ? (event as { type?: unknown }).type : undefined;
    if (typeof type !== 'string') {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${fn}: events[${index}] must be a parsed event, got ${describeValue(event)}`,
        { argument: `events[${index}]`, value: event },
      );
    }
    if (type !== 'subscription') return;
    const raw = event as SubscriptionEvent;
    const customerId: unknown = raw.customerId;
    const change: unknown = raw.change;
    const subscriptionId: unknown = raw.subscriptionId;
    const customerOk = typeof customerId === 'string' && customerId.length > 0;
    const idOk = subscriptionId === undefined || typeof subscriptionId === 'string';
    if (!customerOk || !idOk || !CHANGES.includes(change as string)) {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${fn}: events[${index}] is not a valid subscription event (parse events first)`,
        { argument: `events[${index}]`, value: event },
      );
    }
    const at = toEpochMsIn(fn, `events[${index}].at`, raw.at);
    const subscription = { type, customerId, change, subscriptionId, at } as SubscriptionEvent;
    found.push({ event: subscription, index, at });
  });
  return found;
}

/**
 * The spells of the subscription events in a log, ordered by start (then customer id). `renew`, `upgrade`
 * and `downgrade` keep a spell going; events after `observationEnd` (default: the last subscription
 * event) are outside the window; events of other types play no part.
 *
 * @param fn - the public function, for error messages
 * @param events - parsed events, in any order
 * @param observationEnd - end of observation, or undefined for the last subscription event
 * @throws PatronageError `OUT_OF_ORDER` for a `start` while the subscription is active or a change or
 *   `cancel` while it is not (details name the event's index), `INVALID_ARGUMENT` for a non-list or an
 *   entry that is not a parsed event, `INVALID_TIMESTAMP`.
 */
export function subscriptionSpells(
  fn: string,
  events: unknown,
  observationEnd: unknown,
): SubscriptionSpell[] {
  const subscriptionEvents = subscriptionEventsOf(fn, events);
  const endMs =
    observationEnd === undefined
      ? subscriptionEvents.reduce((latest, { at }) => Math.max(latest, at), Number.NEGATIVE_INFINITY)
      : toEpochMsIn(fn, 'observationEnd', observationEnd);
  subscriptionEvents.sort((a, b) => a.at - b.at || a.index - b.index);
  const open = new Map<string, { customerId: string; subscriptionId: string | undefined; start: number }>();
  const spells: SubscriptionSpell[] = [];
  for (const { event, index, at } of subscriptionEvents) {
    if (at > endMs) continue; // outside the observation window
    const key = JSON.stringify([event.customerId, event.subscriptionId ?? null]);
    const active = open.get(key);
    const outOfOrder = (why: string): never => {
      throw new PatronageError(
        'OUT_OF_ORDER',
        `${fn}: events[${index}] (${event.change} of customer ${describeValue(event.customerId)}) ${why}`,
        { argument: `events[${index}]`, index, value: event.change },
      );
    };
    if (event.change === 'start') {
      if (active !== undefined) outOfOrder('starts a subscription that is already active');
      open.set(key, { customerId: event.customerId, subscriptionId: event.subscriptionId, start: at });
    } else if (active === undefined) {
      outOfOrder('changes a subscription that is not active');
    } else if (event.change === 'cancel') {
      spells.push({ ...active, end: at, observed: true });
      open.delete(key);
    }
  }
  for (const active of open.values()) spells.push({ ...active, end: endMs, observed: false });
  return spells.sort(
    (a, b) => a.start - b.start || (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0),
  );
}
