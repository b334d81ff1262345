import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { optionalObject, optionKeys, requireBetween, requirePositiveCount } from '../internal/validate';
import type { PatronageEvent, PurchaseEvent, RefundEvent } from '../model/events';
import { exactMinorUnits, scaleOfFractionDigits } from '../model/money';
import type { TimestampInput } from '../model/timestamp';
import { toEpochMsIn } from '../model/timestamp';
import { readEventLog } from './eventLog';

/**
 * How {@link netRefunds} finds a refund's purchase and flags serial returners.
 *
 * @category Events and customers
 */
export interface NetRefundOptions {
  /** Digits of the currency's minor unit (2, the default; 0 for JPY). Amounts are netted in minor units. */
  readonly fractionDigits?: number;
  /**
   * A refund without an `orderId`: `'reject'` (the default) reports it as `UNMATCHED_REFUND` and nets nothing;
   * `'latest-purchase'` nets it against the customer's latest purchase at or before the refund that still
   * has that much left. A refund naming an `orderId` always goes to that order.
   */
  readonly unmatched?: 'reject' | 'latest-purchase';
  /**
   * A purchase refunded in full: `'drop'` (the default) leaves it out of `transactions` (it is listed in
   * `fullyRefunded`), so it counts neither as a purchase nor as spend; `'keep'` keeps it with amount 0 (the
   * visit happened: frequency models see it, spend models see 0).
   */
  readonly fullRefunds?: 'drop' | 'keep';
  /** Refunds a customer needs to be flagged a serial returner. Default 3. */
  readonly serialMinimumRefunds?: number;
  /** Share of gross spend refunded needed to be flagged a serial returner, in [0, 1]. Default 0.3. */
  readonly serialMinimumShare?: number;
  /** Use events up to this moment. Default: all. */
  readonly asOf?: TimestampInput;
}

/**
 * A net purchase, ready for {@link rfmSummary} and the spend model.
 *
 * @category Events and customers
 */
export interface NetTransaction {
  /** The buying customer. */
  readonly customerId: string;
  /** The purchase's time, epoch ms. */
  readonly at: number;
  /** The purchase amount less what was refunded of it, major units, at least 0. */
  readonly amount: number;
  /** The purchase's `eventId`, when it has one. */
  readonly eventId?: string;
  /** The purchase's `orderId`, when it has one. */
  readonly orderId?: string;
}

/**
 * A refund that could not be netted, with why.
 *
 * @category Events and customers
 */
export interface RejectedRefund {
  /** The refund event. */
  readonly refund: RefundEvent;
  /** `UNMATCHED_REFUND` (no order found) or `REFUND_EXCEEDS_ORDER` (more than is left of the order). */
  readonly code: 'UNMATCHED_REFUND' | 'REFUND_EXCEEDS_ORDER';
  /** What is wrong, naming the customer, the time and the order. */
  readonly message: string;
}

/**
 * One customer's purchases and refunds.
 *
 * @category Events and customers
 */
export interface ReturnerRow {
  /** The customer. */
  readonly customerId: string;
  /** Purchases (events). */
  readonly purchases: number;
  /** Refunds netted. */
  readonly refunds: number;
  /** Gross spend, major units. */
  readonly gross: number;
  /** Refunded, major units. */
  readonly refunded: number;
  /** refunded ÷ gross (0 when gross is 0). */
  readonly share: number;
  /** Meets both serial-returner thresholds. */
  readonly serial: boolean;
}

/**
 * What {@link netRefunds} returns.
 *
 * @category Events and customers
 */
export interface NetRefundResult {
  /** Net purchases in time order (fully refunded ones dropped or kept as the option says). */
  readonly transactions: NetTransaction[];
  /** Purchases refunded in full, in time order (also in `transactions`, at 0, under `fullRefunds: 'keep'`). */
  readonly fullyRefunded: NetTransaction[];
  /** Every refund that was not netted, in time order. */
  readonly rejected: RejectedRefund[];
  /** Every customer with at least one netted refund, most refunded share first (then id). */
  readonly returners: ReturnerRow[];
  /** The ids of the serial returners, sorted. */
  readonly serialReturners: string[];
}

const NET_REFUND_OPTION_KEYS = /* @__PURE__ */ optionKeys<NetRefundOptions>()([
  'fractionDigits',
  'unmatched',
  'fullRefunds',
  'serialMinimumRefunds',
  'serialMinimumShare',
  'asOf',
]);

interface Order {
  readonly event: PurchaseEvent;
  readonly gross: number;
  left: number;
}

interface Tally {
  purchases: number;
  refunds: number;
  gross: number;
  refunded: number;
}

