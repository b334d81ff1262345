import { describe, expect, it } from 'vitest';
import {
  breakageRate,
  type LedgerEntry,
  pointsBalance,
  pointsExpiring,
  pointsLiability,
  pointsStatement,
} from '../../../src/index';
import { MAX_EPOCH_MS } from '../../../src/model/time';
import { codeOf, errorOf } from '../../helpers/errors';

const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 1);
const MAX = Number.MAX_SAFE_INTEGER;

describe('the ledger replay keeps every total exact', () => {
  it('a customer balance beyond 2^53 points is OUT_OF_RANGE, in strict and lenient mode', () => {
    const ledger: LedgerEntry[] = [
      { customerId: 'ann', at: START, kind: 'earn', points: MAX },
      { customerId: 'ann', at: START + DAY, kind: 'earn', points: 2 },
    ];
    for (const mode of ['strict', 'lenient'] as const) {
      expect(codeOf(() => pointsBalance(ledger, { at: START + 2 * DAY, mode }))).toBe('OUT_OF_RANGE');
      expect(codeOf(() => pointsStatement(ledger, 'ann', { at: START + 2 * DAY, mode }))).toBe(
        'OUT_OF_RANGE',
      );
    }
  });

  it('points redeemed or expired beyond 2^53 in all are OUT_OF_RANGE', () => {
    const ledger: LedgerEntry[] = [
      { customerId: 'ann', at: START, kind: 'earn', points: MAX },
      { customerId: 'ann', at: START + DAY, kind: 'redeem', points: MAX },
      { customerId: 'ann', at: START + 2 * DAY, kind: 'adjust', points: 3 },
      { customerId: 'ann', at: START + 3 * DAY, kind: 'redeem', points: 3 },
    ];
    // earned stays at MAX, the adjustment is 3, but redeemed reaches MAX + 3
    expect(codeOf(() => pointsBalance(ledger, { at: START + 4 * DAY }))).toBe('OUT_OF_RANGE');
  });

  it('totals over customers beyond 2^53 are OUT_OF_RANGE (each customer alone is exact)', () => {
    const ledger: LedgerEntry[] = [
      { customerId: 'ann', at: START, kind: 'earn', points: MAX },
      { customerId: 'bo', at: START, kind: 'earn', points: 2 },
    ];
    const at = START + DAY;
    expect(codeOf(() => pointsBalance(ledger, { at }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => pointsLiability(ledger, { at, pointValue: 0.01 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => breakageRate(ledger, { at }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => pointsExpiring(ledger, { at, withinDays: 10, validityDays: 5 }))).toBe(
      'OUT_OF_RANGE',
    );
    // one customer at a time is fine
    expect(pointsStatement(ledger, 'ann', { at }).balance).toBe(MAX);
  });

  it('points that add up past 2^53 while every total stays exact replay without OUT_OF_RANGE', () => {
    // the replay checks each total only once a customer's points applied pass 2^53 − 1: here they do
    // (2 × (MAX − 1) + 1), but earned, redeemed, adjusted and the balance all stay exact
    const ledger: LedgerEntry[] = [
      { customerId: 'ann', at: START, kind: 'earn', points: MAX - 1 },
      { customerId: 'ann', at: START + DAY, kind: 'redeem', points: MAX - 1 },
      { customerId: 'ann', at: START + 2 * DAY, kind: 'adjust', points: 1 },
    ];
    const result = pointsBalance(ledger, { at: START + 3 * DAY });
    expect(result.balance).toBe(1);
    expect(result.earned).toBe(MAX - 1);
    expect(result.redeemed).toBe(MAX - 1);
    expect(result.adjusted).toBe(1);
  });

  it('a customer whose points add up past 2^53 replays exactly before and after another customer', () => {
    // the replay as read leaves such a customer to the replay over rows, which checks every total; the
    // customer after it (and before it) must come out the same as alone
    const ledger: LedgerEntry[] = [
      { customerId: 'al', at: START, kind: 'earn', points: 7 },
      // ann's points applied add up to 2 × (MAX − 20) + 1, the ledger's total earned to MAX − 8
      { customerId: 'ann', at: START, kind: 'earn', points: MAX - 20 },
      { customerId: 'ann', at: START + DAY, kind: 'redeem', points: MAX - 20 },
      { customerId: 'ann', at: START + 2 * DAY, kind: 'adjust', points: 1 },
      { customerId: 'bo', at: START, kind: 'earn', points: 5 },
      { customerId: 'bo', at: START + DAY, kind: 'redeem', points: 2 },
    ];
    // a ledger out of order first, read into rows, leaves another customer in the reused rows: a row the
    // replay did not write as its own would show up as zed's
    const zed = ledger.map((entry, k) => ({
      ...entry,
      customerId: 'zed',
      points: k + 1,
      kind: 'earn' as const,
    }));
    pointsBalance(zed.reverse(), { at: START + 3 * DAY });
    const result = pointsBalance(ledger, { at: START + 3 * DAY });
    expect(result.customers.map((customer) => [customer.customerId, customer.balance])).toEqual([
      ['al', 7],
      ['ann', 1],
      ['bo', 3],
    ]);
    expect(result.balance).toBe(11);
    expect(pointsBalance(ledger.slice(0, 4), { at: START + 3 * DAY }).balance).toBe(8);
  });

  it('a lot whose expiry falls beyond the Date range is OUT_OF_RANGE, not an expiry no Date can hold', () => {
    const ledger: LedgerEntry[] = [{ customerId: 'ann', at: MAX_EPOCH_MS - DAY, kind: 'earn', points: 5 }];
    for (const mode of ['strict', 'lenient'] as const) {
      expect(codeOf(() => pointsBalance(ledger, { at: MAX_EPOCH_MS, validityDays: 2, mode }))).toBe(
        'OUT_OF_RANGE',
      );
    }
    // on the last day of the range it still works
    const lots = pointsBalance(ledger, { at: MAX_EPOCH_MS, validityDays: 1 }).customers[0]?.lots;
    expect(lots).toEqual([]);
    expect(pointsBalance(ledger, { at: MAX_EPOCH_MS }).balance).toBe(5);
  });
});

describe('the replay tries a ledger in canonical order as it reads it', () => {
  it('strict mode throws a malformed entry read after an overdraft, not the overdraft it met first', () => {
    const ledger = [
      { id: 'e1', customerId: 'ann', at: START, kind: 'earn', points: 10 },
      { id: 'r1', customerId: 'ann', at: START + DAY, kind: 'redeem', points: 50 },
      { id: 'e2', customerId: 'ann', at: START + 2 * DAY, kind: 'earn', points: 'ten' },
    ] as unknown as LedgerEntry[];
    expect(codeOf(() => pointsBalance(ledger, { at: START + 3 * DAY }))).toBe('INVALID_LEDGER_ENTRY');
    const lenient = pointsBalance(ledger, { at: START + 3 * DAY, mode: 'lenient' });
    expect(lenient.rejected.map((r) => [r.index, r.code])).toEqual([
      [1, 'INSUFFICIENT_POINTS'],
      [2, 'INVALID_LEDGER_ENTRY'],
    ]);
    expect(lenient.balance).toBe(10);
  });

  it('a ledger that leaves canonical order late replays as the sorted ledger does', () => {
    const ledger: LedgerEntry[] = [
      { id: 'e1', customerId: 'ann', at: START, kind: 'earn', points: 10 },
      { id: 'r1', customerId: 'ann', at: START + 2 * DAY, kind: 'redeem', points: 15 },
      { id: 'e2', customerId: 'ann', at: START + DAY, kind: 'earn', points: 10 },
    ];
    const result = pointsBalance(ledger, { at: START + 3 * DAY });
    expect([result.balance, result.earned, result.redeemed]).toEqual([5, 20, 15]);
    expect(result.customers[0]?.lots).toEqual([{ creditedAt: START + DAY, expiresAt: null, points: 5 }]);
  });

  it('a repeated id among 200 in canonical order is found, and the first of the two counts', () => {
    const ledger: LedgerEntry[] = Array.from({ length: 200 }, (_, k) => ({
      id: k === 150 ? 'e7' : `e${k}`,
      customerId: 'ann',
      at: START + k * DAY,
      kind: 'earn' as const,
      points: k + 1,
    }));
    const result = pointsBalance(ledger, { at: START + 300 * DAY, mode: 'lenient' });
    expect(result.rejected.map((r) => [r.index, r.code])).toEqual([[150, 'DUPLICATE_ENTRY']]);
    expect(result.earned).toBe((200 * 201) / 2 - 151);
    expect(codeOf(() => pointsBalance(ledger, { at: START + 300 * DAY }))).toBe('DUPLICATE_ENTRY');
  });

  it('the entry where the replay as read stops (an ISO time) is not read again, and gives the ISO result', () => {
    let reads = 0;
    const iso = {
      id: 'e2',
      get customerId() {
        reads++;
        return reads === 1 ? 'ann' : 'bo';
      },
      at: new Date(START + DAY).toISOString(),
      kind: 'earn',
      points: 7,
    } as unknown as LedgerEntry;
    const first: LedgerEntry = { id: 'e1', customerId: 'ann', at: START, kind: 'earn', points: 10 };
    const result = pointsBalance([first, iso], { at: START + 2 * DAY });
    expect(reads).toBe(1);
    expect(result.customers.map((customer) => [customer.customerId, customer.balance])).toEqual([
      ['ann', 17],
    ]);
  });

  it('a ledger of two customers in canonical order replays as read; one out of order replays sorted, alike', () => {
    const ledger: LedgerEntry[] = [
      { id: 'a1', customerId: 'ann', at: START, kind: 'earn', points: 10 },
      { id: 'a2', customerId: 'ann', at: START + DAY, kind: 'redeem', points: 4 },
      { id: 'b1', customerId: 'bo', at: START, kind: 'earn', points: 3 },
      { id: 'b2', customerId: 'bo', at: START + DAY, kind: 'adjust', points: -1 },
    ];
    const options = { at: START + 3 * DAY, validityDays: 2 };
    const inOrder = pointsBalance(ledger, options);
    expect(
      inOrder.customers.map((customer) => [customer.customerId, customer.balance, customer.expired]),
    ).toEqual([
      ['ann', 0, 6],
      ['bo', 0, 2],
    ]);
    expect(pointsBalance([...ledger].reverse(), options)).toEqual(inOrder);
  });
});

describe('a hole in the ledger', () => {
  it('is INVALID_ARGUMENT naming it in either mode, after valid, malformed or out-of-order entries alike', () => {
    const entry: LedgerEntry = { customerId: 'ann', at: START, kind: 'earn', points: 5 };
    const malformed = { ...entry, points: -1 };
    const earlier = { ...entry, at: START - DAY };
    // the replay as read stops at the hole itself, at a malformed entry or at an entry out of order, and
    // the list is searched for holes there: each must still be the first error
    const ledgers: [LedgerEntry[], number][] = [
      // biome-ignore lint/suspicious/noSparseArray: the hole is the point of the test
      [[entry, , entry] as LedgerEntry[], 1],
      // biome-ignore lint/suspicious/noSparseArray: the hole is the point of the test
      [[, entry] as LedgerEntry[], 0],
      // biome-ignore lint/suspicious/noSparseArray: the hole is the point of the test
      [[malformed, entry, , entry] as LedgerEntry[], 2],
      // biome-ignore lint/suspicious/noSparseArray: the hole is the point of the test
      [[entry, earlier, entry, ,] as LedgerEntry[], 3],
    ];
    for (const [ledger, hole] of ledgers) {
      for (const mode of ['strict', 'lenient'] as const) {
        const error = errorOf(() => pointsBalance(ledger, { at: START + DAY, mode }));
        expect(error?.code).toBe('INVALID_ARGUMENT');
        expect(error?.message).toContain(`ledger[${hole}] is a hole`);
      }
    }
  });
});
