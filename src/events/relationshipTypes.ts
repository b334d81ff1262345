import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import {
  optionalObject,
  optionKeys,
  requireCount,
  requireList,
  requirePositiveCount,
} from '../internal/validate';
import type { Customer, PatronageEvent } from '../model/events';
import { DAY_MS } from '../model/time';
import type { TimestampInput } from '../model/timestamp';
import { toEpochMsIn } from '../model/timestamp';
import { readEventLog } from './eventLog';

/**
 * The seven types of customer relationship of the source articles (docs/formulas.md §1.5).
 *
 * @category Relationship
 */
export type RelationshipType =
  | 'new'
  | 'current'
  | 'loyal'
  | 'prospective'
  | 'strategic'
  | 'exchange'
  | 'project';

/**
 * The rules of {@link relationshipTypes}; every one has a documented default.
 *
 * @category Relationship
 */
export interface RelationshipRules {
  /** Classify as of this moment (later events are ignored). Default: the last event. */
  readonly asOf?: TimestampInput;
  /** current: purchased within this many days, or has an active subscription. Default 90. */
  readonly currentWithinDays?: number;
  /** loyal: at least this many purchases on distinct days. Default 5. */
  readonly loyalPurchases?: number;
  /** loyal: first to last purchase spans at least this many days ("over a long time"). Default 180. */
  readonly loyalSpanDays?: number;
  /** loyal: must have referred someone ("refers others"). Default true. */
  readonly loyalRequiresReferral?: boolean;
  /** strategic: customers whose `attributes.accountType` is one of these. Default key account, partner, strategic. */
  readonly strategicAccountTypes?: readonly string[];
  /** project: customers whose `attributes.accountType` is one of these. Default project. */
  readonly projectAccountTypes?: readonly string[];
}

const RELATIONSHIP_RULE_KEYS = /* @__PURE__ */ optionKeys<RelationshipRules>()([
  'asOf',
  'currentWithinDays',
  'loyalPurchases',
  'loyalSpanDays',
  'loyalRequiresReferral',
  'strategicAccountTypes',
  'projectAccountTypes',
]);

/**
 * One customer's relationship types.
 *
 * @category Relationship
 */
export interface CustomerRelationship {
  /** The customer. */
  readonly customerId: string;
  /** The types the customer holds, in the order new, current, loyal, prospective, strategic, exchange, project. */
  readonly types: readonly RelationshipType[];
}

const ORDER: readonly RelationshipType[] = [
  'new',
  'current',
  'loyal',
  'prospective',
  'strategic',
  'exchange',
  'project',
];