function choice<T extends string>(fn: string, name: string, value: unknown, allowed: readonly T[]): T {
  if (value === undefined) return allowed[0] as T;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new PatronageError(
    'INVALID_ARGUMENT',
    `${fn}: options.${name} must be ${allowed.map((a) => `'${a}'`).join(' or ')}, got ${describeValue(value)}`,
    { argument: `options.${name}`, value },
  );
}

function minorOf(fn: string, event: PurchaseEvent | RefundEvent, scale: number): number {
  const minor = exactMinorUnits(event.amount, scale);
  if (Number.isNaN(minor)) {
    throw new PatronageError(
      'MONEY_PRECISION',
      `${fn}: the ${event.type} of ${event.customerId} at ${new Date(event.at).toISOString()} has amount ${event.amount}, finer than the currency's minor unit (fractionDigits ${Math.log10(scale)})`,
      { argument: 'events', value: event.amount },
    );
  }
  return minor;
}

/**
 * Nets refunds into purchases: each refund event is taken off the purchase it refunds (by `orderId`, or the
 * customer's latest earlier purchase when asked), in integer minor units, so monetary value, the spend model
 * and CLV see what customers kept rather than what they paid at first. Every refund that cannot be placed is
 * returned in `rejected` with its reason; none is dropped or spread. Customers who return often and much are
 * flagged (`serialReturners`): the thresholds are conventions (retailers commonly look at three or more returns
 * and a third of spend), not a statistic, and are options.
 *
 * Feed `transactions` to {@link rfmSummary} (and from there to the models); see docs/decisions.md "Refunds".
 *
 * @param events - parsed events (see `parseEvents`); purchases and refunds are used, the rest ignored
 * @param options - `unmatched`, `fullRefunds`, `fractionDigits`, `serialMinimumRefunds`, `serialMinimumShare`, `asOf`
 * @returns the net transactions, the fully refunded purchases, the rejected refunds and the returners
 * @throws PatronageError `INVALID_ARGUMENT` (an entry that is not a parsed event, a bad option value),
 *   `MONEY_PRECISION` (an amount finer than the currency), `OUT_OF_RANGE`/`NOT_AN_INTEGER` for the thresholds,
 *   `INVALID_TIMESTAMP`. `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { netRefunds, parseEventsOrThrow } from 'patronage';
 *
 * const events = parseEventsOrThrow([
 *   { type: 'purchase', customerId: 'a', at: '2024-01-05', amount: 80, orderId: 'o1' },
 *   { type: 'refund', customerId: 'a', at: '2024-01-09', amount: 30, orderId: 'o1' },
 *   { type: 'purchase', customerId: 'a', at: '2024-02-01', amount: 20, orderId: 'o2' },
 *   { type: 'refund', customerId: 'a', at: '2024-02-03', amount: 20, orderId: 'o2' },
 *   { type: 'refund', customerId: 'b', at: '2024-02-04', amount: 5 },
 * ]);
 * const net = netRefunds(events);
 * net.transactions.map((t) => t.amount); // => [50]
 * net.fullyRefunded.length; // => 1
 * net.rejected[0]?.code; // => 'UNMATCHED_REFUND'
 * net.returners[0]?.share; // => 0.5
 * ```
 *
 * @category Events and customers
 */
