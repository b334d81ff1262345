import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortCustomerIds } from '../../../src/aggregate/shared/prepareTransactions';
import { compareCustomerIds } from '../../../src/model/transaction';

describe('sortCustomerIds (internal)', () => {
  it('sorts ids as compareCustomerIds does (numbers ascending, then strings by code unit), into a new array', () => {
    const id = fc.oneof(
      fc.integer(),
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme' }),
    );
    fc.assert(
      fc.property(fc.uniqueArray(id, { maxLength: 200 }), (ids) => {
        const before = [...ids];
        expect(sortCustomerIds(ids)).toEqual([...ids].sort(compareCustomerIds));
        expect(ids).toEqual(before);
      }),
      { numRuns: 500 },
    );
  });
});
