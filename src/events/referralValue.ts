import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { optionalObject, optionKeys, requirePositiveCount } from '../internal/validate';
import type { PatronageEvent, ReferralEvent } from '../model/events';
import type { TimestampInput } from '../model/timestamp';
import { toEpochMsIn } from '../model/timestamp';
import { readEventLog } from './eventLog';

/**
 * Options of {@link referralValue}.
 *
 * @category Events and customers
 */
export interface ReferralValueOptions {
  /**
   * Generations of referrals credited: 1 (the default) credits a referrer with the customers they brought;
   * 2 also with the customers those brought, and so on. Each customer is credited once per referrer.
   */
  readonly depth?: number;
  /** Use events up to this moment. Default: all. */
  readonly asOf?: TimestampInput;
}

/**
 * One referrer's referred customers and their value.
 *
 * @category Events and customers
 */
export interface ReferrerValue {
  /** The referrer. */
  readonly customerId: string;
  /** The customers they brought directly (attributed to them), in referral order. */
  readonly referred: string[];
  /** Sum of the values of `referred` that have a value. */
  readonly value: number;
  /** Sum of the values of the customers brought by generations 2 … `depth` (0 at depth 1). */
  readonly indirectValue: number;
  /** Customers credited to them (any generation) that have no entry in `values`. */
  readonly unvalued: number;
}

/**
 * A referral not credited, with why.
 *
 * @category Events and customers
 */
export interface UncreditedReferral {
  /** The referral event. */
  readonly referral: ReferralEvent;
  /**
   * `'self'` (a customer referring themselves), `'already-referred'` (the customer was attributed to an earlier
   * referral: `attributedTo` names whom), `'existing-customer'` (the customer bought before the referral).
   */
  readonly reason: 'self' | 'already-referred' | 'existing-customer';
  /** For `'already-referred'`: the referrer credited. */
  readonly attributedTo?: string;
}

/**
 * What {@link referralValue} returns.
 *
 * @category Events and customers
 */
export interface ReferralValueResult {
  /** Every referrer with a credited referral, highest `value + indirectValue` first (then id). */
  readonly referrers: ReferrerValue[];
  /** Sum of the direct values of every credited referral (each referred customer counted once). */
  readonly total: number;
  /** Referred customers without an entry in `values`, sorted. */
  readonly unvalued: string[];
  /** Referrals not credited, in time order. */
  readonly uncredited: UncreditedReferral[];
}

const REFERRAL_VALUE_OPTION_KEYS = /* @__PURE__ */ optionKeys<ReferralValueOptions>()(['depth', 'asOf']);

