// Issue 15 item 10: misspelled option names used to be ignored (`validityDay: 365` meant points never
// expire). Each example of the issue is INVALID_OPTION naming the key and the nearest valid one.
import { describe, expect, it } from 'vitest';
import {
  cohortRetention,
  loyaltyReference,
  loyaltyScore,
  PatronageError,
  periodRetention,
  pointsBalance,
  pointsForPurchase,
  rfmSummary,
  tierHistory,
} from '../../src/index';

const LEDGER = [
  { id: 'e1', customerId: 'ann', at: '2024-01-10', kind: 'earn', points: 100 },
  { id: 'r1', customerId: 'ann', at: '2024-03-01', kind: 'redeem', points: 30 },
] as const;
const TRANSACTIONS = [
  { customerId: 'a', at: '2024-01-05', amount: 10 },
  { customerId: 'a', at: '2024-02-11', amount: 20 },
  { customerId: 'b', at: '2024-01-20', amount: 5 },
];
const TIERS = {
  tiers: [
    { name: 'member', threshold: 0 },
    { name: 'gold', threshold: 1000 },
  ],
  metric: 'spend',
  windowDays: 365,
  at: '2025-06-01',
} as const;
const ROW = { frequency: 2, recency: 20, T: 45, monetaryValue: 30 };
const REFERENCE = loyaltyReference([{ frequency: 0, recency: 0, T: 40, monetaryValue: 0 }, ROW]);

/** The error `run` throws (the test fails when it returns). */
function thrown(run: () => unknown): PatronageError {
  try {
    run();
  } catch (error) {
    if (error instanceof PatronageError) return error;
    throw error;
  }
  throw new Error('expected a PatronageError, the call returned');
}

// Loose calls: the misspelt key is not in the options type, which is the point.
const loose = <F extends (...args: never[]) => unknown>(fn: F) =>
  fn as unknown as (...args: unknown[]) => ReturnType<F>;

describe('the misspelled options of issue 15 item 10 are INVALID_OPTION naming the nearest valid key', () => {
  const cases: readonly [string, () => unknown, string, string][] = [
    [
      'pointsBalance validityDay',
      () => loose(pointsBalance)(LEDGER, { at: '2026-01-01', validityDay: 365 }),
      'validityDay',
      'validityDays',
    ],
    [
      'rfmSummary observation_end',
      () => loose(rfmSummary)(TRANSACTIONS, { observation_end: '2024-03-01' }),
      'observation_end',
      'observationEnd',
    ],
    [
      'periodRetention timezone',
      () => loose(periodRetention)(TRANSACTIONS, { timezone: 'Europe/Paris' }),
      'timezone',
      'timeZone',
    ],
    [
      'tierHistory graceDay',
      () =>
        loose(tierHistory)([{ customerId: 'ann', at: '2025-01-15', amount: 600 }], {
          ...TIERS,
          graceDay: 30,
        }),
      'graceDay',
      'graceDays',
    ],
    [
      'cohortRetention periods',
      () => loose(cohortRetention)(TRANSACTIONS, { periods: 'week' }),
      'periods',
      'period',
    ],
    [
      'pointsForPurchase tierMultiplier',
      () =>
        loose(pointsForPurchase)(
          { amount: 40, tier: 'gold' },
          { perCurrencyUnit: 1, tierMultiplier: { gold: 2 } },
        ),
      'tierMultiplier',
      'tierMultipliers',
    ],
    [
      'periodRetention activeWithinDays',
      () => loose(periodRetention)(TRANSACTIONS, { activeWithinDays: 30 }),
      'activeWithinDays',
      'activeWithin',
    ],
    [
      'loyaltyScore weight name',
      () => loose(loyaltyScore)(ROW, REFERENCE, { weights: { recencey: 2 } }),
      'recencey',
      'recency',
    ],
  ];

  it.each(cases)('%s', (_name, run, option, suggestion) => {
    const error = thrown(run);
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.details).toMatchObject({ option, suggestion });
    expect(error.message).toContain(`did you mean "${suggestion}"?`);
  });

  it('an unknown loyalty-score weight name is refused even when it is nothing like a component', () => {
    const error = thrown(() => loose(loyaltyScore)(ROW, REFERENCE, { weights: { churn: 1 } }));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.details).toMatchObject({ argument: 'options.weights.churn', option: 'churn' });
  });

  it('the spelled-right calls work, and the expiry they ask for applies', () => {
    const expiring = pointsBalance(LEDGER, { at: '2026-01-01', validityDays: 365 });
    const never = pointsBalance(LEDGER, { at: '2026-01-01' });
    expect(expiring.customers[0]?.balance).toBe(0);
    expect(never.customers[0]?.balance).toBe(70);
    expect(loyaltyScore(ROW, REFERENCE, { weights: { recency: 2 } }).score).toBeGreaterThan(0);
  });
});
