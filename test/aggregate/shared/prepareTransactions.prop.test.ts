import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RFM_OPTION_KEYS, resolveRfmOptions } from '../../../src/aggregate/rfm/rfmOptions';
import { readTransactionRows, TransactionRowReader } from '../../../src/aggregate/shared/prepareTransactions';
import { PatronageError } from '../../../src/errors/PatronageError';
import { readTransaction } from '../../../src/model/transaction';

const fn = 'rfmSummary';
const SCALE = 100;

const field = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant(-0),
  fc.integer({ min: -5, max: 5 }),
  fc.double({ min: -10, max: 1e6, noNaN: true }),
  fc.constantFrom(1.005, 0.1 + 0.2, 12.34, 45.2, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, 1.5),
  fc.constantFrom('', 'c1', '2024-01-01T00:00:00Z', '2024-02-29T23:59:59.999+01:00', '2024-13-01', 'x'),
  fc.constant(new Date(Date.UTC(2024, 0, 2))),
  fc.integer({ min: -4_000_000_000_000, max: 4_000_000_000_000 }),
);
const row = fc.oneof(
  fc.record({ customerId: field, at: field, amount: field, eventId: field }, { requiredKeys: [] }),
  fc.constantFrom(null, 7, 'row', undefined),
);

/** What the full validator makes of a row: its fields, or the error it throws. */
function expectedOf(candidate: unknown): unknown {
  try {
    const checked = readTransaction(fn, 0, candidate, SCALE);
    return { customerId: checked.customerId, at: checked.at, minor: checked.minor };
  } catch (error) {
    if (!(error instanceof PatronageError)) throw error;
    return { code: error.code, message: error.message };
  }
}

function readOf(candidate: unknown): unknown {
  const reader = new TransactionRowReader(fn, SCALE);
  try {
    expect(reader.read(0, candidate)).toBe(true);
    return {
      customerId: reader.customerId,
      at: reader.at,
      minor: reader.minor,
    };
  } catch (error) {
    if (!(error instanceof PatronageError)) throw error;
    return { code: error.code, message: error.message };
  }
}

describe('TransactionRowReader (the rows of rfmSummary and prepareTransactions)', () => {
  it('reads every row as the full validator does: the same fields, or the same error', () => {
    fc.assert(
      fc.property(row, (candidate) => {
        expect(readOf(candidate)).toEqual(expectedOf(candidate));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the last row read, also after a row with an eventId and after a repeat', () => {
    const reader = new TransactionRowReader(fn, SCALE);
    expect(reader.read(0, { customerId: 'a', at: '2024-01-01T10:00:00Z', amount: 1.25, eventId: 'e1' })).toBe(
      true,
    );
    expect([reader.customerId, reader.at, reader.minor]).toEqual(['a', Date.UTC(2024, 0, 1, 10), 125]);
    expect(reader.read(1, { customerId: 'b', at: Date.UTC(2024, 0, 2), amount: 3 })).toBe(true);
    expect([reader.customerId, reader.at, reader.minor]).toEqual(['b', Date.UTC(2024, 0, 2), 300]);
    // the same transaction again counts once; a different one under its eventId conflicts
    expect(reader.read(2, { customerId: 'a', at: '2024-01-01T10:00:00Z', amount: 1.25, eventId: 'e1' })).toBe(
      false,
    );
    expect(() => reader.read(3, { customerId: 'a', at: '2024-01-01', amount: 1.25, eventId: 'e1' })).toThrow(
      expect.objectContaining({ code: 'CONFLICTING_EVENT_ID' }),
    );
  });
});

/** Customer ids of every kind the numbering keeps apart: numbered strings and numbers, and others. */
const customerId: fc.Arbitrary<string | number> = fc.oneof(
  { weight: 6, arbitrary: fc.nat(300).map((value) => `c${value}`) },
  { weight: 3, arbitrary: fc.nat(300) },
  { weight: 1, arbitrary: fc.nat(300).map((value) => `d${value}`) },
  { weight: 1, arbitrary: fc.nat(300).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('c007', 'c0', 'ann', 'x', -3, 2 ** 40, 'c', 'c99999999999') },
);

describe('readTransactionRows', () => {
  it('numbers customers in first-seen order, each id one number (7 and "7" apart), whatever the mix of ids', () => {
    const resolved = resolveRfmOptions(fn, { unit: 'day' }, RFM_OPTION_KEYS);
    fc.assert(
      fc.property(fc.array(customerId, { maxLength: 400 }), (ids) => {
        const rows = ids.map((id, index) => ({ customerId: id, at: index * 86_400_000, amount: 1 }));
        const read = readTransactionRows(fn, rows, resolved);
        const expected = new Map<string | number, number>();
        for (const id of ids) if (!expected.has(id)) expected.set(id, expected.size);
        expect(read.numbering.ids).toEqual([...expected.keys()]);
        expect(Array.from(read.customers.subarray(0, read.count))).toEqual(ids.map((id) => expected.get(id)));
      }),
      { numRuns: 500 },
    );
  });

  it('numbers a log of numbered ids alone, then one other id, as it numbers them one by one', () => {
    const resolved = resolveRfmOptions(fn, { unit: 'day' }, RFM_OPTION_KEYS);
    const ids = ['c5', 'c2', 'c5', 'c10', 7, 'c2', 7, 'c3'];
    const rows = ids.map((id) => ({ customerId: id, at: 0, amount: 1 }));
    const read = readTransactionRows(fn, rows, resolved);
    expect(read.numbering.ids).toEqual(['c5', 'c2', 'c10', 7, 'c3']);
    expect(Array.from(read.customers.subarray(0, read.count))).toEqual([0, 1, 0, 2, 3, 1, 3, 4]);
  });
});
