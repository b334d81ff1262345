import { describe, expect, it } from 'vitest';
import {
  calibrationHoldoutSummary,
  cohortRetention,
  createCohortAccumulator,
  createPeriodAccumulator,
  createRfmAccumulator,
  loyaltyReference,
  periodRetention,
  rfmScores,
  rfmSummary,
  survivalFromPurchaseGaps,
  type Transaction,
} from '../../src/index';
import { codeOf } from '../helpers/errors';

// The customer-id rule (src/model/transaction.ts, `CustomerId`): input rows may carry string or number ids;
// every table gives them back as strings, `String(id)`; a log holding the number 7 and the string '7' is
// AMBIGUOUS_CUSTOMER_ID, never one merged customer and never two rows with the same id.

const NUMBERED: readonly Transaction[] = [
  { customerId: 10, at: '2024-01-01', amount: 5 },
  { customerId: 2, at: '2024-01-03', amount: 7 },
  { customerId: 10, at: '2024-01-08', amount: 9 },
];

const COLLIDING: readonly Transaction[] = [
  { customerId: 7, at: '2024-01-01', amount: 5 },
  { customerId: '7', at: '2024-01-03', amount: 7 },
];

describe('customer ids in results', () => {
  it('rfmSummary gives number ids as strings, in numeric order', () => {
    expect(rfmSummary(NUMBERED).map((row) => row.customerId)).toEqual(['2', '10']);
  });

  it('rfmSummary gives string ids unchanged', () => {
    const rows = rfmSummary([{ customerId: 'c1', at: '2024-01-01', amount: 5 }]);
    expect(rows.map((row) => row.customerId)).toEqual(['c1']);
  });

  it('rfmSummary rows of number ids go straight into rfmScores and loyaltyReference', () => {
    const rows = rfmSummary(NUMBERED);
    expect(rfmScores(rows).map((score) => score.customerId)).toEqual(['2', '10']);
    expect(loyaltyReference(rows).customers).toBe(2);
  });

  it('calibrationHoldoutSummary and the RFM accumulator give string ids', () => {
    expect(
      calibrationHoldoutSummary(NUMBERED, { calibrationEnd: '2024-01-04' }).map((row) => row.customerId),
    ).toEqual(['2', '10']);
    const accumulator = createRfmAccumulator();
    for (const row of NUMBERED) accumulator.add(row);
    expect(accumulator.result().map((row) => row.customerId)).toEqual(['2', '10']);
  });

  it('survivalFromPurchaseGaps gives string ids', () => {
    expect(survivalFromPurchaseGaps(NUMBERED, { unit: 'day' }).customerIds).toEqual(['2', '10', '10']);
  });

  it('periodRetention passes the string id to segmentOf', () => {
    const seen: unknown[] = [];
    periodRetention(NUMBERED, {
      segmentOf: (id) => {
        seen.push(id);
        return 'all';
      },
    });
    expect(new Set(seen)).toEqual(new Set(['2', '10']));
  });
});

describe('the number 7 and the string "7" in one log', () => {
  it('rfmSummary throws AMBIGUOUS_CUSTOMER_ID', () => {
    expect(codeOf(() => rfmSummary(COLLIDING))).toBe('AMBIGUOUS_CUSTOMER_ID');
  });

  it('cohortRetention, periodRetention, calibrationHoldoutSummary and survivalFromPurchaseGaps throw it too', () => {
    expect(codeOf(() => cohortRetention(COLLIDING))).toBe('AMBIGUOUS_CUSTOMER_ID');
    expect(codeOf(() => periodRetention(COLLIDING))).toBe('AMBIGUOUS_CUSTOMER_ID');
    expect(codeOf(() => calibrationHoldoutSummary(COLLIDING, { calibrationEnd: '2024-01-02' }))).toBe(
      'AMBIGUOUS_CUSTOMER_ID',
    );
    expect(codeOf(() => survivalFromPurchaseGaps(COLLIDING))).toBe('AMBIGUOUS_CUSTOMER_ID');
  });

  it('accumulators that each hold one of them throw it from result after a merge', () => {
    const makers = [createRfmAccumulator, createCohortAccumulator, createPeriodAccumulator] as const;
    for (const make of makers) {
      const left = make().add(COLLIDING[0] as Transaction);
      const right = make().add(COLLIDING[1] as Transaction);
      expect(left.result()).toHaveLength(1);
      left.merge(right as never);
      expect(codeOf(() => left.result())).toBe('AMBIGUOUS_CUSTOMER_ID');
    }
  });

  it('numbers and strings that do not collide stay distinct customers', () => {
    const rows = rfmSummary([...NUMBERED, { customerId: 'x', at: '2024-01-02', amount: 1 }]);
    expect(rows.map((row) => row.customerId)).toEqual(['2', '10', 'x']);
  });
});
