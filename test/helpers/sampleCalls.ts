// Valid arguments for every export of both entries, shared by the hostile-input sweep
// (test/hostileInputs.prop.test.ts) and the unknown-option sweep (test/helpers/optionCalls.ts).
import * as patronage from '../../src/index';

const MODEL_ROWS = [
  { frequency: 0, recency: 0, T: 38, weight: 60 },
  { frequency: 1, recency: 4, T: 38, weight: 10 },
  { frequency: 1, recency: 30, T: 36, weight: 9 },
  { frequency: 2, recency: 10, T: 38, weight: 4 },
  { frequency: 6, recency: 35, T: 37, weight: 2 },
];
/** MODEL_ROWS with each customer's mean log inter-purchase time, for the Erlang-k fits. */
const ERLANG_ROWS = MODEL_ROWS.map((row) => ({
  ...row,
  meanLogInterval: row.frequency === 0 ? null : Math.log(row.recency / row.frequency) - 0.1,
}));
const BG_FIT = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } };
const PARETO_FIT = { model: 'paretoNbd', params: { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 } };
/** A BG/NBD fit of MODEL_ROWS, with its covariance: the predictions' `intervals` and the bootstrap take it. */
export const MODEL_FIT = patronage.fitBgNbd(MODEL_ROWS);
/** A Gamma-Gamma fit with its covariance. */
export const SPEND_FIT = patronage.fitGammaGamma([
  { frequency: 1, monetaryValue: 20 },
  { frequency: 3, monetaryValue: 35 },
  { frequency: 2, monetaryValue: 80, weight: 2 },
  { frequency: 4, monetaryValue: 28 },
  { frequency: 1, monetaryValue: 55 },
  { frequency: 6, monetaryValue: 31 },
]);

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
    intervals: [
      { lower: 0.72, upper: 1, pValue: null, direction: null },
      { lower: 0.17, upper: 0.69, pValue: null, direction: null },
      { lower: 0.11, upper: 0.6, pValue: null, direction: null },
    ],
  },
  {
    cohort: '2024-02',
    size: 8,
    counts: [8, 3, null],
    rates: [1, 0.375, null],
    revenue: [70, 30, null],
    revenueRates: [1, 0.43, null],
    intervals: [
      { lower: 0.68, upper: 1, pValue: 1, direction: null },
      { lower: 0.14, upper: 0.69, pValue: 0.02, direction: 'lower' },
      null,
    ],
  },
];
const KAPLAN_MEIER = patronage.kaplanMeier({
  durations: [2, 3, 3, 5, 8],
  observed: [true, true, false, true, false],
});

