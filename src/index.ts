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
} from './aggregate/cohortAccumulator';
export type { CohortOptions, CohortRow } from './aggregate/cohortCore';
export { cohortRetention } from './aggregate/cohortRetention';
export { cohortRetentionColumns } from './aggregate/cohortRetentionColumns';
export type { LedgerJSON } from './aggregate/dayLedger';
export {
  type ParsedTransaction,
  type ParseTransactionsOptions,
  type ParseTransactionsResult,
  parseTransactions,
} from './aggregate/parseTransactions';
export {
  createPeriodAccumulator,
  type PeriodAccumulator,
  type PeriodAccumulatorOptions,
  periodAccumulatorFromJSON,
} from './aggregate/periodAccumulator';
export type { PeriodRetentionRow } from './aggregate/periodCore';
export { type PeriodRetentionOptions, periodRetention } from './aggregate/periodRetention';
export { periodRetentionColumns } from './aggregate/periodRetentionColumns';
export {
  createRfmAccumulator,
  type RfmAccumulator,
  rfmAccumulatorFromJSON,
} from './aggregate/rfmAccumulator';
export type { RfmOptions, TimeUnit } from './aggregate/rfmOptions';
export { type RfmRow, rfmSummary } from './aggregate/rfmSummary';
export { type RfmColumns, rfmSummaryColumns, type TransactionColumns } from './aggregate/rfmSummaryColumns';
export { type SubscriptionRetentionOptions, subscriptionRetention } from './aggregate/subscriptionRetention';
export type { CustomerId, Transaction } from './aggregate/transaction';
export { isPatronageError, PatronageError, type PatronageErrorCode } from './errors/PatronageError';
export { type LoyalCustomerOptions, loyalCustomers } from './events/loyalCustomers';
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
export { type BreakageResult, breakageRate } from './loyalty/breakageRate';
export type {
  LedgerEntry,
  LedgerEntryKind,
  LedgerMode,
  LedgerOptions,
  RejectedEntry,
} from './loyalty/ledger';
export { type LoyaltyReference, loyaltyReference } from './loyalty/loyaltyReference';
export {
  DEFAULT_LOYALTY_WEIGHTS,
  type LoyaltyComponent,
  type LoyaltyComponentName,
  type LoyaltyScoreCustomer,
  type LoyaltyScoreOptions,
  type LoyaltyScoreResult,
  loyaltyScore,
} from './loyalty/loyaltyScore';
export {
  type CustomerPoints,
  type PointsBalanceResult,
  type PointsLot,
  pointsBalance,
} from './loyalty/pointsBalance';
export {
  type ExpiringPoints,
  type PointsExpiringOptions,
  type PointsExpiringResult,
  pointsExpiring,
} from './loyalty/pointsExpiring';
export {
  type EarnedPoints,
  type EarnRules,
  type OccasionBonus,
  type PurchaseForPoints,
  pointsForPurchase,
} from './loyalty/pointsForPurchase';
export {
  type PointsLiabilityOptions,
  type PointsLiabilityResult,
  pointsLiability,
} from './loyalty/pointsLiability';
export { type PointsStatement, pointsStatement, type StatementLine } from './loyalty/pointsStatement';
export {
  defaultRfmSegment,
  type RfmScoreInput,
  type RfmScoreRow,
  type RfmScoresOptions,
  type RfmSegment,
  rfmScores,
} from './loyalty/rfmScores';
export {
  type CustomerTier,
  type TierActivity,
  type TierDefinition,
  type TierMetric,
  type TierOptions,
  type TierPeriod,
  tierHistory,
} from './loyalty/tierHistory';
export {
  type OccasionCustomer,
  type UpcomingOccasion,
  type UpcomingOccasionsOptions,
  upcomingOccasions,
} from './loyalty/upcomingOccasions';
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
export { type TimestampInput, toEpochMs } from './model/timestamp';
export { type ContractSurvival, contractSurvival } from './models/contractSurvival';
export {
  type CumulativeTrackingInput,
  type CumulativeTrackingResult,
  cumulativeTracking,
  type TrackingPoint,
} from './models/cumulativeTracking';
export {
  type CustomerLifetimeValueOptions,
  customerLifetimeValue,
  type ModelTimeUnit,
} from './models/customerLifetimeValue';
export {
  discountedResidualLifetime,
  type ResidualLifetimeOptions,
} from './models/discountedResidualLifetime';
export { expectedAverageSpend, type SpendHistory } from './models/expectedAverageSpend';
export { expectedPurchases } from './models/expectedPurchases';
export { type DiscreteSummaryRow, fitBgBb } from './models/fitBgBb';
export { type CustomerSummaryRow, fitBgNbd, fitMbgNbd } from './models/fitBgNbd';
export { fitGammaGamma, type SpendSummaryRow } from './models/fitGammaGamma';
export { fitParetoNbd } from './models/fitParetoNbd';
export {
  type ContractLifetime,
  fitShiftedBetaGeometric,
  type ShiftedBetaGeometricData,
} from './models/fitShiftedBetaGeometric';
export {
  type HoldoutComparison,
  type HoldoutGroup,
  type HoldoutRow,
  holdoutComparison,
} from './models/holdoutComparison';
export { type ProbabilityAliveOptions, probabilityAlive } from './models/probabilityAlive';
export { purchaseProbability } from './models/purchaseProbability';
export {
  type CustomerColumns,
  type CustomerScores,
  type ScoreCustomersOptions,
  scoreCustomers,
} from './models/scoreCustomers';
export type {
  BgBbFit,
  BgBbParams,
  BgNbdFit,
  BgNbdParams,
  CustomerHistory,
  DiscreteHistory,
  GammaGammaFit,
  GammaGammaParams,
  MbgNbdFit,
  ModelFit,
  ModelName,
  ModelParams,
  ModelSpec,
  ParetoNbdFit,
  ParetoNbdParams,
  ShiftedBetaGeometricFit,
  ShiftedBetaGeometricParams,
} from './models/types';
export {
  type KaplanMeierOptions,
  type KaplanMeierResult,
  kaplanMeier,
  type SurvivalData,
} from './survival/kaplanMeier';
export {
  type PurchaseGapData,
  type PurchaseGapOptions,
  type SubscriptionSpell,
  type SubscriptionSurvivalData,
  type SubscriptionSurvivalOptions,
  survivalFromPurchaseGaps,
  survivalFromSubscriptions,
} from './survival/survivalBuilders';
