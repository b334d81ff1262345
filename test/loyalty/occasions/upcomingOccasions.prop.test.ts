import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { upcomingOccasions } from '../../../src/index';

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

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
