import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { requireList } from '../internal/validate';
import { collectRows } from './collectRows';
import type {
  EventType,
  PatronageEvent,
  PointsKind,
  PurchaseItem,
  RejectedRow,
  SubscriptionChange,
  SurveyMetric,
} from './events';
import { RowError, RowReader, withOptional } from './rowReader';

/**
 * What {@link parseEvents} returns: every input row is either in `events` or in `rejected`.
 *
 * @category Events and customers
 */
export interface ParseEventsResult {
  /** Accepted events, normalised (times in epoch ms), in input order. */
  readonly events: readonly PatronageEvent[];
  /** Every row not accepted, in input order, with its index, code and message. */
  readonly rejected: readonly RejectedRow[];
}

const EVENT_TYPES: readonly EventType[] = [
  'purchase',
  'refund',
  'referral',
  'support',
  'survey',
  'subscription',
  'campaignExposure',
  'points',
];
const SUBSCRIPTION_CHANGES: readonly SubscriptionChange[] = [
  'start',
  'renew',
  'upgrade',
  'downgrade',
  'cancel',
];
const SURVEY_METRICS: readonly SurveyMetric[] = ['nps', 'csat', 'ces'];
const POINTS_KINDS: readonly PointsKind[] = ['earn', 'redeem', 'expire', 'adjust'];
const SURVEY_SCALES: Readonly<Record<SurveyMetric, readonly [number, number]>> = {
  nps: [0, 10],
  csat: [1, 5],
  ces: [1, 7],
};

const isNonNegative = (value: number): boolean => value >= 0;
const isPositive = (value: number): boolean => value > 0;

