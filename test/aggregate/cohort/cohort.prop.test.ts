import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CalendarPeriod,
  type CohortRow,
  cohortAccumulatorFromJSON,
  cohortRetention,
  cohortRetentionColumns,
  createCohortAccumulator,
  createPeriodAccumulator,
  periodLabel,
  periodsBetween,
  type Transaction,
} from '../../../src/index';

const DAY = 86_400_000;
const START = Date.UTC(2023, 10, 1);
const transaction: fc.Arbitrary<Transaction> = fc.record({
  customerId: fc.oneof(fc.integer({ min: 0, max: 8 }), fc.constantFrom('x', 'y')),
  at: fc.integer({ min: START, max: START + 400 * DAY }),
  amount: fc.integer({ min: 0, max: 20_000 }).map((cents) => cents / 100),
});
const log = fc.array(transaction, { maxLength: 60 });
const period = fc.constantFrom<CalendarPeriod>('week', 'month', 'quarter');

/** The definitions, directly: cohort = period of the first purchase; count distinct buyers per period offset. */
function naiveCohorts(
  transactions: readonly Transaction[],
  unit: CalendarPeriod,
): Map<string, { size: number; counts: Map<number, number> }> {
  const first = new Map<string | number, number>();
  for (const { customerId, at } of transactions)
    first.set(customerId, Math.min(first.get(customerId) ?? Number.POSITIVE_INFINITY, at as number));
  const table = new Map<string, { size: number; counts: Map<number, Set<string | number>> }>();
  for (const firstAt of first.values()) {
    const label = periodLabel(firstAt, unit);
    const entry = table.get(label) ?? { size: 0, counts: new Map() };
    entry.size++;
    table.set(label, entry);
  }
  for (const { customerId, at } of transactions) {
    const firstAt = first.get(customerId) as number;
    const entry = table.get(periodLabel(firstAt, unit));
    const k = periodsBetween(firstAt, at, unit);
    const buyers = entry?.counts.get(k) ?? new Set();
    buyers.add(customerId);
    entry?.counts.set(k, buyers);
  }
  return new Map(
    [...table].map(([label, { size, counts }]) => [
      label,
      { size, counts: new Map([...counts].map(([k, set]) => [k, set.size])) },
    ]),
  );
}

describe('cohort table laws', () => {
  it('matches a direct implementation of the definitions', () => {
    fc.assert(
      fc.property(log, period, (transactions, unit) => {
        const expected = naiveCohorts(transactions, unit);
        const rows = cohortRetention(transactions, { period: unit });
        return (
          rows.length === expected.size &&
          rows.every((row) => {
            const cohort = expected.get(row.cohort);
            return (
              cohort !== undefined &&
              cohort.size === row.size &&
              row.counts.every((count, k) => count === null || count === (cohort.counts.get(k) ?? 0))
            );
          })
        );
      }),
    );
  });

  it('counts[0] equals the cohort size, counts never exceed it, and rates stay in [0, 1]', () => {
    fc.assert(
      fc.property(log, period, (transactions, unit) =>
        cohortRetention(transactions, { period: unit }).every(
          (row) =>
            row.counts[0] === row.size &&
            row.counts.every((count) => count === null || (count >= 0 && count <= row.size)) &&
            row.rates.every((rate) => rate === null || (rate >= 0 && rate <= 1)),
        ),
      ),
    );
  });

  it('each row holds exactly the periods its cohort can observe, from acquisition to the end (a staircase without null)', () => {
    fc.assert(
      fc.property(log, period, (transactions, unit) => {
        const rows = cohortRetention(transactions, { period: unit });
        const end = Math.max(...transactions.map((row) => row.at as number));
        const firstAt = new Map<string, number>();
        const acquired = new Map<string | number, number>();
        for (const { customerId, at } of transactions)
          acquired.set(
            customerId,
            Math.min(acquired.get(customerId) ?? Number.POSITIVE_INFINITY, at as number),
          );
        for (const at of acquired.values()) firstAt.set(periodLabel(at, unit), at);
        return rows.every((row) => {
          const observable = periodsBetween(firstAt.get(row.cohort) as number, end, unit) + 1;
          return (
            row.counts.length === observable &&
            row.rates.length === observable &&
            row.revenue.length === observable &&
            row.revenueRates.length === observable &&
            [row.counts, row.rates, row.revenue].every((cells) => !cells.includes(null))
          );
        });
      }),
    );
  });

  it('maxPeriods m keeps the first m periods of every row of the full table, on every path', () => {
    fc.assert(
      fc.property(log, period, fc.integer({ min: 1, max: 20 }), (transactions, unit, maxPeriods) => {
        const cut = (rows: readonly CohortRow[]) =>
          rows.map((row) => ({
            ...row,
            counts: row.counts.slice(0, maxPeriods),
            rates: row.rates.slice(0, maxPeriods),
            revenue: row.revenue.slice(0, maxPeriods),
            revenueRates: row.revenueRates.slice(0, maxPeriods),
          }));
        const expected = JSON.stringify(cut(cohortRetention(transactions, { period: unit })));
        const options = { period: unit, maxPeriods };
        const ids = [...new Set(transactions.map((row) => row.customerId))];
        const columns = {
          customerIndex: transactions.map((row) => ids.indexOf(row.customerId)),
          at: transactions.map((row) => row.at as number),
          amount: transactions.map((row) => row.amount),
        };
        const half = Math.floor(transactions.length / 2);
        const merged = createCohortAccumulator(options)
          .addAll(transactions.slice(0, half))
          .merge(
            JSON.parse(JSON.stringify(createCohortAccumulator(options).addAll(transactions.slice(half)))),
          );
        return (
          JSON.stringify(cohortRetention(transactions, options)) === expected &&
          JSON.stringify(cohortRetentionColumns(columns, options)) === expected &&
          JSON.stringify(merged.result()) === expected
        );
      }),
    );
  });

  it('the columnar path, the accumulator of any partition (through JSON) and any event order give the same table', () => {
    fc.assert(
      fc.property(
        log,
        period,
        fc.array(fc.nat(2), { minLength: 60, maxLength: 60 }),
        (transactions, unit, shardOf) => {
          const expected = JSON.stringify(cohortRetention(transactions, { period: unit }));
          const ids = [...new Set(transactions.map((row) => row.customerId))];
          const columns = {
            customerIndex: transactions.map((row) => ids.indexOf(row.customerId)),
            at: transactions.map((row) => row.at as number),
            amount: transactions.map((row) => row.amount),
          };
          const shards = [0, 1, 2].map(() => createCohortAccumulator({ period: unit }));
          for (const [index, row] of transactions.entries()) shards[shardOf[index] as number]?.add(row);
          const merged = shards
            .reverse()
            .map((shard) => cohortAccumulatorFromJSON(JSON.parse(JSON.stringify(shard))))
            .reduce((total, shard) => total.merge(shard), createCohortAccumulator({ period: unit }));
          return (
            JSON.stringify(cohortRetentionColumns(columns, { period: unit })) === expected &&
            JSON.stringify(merged.result()) === expected &&
            JSON.stringify(cohortRetention([...transactions].reverse(), { period: unit })) === expected
          );
        },
      ),
    );
  });

  it('revenue in period 0 is the cohort revenue of its first period, exact to the cent', () => {
    fc.assert(
      fc.property(log, (transactions) =>
        cohortRetention(transactions).every(
          (row: CohortRow) => row.revenueRates[0] === (row.revenue[0] === 0 ? null : 1),
        ),
      ),
    );
  });
});

