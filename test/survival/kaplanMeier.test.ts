import { describe, expect, it } from 'vitest';
import {
  kaplanMeier,
  parseEventsOrThrow,
  survivalFromPurchaseGaps,
  survivalFromSubscriptions,
} from '../../src/index';
import { codeOf } from '../helpers/errors';
import { closeTo } from '../helpers/numbers';

/** Element-wise relative agreement to 1e-12 (R printed 15 significant digits); nulls must match NA. */
function agree(actual: readonly (number | null)[], expected: readonly (number | null)[]): boolean {
  return (
    actual.length === expected.length &&
    actual.every((value, index) => {
      const other = expected[index];
      return value === null || other === null || other === undefined
        ? value === other
        : closeTo(value, other);
    })
  );
}

describe('kaplanMeier against R survival 3.5.3 survfit (conf.type = "log")', () => {
  // aml data of the survival package, Maintained group (Miller 1981): weeks to relapse, + = censored
  const aml = {
    durations: [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161],
    observed: [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0] as (0 | 1)[],
  };

  it('matches survfit on the aml Maintained group (Miller 1981): times, risk sets, S(t), Greenwood SE, log CI', () => {
    const fit = kaplanMeier(aml);
    expect(fit.times).toEqual([9, 13, 18, 23, 28, 31, 34, 45, 48, 161]);
    expect(fit.atRisk).toEqual([11, 10, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(fit.events).toEqual([1, 1, 1, 1, 0, 1, 1, 0, 1, 0]);
    expect(fit.censored).toEqual([0, 1, 0, 0, 1, 0, 0, 1, 0, 1]);
    expect(
      agree(
        fit.survival,
        [
          0.909090909090909, 0.818181818181818, 0.715909090909091, 0.613636363636364, 0.613636363636364,
          0.490909090909091, 0.368181818181818, 0.368181818181818, 0.184090909090909, 0.184090909090909,
        ],
      ),
    ).toBe(true);
    expect(
      agree(
        fit.standardError,
        [
          0.0866784172041448, 0.116291299830333, 0.139664970557228, 0.152632331027312, 0.152632331027312,
          0.164193267221136, 0.162668885827095, 0.162668885827095, 0.153492745786294, 0.153492745786294,
        ],
      ),
    ).toBe(true);
    expect(
      agree(
        fit.lower,
        [
          0.754133845081525, 0.619248987399364, 0.488426287422128, 0.37686705950168, 0.37686705950168,
          0.254859951199317, 0.154877117897191, 0.154877117897191, 0.0359178984891853, 0.0359178984891853,
        ],
      ),
    ).toBe(true);
    expect(
      agree(
        fit.upper,
        [
          1, 1, 1, 0.999157600228473, 0.999157600228473, 0.945584955200429, 0.875260678143908,
          0.875260678143908, 0.943525769474552, 0.943525769474552,
        ],
      ),
    ).toBe(true);
    expect(fit.median).toBe(31);
  });

  it('matches survfit with tied events and censoring at the same time', () => {
    const fit = kaplanMeier({
      durations: [2, 2, 3, 5, 5, 8, 9, 9, 12, 15],
      observed: [1, 0, 1, 1, 1, 0, 1, 0, 1, 0],
    });
    expect(fit.atRisk).toEqual([10, 8, 7, 5, 4, 2, 1]);
    expect(agree(fit.survival, [0.9, 0.7875, 0.5625, 0.5625, 0.421875, 0.2109375, 0.2109375])).toBe(true);
    expect(
      agree(
        fit.standardError,
        [
          0.0948683298050514, 0.134032995004961, 0.165063908078053, 0.165063908078053, 0.1736590645579,
          0.17258818652766, 0.17258818652766,
        ],
      ),
    ).toBe(true);
    expect(
      agree(
        fit.lower,
        [
          0.732011642743993, 0.564125231513673, 0.316475454363994, 0.316475454363994, 0.188277462014563,
          0.0424330478121299, 0.0424330478121299,
        ],
      ),
    ).toBe(true);
    expect(agree(fit.upper, [1, 1, 0.999781327862746, 0.999781327862746, 0.945299101234078, 1, 1])).toBe(
      true,
    );
    expect(fit.median).toBe(9);
  });

  it('gives the midpoint median when S(t) is exactly 0.5, and null SE and bounds where S(t) = 0 (survfit: 2.5, NaN/NA)', () => {
    const fit = kaplanMeier({ durations: [1, 2, 3, 4], observed: [true, true, true, true] });
    expect(fit.median).toBe(2.5);
    expect(fit.standardError.at(-1)).toBeNull();
    expect(fit.lower.at(-1)).toBeNull();
    // R printed these bounds to 8 significant digits: agreement to half a unit in the 8th digit
    const printed = [0.42593227, 0.18765893, 0.04579076];
    expect(
      fit.lower
        .slice(0, 3)
        .every((value, index) => Math.abs((value as number) - (printed[index] as number)) <= 5e-9),
    ).toBe(true);
  });
});

describe('kaplanMeier behaviour', () => {
  it('gives a finite midpoint median for durations near the largest double (issue 15 item 8)', () => {
    // S is 0.5 from 1.5e308 until the drop at 1.7e308: the median is their midpoint, 1.6e308
    const fit = kaplanMeier({ durations: [1e308, 1.5e308, 1.7e308, 1.75e308], observed: [1, 1, 1, 1] });
    expect(fit.median).not.toBe(Number.POSITIVE_INFINITY);
    expect(closeTo(fit.median as number, 1.6e308)).toBe(true);
  });

  it('has no median when survival never falls to 0.5', () => {
    expect(kaplanMeier({ durations: [1, 2, 3], observed: [true, false, false] }).median).toBeNull();
  });

  it('narrows the interval for a lower confidence level', () => {
    const wide = kaplanMeier({ durations: [1, 2, 3, 4, 5], observed: [1, 1, 0, 1, 0] });
    const narrow = kaplanMeier(
      { durations: [1, 2, 3, 4, 5], observed: [1, 1, 0, 1, 0] },
      { confidenceLevel: 0.8 },
    );
    expect((narrow.lower[1] as number) > (wide.lower[1] as number)).toBe(true);
  });

  it('reports bad input with codes', () => {
    expect(codeOf(() => kaplanMeier({ durations: [], observed: [] }))).toBe('EMPTY_INPUT');
    expect(codeOf(() => kaplanMeier({ durations: [1, 2], observed: [true] }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => kaplanMeier({ durations: [-1], observed: [true] }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => kaplanMeier({ durations: [1], observed: ['yes' as unknown as boolean] }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => kaplanMeier({ durations: [1], observed: [true] }, { confidenceLevel: 1 }))).toBe(
      'OUT_OF_RANGE',
    );
    // below 1, but so close that 1 − (1 − level)/2 rounds to 1: no finite z (the bounds were NaN before)
    expect(
      codeOf(() =>
        kaplanMeier({ durations: [1, 2], observed: [true, false] }, { confidenceLevel: 1 - 2 ** -53 }),
      ),
    ).toBe('OUT_OF_RANGE');
    const closest = kaplanMeier(
      { durations: [1, 2, 3], observed: [true, false, true] },
      { confidenceLevel: 1 - 2 ** -52 },
    );
    for (const bound of [...closest.lower, ...closest.upper])
      if (bound !== null) expect(Number.isFinite(bound)).toBe(true);
  });
});

describe('survival builders', () => {
  it('builds subscription spells, censoring the active ones at the end of observation', () => {
    const events = parseEventsOrThrow([
      { type: 'subscription', customerId: 'a', at: '2024-01-01', change: 'start', recurringRevenue: 10 },
      { type: 'subscription', customerId: 'a', at: '2024-01-15', change: 'upgrade', recurringRevenue: 20 },
      { type: 'subscription', customerId: 'a', at: '2024-02-01', change: 'cancel', recurringRevenue: 0 },
      { type: 'subscription', customerId: 'a', at: '2024-02-10', change: 'start', recurringRevenue: 10 },
      { type: 'purchase', customerId: 'a', at: '2024-02-11', amount: 3 },
    ]);
    const data = survivalFromSubscriptions(events, { observationEnd: '2024-02-20' });
    expect(data.durations).toEqual([31, 10]);
    expect(data.observed).toEqual([true, false]);
  });

  it('reports a cancel without an active subscription as OUT_OF_ORDER', () => {
    const events = parseEventsOrThrow([
      { type: 'subscription', customerId: 'a', at: '2024-01-01', change: 'cancel', recurringRevenue: 0 },
    ]);
    expect(codeOf(() => survivalFromSubscriptions(events))).toBe('OUT_OF_ORDER');
  });

  it('builds purchase gaps with the last gap censored, merging same-day purchases', () => {
    const data = survivalFromPurchaseGaps(
      [
        { customerId: 1, at: '2024-01-01T08:00:00Z', amount: 1 },
        { customerId: 1, at: '2024-01-01T20:00:00Z', amount: 1 },
        { customerId: 1, at: '2024-01-08', amount: 1 },
      ],
      { observationEnd: '2024-01-10', unit: 'week' },
    );
    expect(data).toEqual({ durations: [1, 2 / 7], observed: [true, false], customerIds: ['1', '1'] });
  });
});
