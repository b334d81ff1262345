import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  breakageRate,
  isPatronageError,
  type LedgerEntry,
  pointsBalance,
  pointsExpiring,
  pointsLiability,
  pointsStatement,
} from '../../../src/index';
import { codeOf } from '../../helpers/errors';

const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 1);

/** Random ledgers of up to three customers over 60 days, with small whole points. */
const entry = fc
  .record({
    customerId: fc.constantFrom('ann', 'bo', 'cy'),
    day: fc.integer({ min: 0, max: 60 }),
    kind: fc.constantFrom('earn', 'earn', 'redeem', 'adjust', 'expire'),
    points: fc.integer({ min: 1, max: 40 }),
    negative: fc.boolean(),
  })
  .map(
    ({ customerId, day, kind, points, negative }): LedgerEntry => ({
      customerId,
      at: START + day * DAY,
      kind: kind as LedgerEntry['kind'],
      points: kind === 'adjust' && negative ? -points : points,
    }),
  );
const ledgers = fc.array(entry, { maxLength: 30 });
const validity = fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined });
const evaluationDay = fc.integer({ min: 0, max: 90 });

/**
 * A reference model: every point is a unit with its credit time; debits take the oldest units; a unit
 * expires validity days after its credit. Entries are applied in the documented order (time, then credits
 * before redeems, debits and expiries, then points); an entry the balance cannot cover is skipped.
 */
function unitModel(ledger: readonly LedgerEntry[], at: number, validityDays: number | undefined) {
  const rank = (e: LedgerEntry) =>
    e.kind === 'earn' ? 0 : e.kind === 'adjust' ? (e.points > 0 ? 1 : 3) : e.kind === 'redeem' ? 2 : 4;
  const sorted = [...ledger]
    .filter((e) => (e.at as number) <= at)
    .sort(
      (l, r) =>
        (l.customerId < r.customerId ? -1 : l.customerId > r.customerId ? 1 : 0) ||
        (l.at as number) - (r.at as number) ||
        rank(l) - rank(r) ||
        l.points - r.points,
    );
  const result = new Map<string, { balance: number; expired: number; redeemed: number; skipped: number }>();
  const units = new Map<string, number[]>(); // credit times, oldest first
  const seen = new Set<string>();
  for (const e of sorted) {
    const key = `${e.customerId}|${e.at}|${e.kind}|${e.points}`;
    const state = result.get(e.customerId) ?? { balance: 0, expired: 0, redeemed: 0, skipped: 0 };
    result.set(e.customerId, state);
    if (seen.has(key)) {
      state.skipped++;
      continue;
    }
    seen.add(key);
    const mine = units.get(e.customerId) ?? [];
    units.set(e.customerId, mine);
    const expireBy = (time: number) => {
      while (
        mine.length > 0 &&
        validityDays !== undefined &&
        (mine[0] as number) + validityDays * DAY <= time
      ) {
        mine.shift();
        state.expired++;
      }
    };
    expireBy(e.at as number);
    if (e.kind === 'earn' || (e.kind === 'adjust' && e.points > 0)) {
      for (let k = 0; k < e.points; k++) mine.push(e.at as number);
    } else {
      const debit = Math.abs(e.points);
      if (debit > mine.length) {
        state.skipped++;
        continue;
      }
      mine.splice(0, debit);
      if (e.kind === 'redeem') state.redeemed += debit;
      if (e.kind === 'expire') state.expired += debit;
    }
  }
  for (const [customerId, state] of result) {
    const mine = units.get(customerId) ?? [];
    while (mine.length > 0 && validityDays !== undefined && (mine[0] as number) + validityDays * DAY <= at) {
      mine.shift();
      state.expired++;
    }
    state.balance = mine.length;
  }
  return result;
}

