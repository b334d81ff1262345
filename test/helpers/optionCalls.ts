// Valid calls of every export that takes an options object (or a record of named options such as the
// loyalty-score weights), for the unknown-option sweep in test/unknownOptions.prop.test.ts and the type
// test that lists them. The arguments are the shared samples of test/helpers/sampleCalls.ts; two calls
// add options those samples leave out.
import { MODEL_FIT, SPEND_FIT, VALID_CALLS } from './sampleCalls';

/** The shared sample arguments of an export. */
function sample(name: string): readonly unknown[] {
  const args = VALID_CALLS[name];
  if (args === undefined) throw new Error(`no sample arguments for ${name}`);
  return args;
}

/** The covariate guide's histogram (docs/model-covariates.md): rows of customers acquired online or not. */
const COVARIATE_ROWS = (
  [
    [0, 0, 38, 180, 1],
    [0, 0, 38, 420, 0],
    [0, 0, 30, 105, 1],
    [0, 0, 30, 195, 0],
    [1, 4, 38, 50, 1],
    [1, 4, 38, 50, 0],
    [1, 30, 36, 50, 1],
    [1, 30, 36, 40, 0],
    [2, 10, 38, 24, 1],
    [2, 10, 38, 16, 0],
    [2, 33, 35, 28, 1],
    [2, 33, 35, 12, 0],
    [4, 20, 37, 14, 1],
    [4, 20, 37, 6, 0],
    [6, 35, 37, 12, 1],
    [6, 35, 37, 3, 0],
    [12, 36, 38, 4, 1],
    [12, 36, 38, 1, 0],
  ] as const
).map(([frequency, recency, T, weight, online]) => ({
  frequency,
  recency,
  T,
  weight,
  covariates: { online },
}));

/** A covariate fit's call with every options object it has (those of the plain fit among them). */
const COVARIATE_OPTIONS = {
  covariates: { purchase: ['online'], dropout: ['online'] },
  constrain: ['online'],
  fixed: { purchase: {} },
  start: { params: { r: 0.5 }, purchase: { online: 0.1 } },
  penalty: { logParams: 0.01, purchase: 0.01, dropout: 0.01 },
};
const COVARIATE_OPTION_PATHS = [
  [1],
  [1, 'covariates'],
  [1, 'fixed'],
  [1, 'start'],
  [1, 'start', 'params'],
  [1, 'penalty'],
] as const;

/** A valid call, and where its options objects are: [argument index, then keys down to the object]. */
export interface OptionCall {
  readonly args: readonly unknown[];
  readonly options: readonly (readonly [number, ...(string | number)[]])[];
}

