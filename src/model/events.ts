import type { PatronageErrorCode } from '../errors/PatronageError';
import type { TimestampInput } from './timestamp';

/**
 * Fields every event has. Times are epoch milliseconds (UTC) once parsed.
 *
 * @category Events and customers
 */
export interface EventBase {
  /** The customer the event is about (for a referral: the referrer). Non-empty string. */
  readonly customerId: string;
  /** When it happened, epoch milliseconds. */
  readonly at: number;
  /** Optional unique id; {@link parseEvents} reports a repeated one instead of counting it twice. */
  readonly eventId?: string;
  /** Optional channel (web, store, app, phone...), for breakdowns by channel. */
  readonly channel?: string;
}

/**
 * A line of a purchase.
 *
 * @category Events and customers
 */
export interface PurchaseItem {
  /** Product identifier. */
  readonly sku: string;
  /** Units bought, a positive whole number. */
  readonly quantity: number;
  /** Price of one unit in major units, if known. */
  readonly unitPrice?: number;
}

/**
 * A purchase (an order). `amount` is in major units and at least 0; refunds are their own event.
 *
 * @category Events and customers
 */
export interface PurchaseEvent extends EventBase {
  /** Discriminant. */
  readonly type: 'purchase';
  /** Order value in major units, at least 0. */
  readonly amount: number;
  /** ISO 4217 currency code, if the log mixes currencies. */
  readonly currency?: string;
  /** The order's id in the source system. */
  readonly orderId?: string;
  /** The order lines, when known. */
  readonly items?: readonly PurchaseItem[];
}

/**
 * Money returned to a customer, in major units (a positive amount).
 *
 * @category Events and customers
 */
export interface RefundEvent extends EventBase {
  /** Discriminant. */
  readonly type: 'refund';
  /** Money returned, major units, above 0. */
  readonly amount: number;
  /** ISO 4217 currency code, if the log mixes currencies. */
  readonly currency?: string;
  /** The refunded order, if known. */
  readonly orderId?: string;
}

/**
 * A referral: `customerId` (the referrer) brought `referredCustomerId`.
 *
 * @category Events and customers
 */
export interface ReferralEvent extends EventBase {
  /** Discriminant. */
  readonly type: 'referral';
  /** The customer who came through the referral. */
  readonly referredCustomerId: string;
}

/**
 * A support interaction, opened at `at`; first response and resolution when they happened.
 *
 * @category Events and customers
 */
export interface SupportEvent extends EventBase {
  /** Discriminant. */
  readonly type: 'support';
  /** The ticket's id in the help desk. */
  readonly ticketId?: string;
  /** First answer to the customer, epoch ms, not before `at`. */
  readonly firstResponseAt?: number;
  /** Resolution, epoch ms, not before `at` nor before `firstResponseAt`. */
  readonly resolvedAt?: number;
}

/**
 * Which survey a score belongs to: NPS (0-10), CSAT (1-5) or CES (1-7).
 *
 * @category Events and customers
 */
export type SurveyMetric = 'nps' | 'csat' | 'ces';

/**
 * A survey answer: an integer on the metric's scale (NPS 0-10, CSAT 1-5, CES 1-7).
 *
 * @category Events and customers
 */
export interface SurveyEvent extends EventBase {
  /** Discriminant. */
  readonly type: 'survey';
  /** Which survey: `'nps'`, `'csat'` or `'ces'`. */
  readonly metric: SurveyMetric;
  /** The answer, a whole number on the metric's scale. */
  readonly score: number;
}

/**
 * A subscription change.
 *
 * @category Events and customers
 */
export type SubscriptionChange = 'start' | 'renew' | 'upgrade' | 'downgrade' | 'cancel';

/**
 * A subscription change with the recurring revenue in force after it (0 after a cancel).
 *
 * @category Events and customers
 */
export interface SubscriptionEvent extends EventBase {
  /** Discriminant. */
  readonly type: 'subscription';
  /** What changed: start, renew, upgrade, downgrade or cancel. */
  readonly change: SubscriptionChange;
  /** Recurring revenue per billing period after the change, major units, at least 0. */
  readonly recurringRevenue: number;
  /** The subscription's id, for customers with several. */
  readonly subscriptionId?: string;
  /** The plan after the change. */
  readonly plan?: string;
}

/**
 * A customer took part in, or was approached by, a competitor's campaign (the Observation Set of the
 * Vulnerability Index, docs/formulas.md §1.3).
 *
 * @category Events and customers
 */
export interface CampaignExposureEvent extends EventBase {
  /** Discriminant. */
  readonly type: 'campaignExposure';
  /** The competitor running the campaign. */
  readonly competitor: string;
  /** The competitor's campaign. */
  readonly campaign: string;
}

