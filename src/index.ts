/**
 * patronage: customer loyalty and retention metrics for TypeScript.
 *
 * Every function validates its input and throws a {@link PatronageError} with a stable `code` for invalid
 * or inconsistent arguments; no result contains NaN or Infinity; nothing is clamped or coerced silently;
 * inputs are never mutated.
 *
 * @packageDocumentation
 * @module patronage
 */

export {
  type CalibrationHoldoutOptions,
  type CalibrationHoldoutRow,
  calibrationHoldoutSummary,
} from './aggregate/calibrationHoldoutSummary';
export {
  type CohortAccumulator,
  cohortAccumulatorFromJSON,
  createCohortAccumulator,
} from './aggregate/cohort/cohortAccumulator';
export type {
  CohortCellInterval,
  CohortIntervalOptions,
  CohortOptions,
  CohortRow,
} from './aggregate/cohort/cohortCore';
export type { CohortBracket, CohortMode } from './aggregate/cohort/cohortMode';
export { cohortRetention } from './aggregate/cohort/cohortRetention';
export { cohortRetentionColumns } from './aggregate/cohort/cohortRetentionColumns';
export {
  type DiscreteCustomerRow,
  type DiscreteSummaryOptions,
  type DiscreteSummaryResult,
  type DiscreteWeightedRow,
  discreteSummary,
  type IncidenceMatrix,
} from './aggregate/discrete/discreteSummary';
export {
  type InterPurchaseRow,
  type InterPurchaseTimesOptions,
  type InterPurchaseTimesResult,
  interPurchaseTimes,
  type RegularityEstimate,
} from './aggregate/interPurchaseTimes';
export {
  type NDayRetentionOptions,
  type NDayRetentionRow,
  nDayRetention,
} from './aggregate/nDayRetention';
export { nDayRetentionColumns } from './aggregate/nDayRetentionColumns';
export {
  createPeriodAccumulator,
  type PeriodAccumulator,
  type PeriodAccumulatorOptions,
  periodAccumulatorFromJSON,
} from './aggregate/period/periodAccumulator';
export type { PeriodRetentionRow } from './aggregate/period/periodCore';
export { type PeriodRetentionOptions, periodRetention } from './aggregate/period/periodRetention';
export { periodRetentionColumns } from './aggregate/period/periodRetentionColumns';
export {
  type SubscriptionRetentionOptions,
  subscriptionRetention,
} from './aggregate/period/subscriptionRetention';
export {
  type RepeatPurchaseWithinOptions,
  type RepeatPurchaseWithinResult,
  repeatPurchaseWithin,
} from './aggregate/repeatPurchaseWithin';
export {
  createRfmAccumulator,
  type RfmAccumulator,
  rfmAccumulatorFromJSON,
} from './aggregate/rfm/rfmAccumulator';
export type { RfmColumns } from './aggregate/rfm/rfmColumns';
export type { RfmOptions } from './aggregate/rfm/rfmOptions';
export { type RfmRow, rfmSummary } from './aggregate/rfm/rfmSummary';
export { rfmSummaryColumns } from './aggregate/rfm/rfmSummaryColumns';
export type { AccumulatorJSON, LedgerJSON } from './aggregate/shared/accumulatorState';
export type { TransactionColumns } from './aggregate/shared/prepareColumns';
export {
  type AcquisitionGroup,
  type AcquisitionPaybackOptions,
  type AcquisitionPaybackRow,
  acquisitionPayback,
} from './clv/acquisitionPayback';
export {
  type BetaDiscreteWeibullData,
  fitBetaDiscreteWeibull,
} from './clv/betaDiscreteWeibull/fitBetaDiscreteWeibull';
export { type DiscreteSummaryColumns, type DiscreteSummaryRow, fitBgBb } from './clv/bgBb/fitBgBb';
export {
  type CnbdFitOptions,
  type ErlangSummaryColumns,
  type ErlangSummaryRow,
  fitBgCnbd,
  fitMbgCnbd,
} from './clv/bgCnbd/fitBgCnbd';
export {
  type CustomerSummaryColumns,
  type CustomerSummaryRow,
  fitBgNbd,
  fitMbgNbd,
} from './clv/bgNbd/fitBgNbd';
export { type BootstrapFits, type BootstrapFitsOptions, bootstrapFits } from './clv/bootstrapFits';
export { conditionalPurchaseProbability } from './clv/conditionalPurchaseProbability';
export {
  type ContactBy,
  type ContactByOptions,
  type ContactMeasure,
  contactBy,
} from './clv/contactBy';
export { type ContractSurvival, contractSurvival } from './clv/contractSurvival';
export type { ContractCohort, ContractData, ContractLifetime } from './clv/core/contractRows';
export type { CovariatePathHistory, CovariatePathRow, CovariatePeriod } from './clv/core/covariatePaths';
export type {
  CoefficientIntervals,
  CoefficientValues,
  CovariateFit,
  CovariateFitOptions,
  CovariateSets,
  CovariateStart,
  Covariates,
} from './clv/core/covariates';
export type {
  BetaDiscreteWeibullFit,
  BetaDiscreteWeibullParams,
  BgBbFit,
  BgBbParams,
  BgCnbdFit,
  BgCnbdParams,
  BgNbdFit,
  BgNbdParams,
  CnbdFit,
  Coefficients,
  CorrelatedParetoNbdFit,
  CustomerHistory,
  DiscreteHistory,
  FitOptions,
  FitPenalty,
  GammaGammaFit,
  GammaGammaParams,
  GgomNbdFit,
  GgomNbdParams,
  MbgCnbdFit,
  MbgNbdFit,
  ModelFit,
  ModelName,
  ModelParams,
  ModelSpec,
  NbdFit,
  NbdParams,
  ParameterCovariance,
  ParetoNbdCorrelation,
  ParetoNbdFit,
  ParetoNbdFitOptions,
  ParetoNbdParams,
  RegularityLogLikelihood,
  ShiftedBetaGeometricFit,
  ShiftedBetaGeometricParams,
} from './clv/core/types';
export {
  type CumulativeTrackingInput,
  type CumulativeTrackingPoint,
  type CumulativeTrackingResult,
  cumulativeTracking,
  type TrackingPoint,
} from './clv/cumulativeTracking';
export {
  type CustomerLifetimeValueOptions,
  customerLifetimeValue,
  type ModelTimeUnit,
  type ValuedCustomer,
} from './clv/customerLifetimeValue';
export {
  type DataSuitability,
  type DataSuitabilityOptions,
  dataSuitability,
  type SuitabilityWarning,
  type SuitabilityWarningCode,
} from './clv/dataSuitability';
export {
  type DiscountedExpectedTransactionsOptions,
  discountedExpectedTransactions,
} from './clv/discountedExpectedTransactions';
export {
  discountedResidualLifetime,
  type ResidualLifetimeOptions,
} from './clv/discountedResidualLifetime';
export {
  type ExpectedAverageSpendOptions,
  expectedAverageSpend,
  type SpendHistory,
} from './clv/expectedAverageSpend';
export {
  type ExpectedCashFlowsOptions,
  type ExpectedCashFlowsResult,
  expectedCashFlows,
} from './clv/expectedCashFlows';
export { type ExpectedPurchasesOptions, expectedPurchases } from './clv/expectedPurchases';
export {
  type FitGammaGammaOptions,
  fitGammaGamma,
  type SpendSummaryColumns,
  type SpendSummaryRow,
} from './clv/gammaGamma/fitGammaGamma';
export { fitGgomNbd } from './clv/ggomNbd/fitGgomNbd';
export {
  type HoldoutByRecency,
  type HoldoutByRecencyOptions,
  type HoldoutRecencyGroup,
  holdoutByRecency,
} from './clv/holdoutByRecency';
export {
  type HoldoutComparison,
  type HoldoutComparisonOptions,
  type HoldoutGroup,
  type HoldoutRow,
  holdoutComparison,
} from './clv/holdoutComparison';
export {
  type ComparedFit,
  LIKELIHOOD_TOLERANCE,
  type LikelihoodRatioTestOptions,
  type LikelihoodRatioTestResult,
  likelihoodRatioTest,
} from './clv/likelihoodRatioTest';
export { logLikelihoodAt, type ModelRows } from './clv/logLikelihoodAt';
export { type MixingDensitiesOptions, type MixingDensity, mixingDensities } from './clv/mixingDensities';
export { fitNbd } from './clv/nbd/fitNbd';
export { fitParetoNbd } from './clv/paretoNbd/fitParetoNbd';
export {
  type PeriodTransactionsBin,
  type PeriodTransactionsChiSquare,
  type PeriodTransactionsGroup,
  type PeriodTransactionsOptions,
  type PeriodTransactionsResult,
  periodTransactions,
} from './clv/periodTransactions';
export { type PosteriorMeansResult, posteriorMeans } from './clv/posteriorMeans';
export {
  type PredictionInterval,
  type PredictionIntervalCallOptions,
  type PredictionIntervalOptions,
  type PredictionScale,
  predictionInterval,
} from './clv/predictionInterval';
export { type ProbabilityAliveOptions, probabilityAlive } from './clv/probabilityAlive';
export {
  type AliveHistoryPoint,
  type AliveHistoryPointKind,
  type ProbabilityAliveHistoryOptions,
  type ProbabilityAliveHistoryResult,
  probabilityAliveHistory,
} from './clv/probabilityAliveHistory';
export {
  type CohortProjection,
  type CohortProjections,
  projectCohorts,
} from './clv/projectCohorts';
export { purchaseProbability } from './clv/purchaseProbability';
export {
  type ScoreBatchesColumns,
  type ScoreBatchesOptions,
  type ScoredBatch,
  type ScoredRow,
  scoreBatches,
} from './clv/scoreBatches';
export {
  type CustomerColumns,
  type CustomerScoreColumns,
  type CustomerScores,
  type DefaultScoreOutput,
  type ScoreCustomersOptions,
  type ScoreOutput,
  scoreCustomers,
} from './clv/scoreCustomers';
export {
  type ModelCandidate,
  type ModelSelection,
  type SelectableModel,
  type SelectionCriterion,
  type SelectModelOptions,
  selectModel,
} from './clv/selectModel';
export {
  fitShiftedBetaGeometric,
  type ShiftedBetaGeometricData,
} from './clv/shiftedBetaGeometric/fitShiftedBetaGeometric';
export {
  type SimulateCustomersOptions,
  type SimulatedCustomers,
  type SimulatedSummaryRow,
  type SimulatedTransaction,
  simulateCustomers,
} from './clv/simulateCustomers';
export {
  type TrackingAlarmDirection,
  type TrackingAlarmMethod,
  type TrackingAlarmOptions,
  type TrackingAlarmPeriod,
  type TrackingAlarmResult,
  type TrackingAlarmVariance,
  trackingAlarm,
} from './clv/trackingAlarm';
export { isPatronageError, PatronageError, type PatronageErrorCode } from './errors/PatronageError';
export { type LoyalCustomerOptions, loyalCustomers } from './events/loyalCustomers';
export {
  type NetRefundOptions,
  type NetRefundResult,
  type NetTransaction,
  netRefunds,
  type RejectedRefund,
  type ReturnerRow,
} from './events/netRefunds';
export {
  type ReferralValueOptions,
  type ReferralValueResult,
  type ReferrerValue,
  referralValue,
  type UncreditedReferral,
} from './events/referralValue';
export {
  type CustomerRelationship,
  type RelationshipRules,
  type RelationshipType,
  relationshipTypes,
} from './events/relationshipTypes';
export {
  type RelationshipWindowOptions,
  returnOnRelationshipFromEvents,
} from './events/returnOnRelationshipFromEvents';
export { type SupportResponseTimes, supportResponseTimes } from './events/supportResponseTimes';
export {
  type DeclineRule,
  type VulnerabilityOptions,
  type VulnerabilityResult,
  vulnerabilityFromEvents,
} from './events/vulnerabilityFromEvents';
export { acquisitionRetentionCostRatio, type CustomerCosts } from './formulas/acquisitionRetentionCostRatio';
export { type AverageOrderValueTotals, averageOrderValue } from './formulas/averageOrderValue';
export { churnRate } from './formulas/churnRate';
export { type CustomerEffortOptions, customerEffortScore } from './formulas/customerEffortScore';
export {
  type CustomerSatisfactionOptions,
  customerSatisfactionScore,
} from './formulas/customerSatisfactionScore';
export { grossRevenueRetention } from './formulas/grossRevenueRetention';
export { type HistoricLifetimeValueInputs, historicLifetimeValue } from './formulas/historicLifetimeValue';
export { type LifetimeValueFromChurnInputs, lifetimeValueFromChurn } from './formulas/lifetimeValueFromChurn';
export {
  DEFAULT_LOYALTY_THRESHOLD,
  type LoyaltyThresholdOptions,
  meetsLoyaltyThreshold,
} from './formulas/meetsLoyaltyThreshold';
export { netPromoterScore } from './formulas/netPromoterScore';
export { netPromoterScoreFromCounts, type PromoterCounts } from './formulas/netPromoterScoreFromCounts';
export { netRevenueRetention } from './formulas/netRevenueRetention';
export { type PurchaseFrequencyCounts, purchaseFrequency } from './formulas/purchaseFrequency';
export { type RepeatPurchaseCounts, repeatPurchaseRate } from './formulas/repeatPurchaseRate';
export {
  type RetentionImprovement,
  type RetentionProfitImpact,
  retentionProfitImpact,
} from './formulas/retentionProfitImpact';
export { type RetentionCounts, retentionRate } from './formulas/retentionRate';
export { type RevenueByCustomerKind, returningRevenueShare } from './formulas/returningRevenueShare';
export { returningSpendUplift, type SpendByCustomerKind } from './formulas/returningSpendUplift';
export { type InvestmentReturn, returnOnInvestment } from './formulas/returnOnInvestment';
export { type ReturnOnRelationshipCounts, returnOnRelationship } from './formulas/returnOnRelationship';
export {
  type ReturnOnRelationshipIds,
  type ReturnOnRelationshipResult,
  returnOnRelationshipFromIds,
} from './formulas/returnOnRelationshipFromIds';
export type { RevenueMovements } from './formulas/revenueRetention';
export { type VulnerabilityCounts, vulnerabilityIndex } from './formulas/vulnerabilityIndex';
export {
  type WilsonIntervalOptions,
  type WilsonIntervalResult,
  wilsonInterval,
} from './formulas/wilsonInterval';
export {
  type OccasionCustomer,
  type UpcomingOccasion,
  type UpcomingOccasionsOptions,
  upcomingOccasions,
} from './loyalty/occasions/upcomingOccasions';
export { type BreakageResult, breakageRate } from './loyalty/points/breakageRate';
export type { LedgerEntry, LedgerEntryKind, RejectedEntry } from './loyalty/points/entries';
export type { LedgerMode, LedgerOptions } from './loyalty/points/ledgerOptions';
export {
  type CustomerPoints,
  type PointsBalanceResult,
  type PointsLot,
  pointsBalance,
} from './loyalty/points/pointsBalance';
export {
  type ExpiringPoints,
  type PointsExpiringOptions,
  type PointsExpiringResult,
  pointsExpiring,
} from './loyalty/points/pointsExpiring';
export {
  type CustomerPointsForecast,
  type ForecastCustomer,
  type PointsForecastOptions,
  type PointsForecastResult,
  pointsForecast,
  type WithoutSummary,
} from './loyalty/points/pointsForecast';
export {
  type EarnedPoints,
  type EarnRules,
  type OccasionBonus,
  type PurchaseForPoints,
  pointsForPurchase,
} from './loyalty/points/pointsForPurchase';
export {
  type PointsLiabilityOptions,
  type PointsLiabilityResult,
  pointsLiability,
} from './loyalty/points/pointsLiability';
export { type PointsStatement, pointsStatement, type StatementLine } from './loyalty/points/pointsStatement';
export { type LoyaltyReference, loyaltyReference } from './loyalty/scores/loyaltyReference';
export {
  DEFAULT_LOYALTY_WEIGHTS,
  type LoyaltyComponent,
  type LoyaltyComponentName,
  type LoyaltyScoreCustomer,
  type LoyaltyScoreOptions,
  type LoyaltyScoreResult,
  loyaltyScore,
} from './loyalty/scores/loyaltyScore';
export {
  defaultRfmSegment,
  type RfmScoreInput,
  type RfmScoreRow,
  type RfmScoresOptions,
  type RfmSegment,
  rfmScores,
} from './loyalty/scores/rfmScores';
export {
  type CustomerTier,
  type TierActivity,
  type TierDefinition,
  type TierMetric,
  type TierOptions,
  type TierPeriod,
  tierHistory,
} from './loyalty/tiers/tierHistory';
export {
  type TierMember,
  type TierRetention,
  type TierRetentionOptions,
  type TierRules,
  tierRetentionProbability,
} from './loyalty/tiers/tierRetentionProbability';
export {
  addPeriods,
  type CalendarOptions,
  type CalendarPeriod,
  periodLabel,
  periodsBetween,
  startOfPeriod,
} from './model/calendar';
export type {
  CampaignExposureEvent,
  Customer,
  CustomerAttributes,
  CustomerInput,
  CustomerOccasions,
  EventBase,
  EventInput,
  EventType,
  MonthDay,
  PatronageEvent,
  PointsEvent,
  PointsKind,
  PurchaseEvent,
  PurchaseItem,
  ReferralEvent,
  RefundEvent,
  RejectedRow,
  SubscriptionChange,
  SubscriptionEvent,
  SupportEvent,
  SurveyEvent,
  SurveyMetric,
} from './model/events';
export { fromMinorUnits, type MoneyOptions, sumMoney, toMinorUnits } from './model/money';
export { type ParseCustomersResult, parseCustomers, parseCustomersOrThrow } from './model/parseCustomers';
export { type ParseEventsResult, parseEvents, parseEventsOrThrow } from './model/parseEvents';
export {
  type ParsedTransaction,
  type ParseTransactionsOptions,
  type ParseTransactionsResult,
  parseTransactions,
} from './model/parseTransactions';
export type { SubscriptionSpell } from './model/subscriptionSpells';
export type { TimeUnit } from './model/time';
export { type TimestampInput, toEpochMs } from './model/timestamp';
export type { CustomerId, Transaction } from './model/transaction';
export {
  type KaplanMeierOptions,
  type KaplanMeierResult,
  kaplanMeier,
  type SurvivalData,
} from './survival/kaplanMeier';
export {
  type PurchaseGapData,
  type PurchaseGapOptions,
  type SubscriptionSurvivalData,
  type SubscriptionSurvivalOptions,
  survivalFromPurchaseGaps,
  survivalFromSubscriptions,
} from './survival/survivalBuilders';
