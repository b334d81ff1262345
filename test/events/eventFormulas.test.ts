import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  loyalCustomers,
  parseCustomersOrThrow,
  parseEventsOrThrow,
  relationshipTypes,
  returnOnRelationship,
  returnOnRelationshipFromEvents,
  supportResponseTimes,
  vulnerabilityFromEvents,
} from '../../src/index';
import { codeOf } from '../helpers/errors';

const purchase = (customerId: string, at: string, amount = 10) => ({
  type: 'purchase',
  customerId,
  at,
  amount,
});

describe('returnOnRelationshipFromEvents', () => {
  const events = parseEventsOrThrow([
    purchase('a', '2024-02-01'),
    purchase('a', '2024-05-01'),
    { type: 'support', customerId: 'b', at: '2024-06-01' },
    { type: 'referral', customerId: 'a', referredCustomerId: 'c', at: '2024-06-10' },
    purchase('c', '2024-06-11'),
    purchase('d', '2022-01-01'),
    purchase('d', '2022-02-01'),
  ]);

  it('counts helped customers in the window only, referred and repeat once each', () => {
    expect(returnOnRelationshipFromEvents(events, { asOf: '2024-12-31' })).toEqual({
      ror: 2 / 3,
      helped: 3,
      referredOrRepeat: 2,
    });
  });

  it('a longer window brings older helped customers in', () => {
    expect(returnOnRelationshipFromEvents(events, { asOf: '2024-12-31', windowMonths: 48 }).helped).toBe(4);
  });

  it('equals the count formula on the counts it reports', () => {
    const result = returnOnRelationshipFromEvents(events, { asOf: '2024-12-31' });
    expect(returnOnRelationship({ helped: result.helped, referredOrRepeat: result.referredOrRepeat })).toBe(
      result.ror,
    );
  });

  it('reports an empty window with NO_HELPED_CUSTOMERS', () => {
    expect(codeOf(() => returnOnRelationshipFromEvents(events, { asOf: '2030-01-01' }))).toBe(
      'NO_HELPED_CUSTOMERS',
    );
  });
});

describe('vulnerabilityFromEvents', () => {
  const events = parseEventsOrThrow([
    purchase('a', '2024-05-10'),
    purchase('a', '2024-05-20'),
    { type: 'campaignExposure', customerId: 'a', at: '2024-06-03', competitor: 'Rival', campaign: 'summer' },
    purchase('a', '2024-06-15'),
    purchase('b', '2024-05-12', 100),
    { type: 'campaignExposure', customerId: 'b', at: '2024-06-04', competitor: 'Rival', campaign: 'summer' },
    purchase('b', '2024-06-20', 10),
    { type: 'campaignExposure', customerId: 'c', at: '2024-06-05', competitor: 'Rival', campaign: 'summer' },
    { type: 'campaignExposure', customerId: 'd', at: '2024-06-05', competitor: 'Other', campaign: 'x' },
    purchase('d', '2024-05-01'),
  ]);
  const window = { competitor: 'Rival', campaignStart: '2024-06-01', observationEnd: '2024-06-30' };

  it('compares purchase counts with each customer’s own baseline by default', () => {
    expect(vulnerabilityFromEvents(events, window)).toEqual({
      index: 50,
      observed: ['a', 'b'],
      vulnerable: ['a'],
      withoutBaseline: ['c'],
    });
  });

  it('compares spend when asked: b spent 10 after 100', () => {
    expect(vulnerabilityFromEvents(events, { ...window, measure: 'spend' }).vulnerable).toEqual(['a', 'b']);
  });

  it('a minimum decline of 60% keeps a 50% drop out of the Vulnerable Set', () => {
    expect(vulnerabilityFromEvents(events, { ...window, minimumDecline: 0.6 }).vulnerable).toEqual([]);
  });

  it('can keep customers without baseline as not vulnerable', () => {
    expect(vulnerabilityFromEvents(events, { ...window, withoutBaseline: 'notVulnerable' }).observed).toEqual(
      ['a', 'b', 'c'],
    );
  });

  it('restricts to the given customers (the competitor’s region)', () => {
    expect(vulnerabilityFromEvents(events, { ...window, customers: ['b'] }).observed).toEqual(['b']);
  });

  it('gives a null index for an empty Observation Set, and rejects a window that ends before it starts', () => {
    expect(vulnerabilityFromEvents(events, { ...window, competitor: 'Nobody' }).index).toBeNull();
    expect(codeOf(() => vulnerabilityFromEvents(events, { ...window, observationEnd: '2024-05-01' }))).toBe(
      'OUT_OF_RANGE',
    );
  });
});

