import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultRfmSegment,
  loyaltyReference,
  loyaltyScore,
  pointsForPurchase,
  probabilityAlive,
  rfmScores,
  type TierActivity,
  tierHistory,
  upcomingOccasions,
} from '../../src/index';
import { codeOf } from '../helpers/errors';

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

const summaryRow = fc
  .record({
    frequency: fc.integer({ min: 0, max: 30 }),
    T: fc.integer({ min: 1, max: 100 }),
    share: fc.integer({ min: 0, max: 10 }),
    monetaryValue: fc.integer({ min: 0, max: 500 }),
  })
  .map(({ frequency, T, share, monetaryValue }) => ({
    frequency,
    recency: frequency === 0 ? 0 : (T * share) / 10,
    T,
    monetaryValue: frequency === 0 ? 0 : monetaryValue,
  }));

describe('RFM score laws', () => {
  it('scores are whole numbers 1–5, ties share a score, and the segment is the documented map', () => {
    fc.assert(
      fc.property(fc.array(summaryRow, { minLength: 1, maxLength: 40 }), (rows) => {
        const scored = rfmScores(rows);
        scored.forEach((row, i) => {
          for (const score of [row.r, row.f, row.m]) expect([1, 2, 3, 4, 5]).toContain(score);
          expect(row.segment).toBe(defaultRfmSegment(row.r, row.f, row.m));
          rows.forEach((other, j) => {
            if (other.frequency === rows[i]?.frequency) expect(scored[j]?.f).toBe(row.f);
            if ((other.frequency ?? 0) > (rows[i]?.frequency ?? 0))
              expect(scored[j]?.f).toBeGreaterThanOrEqual(row.f);
            const since = (row_: typeof other) => row_.T - row_.recency;
            if (since(other) < since(rows[i] as typeof other))
              expect(scored[j]?.r).toBeGreaterThanOrEqual(row.r);
          });
        });
        // the lowest value scores 1
        expect(Math.min(...scored.map((row) => row.f))).toBe(1);
      }),
    );
  });

  it('row order does not change any customer’s scores', () => {
    fc.assert(
      fc.property(fc.array(summaryRow, { minLength: 1, maxLength: 40 }), (rows) => {
        const tagged = rows.map((row, i) => ({ ...row, customerId: `c${i}` }));
        const forward = rfmScores(tagged);
        const backward = rfmScores([...tagged].reverse()).reverse();
        expect(backward).toEqual(forward);
      }),
    );
  });

  it('a custom segment map is used, and one returning a non-string is INVALID_ARGUMENT', () => {
    const rows = [{ frequency: 1, recency: 1, T: 2, monetaryValue: 5 }];
    expect(rfmScores(rows, { segment: (r, f, m) => `${r}${f}${m}` })[0]?.segment).toBe('111');
    expect(codeOf(() => rfmScores(rows, { segment: () => 5 as unknown as string }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => rfmScores([{ frequency: 1, recency: 3, T: 2, monetaryValue: 5 }]))).toBe(
      'INVALID_SUMMARY_ROW',
    );
  });
});

describe('loyalty score laws', () => {
  const population = fc.array(summaryRow, { minLength: 1, maxLength: 30 });
  const extras = fc.record({
    referrals: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
    npsScore: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
  });

  it('the score is in [0, 100] and is the sum of its components, whose shares sum to 1', () => {
    fc.assert(
      fc.property(population, summaryRow, extras, (rows, customer, extra) => {
        const result = loyaltyScore({ ...customer, ...extra }, loyaltyReference(rows));
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        const sum = result.components.reduce((total, c) => total + c.points, 0);
        expect(Math.abs(sum - result.score)).toBeLessThan(1e-9);
        expect(Math.abs(result.components.reduce((total, c) => total + c.share, 0) - 1)).toBeLessThan(1e-12);
        for (const c of result.components) {
          expect(c.value).toBeGreaterThanOrEqual(0);
          expect(c.value).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('more purchases, more spend or a more recent purchase never lower the score', () => {
    fc.assert(
      fc.property(population, summaryRow, fc.integer({ min: 1, max: 10 }), (rows, customer, more) => {
        const reference = loyaltyReference(rows);
        const base = loyaltyScore(customer, reference).score;
        expect(
          loyaltyScore({ ...customer, frequency: customer.frequency + more }, reference).score,
        ).toBeGreaterThanOrEqual(base - 1e-12);
        expect(
          loyaltyScore({ ...customer, monetaryValue: customer.monetaryValue + more }, reference).score,
        ).toBeGreaterThanOrEqual(base - 1e-12);
        expect(
          loyaltyScore({ ...customer, recency: Math.min(customer.T, customer.recency + more) }, reference)
            .score,
        ).toBeGreaterThanOrEqual(base - 1e-12);
      }),
    );
  });

  it('scaling every weight by the same factor leaves the score unchanged', () => {
    fc.assert(
      fc.property(
        population,
        summaryRow,
        extras,
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (rows, customer, extra, factor) => {
          const reference = loyaltyReference(rows);
          const weights = {
            recency: 1,
            frequency: 2,
            monetary: 3,
            referrals: 1,
            nps: 1,
            probabilityAlive: 1,
          };
          const scaled = Object.fromEntries(Object.entries(weights).map(([k, v]) => [k, v * factor]));
          const a = loyaltyScore({ ...customer, ...extra }, reference, { weights }).score;
          const b = loyaltyScore({ ...customer, ...extra }, reference, { weights: scaled }).score;
          expect(Math.abs(a - b)).toBeLessThan(1e-9);
        },
      ),
    );
  });

  it('adds P(alive) from a fit as a component', () => {
    const reference = loyaltyReference([{ frequency: 2, recency: 10, T: 20, monetaryValue: 5 }]);
    const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
    const result = loyaltyScore({ frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 5 }, reference, {
      fit,
    });
    const alive = result.components.find((c) => c.name === 'probabilityAlive');
    expect(alive?.value).toBe(probabilityAlive(fit, { frequency: 2, recency: 30.43, T: 38.86 }));
    expect(alive?.value).toBeGreaterThan(0.5);
    expect(alive?.value).toBeLessThan(1);
  });
});

describe('loyalty reference tables', () => {
  it('are frozen by loyaltyReference and checked once; an unfrozen copy is checked on every call', () => {
    const rows = [
      { frequency: 0, recency: 0, T: 40, monetaryValue: 0 },
      { frequency: 2, recency: 20, T: 45, monetaryValue: 30 },
      { frequency: 6, recency: 48, T: 50, monetaryValue: 60 },
    ];
    const reference = loyaltyReference(rows);
    expect(Object.isFrozen(reference.frequency)).toBe(true);
    const customer = { frequency: 2, recency: 20, T: 45, monetaryValue: 30 };
    const first = loyaltyScore(customer, reference).score;
    expect(loyaltyScore(customer, reference).score).toBe(first);
    const copy = JSON.parse(JSON.stringify(reference));
    expect(loyaltyScore(customer, copy).score).toBe(first);
    copy.frequency[50] = Number.NaN;
    expect(codeOf(() => loyaltyScore(customer, copy))).toBe('INVALID_ARGUMENT');
    copy.frequency[50] = reference.frequency[50];
    copy.frequency[60] = -1;
    expect(codeOf(() => loyaltyScore(customer, copy))).toBe('INVALID_ARGUMENT');
  });
});

describe('occasion laws', () => {
  const birthday = fc
    .record({ month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
    .filter(
      ({ month, day }) => day <= ([31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number),
    );
  const customers = fc.array(
    fc.record({
      id: fc.constantFrom('ann', 'bo', 'cy', 'di'),
      occasions: fc.record({ birthday }),
      firstPurchaseAt: fc.integer({ min: 0, max: 3000 }).map((d) => START - d * DAY + 13 * 3_600_000),
    }),
    { maxLength: 6 },
  );
  const at = fc.integer({ min: 0, max: 1500 }).map((d) => START + d * DAY + 7 * 3_600_000);

  it('every occasion lies in the window, on the date daysUntil says, soonest first', () => {
    fc.assert(
      fc.property(customers, at, fc.integer({ min: 0, max: 366 }), (list, now, within) => {
        const found = upcomingOccasions(list, { at: now, withinDays: within });
        const today = Math.floor(now / DAY);
        found.forEach((o, i) => {
          expect(o.daysUntil).toBeGreaterThanOrEqual(0);
          expect(o.daysUntil).toBeLessThanOrEqual(within);
          expect(new Date((today + o.daysUntil) * DAY).toISOString().slice(0, 10)).toBe(o.date);
          if (i > 0) expect(o.daysUntil).toBeGreaterThanOrEqual(found[i - 1]?.daysUntil ?? 0);
          if (o.occasion === 'firstPurchaseAnniversary') expect(o.years).toBeGreaterThanOrEqual(1);
        });
      }),
    );
  });

  it('a fixed UTC offset is the same as shifting every instant by it', () => {
    fc.assert(
      fc.property(customers, at, fc.integer({ min: -720, max: 840 }), (list, now, minutes) => {
        const shift = minutes * 60_000;
        const local = upcomingOccasions(list, { at: now, withinDays: 40, utcOffsetMinutes: minutes });
        const shifted = upcomingOccasions(
          list.map((c) => ({ ...c, firstPurchaseAt: c.firstPurchaseAt + shift })),
          { at: now + shift, withinDays: 40 },
        );
        expect(local).toEqual(shifted);
      }),
    );
  });

  it('29 February falls on 28 February, or 1 March if asked, in common years, and on itself in leap years', () => {
    const leapling = [{ id: 'ann', occasions: { birthday: { month: 2, day: 29 } } }];
    const dates = (year: number, leapDay?: 'feb28' | 'mar1') =>
      upcomingOccasions(leapling, {
        at: `${year}-02-01`,
        withinDays: 40,
        ...(leapDay ? { leapDay } : {}),
      }).map((o) => o.date);
    expect(dates(2025)).toEqual(['2025-02-28']);
    expect(dates(2025, 'mar1')).toEqual(['2025-03-01']);
    expect(dates(2028)).toEqual(['2028-02-29']);
    expect(dates(2100)).toEqual(['2100-02-28']);
  });

  it('today in Auckland is already tomorrow in UTC', () => {
    const customer = [{ id: 'ann', occasions: { birthday: { month: 3, day: 15 } } }];
    const at = '2025-03-14T13:00:00Z'; // 02:00 on 15 March in Auckland (UTC+13)
    expect(upcomingOccasions(customer, { at, withinDays: 0 })).toEqual([]);
    expect(upcomingOccasions(customer, { at, withinDays: 0, timeZone: 'Pacific/Auckland' })[0]?.date).toBe(
      '2025-03-15',
    );
  });
});

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