function valueTable(fn: string, values: unknown): Map<string, number> {
  const entries: [string, unknown][] =
    values instanceof Map
      ? [...values]
      : values !== null && typeof values === 'object' && !Array.isArray(values)
        ? Object.entries(values)
        : (() => {
            throw new PatronageError(
              'INVALID_ARGUMENT',
              `${fn}: values must be a Map or a record of customer id → value, got ${describeValue(values)}`,
              { argument: 'values', value: values },
            );
          })();
  const table = new Map<string, number>();
  for (const [id, value] of entries) {
    if (typeof id !== 'string' || id.length === 0) {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${fn}: values has a key that is not a customer id: ${describeValue(id)}`,
        { argument: 'values', value: id },
      );
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new PatronageError(
        typeof value === 'number' ? 'NOT_FINITE' : 'INVALID_ARGUMENT',
        `${fn}: values[${JSON.stringify(id)}] must be a finite number, got ${describeValue(value)}`,
        { argument: `values[${JSON.stringify(id)}]`, value },
      );
    }
    table.set(id, value);
  }
  return table;
}

/**
 * The value of the customers each customer brought: from referral events, each referred customer is credited
 * to the first referral that names them (later ones are returned as `uncredited`, as are self-referrals and
 * referrals of customers who had already bought), and valued with `values` — typically each customer's CLV
 * (from {@link customerLifetimeValue} or {@link scoreCustomers}), so that a referrer's worth is their own CLV
 * plus this. With `depth` above 1, the customers their referred customers brought count too (`indirectValue`).
 * Referred customers without a value are counted in `unvalued`, never valued as 0 silently.
 *
 * @param events - parsed events (see `parseEvents`); referrals and purchases are used
 * @param values - customer id → value (a `Map` or a record), finite numbers
 * @param options - `depth` (default 1), `asOf`
 * @returns the referrers with their referred customers' value, the total, and what was not credited
 * @throws PatronageError `INVALID_ARGUMENT` (an entry that is not a parsed event, `values` not a map of
 *   finite numbers), `NOT_FINITE`, `OUT_OF_RANGE`/`NOT_AN_INTEGER` for `depth`, `INVALID_TIMESTAMP`.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { parseEventsOrThrow, referralValue } from 'patronage';
 *
 * const events = parseEventsOrThrow([
 *   { type: 'referral', customerId: 'ann', referredCustomerId: 'bob', at: '2024-01-01' },
 *   { type: 'referral', customerId: 'bob', referredCustomerId: 'cy', at: '2024-02-01' },
 *   { type: 'referral', customerId: 'dee', referredCustomerId: 'bob', at: '2024-03-01' },
 * ]);
 * const clv = { ann: 120, bob: 80, cy: 40 };
 * const result = referralValue(events, clv, { depth: 2 });
 * result.referrers.map((r) => [r.customerId, r.value, r.indirectValue]); // => [['ann', 80, 40], ['bob', 40, 0]]
 * result.uncredited[0]?.reason; // => 'already-referred'
 * ```
 *
 * @category Events and customers
 */
export function referralValue(
  events: Iterable<PatronageEvent>,
  values: ReadonlyMap<string, number> | Readonly<Record<string, number>>,
  options?: ReferralValueOptions,
): ReferralValueResult {
  const fn = 'referralValue';
  const record = optionalObject(fn, 'options', options, REFERRAL_VALUE_OPTION_KEYS);
  const depth = requirePositiveCount(fn, 'depth', record['depth'] ?? 1);
  const asOf =
    record['asOf'] === undefined ? Number.POSITIVE_INFINITY : toEpochMsIn(fn, 'asOf', record['asOf']);
  const table = valueTable(fn, values);

  const buyers = new Set<string>();
  const referrerOf = new Map<string, string>();
  const brought = new Map<string, string[]>();
  const uncredited: UncreditedReferral[] = [];
  for (const event of readEventLog(fn, events)) {
    if (event.at > asOf) break;
    if (event.type === 'purchase') {
      buyers.add(event.customerId);
      continue;
    }
    if (event.type !== 'referral') continue;
    const referred = event.referredCustomerId;
    const earlier = referrerOf.get(referred);
    if (referred === event.customerId) uncredited.push({ referral: event, reason: 'self' });
    else if (earlier !== undefined) {
      uncredited.push({ referral: event, reason: 'already-referred', attributedTo: earlier });
    } else if (buyers.has(referred)) uncredited.push({ referral: event, reason: 'existing-customer' });
    else {
      referrerOf.set(referred, event.customerId);
      const list = brought.get(event.customerId);
      if (list === undefined) brought.set(event.customerId, [referred]);
      else list.push(referred);
    }
  }

  const unvalued = new Set<string>();
  let total = 0;
  const referrers: ReferrerValue[] = [];
  for (const [customerId, referred] of brought) {
    let value = 0;
    let indirectValue = 0;
    let missing = 0;
    // breadth-first over the generations; `seen` keeps a cycle (a → b → a) from crediting anyone twice
    const seen = new Set<string>([customerId]);
    let generation = referred.filter((id) => !seen.has(id));
    for (let level = 1; level <= depth && generation.length > 0; level++) {
      const next: string[] = [];
      for (const id of generation) {
        seen.add(id);
        const worth = table.get(id);
        if (worth === undefined) {
          missing++;
          unvalued.add(id);
        } else if (level === 1) value += worth;
        else indirectValue += worth;
        for (const child of brought.get(id) ?? []) if (!seen.has(child)) next.push(child);
      }
      generation = next;
    }
    total += value;
    if (!Number.isFinite(total + indirectValue)) {
      throw new PatronageError(
        'OUT_OF_RANGE',
        `${fn}: the referred customers' values sum beyond the range of a double (at referrer ${customerId})`,
        { argument: 'values', value: customerId },
      );
    }
    referrers.push({ customerId, referred: [...referred], value, indirectValue, unvalued: missing });
  }
  referrers.sort(
    (a, b) =>
      b.value + b.indirectValue - (a.value + a.indirectValue) || (a.customerId < b.customerId ? -1 : 1),
  );
  return { referrers, total, unvalued: [...unvalued].sort(), uncredited };
}
