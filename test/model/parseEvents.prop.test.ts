import fc from 'fast-check';
import { describe, it } from 'vitest';
import { type PatronageEvent, parseEvents, toEpochMs } from '../../src/index';

const id = fc.stringMatching(/^[a-z0-9]{1,8}$/);
const at = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) });
const cents = fc.integer({ min: 0, max: 10_000_000 }).map((value) => value / 100);
const base = { customerId: id, at };
const optional = { eventId: id, channel: fc.constantFrom('web', 'store', 'app') };

/** Any valid event of the model. */
const validEvent: fc.Arbitrary<PatronageEvent> = fc.oneof(
  fc.record(
    {
      type: fc.constant('purchase' as const),
      ...base,
      amount: cents,
      currency: fc.constantFrom('USD', 'EUR', 'VND'),
      orderId: id,
      items: fc.array(
        fc.record(
          { sku: id, quantity: fc.integer({ min: 1, max: 20 }), unitPrice: cents },
          { requiredKeys: ['sku', 'quantity'] },
        ),
        { maxLength: 3 },
      ),
      ...optional,
    },
    { requiredKeys: ['type', 'customerId', 'at', 'amount'] },
  ),
  fc.record(
    {
      type: fc.constant('refund' as const),
      ...base,
      amount: cents.filter((value) => value > 0),
      orderId: id,
    },
    { requiredKeys: ['type', 'customerId', 'at', 'amount'] },
  ),
  fc.record({ type: fc.constant('referral' as const), ...base, referredCustomerId: id }),
  fc
    .record(
      {
        type: fc.constant('support' as const),
        ...base,
        ticketId: id,
        response: fc.nat(86_400_000),
        resolution: fc.nat(86_400_000),
      },
      { requiredKeys: ['type', 'customerId', 'at', 'response', 'resolution'] },
    )
    .map(({ response, resolution, ...event }) => ({
      ...event,
      firstResponseAt: event.at + response,
      resolvedAt: event.at + response + resolution,
    })),
  fc.oneof(
    fc.record({
      type: fc.constant('survey' as const),
      ...base,
      metric: fc.constant('nps' as const),
      score: fc.integer({ min: 0, max: 10 }),
    }),
    fc.record({
      type: fc.constant('survey' as const),
      ...base,
      metric: fc.constant('csat' as const),
      score: fc.integer({ min: 1, max: 5 }),
    }),
    fc.record({
      type: fc.constant('survey' as const),
      ...base,
      metric: fc.constant('ces' as const),
      score: fc.integer({ min: 1, max: 7 }),
    }),
  ),
  fc.record(
    {
      type: fc.constant('subscription' as const),
      ...base,
      change: fc.constantFrom('start', 'renew', 'upgrade', 'downgrade', 'cancel' as const),
      recurringRevenue: cents,
      plan: id,
    },
    { requiredKeys: ['type', 'customerId', 'at', 'change', 'recurringRevenue'] },
  ),
  fc.record({ type: fc.constant('campaignExposure' as const), ...base, competitor: id, campaign: id }),
  fc.record({
    type: fc.constant('points' as const),
    ...base,
    kind: fc.constantFrom('earn', 'redeem', 'expire' as const),
    points: fc.integer({ min: 1, max: 10_000 }),
  }),
  fc.record({
    type: fc.constant('points' as const),
    ...base,
    kind: fc.constant('adjust' as const),
    points: fc.integer({ min: -10_000, max: 10_000 }).filter((value) => value !== 0),
  }),
) as fc.Arbitrary<PatronageEvent>;

/** A list of valid events whose eventIds (when present) are unique. */
const eventLog = fc.uniqueArray(validEvent, {
  maxLength: 30,
  selector: (event) => event.eventId ?? Symbol('no id'),
});

describe('parseEvents laws', () => {
  it('round trip: parsing serialised events gives the same events', () => {
    fc.assert(
      fc.property(eventLog, (events) => {
        const first = parseEvents(events);
        const again = parseEvents(JSON.parse(JSON.stringify(first.events)));
        return (
          first.rejected.length === 0 &&
          JSON.stringify(again.events) === JSON.stringify(first.events) &&
          again.rejected.length === 0
        );
      }),
    );
  });

  it('round trip with ISO-8601 times: writing at as an ISO string changes nothing', () => {
    fc.assert(
      fc.property(eventLog, (events) => {
        const isoRows = events.map((event) => ({ ...event, at: new Date(event.at).toISOString() }));
        return JSON.stringify(parseEvents(isoRows).events) === JSON.stringify(parseEvents(events).events);
      }),
    );
  });

  it('every row is accounted for: accepted + rejected = input, whatever the rows', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(validEvent, fc.anything()), { maxLength: 30 }), (rows) => {
        const { events, rejected } = parseEvents(rows);
        const indexes = new Set(rejected.map((row) => row.index));
        return events.length + rejected.length === rows.length && indexes.size === rejected.length;
      }),
    );
  });

  it('toEpochMs reads back its own ISO-8601 output', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -8.64e15, max: 8.64e15 }),
        (ms) => toEpochMs(new Date(ms).toISOString()) === ms,
      ),
    );
  });
});
