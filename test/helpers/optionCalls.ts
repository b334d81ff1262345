// Valid calls of every export that takes an options object (or a record of named options such as the
// loyalty-score weights), for the unknown-option sweep in test/unknownOptions.prop.test.ts and the type
// test that lists them. The arguments are copied from the VALID_CALLS of test/hostileInputs.prop.test.ts.
import { kaplanMeier } from '../../src/index';

/** A valid call, and where its options objects are: [argument index, then keys down to the object]. */
export interface OptionCall {
  readonly args: readonly unknown[];
  readonly options: readonly (readonly [number, ...(string | number)[]])[];
}

const BG_FIT = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } };

const PARETO_FIT = { model: 'paretoNbd', params: { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 } };

const LEDGER = [
  { id: 'e1', customerId: 'ann', at: '2025-01-10', kind: 'earn', points: 100 },
  { id: 'e2', customerId: 'ann', at: '2025-03-01', kind: 'adjust', points: 20 },
  { id: 'r1', customerId: 'ann', at: '2025-06-01', kind: 'redeem', points: 80 },
  { id: 'e3', customerId: 'bo', at: '2025-02-10', kind: 'earn', points: 50 },
  { id: 'x1', customerId: 'bo', at: '2025-04-10', kind: 'expire', points: 10 },
];

const COHORT_ROWS = [
  {
    cohort: '2024-01',
    size: 10,
    counts: [10, 4, 3],
    rates: [1, 0.4, 0.3],
    revenue: [90, 40, 35],
    revenueRates: [1, 0.44, 0.39],
  },
  {
    cohort: '2024-02',
    size: 8,
    counts: [8, 3, null],
    rates: [1, 0.375, null],
    revenue: [70, 30, null],
    revenueRates: [1, 0.43, null],
  },
];

const KAPLAN_MEIER = kaplanMeier({
  durations: [2, 3, 3, 5, 8],
  observed: [true, true, false, true, false],
});

