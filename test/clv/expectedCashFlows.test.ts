import { describe, expect, it } from 'vitest';
import { customerLifetimeValue, expectedCashFlows, expectedPurchases } from '../../src/index';
import { codeOf } from '../helpers/errors';
import { deepFreeze, expectClose } from '../helpers/numbers';

const FIT = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
const CUSTOMER = { frequency: 2, recency: 30.43, T: 38.86 };
const OPTIONS = { timeUnit: 'week', discountRate: 0.1, margin: 0.3, averageSpend: 35 } as const;

describe('expectedCashFlows', () => {
  it("a new customer's first year is customerLifetimeValue over 52 weeks (14.59, as the mpmath reference gives)", () => {
    const flows = expectedCashFlows(FIT, 'new', { ...OPTIONS, boundaries: [0, 52, 156] });
    expectClose(flows.values[0] as number, customerLifetimeValue(FIT, 'new', { ...OPTIONS, horizon: 52 }));
    expectClose(flows.values[0] as number, 14.591562615887575);
  });

  it('boundaries in years become weeks of 365.2425/7 days, and the purchases are the rises of E[Y(t)]', () => {
    const flows = expectedCashFlows(FIT, CUSTOMER, {
      ...OPTIONS,
      boundaries: [1, 3, 5],
      boundaryUnit: 'year',
    });
    const week = (years: number) => (years * 365.2425) / 7;
    expect(flows.boundaries).toEqual([1, 3, 5]);
    expectClose(
      flows.purchases[0] as number,
      expectedPurchases(FIT, week(3), CUSTOMER) - expectedPurchases(FIT, week(1), CUSTOMER),
    );
    expectClose(
      flows.purchases[1] as number,
      expectedPurchases(FIT, week(5), CUSTOMER) - expectedPurchases(FIT, week(3), CUSTOMER),
    );
  });

  it('a step longer than an interval still discounts at every boundary', () => {
    const flows = expectedCashFlows(FIT, CUSTOMER, { ...OPTIONS, boundaries: [0, 1, 2], step: 10 });
    const first = expectedPurchases(FIT, 1, CUSTOMER);
    const discount = (t: number) => 1.1 ** ((-t * 7) / 365.2425);
    expectClose(flows.discountedPurchases[0] as number, first * discount(1));
    expectClose(
      flows.discountedPurchases[1] as number,
      (expectedPurchases(FIT, 2, CUSTOMER) - first) * discount(2),
    );
  });

  it('BG/BB intervals in whole opportunities; a boundary that is not one is NOT_AN_INTEGER', () => {
    const bgBb = { model: 'bgBb', params: { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 } } as const;
    const customer = { frequency: 3, recency: 4, periods: 6 };
    const flows = expectedCashFlows(bgBb, customer, { ...OPTIONS, timeUnit: 'year', boundaries: [0, 2, 5] });
    expectClose(
      (flows.purchases[0] as number) + (flows.purchases[1] as number),
      expectedPurchases(bgBb, 5, customer),
    );
    expect(
      codeOf(() => expectedCashFlows(bgBb, customer, { ...OPTIONS, timeUnit: 'year', boundaries: [0, 1.5] })),
    ).toBe('NOT_AN_INTEGER');
  });

  it('does not mutate its inputs', () => {
    const options = deepFreeze({ ...OPTIONS, boundaries: [0, 10, 20] });
    expect(() =>
      expectedCashFlows(deepFreeze({ ...FIT }), deepFreeze({ ...CUSTOMER }), options),
    ).not.toThrow();
  });

  it('refuses bad boundaries with their codes', () => {
    const run = (boundaries: unknown, extra: object = {}) =>
      codeOf(() => expectedCashFlows(FIT, CUSTOMER, { ...OPTIONS, ...extra, boundaries } as never));
    expect(run([0])).toBe('INVALID_ARGUMENT');
    expect(run([0, 3, 3])).toBe('INVALID_ARGUMENT');
    expect(run([2, 1])).toBe('INVALID_ARGUMENT');
    expect(run([-1, 1])).toBe('OUT_OF_RANGE');
    expect(run([0, Number.NaN])).toBe('NOT_FINITE');
    expect(run([0, 1], { boundaryUnit: 'fortnight' })).toBe('OUT_OF_RANGE');
    expect(run([0, 1], { horizon: 5 })).toBe('INVALID_OPTION');
    expect(run('0,1')).not.toBeUndefined();
  });
});
