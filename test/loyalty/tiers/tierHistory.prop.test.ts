import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type TierActivity, tierHistory } from '../../../src/index';
import { codeOf } from '../../helpers/errors';

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

const TIERS = [
  { name: 'member', threshold: 0 },
  { name: 'silver', threshold: 300 },
  { name: 'gold', threshold: 1000 },
];

const activity = fc.array(
  fc.record({
    customerId: fc.constantFrom('ann', 'bo'),
    at: fc.integer({ min: 0, max: 400 }).map((day) => START + day * DAY),
    amount: fc.integer({ min: 0, max: 600 }),
  }),
  { maxLength: 25 },
);

function windowSum(
  rows: readonly TierActivity[],
  customerId: string,
  at: number,
  windowDays: number,
): number {
  return rows
    .filter(
      (row) =>
        row.customerId === customerId &&
        (row.at as number) <= at &&
        (row.at as number) > at - windowDays * DAY,
    )
    .reduce((sum, row) => sum + (row.amount ?? 0), 0);
}

describe('tier laws', () => {
  it('without grace the tier is the highest whose threshold the window value reaches, the value summed directly', () => {
    fc.assert(
      fc.property(
        activity,
        fc.integer({ min: 0, max: 450 }),
        fc.integer({ min: 1, max: 200 }),
        (rows, day, windowDays) => {
          const at = START + day * DAY;
          const result = tierHistory(rows, { tiers: TIERS, metric: 'spend', windowDays, at });
          for (const customer of result) {
            const value = windowSum(rows, customer.customerId, at, windowDays);
            expect(customer.windowValue).toBe(value);
            const expected = [...TIERS].reverse().find((tier) => value >= tier.threshold)?.name ?? null;
            expect(customer.tier).toBe(expected);
            expect(customer.qualifiedTier).toBe(expected);
            expect(customer.downgradeAt).toBeNull();
          }
        },
      ),
    );
  });

  it('with grace the tier held is never below the one qualified for, and the history is contiguous', () => {
    fc.assert(
      fc.property(
        activity,
        fc.integer({ min: 0, max: 450 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 60 }),
        (rows, day, windowDays, graceDays) => {
          const at = START + day * DAY;
          const result = tierHistory(rows, { tiers: TIERS, metric: 'spend', windowDays, graceDays, at });
          const rank = (name: string | null) => TIERS.findIndex((tier) => tier.name === name);
          for (const customer of result) {
            expect(rank(customer.tier)).toBeGreaterThanOrEqual(rank(customer.qualifiedTier));
            if (customer.downgradeAt !== null) {
              expect(customer.downgradeAt).toBeGreaterThan(at);
              expect(customer.downgradeAt).toBeLessThanOrEqual(at + graceDays * DAY);
            }
            customer.history.forEach((period, i) => {
              const next = customer.history[i + 1];
              expect(period.until).toBe(next === undefined ? null : next.from);
              if (next !== undefined) expect(next.tier).not.toBe(period.tier);
            });
            expect(customer.history.at(-1)?.tier).toBe(customer.tier);
          }
        },
      ),
    );
  });

  it('matches a day-by-day model of the tier rules (upgrade at once, downgrade after the grace period)', () => {
    // every time is a whole day, so stepping day by day visits every change the event-driven scan does
    const model = (
      rows: readonly TierActivity[],
      customerId: string,
      atDay: number,
      window: number,
      grace: number,
    ) => {
      const days = rows
        .filter((row) => row.customerId === customerId)
        .map((row) => ((row.at as number) - START) / DAY);
      let held = -2;
      let pending: number | null = null;
      const history: { tier: string | null; from: number }[] = [];
      const qualify = (value: number) => {
        let index = -1;
        TIERS.forEach((tier, i) => {
          if (value >= tier.threshold) index = i;
        });
        return index;
      };
      for (let day = Math.min(...days); day <= atDay; day++) {
        const q = qualify(windowSum(rows, customerId, START + day * DAY, window));
        let target = held;
        if (pending === day) {
          pending = null;
          target = q;
        } else if (held === -2 || q > held) {
          target = q;
          pending = null;
        } else if (q === held) pending = null;
        else if (grace === 0) target = q;
        else pending ??= day + grace;
        if (target !== held) {
          held = target;
          history.push({ tier: TIERS[target]?.name ?? null, from: START + day * DAY });
        }
      }
      return {
        tier: TIERS[held]?.name ?? null,
        history,
        downgradeAt: pending === null ? null : START + pending * DAY,
      };
    };
    fc.assert(
      fc.property(
        activity,
        fc.integer({ min: 0, max: 450 }),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 0, max: 60 }),
        (rows, day, windowDays, graceDays) => {
          const at = START + day * DAY;
          const result = tierHistory(rows, { tiers: TIERS, metric: 'spend', windowDays, graceDays, at });
          const present = [
            ...new Set(rows.filter((row) => (row.at as number) <= at).map((row) => row.customerId)),
          ];
          expect(result.map((customer) => customer.customerId)).toEqual(present.sort());
          for (const customer of result) {
            const expected = model(rows, customer.customerId, day, windowDays, graceDays);
            expect(customer.tier).toBe(expected.tier);
            expect(customer.downgradeAt).toBe(expected.downgradeAt);
            expect(customer.history.map(({ tier, from }) => ({ tier, from }))).toEqual(expected.history);
          }
        },
      ),
    );
  });

  it('the order of the activity does not change the tiers', () => {
    fc.assert(
      fc.property(activity, fc.integer({ min: 0, max: 450 }), (rows, day) => {
        const options = {
          tiers: TIERS,
          metric: 'spend',
          windowDays: 90,
          graceDays: 14,
          at: START + day * DAY,
        } as const;
        expect(tierHistory([...rows].reverse(), options)).toEqual(tierHistory(rows, options));
      }),
    );
  });

  it('a tier list changed between calls is read again (the read tiers are remembered per list)', () => {
    const tiers = [
      { name: 'member', threshold: 0 },
      { name: 'gold', threshold: 500 },
    ];
    const rows = [{ customerId: 'ann', at: START, amount: 400 }];
    const options = { tiers, metric: 'spend', windowDays: 30, at: START + DAY } as const;
    expect(tierHistory(rows, options)[0]?.tier).toBe('member');
    (tiers[1] as { threshold: number }).threshold = 300;
    expect(tierHistory(rows, options)[0]?.tier).toBe('gold');
    tiers.push({ name: 'gold', threshold: 350 });
    expect(codeOf(() => tierHistory(rows, options))).toBe('INVALID_ARGUMENT');
  });

  it('purchases and points metrics count what they should; a row without the field is INVALID_FIELD', () => {
    const rows = [
      { customerId: 'ann', at: START, points: 400 },
      { customerId: 'ann', at: START + DAY, points: 700 },
    ];
    const options = { tiers: TIERS, windowDays: 30, at: START + 2 * DAY } as const;
    expect(tierHistory(rows, { ...options, metric: 'points' })[0]?.tier).toBe('gold');
    expect(tierHistory(rows, { ...options, metric: 'purchases' })[0]?.windowValue).toBe(2);
    expect(codeOf(() => tierHistory(rows, { ...options, metric: 'spend' }))).toBe('INVALID_FIELD');
    expect(tierHistory(rows, { ...options, metric: 'points' })[0]?.next).toBeNull();
  });
});
