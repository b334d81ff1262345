import { describe, expect, it } from 'vitest';
import { MAX_COHORT_CELLS } from '../../../src/aggregate/cohort/cohortCore';
import {
  type AccumulatorJSON,
  type CohortRow,
  cohortAccumulatorFromJSON,
  cohortRetention,
  cohortRetentionColumns,
  createCohortAccumulator,
  PatronageError,
  type Transaction,
} from '../../../src/index';
import { codeOf } from '../../helpers/errors';

const DAY = 86_400_000;
const START = Date.UTC(2000, 0, 1);

/** `days` customers, the i-th buying once on day i: `days` daily cohorts spanning `days` days. */
function oneNewCustomerADay(days: number): Transaction[] {
  return Array.from({ length: days }, (_, day) => ({ customerId: day, at: START + day * DAY, amount: 1 }));
}

function columnsOf(transactions: readonly Transaction[]) {
  return {
    customerIndex: Uint32Array.from(transactions, (row) => row.customerId as number),
    at: Float64Array.from(transactions, (row) => row.at as number),
    amount: Float64Array.from(transactions, (row) => row.amount),
  };
}

function cellsOf(rows: readonly CohortRow[]): number {
  return rows.reduce((total, row) => total + row.counts.length, 0);
}

/** The error `run` throws (it must throw a PatronageError). */
function errorOf(run: () => unknown): PatronageError {
  try {
    run();
  } catch (error) {
    if (error instanceof PatronageError) return error;
    throw error;
  }
  throw new Error('expected a PatronageError');
}

