import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pointsForPurchase } from '../../../src/index';

describe('earn rule laws', () => {
  it('points are whole, never negative, and never fall when the amount or a multiplier rises', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 1, max: 5, noNaN: true }),
        (amount, more, perCurrencyUnit, multiplier) => {
          const rules = { perCurrencyUnit, perPurchase: 5, tierMultipliers: { gold: multiplier } };
          const base = pointsForPurchase({ amount }, rules).points;
          expect(Number.isSafeInteger(base)).toBe(true);
          expect(base).toBeGreaterThanOrEqual(0);
          expect(pointsForPurchase({ amount: amount + more }, rules).points).toBeGreaterThanOrEqual(base);
          expect(pointsForPurchase({ amount, tier: 'gold' }, rules).points).toBeGreaterThanOrEqual(base);
        },
      ),
    );
  });
});
