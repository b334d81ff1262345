import { describe, expectTypeOf, it } from 'vitest';
import {
  type AccumulatorJSON,
  type CalibrationHoldoutRow,
  type CohortRow,
  type CustomerId,
  calibrationHoldoutSummary,
  cohortRetention,
  createRfmAccumulator,
  kaplanMeier,
  type LedgerJSON,
  type loyaltyReference,
  type PeriodRetentionRow,
  type PurchaseGapData,
  periodRetention,
  type RelationshipType,
  type RfmAccumulator,
  type RfmColumns,
  type RfmRow,
  relationshipTypes,
  rfmAccumulatorFromJSON,
  type rfmScores,
  rfmSummary,
  rfmSummaryColumns,
} from '../../src/index';

describe('table types', () => {
  it('rfmSummary returns rows in the literature’s names, customer ids as strings', () => {
    expectTypeOf(rfmSummary).returns.toEqualTypeOf<RfmRow[]>();
    expectTypeOf<RfmRow['customerId']>().toEqualTypeOf<string>();
    expectTypeOf<CustomerId>().toEqualTypeOf<string | number>();
    expectTypeOf<CalibrationHoldoutRow['customerId']>().toEqualTypeOf<string>();
    expectTypeOf<PurchaseGapData['customerIds']>().toEqualTypeOf<readonly string[]>();
    expectTypeOf(createRfmAccumulator().result).returns.toEqualTypeOf<RfmRow[]>();
  });

  it('summary rows go into the functions that take string ids without a cast', () => {
    const rows = rfmSummary([{ customerId: 7, at: '2024-01-01', amount: 5 }]);
    expectTypeOf(rows).toExtend<Parameters<typeof rfmScores>[0]>();
    expectTypeOf(rows).toExtend<Parameters<typeof loyaltyReference>[0]>();
    const holdout = calibrationHoldoutSummary([], { calibrationEnd: '2024-01-01' });
    expectTypeOf(holdout).toExtend<Parameters<typeof rfmScores>[0]>();
    expectTypeOf<RfmRow>().toHaveProperty('T').toEqualTypeOf<number>();
  });

  it('the columnar summary returns typed arrays', () => {
    expectTypeOf(rfmSummaryColumns).returns.toEqualTypeOf<RfmColumns>();
    expectTypeOf<RfmColumns['customerIndex']>().toEqualTypeOf<Uint32Array>();
    expectTypeOf(rfmSummaryColumns).toBeCallableWith({
      customerIndex: new Uint32Array(1),
      at: new Float64Array(1),
      amount: new Float64Array(1),
    });
    expectTypeOf(rfmSummaryColumns).toBeCallableWith({ customerIndex: [0], at: [0], amount: [1] });
  });

  it('unit accepts calendar words or milliseconds, and nothing else', () => {
    expectTypeOf(rfmSummary).toBeCallableWith([], { unit: 'week' });
    expectTypeOf(rfmSummary).toBeCallableWith([], { unit: 3_600_000 });
    // @ts-expect-error 'fortnight' is not a unit
    rfmSummary([], { unit: 'fortnight' });
  });

  it('accumulators chain and serialise to AccumulatorJSON', () => {
    expectTypeOf(
      createRfmAccumulator().add({ customerId: 1, at: 0, amount: 1 }),
    ).toEqualTypeOf<RfmAccumulator>();
    expectTypeOf(createRfmAccumulator().toJSON()).toEqualTypeOf<AccumulatorJSON>();
    expectTypeOf(rfmAccumulatorFromJSON).parameter(0).toEqualTypeOf<AccumulatorJSON>();
  });

  it('the deprecated LedgerJSON is the same type as AccumulatorJSON', () => {
    expectTypeOf<LedgerJSON>().toEqualTypeOf<AccumulatorJSON>();
    expectTypeOf(createRfmAccumulator().toJSON()).toEqualTypeOf<LedgerJSON>();
    expectTypeOf(rfmAccumulatorFromJSON).parameter(0).toEqualTypeOf<LedgerJSON>();
  });

  it('table cells that may be unobservable are number | null', () => {
    expectTypeOf(cohortRetention).returns.toEqualTypeOf<CohortRow[]>();
    expectTypeOf<CohortRow['rates']>().toEqualTypeOf<readonly (number | null)[]>();
    expectTypeOf(periodRetention).returns.toEqualTypeOf<PeriodRetentionRow[]>();
    expectTypeOf<PeriodRetentionRow['retention']>().toEqualTypeOf<number | null>();
  });

  it('Kaplan–Meier takes booleans or 0/1 and gives a nullable median', () => {
    expectTypeOf(kaplanMeier).toBeCallableWith({ durations: [1], observed: [true] });
    expectTypeOf(kaplanMeier).toBeCallableWith({ durations: [1], observed: [0] });
    expectTypeOf(kaplanMeier({ durations: [1], observed: [1] }).median).toEqualTypeOf<number | null>();
  });

  it('relationship types are the seven of the brief', () => {
    expectTypeOf<RelationshipType>().toEqualTypeOf<
      'new' | 'current' | 'loyal' | 'prospective' | 'strategic' | 'exchange' | 'project'
    >();
    expectTypeOf(relationshipTypes([])[0]?.types).toEqualTypeOf<readonly RelationshipType[] | undefined>();
  });
});
