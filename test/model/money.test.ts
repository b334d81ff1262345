import { describe, expect, it } from 'vitest';
import { rfmSummary, rfmSummaryColumns, toMinorUnits } from '../../src/index';
import { exactMinorUnits } from '../../src/model/money';
import { codeOf } from '../helpers/errors';

describe('the exactness rule of money (exactMinorUnits)', () => {
  it('accepts a decimal typed as a double: 19.99 is 1999 cents although 19.99 × 100 is 1998.9999999999998', () => {
    expect(19.99 * 100).not.toBe(1999);
    expect(exactMinorUnits(19.99, 100)).toBe(1999);
    expect(exactMinorUnits(0.1 + 0.2, 100)).toBe(30);
    expect(exactMinorUnits(25_000, 1)).toBe(25_000);
    expect(exactMinorUnits(1.234, 1000)).toBe(1234);
  });

  it('rejects a genuine fraction of a minor unit (19.995 at 2 digits, 0.5 at 0 digits) with NaN', () => {
    expect(exactMinorUnits(19.995, 100)).toBeNaN();
    expect(exactMinorUnits(0.5, 1)).toBeNaN();
    expect(exactMinorUnits(0.001, 100)).toBeNaN();
  });

  it('rejects totals beyond the exact range of a double, in either sign', () => {
    expect(exactMinorUnits(Number.MAX_SAFE_INTEGER / 100, 100)).not.toBeNaN();
    expect(exactMinorUnits(1e15, 100)).toBeNaN();
    expect(exactMinorUnits(-1e15, 100)).toBeNaN();
  });

  it('is the rule minorUnitsIn states as errors: too large first, then too many decimals', () => {
    expect(() => toMinorUnits(1e15)).toThrow(/too large to total exactly/);
    expect(() => toMinorUnits(19.995)).toThrow(/more decimals than the currency's 2/);
    expect(toMinorUnits(-19.99)).toBe(-1999);
  });

  it('is the rule of the fast paths: the row and column summaries reject what toMinorUnits rejects', () => {
    for (const amount of [19.995, 1e15]) {
      expect(codeOf(() => toMinorUnits(amount))).toBe('MONEY_PRECISION');
      expect(codeOf(() => rfmSummaryColumns({ customerIndex: [0], at: [0], amount: [amount] }))).toBe(
        'MONEY_PRECISION',
      );
      expect(codeOf(() => rfmSummary([{ customerId: 'a', at: 0, amount }]))).toBe('INVALID_FIELD');
    }
  });
});