function stringList(fn: string, name: string, value: unknown, fallback: readonly string[]): Set<string> {
  if (value === undefined) return new Set(fallback);
  const list = Array.isArray(value) ? requireList(fn, name, value) : null;
  if (list === null || !list.every((entry) => typeof entry === 'string')) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: ${name} must be an array of strings, got ${describeValue(value)}`,
      { argument: name, value },
    );
  }
  return new Set(list as string[]);
}

/**
 * Classifies customers into the seven relationship types of docs/formulas.md §1.5 with explicit rules (a
 * customer may hold several; none is a hidden heuristic):
 *
 * - **new**: known (in `customers` or with any event) but no purchase yet: interested, exploring.
 * - **current**: a purchase within `currentWithinDays` (90) of `asOf`, or an active subscription.
 * - **loyal**: at least `loyalPurchases` (5) purchases on distinct days spanning at least `loyalSpanDays`
 *   (180) days, and, unless `loyalRequiresReferral` is false, at least one referral made.
 * - **prospective**: bought before but is not current: may come back to buy.
 * - **strategic**: `attributes.accountType` in `strategicAccountTypes` (key account, partner, strategic).
 * - **exchange**: at least one purchase: a relationship formed through buying and selling.
 * - **project**: `attributes.accountType` in `projectAccountTypes` (project).
 *
 * @param events - parsed events (see `parseEvents`)
 * @param customers - parsed customers for the attribute-based types and for customers without events; may be empty
 * @param rules - the thresholds above
 * @returns one entry per customer, sorted by id
 * @throws PatronageError `INVALID_ARGUMENT` (an entry that is not a parsed event or customer, a rule of
 *   the wrong type), `OUT_OF_RANGE`/`NOT_AN_INTEGER` for numeric rules, `INVALID_TIMESTAMP`.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { parseCustomersOrThrow, parseEventsOrThrow, relationshipTypes } from 'patronage';
 *
 * const events = parseEventsOrThrow([
 *   { type: 'purchase', customerId: 'a', at: '2024-01-10', amount: 30 },
 *   { type: 'purchase', customerId: 'b', at: '2024-06-01', amount: 30 },
 *   { type: 'survey', customerId: 'c', at: '2024-06-02', metric: 'nps', score: 8 },
 * ]);
 * const customers = parseCustomersOrThrow([{ id: 'b', attributes: { accountType: 'key account' } }]);
 * relationshipTypes(events, customers);
 * // => [
 * //   { customerId: 'a', types: ['prospective', 'exchange'] },
 * //   { customerId: 'b', types: ['current', 'strategic', 'exchange'] },
 * //   { customerId: 'c', types: ['new'] },
 * // ]
 * ```
 *
 * @category Relationship
 */
export function relationshipTypes(
  events: Iterable<PatronageEvent>,
  customers: Iterable<Customer> = [],
  rules?: RelationshipRules,
): CustomerRelationship[] {
  const fn = 'relationshipTypes';
  const record = optionalObject(fn, 'rules', rules, RELATIONSHIP_RULE_KEYS);
  const log = readEventLog(fn, events);
  const currentWithin = requireCount(fn, 'currentWithinDays', record['currentWithinDays'] ?? 90) * DAY_MS;
  const loyalPurchases = requirePositiveCount(fn, 'loyalPurchases', record['loyalPurchases'] ?? 5);
  const loyalSpan = requireCount(fn, 'loyalSpanDays', record['loyalSpanDays'] ?? 180) * DAY_MS;
  const loyalRequiresReferral = record['loyalRequiresReferral'] ?? true;
  if (typeof loyalRequiresReferral !== 'boolean') {
    throw new PatronageError('INVALID_ARGUMENT', `${fn}: loyalRequiresReferral must be a boolean`, {
      argument: 'loyalRequiresReferral',
      value: loyalRequiresReferral,
    });
  }
  const strategicTypes = stringList(fn, 'strategicAccountTypes', record['strategicAccountTypes'], [
    'key account',
    'partner',
    'strategic',
  ]);
  const projectTypes = stringList(fn, 'projectAccountTypes', record['projectAccountTypes'], ['project']);
  const asOf = record['asOf'] === undefined ? (log.at(-1)?.at ?? 0) : toEpochMsIn(fn, 'asOf', record['asOf']);
  const accountType = new Map<string, string | undefined>();
  const known = new Set<string>();
  let position = 0;
  for (const customer of requireList(fn, 'customers', customers) as readonly Customer[]) {
    // id and accountType read once each (a getter cannot pass the check and then change)
    const id: unknown = typeof customer === 'object' && customer !== null ? customer.id : undefined;
    if (typeof id !== 'string' || id.length === 0) {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${fn}: customers[${position}] is not a parsed customer (use parseCustomers first)`,
        {
          argument: `customers[${position}]`,
          value: customer,
        },
      );
    }
    const type: unknown = (customer.attributes as Record<string, unknown> | undefined)?.['accountType'];
    known.add(id);
    accountType.set(id, typeof type === 'string' ? type : undefined);
    position++;
  }
  const purchaseDays = new Map<string, Set<number>>();
  const referrers = new Set<string>();
  const activeSubscriptions = new Map<string, number>();
  for (const event of log) {
    if (event.at > asOf) break;
    known.add(event.customerId);
    if (event.type === 'purchase') {
      const days = purchaseDays.get(event.customerId) ?? new Set<number>();
      days.add(Math.floor(event.at / DAY_MS));
      purchaseDays.set(event.customerId, days);
    } else if (event.type === 'referral') {
      referrers.add(event.customerId);
    } else if (event.type === 'subscription') {
      const key = event.customerId;
      const open = activeSubscriptions.get(key) ?? 0;
      if (event.change === 'start') activeSubscriptions.set(key, open + 1);
      else if (event.change === 'cancel') activeSubscriptions.set(key, Math.max(0, open - 1));
    }
  }
  return [...known].sort().map((customerId) => {
    const types = new Set<RelationshipType>();
    const days = [...(purchaseDays.get(customerId) ?? [])].sort((a, b) => a - b);
    const kind = accountType.get(customerId);
    if (days.length === 0) types.add('new');
    const lastPurchase = days.length === 0 ? Number.NEGATIVE_INFINITY : (days.at(-1) as number) * DAY_MS;
    const current =
      asOf - lastPurchase < currentWithin + DAY_MS || (activeSubscriptions.get(customerId) ?? 0) > 0;
    if (current) types.add('current');
    if (
      days.length >= loyalPurchases &&
      ((days.at(-1) as number) - (days[0] as number)) * DAY_MS >= loyalSpan &&
      (!loyalRequiresReferral || referrers.has(customerId))
    ) {
      types.add('loyal');
    }
    if (days.length > 0 && !current) types.add('prospective');
    if (kind !== undefined && strategicTypes.has(kind)) types.add('strategic');
    if (days.length > 0) types.add('exchange');
    if (kind !== undefined && projectTypes.has(kind)) types.add('project');
    return { customerId, types: ORDER.filter((type) => types.has(type)) };
  });
}