function shuffled<T>(list: readonly T[], seed: number): T[] {
  const copy = [...list];
  let state = seed >>> 0 || 1;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

describe('points ledger laws', () => {
  it('the balance is never negative and equals earned − redeemed − expired + adjustments', () => {
    fc.assert(
      fc.property(ledgers, validity, evaluationDay, (ledger, validityDays, day) => {
        const result = pointsBalance(ledger, { at: START + day * DAY, validityDays, mode: 'lenient' });
        for (const customer of result.customers) {
          expect(customer.balance).toBeGreaterThanOrEqual(0);
          expect(customer.balance).toBe(
            customer.earned - customer.redeemed - customer.expired + customer.adjusted,
          );
          expect(customer.lots.reduce((sum, lot) => sum + lot.points, 0)).toBe(customer.balance);
        }
        expect(result.balance).toBe(result.earned - result.redeemed - result.expired + result.adjusted);
      }),
    );
  });

  it('agrees with a point-by-point model of first-in-first-out redemption and expiry', () => {
    fc.assert(
      fc.property(ledgers, validity, evaluationDay, (ledger, validityDays, day) => {
        const at = START + day * DAY;
        const result = pointsBalance(ledger, { at, validityDays, mode: 'lenient' });
        const model = unitModel(ledger, at, validityDays);
        for (const customer of result.customers) {
          const expected = model.get(customer.customerId);
          expect(customer.balance).toBe(expected?.balance ?? 0);
          expect(customer.expired).toBe(expected?.expired ?? 0);
          expect(customer.redeemed).toBe(expected?.redeemed ?? 0);
        }
        const skipped = [...model.values()].reduce((sum, state) => sum + state.skipped, 0);
        const rejectedBeforeAt = result.rejected.filter((r) => (ledger[r.index]?.at as number) <= at).length;
        expect(rejectedBeforeAt).toBe(skipped);
      }),
    );
  });

  it('entries in any order, equal timestamps included, give the same result under the documented tie-break', () => {
    fc.assert(
      fc.property(ledgers, validity, evaluationDay, fc.integer(), (ledger, validityDays, day, seed) => {
        const options = { at: START + day * DAY, validityDays, mode: 'lenient' as const };
        const order = shuffled(ledger, seed);
        const first = pointsBalance(ledger, options);
        const second = pointsBalance(order, options);
        expect(second.customers).toEqual(first.customers);
        const rejectedEntries = (list: readonly LedgerEntry[], rejected: typeof first.rejected) =>
          rejected.map((r) => JSON.stringify([list[r.index], r.code])).sort();
        expect(rejectedEntries(order, second.rejected)).toEqual(rejectedEntries(ledger, first.rejected));
      }),
    );
  });

  it('a ledger already in canonical order (replayed as it is read) gives what the same ledger shuffled gives, errors included', () => {
    const rank = (e: LedgerEntry) =>
      e.kind === 'earn' ? 0 : e.kind === 'adjust' ? (e.points > 0 ? 1 : 3) : e.kind === 'redeem' ? 2 : 4;
    const canonical = (l: LedgerEntry, r: LedgerEntry) =>
      (l.customerId < r.customerId ? -1 : l.customerId > r.customerId ? 1 : 0) ||
      (l.at as number) - (r.at as number) ||
      rank(l) - rank(r) ||
      l.points - r.points ||
      ((l.id ?? '') < (r.id ?? '') ? -1 : (l.id ?? '') > (r.id ?? '') ? 1 : 0);
    // some entries carry ids from a small pool, so that ids repeat
    const withIds = fc.array(
      fc.tuple(entry, fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined })),
      {
        maxLength: 30,
      },
    );
    fc.assert(
      fc.property(withIds, validity, evaluationDay, fc.integer(), (tagged, validityDays, day, seed) => {
        const ledger = tagged
          .map(([e, id]): LedgerEntry => (id === undefined ? e : { ...e, id: `id${id}` }))
          .sort(canonical);
        const order = shuffled(ledger, seed);
        const at = START + day * DAY;
        const lenient = { at, validityDays, mode: 'lenient' as const };
        const inOrder = pointsBalance(ledger, lenient);
        const anyOrder = pointsBalance(order, lenient);
        expect(inOrder.customers).toEqual(anyOrder.customers);
        expect(inOrder.later).toBe(anyOrder.later);
        const rejectedEntries = (list: readonly LedgerEntry[], rejected: typeof inOrder.rejected) =>
          rejected
            .map((r) => JSON.stringify([list[r.index], r.code, r.message.replace(/\[\d+\]/g, '')]))
            .sort();
        expect(rejectedEntries(ledger, inOrder.rejected)).toEqual(rejectedEntries(order, anyOrder.rejected));
        const strictCode = codeOf(() => pointsBalance(ledger, { at, validityDays }));
        expect(strictCode).toBe(codeOf(() => pointsBalance(order, { at, validityDays })));
        expect(strictCode === undefined).toBe(inOrder.rejected.length === 0);
      }),
    );
  });

  it('a ledger in canonical order for its first k entries and then not gives what its sorted copy gives, errors included', () => {
    const rank = (e: LedgerEntry) =>
      e.kind === 'earn' ? 0 : e.kind === 'adjust' ? (e.points > 0 ? 1 : 3) : e.kind === 'redeem' ? 2 : 4;
    const canonical = (l: LedgerEntry, r: LedgerEntry) =>
      (l.customerId < r.customerId ? -1 : l.customerId > r.customerId ? 1 : 0) ||
      (l.at as number) - (r.at as number) ||
      rank(l) - rank(r) ||
      l.points - r.points ||
      ((l.id ?? '') < (r.id ?? '') ? -1 : (l.id ?? '') > (r.id ?? '') ? 1 : 0);
    const withIds = fc.array(
      fc.tuple(entry, fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined })),
      { maxLength: 30 },
    );
    // a malformed entry (or none) put somewhere, so that a malformed entry may follow a duplicate or an
    // overdraft of the canonical prefix
    const malformed = fc.option(fc.tuple(fc.nat(), fc.constantFrom(2.5, 0, -3)), { nil: undefined });
    fc.assert(
      fc.property(
        withIds,
        fc.nat(),
        fc.integer(),
        malformed,
        validity,
        evaluationDay,
        (tagged, cut, seed, bad, validityDays, day) => {
          const sorted = tagged
            .map(([e, id]): LedgerEntry => (id === undefined ? e : { ...e, id: `id${id}` }))
            .sort(canonical);
          const k = sorted.length === 0 ? 0 : cut % (sorted.length + 1);
          const ledger = [...sorted.slice(0, k), ...shuffled(sorted.slice(k), seed)];
          const copy = [...sorted];
          if (bad !== undefined) {
            const wrong = { customerId: 'ann', at: START, kind: 'earn', points: bad[1] } as LedgerEntry;
            ledger.splice(bad[0] % (ledger.length + 1), 0, wrong);
            copy.splice(bad[0] % (copy.length + 1), 0, wrong);
          }
          const at = START + day * DAY;
          const lenient = { at, validityDays, mode: 'lenient' as const };
          const mixed = pointsBalance(ledger, lenient);
          const inOrder = pointsBalance(copy, lenient);
          expect(mixed.customers).toEqual(inOrder.customers);
          expect(mixed.later).toBe(inOrder.later);
          const rejectedEntries = (list: readonly LedgerEntry[], rejected: typeof mixed.rejected) =>
            rejected
              .map((r) => JSON.stringify([list[r.index], r.code, r.message.replace(/\[\d+\]/g, '')]))
              .sort();
          expect(rejectedEntries(ledger, mixed.rejected)).toEqual(rejectedEntries(copy, inOrder.rejected));
          const strictCode = codeOf(() => pointsBalance(ledger, { at, validityDays }));
          expect(strictCode).toBe(codeOf(() => pointsBalance(copy, { at, validityDays })));
          if (bad !== undefined) expect(strictCode).toBe('INVALID_LEDGER_ENTRY');
        },
      ),
    );
  });

  it('times in epoch ms or as ISO strings give the same result or the same error, rejections included', () => {
    // a one-customer ledger already in canonical order (the checkout case), with some rows repeated so that
    // duplicates (with and without ids) are common
    const oneCustomer = fc
      .tuple(
        fc.array(fc.record({ entry, withId: fc.boolean(), idNumber: fc.integer({ min: 0, max: 40 }) }), {
          maxLength: 30,
        }),
        fc.array(fc.nat(), { maxLength: 3 }),
      )
      .map(([rows, repeats]) => [
        ...rows,
        ...(rows.length === 0 ? [] : repeats.map((k) => rows[k % rows.length] as (typeof rows)[number])),
      ]);
    const rankOf = (e: LedgerEntry) =>
      e.kind === 'earn' ? 0 : e.kind === 'adjust' ? (e.points > 0 ? 1 : 3) : e.kind === 'redeem' ? 2 : 4;
    fc.assert(
      fc.property(oneCustomer, validity, evaluationDay, fc.boolean(), (rows, validityDays, day, lenient) => {
        const ledger: LedgerEntry[] = rows
          .map(({ entry: e, withId, idNumber }) =>
            withId ? { ...e, customerId: 'ann', id: `id${idNumber}` } : { ...e, customerId: 'ann' },
          )
          .sort(
            (l, r) =>
              (l.at as number) - (r.at as number) ||
              rankOf(l) - rankOf(r) ||
              l.points - r.points ||
              ((l.id ?? '') < (r.id ?? '') ? -1 : (l.id ?? '') > (r.id ?? '') ? 1 : 0),
          );
        const asStrings = ledger.map((e) => ({ ...e, at: new Date(e.at as number).toISOString() }));
        const options = {
          at: START + day * DAY,
          validityDays,
          mode: lenient ? 'lenient' : 'strict',
        } as const;
        const run = (list: readonly LedgerEntry[]) => {
          try {
            return pointsBalance(list, options);
          } catch (error) {
            return isPatronageError(error) ? { code: error.code, message: error.message } : error;
          }
        };
        expect(run(ledger)).toEqual(run(asStrings));
      }),
    );
  });

  it('one pass over all customers equals the customers taken one at a time (partial results merge)', () => {
    fc.assert(
      fc.property(ledgers, validity, evaluationDay, (ledger, validityDays, day) => {
        const options = { at: START + day * DAY, validityDays, mode: 'lenient' as const };
        const whole = pointsBalance(ledger, options);
        let balance = 0;
        for (const id of ['ann', 'bo', 'cy']) {
          const part = pointsBalance(
            ledger.filter((e) => e.customerId === id),
            options,
          );
          balance += part.balance;
          expect(part.customers).toEqual(whole.customers.filter((c) => c.customerId === id));
        }
        expect(balance).toBe(whole.balance);
      }),
    );
  });

  it('strict mode throws exactly when lenient mode rejects, with the first rejection’s code', () => {
    fc.assert(
      fc.property(ledgers, validity, evaluationDay, (ledger, validityDays, day) => {
        const at = START + day * DAY;
        const lenient = pointsBalance(ledger, { at, validityDays, mode: 'lenient' });
        if (lenient.rejected.length === 0) {
          expect(pointsBalance(ledger, { at, validityDays }).customers).toEqual(lenient.customers);
        } else {
          const code = codeOf(() => pointsBalance(ledger, { at, validityDays }));
          expect(lenient.rejected.map((r) => r.code)).toContain(code);
        }
      }),
    );
  });

  it('the statement replays to the balance, and liability and breakage agree with the totals', () => {
    fc.assert(
      fc.property(ledgers, validity, evaluationDay, (ledger, validityDays, day) => {
        const options = { at: START + day * DAY, validityDays, mode: 'lenient' as const };
        const result = pointsBalance(ledger, options);
        for (const customer of result.customers) {
          const statement = pointsStatement(ledger, customer.customerId, options);
          expect(statement.balance).toBe(customer.balance);
          expect(statement.lines.at(-1)?.balance ?? 0).toBe(customer.balance);
          expect(statement.lines.every((line) => line.balance >= 0)).toBe(true);
        }
        const liability = pointsLiability(ledger, { ...options, pointValue: 0.01 });
        expect(liability.outstandingPoints).toBe(result.balance);
        const breakage = breakageRate(ledger, options);
        expect(breakage.outstanding).toBe(result.balance);
        if (breakage.settled !== null) {
          expect(breakage.settled).toBeGreaterThanOrEqual(0);
          expect(breakage.settled).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('points expiring within a window are part of the balance and expire by its end', () => {
    fc.assert(
      fc.property(
        ledgers,
        fc.integer({ min: 1, max: 40 }),
        evaluationDay,
        fc.integer({ min: 0, max: 60 }),
        (ledger, validityDays, day, within) => {
          const at = START + day * DAY;
          const now = pointsBalance(ledger, { at, validityDays, mode: 'lenient' });
          const soon = pointsExpiring(ledger, { at, withinDays: within, validityDays, mode: 'lenient' });
          expect(soon.points).toBeLessThanOrEqual(now.balance);
          // with no activity after `at`, the balance at the window's end is what is left
          const quiet = ledger.filter((e) => (e.at as number) <= at);
          const later = pointsBalance(quiet, { at: at + within * DAY, validityDays, mode: 'lenient' });
          expect(later.balance).toBe(
            pointsBalance(quiet, { at, validityDays, mode: 'lenient' }).balance - soon.points,
          );
        },
      ),
    );
  });
});

describe('points ledger cases', () => {
  const day = (n: number) => START + n * DAY;

  it('expiry never touches redeemed points: 100 earned, 60 redeemed, 40 expire', () => {
    const ledger: LedgerEntry[] = [
      { customerId: 'ann', at: day(0), kind: 'earn', points: 100 },
      { customerId: 'ann', at: day(10), kind: 'redeem', points: 60 },
    ];
    const result = pointsBalance(ledger, { at: day(31), validityDays: 30 });
    expect(result.customers[0]).toMatchObject({ balance: 0, redeemed: 60, expired: 40 });
  });

  it('redeeming points that expired is POINTS_EXPIRED; more than was ever there is INSUFFICIENT_POINTS', () => {
    const earned: LedgerEntry = { customerId: 'ann', at: day(0), kind: 'earn', points: 50 };
    expect(
      codeOf(() =>
        pointsBalance([earned, { customerId: 'ann', at: day(40), kind: 'redeem', points: 30 }], {
          at: day(50),
          validityDays: 30,
        }),
      ),
    ).toBe('POINTS_EXPIRED');
    expect(
      codeOf(() =>
        pointsBalance([earned, { customerId: 'ann', at: day(10), kind: 'redeem', points: 80 }], {
          at: day(50),
        }),
      ),
    ).toBe('INSUFFICIENT_POINTS');
  });

  it('a duplicate id is DUPLICATE_ENTRY; lenient mode keeps the first and reports the other', () => {
    const ledger: LedgerEntry[] = [
      { id: 'a', customerId: 'ann', at: day(0), kind: 'earn', points: 50 },
      { id: 'a', customerId: 'ann', at: day(0), kind: 'earn', points: 50 },
    ];
    expect(codeOf(() => pointsBalance(ledger, { at: day(1) }))).toBe('DUPLICATE_ENTRY');
    const lenient = pointsBalance(ledger, { at: day(1), mode: 'lenient' });
    expect(lenient.balance).toBe(50);
    expect(lenient.rejected).toEqual([expect.objectContaining({ index: 1, code: 'DUPLICATE_ENTRY' })]);
  });

  it('finds duplicates among many ids that differ only where the id hash does not look', () => {
    // 20-character ids varying in characters 1–3 only: the sampled hash gives them all one slot, so the
    // index has to move to its fallback; every duplicate must still be found, none invented
    const ids = Array.from(
      { length: 3000 },
      (_, k) => `A${String(k).padStart(4, '0').slice(1)}${'B'.repeat(16)}`,
    );
    expect(new Set(ids).size).toBe(1000);
    const ledger: LedgerEntry[] = ids.map((id, k) => ({
      id,
      customerId: 'ann',
      at: day(k),
      kind: 'earn',
      points: 1,
    }));
    const lenient = pointsBalance(ledger, { at: day(4000), mode: 'lenient' });
    expect(lenient.balance).toBe(1000);
    expect(lenient.rejected).toHaveLength(2000);
    expect(lenient.rejected.every((entry) => entry.code === 'DUPLICATE_ENTRY' && entry.index >= 1000)).toBe(
      true,
    );
    expect(pointsBalance(ledger.slice(0, 1000), { at: day(4000) }).balance).toBe(1000);
  });

  it('strict mode reports a malformed entry first, even after a duplicate, an overdraft or a total out of range', () => {
    const malformed = { customerId: 'ann', at: day(5), kind: 'earn', points: 1.5 };
    const before: { [what: string]: LedgerEntry[]; range: LedgerEntry[] } = {
      duplicate: [
        { id: 'a', customerId: 'ann', at: day(0), kind: 'earn', points: 5 },
        { id: 'a', customerId: 'ann', at: day(1), kind: 'earn', points: 5 },
      ],
      overdraft: [{ customerId: 'ann', at: day(0), kind: 'redeem', points: 5 }],
      range: [
        { customerId: 'ann', at: day(0), kind: 'earn', points: Number.MAX_SAFE_INTEGER },
        { customerId: 'ann', at: day(1), kind: 'earn', points: Number.MAX_SAFE_INTEGER },
      ],
    };
    for (const [what, entries] of Object.entries(before)) {
      const ledger = [...entries, malformed] as unknown as LedgerEntry[];
      let thrown: unknown;
      try {
        pointsBalance(ledger, { at: day(10) });
      } catch (error) {
        thrown = error;
      }
      expect(isPatronageError(thrown) && thrown.code, what).toBe('INVALID_LEDGER_ENTRY');
      expect((thrown as Error).message, what).toContain(`ledger[${entries.length}].points`);
    }
    expect(codeOf(() => pointsBalance(before.range, { at: day(10), mode: 'lenient' }))).toBe('OUT_OF_RANGE');
  });

  it('malformed entries are INVALID_LEDGER_ENTRY naming the entry; lenient mode lists them', () => {
    const ledger = [
      { customerId: 'ann', at: day(0), kind: 'earn', points: 2.5 },
      { customerId: '', at: day(0), kind: 'earn', points: 2 },
      { customerId: 'ann', at: 'yesterday', kind: 'earn', points: 2 },
      { customerId: 'ann', at: day(0), kind: 'gift', points: 2 },
      { customerId: 'ann', at: day(0), kind: 'adjust', points: 0 },
    ] as unknown as LedgerEntry[];
    expect(codeOf(() => pointsBalance(ledger, { at: day(1) }))).toBe('INVALID_LEDGER_ENTRY');
    const lenient = pointsBalance(ledger, { at: day(1), mode: 'lenient' });
    expect(lenient.rejected.map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);
    expect(lenient.rejected[0]?.message).toContain('ledger[0].points');
  });

  it('entries after `at` are not in effect yet and are counted in `later`', () => {
    const result = pointsBalance(
      [
        { customerId: 'ann', at: day(0), kind: 'earn', points: 10 },
        { customerId: 'ann', at: day(5), kind: 'earn', points: 10 },
      ],
      { at: day(2) },
    );
    expect(result.balance).toBe(10);
    expect(result.later).toBe(1);
  });

  it('does not mutate the ledger', () => {
    const ledger = Object.freeze([
      Object.freeze({ customerId: 'ann', at: day(0), kind: 'earn', points: 10 } as const),
    ]);
    expect(() => pointsBalance(ledger, { at: day(1), validityDays: 5 })).not.toThrow();
  });

  it('no ledger function changes the caller’s array or its entries, whatever the order and rejections', () => {
    // out of canonical order (so the replay sorts), with a duplicate, an overdraft and a malformed entry,
    // read in place (no copy of the list is made)
    const ledger = [
      { id: 'b', customerId: 'bo', at: day(3), kind: 'earn', points: 7 },
      { id: 'a', customerId: 'ann', at: day(2), kind: 'earn', points: 10 },
      { id: 'a', customerId: 'ann', at: day(4), kind: 'earn', points: 10 },
      { customerId: 'ann', at: day(1), kind: 'redeem', points: 50 },
      { customerId: 'ann', at: day(0), kind: 'earn', points: 2.5 },
      { customerId: 'cy', at: new Date(day(0)).toISOString(), kind: 'adjust', points: -1 },
    ] as unknown as LedgerEntry[];
    const before = structuredClone(ledger);
    const entries = [...ledger];
    const options = { at: day(9), validityDays: 5, mode: 'lenient' } as const;
    pointsBalance(ledger, options);
    pointsStatement(ledger, 'ann', options);
    pointsExpiring(ledger, { ...options, withinDays: 3 });
    pointsLiability(ledger, { ...options, pointValue: 0.01 });
    breakageRate(ledger, options);
    expect(ledger).toEqual(before);
    expect(ledger.every((entry, k) => entry === entries[k])).toBe(true);
  });
});
