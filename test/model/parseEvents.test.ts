import { describe, expect, it } from 'vitest';
import { type PatronageEvent, parseEvents, parseEventsOrThrow } from '../../src/index';
import { codeOf } from '../helpers/errors';
import { deepFreeze } from '../helpers/numbers';

const at = '2024-03-01T10:00:00Z';
const atMs = Date.UTC(2024, 2, 1, 10);

describe('parseEvents accepts every event type', () => {
  const rows = [
    {
      type: 'purchase',
      customerId: 'c1',
      at,
      amount: 42.5,
      currency: 'EUR',
      orderId: 'o1',
      channel: 'web',
      eventId: 'e1',
      items: [{ sku: 'A', quantity: 2, unitPrice: 21.25 }],
    },
    { type: 'refund', customerId: 'c1', at, amount: 10, orderId: 'o1' },
    { type: 'referral', customerId: 'c1', at, referredCustomerId: 'c2' },
    {
      type: 'support',
      customerId: 'c1',
      at,
      ticketId: 't1',
      firstResponseAt: '2024-03-01T11:00:00Z',
      resolvedAt: '2024-03-02T10:00:00Z',
    },
    { type: 'survey', customerId: 'c1', at, metric: 'nps', score: 10 },
    { type: 'survey', customerId: 'c1', at, metric: 'csat', score: 5 },
    { type: 'survey', customerId: 'c1', at, metric: 'ces', score: 7 },
    {
      type: 'subscription',
      customerId: 'c1',
      at,
      change: 'start',
      recurringRevenue: 29,
      plan: 'pro',
      subscriptionId: 's1',
    },
    { type: 'campaignExposure', customerId: 'c1', at, competitor: 'Rival', campaign: 'spring' },
    { type: 'points', customerId: 'c1', at, kind: 'earn', points: 100 },
    { type: 'points', customerId: 'c1', at, kind: 'adjust', points: -15 },
  ];

  it('accepts all of them and rejects none', () => {
    const { events, rejected } = parseEvents(rows);
    expect(rejected).toEqual([]);
    expect(events.map((event) => event.type)).toEqual(rows.map((row) => row.type));
  });

  it('normalises every time field to epoch ms', () => {
    const { events } = parseEvents(rows);
    const support = events.find((event) => event.type === 'support');
    expect(support).toEqual({
      type: 'support',
      customerId: 'c1',
      at: atMs,
      ticketId: 't1',
      firstResponseAt: Date.UTC(2024, 2, 1, 11),
      resolvedAt: Date.UTC(2024, 2, 2, 10),
    });
  });

  it('keeps optional purchase fields and items', () => {
    expect(parseEvents(rows).events[0]).toEqual({
      type: 'purchase',
      customerId: 'c1',
      at: atMs,
      eventId: 'e1',
      channel: 'web',
      amount: 42.5,
      currency: 'EUR',
      orderId: 'o1',
      items: [{ sku: 'A', quantity: 2, unitPrice: 21.25 }],
    });
  });

  it('round-trips: parsing serialised events gives the same events', () => {
    const { events } = parseEvents(rows);
    expect(parseEvents(JSON.parse(JSON.stringify(events))).events).toEqual(events);
  });

  it('does not mutate its input', () => {
    expect(() => parseEvents(deepFreeze(structuredClone(rows)))).not.toThrow();
  });

  it('accepts an iterable', () => {
    expect(parseEvents(new Set(rows.slice(0, 2))).events).toHaveLength(2);
  });
});