describe('cohort tables are bounded in cohorts × periods (issue 15 item 4)', () => {
  it('8,000 daily cohorts are OUT_OF_RANGE before the table is built, naming cohorts, periods, cells and the limit', () => {
    const error = errorOf(() => cohortRetention(oneNewCustomerADay(8_000), { period: 'day' }));
    expect(error.code).toBe('OUT_OF_RANGE');
    expect(error.details).toMatchObject({
      cohorts: 8_000,
      periods: 8_000,
      cells: (8_000 * 8_001) / 2,
      limit: MAX_COHORT_CELLS,
      fittingMaxPeriods: 500,
    });
    expect(error.message).toMatch(
      /32004000 cells \(8000 cohorts .*more than the 4000000 .*pass maxPeriods \(500 or fewer/,
    );
  }, 20_000);

  it('the columnar single pass refuses 8,000 daily cohorts the same way', () => {
    const columns = columnsOf(oneNewCustomerADay(8_000));
    const error = errorOf(() => cohortRetentionColumns(columns, { period: 'day' }));
    expect(error.code).toBe('OUT_OF_RANGE');
    expect(error.details).toMatchObject({
      cohorts: 8_000,
      cells: (8_000 * 8_001) / 2,
      limit: MAX_COHORT_CELLS,
    });
  }, 20_000);

  it('cohortRetention on 20,000 transactions, one new customer a day, is OUT_OF_RANGE instead of running out of heap', () => {
    const error = errorOf(() => cohortRetention(oneNewCustomerADay(20_000), { period: 'day' }));
    expect(error.code).toBe('OUT_OF_RANGE');
    expect(error.details).toMatchObject({
      cohorts: 20_000,
      cells: (20_000 * 20_001) / 2,
      fittingMaxPeriods: 200,
    });
  }, 20_000);

  it('a 400 KB accumulator state of one customer a day for 55 years revives, and its result() is OUT_OF_RANGE before allocating', () => {
    const days = 19_999;
    const state: AccumulatorJSON = {
      ...createCohortAccumulator({ period: 'day' }).toJSON(),
      customers: Array.from({ length: days }, (_, day) => [day, [[10_957 + day, 100]]] as const),
    };
    expect(JSON.stringify(state).length).toBeGreaterThan(400_000);
    const accumulator = cohortAccumulatorFromJSON(JSON.parse(JSON.stringify(state)));
    const error = errorOf(() => accumulator.result());
    expect(error.code).toBe('OUT_OF_RANGE');
    expect(error.details).toMatchObject({ cohorts: days, cells: (days * (days + 1)) / 2 });
  }, 20_000);

  it('daily cohorts over 5 years work: 1,826 rows, a staircase of 1,668,051 cells (not a 1,826 × 1,826 rectangle)', () => {
    const rows = cohortRetention(oneNewCustomerADay(1_826), { period: 'day' });
    expect(rows).toHaveLength(1_826);
    expect(cellsOf(rows)).toBe((1_826 * 1_827) / 2);
    expect(rows[0]?.counts).toHaveLength(1_826);
    expect(rows[1_825]).toEqual({
      cohort: '2004-12-30',
      size: 1,
      counts: [1],
      rates: [1],
      revenue: [1],
      revenueRates: [1],
    });
    expect(cellsOf(rows)).toBeLessThanOrEqual(MAX_COHORT_CELLS);
  }, 20_000);

  it('the largest staircase under the limit works and one more cohort is refused', () => {
    // 2,827 daily cohorts: 3,997,378 cells; 2,828: 4,000,206
    const fits = cohortRetention(oneNewCustomerADay(2_827), { period: 'day' });
    expect(cellsOf(fits)).toBe(3_997_378);
    expect(codeOf(() => cohortRetention(oneNewCustomerADay(2_828), { period: 'day' }))).toBe('OUT_OF_RANGE');
  }, 30_000);
});

describe('the maxPeriods option of the cohort tables', () => {
  it('makes 20,000 daily cohorts legitimate: each row carries at most maxPeriods periods', () => {
    const transactions = oneNewCustomerADay(20_000);
    const rows = cohortRetention(transactions, { period: 'day', maxPeriods: 30 });
    expect(rows).toHaveLength(20_000);
    expect(Math.max(...rows.map((row) => row.counts.length))).toBe(30);
    // every row is 30 long except the last 29, which have reached fewer days
    expect(cellsOf(rows)).toBe(30 * 20_000 - (29 * 30) / 2);
    const columnar = cohortRetentionColumns(columnsOf(transactions), { period: 'day', maxPeriods: 30 });
    expect(JSON.stringify(columnar)).toBe(JSON.stringify(rows));
  }, 20_000);

  it('leaves activity after the last kept period out of the row', () => {
    const rows = cohortRetention(
      [
        { customerId: 1, at: '2024-01-01', amount: 2 },
        { customerId: 1, at: '2024-02-01', amount: 3 },
        { customerId: 1, at: '2024-06-01', amount: 4 },
      ],
      { maxPeriods: 2 },
    );
    expect(rows).toEqual([
      { cohort: '2024-01', size: 1, counts: [1, 1], rates: [1, 1], revenue: [2, 3], revenueRates: [1, 1.5] },
    ]);
  });

  it('is a whole number from 1', () => {
    expect(codeOf(() => cohortRetention([], { maxPeriods: 0 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => cohortRetention([], { maxPeriods: 1.5 }))).toBe('NOT_AN_INTEGER');
    expect(
      codeOf(() => cohortRetentionColumns({ customerIndex: [], at: [], amount: [] }, { maxPeriods: -1 })),
    ).toBe('OUT_OF_RANGE');
    expect(codeOf(() => createCohortAccumulator({ maxPeriods: Number.NaN }))).toBe('NOT_FINITE');
  });

  it('is part of an accumulator state: it survives JSON, and accumulators that differ in it do not merge', () => {
    const transactions = oneNewCustomerADay(100);
    const accumulator = createCohortAccumulator({ period: 'day', maxPeriods: 7 }).addAll(transactions);
    const revived = cohortAccumulatorFromJSON(JSON.parse(JSON.stringify(accumulator)));
    expect(revived.result()).toEqual(cohortRetention(transactions, { period: 'day', maxPeriods: 7 }));
    expect(revived.result()[0]?.counts).toHaveLength(7);
    expect(codeOf(() => createCohortAccumulator({ period: 'day' }).merge(accumulator))).toBe(
      'INCOMPATIBLE_ACCUMULATORS',
    );
  });
});
