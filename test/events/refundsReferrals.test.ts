import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { netRefunds, parseEventsOrThrow, referralValue, rfmSummary } from '../../src/index';
import { codeOf } from '../helpers/errors';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

describe('netRefunds', () => {
  const events = parseEventsOrThrow([
    { type: 'purchase', customerId: 'a', at: '2024-01-05', amount: 80, orderId: 'o1' },
    { type: 'refund', customerId: 'a', at: '2024-01-09', amount: 30.1, orderId: 'o1' },
    { type: 'purchase', customerId: 'a', at: '2024-02-01', amount: 20, orderId: 'o2' },
    { type: 'refund', customerId: 'a', at: '2024-02-03', amount: 20, orderId: 'o2' },
    { type: 'refund', customerId: 'a', at: '2024-02-04', amount: 60, orderId: 'o1' },
    { type: 'refund', customerId: 'b', at: '2024-02-04', amount: 5 },
    { type: 'refund', customerId: 'a', at: '2024-02-05', amount: 5, orderId: 'zz' },
    { type: 'purchase', customerId: 'b', at: '2024-03-01', amount: 12.34 },
    { type: 'refund', customerId: 'b', at: '2024-03-02', amount: 2.34 },
  ]);

  it('nets refunds into their orders in exact minor units and reports each one it cannot place', () => {
    const net = netRefunds(events);
    expect(net.transactions).toEqual([
      { customerId: 'a', at: Date.UTC(2024, 0, 5), amount: 49.9, orderId: 'o1' },
      { customerId: 'b', at: Date.UTC(2024, 2, 1), amount: 12.34 },
    ]);
    expect(net.fullyRefunded).toEqual([
      { customerId: 'a', at: Date.UTC(2024, 1, 1), amount: 0, orderId: 'o2' },
    ]);
    expect(net.rejected.map((r) => [r.refund.customerId, r.refund.amount, r.code])).toEqual([
      ['a', 60, 'REFUND_EXCEEDS_ORDER'],
      ['b', 5, 'UNMATCHED_REFUND'],
      ['a', 5, 'UNMATCHED_REFUND'],
      ['b', 2.34, 'UNMATCHED_REFUND'],
    ]);
    expect(net.rejected[0]?.message).toContain('more than the 49.9 left of order o1');
    expect(net.returners).toEqual([
      { customerId: 'a', purchases: 2, refunds: 2, gross: 100, refunded: 50.1, share: 0.501, serial: false },
    ]);
  });

  it("nets unnumbered refunds against the latest purchase that covers them under 'latest-purchase'", () => {
    const net = netRefunds(events, {
      unmatched: 'latest-purchase',
      fullRefunds: 'keep',
      serialMinimumRefunds: 2,
    });
    expect(net.transactions.map((t) => [t.customerId, t.amount])).toEqual([
      ['a', 49.9],
      ['a', 0],
      ['b', 10],
    ]);
    // b's refund of 5 on 2024-02-04 still comes before any purchase of theirs
    expect(net.rejected.map((r) => r.code)).toEqual([
      'REFUND_EXCEEDS_ORDER',
      'UNMATCHED_REFUND',
      'UNMATCHED_REFUND',
    ]);
    expect(net.serialReturners).toEqual(['a']);
  });

  it('gives the summary the money customers kept: a refund lowers monetary value, a full refund a purchase', () => {
    const log = parseEventsOrThrow([
      { type: 'purchase', customerId: 'a', at: '2024-01-05', amount: 10, orderId: 'o1' },
      { type: 'purchase', customerId: 'a', at: '2024-02-05', amount: 40, orderId: 'o2' },
      { type: 'refund', customerId: 'a', at: '2024-02-06', amount: 15, orderId: 'o2' },
      { type: 'purchase', customerId: 'a', at: '2024-03-05', amount: 30, orderId: 'o3' },
      { type: 'refund', customerId: 'a', at: '2024-03-06', amount: 30, orderId: 'o3' },
    ]);
    const end = { observationEnd: '2024-04-01' };
    const [dropped] = rfmSummary(netRefunds(log).transactions, end);
    expect(dropped).toMatchObject({ customerId: 'a', frequency: 1, monetaryValue: 25 });
    const [kept] = rfmSummary(netRefunds(log, { fullRefunds: 'keep' }).transactions, end);
    expect(kept).toMatchObject({ customerId: 'a', frequency: 2, monetaryValue: 12.5 });
  });

  it('refuses a refund in another currency than its order', () => {
    const net = netRefunds(
      parseEventsOrThrow([
        { type: 'purchase', customerId: 'a', at: '2024-01-05', amount: 10, orderId: 'o', currency: 'EUR' },
        { type: 'refund', customerId: 'a', at: '2024-01-06', amount: 1, orderId: 'o', currency: 'USD' },
      ]),
    );
    expect(net.rejected[0]?.code).toBe('UNMATCHED_REFUND');
    expect(net.transactions[0]?.amount).toBe(10);
  });

  it('refuses an order id two purchases carry, and amounts finer than the currency', () => {
    const twice = parseEventsOrThrow([
      { type: 'purchase', customerId: 'a', at: '2024-01-05', amount: 10, orderId: 'o' },
      { type: 'purchase', customerId: 'a', at: '2024-01-06', amount: 10, orderId: 'o' },
      { type: 'refund', customerId: 'a', at: '2024-01-07', amount: 1, orderId: 'o' },
    ]);
    expect(netRefunds(twice).rejected[0]?.message).toContain('two of their purchases');
    expect(codeOf(() => netRefunds(twice, { fractionDigits: 0, asOf: '2024-01-06' }))).toBeUndefined();
    const fine = parseEventsOrThrow([{ type: 'purchase', customerId: 'a', at: '2024-01-05', amount: 10.5 }]);
    expect(codeOf(() => netRefunds(fine, { fractionDigits: 0 }))).toBe('MONEY_PRECISION');
    expect(codeOf(() => netRefunds(fine, { unmatched: 'nearest' as never }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => netRefunds(fine, { serialMinimumShare: 2 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => netRefunds(fine, { serialMinimumRefunds: 0 }))).toBe('OUT_OF_RANGE');
  });

  it('conserves money: net + refunded = gross per customer, and refunds never make a purchase negative', () => {
    const logs = fc.array(
      fc.record({
        refund: fc.boolean(),
        customer: fc.constantFrom('a', 'b', 'c'),
        order: fc.option(fc.constantFrom('o1', 'o2', 'o3'), { nil: undefined }),
        cents: fc.integer({ min: 1, max: 10_000 }),
        day: fc.integer({ min: 0, max: 60 }),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(logs, fc.constantFrom('reject', 'latest-purchase' as const), (raw, unmatched) => {
        const events = parseEventsOrThrow(
          raw.map((e) => ({
            type: e.refund ? 'refund' : 'purchase',
            customerId: e.customer,
            at: T0 + e.day * DAY,
            amount: e.cents / 100,
            ...(e.order === undefined ? {} : { orderId: e.order }),
          })),
        );
        const net = netRefunds(events, { unmatched, fullRefunds: 'keep' });
        const refunds = raw.filter((e) => e.refund).length;
        const netted = net.returners.reduce((sum, r) => sum + r.refunds, 0);
        expect(netted + net.rejected.length).toBe(refunds);
        expect(net.transactions.length).toBe(raw.length - refunds);
        for (const customer of ['a', 'b', 'c']) {
          const grossCents = raw
            .filter((e) => !e.refund && e.customer === customer)
            .reduce((s, e) => s + e.cents, 0);
          const netCents = net.transactions
            .filter((t) => t.customerId === customer)
            .reduce((s, t) => s + Math.round(t.amount * 100), 0);
          const row = net.returners.find((r) => r.customerId === customer);
          expect(netCents + Math.round((row?.refunded ?? 0) * 100)).toBe(grossCents);
        }
        for (const t of net.transactions) expect(t.amount).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('referralValue', () => {
  const events = parseEventsOrThrow([
    { type: 'purchase', customerId: 'old', at: '2023-12-01', amount: 5 },
    { type: 'referral', customerId: 'ann', referredCustomerId: 'bob', at: '2024-01-01' },
    { type: 'referral', customerId: 'bob', referredCustomerId: 'cy', at: '2024-02-01' },
    { type: 'referral', customerId: 'cy', referredCustomerId: 'ann', at: '2024-02-02' },
    { type: 'referral', customerId: 'dee', referredCustomerId: 'bob', at: '2024-03-01' },
    { type: 'referral', customerId: 'dee', referredCustomerId: 'dee', at: '2024-03-02' },
    { type: 'referral', customerId: 'dee', referredCustomerId: 'old', at: '2024-03-03' },
    { type: 'referral', customerId: 'ann', referredCustomerId: 'eve', at: '2024-03-04' },
  ]);
  const clv = new Map([
    ['ann', 120],
    ['bob', 80],
    ['cy', 40],
  ]);

  it('credits each referred customer to the first referral and says why the others are not', () => {
    const result = referralValue(events, clv);
    expect(result.referrers).toEqual(
      [
        { customerId: 'ann', referred: ['bob', 'eve'], value: 80, indirectValue: 0, unvalued: 1 },
        { customerId: 'cy', referred: ['ann'], value: 120, indirectValue: 0, unvalued: 0 },
        { customerId: 'bob', referred: ['cy'], value: 40, indirectValue: 0, unvalued: 0 },
      ].sort((a, b) => b.value - a.value),
    );
    expect(result.total).toBe(240);
    expect(result.unvalued).toEqual(['eve']);
    expect(result.uncredited.map((u) => [u.reason, u.attributedTo])).toEqual([
      ['already-referred', 'ann'],
      ['self', undefined],
      ['existing-customer', undefined],
    ]);
  });

  it('follows generations without crediting anyone twice around a cycle', () => {
    const result = referralValue(events, clv, { depth: 5 });
    const ann = result.referrers.find((r) => r.customerId === 'ann');
    // ann → bob (80) → cy (40) → ann (herself: not credited)
    expect(ann).toMatchObject({ value: 80, indirectValue: 40 });
    expect(result.total).toBe(240);
  });

  it('refuses values that are not finite numbers and sums beyond a double', () => {
    expect(codeOf(() => referralValue(events, { bob: Number.NaN }))).toBe('NOT_FINITE');
    expect(codeOf(() => referralValue(events, { bob: '8' as never }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => referralValue(events, [] as never))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => referralValue(events, { ann: 1.7e308, bob: 1.7e308, cy: 1.7e308 }))).toBe(
      'OUT_OF_RANGE',
    );
    expect(codeOf(() => referralValue(events, clv, { depth: 0 }))).toBe('OUT_OF_RANGE');
  });

  it('a deeper depth never lowers a referrer’s credited value, and depth 1 has no indirect value', () => {
    const graphs = fc.array(
      fc.record({ from: fc.integer({ min: 0, max: 6 }), to: fc.integer({ min: 0, max: 6 }) }),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(graphs, fc.integer({ min: 1, max: 4 }), (edges, depth) => {
        const log = parseEventsOrThrow(
          edges.map((e, k) => ({
            type: 'referral',
            customerId: `c${e.from}`,
            referredCustomerId: `c${e.to}`,
            at: T0 + k * DAY,
          })),
        );
        const values = Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((k) => [`c${k}`, k + 1]));
        const shallow = referralValue(log, values, { depth });
        const deep = referralValue(log, values, { depth: depth + 1 });
        for (const row of shallow.referrers) {
          const other = deep.referrers.find((r) => r.customerId === row.customerId);
          expect(other?.value).toBe(row.value);
          expect((other?.indirectValue ?? 0) >= row.indirectValue).toBe(true);
          if (depth === 1) expect(row.indirectValue).toBe(0);
        }
        const credited = shallow.referrers.reduce((s, r) => s + r.referred.length, 0);
        expect(credited + shallow.uncredited.length).toBe(edges.length);
      }),
    );
  });
});
