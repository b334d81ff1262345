import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RfmStream } from '../../../src/aggregate/rfm/RfmStream';
import {
  createRfmAccumulator,
  type RfmRow,
  rfmAccumulatorFromJSON,
  rfmSummary,
  rfmSummaryColumns,
  type Transaction,
} from '../../../src/index';
import { closeTo } from '../../helpers/numbers';
import { DAY, transactionLog, withShuffled } from '../transactionLogs';

const START = Date.UTC(2024, 0, 1);
const END = START + 90 * DAY + 12 * 3_600_000;
const log = transactionLog({
  start: START,
  days: 120,
  numbers: 7,
  names: ['ann', 'bao', 'chi'],
  maxLength: 60,
  maxCents: 50_000,
});

/**
 * lifetimes' `summary_data_from_transaction_data(..., include_first_transaction=True)`, directly: the
 * purchases of a day summed, frequency = the days, recency and T from the first day, monetary value = the
 * mean of every day's total (the first included).
 */
function naiveWithFirst(transactions: readonly Transaction[], endMs: number, unitMs: number): RfmRow[] {
  const byCustomer = new Map<string, Map<number, number>>();
  const endDay = Math.floor(endMs / DAY);
  for (const { customerId, at, amount } of transactions) {
    const day = Math.floor((at as number) / DAY);
    if (day > endDay) continue;
    const days = byCustomer.get(String(customerId)) ?? new Map<number, number>();
    days.set(day, (days.get(day) ?? 0) + Math.round(amount * 100));
    byCustomer.set(String(customerId), days);
  }
  const rows = [...byCustomer].map(([customerId, days]) => {
    const sorted = [...days].sort((a, b) => a[0] - b[0]);
    const first = (sorted[0] as [number, number])[0];
    const last = (sorted.at(-1) as [number, number])[0];
    const total = sorted.reduce((sum, [, cents]) => sum + cents, 0);
    return {
      customerId,
      frequency: sorted.length,
      recency: ((last - first) * DAY) / unitMs,
      T: ((endDay - first) * DAY) / unitMs,
      monetaryValue: total / sorted.length / 100,
    };
  });
  return rows;
}

function sameRows(actual: readonly RfmRow[], expected: readonly RfmRow[]): void {
  const byId = new Map(expected.map((row) => [row.customerId, row]));
  expect(actual.map((row) => row.customerId).sort()).toEqual([...byId.keys()].sort());
  for (const row of actual) {
    const other = byId.get(row.customerId) as RfmRow;
    expect(row.frequency).toBe(other.frequency);
    expect(closeTo(row.recency, other.recency), `recency ${row.recency} ${other.recency}`).toBe(true);
    expect(closeTo(row.T, other.T), `T ${row.T} ${other.T}`).toBe(true);
    expect(
      closeTo(row.monetaryValue, other.monetaryValue),
      `monetary ${row.monetaryValue} ${other.monetaryValue}`,
    ).toBe(true);
  }
}

/** The log as columns (customers numbered in first-seen order) and the ids behind the numbers. */
function columnsOf(transactions: readonly Transaction[]) {
  const ids = [...new Set(transactions.map((row) => String(row.customerId)))];
  return {
    ids,
    columns: {
      customerIndex: new Uint32Array(transactions.map((row) => ids.indexOf(String(row.customerId)))),
      at: new Float64Array(transactions.map((row) => row.at as number)),
      amount: new Float64Array(transactions.map((row) => row.amount)),
    },
  };
}

const WITH_FIRST = { unit: 'week', observationEnd: END, includeFirst: true } as const;

describe('rfmSummary with includeFirst', () => {
  it('matches lifetimes’ include_first_transaction, directly re-implemented, in time order and shuffled', () => {
    fc.assert(
      fc.property(withShuffled(log), ([transactions, shuffled]) => {
        const expected = naiveWithFirst(transactions, END, 7 * DAY);
        const sorted = [...transactions].sort((a, b) => (a.at as number) - (b.at as number));
        sameRows(rfmSummary(sorted, WITH_FIRST), expected); // the single pass
        sameRows(rfmSummary(shuffled, WITH_FIRST), expected); // the grouped path when out of order
      }),
    );
  });

  it('adds the first purchase: frequency one more, recency and T the same, monetary value × frequency = all spend', () => {
    fc.assert(
      fc.property(log, (transactions) => {
        const without = rfmSummary(transactions, { unit: 'day', observationEnd: END });
        const withFirst = rfmSummary(transactions, { unit: 'day', observationEnd: END, includeFirst: true });
        const spend = new Map<string, number>();
        for (const row of transactions)
          if (Math.floor((row.at as number) / DAY) <= Math.floor(END / DAY))
            spend.set(
              String(row.customerId),
              (spend.get(String(row.customerId)) ?? 0) + Math.round(row.amount * 100),
            );
        expect(withFirst.map((row) => row.customerId)).toEqual(without.map((row) => row.customerId));
        for (const [index, row] of withFirst.entries()) {
          const other = without[index] as RfmRow;
          expect(row.frequency).toBe(other.frequency + 1);
          expect(row.recency).toBe(other.recency);
          expect(row.T).toBe(other.T);
          expect(
            closeTo(row.monetaryValue * row.frequency, (spend.get(row.customerId) as number) / 100),
          ).toBe(true);
        }
      }),
    );
  });

  it('the columnar path (single pass and grouped) and the CLI’s stream give exactly the row path’s numbers', () => {
    fc.assert(
      fc.property(log, fc.boolean(), (transactions, timeOrdered) => {
        const input = timeOrdered
          ? [...transactions].sort((a, b) => (a.at as number) - (b.at as number))
          : transactions;
        const { ids, columns } = columnsOf(input);
        const fromColumns = rfmSummaryColumns(columns, WITH_FIRST);
        const stream = new RfmStream('test', WITH_FIRST);
        stream.add(columns);
        if (stream.needsReplay) stream.replay(columns);
        expect(stream.finish()).toEqual(fromColumns);
        const byId = new Map(rfmSummary(input, WITH_FIRST).map((row) => [row.customerId, row]));
        expect(fromColumns.customerIndex.length).toBe(byId.size);
        for (const [j, index] of Array.from(fromColumns.customerIndex).entries()) {
          const row = byId.get(ids[index] as string) as RfmRow;
          expect([
            fromColumns.frequency[j],
            fromColumns.recency[j],
            fromColumns.T[j],
            fromColumns.monetaryValue[j],
          ]).toEqual([row.frequency, row.recency, row.T, row.monetaryValue]);
        }
      }),
    );
  });

  it('merging accumulators with includeFirst, through JSON, equals rfmSummary with it; they refuse to merge with one without', () => {
    fc.assert(
      fc.property(log, fc.array(fc.nat(2), { minLength: 60, maxLength: 60 }), (transactions, shardOf) => {
        const shards = [0, 1, 2].map(() => createRfmAccumulator(WITH_FIRST));
        for (const [index, row] of transactions.entries()) shards[shardOf[index] as number]?.add(row);
        const merged = shards
          .map((shard) => rfmAccumulatorFromJSON(JSON.parse(JSON.stringify(shard))))
          .reduce((total, shard) => total.merge(shard), createRfmAccumulator(WITH_FIRST));
        expect(merged.result()).toEqual(rfmSummary(transactions, WITH_FIRST));
        expect(() => createRfmAccumulator({ unit: 'week', observationEnd: END }).merge(merged)).toThrow(
          expect.objectContaining({ code: 'INCOMPATIBLE_ACCUMULATORS' }),
        );
      }),
      { numRuns: 50 },
    );
  });
});
