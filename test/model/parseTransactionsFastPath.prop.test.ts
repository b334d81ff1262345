import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTransactions } from '../../src/index';
import { RowError } from '../../src/model/rowReader';
import { readTransactionRow } from '../../src/model/transaction';

// parseTransactions takes plainly valid rows as read and hands every other row to readTransactionRow: the
// outcome must be the full reader's on any row

const field = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant(-0),
  fc.integer({ min: -5, max: 5 }),
  fc.double({ min: -10, max: 1e6, noNaN: true }),
  fc.constantFrom(1.005, 0.1 + 0.2, 12.34, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, 1.5),
  fc.constantFrom('', 'c1', '2024-01-01T00:00:00Z', '2024-13-01', 'x'),
  fc.constant(new Date(Date.UTC(2024, 0, 2))),
  fc.integer({ min: 0, max: 4_000_000_000_000 }),
);
const row = fc.record(
  { customerId: field, at: field, amount: field, eventId: fc.oneof(fc.constant(undefined), field) },
  { requiredKeys: [] },
);

function expectedOf(candidate: unknown): unknown {
  try {
    const checked = readTransactionRow('parseTransactions', 0, candidate, 100);
    const parsed = { customerId: checked.customerId, at: checked.at, amount: checked.minor / 100 };
    return {
      transactions: [checked.eventId === undefined ? parsed : { ...parsed, eventId: checked.eventId }],
      rejected: [],
    };
  } catch (error) {
    if (!(error instanceof RowError)) throw error;
    const entry = { index: 0, code: error.code, message: error.message };
    return {
      transactions: [],
      rejected: [error.field === undefined ? entry : { ...entry, field: error.field }],
    };
  }
}

describe('parseTransactions row reading', () => {
  it('accepts or rejects every row exactly as the full row reader does', () => {
    fc.assert(
      fc.property(row, (candidate) => {
        expect(parseTransactions([candidate])).toEqual(expectedOf(candidate));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads each field of a row once, also when the row is rejected or a getter throws', () => {
    const reads: string[] = [];
    const watched = (values: Record<string, unknown>, throwing?: string): object => {
      const target = {};
      for (const name of ['customerId', 'at', 'amount', 'eventId']) {
        Object.defineProperty(target, name, {
          enumerable: true,
          get() {
            reads.push(name);
            if (name === throwing) throw new Error('boom');
            return values[name];
          },
        });
      }
      return target;
    };
    const result = parseTransactions([
      watched({ customerId: 'a', at: 0, amount: 1 }),
      watched({ customerId: 'b', at: 0, amount: 1.005 }),
      watched({ customerId: 'c', at: 0, amount: 1 }, 'at'),
    ]);
    expect(result.transactions).toEqual([{ customerId: 'a', at: 0, amount: 1 }]);
    expect(result.rejected.map((entry) => [entry.index, entry.code, entry.field])).toEqual([
      [1, 'INVALID_FIELD', 'amount'],
      [2, 'INVALID_FIELD', 'at'],
    ]);
    expect(result.rejected[1]?.message).toContain('boom');
    expect(reads).toEqual(Array.from({ length: 3 }, () => ['customerId', 'at', 'amount', 'eventId']).flat());
  });
});
