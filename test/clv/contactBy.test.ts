import { describe, expect, it } from 'vitest';
import { conditionalPurchaseProbability, contactBy, probabilityAlive } from '../../src/index';
import { codeOf } from '../helpers/errors';

// Fader, Hardie & Lee (2005), "Counting your customers the easy way": the CDNOW BG/NBD fit, in weeks.
const BG = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
// Fader, Hardie & Lee (2005), "RFM and CLV": the CDNOW Pareto/NBD fit, in weeks.
const PARETO = { model: 'paretoNbd', params: { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 } } as const;
// Fader, Hardie & Shang (2010): the donations BG/BB fit.
const BG_BB = { model: 'bgBb', params: { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 } } as const;

/**
 * BG/NBD's P(alive) for x > 0 is 1/(1 + a/(b+x−1)·((α+T)/(α+t_x))^(r+x)), so the silent time u at which it
 * reaches p solves ((α+T+u)/(α+t_x))^(r+x) = (1−p)/p·(b+x−1)/a: the closed form the bisection must find.
 */
function bgCrossing(x: number, tx: number, T: number, p: number): number {
  const { r, alpha, a, b } = BG.params;
  return (alpha + tx) * (((1 - p) / p) * ((b + x - 1) / a)) ** (1 / (r + x)) - alpha - T;
}

