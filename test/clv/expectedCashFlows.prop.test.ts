import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerLifetimeValue, expectedCashFlows, expectedPurchases } from '../../src/index';
import { closeTo } from '../helpers/numbers';
import { positive, realisticBgParams, realisticParetoParams } from './arbitraries';

// The region real fits reach (CDNOW-like shapes, weekly data, a few dozen purchases).
const bg = realisticBgParams;
const pareto = realisticParetoParams;
const ggom = fc.record({
  r: positive(0.05, 5),
  alpha: positive(1, 100),
  b: positive(1e-4, 0.2),
  s: positive(0.1, 5),
  beta: positive(0.01, 100),
});
const fit = fc.oneof(
  bg.map((params) => ({ model: 'bgNbd' as const, params })),
  bg.map((params) => ({ model: 'mbgNbd' as const, params })),
  pareto.map((params) => ({ model: 'paretoNbd' as const, params })),
  fc
    .record({ r: positive(0.05, 5), alpha: positive(1, 100) })
    .map((params) => ({ model: 'nbd' as const, params })),
  ggom.map((params) => ({ model: 'ggomNbd' as const, params })),
);
const customer = fc.oneof(
  fc.constant('new' as const),
  fc
    .record({ frequency: fc.integer({ min: 0, max: 30 }), T: positive(1, 100), share: positive(0.01, 1) })
    .map(({ frequency, T, share }) => ({ frequency, recency: frequency === 0 ? 0 : T * share, T })),
);
/** 2 to 5 boundaries on the weekly grid, from 0. */
const weeklyBoundaries = fc
  .uniqueArray(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 4 })
  .map((ends) => [0, ...ends.sort((a, b) => a - b)]);
const options = fc.record({
  discountRate: positive(0, 0.5),
  margin: positive(0.05, 1),
  averageSpend: positive(1, 200),
});

describe('expectedCashFlows laws', () => {
  it('the intervals sum to customerLifetimeValue over the whole horizon (1e-12 relative)', () => {
    fc.assert(
      fc.property(fit, customer, weeklyBoundaries, options, (model, who, boundaries, rest) => {
        const flows = expectedCashFlows(model, who, { ...rest, timeUnit: 'week', boundaries });
        const total = flows.values.reduce((sum, value) => sum + value, 0);
        const horizon = boundaries[boundaries.length - 1] as number;
        const whole = customerLifetimeValue(model, who, { ...rest, timeUnit: 'week', horizon });
        expect(closeTo(total, whole, 1e-12)).toBe(true);
      }),
    );
  });

  it('the purchases sum to E[Y(b_k)] − E[Y(b_0)] (1e-12 relative)', () => {
    fc.assert(
      fc.property(fit, customer, weeklyBoundaries, options, (model, who, boundaries, rest) => {
        const flows = expectedCashFlows(model, who, { ...rest, timeUnit: 'week', boundaries });
        const total = flows.purchases.reduce((sum, value) => sum + value, 0);
        const horizon = boundaries[boundaries.length - 1] as number;
        const whole =
          who === 'new' ? expectedPurchases(model, horizon) : expectedPurchases(model, horizon, who);
        expect(closeTo(total, whole, 1e-12)).toBe(true);
      }),
    );
  });

  it('discounting at rate 0 equals the undiscounted purchases, and a positive rate never raises an interval', () => {
    fc.assert(
      fc.property(fit, customer, weeklyBoundaries, options, (model, who, boundaries, rest) => {
        const flat = expectedCashFlows(model, who, {
          ...rest,
          discountRate: 0,
          timeUnit: 'week',
          boundaries,
        });
        expect(flat.discountedPurchases).toEqual(flat.purchases);
        const dear = expectedCashFlows(model, who, {
          ...rest,
          discountRate: rest.discountRate + 0.1,
          timeUnit: 'week',
          boundaries,
        });
        dear.discountedPurchases.forEach((value, i) => {
          expect(value).toBeLessThanOrEqual(flat.purchases[i] as number);
          expect(value).toBeGreaterThanOrEqual(0);
        });
      }),
    );
  });

  it('splitting an interval at a boundary on the step grid keeps its value (1e-12 relative)', () => {
    fc.assert(
      fc.property(
        fit,
        customer,
        fc.integer({ min: 2, max: 200 }),
        positive(0.01, 0.99),
        options,
        (model, who, end, share, rest) => {
          const base = { ...rest, timeUnit: 'week' as const };
          const cut = Math.max(1, Math.floor(end * share));
          const one = expectedCashFlows(model, who, { ...base, boundaries: [0, end] }).values[0] as number;
          const two = expectedCashFlows(model, who, { ...base, boundaries: [0, cut, end] }).values;
          expect(closeTo((two[0] as number) + (two[1] as number), one, 1e-12)).toBe(true);
        },
      ),
    );
  });
});