describe('cohort table edge cases', () => {
  it('is empty for no transactions', () => {
    expect(cohortRetention([])).toEqual([]);
  });

  it('leaves transactions after observationEnd out', () => {
    const rows = cohortRetention(
      [
        { customerId: 1, at: '2024-01-05', amount: 1 },
        { customerId: 1, at: '2024-03-05', amount: 1 },
      ],
      { observationEnd: '2024-02-15' },
    );
    expect(rows).toEqual([
      { cohort: '2024-01', size: 1, counts: [1, 0], rates: [1, 0], revenue: [1, 0], revenueRates: [1, 0] },
    ]);
  });

  it('refuses a daily table spanning more than 20,000 days', () => {
    expect(() =>
      cohortRetention(
        [
          { customerId: 1, at: '1900-01-01', amount: 1 },
          { customerId: 1, at: '2024-01-01', amount: 1 },
        ],
        { period: 'day' },
      ),
    ).toThrow(/at most 20000/);
  });
});

describe('the single-pass cohort path for time-ordered columns', () => {
  it('gives exactly the table of the general path (time-sorted input takes the single pass)', () => {
    fc.assert(
      fc.property(log, period, (transactions, unit) => {
        const sorted = [...transactions].sort((a, b) => (a.at as number) - (b.at as number));
        const ids = [...new Set(sorted.map((row) => row.customerId))];
        const table = cohortRetentionColumns(
          {
            customerIndex: new Uint32Array(sorted.map((row) => ids.indexOf(row.customerId))),
            at: new Float64Array(sorted.map((row) => row.at as number)),
            amount: new Float64Array(sorted.map((row) => row.amount)),
          },
          { period: unit },
        );
        return JSON.stringify(table) === JSON.stringify(cohortRetention(transactions, { period: unit }));
      }),
    );
  });
});

describe('cohort and period accumulators count a repeated eventId once', () => {
  it('delivering every transaction twice, to the same or another shard, changes nothing', () => {
    fc.assert(
      fc.property(fc.array(transaction, { minLength: 1, maxLength: 30 }), (transactions) => {
        const identified = transactions.map((row, index) => ({ ...row, eventId: `e${index}` }));
        const once = JSON.stringify(cohortRetention(identified));
        const twice = createCohortAccumulator()
          .addAll(identified)
          .merge(createCohortAccumulator().addAll(identified));
        const periodOnce = JSON.stringify(createPeriodAccumulator().addAll(identified).result());
        const periodTwice = createPeriodAccumulator()
          .addAll([...identified, ...identified])
          .result();
        return JSON.stringify(twice.result()) === once && JSON.stringify(periodTwice) === periodOnce;
      }),
    );
  });
});