export function netRefunds(events: Iterable<PatronageEvent>, options?: NetRefundOptions): NetRefundResult {
  const fn = 'netRefunds';
  const record = optionalObject(fn, 'options', options, NET_REFUND_OPTION_KEYS);
  const scale = scaleOfFractionDigits(fn, record['fractionDigits'] ?? 2);
  const unmatched = choice(fn, 'unmatched', record['unmatched'], ['reject', 'latest-purchase'] as const);
  const keepFull = choice(fn, 'fullRefunds', record['fullRefunds'], ['drop', 'keep'] as const) === 'keep';
  const minimumRefunds = requirePositiveCount(
    fn,
    'serialMinimumRefunds',
    record['serialMinimumRefunds'] ?? 3,
  );
  const minimumShare = requireBetween(fn, 'serialMinimumShare', record['serialMinimumShare'] ?? 0.3, 0, 1);
  const asOf =
    record['asOf'] === undefined ? Number.POSITIVE_INFINITY : toEpochMsIn(fn, 'asOf', record['asOf']);

  const orders: Order[] = [];
  // (customer, orderId) → the order's index, or -1 when two purchases carry that order id
  const byOrderId = new Map<string, number>();
  const byCustomer = new Map<string, number[]>();
  const tallies = new Map<string, Tally>();
  const rejected: RejectedRefund[] = [];
  const reject = (refund: RefundEvent, code: RejectedRefund['code'], why: string): void => {
    rejected.push({
      refund,
      code,
      message: `${fn}: the refund of ${refund.amount} to ${refund.customerId} at ${new Date(refund.at).toISOString()} ${why}`,
    });
  };
  const tallyOf = (customerId: string): Tally => {
    let tally = tallies.get(customerId);
    if (tally === undefined) {
      tally = { purchases: 0, refunds: 0, gross: 0, refunded: 0 };
      tallies.set(customerId, tally);
    }
    return tally;
  };

  for (const event of readEventLog(fn, events)) {
    if (event.at > asOf) break;
    if (event.type === 'purchase') {
      const gross = minorOf(fn, event, scale);
      const index = orders.push({ event, gross, left: gross }) - 1;
      const list = byCustomer.get(event.customerId);
      if (list === undefined) byCustomer.set(event.customerId, [index]);
      else list.push(index);
      if (event.orderId !== undefined) {
        const key = `${event.customerId}\u0000${event.orderId}`;
        byOrderId.set(key, byOrderId.has(key) ? -1 : index);
      }
      const tally = tallyOf(event.customerId);
      tally.purchases++;
      tally.gross += gross;
    } else if (event.type === 'refund') {
      const minor = minorOf(fn, event, scale);
      let order: Order | undefined;
      if (event.orderId !== undefined) {
        const index = byOrderId.get(`${event.customerId}\u0000${event.orderId}`);
        if (index === undefined) {
          reject(
            event,
            'UNMATCHED_REFUND',
            `names order ${event.orderId}, which is not an earlier purchase of theirs`,
          );
          continue;
        }
        if (index < 0) {
          reject(
            event,
            'UNMATCHED_REFUND',
            `names order ${event.orderId}, which two of their purchases carry`,
          );
          continue;
        }
        order = orders[index] as Order;
        if (order.left < minor) {
          reject(
            event,
            'REFUND_EXCEEDS_ORDER',
            `is more than the ${order.left / scale} left of order ${event.orderId}`,
          );
          continue;
        }
      } else if (unmatched === 'reject') {
        reject(
          event,
          'UNMATCHED_REFUND',
          'names no order (orderId); net it by hand or use unmatched: latest-purchase',
        );
        continue;
      } else {
        const list = byCustomer.get(event.customerId) ?? [];
        for (let k = list.length - 1; k >= 0; k--) {
          const candidate = orders[list[k] as number] as Order;
          if (candidate.left >= minor) {
            order = candidate;
            break;
          }
        }
        if (order === undefined) {
          reject(
            event,
            list.length === 0 ? 'UNMATCHED_REFUND' : 'REFUND_EXCEEDS_ORDER',
            list.length === 0
              ? 'comes before any purchase of theirs'
              : 'is more than is left of any earlier purchase of theirs',
          );
          continue;
        }
      }
      if (
        order.event.currency !== undefined &&
        event.currency !== undefined &&
        order.event.currency !== event.currency
      ) {
        reject(
          event,
          'UNMATCHED_REFUND',
          `is in ${event.currency} but its order is in ${order.event.currency}`,
        );
        continue;
      }
      order.left -= minor;
      const tally = tallyOf(event.customerId);
      tally.refunds++;
      tally.refunded += minor;
    }
  }

  const transactions: NetTransaction[] = [];
  const fullyRefunded: NetTransaction[] = [];
  for (const order of orders) {
    const { event } = order;
    const net: NetTransaction = {
      customerId: event.customerId,
      at: event.at,
      amount: order.left / scale,
      ...(event.eventId === undefined ? {} : { eventId: event.eventId }),
      ...(event.orderId === undefined ? {} : { orderId: event.orderId }),
    };
    const full = order.left === 0 && order.gross > 0;
    if (full) fullyRefunded.push(net);
    if (!full || keepFull) transactions.push(net);
  }

  const returners: ReturnerRow[] = [];
  for (const [customerId, tally] of tallies) {
    if (tally.refunds === 0) continue;
    const share = tally.gross === 0 ? 0 : tally.refunded / tally.gross;
    returners.push({
      customerId,
      purchases: tally.purchases,
      refunds: tally.refunds,
      gross: tally.gross / scale,
      refunded: tally.refunded / scale,
      share,
      serial: tally.refunds >= minimumRefunds && share >= minimumShare,
    });
  }
  returners.sort((a, b) => b.share - a.share || (a.customerId < b.customerId ? -1 : 1));
  const serialReturners = returners
    .filter((row) => row.serial)
    .map((row) => row.customerId)
    .sort();
  return { transactions, fullyRefunded, rejected, returners, serialReturners };
}