/**
 * The kind of a loyalty-points ledger entry.
 *
 * @category Events and customers
 */
export type PointsKind = 'earn' | 'redeem' | 'expire' | 'adjust';

/**
 * A loyalty-points ledger entry: `points` is positive for earn, redeem and expire (the kind gives the
 * direction) and a signed, non-zero number for adjust.
 *
 * @category Events and customers
 */
export interface PointsEvent extends EventBase {
  /** Discriminant. */
  readonly type: 'points';
  /** Earn, redeem, expire or adjust. */
  readonly kind: PointsKind;
  /** Above 0 for earn, redeem and expire; signed and non-zero for adjust. */
  readonly points: number;
}

/**
 * Any customer event, discriminated by `type`.
 *
 * @category Events and customers
 */
export type PatronageEvent =
  | PurchaseEvent
  | RefundEvent
  | ReferralEvent
  | SupportEvent
  | SurveyEvent
  | SubscriptionEvent
  | CampaignExposureEvent
  | PointsEvent;

/**
 * The `type` of an event.
 *
 * @category Events and customers
 */
export type EventType = PatronageEvent['type'];

/**
 * An event as callers may give it to {@link parseEvents}: the same fields, with times as any
 * {@link TimestampInput}.
 *
 * @category Events and customers
 */
export type EventInput = PatronageEvent extends infer E
  ? E extends SupportEvent
    ? Omit<E, 'at' | 'firstResponseAt' | 'resolvedAt'> & {
        /** When the ticket was opened. */
        readonly at: TimestampInput;
        /** First answer to the customer. */
        readonly firstResponseAt?: TimestampInput;
        /** Resolution. */
        readonly resolvedAt?: TimestampInput;
      }
    : E extends PatronageEvent
      ? Omit<E, 'at'> & {
          /** When it happened. */
          readonly at: TimestampInput;
        }
      : never
  : never;

/**
 * Month and day of a yearly occasion; `year` when known (a birth year).
 *
 * @category Events and customers
 */
export interface MonthDay {
  /** 1-12. */
  readonly month: number;
  /** 1-31, valid for the month; 29 February is allowed. */
  readonly day: number;
  /** The year, when known (a birth year), 1-9999. */
  readonly year?: number;
}

/**
 * Descriptive attributes of a customer, for breakdowns. The named ones are the common dimensions; any
 * other string attribute may be added. `parseCustomers` returns them as a record without a prototype, so
 * that any key (`__proto__`, `constructor`) is an attribute of its own: read them by key or with
 * `Object.entries`, not with methods inherited from `Object.prototype`.
 *
 * @category Events and customers
 */
export interface CustomerAttributes {
  /** Sales region, for example the region a competitor pushes into (Vulnerability Index). */
  readonly region?: string;
  /** Acquisition or main channel. */
  readonly channel?: string;
  /** Segment name. */
  readonly segment?: string;
  /** For example `'consumer'`, `'business'`, `'key account'`, `'partner'`. */
  readonly accountType?: string;
  readonly [attribute: string]: string | undefined;
}

/**
 * A customer.
 *
 * @category Events and customers
 */
export interface Customer {
  /** Non-empty, unique id. */
  readonly id: string;
  /** When the customer was acquired (first purchase or sign-up), epoch ms. */
  readonly acquiredAt?: number;
  /** Dimensions for breakdowns. */
  readonly attributes?: CustomerAttributes;
  /** Yearly occasions. */
  readonly occasions?: CustomerOccasions;
}

/**
 * Yearly occasions of a customer. The first-purchase anniversary is not stored: it derives from the
 * first purchase.
 *
 * @category Events and customers
 */
export interface CustomerOccasions {
  /** The customer's birthday. */
  readonly birthday?: MonthDay;
}

/**
 * A customer as callers may give it to {@link parseCustomers}, with `acquiredAt` as any
 * {@link TimestampInput}.
 *
 * @category Events and customers
 */
export type CustomerInput = Omit<Customer, 'acquiredAt'> & {
  /** When the customer was acquired. */
  readonly acquiredAt?: TimestampInput;
};

/**
 * A row a parser did not accept: its position in the input, a stable code and a message naming the field.
 *
 * @category Events and customers
 */
export interface RejectedRow {
  /** Zero-based position of the row in the input. */
  readonly index: number;
  /** Why it was rejected (`INVALID_FIELD`, `MISSING_FIELD`, `DUPLICATE_EVENT_ID`...). */
  readonly code: PatronageErrorCode;
  /** A message naming the parser, the row and the field. */
  readonly message: string;
  /** The offending field, when one is to blame. */
  readonly field?: string;
}