/** The exports (of both entries) that take options, each with a valid call. */
export const OPTION_CALLS = {
  cohortHeatmapSvg: {
    args: [COHORT_ROWS, { measure: 'rates', maxPeriods: 3, title: 'Cohorts', width: 600 }],
    options: [[1]],
  },
  retentionCurvesSvg: {
    args: [
      [
        {
          name: 'all',
          points: [
            { x: 0, y: 1 },
            { x: 1, y: 0.4, lower: 0.3, upper: 0.5 },
          ],
        },
      ],
      { xLabel: 'months', yLabel: 'retained', percent: true, idPrefix: 'r1' },
    ],
    options: [[1]],
  },
  survivalCurveSvg: {
    args: [[{ name: 'web', result: KAPLAN_MEIER }], { xLabel: 'days', height: 300 }],
    options: [[1]],
  },
  trackingSvg: {
    args: [
      {
        points: [
          { time: 1, expected: 2, actual: 1 },
          { time: 2, expected: 4, actual: null },
        ],
        meanAbsoluteError: 1,
        rootMeanSquaredError: 1,
        finalRelativeError: null,
      },
      { calibrationEnd: 1, xLabel: 'weeks' },
    ],
    options: [[1]],
  },
  frequencyRecencyMatrixSvg: {
    args: [BG_FIT, { T: 20, horizon: 4, maxFrequency: 4, recencySteps: 4 }],
    options: [[1]],
  },
  probabilityAliveMatrixSvg: {
    args: [BG_FIT, { T: 20, maxFrequency: 4, recencySteps: 4, description: 'grid' }],
    options: [[1]],
  },
  segmentSizesSvg: { args: [{ champions: 3, 'at risk': 1, lost: 0 }, { title: 'Segments' }], options: [[1]] },
  htmlReport: {
    args: [
      [
        {
          title: 'One',
          paragraphs: ['text'],
          table: {
            columns: ['a', 'b'],
            rows: [
              ['x', 1],
              [null, 2],
            ],
          },
        },
      ],
      { title: 'Report', subtitle: 'today' },
    ],
    options: [[1]],
  },
  customerEffortScore: { args: [[7, 6, 5], { scaleMaximum: 7 }], options: [[1]] },
  customerSatisfactionScore: { args: [[5, 4, 3], { scaleMaximum: 5, satisfiedFrom: 4 }], options: [[1]] },
  lifetimeValueFromChurn: {
    args: [{ marginPerPeriod: 30, churnRate: 0.05, discountRate: 0.01 }],
    options: [[0]],
  },
  meetsLoyaltyThreshold: { args: [5, { threshold: 5 }], options: [[1]] },
  retentionProfitImpact: {
    args: [{ retentionRate: 0.8, retentionIncrease: 0.05, discountRate: 0.1 }],
    options: [[0]],
  },
  addPeriods: {
    args: ['2024-01-31', 'month', 1, { timeZone: 'Europe/Bucharest', weekStartsOn: 1 }],
    options: [[3]],
  },
  periodLabel: { args: ['2024-03-15T12:00:00Z', 'week', { utcOffsetMinutes: 420 }], options: [[2]] },
  periodsBetween: {
    args: ['2024-01-01', '2024-12-31', 'quarter', { timeZone: 'America/New_York' }],
    options: [[3]],
  },
  startOfPeriod: { args: ['2024-03-10T06:00:00Z', 'day', { timeZone: 'America/New_York' }], options: [[2]] },
  fromMinorUnits: { args: [1999, { fractionDigits: 2 }], options: [[1]] },
  sumMoney: { args: [[19.99, 5.01, -2.5], { fractionDigits: 2 }], options: [[1]] },
  toMinorUnits: { args: [19.99, { fractionDigits: 2 }], options: [[1]] },
  rfmSummary: {
    args: [
      [
        { customerId: 1, at: '2024-01-01', amount: 10, eventId: 'e1' },
        { customerId: 'b', at: 1_704_153_600_000, amount: 5.5 },
        { customerId: 1, at: '2024-01-09T10:00:00Z', amount: 7 },
      ],
      {
        unit: 'week',
        observationEnd: '2024-02-01',
        mergeWithin: 'day',
        timeZone: 'Europe/Bucharest',
        fractionDigits: 2,
      },
    ],
    options: [[1]],
  },
  rfmSummaryColumns: {
    args: [
      {
        customerIndex: [0, 1, 0],
        at: [1_704_067_200_000, 1_704_153_600_000, 1_704_758_400_000],
        amount: [10, 5.5, 7],
      },
      { unit: 86_400_000, observationEnd: 1_706_745_600_000, mergeWithin: 'week', utcOffsetMinutes: 60 },
    ],
    options: [[1]],
  },
  calibrationHoldoutSummary: {
    args: [
      [
        { customerId: 1, at: '2024-01-01', amount: 10 },
        { customerId: 1, at: '2024-01-22', amount: 40 },
        { customerId: 2, at: '2024-01-20', amount: 5 },
      ],
      { unit: 'week', calibrationEnd: '2024-01-15', observationEnd: '2024-01-29' },
    ],
    options: [[1]],
  },
  cohortRetention: {
    args: [
      [
        { customerId: 'a', at: '2024-01-05', amount: 10 },
        { customerId: 'a', at: '2024-02-11', amount: 20, eventId: 'x' },
        { customerId: 7, at: '2024-01-20', amount: 5 },
      ],
      { period: 'month', observationEnd: '2024-03-01', timeZone: 'Asia/Ho_Chi_Minh', fractionDigits: 2 },
    ],
    options: [[1]],
  },
  cohortRetentionColumns: {
    args: [
      {
        customerIndex: [0, 0, 1],
        at: [1_704_844_800_000, 1_707_523_200_000, 1_704_844_800_000],
        amount: [5, 5, 5],
      },
      { period: 'week', weekStartsOn: 0 },
    ],
    options: [[1]],
  },
  createCohortAccumulator: { args: [{ period: 'quarter', observationEnd: '2024-12-31' }], options: [[0]] },
  probabilityAlive: {
    args: [PARETO_FIT, { frequency: 2, recency: 5, T: 12 }, { horizon: 4 }],
    options: [[2]],
  },
  customerLifetimeValue: {
    args: [
      BG_FIT,
      { frequency: 2, recency: 5, T: 12 },
      { timeUnit: 'week', horizon: 10, discountRate: 0.1, margin: 0.3, averageSpend: 40 },
    ],
    options: [[2]],
  },
  scoreCustomers: {
    args: [PARETO_FIT, { frequency: [0, 2], recency: [0, 5], T: [12, 12] }, { horizon: 8 }],
    options: [[2]],
  },
  discountedResidualLifetime: {
    args: [
      { model: 'shiftedBetaGeometric', params: { alpha: 0.7, beta: 1.2 } },
      { renewals: 2, discountRate: 0.1 },
    ],
    options: [[1]],
  },
  cumulativeTracking: {
    args: [BG_FIT, { births: [0, 1, 1], times: [2, 5], actual: [1, 3] }],
    options: [[1]],
  },
  holdoutComparison: {
    args: [
      BG_FIT,
      [
        { frequency: 0, recency: 0, T: 12, frequencyHoldout: 1, durationHoldout: 6 },
        { frequency: 3, recency: 9, T: 12, frequencyHoldout: 2, durationHoldout: 6 },
      ],
      { maxFrequency: 5 },
    ],
    options: [[2]],
  },
  pointsBalance: { args: [LEDGER, { at: '2025-12-31', validityDays: 365, mode: 'lenient' }], options: [[1]] },
  pointsExpiring: { args: [LEDGER, { at: '2025-12-20', withinDays: 30, validityDays: 365 }], options: [[1]] },
  pointsLiability: {
    args: [LEDGER, { at: '2025-12-31', pointValue: 0.01, expectedBreakage: 0.2 }],
    options: [[1]],
  },
  breakageRate: { args: [LEDGER, { at: '2026-06-30', validityDays: 365 }], options: [[1]] },
  pointsStatement: { args: [LEDGER, 'ann', { at: '2026-02-01', validityDays: 365 }], options: [[2]] },
  pointsForPurchase: {
    args: [
      { amount: 40.7, tier: 'gold', occasions: ['birthday'] },
      {
        perCurrencyUnit: 1,
        perPurchase: 5,
        tierMultipliers: { gold: 1.5 },
        occasionBonuses: { birthday: { multiplier: 2, points: 50 } },
      },
    ],
    options: [[1], [1, 'occasionBonuses', 'birthday']],
  },
  tierHistory: {
    args: [
      [
        { customerId: 'ann', at: '2025-01-15', amount: 600 },
        { customerId: 'ann', at: '2025-03-01', amount: 450 },
        { customerId: 'bo', at: '2025-02-01', amount: 50 },
      ],
      {
        tiers: [
          { name: 'member', threshold: 0 },
          { name: 'gold', threshold: 1000 },
        ],
        metric: 'spend',
        windowDays: 365,
        graceDays: 30,
        at: '2026-02-01',
      },
    ],
    options: [[1], [1, 'tiers', 0]],
  },
  rfmScores: {
    args: [
      [
        { customerId: 'ann', frequency: 9, recency: 50, T: 52, monetaryValue: 80 },
        { customerId: 'bao', frequency: 0, recency: 0, T: 40, monetaryValue: 0 },
        { frequency: 2, recency: 10, T: 50, monetaryValue: 30 },
      ],
      { segment: (r: number) => (r > 3 ? 'recent' : 'earlier') },
    ],
    options: [[1]],
  },
  loyaltyScore: {
    args: [
      { frequency: 2, recency: 20, T: 45, monetaryValue: 30, referrals: 1, npsScore: 9 },
      {
        customers: 2,
        sinceLastPurchase: Array.from({ length: 101 }, (_, k) => 5 + k / 4),
        frequency: Array.from({ length: 101 }, (_, k) => k / 20),
        monetaryValue: Array.from({ length: 101 }, (_, k) => k / 2),
      },
      { weights: { nps: 0.2 }, referralsForFull: 2, fit: BG_FIT },
    ],
    options: [[2], [2, 'weights']],
  },
  upcomingOccasions: {
    args: [
      [
        { id: 'ann', occasions: { birthday: { month: 2, day: 29, year: 1992 } } },
        { id: 'bo', firstPurchaseAt: '2023-03-01T02:30:00Z' },
      ],
      { at: '2025-02-20T12:00:00Z', withinDays: 10, timeZone: 'America/New_York', leapDay: 'mar1' },
    ],
    options: [[1]],
  },
  kaplanMeier: {
    args: [{ durations: [9, 13, 13, 18, 23], observed: [1, 1, 0, true, false] }, { confidenceLevel: 0.9 }],
    options: [[1]],
  },
  survivalFromSubscriptions: {
    args: [
      [
        {
          type: 'subscription',
          customerId: 'a',
          at: 1_704_067_200_000,
          change: 'start',
          recurringRevenue: 10,
        },
        {
          type: 'subscription',
          customerId: 'a',
          at: 1_706_745_600_000,
          change: 'cancel',
          recurringRevenue: 0,
        },
        { type: 'purchase', customerId: 'a', at: 1_706_745_600_000, amount: 3 },
      ],
      { observationEnd: '2024-03-01', unit: 'week' },
    ],
    options: [[1]],
  },
  survivalFromPurchaseGaps: {
    args: [
      [
        { customerId: 'a', at: '2024-01-01', amount: 5 },
        { customerId: 'a', at: '2024-01-11', amount: 5 },
        { customerId: 3, at: '2024-01-05', amount: 5 },
      ],
      { observationEnd: '2024-01-31', unit: 'day', utcOffsetMinutes: -300 },
    ],
    options: [[1]],
  },
  periodRetention: {
    args: [
      [
        { customerId: 'a', at: '2024-01-10', amount: 10 },
        { customerId: 'a', at: '2024-02-20', amount: 10 },
        { customerId: 4, at: '2024-01-15', amount: 5 },
      ],
      {
        period: 'month',
        activeWithin: 30,
        observationEnd: '2024-03-31',
        segmentOf: (id: unknown) => String(id),
      },
    ],
    options: [[1]],
  },
  periodRetentionColumns: {
    args: [
      { customerIndex: [0, 0, 1], at: [1_728_000_000, 3_456_000_000, 432_000_000], amount: [1, 1, 1] },
      { period: 'week', activeWithin: 14 },
    ],
    options: [[1]],
  },
  subscriptionRetention: {
    args: [
      [
        {
          type: 'subscription',
          customerId: 'a',
          at: 1_704_412_800_000,
          change: 'start',
          recurringRevenue: 9,
        },
        {
          type: 'subscription',
          customerId: 'a',
          at: 1_707_523_200_000,
          change: 'cancel',
          recurringRevenue: 0,
        },
      ],
      { period: 'month', observationEnd: '2024-03-31' },
    ],
    options: [[1]],
  },
  createPeriodAccumulator: { args: [{ period: 'quarter', activeWithin: 60 }], options: [[0]] },
  returnOnRelationshipFromEvents: {
    args: [
      [
        { type: 'purchase', customerId: 'a', at: 1_706_745_600_000, amount: 10 },
        { type: 'purchase', customerId: 'a', at: 1_714_521_600_000, amount: 10 },
        { type: 'support', customerId: 'b', at: 1_717_200_000_000 },
        { type: 'referral', customerId: 'a', referredCustomerId: 'c', at: 1_717_200_000_000 },
      ],
      { asOf: '2024-12-31', windowMonths: 12, repeatPurchases: 2 },
    ],
    options: [[1]],
  },
  vulnerabilityFromEvents: {
    args: [
      [
        { type: 'purchase', customerId: 'a', at: 1_715_299_200_000, amount: 20 },
        {
          type: 'campaignExposure',
          customerId: 'a',
          at: 1_717_372_800_000,
          competitor: 'Rival',
          campaign: 'summer',
        },
        { type: 'purchase', customerId: 'a', at: 1_718_409_600_000, amount: 20 },
      ],
      {
        competitor: 'Rival',
        campaign: 'summer',
        campaignStart: '2024-06-01',
        observationEnd: '2024-06-30',
        measure: 'spend',
        minimumDecline: 0.1,
        withoutBaseline: 'exclude',
        baselineDays: 30,
        customers: ['a'],
      },
    ],
    options: [[1]],
  },
  loyalCustomers: {
    args: [
      [
        { type: 'purchase', customerId: 'a', at: 1_704_067_200_000, amount: 9 },
        { type: 'referral', customerId: 'a', referredCustomerId: 'b', at: 1_704_153_600_000 },
      ],
      { minimumPurchases: 1, requireReferral: true, asOf: '2024-12-31' },
    ],
    options: [[1]],
  },
  relationshipTypes: {
    args: [
      [
        { type: 'purchase', customerId: 'a', at: 1_704_067_200_000, amount: 30 },
        {
          type: 'subscription',
          customerId: 'b',
          at: 1_704_067_200_000,
          change: 'start',
          recurringRevenue: 5,
        },
      ],
      [{ id: 'b', attributes: { accountType: 'key account' } }],
      {
        asOf: '2024-06-01',
        currentWithinDays: 30,
        loyalPurchases: 2,
        loyalSpanDays: 10,
        loyalRequiresReferral: false,
        strategicAccountTypes: ['key account'],
        projectAccountTypes: ['project'],
      },
    ],
    options: [[2]],
  },
  supportResponseTimes: {
    args: [
      [
        {
          type: 'support',
          customerId: 'a',
          at: 1_709_283_600_000,
          firstResponseAt: 1_709_287_200_000,
          resolvedAt: 1_709_305_200_000,
        },
        { type: 'support', customerId: 'b', at: 1_709_283_600_000 },
      ],
      { withinHours: 4 },
    ],
    options: [[1]],
  },
  parseTransactions: {
    args: [
      [
        { customerId: 'a', at: '2024-03-01', amount: 20, eventId: 'e' },
        { customerId: 2, at: 1_709_337_600_000, amount: 5.5 },
      ],
      {
        customers: ['a', 2],
        window: { start: '2024-01-01', end: '2024-12-31' },
        ordered: true,
        fractionDigits: 2,
      },
    ],
    options: [[1], [1, 'window']],
  },
  createRfmAccumulator: {
    args: [{ unit: 'month', observationEnd: '2024-06-30', mergeWithin: 'month' }],
    options: [[0]],
  },
} as const satisfies Record<string, OptionCall>;
