import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CalendarPeriod,
  type CohortOptions,
  type CohortRow,
  cohortRetention,
  cohortRetentionColumns,
  type Transaction,
} from '../../../src/index';
import { twoProportionZTest } from '../../../src/math/proportion';

const DAY = 86_400_000;
const START = Date.UTC(2023, 10, 1);
const transaction: fc.Arbitrary<Transaction> = fc.record({
  customerId: fc.integer({ min: 0, max: 30 }),
  at: fc.integer({ min: START, max: START + 120 * DAY }),
  amount: fc.integer({ min: 0, max: 20_000 }).map((cents) => cents / 100),
});
const log = fc.array(transaction, { minLength: 1, maxLength: 80 });
const period = fc.constantFrom<CalendarPeriod>('day', 'week', 'month');
const mode = fc.constantFrom<CohortOptions>(
  { mode: 'return-on' },
  { mode: 'return-on-or-after' },
  { mode: 'recurring' },
  {
    mode: 'brackets',
    brackets: [
      [0, 0],
      [1, 3],
      [5, 9],
    ],
  },
);
const level = fc.double({ min: 0.01, max: 0.9999, noNaN: true });

/** Every cell of every row: its rate and its interval (present where the rate is). */
function cellsOf(rows: readonly CohortRow[]) {
  return rows.flatMap((row) => row.rates.map((rate, k) => ({ rate, cell: row.intervals?.[k], row, k })));
}

describe('cohort interval laws', () => {
  it('lower ≤ rate ≤ upper, within [0, 1], in every mode; the p-value is in [0, 1] and a direction only below α', () => {
    fc.assert(
      fc.property(log, period, mode, level, (transactions, unit, options, confidenceLevel) => {
        const rows = cohortRetention(transactions, {
          ...options,
          period: unit,
          intervals: { confidenceLevel },
        });
        for (const { rate, cell } of cellsOf(rows)) {
          if (rate === null) {
            expect(cell).toBeNull();
            continue;
          }
          if (cell === null || cell === undefined) throw new Error('a cell without its interval');
          expect(0).toBeLessThanOrEqual(cell.lower);
          expect(cell.lower).toBeLessThanOrEqual(rate);
          expect(rate).toBeLessThanOrEqual(cell.upper);
          expect(cell.upper).toBeLessThanOrEqual(1);
          if (cell.pValue === null) expect(cell.direction).toBeNull();
          else {
            expect(cell.pValue).toBeGreaterThanOrEqual(0);
            expect(cell.pValue).toBeLessThanOrEqual(1);
            expect(cell.direction !== null).toBe(cell.pValue < 1 - confidenceLevel);
          }
        }
      }),
    );
  });

  it('the interval is wider at a higher confidence level (each bound moves out or stays)', () => {
    fc.assert(
      fc.property(log, mode, level, level, (transactions, options, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const narrow = cellsOf(
          cohortRetention(transactions, { ...options, intervals: { confidenceLevel: low } }),
        );
        const wide = cellsOf(
          cohortRetention(transactions, { ...options, intervals: { confidenceLevel: high } }),
        );
        narrow.forEach(({ cell }, index) => {
          const other = wide[index]?.cell;
          if (cell === null || cell === undefined || other === null || other === undefined) return;
          expect(other.lower).toBeLessThanOrEqual(cell.lower);
          expect(other.upper).toBeGreaterThanOrEqual(cell.upper);
          // a difference significant at the higher level is significant at the lower one
          if (other.direction !== null) expect(cell.direction).toBe(other.direction);
        });
      }),
    );
  });

  it('the order of the log does not change the intervals or the marks', () => {
    fc.assert(
      fc.property(
        log.chain((transactions) =>
          fc.tuple(
            fc.constant(transactions),
            fc.shuffledSubarray(transactions, { minLength: transactions.length }),
          ),
        ),
        period,
        mode,
        ([transactions, shuffled], unit, options) => {
          const all: CohortOptions = { ...options, period: unit, intervals: true };
          expect(cohortRetention(shuffled, all)).toEqual(cohortRetention(transactions, all));
        },
      ),
    );
  });

  it('cohortRetention and cohortRetentionColumns give the same intervals and marks', () => {
    fc.assert(
      fc.property(log, period, mode, level, (transactions, unit, options, confidenceLevel) => {
        const all: CohortOptions = { ...options, period: unit, intervals: { confidenceLevel } };
        const columns = {
          customerIndex: transactions.map((row) => row.customerId as number),
          at: transactions.map((row) => row.at as number),
          amount: transactions.map((row) => row.amount),
        };
        expect(cohortRetentionColumns(columns, all)).toEqual(cohortRetention(transactions, all));
      }),
    );
  });

  it('the mark is symmetric: swapping the roles of two cohorts keeps the p-value and flips the direction', () => {
    /** A group of customers: per customer, the months after acquisition (1 to 3) in which they buy again. */
    const group = fc.array(fc.uniqueArray(fc.integer({ min: 1, max: 3 }), { maxLength: 3 }), {
      minLength: 1,
      maxLength: 25,
    });
    const placed = (prefix: string, customers: readonly number[][], month: number): Transaction[] =>
      customers.flatMap((offsets, i) => [
        { customerId: `${prefix}${i}`, at: Date.UTC(2024, month, 3), amount: 1 },
        ...offsets.map((offset) => ({
          customerId: `${prefix}${i}`,
          at: Date.UTC(2024, month + offset, 5),
          amount: 1,
        })),
      ]);
    const flipped = { higher: 'lower', lower: 'higher' } as const;
    fc.assert(
      fc.property(group, group, mode, level, (first, second, options, confidenceLevel) => {
        const all: CohortOptions = {
          ...options,
          observationEnd: '2024-05-31',
          intervals: { confidenceLevel },
        };
        const forward = cohortRetention([...placed('a', first, 0), ...placed('b', second, 1)], all)[1];
        const backward = cohortRetention([...placed('b', second, 0), ...placed('a', first, 1)], all)[1];
        // the second row is the later cohort; its cells are those both cohorts can observe
        forward?.intervals?.forEach((cell, k) => {
          const other = backward?.intervals?.[k];
          expect(other?.pValue).toBe(cell?.pValue);
          const direction = cell?.direction ?? null;
          expect(other?.direction).toBe(direction === null ? null : flipped[direction]);
        });
      }),
    );
  });

  it('the z-test: swapping the samples negates z exactly and keeps the p-value', () => {
    const sample = fc
      .integer({ min: 1, max: 1_000_000 })
      .chain((trials) => fc.tuple(fc.integer({ min: 0, max: trials }), fc.constant(trials)));
    fc.assert(
      fc.property(sample, sample, ([x1, n1], [x2, n2]) => {
        const forward = twoProportionZTest(x1, n1, x2, n2);
        const backward = twoProportionZTest(x2, n2, x1, n1);
        expect(backward.z).toBe(forward.z === 0 ? 0 : -forward.z);
        expect(backward.pValue).toBe(forward.pValue);
        expect(forward.pValue).toBeGreaterThanOrEqual(0);
        expect(forward.pValue).toBeLessThanOrEqual(1);
        expect(Number.isFinite(forward.z)).toBe(true);
      }),
    );
  });
});
