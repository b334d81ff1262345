import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CalendarPeriod,
  createPeriodAccumulator,
  type PeriodRetentionRow,
  parseEventsOrThrow,
  periodAccumulatorFromJSON,
  periodRetention,
  periodRetentionColumns,
  retentionRate,
  subscriptionRetention,
  type Transaction,
} from '../../../src/index';
import { closeTo } from '../../helpers/numbers';

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);
const transaction: fc.Arbitrary<Transaction> = fc.record({
  customerId: fc.oneof(fc.integer({ min: 0, max: 8 }), fc.constantFrom('p', 'q')),
  at: fc.integer({ min: START, max: START + 300 * DAY }),
  amount: fc.integer({ min: 0, max: 20_000 }).map((cents) => cents / 100),
});
const log = fc.array(transaction, { minLength: 1, maxLength: 50 });
const period = fc.constantFrom<CalendarPeriod>('week', 'month', 'quarter');
const window = fc.integer({ min: 1, max: 120 });

/** The definitions, directly, in UTC days. */
function naive(
  transactions: readonly Transaction[],
  unit: CalendarPeriod,
  activeWithin: number,
  rows: readonly PeriodRetentionRow[],
) {
  const days = new Map<string | number, number[]>();
  for (const { customerId, at } of transactions)
    days.set(customerId, [...(days.get(customerId) ?? []), Math.floor((at as number) / DAY)]);
  return rows.map((row, index) => {
    const start = Math.floor(row.start / DAY);
    const next = rows[index + 1];
    const end =
      next === undefined
        ? Math.max(...transactions.map(({ at }) => Math.floor((at as number) / DAY)))
        : Math.floor(next.start / DAY) - 1;
    let atStart = 0;
    let atEnd = 0;
    let retained = 0;
    for (const list of days.values()) {
      const s = list.some((day) => day >= start - activeWithin && day <= start - 1);
      const e = list.some((day) => day > end - activeWithin && day <= end);
      atStart += s ? 1 : 0;
      atEnd += e ? 1 : 0;
      retained += s && e ? 1 : 0;
    }
    void unit;
    return { atStart, atEnd, retained, lastPeriodEnd: end };
  });
}

describe('period retention laws', () => {
  it('matches a direct implementation of the purchase-window definition', () => {
    fc.assert(
      fc.property(log, period, window, (transactions, unit, activeWithin) => {
        const rows = periodRetention(transactions, { period: unit, activeWithin });
        const expected = naive(transactions, unit, activeWithin, rows);
        return rows.every((row, index) => {
          const other = expected[index] as { atStart: number; atEnd: number; retained: number };
          // the last period ends at the observation end (the last transaction), as the series does
          return (
            index === rows.length - 1 ||
            (row.customersAtStart === other.atStart &&
              row.customersAtEnd === other.atEnd &&
              row.retained === other.retained)
          );
        });
      }),
    );
  });

  it('every row satisfies retentionRate: retention = (E − N) / S, churn = 1 − retention', () => {
    fc.assert(
      fc.property(log, period, window, (transactions, unit, activeWithin) =>
        periodRetention(transactions, { period: unit, activeWithin }).every((row) => {
          if (row.customersAtStart === 0) return row.retention === null && row.churn === null;
          const counts = {
            customersAtStart: row.customersAtStart,
            customersAtEnd: row.customersAtEnd,
            newCustomers: row.newCustomers,
          };
          return (
            row.retention === retentionRate(counts) &&
            closeTo((row.churn as number) + (row.retention as number), 1)
          );
        }),
      ),
    );
  });

  it('segments add up to the total series, and new plus returning revenue is the revenue', () => {
    fc.assert(
      fc.property(log, period, (transactions, unit) => {
        const total = periodRetention(transactions, { period: unit });
        const split = periodRetention(transactions, {
          period: unit,
          segmentOf: (id) => (typeof id === 'number' ? 'numbered' : 'named'),
        });
        return total.every((row) => {
          const parts = split.filter((part) => part.period === row.period);
          const sum = (field: keyof PeriodRetentionRow) =>
            parts.reduce((acc, part) => acc + (part[field] as number), 0);
          return (
            sum('customersAtStart') === row.customersAtStart &&
            sum('customersAtEnd') === row.customersAtEnd &&
            sum('acquired') === row.acquired &&
            closeTo(row.newRevenue + row.returningRevenue, row.revenue)
          );
        });
      }),
    );
  });

  it('columns, any event order and merged accumulators (through JSON) give the same series', () => {
    fc.assert(
      fc.property(
        log,
        period,
        fc.array(fc.nat(2), { minLength: 50, maxLength: 50 }),
        (transactions, unit, shardOf) => {
          const options = { period: unit, activeWithin: 45 };
          const expected = JSON.stringify(periodRetention(transactions, options));
          const ids = [...new Set(transactions.map((row) => row.customerId))];
          const columns = {
            customerIndex: transactions.map((row) => ids.indexOf(row.customerId)),
            at: transactions.map((row) => row.at as number),
            amount: transactions.map((row) => row.amount),
          };
          const shards = [0, 1, 2].map(() => createPeriodAccumulator(options));
          for (const [index, row] of transactions.entries()) shards[shardOf[index] as number]?.add(row);
          const merged = shards
            .map((shard) => periodAccumulatorFromJSON(JSON.parse(JSON.stringify(shard))))
            .reduce((total, shard) => total.merge(shard), createPeriodAccumulator(options));
          return (
            JSON.stringify(periodRetentionColumns(columns, options)) === expected &&
            JSON.stringify(periodRetention([...transactions].reverse(), options)) === expected &&
            JSON.stringify(merged.result()) === expected
          );
        },
      ),
    );
  });
});

describe('subscription retention', () => {
  it('counts subscribers active at the first and last instant of each period', () => {
    const events = parseEventsOrThrow([
      { type: 'subscription', customerId: 'a', at: '2024-01-05', change: 'start', recurringRevenue: 9 },
      { type: 'subscription', customerId: 'b', at: '2024-01-20', change: 'start', recurringRevenue: 9 },
      { type: 'subscription', customerId: 'b', at: '2024-02-10', change: 'cancel', recurringRevenue: 0 },
      { type: 'subscription', customerId: 'b', at: '2024-03-02', change: 'start', recurringRevenue: 9 },
    ]);
    const rows = subscriptionRetention(events, { observationEnd: '2024-03-31' });
    expect(
      rows.map((row) => [
        row.period,
        row.customersAtStart,
        row.customersAtEnd,
        row.acquired,
        row.reactivated,
      ]),
    ).toEqual([
      ['2024-01', 0, 2, 2, 0],
      ['2024-02', 2, 1, 0, 0],
      ['2024-03', 1, 2, 0, 1],
    ]);
  });
});

describe('period series bounds', () => {
  it('refuses a series spanning more than 20,000 periods instead of building it', () => {
    expect(() =>
      periodRetention(
        [
          { customerId: 1, at: -8.64e15, amount: 1 },
          { customerId: 1, at: 0, amount: 1 },
        ],
        { period: 'month' },
      ),
    ).toThrow(/more than 20000 month periods/);
  });
});