function parseItems(reader: RowReader): readonly PurchaseItem[] | undefined {
  if (!reader.has('items')) return undefined;
  const raw = reader.get('items');
  if (!Array.isArray(raw))
    reader.fail('INVALID_FIELD', 'items', `must be an array, got ${describeValue(raw)}`);
  let items: unknown[] = [];
  try {
    items = requireList(reader.fn, 'items', raw); // read by index once, never the caller's map
  } catch (error) {
    reader.fail(
      'INVALID_FIELD',
      'items',
      error instanceof PatronageError ? error.message : 'could not be read',
    );
  }
  return items.map((item: unknown, position: number) => {
    const field = `items[${position}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      reader.fail('INVALID_FIELD', field, `must be an object, got ${describeValue(item)}`);
    }
    const line = new RowReader(reader.fn, reader.index, item as Record<string, unknown>);
    try {
      const parsed = {
        sku: line.requiredString('sku'),
        quantity: line.number(
          'quantity',
          (value) => Number.isSafeInteger(value) && value > 0,
          'a whole number above 0',
        ),
      };
      return withOptional(parsed, 'unitPrice', line.optionalNumber('unitPrice', isNonNegative, 'at least 0'));
    } catch (error) {
      if (error instanceof RowError) {
        throw new RowError(
          error.code,
          error.message.replace(`${error.field}`, `${field}.${error.field}`),
          `${field}.${error.field}`,
        );
      }
      throw error;
    }
  });
}

/** Parses one row; throws RowError. */
function parseEvent(reader: RowReader): PatronageEvent {
  const type = reader.oneOf('type', EVENT_TYPES);
  const base = {
    customerId: reader.requiredString('customerId'),
    at: reader.time('at'),
  };
  withOptional(base, 'eventId', reader.optionalString('eventId'));
  withOptional(base, 'channel', reader.optionalString('channel'));
  switch (type) {
    case 'purchase': {
      const event = {
        type,
        ...base,
        amount: reader.number('amount', isNonNegative, 'an amount of at least 0'),
      };
      withOptional(event, 'currency', reader.optionalString('currency'));
      withOptional(event, 'orderId', reader.optionalString('orderId'));
      return withOptional(event, 'items', parseItems(reader));
    }
    case 'refund': {
      const event = { type, ...base, amount: reader.number('amount', isPositive, 'an amount above 0') };
      withOptional(event, 'currency', reader.optionalString('currency'));
      return withOptional(event, 'orderId', reader.optionalString('orderId'));
    }
    case 'referral':
      return { type, ...base, referredCustomerId: reader.requiredString('referredCustomerId') };
    case 'support': {
      const event = { type, ...base };
      withOptional(event, 'ticketId', reader.optionalString('ticketId'));
      const firstResponseAt = reader.optionalTime('firstResponseAt');
      const resolvedAt = reader.optionalTime('resolvedAt');
      if (firstResponseAt !== undefined && firstResponseAt < base.at) {
        reader.fail('INVALID_FIELD', 'firstResponseAt', 'is before the ticket was opened (at)');
      }
      if (resolvedAt !== undefined && resolvedAt < Math.max(base.at, firstResponseAt ?? base.at)) {
        reader.fail('INVALID_FIELD', 'resolvedAt', 'is before the ticket was opened or first answered');
      }
      withOptional(event, 'firstResponseAt', firstResponseAt);
      return withOptional(event, 'resolvedAt', resolvedAt);
    }
    case 'survey': {
      const metric = reader.oneOf('metric', SURVEY_METRICS);
      const [low, high] = SURVEY_SCALES[metric];
      const score = reader.number(
        'score',
        (value) => Number.isInteger(value) && value >= low && value <= high,
        `a whole number from ${low} to ${high} for ${metric}`,
      );
      return { type, ...base, metric, score };
    }
    case 'subscription': {
      const event = {
        type,
        ...base,
        change: reader.oneOf('change', SUBSCRIPTION_CHANGES),
        recurringRevenue: reader.number('recurringRevenue', isNonNegative, 'an amount of at least 0'),
      };
      withOptional(event, 'subscriptionId', reader.optionalString('subscriptionId'));
      return withOptional(event, 'plan', reader.optionalString('plan'));
    }
    case 'campaignExposure':
      return {
        type,
        ...base,
        competitor: reader.requiredString('competitor'),
        campaign: reader.requiredString('campaign'),
      };
    default: {
      const kind = reader.oneOf('kind', POINTS_KINDS);
      const points =
        kind === 'adjust'
          ? reader.number('points', (value) => value !== 0, 'a non-zero number (signed) for adjust')
          : reader.number('points', isPositive, `above 0 for ${kind} (the kind gives the direction)`);
      return { type, ...base, kind, points };
    }
  }
}

/**
 * Validates untrusted event rows (from JSON, a queue, a database) into {@link PatronageEvent}s.
 *
 * Every row is either accepted or listed in `rejected` with its index, a stable code and a message; no row
 * is dropped silently and no bad row throws. Times (`at`, `firstResponseAt`, `resolvedAt`) may be Dates,
 * epoch ms or ISO-8601 strings and come out as epoch ms. A repeated `eventId` is rejected
 * (`DUPLICATE_EVENT_ID`) and the first occurrence kept. Fields the model does not know are not copied
 * into the event. Field rules: `customerId` a non-empty string; purchase `amount` at least 0, refund
 * `amount` above 0 (money in major units); survey `score` a whole number on the metric's scale (NPS
 * 0-10, CSAT 1-5, CES 1-7); points above 0 for earn, redeem and expire, non-zero for adjust.
 *
 * Round trip: `parseEvents(JSON.parse(JSON.stringify(events))).events` equals `events`.
 *
 * @param input - an array (or iterable) of candidate event objects
 * @returns accepted `events` and `rejected` rows, both in input order; empty input gives both empty
 * @throws PatronageError `INVALID_ARGUMENT` only when `input` itself is not an array or iterable.
 *   Row codes in `rejected`: `NOT_AN_OBJECT`, `UNKNOWN_EVENT_TYPE`, `MISSING_FIELD`, `INVALID_FIELD`,
 *   `INVALID_TIMESTAMP`, `DUPLICATE_EVENT_ID`.
 *
 * @example
 * ```ts
 * import { parseEvents } from 'patronage';
 *
 * const { events, rejected } = parseEvents([
 *   { type: 'purchase', customerId: 'c1', at: '2024-03-01T10:00:00Z', amount: 42.5 },
 *   { type: 'purchase', customerId: 'c2', at: 'yesterday', amount: 10 },
 *   { type: 'survey', customerId: 'c1', at: 1709287200000, metric: 'nps', score: 9 },
 * ]);
 * events.length; // => 2
 * events[0]; // => { type: 'purchase', customerId: 'c1', at: 1709287200000, amount: 42.5 }
 * rejected; // => [{ index: 1, code: 'INVALID_TIMESTAMP', field: 'at', message: 'parseEvents: row 1: at must be an ISO-8601 date or date-time such as 2024-03-15 or 2024-03-15T10:30:00Z, got "yesterday"' }]
 * ```
 *
 * @category Events and customers
 */
export function parseEvents(input: unknown): ParseEventsResult {
  const fn = 'parseEvents';
  const rows = requireList(fn, 'input', input);
  const seenEventIds = new Map<string, number>();
  const { accepted, rejected } = collectRows(rows, (row, index) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new RowError('NOT_AN_OBJECT', `${fn}: row ${index} must be an object, got ${describeValue(row)}`);
    }
    const reader = new RowReader(fn, index, row as Record<string, unknown>);
    if (typeof reader.get('type') === 'string' && !EVENT_TYPES.includes(reader.get('type') as EventType)) {
      throw new RowError(
        'UNKNOWN_EVENT_TYPE',
        `${fn}: row ${index}: type ${describeValue(reader.get('type'))} is not one of ${EVENT_TYPES.join(', ')}`,
        'type',
      );
    }
    const event = parseEvent(reader);
    if (event.eventId !== undefined) {
      const first = seenEventIds.get(event.eventId);
      if (first !== undefined) {
        throw new RowError(
          'DUPLICATE_EVENT_ID',
          `${fn}: row ${index}: eventId ${describeValue(event.eventId)} repeats row ${first}`,
          'eventId',
        );
      }
      seenEventIds.set(event.eventId, index);
    }
    return event;
  });
  return { events: accepted, rejected };
}

/**
 * {@link parseEvents} for callers who prefer an exception: returns the events when every row is valid.
 *
 * @param input - an array (or iterable) of candidate event objects
 * @returns the normalised events
 * @throws PatronageError `INVALID_ROWS` when any row is rejected (`details.rejected` lists them all, the
 *   message quotes the first), `INVALID_ARGUMENT` when `input` is not a list.
 *
 * @example
 * ```ts
 * import { parseEventsOrThrow } from 'patronage';
 *
 * parseEventsOrThrow([{ type: 'referral', customerId: 'c1', referredCustomerId: 'c9', at: '2024-05-01' }]).length; // => 1
 * parseEventsOrThrow([{ type: 'purchase', customerId: 'c1', at: '2024-05-01', amount: -3 }]); // => throws INVALID_ROWS
 * ```
 *
 * @category Events and customers
 */
export function parseEventsOrThrow(input: unknown): readonly PatronageEvent[] {
  const { events, rejected } = parseEvents(input);
  const first = rejected[0];
  if (first !== undefined) {
    throw new PatronageError(
      'INVALID_ROWS',
      `parseEventsOrThrow: ${rejected.length} of ${events.length + rejected.length} rows rejected; first: ${first.message}`,
      { argument: 'input', rejected },
    );
  }
  return events;
}