describe('parseEvents reports every bad row with its index and code', () => {
  const cases: [string, unknown, string][] = [
    ['a number instead of an object', 7, 'NOT_AN_OBJECT'],
    ['null', null, 'NOT_AN_OBJECT'],
    ['an unknown type', { type: 'visit', customerId: 'c', at }, 'UNKNOWN_EVENT_TYPE'],
    ['a missing type', { customerId: 'c', at }, 'MISSING_FIELD'],
    ['a missing customer', { type: 'purchase', at, amount: 1 }, 'MISSING_FIELD'],
    ['an empty customer id', { type: 'purchase', customerId: '', at, amount: 1 }, 'INVALID_FIELD'],
    ['a numeric customer id', { type: 'purchase', customerId: 5, at, amount: 1 }, 'INVALID_FIELD'],
    ['a missing time', { type: 'purchase', customerId: 'c', amount: 1 }, 'MISSING_FIELD'],
    [
      'an unparseable time',
      { type: 'purchase', customerId: 'c', at: '01/03/2024', amount: 1 },
      'INVALID_TIMESTAMP',
    ],
    ['a NaN amount', { type: 'purchase', customerId: 'c', at, amount: Number.NaN }, 'INVALID_FIELD'],
    [
      'a negative amount (refunds are their own event)',
      { type: 'purchase', customerId: 'c', at, amount: -5 },
      'INVALID_FIELD',
    ],
    ['a string amount', { type: 'purchase', customerId: 'c', at, amount: '5' }, 'INVALID_FIELD'],
    ['a zero refund', { type: 'refund', customerId: 'c', at, amount: 0 }, 'INVALID_FIELD'],
    [
      'items that are not an array',
      { type: 'purchase', customerId: 'c', at, amount: 1, items: 'A' },
      'INVALID_FIELD',
    ],
    [
      'an item with zero quantity',
      { type: 'purchase', customerId: 'c', at, amount: 1, items: [{ sku: 'A', quantity: 0 }] },
      'INVALID_FIELD',
    ],
    [
      'an item that is not an object',
      { type: 'purchase', customerId: 'c', at, amount: 1, items: [3] },
      'INVALID_FIELD',
    ],
    ['an NPS of 11', { type: 'survey', customerId: 'c', at, metric: 'nps', score: 11 }, 'INVALID_FIELD'],
    ['a CSAT of 0', { type: 'survey', customerId: 'c', at, metric: 'csat', score: 0 }, 'INVALID_FIELD'],
    ['a CES of 6.5', { type: 'survey', customerId: 'c', at, metric: 'ces', score: 6.5 }, 'INVALID_FIELD'],
    [
      'an unknown survey metric',
      { type: 'survey', customerId: 'c', at, metric: 'ltr', score: 3 },
      'INVALID_FIELD',
    ],
    [
      'an unknown subscription change',
      { type: 'subscription', customerId: 'c', at, change: 'pause', recurringRevenue: 1 },
      'INVALID_FIELD',
    ],
    [
      'negative recurring revenue',
      { type: 'subscription', customerId: 'c', at, change: 'start', recurringRevenue: -1 },
      'INVALID_FIELD',
    ],
    [
      'a response before the ticket opened',
      { type: 'support', customerId: 'c', at, firstResponseAt: '2024-02-01' },
      'INVALID_FIELD',
    ],
    [
      'a resolution before the first response',
      { type: 'support', customerId: 'c', at, firstResponseAt: '2024-03-05', resolvedAt: '2024-03-04' },
      'INVALID_FIELD',
    ],
    [
      'an unparseable resolution time',
      { type: 'support', customerId: 'c', at, resolvedAt: 'soon' },
      'INVALID_TIMESTAMP',
    ],
    ['a negative earn', { type: 'points', customerId: 'c', at, kind: 'earn', points: -3 }, 'INVALID_FIELD'],
    [
      'a zero adjustment',
      { type: 'points', customerId: 'c', at, kind: 'adjust', points: 0 },
      'INVALID_FIELD',
    ],
    [
      'a missing competitor',
      { type: 'campaignExposure', customerId: 'c', at, campaign: 'x' },
      'MISSING_FIELD',
    ],
    ['a missing referred customer', { type: 'referral', customerId: 'c', at }, 'MISSING_FIELD'],
  ];

  it.each(cases)('rejects %s', (_label, row, code) => {
    const { events, rejected } = parseEvents([row]);
    expect(events).toEqual([]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ index: 0, code });
  });

  it('keeps the good rows around a bad one and says which field failed', () => {
    const { events, rejected } = parseEvents([
      { type: 'purchase', customerId: 'a', at, amount: 1 },
      { type: 'purchase', customerId: 'b', at, amount: -1 },
      { type: 'purchase', customerId: 'c', at, amount: 2 },
    ]);
    expect(events.map((event) => event.customerId)).toEqual(['a', 'c']);
    expect(rejected).toEqual([
      {
        index: 1,
        code: 'INVALID_FIELD',
        field: 'amount',
        message: 'parseEvents: row 1: amount must be an amount of at least 0, got -1',
      },
    ]);
  });

  it('reports a repeated eventId and keeps the first', () => {
    const { events, rejected } = parseEvents([
      { type: 'purchase', customerId: 'a', at, amount: 1, eventId: 'x' },
      { type: 'purchase', customerId: 'a', at, amount: 1, eventId: 'x' },
    ]);
    expect(events).toHaveLength(1);
    expect(rejected[0]).toMatchObject({
      index: 1,
      code: 'DUPLICATE_EVENT_ID',
      message: 'parseEvents: row 1: eventId "x" repeats row 0',
    });
  });

  it('names the item field of a bad item', () => {
    const { rejected } = parseEvents([
      {
        type: 'purchase',
        customerId: 'c',
        at,
        amount: 1,
        items: [
          { sku: 'A', quantity: 1 },
          { sku: '', quantity: 1 },
        ],
      },
    ]);
    expect(rejected[0]?.field).toBe('items[1].sku');
  });

  it('accounts for every row: accepted + rejected = input', () => {
    const input = cases.map(([, row]) => row);
    const { events, rejected } = parseEvents(input);
    expect(events.length + rejected.length).toBe(input.length);
  });

  it('throws INVALID_ARGUMENT only when the input is not a list', () => {
    expect(codeOf(() => parseEvents({ type: 'purchase' }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => parseEvents('rows'))).toBe('INVALID_ARGUMENT');
  });
});

describe('parseEventsOrThrow', () => {
  it('returns the events when all rows are valid', () => {
    const events: readonly PatronageEvent[] = parseEventsOrThrow([
      { type: 'referral', customerId: 'a', referredCustomerId: 'b', at },
    ]);
    expect(events).toHaveLength(1);
  });

  it('throws INVALID_ROWS listing every rejected row', () => {
    try {
      parseEventsOrThrow([{ type: 'x' }, { type: 'purchase' }]);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_ROWS' });
      expect((error as { details: { rejected: unknown[] } }).details.rejected).toHaveLength(2);
    }
  });
});