describe('loyalCustomers', () => {
  const events = parseEventsOrThrow([
    ...['01', '02', '03', '04', '05'].map((month) => purchase('a', `2024-${month}-01`)),
    ...['01', '02', '03', '04', '05'].map((month) => purchase('b', `2024-${month}-01`)),
    purchase('b', '2024-05-01T18:00:00Z'),
    purchase('c', '2024-01-01'),
    { type: 'referral', customerId: 'b', referredCustomerId: 'c', at: '2024-01-01' },
  ]);

  it('uses five purchases on distinct days by default', () => {
    expect(loyalCustomers(events)).toEqual(['a', 'b']);
  });

  it('can require a referral', () => {
    expect(loyalCustomers(events, { requireReferral: true })).toEqual(['b']);
  });

  it('counts only events up to asOf', () => {
    expect(loyalCustomers(events, { asOf: '2024-04-15' })).toEqual([]);
  });
});

describe('relationshipTypes', () => {
  it('applies every rule, and a customer may hold several types', () => {
    const events = parseEventsOrThrow([
      ...['2023-06-01', '2023-09-01', '2023-12-01', '2024-03-01', '2024-05-20'].map((at) =>
        purchase('loyal', at),
      ),
      { type: 'referral', customerId: 'loyal', referredCustomerId: 'new', at: '2024-05-01' },
      { type: 'survey', customerId: 'new', at: '2024-05-02', metric: 'nps', score: 9 },
      purchase('lapsed', '2023-01-01'),
      { type: 'subscription', customerId: 'sub', at: '2023-01-01', change: 'start', recurringRevenue: 5 },
      purchase('sub', '2023-01-01'),
    ]);
    const customers = parseCustomersOrThrow([{ id: 'proj', attributes: { accountType: 'project' } }]);
    expect(relationshipTypes(events, customers, { asOf: '2024-06-01' })).toEqual([
      { customerId: 'lapsed', types: ['prospective', 'exchange'] },
      { customerId: 'loyal', types: ['current', 'loyal', 'exchange'] },
      { customerId: 'new', types: ['new'] },
      { customerId: 'proj', types: ['new', 'project'] },
      { customerId: 'sub', types: ['current', 'exchange'] },
    ]);
  });

  it('makes the loyal rule configurable: without the referral requirement more customers qualify', () => {
    const events = parseEventsOrThrow(['2024-01-01', '2024-02-01'].map((at) => purchase('x', at)));
    const rules = { loyalPurchases: 2, loyalSpanDays: 30, loyalRequiresReferral: false };
    expect(relationshipTypes(events, [], rules)[0]?.types).toContain('loyal');
  });
});

describe('supportResponseTimes', () => {
  it('gives null statistics without tickets', () => {
    expect(supportResponseTimes([])).toEqual({
      tickets: 0,
      answered: 0,
      medianFirstResponseHours: null,
      p90FirstResponseHours: null,
      shareAnsweredWithin: null,
      resolved: 0,
      medianResolutionHours: null,
      p90ResolutionHours: null,
    });
  });

  it('rejects a support event whose response precedes it (unparsed input)', () => {
    const bad = [{ type: 'support', customerId: 'a', at: 10, firstResponseAt: 5 }];
    expect(codeOf(() => supportResponseTimes(bad as never))).toBe('INVALID_ARGUMENT');
  });

  it('the share answered within N hours never falls as N grows, and the median lies between the extremes', () => {
    const response = fc.record({
      opened: fc.integer({ min: 0, max: 1e9 }),
      wait: fc.integer({ min: 0, max: 3e8 }),
    });
    fc.assert(
      fc.property(
        fc.array(response, { minLength: 1, maxLength: 30 }),
        fc.nat(50),
        fc.nat(50),
        (tickets, a, b) => {
          const events = tickets.map(({ opened, wait }) => ({
            type: 'support' as const,
            customerId: 'c',
            at: opened,
            firstResponseAt: opened + wait,
          }));
          const [low, high] = a <= b ? [a, b] : [b, a];
          const short = supportResponseTimes(events, { withinHours: low });
          const long = supportResponseTimes(events, { withinHours: high });
          const hours = tickets.map(({ wait }) => wait / 3_600_000);
          const median = long.medianFirstResponseHours as number;
          return (
            (long.shareAnsweredWithin as number) >= (short.shareAnsweredWithin as number) &&
            median >= Math.min(...hours) &&
            median <= Math.max(...hours)
          );
        },
      ),
    );
  });
});

describe('vulnerabilityFromEvents with a null-prototype customer id (issue 15 item 9)', () => {
  it('is INVALID_ARGUMENT naming the entry, not a TypeError from String()', () => {
    const events = [{ type: 'purchase', customerId: 'a', at: 1_715_299_200_000, amount: 20 }] as const;
    const options = {
      competitor: 'Rival',
      campaignStart: '2024-06-01',
      observationEnd: '2024-06-30',
      customers: [Object.create(null)],
    };
    expect(codeOf(() => vulnerabilityFromEvents(events, options as never))).toBe('INVALID_ARGUMENT');
  });
});
