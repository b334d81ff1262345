import { describe, expect, it } from 'vitest';
import { type OccasionCustomer, upcomingOccasions } from '../../../src/index';

/** An object whose `key` is `first` on the first read and `then` on every later read. */
function changing<T extends object>(base: T, key: string, first: unknown, then: unknown): T {
  let reads = 0;
  return Object.defineProperty({ ...base }, key, {
    get: () => (reads++ === 0 ? first : then),
    enumerable: true,
  });
}

describe('upcomingOccasions reads each input value once (issue 15 item 8)', () => {
  const options = { at: '2025-03-01T12:00:00Z', withinDays: 30 };

  it('a birthday day valid on the first read and NaN on the second gives its date, not 2025-03-NaN', () => {
    const birthday = changing({ month: 3 }, 'day', 10, Number.NaN);
    const customers = [{ id: 'ann', occasions: { birthday } }] as unknown as OccasionCustomer[];
    expect(upcomingOccasions(customers, options).map((o) => o.date)).toEqual(['2025-03-10']);
  });

  it('a month or year that changes after validation does not change the result', () => {
    const month = changing({ day: 10, year: 1990 }, 'month', 3, Number.NaN);
    const year = changing({ month: 3, day: 10 }, 'year', 1990, Number.NaN);
    for (const birthday of [month, year]) {
      const customers = [{ id: 'ann', occasions: { birthday } }] as unknown as OccasionCustomer[];
      expect(upcomingOccasions(customers, options).map((o) => `${o.date} ${o.years}`)).toEqual([
        '2025-03-10 35',
      ]);
    }
  });

  it('a first purchase read as a time once is not read again as undefined', () => {
    const customer = changing({ id: 'bo' }, 'firstPurchaseAt', '2024-03-05T00:00:00Z', undefined);
    const customers = [customer] as unknown as OccasionCustomer[];
    expect(upcomingOccasions(customers, options).map((o) => `${o.occasion} ${o.date}`)).toEqual([
      'firstPurchaseAnniversary 2025-03-05',
    ]);
  });
});
