import { describe, expect, it } from 'vitest';
import { type LedgerEntry, pointsBalance, pointsStatement } from '../../../src/index';
import { codeOf } from '../../helpers/errors';

const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 1);

// issue 15 item 7: `o-1` earned by ann and by bo
const reused: LedgerEntry[] = [
  { id: 'o-1', customerId: 'ann', at: START, kind: 'earn', points: 20 },
  { id: 'o-1', customerId: 'bo', at: START + DAY, kind: 'earn', points: 10 },
  { id: 'o-2', customerId: 'bo', at: START + 2 * DAY, kind: 'earn', points: 5 },
];
const at = START + 10 * DAY;

describe('pointsStatement', () => {
  it('throws DUPLICATE_ENTRY in strict mode where pointsBalance does, when another customer reused an id', () => {
    expect(codeOf(() => pointsBalance(reused, { at }))).toBe('DUPLICATE_ENTRY');
    expect(codeOf(() => pointsStatement(reused, 'bo', { at }))).toBe('DUPLICATE_ENTRY');
    expect(codeOf(() => pointsStatement(reused, 'ann', { at }))).toBe('DUPLICATE_ENTRY');
  });

  it('shows in lenient mode the balance pointsBalance gives, and lists the reused id as rejected', () => {
    const balance = pointsBalance(reused, { at, mode: 'lenient' });
    const bo = balance.customers.find((customer) => customer.customerId === 'bo');
    expect(bo?.balance).toBe(5);
    const statement = pointsStatement(reused, 'bo', { at, mode: 'lenient' });
    expect(statement.balance).toBe(5);
    expect(statement.lines.map((line) => line.entryIndex)).toEqual([2]);
    expect(statement.rejected).toEqual([expect.objectContaining({ index: 1, code: 'DUPLICATE_ENTRY' })]);
    expect(pointsStatement(reused, 'ann', { at, mode: 'lenient' }).rejected).toEqual([]);
  });

  it("throws in strict mode for another customer's entry that pointsBalance throws for", () => {
    const ledger: LedgerEntry[] = [
      { customerId: 'ann', at: START, kind: 'redeem', points: 5 },
      { customerId: 'bo', at: START, kind: 'earn', points: 5 },
    ];
    expect(codeOf(() => pointsBalance(ledger, { at }))).toBe('INSUFFICIENT_POINTS');
    expect(codeOf(() => pointsStatement(ledger, 'bo', { at }))).toBe('INSUFFICIENT_POINTS');
  });

  it('reads each entry once: a getter that changes its customer between reads cannot change the rejected list', () => {
    let reads = 0;
    const shifty = {
      id: 'o-1',
      get customerId() {
        reads++;
        return reads === 1 ? 'bo' : 'ann';
      },
      at: START + DAY,
      kind: 'earn',
      points: 10,
    } as unknown as LedgerEntry;
    const ledger = [reused[0] as LedgerEntry, shifty];
    const statement = pointsStatement(ledger, 'bo', { at, mode: 'lenient' });
    expect(statement.rejected).toEqual([expect.objectContaining({ index: 1, code: 'DUPLICATE_ENTRY' })]);
    expect(reads).toBe(1);
  });
});
