import { describe, expect, it } from 'vitest';
import { interPurchaseTimes, type Transaction } from '../../src/index';
import { gammaDraw, seededUniform } from '../../src/math/random';
import { codeOf } from '../helpers/errors';
import { expectClose } from '../helpers/numbers';

const DAY = 86_400_000;
const START = Date.UTC(2000, 0, 1);

/**
 * A seeded log of customers whose gaps are gamma(k, λ_i) draws, with rates that differ tenfold between
 * customers (the estimator should not care), mean gaps of hundreds of days so that merging purchases per
 * day barely moves the ratios.
 */
function simulatedLog(k: number, customers: number, seed: number): Transaction[] {
  const uniform = seededUniform(seed);
  const log: Transaction[] = [];
  for (let c = 0; c < customers; c++) {
    const meanGap = 400 * (0.3 + 2.7 * uniform()); // days
    let at = START + Math.floor(uniform() * 365) * DAY;
    log.push({ customerId: c, at, amount: 1 });
    for (let purchase = 0; purchase < 3; purchase++) {
      at += ((gammaDraw(uniform, k) * meanGap) / k) * DAY;
      log.push({ customerId: c, at, amount: 1 });
    }
  }
  return log;
}

describe('interPurchaseTimes', () => {
  const log: Transaction[] = [
    { customerId: 'a', at: '2024-01-01T08:00:00Z', amount: 1 },
    { customerId: 'a', at: '2024-01-01T20:00:00Z', amount: 1 }, // the same day
    { customerId: 'a', at: '2024-01-08', amount: 1 },
    { customerId: 'a', at: '2024-01-29', amount: 1 },
    { customerId: 'a', at: '2024-03-01', amount: 1 }, // after the end below
    { customerId: 'b', at: '2024-01-31T23:30:00Z', amount: 1 }, // February 1st in Tokyo
    { customerId: 'b', at: '2024-02-01T01:00:00Z', amount: 1 },
  ];

  it('takes the gaps between purchase days up to the end of observation, in the unit (hand-checked)', () => {
    const { customers } = interPurchaseTimes(log, { unit: 'week', observationEnd: '2024-02-15' });
    // a: days 0, 7, 28: gaps 1 and 3 weeks; b: 23:30 and 01:00 are two UTC days, 1 day = 1/7 week
    expect(customers[0]).toMatchObject({ customerId: 'a', intervals: 2, meanInterval: 2 });
    expectClose(customers[0]?.meanLogInterval as number, Math.log(3) / 2);
    expect(customers[1]).toMatchObject({ customerId: 'b', intervals: 1, meanInterval: 1 / 7 });
    expectClose(customers[1]?.meanLogInterval as number, -Math.log(7));
  });

  it('reads days in the time zone given: b’s two purchases fall on one Tokyo day', () => {
    const { customers } = interPurchaseTimes(log, { timeZone: 'Asia/Tokyo', observationEnd: '2024-02-15' });
    expect(customers[1]).toEqual({
      customerId: 'b',
      intervals: 0,
      meanInterval: null,
      meanLogInterval: null,
    });
  });

  it('gives k null for fewer than two customers with two gaps, and for ratios that do not vary', () => {
    expect(interPurchaseTimes(log).regularity).toEqual({ k: null, customers: 1 });
    const clockwork = [0, 1].flatMap((c) =>
      [0, 7, 14].map((day) => ({ customerId: c, at: START + day * DAY, amount: 1 })),
    );
    expect(interPurchaseTimes(clockwork).regularity).toEqual({ k: null, customers: 2 });
    expect(interPurchaseTimes([])).toEqual({ customers: [], regularity: { k: null, customers: 0 } });
  });

  it('refuses includeFirst and other unknown options (INVALID_OPTION), and names the first bad row', () => {
    expect(codeOf(() => interPurchaseTimes(log, { includeFirst: true } as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => interPurchaseTimes([...log, { customerId: '', at: 0, amount: 1 }]))).toBe(
      'INVALID_FIELD',
    );
  });

  for (const k of [1, 3, 8]) {
    it(`recovers the Erlang shape k = ${k} of simulated gaps within four delta-method standard errors (Wheat & Morrison 1990)`, () => {
      const customers = 4000;
      const { regularity } = interPurchaseTimes(simulatedLog(k, customers, 17 + k));
      expect(regularity.customers).toBe(customers);
      // the standard error of k = 1 / (8 v) − 1/2 from the Beta(k, k) moments: Var(s²) ≈ (μ₄ − v²) / n
      const v = 1 / (4 * (2 * k + 1));
      const mu4 = (3 * v * v * (2 * k + 1)) / (2 * k + 3); // Beta(k, k): μ₄ = 3 v² (2k + 1) / (2k + 3)
      const se = (1 / (8 * v * v)) * Math.sqrt((mu4 - v * v) / customers);
      expect(Math.abs((regularity.k as number) - k)).toBeLessThanOrEqual(4 * se);
    });
  }
});
