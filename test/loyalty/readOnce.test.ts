import { describe, expect, it } from 'vitest';
import {
  type LedgerEntry,
  loyaltyReference,
  loyaltyScore,
  pointsExpiring,
  pointsForPurchase,
  pointsLiability,
  tierHistory,
  upcomingOccasions,
} from '../../src/index';
import { codeOf } from '../helpers/errors';
import { changingField } from '../helpers/readOnce';

// issue 15 item 8: each input value is read once, so a value valid on the first read and NaN (or missing)
// on the next gives the result of the value first read, never NaN, a wrong default or an error

describe('loyalty functions read each input value once', () => {
  const reference = loyaltyReference([
    { frequency: 0, recency: 0, T: 40, monetaryValue: 0 },
    { frequency: 2, recency: 20, T: 45, monetaryValue: 30 },
    { frequency: 6, recency: 48, T: 50, monetaryValue: 60 },
  ]);
  const customer = { frequency: 2, recency: 20, T: 45, monetaryValue: 30, referrals: 1, npsScore: 9 };
  const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
  const options = { weights: { nps: 3 }, referralsForFull: 2, fit };
  const plain = loyaltyScore(customer, reference, options);

  it('loyaltyScore: customer.referrals and customer.npsScore', () => {
    for (const key of ['referrals', 'npsScore']) {
      const row = changingField(customer, key, customer[key as 'referrals'], Number.NaN);
      expect(loyaltyScore(row, reference, options)).toEqual(plain);
    }
  });

  it('loyaltyScore: options.weights, options.referralsForFull and options.fit', () => {
    for (const key of ['weights', 'referralsForFull', 'fit'] as const) {
      const changing = changingField(options, key, options[key], undefined);
      expect(loyaltyScore(customer, reference, changing)).toEqual(plain);
    }
  });

  it('loyaltyScore: the quantiles of an unfrozen reference table', () => {
    const table = changingField([...reference.frequency], 50, reference.frequency[50], Number.NaN);
    const changing = { ...reference, frequency: table };
    expect(loyaltyScore(customer, changing, options)).toEqual(plain);
  });

  it('tierHistory: options.graceDays and the value of a row read on the slow path', () => {
    const tiers = [
      { name: 'member', threshold: 0 },
      { name: 'gold', threshold: 1000 },
    ];
    const purchases = [
      { customerId: 'ann', at: '2025-01-15', amount: 600 },
      { customerId: 'ann', at: '2025-03-01', amount: 450 },
    ];
    const base = { tiers, metric: 'spend', windowDays: 365, graceDays: 30, at: '2026-02-01' } as const;
    const expected = tierHistory(purchases, base);
    expect(expected[0]?.tier).toBe('gold');
    expect(tierHistory(purchases, changingField(base, 'graceDays', 30, Number.NaN))).toEqual(expected);
    // an ISO-string time sends the row to the checks that name what is wrong; they must not read again
    const changingRow = [changingField(purchases[0] as object, 'amount', 600, Number.NaN), purchases[1]];
    expect(tierHistory(changingRow as typeof purchases, base)).toEqual(expected);
  });

  it('pointsForPurchase: purchase.occasions', () => {
    const rules = { perCurrencyUnit: 1, occasionBonuses: { birthday: { multiplier: 2, points: 50 } } };
    const purchase = changingField({ amount: 40 }, 'occasions', ['birthday'], undefined);
    expect(pointsForPurchase(purchase, rules).points).toBe(130);
  });

  it('pointsForPurchase: a hole in purchase.occasions is INVALID_ARGUMENT naming it, not an occasion skipped', () => {
    const rules = { perCurrencyUnit: 1 };
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point of the test
    const occasions = ['birthday', , 'anniversary'] as string[];
    expect(() => pointsForPurchase({ amount: 40, occasions }, rules)).toThrow(/purchase\.occasions\[1\]/);
  });

  const ledger: LedgerEntry[] = [{ customerId: 'ann', at: '2025-01-10', kind: 'earn', points: 100 }];

  it('pointsExpiring: options.validityDays', () => {
    const base = { at: '2025-12-20', withinDays: 30, validityDays: 365 };
    expect(pointsExpiring(ledger, base).points).toBe(100);
    expect(pointsExpiring(ledger, changingField(base, 'validityDays', 365, undefined)).points).toBe(100);
  });

  it('pointsLiability: options.expectedBreakage', () => {
    const base = { at: '2025-06-30', pointValue: 0.01, expectedBreakage: 0.2 };
    const changing = changingField(base, 'expectedBreakage', 0.2, Number.NaN);
    expect(pointsLiability(ledger, changing)).toEqual(pointsLiability(ledger, base));
  });
});

describe('loyalty functions reject a hole in a list instead of skipping it', () => {
  it('upcomingOccasions: a hole in customers is INVALID_ARGUMENT naming it', () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point of the test
    const customers = [{ id: 'ann' }, , { id: 'bo' }] as { id: string }[];
    expect(() => upcomingOccasions(customers, { at: '2025-03-01', withinDays: 30 })).toThrow(
      /customers\[1\]/,
    );
  });

  it('tierHistory: a hole in options.tiers is INVALID_ARGUMENT naming it', () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point of the test
    const tiers = [{ name: 'member', threshold: 0 }, , { name: 'gold', threshold: 10 }] as {
      name: string;
      threshold: number;
    }[];
    const options = { tiers, metric: 'purchases', windowDays: 365, at: '2025-06-01' } as const;
    expect(codeOf(() => tierHistory([], options))).toBe('INVALID_ARGUMENT');
  });
});

describe('tierHistory remembers the tiers as it read them', () => {
  it('a tier name that changes after it was read is read afresh on the next call, not trusted from a second read', () => {
    let reads = 0;
    const gold = {
      get name() {
        reads++;
        return reads === 1 ? 'gold' : 'GOLD';
      },
      threshold: 2,
    };
    const tiers = [{ name: 'member', threshold: 0 }, gold];
    const activity = [
      { customerId: 'ann', at: '2025-01-15' },
      { customerId: 'ann', at: '2025-02-15' },
    ];
    const options = { tiers, metric: 'purchases', windowDays: 365, at: '2025-06-01' } as const;
    expect(tierHistory(activity, options)[0]?.tier).toBe('gold');
    // the second call sees 'GOLD': the memo of the first read ('gold') does not match, so it reads again
    expect(tierHistory(activity, options)[0]?.tier).toBe('GOLD');
  });
});
