import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acquisitionPayback, customerLifetimeValue } from '../../src/index';
import { positive, realisticFit } from './arbitraries';

const fit = realisticFit;
const spendFit = fc
  .record({ p: positive(0.5, 10), q: positive(1.5, 10), gamma: positive(1, 100) })
  .map((params) => ({ model: 'gammaGamma' as const, params }));
const setting = fc.record({
  horizon: fc.integer({ min: 1, max: 200 }),
  margin: positive(0.05, 1),
  discountRate: positive(0, 0.5),
  acquisitionCost: positive(0, 200),
});
const rank = (time: number | null): number => (time === null ? Number.POSITIVE_INFINITY : time);

describe('acquisitionPayback laws', () => {
  it('the payback time never falls when the acquisition cost rises', () => {
    fc.assert(
      fc.property(fit, spendFit, setting, positive(0, 100), (model, spend, options, extra) => {
        const cheap =
          acquisitionPayback(model, spend, { ...options, timeUnit: 'week' })[0]?.paybackTime ?? null;
        const dear =
          acquisitionPayback(model, spend, {
            ...options,
            timeUnit: 'week',
            acquisitionCost: options.acquisitionCost + extra,
          })[0]?.paybackTime ?? null;
        expect(rank(dear)).toBeGreaterThanOrEqual(rank(cheap));
      }),
    );
  });

  it('the payback time never rises when the margin rises', () => {
    fc.assert(
      fc.property(fit, spendFit, setting, positive(0, 1), (model, spend, options, share) => {
        const higher = options.margin + (1 - options.margin) * share;
        const low =
          acquisitionPayback(model, spend, { ...options, timeUnit: 'week' })[0]?.paybackTime ?? null;
        const high =
          acquisitionPayback(model, spend, { ...options, timeUnit: 'week', margin: higher })[0]
            ?.paybackTime ?? null;
        expect(rank(high)).toBeLessThanOrEqual(rank(low));
      }),
    );
  });

  it("the break-even cost is the new customer's discounted margin at the horizon, and it pays back exactly when the cost is at most it", () => {
    fc.assert(
      fc.property(fit, spendFit, setting, (model, spend, options) => {
        const [row] = acquisitionPayback(model, spend, { ...options, timeUnit: 'week' });
        const { acquisitionCost, ...rest } = options;
        const value = customerLifetimeValue(model, 'new', { ...rest, timeUnit: 'week', spendModel: spend });
        expect(row?.breakEvenCost).toBe(value);
        expect(row?.paybackTime === null).toBe(acquisitionCost > value);
        const margins = row?.cumulativeMargin ?? [];
        for (let i = 1; i < margins.length; i++) {
          expect(margins[i] as number).toBeGreaterThanOrEqual(margins[i - 1] as number);
        }
      }),
    );
  });
});