export const VALID_CALLS: Record<string, readonly unknown[]> = {
  cohortHeatmapSvg: [
    COHORT_ROWS,
    { measure: 'rates', maxPeriods: 3, title: 'Cohorts', width: 600, intervals: true },
  ],
  retentionCurvesSvg: [
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
  survivalCurveSvg: [[{ name: 'web', result: KAPLAN_MEIER }], { xLabel: 'days', height: 300 }],
  probabilityAliveHistorySvg: [
    patronage.probabilityAliveHistory(
      BG_FIT as patronage.ModelSpec,
      ['2024-01-01', '2024-02-03', '2024-03-10'],
      {
        until: '2024-06-30',
        timeUnit: 'week',
      },
    ),
    { xLabel: 'weeks since the first purchase', customer: 'c1', idPrefix: 'alive' },
  ],
  mixingDensitySvg: [
    patronage.mixingDensities(PARETO_FIT as patronage.ModelSpec, { points: 20 }),
    { labels: { lambda: 'purchases per week' }, width: 600 },
  ],
  trackingSvg: [
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
  frequencyRecencyMatrixSvg: [BG_FIT, { T: 20, horizon: 4, maxFrequency: 4, recencySteps: 4 }],
  probabilityAliveMatrixSvg: [BG_FIT, { T: 20, maxFrequency: 4, recencySteps: 4, description: 'grid' }],
  segmentSizesSvg: [{ champions: 3, 'at risk': 1, lost: 0 }, { title: 'Segments' }],
  periodTransactionsSvg: [
    patronage.periodTransactions(BG_FIT as never, MODEL_ROWS, { maxFrequency: 3 }),
    { xLabel: 'repeat purchases', idPrefix: 'pt' },
  ],
  holdoutByGroupSvg: [
    patronage.holdoutByRecency(
      BG_FIT as never,
      [
        { frequency: 0, recency: 0, T: 12, frequencyHoldout: 1, durationHoldout: 6 },
        { frequency: 3, recency: 9, T: 12, frequencyHoldout: 2, durationHoldout: 6 },
      ],
      { bins: 4 },
    ),
    { xLabel: 'recency', width: 420 },
  ],
  htmlReport: [
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
  isPatronageError: [new Error('x')],
  PatronageError: ['OUT_OF_RANGE', 'demo: message', { argument: 'value', value: 1 }],
  acquisitionRetentionCostRatio: [{ acquisitionCost: 120, retentionCost: 15 }],
  averageOrderValue: [{ revenue: 12_500, orders: 250 }],
  churnRate: [{ customersAtStart: 20, customersAtEnd: 24, newCustomers: 5 }],
  customerEffortScore: [[7, 6, 5], { scaleMaximum: 7 }],
  customerSatisfactionScore: [[5, 4, 3], { scaleMaximum: 5, satisfiedFrom: 4 }],
  grossRevenueRetention: [{ startingRevenue: 1000, expansion: 100, contraction: 10, churned: 50 }],
  historicLifetimeValue: [{ averageOrderValue: 50, purchaseFrequency: 4, grossMargin: 0.3, lifespan: 3 }],
  lifetimeValueFromChurn: [{ marginPerPeriod: 30, churnRate: 0.05, discountRate: 0.01 }],
  meetsLoyaltyThreshold: [5, { threshold: 5 }],
  netPromoterScore: [[10, 9, 0, 7]],
  netPromoterScoreFromCounts: [{ promoters: 6, passives: 2, detractors: 1 }],
  netRevenueRetention: [{ startingRevenue: 1000, expansion: 100, contraction: 10, churned: 50 }],
  purchaseFrequency: [{ orders: 30, customers: 10 }],
  repeatPurchaseRate: [{ customers: 10, repeatCustomers: 4 }],
  wilsonInterval: [30, 100, { z: 2.576 }],
  retentionProfitImpact: [{ retentionRate: 0.8, retentionIncrease: 0.05, discountRate: 0.1 }],
  retentionRate: [{ customersAtStart: 20, customersAtEnd: 24, newCustomers: 5 }],
  returnOnInvestment: [{ gain: 8.71, cost: 1 }],
  returnOnRelationship: [{ helped: 400, referredOrRepeat: 130 }],
  returnOnRelationshipFromIds: [{ helped: ['a', 'b'], referred: ['b'], repeat: ['a'] }],
  returningRevenueShare: [{ returningRevenue: 64, newRevenue: 36 }],
  returningSpendUplift: [{ returningAverageSpend: 83.5, newAverageSpend: 50 }],
  vulnerabilityIndex: [{ observed: 250, vulnerable: 40 }],
  addPeriods: ['2024-01-31', 'month', 1, { timeZone: 'Europe/Bucharest', weekStartsOn: 1 }],
  periodLabel: ['2024-03-15T12:00:00Z', 'week', { utcOffsetMinutes: 420 }],
  periodsBetween: ['2024-01-01', '2024-12-31', 'quarter', { timeZone: 'America/New_York' }],
  startOfPeriod: ['2024-03-10T06:00:00Z', 'day', { timeZone: 'America/New_York' }],
  fromMinorUnits: [1999, { fractionDigits: 2 }],
  sumMoney: [[19.99, 5.01, -2.5], { fractionDigits: 2 }],
  toMinorUnits: [19.99, { fractionDigits: 2 }],
  parseCustomers: [
    [
      {
        id: 'c1',
        acquiredAt: '2024-01-15',
        attributes: { region: 'north' },
        occasions: { birthday: { month: 2, day: 29 } },
      },
    ],
  ],
  parseCustomersOrThrow: [[{ id: 'c1', acquiredAt: 1_700_000_000_000 }]],
  parseEvents: [
    [
      {
        type: 'purchase',
        customerId: 'c1',
        at: '2024-03-01',
        amount: 42.5,
        items: [{ sku: 'A', quantity: 1, unitPrice: 42.5 }],
      },
      {
        type: 'support',
        customerId: 'c1',
        at: 1_709_251_200_000,
        firstResponseAt: '2024-03-01T02:00:00Z',
        resolvedAt: '2024-03-02',
      },
      { type: 'survey', customerId: 'c1', at: '2024-03-01', metric: 'nps', score: 9 },
      { type: 'points', customerId: 'c1', at: '2024-03-01', kind: 'adjust', points: -5, eventId: 'p1' },
    ],
  ],
  parseEventsOrThrow: [
    [{ type: 'subscription', customerId: 'c1', at: '2024-03-01', change: 'start', recurringRevenue: 29 }],
  ],
  toEpochMs: ['2024-02-29T01:00:00+01:00'],
  rfmSummary: [
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
  rfmSummaryColumns: [
    {
      customerIndex: [0, 1, 0],
      at: [1_704_067_200_000, 1_704_153_600_000, 1_704_758_400_000],
      amount: [10, 5.5, 7],
    },
    { unit: 86_400_000, observationEnd: 1_706_745_600_000, mergeWithin: 'week', utcOffsetMinutes: 60 },
  ],
  repeatPurchaseWithin: [
    {
      customerIndex: [0, 1, 0],
      at: [1_704_067_200_000, 1_704_153_600_000, 1_704_758_400_000],
      amount: [10, 5.5, 7],
    },
    { within: 30, observationEnd: 1_706_745_600_000, timeZone: 'Europe/Bucharest', fractionDigits: 2 },
  ],
  calibrationHoldoutSummary: [
    [
      { customerId: 1, at: '2024-01-01', amount: 10 },
      { customerId: 1, at: '2024-01-22', amount: 40 },
      { customerId: 2, at: '2024-01-20', amount: 5 },
    ],
    { unit: 'week', calibrationEnd: '2024-01-15', observationEnd: '2024-01-29' },
  ],
  cohortRetention: [
    [
      { customerId: 'a', at: '2024-01-05', amount: 10 },
      { customerId: 'a', at: '2024-02-11', amount: 20, eventId: 'x' },
      { customerId: 7, at: '2024-01-20', amount: 5 },
    ],
    {
      period: 'month',
      observationEnd: '2024-03-01',
      timeZone: 'Asia/Ho_Chi_Minh',
      fractionDigits: 2,
      mode: 'brackets',
      brackets: [
        [0, 0],
        [1, 2],
      ],
      intervals: { confidenceLevel: 0.9 },
    },
  ],
  interPurchaseTimes: [
    [
      { customerId: 'a', at: '2024-01-05', amount: 10 },
      { customerId: 'a', at: '2024-02-11', amount: 20, eventId: 'x' },
      { customerId: 'a', at: '2024-02-20', amount: 20 },
      { customerId: 7, at: '2024-01-20', amount: 5 },
      { customerId: 7, at: '2024-01-22', amount: 5 },
      { customerId: 7, at: '2024-02-22', amount: 5 },
    ],
    {
      unit: 'week',
      observationEnd: '2024-03-01',
      timeZone: 'Asia/Ho_Chi_Minh',
      mergeWithin: 'day',
      fractionDigits: 2,
    },
  ],
  discreteSummary: [
    [
      { customerId: 'a', at: '2023-01-05', amount: 10 },
      { customerId: 'a', at: '2024-02-11', amount: 20, eventId: 'x' },
      { customerId: 7, at: '2023-01-20', amount: 5 },
    ],
    {
      period: 'year',
      observationEnd: '2025-03-01',
      timeZone: 'Asia/Ho_Chi_Minh',
      fractionDigits: 2,
      incidence: true,
    },
  ],
  cohortRetentionColumns: [
    {
      customerIndex: [0, 0, 1],
      at: [1_704_844_800_000, 1_707_523_200_000, 1_704_844_800_000],
      amount: [5, 5, 5],
    },
    {
      period: 'week',
      weekStartsOn: 0,
      mode: 'recurring',
      maxPeriods: 4,
      intervals: { confidenceLevel: 0.99 },
    },
  ],
  nDayRetention: [
    [
      { customerId: 'a', at: '2024-01-05T10:00:00Z', amount: 10 },
      { customerId: 'a', at: '2024-01-06T12:00:00Z', amount: 20, eventId: 'x' },
      { customerId: 7, at: '2024-01-20', amount: 5 },
    ],
    { days: [0, 1, 7], mode: 'return-on-or-after', observationEnd: '2024-03-01', fractionDigits: 2 },
  ],
  nDayRetentionColumns: [
    {
      customerIndex: [0, 0, 1],
      at: [1_704_844_800_000, 1_704_931_200_000, 1_704_844_800_000],
      amount: [5, 5, 5],
    },
    { days: [1, 7], observationEnd: 1_707_523_200_000 },
  ],
  createCohortAccumulator: [{ period: 'quarter', observationEnd: '2024-12-31' }],
  cohortAccumulatorFromJSON: [
    {
      format: 'patronage/cohort-accumulator',
      version: 1,
      options: { unit: 'day', mergeWithin: 'month', fractionDigits: 2 },
      customers: [
        [
          1,
          [
            [19_723, 1000],
            [19_780, 250],
          ],
        ],
      ],
      identified: [],
    },
  ],
  fitBgNbd: [MODEL_ROWS],
  fitMbgNbd: [MODEL_ROWS],
  fitParetoNbd: [MODEL_ROWS.slice(0, 4)],
  fitNbd: [MODEL_ROWS],
  fitGgomNbd: [MODEL_ROWS],
  fitBgCnbd: [ERLANG_ROWS, { k: 2 }],
  fitMbgCnbd: [ERLANG_ROWS, { k: 2 }],
  fitBgBb: [
    [
      { frequency: 0, recency: 0, periods: 6, weight: 30 },
      { frequency: 1, recency: 2, periods: 6, weight: 10 },
      { frequency: 3, recency: 6, periods: 6, weight: 8 },
      { frequency: 6, recency: 6, periods: 6, weight: 5 },
    ],
  ],
  fitGammaGamma: [
    [
      { frequency: 1, monetaryValue: 20 },
      { frequency: 3, monetaryValue: 35 },
      { frequency: 2, monetaryValue: 80, weight: 2 },
    ],
  ],
  fitShiftedBetaGeometric: [{ survivors: [100, 80, 70, 64] }],
  fitBetaDiscreteWeibull: [{ survivors: [100, 80, 70, 64] }],
  logLikelihoodAt: [BG_FIT, MODEL_ROWS],
  likelihoodRatioTest: [
    { params: { r: 0.3, alpha: 4 }, logLikelihood: -120.5, n: 40, distinctRows: 6 },
    { params: { r: 0.3, alpha: 4, a: 0.8, b: 2.4 }, logLikelihood: -117.2, n: 40, distinctRows: 6 },
    { degreesOfFreedom: 2 },
  ],
  expectedPurchases: [BG_FIT, 10, { frequency: 2, recency: 5, T: 12 }],
  bootstrapFits: [MODEL_FIT, MODEL_ROWS, { resamples: 3, seed: 2 }],
  predictionInterval: [
    MODEL_FIT,
    (fit: patronage.ModelSpec) => patronage.expectedPurchases(fit, 10),
    { method: 'delta', level: 0.8, scale: 'positive' },
  ],
  probabilityAlive: [PARETO_FIT, { frequency: 2, recency: 5, T: 12 }, { horizon: 4 }],
  purchaseProbability: [BG_FIT, 2, 10],
  conditionalPurchaseProbability: [PARETO_FIT, { frequency: 2, recency: 5, T: 12 }, 1, 10],
  selectModel: [
    [
      { frequency: 0, recency: 0, T: 38, frequencyHoldout: 0, durationHoldout: 39, weight: 600 },
      { frequency: 1, recency: 30, T: 36, frequencyHoldout: 1, durationHoldout: 39, weight: 90 },
      { frequency: 2, recency: 10, T: 38, frequencyHoldout: 1, durationHoldout: 39, weight: 40 },
      { frequency: 6, recency: 35, T: 37, frequencyHoldout: 5, durationHoldout: 39, weight: 15 },
    ],
    [
      { frequency: 0, recency: 0, T: 38, frequencyHoldout: 0, durationHoldout: 39 },
      { frequency: 6, recency: 35, T: 37, frequencyHoldout: 5, durationHoldout: 39 },
    ],
    { models: ['bgNbd', 'nbd'], criterion: 'meanAbsoluteError' },
  ],
  dataSuitability: [
    [
      { frequency: 0, recency: 0, T: 10, monetaryValue: 0, weight: 60 },
      { frequency: 1, recency: 8, T: 10, monetaryValue: 25, weight: 30 },
      { frequency: 3, recency: 9, T: 10, monetaryValue: 40 },
    ],
    { minimumWindowRatio: 2, maximumCorrelation: 0.5 },
  ],
  contactBy: [
    PARETO_FIT,
    { frequency: 2, recency: 5, T: 12 },
    { threshold: 0.5, horizon: 52, at: '2024-01-01T00:00:00Z', timeUnit: 'week' },
  ],
  discountedExpectedTransactions: [
    BG_FIT,
    { frequency: 2, recency: 5, T: 12 },
    { discountRate: 0.1, timeUnit: 'week' },
  ],
  simulateCustomers: [
    BG_FIT,
    {
      customers: 20,
      T: [10, 12, 8, 9, 10, 11, 12, 13, 14, 15, 10, 12, 8, 9, 10, 11, 12, 13, 14, 15],
      seed: 3,
    },
  ],
  expectedAverageSpend: [
    { model: 'gammaGamma', params: { p: 6.25, q: 3.74, gamma: 15.44 } },
    { frequency: 2, monetaryValue: 30 },
  ],
  customerLifetimeValue: [
    BG_FIT,
    { frequency: 2, recency: 5, T: 12 },
    { timeUnit: 'week', horizon: 10, discountRate: 0.1, margin: 0.3, averageSpend: 40 },
  ],
  expectedCashFlows: [
    BG_FIT,
    { frequency: 2, recency: 5, T: 12 },
    { timeUnit: 'week', boundaries: [0, 4, 10], discountRate: 0.1, margin: 0.3, averageSpend: 40 },
  ],
  posteriorMeans: [PARETO_FIT, { frequency: 2, recency: 5, T: 12 }],
  acquisitionPayback: [
    BG_FIT,
    { model: 'gammaGamma', params: { p: 6.25, q: 3.74, gamma: 15.44 } },
    {
      timeUnit: 'week',
      horizon: 20,
      margin: 0.3,
      discountRate: 0.1,
      acquisitionCost: 10,
      by: { search: { acquisitionCost: 5 }, social: {} },
    },
  ],
  mixingDensities: [BG_FIT, { points: 5, quantile: 0.95 }],
  probabilityAliveHistory: [
    PARETO_FIT,
    ['2024-01-01T00:00:00Z', Date.UTC(2024, 1, 3), new Date('2024-03-10T12:00:00Z')],
    { until: '2024-06-30T00:00:00Z', timeUnit: 'week', step: 2, maxPoints: 100 },
  ],
  scoreCustomers: [
    PARETO_FIT,
    { frequency: [0, 2], recency: [0, 5], T: [12, 12] },
    {
      horizon: 8,
      outputs: [
        'probabilityAlive',
        'expectedPurchases',
        'probabilityNoPurchase',
        'discountedExpectedTransactions',
      ],
      discountRate: 0.1,
      timeUnit: 'week',
    },
  ],
  contractSurvival: [{ model: 'shiftedBetaGeometric', params: { alpha: 0.7, beta: 1.2 } }, 5],
  projectCohorts: [
    { model: 'betaDiscreteWeibull', params: { alpha: 0.7, beta: 1.2, c: 1.1 } },
    { cohorts: [{ survivors: [100, 80, 70] }, { survivors: [120, 90] }] },
    4,
  ],
  discountedResidualLifetime: [
    { model: 'shiftedBetaGeometric', params: { alpha: 0.7, beta: 1.2 } },
    { renewals: 2, discountRate: 0.1 },
  ],
  cumulativeTracking: [BG_FIT, { births: [0, 1, 1], times: [2, 5], actual: [1, 3], covariance: true }],
  trackingAlarm: [
    [
      { time: 1, expected: 40, actual: null },
      { time: 2, expected: 80, actual: null },
    ],
    [42, 79],
    {
      method: 'cusum',
      falseAlarmRate: 0.01,
      direction: 'below',
      start: 0,
      actualCounts: 'cumulative',
      variance: 'poisson',
      dispersion: 1,
      timeLabel: 'week',
    },
  ],
  holdoutComparison: [
    BG_FIT,
    [
      { frequency: 0, recency: 0, T: 12, frequencyHoldout: 1, durationHoldout: 6 },
      { frequency: 3, recency: 9, T: 12, frequencyHoldout: 2, durationHoldout: 6 },
    ],
  ],
  holdoutByRecency: [
    BG_FIT,
    [
      { frequency: 0, recency: 0, T: 12, frequencyHoldout: 1, durationHoldout: 6 },
      { frequency: 3, recency: 9, T: 12, frequencyHoldout: 2, durationHoldout: 6 },
      { frequency: 2, recency: 4, T: 10, frequencyHoldout: 0, durationHoldout: 6 },
    ],
    { bins: 2 },
  ],
  periodTransactions: [BG_FIT, MODEL_ROWS, { maxFrequency: 3 }],
  pointsBalance: [LEDGER, { at: '2025-12-31', validityDays: 365, mode: 'lenient' }],
  pointsExpiring: [LEDGER, { at: '2025-12-20', withinDays: 30, validityDays: 365 }],
  pointsLiability: [LEDGER, { at: '2025-12-31', pointValue: 0.01, expectedBreakage: 0.2 }],
  pointsForecast: [
    LEDGER,
    BG_FIT,
    {
      at: '2025-12-31',
      horizon: 26,
      timeUnit: 'week',
      validityDays: 365,
      earnRules: { perPurchase: 5, perCurrencyUnit: 1, tierMultipliers: { gold: 1.5 } },
      redemptionRate: 0.05,
      customers: [
        { customerId: 'ann', frequency: 2, recency: 20, T: 40, monetaryValue: 50, tier: 'gold' },
        { customerId: 'bo', frequency: 0, recency: 0, T: 30 },
      ],
      spendFit: { model: 'gammaGamma', params: { p: 6.25, q: 3.74, gamma: 15.44 } },
      steps: 13,
      pointValue: 0.01,
      withoutSummary: 'error',
      mode: 'strict',
    },
  ],
  breakageRate: [LEDGER, { at: '2026-06-30', validityDays: 365 }],
  pointsStatement: [LEDGER, 'ann', { at: '2026-02-01', validityDays: 365 }],
  pointsForPurchase: [
    { amount: 40.7, tier: 'gold', occasions: ['birthday'] },
    {
      perCurrencyUnit: 1,
      perPurchase: 5,
      tierMultipliers: { gold: 1.5 },
      occasionBonuses: { birthday: { multiplier: 2, points: 50 } },
    },
  ],
  rfmSummarySql: [
    {
      dialect: 'duckdb',
      table: 'shop.orders',
      customerId: 'customer_id',
      at: 'ordered_at',
      amount: 'total',
      unit: 'week',
      mergeWithin: 'day',
      observationEnd: '2025-06-30',
      utcOffsetMinutes: 60,
      weekStartsOn: 1,
      fractionDigits: 2,
      atType: 'timestamp',
    },
  ],
  scoreSql: [
    BG_FIT,
    {
      dialect: 'postgres',
      table: 'shop.summary',
      horizon: 39,
      customerId: 'id',
      frequency: 'x',
      recency: 'tx',
      T: 'age',
    },
  ],
  scoreBatches: [
    PARETO_FIT,
    [
      [
        { id: 'a', x: 0, tx: 0, age: 12 },
        { id: 'b', x: 2, tx: 5, age: 12 },
      ],
    ],
    { horizon: 8, columns: { customerId: 'id', frequency: 'x', recency: 'tx', T: 'age' } },
  ],
  rfmHistogramSql: [
    { dialect: 'postgres', table: 'orders', customerId: 'customer_id', at: 'at_ms', atType: 'epochMs' },
  ],
  calibrationHoldoutSummarySql: [
    {
      dialect: 'clickhouse',
      table: 'orders',
      customerId: 'customer_id',
      at: 'ordered_at',
      amount: 'total',
      unit: 'week',
      calibrationEnd: '2025-03-31',
      observationEnd: '2025-06-30',
    },
  ],
  cohortRetentionSql: [
    {
      dialect: 'duckdb',
      table: 'shop.orders',
      customerId: 'customer_id',
      at: 'ordered_at',
      amount: 'total',
      period: 'quarter',
      observationEnd: '2025-06-30',
      maxPeriods: 4,
      utcOffsetMinutes: 60,
      weekStartsOn: 1,
      fractionDigits: 2,
      atType: 'timestamp',
    },
  ],
  cohortRowsFromSql: [
    [
      { cohort_start: 19723, period: 0, periods: 2, customers: 2, revenue_minor: 1500, revenue: 15 },
      { cohort_start: 19723, period: 1, periods: 2, customers: 1n, revenue_minor: '2000', revenue: 20 },
    ],
    { period: 'month', weekStartsOn: 1, fractionDigits: 2 },
  ],
  periodRetentionSql: [
    {
      dialect: 'postgres',
      table: 'orders',
      customerId: 'customer_id',
      at: 'ordered_at',
      amount: 'total',
      period: 'month',
      activeWithin: 30,
      observationEnd: '2025-06-30',
      utcOffsetMinutes: 0,
      weekStartsOn: 1,
      fractionDigits: 2,
      atType: 'timestamp',
      segment: 'region',
    },
  ],
  periodRowsFromSql: [
    [
      {
        period_start: 19723,
        start_ms: 1704067200000,
        customers_at_start: 0,
        customers_at_end: 2,
        acquired: 2,
        reactivated: 0,
        retained: 0,
        revenue_minor: 1500,
        new_revenue_minor: 1500,
        series_start: 19723,
        series_end: 19754,
      },
    ],
    { period: 'month', weekStartsOn: 1, fractionDigits: 2, segments: false },
  ],
  clusterTablesSql: [
    {
      cluster: 'shop_cluster',
      database: 'shop',
      table: 'orders',
      localTable: 'orders_on_shard',
      summaryTable: 'summary',
      histogramTable: 'histogram',
      calibrationTable: 'calibration',
      customerId: 'customer_id',
      customerIdType: 'UInt64',
      at: 'ordered_at',
      atType: 'timestamp',
      amount: 'total',
      amountType: 'Decimal',
      unit: 'week',
      mergeWithin: 'day',
      fractionDigits: 2,
      utcOffsetMinutes: 60,
      weekStartsOn: 1,
      calibrationEnd: '2025-03-31',
      observationEnd: '2025-06-30',
    },
  ],
  tierHistory: [
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
  rfmScores: [
    [
      { customerId: 'ann', frequency: 9, recency: 50, T: 52, monetaryValue: 80 },
      { customerId: 'bao', frequency: 0, recency: 0, T: 40, monetaryValue: 0 },
      { frequency: 2, recency: 10, T: 50, monetaryValue: 30 },
    ],
  ],
  defaultRfmSegment: [5, 4, 3],
  loyaltyReference: [
    [
      { frequency: 0, recency: 0, T: 40, monetaryValue: 0 },
      { frequency: 2, recency: 20, T: 45, monetaryValue: 30 },
    ],
  ],
  loyaltyScore: [
    { frequency: 2, recency: 20, T: 45, monetaryValue: 30, referrals: 1, npsScore: 9 },
    {
      customers: 2,
      sinceLastPurchase: Array.from({ length: 101 }, (_, k) => 5 + k / 4),
      frequency: Array.from({ length: 101 }, (_, k) => k / 20),
      monetaryValue: Array.from({ length: 101 }, (_, k) => k / 2),
    },
    { weights: { nps: 0.2 }, referralsForFull: 2, fit: BG_FIT },
  ],
  upcomingOccasions: [
    [
      { id: 'ann', occasions: { birthday: { month: 2, day: 29, year: 1992 } } },
      { id: 'bo', firstPurchaseAt: '2023-03-01T02:30:00Z' },
    ],
    { at: '2025-02-20T12:00:00Z', withinDays: 10, timeZone: 'America/New_York', leapDay: 'mar1' },
  ],
  kaplanMeier: [
    { durations: [9, 13, 13, 18, 23], observed: [1, 1, 0, true, false] },
    { confidenceLevel: 0.9 },
  ],
  survivalFromSubscriptions: [
    [
      { type: 'subscription', customerId: 'a', at: 1_704_067_200_000, change: 'start', recurringRevenue: 10 },
      { type: 'subscription', customerId: 'a', at: 1_706_745_600_000, change: 'cancel', recurringRevenue: 0 },
      { type: 'purchase', customerId: 'a', at: 1_706_745_600_000, amount: 3 },
    ],
    { observationEnd: '2024-03-01', unit: 'week' },
  ],
  survivalFromPurchaseGaps: [
    [
      { customerId: 'a', at: '2024-01-01', amount: 5 },
      { customerId: 'a', at: '2024-01-11', amount: 5 },
      { customerId: 3, at: '2024-01-05', amount: 5 },
    ],
    { observationEnd: '2024-01-31', unit: 'day', utcOffsetMinutes: -300 },
  ],
  periodRetention: [
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
  periodRetentionColumns: [
    { customerIndex: [0, 0, 1], at: [1_728_000_000, 3_456_000_000, 432_000_000], amount: [1, 1, 1] },
    { period: 'week', activeWithin: 14 },
  ],
  subscriptionRetention: [
    [
      { type: 'subscription', customerId: 'a', at: 1_704_412_800_000, change: 'start', recurringRevenue: 9 },
      { type: 'subscription', customerId: 'a', at: 1_707_523_200_000, change: 'cancel', recurringRevenue: 0 },
    ],
    { period: 'month', observationEnd: '2024-03-31' },
  ],
  createPeriodAccumulator: [{ period: 'quarter', activeWithin: 60 }],
  periodAccumulatorFromJSON: [
    {
      format: 'patronage/period-accumulator',
      version: 1,
      options: { unit: 'day', mergeWithin: 'day', fractionDigits: 2, period: 'month', activeWithin: 90 },
      customers: [
        [
          1,
          [
            [19_723, 1000],
            [19_780, 250],
          ],
        ],
      ],
      identified: [],
    },
  ],
  returnOnRelationshipFromEvents: [
    [
      { type: 'purchase', customerId: 'a', at: 1_706_745_600_000, amount: 10 },
      { type: 'purchase', customerId: 'a', at: 1_714_521_600_000, amount: 10 },
      { type: 'support', customerId: 'b', at: 1_717_200_000_000 },
      { type: 'referral', customerId: 'a', referredCustomerId: 'c', at: 1_717_200_000_000 },
    ],
    { asOf: '2024-12-31', windowMonths: 12, repeatPurchases: 2 },
  ],
  vulnerabilityFromEvents: [
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
  tierRetentionProbability: [
    BG_FIT,
    { model: 'gammaGamma', params: { p: 6.25, q: 3.74, gamma: 15.44 } },
    {
      frequency: 2,
      recency: 20,
      T: 40,
      monetaryValue: 50,
      activity: [
        { at: '2025-03-01', amount: 80 },
        { at: '2025-09-20', amount: 40 },
      ],
    },
    {
      tiers: [
        { name: 'member', threshold: 0 },
        { name: 'silver', threshold: 150 },
      ],
      metric: 'spend',
      windowDays: 365,
      graceDays: 30,
    },
    { at: '2025-12-01', reviewAt: '2026-03-31', timeUnit: 'week', tier: 'silver', probabilityTarget: 0.8 },
  ],
  netRefunds: [
    [
      { type: 'purchase', customerId: 'a', at: 1_704_067_200_000, amount: 30, orderId: 'o1' },
      { type: 'refund', customerId: 'a', at: 1_704_153_600_000, amount: 10, orderId: 'o1' },
      { type: 'refund', customerId: 'a', at: 1_704_240_000_000, amount: 5 },
    ],
    {
      fractionDigits: 2,
      unmatched: 'latest-purchase',
      fullRefunds: 'keep',
      serialMinimumRefunds: 2,
      serialMinimumShare: 0.4,
      asOf: '2024-12-31',
    },
  ],
  referralValue: [
    [
      { type: 'referral', customerId: 'a', referredCustomerId: 'b', at: 1_704_067_200_000 },
      { type: 'referral', customerId: 'b', referredCustomerId: 'c', at: 1_704_153_600_000 },
    ],
    { a: 10, b: 20, c: 5 },
    { depth: 2, asOf: '2024-12-31' },
  ],
  loyalCustomers: [
    [
      { type: 'purchase', customerId: 'a', at: 1_704_067_200_000, amount: 9 },
      { type: 'referral', customerId: 'a', referredCustomerId: 'b', at: 1_704_153_600_000 },
    ],
    { minimumPurchases: 1, requireReferral: true, asOf: '2024-12-31' },
  ],
  relationshipTypes: [
    [
      { type: 'purchase', customerId: 'a', at: 1_704_067_200_000, amount: 30 },
      { type: 'subscription', customerId: 'b', at: 1_704_067_200_000, change: 'start', recurringRevenue: 5 },
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
  supportResponseTimes: [
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
  parseTransactions: [
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
  createRfmAccumulator: [{ unit: 'month', observationEnd: '2024-06-30', mergeWithin: 'month' }],
  rfmAccumulatorFromJSON: [
    {
      format: 'patronage/rfm-accumulator',
      version: 1,
      options: { unit: 'day', mergeWithin: 'day', fractionDigits: 2 },
      customers: [
        [
          1,
          [
            [19_723, 1000],
            [19_730, 250],
          ],
        ],
      ],
      identified: [['e1', 'b', 19_724, 99]],
    },
  ],
};
