import {
  type ReturnOnRelationshipResult,
  returnOnRelationshipFromIds,
} from '../formulas/returnOnRelationshipFromIds';
import { optionalObject, optionKeys, requireCount, requirePositiveCount } from '../internal/validate';
import { addPeriods } from '../model/calendar';
import type { PatronageEvent } from '../model/events';
import { DAY_MS } from '../model/time';
import type { TimestampInput } from '../model/timestamp';
import { toEpochMsIn } from '../model/timestamp';
import { readEventLog } from './eventLog';

/**
 * Options of {@link returnOnRelationshipFromEvents}.
 *
 * @category Relationship
 */
export interface RelationshipWindowOptions {
  /** The moment the window ends. Default: the last event. */
  readonly asOf?: TimestampInput;
  /** Length of the helped window in calendar months, ending at `asOf`. Default 12. */
  readonly windowMonths?: number;
  /** Purchases (distinct UTC days) up to `asOf` that make a repeat customer. Default 2. */
  readonly repeatPurchases?: number;
}

const RELATIONSHIP_WINDOW_OPTION_KEYS = /* @__PURE__ */ optionKeys<RelationshipWindowOptions>()([
  'asOf',
  'windowMonths',
  'repeatPurchases',
]);

/**
 * Return on Relationship from the event log (docs/formulas.md §1.2, corrected form): `helped` are the customers
 * with a purchase or a support interaction in the `windowMonths` calendar months up to `asOf` (12 by
 * default); `referred` those named as `referredCustomerId` by a referral up to `asOf`; `repeat` those with
 * at least `repeatPurchases` purchases on distinct days up to `asOf` (2 by default). ROR is the share of
 * the helped who are referred or repeat.
 *
 * @param events - parsed events (see `parseEvents`), in any order
 * @param options - `asOf`, `windowMonths`, `repeatPurchases`
 * @returns the ratio and the counts behind it
 * @throws PatronageError `NO_HELPED_CUSTOMERS` when nobody was helped in the window,
 *   `INVALID_ARGUMENT` for an entry that is not a parsed event, `INVALID_TIMESTAMP`, and the number codes
 *   for invalid options.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { parseEventsOrThrow, returnOnRelationshipFromEvents } from 'patronage';
 *
 * const events = parseEventsOrThrow([
 *   { type: 'purchase', customerId: 'a', at: '2024-02-01', amount: 10 },
 *   { type: 'purchase', customerId: 'a', at: '2024-05-01', amount: 10 },
 *   { type: 'support', customerId: 'b', at: '2024-06-01' },
 *   { type: 'referral', customerId: 'a', referredCustomerId: 'c', at: '2024-06-10' },
 *   { type: 'purchase', customerId: 'c', at: '2024-06-11', amount: 30 },
 *   { type: 'purchase', customerId: 'd', at: '2022-01-01', amount: 5 },
 * ]);
 * returnOnRelationshipFromEvents(events, { asOf: '2024-12-31' }); // => { ror: 0.6666666666666666, helped: 3, referredOrRepeat: 2 }
 * ```
 *
 * @category Relationship
 */
export function returnOnRelationshipFromEvents(
  events: Iterable<PatronageEvent>,
  options?: RelationshipWindowOptions,
): ReturnOnRelationshipResult {
  const fn = 'returnOnRelationshipFromEvents';
  const record = optionalObject(fn, 'options', options, RELATIONSHIP_WINDOW_OPTION_KEYS);
  const log = readEventLog(fn, events);
  const months = requirePositiveCount(fn, 'windowMonths', record['windowMonths'] ?? 12);
  const repeatPurchases = requireCount(fn, 'repeatPurchases', record['repeatPurchases'] ?? 2);
  const asOf = record['asOf'] === undefined ? (log.at(-1)?.at ?? 0) : toEpochMsIn(fn, 'asOf', record['asOf']);
  // the window: from the same instant `months` calendar months earlier, exclusive, to asOf inclusive
  const from = asOf - (addPeriods(asOf, 'month', 0) - addPeriods(asOf, 'month', -months));
  const helped = new Set<string>();
  const referred = new Set<string>();
  const purchaseDays = new Map<string, Set<number>>();
  for (const event of log) {
    if (event.at > asOf) break;
    if ((event.type === 'purchase' || event.type === 'support') && event.at > from)
      helped.add(event.customerId);
    if (event.type === 'referral') referred.add(event.referredCustomerId);
    if (event.type === 'purchase') {
      const days = purchaseDays.get(event.customerId) ?? new Set<number>();
      days.add(Math.floor(event.at / DAY_MS));
      purchaseDays.set(event.customerId, days);
    }
  }
  const repeat = [...purchaseDays].filter(([, days]) => days.size >= repeatPurchases).map(([id]) => id);
  return returnOnRelationshipFromIds({ helped, referred, repeat });
}
