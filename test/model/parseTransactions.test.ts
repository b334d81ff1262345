import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTransactions } from '../../src/index';
import { codeOf } from '../helpers/errors';

describe('parseTransactions', () => {
  it('reports each kind of bad row with its index and code, keeping the good ones', () => {
    const { transactions, rejected } = parseTransactions(
      [
        { customerId: 'a', at: '2024-03-01', amount: 20 },
        { customerId: 'a', at: '2024-02-01', amount: 20 },
        { customerId: 'b', at: 'soon', amount: 1 },
        { customerId: 'b', at: '2024-03-05', amount: Number.NaN },
        { customerId: 'b', at: '2024-03-05', amount: 1.005 },
        { customerId: 'c', at: '2024-03-06', amount: 1 },
        { customerId: 'a', at: '2024-03-07', amount: 1, eventId: 'x' },
        { customerId: 'a', at: '2024-03-08', amount: 1, eventId: 'x' },
        { customerId: 'a', at: '2025-01-01', amount: 1 },
        'not a row',
      ],
      { customers: ['a', 'b'], window: { end: '2024-12-31' }, ordered: true },
    );
    expect(transactions.map((row) => row.at)).toEqual([Date.UTC(2024, 2, 1), Date.UTC(2024, 2, 7)]);
    expect(rejected.map((row) => [row.index, row.code])).toEqual([
      [1, 'OUT_OF_ORDER'],
      [2, 'INVALID_TIMESTAMP'],
      [3, 'INVALID_FIELD'],
      [4, 'INVALID_FIELD'],
      [5, 'UNKNOWN_CUSTOMER'],
      [7, 'DUPLICATE_EVENT_ID'],
      [8, 'OUT_OF_WINDOW'],
      [9, 'NOT_AN_OBJECT'],
    ]);
  });

  it('throws only for a non-list input or bad options', () => {
    expect(codeOf(() => parseTransactions('rows'))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => parseTransactions([], { ordered: 'yes' as unknown as boolean }))).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it('accounts for every row: accepted + rejected = input', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ customerId: fc.constantFrom('a', 1), at: fc.integer(), amount: fc.double() }),
            fc.anything(),
          ),
          { maxLength: 40 },
        ),
        (rows) => {
          const { transactions, rejected } = parseTransactions(rows);
          return transactions.length + rejected.length === rows.length;
        },
      ),
    );
  });
});
