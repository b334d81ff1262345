import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromMinorUnits, rfmSummaryColumns, sumMoney, toMinorUnits } from '../../src/index';
import { exactMinorUnits } from '../../src/model/money';
import { codeOf } from '../helpers/errors';

const cents = fc.integer({ min: -10_000_000_00, max: 10_000_000_00 });

describe('money laws', () => {
  it('totals of cent amounts are exact: the sum equals the integer cent total divided by 100', () => {
    fc.assert(
      fc.property(fc.array(cents, { maxLength: 300 }), (centList) => {
        const amounts = centList.map((value) => value / 100);
        const exact = centList.reduce((total, value) => total + value, 0) / 100;
        return sumMoney(amounts) === (exact === 0 ? 0 : exact);
      }),
    );
  });

  it('the order of amounts does not change the total', () => {
    fc.assert(
      fc.property(fc.array(cents, { maxLength: 100 }), (centList) => {
        const amounts = centList.map((value) => value / 100);
        return sumMoney(amounts) === sumMoney([...amounts].reverse());
      }),
    );
  });

  it('summing parts then the part totals equals one pass (merge law)', () => {
    fc.assert(
      fc.property(fc.array(cents, { maxLength: 100 }), fc.nat(), (centList, cut) => {
        const amounts = centList.map((value) => value / 100);
        const at = amounts.length === 0 ? 0 : cut % amounts.length;
        return sumMoney([sumMoney(amounts.slice(0, at)), sumMoney(amounts.slice(at))]) === sumMoney(amounts);
      }),
    );
  });

  it('toMinorUnits inverts fromMinorUnits for every currency precision', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 0, max: 4 }),
        (minor, fractionDigits) => {
          return toMinorUnits(fromMinorUnits(minor, { fractionDigits }), { fractionDigits }) === minor;
        },
      ),
    );
  });

  it('an amount with a fraction of a cent is rejected, never rounded', () => {
    fc.assert(
      fc.property(cents, fc.integer({ min: 1, max: 9 }), (value, tenth) => {
        const amount = value / 100 + tenth / 1000;
        expect(() => toMinorUnits(amount)).toThrow(/more decimals/);
      }),
    );
  });

  it('exactMinorUnits accepts an amount exactly when toMinorUnits does, with the same minor units', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          cents.map((value) => value / 100),
          fc.double({ min: -1e16, max: 1e16, noNaN: true, noDefaultInfinity: true }),
        ),
        fc.integer({ min: 0, max: 6 }),
        (amount, fractionDigits) => {
          const minor = exactMinorUnits(amount, 10 ** fractionDigits);
          const code = codeOf(() => toMinorUnits(amount, { fractionDigits }));
          if (Number.isNaN(minor)) expect(code).toBe('MONEY_PRECISION');
          else expect(toMinorUnits(amount, { fractionDigits })).toBe(minor === 0 ? 0 : minor);
        },
      ),
    );
  });

  it('the columnar fast path accepts an amount exactly when toMinorUnits does', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: 1e13 }).map((value) => value / 100),
          fc.double({ min: 0, max: 1e14, noNaN: true }),
        ),
        (amount) => {
          const columns = { customerIndex: [0, 0], at: [0, 86_400_000], amount: [1, amount] };
          const rejected = codeOf(() => toMinorUnits(amount)) !== undefined;
          expect(codeOf(() => rfmSummaryColumns(columns)) === 'MONEY_PRECISION').toBe(rejected);
        },
      ),
    );
  });
});
