import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LedgerEntry, pointsBalance, pointsStatement } from '../../../src/index';
import { codeOf } from '../../helpers/errors';

const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 1);
const CUSTOMERS = ['ann', 'bo', 'cy'] as const;

/** Entries of three customers drawing ids from a pool of five, so that customers often reuse each other's. */
const entry = fc
  .record({
    customerId: fc.constantFrom(...CUSTOMERS),
    id: fc.option(fc.constantFrom('o-1', 'o-2', 'o-3', 'o-4', 'o-5'), { nil: undefined }),
    day: fc.integer({ min: 0, max: 30 }),
    kind: fc.constantFrom('earn', 'earn', 'redeem', 'adjust', 'expire'),
    points: fc.integer({ min: 1, max: 40 }),
    negative: fc.boolean(),
  })
  .map(({ customerId, id, day, kind, points, negative }): LedgerEntry => {
    const signed = kind === 'adjust' && negative ? -points : points;
    const base = { customerId, at: START + day * DAY, kind: kind as LedgerEntry['kind'], points: signed };
    return id === undefined ? base : { ...base, id };
  });

describe('pointsStatement and pointsBalance read the ledger one way', () => {
  it('for every customer, the statement closing balance equals the balance, or both throw the same code', () => {
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 20 }),
        fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
        fc.integer({ min: 0, max: 40 }),
        fc.boolean(),
        (ledger, validityDays, day, lenient) => {
          const options = {
            at: START + day * DAY,
            validityDays,
            mode: lenient ? 'lenient' : 'strict',
          } as const;
          const balanceCode = codeOf(() => pointsBalance(ledger, options));
          for (const customerId of CUSTOMERS) {
            if (balanceCode !== undefined) {
              expect(codeOf(() => pointsStatement(ledger, customerId, options))).toBe(balanceCode);
              continue;
            }
            const result = pointsBalance(ledger, options);
            const statement = pointsStatement(ledger, customerId, options);
            const customer = result.customers.find((c) => c.customerId === customerId);
            expect(statement.balance).toBe(customer?.balance ?? 0);
            expect(statement.lines.at(-1)?.balance ?? 0).toBe(customer?.balance ?? 0);
            const codes = (rejected: typeof result.rejected) => rejected.map((r) => [r.index, r.code]);
            expect(codes(statement.rejected)).toEqual(
              codes(result.rejected.filter((r) => ledger[r.index]?.customerId === customerId)),
            );
          }
        },
      ),
    );
  });
});
