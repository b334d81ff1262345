import { PatronageError } from '../errors/PatronageError';
import { DEFAULT_LOYALTY_THRESHOLD } from '../formulas/meetsLoyaltyThreshold';
import { describeValue } from '../internal/describe';
import { optionalObject, optionKeys, requirePositiveCount } from '../internal/validate';
import type { PatronageEvent } from '../model/events';
import { DAY_MS } from '../model/time';
import type { TimestampInput } from '../model/timestamp';
import { toEpochMsIn } from '../model/timestamp';
import { readEventLog } from './eventLog';

/**
 * Options of {@link loyalCustomers}.
 *
 * @category Loyalty
 */
export interface LoyalCustomerOptions {
  /** Purchases (on distinct UTC days) needed. Default 5, the brief's threshold. */
  readonly minimumPurchases?: number;
  /** Also require having referred at least one customer (the brief: a loyal customer persuades others). Default false. */
  readonly requireReferral?: boolean;
  /** Count events up to this moment. Default: all. */
  readonly asOf?: TimestampInput;
}

const LOYAL_CUSTOMER_OPTION_KEYS = /* @__PURE__ */ optionKeys<LoyalCustomerOptions>()([
  'minimumPurchases',
  'requireReferral',
  'asOf',
]);

/**
 * The customers who count as loyal (docs/formulas.md §1.4): at least `minimumPurchases` purchases on distinct
 * days (5 by default; 37% of consumers say it takes five or more purchases), and, with
 * `requireReferral`, at least one referral made.
 *
 * @param events - parsed events (see `parseEvents`)
 * @param options - `minimumPurchases`, `requireReferral`, `asOf`
 * @returns the loyal customers' ids, sorted
 * @throws PatronageError `INVALID_ARGUMENT` (an entry that is not a parsed event, a non-boolean
 *   `requireReferral`), `OUT_OF_RANGE`/`NOT_AN_INTEGER` for `minimumPurchases`, `INVALID_TIMESTAMP`.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { loyalCustomers, parseEventsOrThrow } from 'patronage';
 *
 * const events = parseEventsOrThrow([
 *   ...['01', '02', '03'].map((month) => ({ type: 'purchase', customerId: 'a', at: `2024-${month}-01`, amount: 9 })),
 *   { type: 'purchase', customerId: 'b', at: '2024-01-01', amount: 9 },
 *   { type: 'referral', customerId: 'a', referredCustomerId: 'b', at: '2024-01-02' },
 * ]);
 * loyalCustomers(events, { minimumPurchases: 3 }); // => ['a']
 * loyalCustomers(events, { minimumPurchases: 1, requireReferral: true }); // => ['a']
 * ```
 *
 * @category Loyalty
 */
export function loyalCustomers(events: Iterable<PatronageEvent>, options?: LoyalCustomerOptions): string[] {
  const fn = 'loyalCustomers';
  const record = optionalObject(fn, 'options', options, LOYAL_CUSTOMER_OPTION_KEYS);
  const minimum = requirePositiveCount(
    fn,
    'minimumPurchases',
    record['minimumPurchases'] ?? DEFAULT_LOYALTY_THRESHOLD,
  );
  const requireReferral = record['requireReferral'] ?? false;
  if (typeof requireReferral !== 'boolean') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: requireReferral must be a boolean, got ${describeValue(requireReferral)}`,
      {
        argument: 'requireReferral',
        value: requireReferral,
      },
    );
  }
  const asOf =
    record['asOf'] === undefined ? Number.POSITIVE_INFINITY : toEpochMsIn(fn, 'asOf', record['asOf']);
  const days = new Map<string, Set<number>>();
  const referrers = new Set<string>();
  for (const event of readEventLog(fn, events)) {
    if (event.at > asOf) break;
    if (event.type === 'purchase') {
      const set = days.get(event.customerId) ?? new Set<number>();
      set.add(Math.floor(event.at / DAY_MS));
      days.set(event.customerId, set);
    } else if (event.type === 'referral') {
      referrers.add(event.customerId);
    }
  }
  return [...days]
    .filter(([id, set]) => set.size >= minimum && (!requireReferral || referrers.has(id)))
    .map(([id]) => id)
    .sort();
}
