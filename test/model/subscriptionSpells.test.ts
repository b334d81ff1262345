import { describe, expect, it } from 'vitest';
import { parseEventsOrThrow, subscriptionRetention, survivalFromSubscriptions } from '../../src/index';
import { subscriptionSpells } from '../../src/model/subscriptionSpells';
import { codeOf } from '../helpers/errors';

const DAY = 86_400_000;
const JAN_1 = Date.UTC(2024, 0, 1);

const events = parseEventsOrThrow([
  { type: 'subscription', customerId: 'b', at: '2024-01-11', change: 'start', recurringRevenue: 10 },
  { type: 'subscription', customerId: 'a', at: '2024-01-01', change: 'start', recurringRevenue: 10 },
  { type: 'subscription', customerId: 'a', at: '2024-01-15', change: 'renew', recurringRevenue: 10 },
  { type: 'subscription', customerId: 'a', at: '2024-01-31', change: 'cancel', recurringRevenue: 0 },
  { type: 'purchase', customerId: 'a', at: '2024-01-20', amount: 5 },
  {
    type: 'subscription',
    customerId: 'a',
    subscriptionId: 'second',
    at: '2024-02-10',
    change: 'start',
    recurringRevenue: 5,
  },
]);

describe('subscriptionSpells', () => {
  it('opens a spell at start, keeps it through renewals, ends it at cancel, censors open ones at the end', () => {
    expect(subscriptionSpells('demo', events, '2024-03-01')).toEqual([
      { customerId: 'a', subscriptionId: undefined, start: JAN_1, end: JAN_1 + 30 * DAY, observed: true },
      {
        customerId: 'b',
        subscriptionId: undefined,
        start: JAN_1 + 10 * DAY,
        end: Date.UTC(2024, 2, 1),
        observed: false,
      },
      {
        customerId: 'a',
        subscriptionId: 'second',
        start: Date.UTC(2024, 1, 10),
        end: Date.UTC(2024, 2, 1),
        observed: false,
      },
    ]);
  });

  it('ends observation at the last subscription event by default and leaves later events out', () => {
    const byDefault = subscriptionSpells('demo', events, undefined);
    expect(byDefault.map((spell) => spell.end)).toEqual([
      JAN_1 + 30 * DAY,
      Date.UTC(2024, 1, 10),
      Date.UTC(2024, 1, 10),
    ]);
    const early = subscriptionSpells('demo', events, '2024-01-20');
    expect(early.map((spell) => [spell.customerId, spell.observed, spell.end])).toEqual([
      ['a', false, Date.UTC(2024, 0, 20)],
      ['b', false, Date.UTC(2024, 0, 20)],
    ]);
  });

  it('is what survivalFromSubscriptions and subscriptionRetention read', () => {
    expect(survivalFromSubscriptions(events, { observationEnd: '2024-03-01' }).spells).toEqual(
      subscriptionSpells('survivalFromSubscriptions', events, '2024-03-01'),
    );
    // at the end of January a has cancelled and b is active; a's second subscription starts in February
    expect(
      subscriptionRetention(events, { observationEnd: '2024-03-01' }).map((row) => row.customersAtEnd),
    ).toEqual([1, 2, 2]);
  });

  it('rejects inconsistent changes with OUT_OF_ORDER, naming the calling function and the event', () => {
    const twice = parseEventsOrThrow([
      { type: 'subscription', customerId: 'a', at: '2024-01-01', change: 'start', recurringRevenue: 1 },
      { type: 'subscription', customerId: 'a', at: '2024-01-02', change: 'start', recurringRevenue: 1 },
    ]);
    expect(codeOf(() => subscriptionSpells('demo', twice, undefined))).toBe('OUT_OF_ORDER');
    expect(() => subscriptionRetention(twice)).toThrow(
      /^subscriptionRetention: events\[1\] \(start of customer "a"\)/,
    );
    const cancelFirst = parseEventsOrThrow([
      { type: 'subscription', customerId: 'a', at: '2024-01-01', change: 'cancel', recurringRevenue: 0 },
    ]);
    expect(codeOf(() => subscriptionSpells('demo', cancelFirst, undefined))).toBe('OUT_OF_ORDER');
  });

  it('rejects entries that are not parsed events with INVALID_ARGUMENT', () => {
    expect(codeOf(() => subscriptionSpells('demo', [null], undefined))).toBe('INVALID_ARGUMENT');
    expect(
      codeOf(() =>
        subscriptionSpells(
          'demo',
          [{ type: 'subscription', customerId: '', at: 0, change: 'start' }],
          undefined,
        ),
      ),
    ).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => subscriptionSpells('demo', 7, undefined))).toBe('INVALID_ARGUMENT');
  });

  it('gives no spells for a log without subscription events', () => {
    expect(
      subscriptionSpells(
        'demo',
        parseEventsOrThrow([{ type: 'purchase', customerId: 'a', at: 0, amount: 1 }]),
        undefined,
      ),
    ).toEqual([]);
  });
});