/** The exports (of both entries) that take options, each with a valid call. */
export const OPTION_CALLS = {
  cohortHeatmapSvg: { args: sample('cohortHeatmapSvg'), options: [[1]] },
  retentionCurvesSvg: { args: sample('retentionCurvesSvg'), options: [[1]] },
  survivalCurveSvg: { args: sample('survivalCurveSvg'), options: [[1]] },
  trackingSvg: { args: sample('trackingSvg'), options: [[1]] },
  probabilityAliveHistorySvg: { args: sample('probabilityAliveHistorySvg'), options: [[1]] },
  mixingDensitySvg: { args: sample('mixingDensitySvg'), options: [[1], [1, 'labels']] },
  periodTransactionsSvg: { args: sample('periodTransactionsSvg'), options: [[1]] },
  holdoutByGroupSvg: { args: sample('holdoutByGroupSvg'), options: [[1]] },
  frequencyRecencyMatrixSvg: { args: sample('frequencyRecencyMatrixSvg'), options: [[1]] },
  probabilityAliveMatrixSvg: { args: sample('probabilityAliveMatrixSvg'), options: [[1]] },
  segmentSizesSvg: { args: sample('segmentSizesSvg'), options: [[1]] },
  htmlReport: { args: sample('htmlReport'), options: [[1]] },
  customerEffortScore: { args: sample('customerEffortScore'), options: [[1]] },
  customerSatisfactionScore: { args: sample('customerSatisfactionScore'), options: [[1]] },
  lifetimeValueFromChurn: { args: sample('lifetimeValueFromChurn'), options: [[0]] },
  meetsLoyaltyThreshold: { args: sample('meetsLoyaltyThreshold'), options: [[1]] },
  retentionProfitImpact: { args: sample('retentionProfitImpact'), options: [[0]] },
  addPeriods: { args: sample('addPeriods'), options: [[3]] },
  periodLabel: { args: sample('periodLabel'), options: [[2]] },
  periodsBetween: { args: sample('periodsBetween'), options: [[3]] },
  startOfPeriod: { args: sample('startOfPeriod'), options: [[2]] },
  fromMinorUnits: { args: sample('fromMinorUnits'), options: [[1]] },
  sumMoney: { args: sample('sumMoney'), options: [[1]] },
  toMinorUnits: { args: sample('toMinorUnits'), options: [[1]] },
  rfmSummary: { args: sample('rfmSummary'), options: [[1]] },
  rfmSummaryColumns: { args: sample('rfmSummaryColumns'), options: [[1]] },
  repeatPurchaseWithin: { args: sample('repeatPurchaseWithin'), options: [[1]] },
  nDayRetention: { args: sample('nDayRetention'), options: [[1]] },
  nDayRetentionColumns: { args: sample('nDayRetentionColumns'), options: [[1]] },
  wilsonInterval: { args: sample('wilsonInterval'), options: [[2]] },
  calibrationHoldoutSummary: { args: sample('calibrationHoldoutSummary'), options: [[1]] },
  cohortRetention: { args: sample('cohortRetention'), options: [[1], [1, 'intervals']] },
  interPurchaseTimes: { args: sample('interPurchaseTimes'), options: [[1]] },
  discreteSummary: { args: sample('discreteSummary'), options: [[1]] },
  cohortRetentionColumns: { args: sample('cohortRetentionColumns'), options: [[1], [1, 'intervals']] },
  createCohortAccumulator: { args: sample('createCohortAccumulator'), options: [[0]] },
  probabilityAlive: {
    args: [
      MODEL_FIT,
      { frequency: 2, recency: 5, T: 12 },
      { horizon: 4, intervals: { method: 'delta', level: 0.8 } },
    ],
    options: [[2], [2, 'intervals']],
  },
  expectedPurchases: {
    args: [MODEL_FIT, 10, { frequency: 2, recency: 5, T: 12 }, { intervals: { method: 'delta' } }],
    options: [[3], [3, 'intervals']],
  },
  expectedAverageSpend: {
    args: [SPEND_FIT, { frequency: 2, monetaryValue: 30 }, { intervals: { method: 'delta' } }],
    options: [[2], [2, 'intervals']],
  },
  customerLifetimeValue: {
    args: [
      MODEL_FIT,
      { frequency: 2, recency: 5, T: 12, monetaryValue: 30 },
      {
        timeUnit: 'week',
        horizon: 10,
        discountRate: 0.1,
        margin: 0.3,
        spendModel: SPEND_FIT,
        intervals: { method: 'delta', level: 0.95 },
      },
    ],
    options: [[2], [2, 'intervals']],
  },
  bootstrapFits: { args: sample('bootstrapFits'), options: [[2]] },
  predictionInterval: { args: sample('predictionInterval'), options: [[2]] },
  expectedCashFlows: { args: sample('expectedCashFlows'), options: [[2]] },
  acquisitionPayback: { args: sample('acquisitionPayback'), options: [[2]] },
  mixingDensities: { args: sample('mixingDensities'), options: [[1]] },
  probabilityAliveHistory: { args: sample('probabilityAliveHistory'), options: [[2]] },
  scoreCustomers: { args: sample('scoreCustomers'), options: [[2]] },
  discountedResidualLifetime: { args: sample('discountedResidualLifetime'), options: [[1]] },
  simulateCustomers: { args: sample('simulateCustomers'), options: [[1]] },
  discountedExpectedTransactions: {
    args: [
      MODEL_FIT,
      { frequency: 2, recency: 5, T: 12 },
      { discountRate: 0.1, timeUnit: 'week', intervals: { method: 'delta' } },
    ],
    options: [[2], [2, 'intervals']],
  },
  contactBy: { args: sample('contactBy'), options: [[2]] },
  dataSuitability: { args: sample('dataSuitability'), options: [[1]] },
  selectModel: { args: sample('selectModel'), options: [[2]] },
  cumulativeTracking: { args: sample('cumulativeTracking'), options: [[1]] },
  trackingAlarm: { args: sample('trackingAlarm'), options: [[2]] },
  holdoutComparison: { args: [...sample('holdoutComparison'), { maxFrequency: 5 }], options: [[2]] },
  holdoutByRecency: { args: sample('holdoutByRecency'), options: [[2]] },
  periodTransactions: { args: sample('periodTransactions'), options: [[2]] },
  pointsBalance: { args: sample('pointsBalance'), options: [[1]] },
  pointsExpiring: { args: sample('pointsExpiring'), options: [[1]] },
  pointsLiability: { args: sample('pointsLiability'), options: [[1]] },
  pointsForecast: { args: sample('pointsForecast'), options: [[2], [2, 'earnRules']] },
  breakageRate: { args: sample('breakageRate'), options: [[1]] },
  pointsStatement: { args: sample('pointsStatement'), options: [[2]] },
  pointsForPurchase: {
    args: sample('pointsForPurchase'),
    options: [[1], [1, 'occasionBonuses', 'birthday']],
  },
  tierHistory: { args: sample('tierHistory'), options: [[1], [1, 'tiers', 0]] },
  rfmSummarySql: { args: sample('rfmSummarySql'), options: [[0]] },
  rfmHistogramSql: { args: sample('rfmHistogramSql'), options: [[0]] },
  scoreSql: { args: sample('scoreSql'), options: [[1]] },
  scoreBatches: { args: sample('scoreBatches'), options: [[2], [2, 'columns']] },
  calibrationHoldoutSummarySql: { args: sample('calibrationHoldoutSummarySql'), options: [[0]] },
  clusterTablesSql: { args: sample('clusterTablesSql'), options: [[0]] },
  cohortRetentionSql: { args: sample('cohortRetentionSql'), options: [[0]] },
  cohortRowsFromSql: { args: sample('cohortRowsFromSql'), options: [[1]] },
  periodRetentionSql: { args: sample('periodRetentionSql'), options: [[0]] },
  periodRowsFromSql: { args: sample('periodRowsFromSql'), options: [[1]] },
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
  loyaltyScore: { args: sample('loyaltyScore'), options: [[2], [2, 'weights']] },
  upcomingOccasions: { args: sample('upcomingOccasions'), options: [[1]] },
  kaplanMeier: { args: sample('kaplanMeier'), options: [[1]] },
  survivalFromSubscriptions: { args: sample('survivalFromSubscriptions'), options: [[1]] },
  survivalFromPurchaseGaps: { args: sample('survivalFromPurchaseGaps'), options: [[1]] },
  periodRetention: { args: sample('periodRetention'), options: [[1]] },
  periodRetentionColumns: { args: sample('periodRetentionColumns'), options: [[1]] },
  subscriptionRetention: { args: sample('subscriptionRetention'), options: [[1]] },
  createPeriodAccumulator: { args: sample('createPeriodAccumulator'), options: [[0]] },
  returnOnRelationshipFromEvents: { args: sample('returnOnRelationshipFromEvents'), options: [[1]] },
  vulnerabilityFromEvents: { args: sample('vulnerabilityFromEvents'), options: [[1]] },
  loyalCustomers: { args: sample('loyalCustomers'), options: [[1]] },
  netRefunds: { args: sample('netRefunds'), options: [[1]] },
  tierRetentionProbability: { args: sample('tierRetentionProbability'), options: [[4], [3]] },
  referralValue: { args: sample('referralValue'), options: [[2]] },
  relationshipTypes: { args: sample('relationshipTypes'), options: [[2]] },
  supportResponseTimes: { args: sample('supportResponseTimes'), options: [[1]] },
  parseTransactions: { args: sample('parseTransactions'), options: [[1], [1, 'window']] },
  createRfmAccumulator: { args: sample('createRfmAccumulator'), options: [[0]] },
  fitMbgNbd: {
    args: [...sample('fitMbgNbd'), { penalty: { logParams: 0.01 } }],
    options: [[1], [1, 'penalty']],
  },
  fitBgBb: { args: [...sample('fitBgBb'), { penalty: { logParams: 0.01 } }], options: [[1], [1, 'penalty']] },
  fitNbd: { args: [...sample('fitNbd'), { penalty: { logParams: 0.01 } }], options: [[1], [1, 'penalty']] },
  fitBgCnbd: {
    args: [(sample('fitBgCnbd') as unknown[])[0], { k: 2, penalty: { logParams: 0.01 } }],
    options: [[1], [1, 'penalty']],
  },
  fitMbgCnbd: {
    args: [(sample('fitMbgCnbd') as unknown[])[0], { maxK: 3, penalty: { logParams: 0.01 } }],
    options: [[1], [1, 'penalty']],
  },
  fitGammaGamma: {
    args: [...sample('fitGammaGamma'), { qAboveOne: true, penalty: { logParams: 0.01 } }],
    options: [[1], [1, 'penalty']],
  },
  fitShiftedBetaGeometric: {
    args: [...sample('fitShiftedBetaGeometric'), { penalty: { logParams: 0.01 } }],
    options: [[1], [1, 'penalty']],
  },
  fitBetaDiscreteWeibull: {
    args: [...sample('fitBetaDiscreteWeibull'), { penalty: { logParams: 0.01 } }],
    options: [[0], [1], [1, 'penalty']],
  },
  projectCohorts: { args: sample('projectCohorts'), options: [[1]] },
  likelihoodRatioTest: { args: sample('likelihoodRatioTest'), options: [[2]] },
  // with the correlation, which reads the same options (fitBgNbd and fitGgomNbd sweep them without)
  fitParetoNbd: {
    args: [COVARIATE_ROWS, { ...COVARIATE_OPTIONS, correlation: true }],
    options: COVARIATE_OPTION_PATHS,
  },
  fitBgNbd: { args: [COVARIATE_ROWS, COVARIATE_OPTIONS], options: COVARIATE_OPTION_PATHS },
  fitGgomNbd: { args: [COVARIATE_ROWS, COVARIATE_OPTIONS], options: COVARIATE_OPTION_PATHS },
} as const satisfies Record<string, OptionCall>;