describe('contactBy', () => {
  it('finds the BG/NBD crossing of its closed form', () => {
    for (const [x, tx, T, p] of [
      [4, 30.86, 38.86, 0.5],
      [1, 20, 38.86, 0.3],
      [12, 37, 38.86, 0.3],
      [12, 37, 38.86, 0.1],
      [2, 30.43, 38.86, 0.05],
    ] as const) {
      const expected = bgCrossing(x, tx, T, p);
      const result = contactBy(BG, { frequency: x, recency: tx, T }, { threshold: p, horizon: 500 });
      expect(expected).toBeGreaterThan(0);
      expect(Math.abs((result.after as number) - expected)).toBeLessThan(1e-9 * expected);
      expect(result.measureThen).toBeLessThanOrEqual(p);
      expect(result.measureThen).toBe(
        probabilityAlive(BG, { frequency: x, recency: tx, T: T + (result.after as number) }),
      );
    }
  });

  it('turns `after` into a date with `at` and `timeUnit`', () => {
    const result = contactBy(
      BG,
      { frequency: 4, recency: 30.86, T: 38.86 },
      { threshold: 0.5, horizon: 52, at: '1998-06-30T00:00:00Z', timeUnit: 'week' },
    );
    const ms = Date.parse('1998-06-30T00:00:00Z') + (result.after as number) * 7 * 86_400_000;
    expect(result.date).toBe(new Date(Math.round(ms)).toISOString());
    expect(result.date?.slice(0, 10)).toBe('1998-09-23');
  });

  it('says now (0) when already at or below, and null when not within the horizon', () => {
    const customer = { frequency: 4, recency: 30.86, T: 38.86 };
    const now = probabilityAlive(BG, customer);
    expect(contactBy(BG, customer, { threshold: now, horizon: 10 })).toEqual({
      after: 0,
      date: null,
      measureNow: now,
      measureThen: now,
    });
    const short = contactBy(BG, customer, { threshold: 0.5, horizon: 10 });
    expect(short).toEqual({ after: null, date: null, measureNow: now, measureThen: null });
    expect(probabilityAlive(BG, { ...customer, T: customer.T + 10 })).toBeGreaterThan(0.5);
  });

  it('never contacts a BG/NBD one-time buyer by P(alive) (alive with probability 1), but does under Pareto/NBD', () => {
    const single = { frequency: 0, recency: 0, T: 10 };
    expect(contactBy(BG, single, { threshold: 0.5, horizon: 1e6 }).after).toBeNull();
    const pareto = contactBy(PARETO, single, { threshold: 0.5, horizon: 1000 });
    expect(pareto.after).toBeGreaterThan(0);
    expect(pareto.measureThen).toBe(
      probabilityAlive(PARETO, { ...single, T: 10 + (pareto.after as number) }),
    );
    expect(pareto.measureThen).toBeLessThanOrEqual(0.5);
    expect(
      probabilityAlive(PARETO, { ...single, T: 10 + (pareto.after as number) * (1 - 1e-9) }),
    ).toBeGreaterThan(0.5);
  });

  it('watches P(at least one purchase in the window) with `purchaseWithin`', () => {
    const customer = { frequency: 4, recency: 30.86, T: 38.86 };
    for (const fit of [BG, PARETO]) {
      const result = contactBy(fit, customer, {
        threshold: 0.3,
        measure: 'purchaseWithin',
        window: 13,
        horizon: 104,
      });
      const after = result.after as number;
      const at = (u: number) =>
        1 - conditionalPurchaseProbability(fit, { ...customer, T: customer.T + u }, 0, 13);
      expect(result.measureNow).toBe(at(0));
      expect(result.measureThen).toBe(at(after));
      expect(at(after)).toBeLessThanOrEqual(0.3);
      expect(at(after * (1 - 1e-9))).toBeGreaterThan(0.3);
    }
  });

  it('counts whole opportunities for BG/BB', () => {
    const customer = { frequency: 3, recency: 4, periods: 6 };
    const result = contactBy(BG_BB, customer, { threshold: 0.3, horizon: 20 });
    expect(result.after).toBe(1);
    expect(result.measureThen).toBe(probabilityAlive(BG_BB, { ...customer, periods: 7 }));
    expect(probabilityAlive(BG_BB, customer)).toBeGreaterThan(0.3);
    const within = contactBy(BG_BB, customer, {
      threshold: 0.2,
      measure: 'purchaseWithin',
      window: 2,
      horizon: 20,
    });
    const after = within.after as number;
    expect(Number.isInteger(after)).toBe(true);
    const at = (u: number) =>
      1 - conditionalPurchaseProbability(BG_BB, { ...customer, periods: 6 + u }, 0, 2);
    expect(at(after)).toBeLessThanOrEqual(0.2);
    if (after > 0) expect(at(after - 1)).toBeGreaterThan(0.2);
  });

  it('refuses bad input with codes', () => {
    const customer = { frequency: 2, recency: 5, T: 12 };
    expect(codeOf(() => contactBy(BG, customer, { threshold: 0, horizon: 5 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => contactBy(BG, customer, { threshold: 1, horizon: 5 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => contactBy(BG, customer, { threshold: Number.NaN, horizon: 5 }))).toBe('NOT_FINITE');
    expect(codeOf(() => contactBy(BG, customer, { threshold: 0.5, horizon: -1 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => contactBy(BG, customer, { threshold: 0.5, horizon: 5, window: 3 }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(
      codeOf(() => contactBy(BG, customer, { threshold: 0.5, horizon: 5, measure: 'purchaseWithin' })),
    ).toBe('INVALID_ARGUMENT');
    expect(
      codeOf(() =>
        contactBy(BG, customer, { threshold: 0.5, horizon: 5, measure: 'purchaseWithin', window: 0 }),
      ),
    ).toBe('OUT_OF_RANGE');
    expect(
      codeOf(() =>
        contactBy(BG, customer, { threshold: 0.5, horizon: 5, measure: 'churn' as 'purchaseWithin' }),
      ),
    ).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => contactBy(BG, customer, { threshold: 0.5, horizon: 5, at: '2024-01-01' }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => contactBy(BG, customer, { threshold: 0.5, horizon: 5, timeUnit: 'week' }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(
      codeOf(() => contactBy(BG, customer, { threshold: 0.5, horizon: 5, at: 'soon', timeUnit: 'week' })),
    ).toBe('INVALID_TIMESTAMP');
    expect(
      codeOf(() =>
        contactBy(BG, customer, {
          threshold: 0.5,
          horizon: 1e15,
          at: '2024-01-01T00:00:00Z',
          timeUnit: 'year',
        }),
      ),
    ).toBe('OUT_OF_RANGE');
    expect(
      codeOf(() => contactBy(BG, { frequency: 2, recency: 15, T: 12 }, { threshold: 0.5, horizon: 5 })),
    ).toBe('INVALID_SUMMARY_ROW');
    expect(
      codeOf(() =>
        contactBy({ model: 'gammaGamma', params: { p: 6, q: 4, gamma: 16 } }, customer, {
          threshold: 0.5,
          horizon: 5,
        }),
      ),
    ).toBe('UNSUPPORTED_MODEL');
    expect(
      codeOf(() =>
        contactBy(BG_BB, { frequency: 1, recency: 2, periods: 6 }, { threshold: 0.5, horizon: 1.5 }),
      ),
    ).toBe('NOT_AN_INTEGER');
    expect(
      codeOf(() =>
        contactBy(BG_BB, { frequency: 1, recency: 2, periods: 6 }, { threshold: 0.5, horizon: 100_000 }),
      ),
    ).toBe('OUT_OF_RANGE');
  });
});
