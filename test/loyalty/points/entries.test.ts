import { describe, expect, it } from 'vitest';
import { type EntryColumns, readEntry } from '../../../src/loyalty/points/entries';

function columns(): EntryColumns {
  return {
    at: new Float64Array(1),
    points: new Float64Array(1),
    rank: new Int8Array(1),
    index: new Int32Array(1),
    customer: [''],
    id: [undefined],
  };
}

const valid = { id: 'e1', customerId: 'ann', at: 86_400_000, kind: 'earn', points: 10 };

describe('readEntry', () => {
  it('reads a well-formed entry into the row, with its rank among entries at the same time', () => {
    const kinds = [
      [{ kind: 'earn', points: 3 }, 0],
      [{ kind: 'adjust', points: 3 }, 1],
      [{ kind: 'redeem', points: 3 }, 2],
      [{ kind: 'adjust', points: -3 }, 3],
      [{ kind: 'expire', points: 3 }, 4],
    ] as const;
    for (const [change, rank] of kinds) {
      const into = columns();
      expect(readEntry('fn', { ...valid, ...change }, 7, into, 0)).toBeNull();
      expect([into.at[0], into.points[0], into.rank[0], into.index[0], into.customer[0], into.id[0]]).toEqual(
        [86_400_000, change.points, rank, 7, 'ann', 'e1'],
      );
    }
  });

  it('reads an ISO-string or Date time, and −0 as 0', () => {
    const into = columns();
    expect(readEntry('fn', { ...valid, at: '1970-01-02' }, 0, into, 0)).toBeNull();
    expect(into.at[0]).toBe(86_400_000);
    expect(readEntry('fn', { ...valid, at: new Date(5) }, 0, into, 0)).toBeNull();
    expect(into.at[0]).toBe(5);
    expect(readEntry('fn', { ...valid, at: -0 }, 0, into, 0)).toBeNull();
    expect(Object.is(into.at[0], 0)).toBe(true);
  });

  it('says what is wrong with a malformed entry, naming it and the field', () => {
    const cases: [unknown, string][] = [
      [null, 'fn: ledger[3] must be an object, got null'],
      [[1], 'fn: ledger[3] must be an object, got an array of 1'],
      [{ ...valid, id: '' }, 'fn: ledger[3].id must be a non-empty string when given, got ""'],
      [{ ...valid, customerId: 7 }, 'fn: ledger[3].customerId must be a non-empty string, got 7'],
      [
        { ...valid, kind: 'gift' },
        `fn: ledger[3].kind must be 'earn', 'redeem', 'adjust' or 'expire', got "gift"`,
      ],
      [{ ...valid, points: 2.5 }, 'fn: ledger[3].points must be a whole number of points, got 2.5'],
      [{ ...valid, kind: 'adjust', points: 0 }, 'fn: ledger[3].points of an adjustment must not be 0'],
      [{ ...valid, kind: 'redeem', points: -4 }, `fn: ledger[3].points of 'redeem' must be positive, got -4`],
      [{ ...valid, at: 'yesterday' }, 'fn: ledger[3].at must be an ISO-8601 date'],
      [
        { ...valid, at: Number.NaN },
        'fn: ledger[3].at must be a finite number of epoch milliseconds, got NaN',
      ],
      [{ ...valid, at: 9e15 }, 'fn: ledger[3].at is outside the range of a JavaScript Date'],
    ];
    for (const [raw, message] of cases) {
      expect(readEntry('fn', raw, 3, columns(), 0)).toContain(message);
    }
  });

  it('checks the fields in a fixed order: the id before the customer, the kind before the points', () => {
    expect(
      readEntry('fn', { id: 5, customerId: '', kind: 'gift', points: 0.5, at: 'x' }, 0, columns(), 0),
    ).toMatch(/\.id /);
    expect(
      readEntry('fn', { customerId: 'ann', kind: 'gift', points: 0.5, at: 'x' }, 0, columns(), 0),
    ).toMatch(/\.kind /);
  });
});
