import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createRfmAccumulator,
  type RfmRow,
  rfmAccumulatorFromJSON,
  rfmSummary,
  rfmSummaryColumns,
  type Transaction,
} from '../../../src/index';
import { closeTo } from '../../helpers/numbers';

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

const transaction: fc.Arbitrary<Transaction> = fc.record({
  customerId: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constantFrom('ann', 'bao', 'chi')),
  at: fc.integer({ min: START, max: START + 120 * DAY }),
  amount: fc.integer({ min: 0, max: 50_000 }).map((cents) => cents / 100),
});
const log = fc.array(transaction, { maxLength: 60 });

/** A straightforward re-implementation of the definitions, as the oracle. */
function naiveSummary(transactions: readonly Transaction[], endMs: number, unitMs: number): RfmRow[] {
  const byCustomer = new Map<string | number, Map<number, number>>();
  const endDay = Math.floor(endMs / DAY);
  for (const { customerId, at, amount } of transactions) {
    const day = Math.floor((at as number) / DAY);
    if (day > endDay) continue;
    const days = byCustomer.get(customerId) ?? new Map<number, number>();
    days.set(day, (days.get(day) ?? 0) + Math.round(amount * 100));
    byCustomer.set(customerId, days);
  }
  const ids = [...byCustomer.keys()].sort((a, b) =>
    typeof a === 'number' ? (typeof b === 'number' ? a - b : -1) : typeof b === 'number' ? 1 : a < b ? -1 : 1,
  );
  return ids.map((customerId) => {
    const days = [...(byCustomer.get(customerId) as Map<number, number>)].sort((a, b) => a[0] - b[0]);
    const [first] = days[0] as [number, number];
    const [last] = days.at(-1) as [number, number];
    const repeats = days.slice(1).reduce((total, [, cents]) => total + cents, 0);
    return {
      customerId: String(customerId),
      frequency: days.length - 1,
      recency: ((last - first) * DAY) / unitMs,
      T: ((endDay - first) * DAY) / unitMs,
      monetaryValue: days.length > 1 ? repeats / (days.length - 1) / 100 : 0,
    };
  });
}

function sameRows(actual: readonly RfmRow[], expected: readonly RfmRow[]): boolean {
  return (
    actual.length === expected.length &&
    actual.every((row, index) => {
      const other = expected[index] as RfmRow;
      return (
        row.customerId === other.customerId &&
        row.frequency === other.frequency &&
        closeTo(row.recency, other.recency) &&
        closeTo(row.T, other.T) &&
        closeTo(row.monetaryValue, other.monetaryValue)
      );
    })
  );
}

const END = START + 90 * DAY + 12 * 3_600_000;

describe('RFM summary laws', () => {
  it('matches a direct implementation of the definitions (same-day merge, repeats only, window end)', () => {
    fc.assert(
      fc.property(log, (transactions) =>
        sameRows(
          rfmSummary(transactions, { unit: 'week', observationEnd: END }),
          naiveSummary(transactions, END, 7 * DAY),
        ),
      ),
    );
  });

  it('event order does not change the summary', () => {
    fc.assert(
      fc.property(log, fc.nat(), (transactions, shift) => {
        const rotated = transactions.map(
          (_, index) => transactions[(index + shift) % transactions.length] as Transaction,
        );
        return JSON.stringify(rfmSummary(rotated)) === JSON.stringify(rfmSummary(transactions));
      }),
    );
  });

  it('the columnar path gives the same numbers as the row path', () => {
    fc.assert(
      fc.property(log, (transactions) => {
        const ids = [...new Set(transactions.map((row) => row.customerId))];
        const columns = {
          customerIndex: new Uint32Array(transactions.map((row) => ids.indexOf(row.customerId))),
          at: new Float64Array(transactions.map((row) => row.at as number)),
          amount: new Float64Array(transactions.map((row) => row.amount)),
        };
        const fromColumns = rfmSummaryColumns(columns, { unit: 'day', observationEnd: END });
        const byId = new Map(
          rfmSummary(transactions, { unit: 'day', observationEnd: END }).map((row) => [row.customerId, row]),
        );
        return (
          Array.from(fromColumns.customerIndex).every((index, j) => {
            const row = byId.get(String(ids[index])) as RfmRow;
            return (
              row.frequency === fromColumns.frequency[j] &&
              row.recency === fromColumns.recency[j] &&
              row.T === fromColumns.T[j] &&
              row.monetaryValue === fromColumns.monetaryValue[j]
            );
          }) && fromColumns.customerIndex.length === byId.size
        );
      }),
    );
  });

  it('merging partial accumulators equals one pass over all events, in any order, also through JSON', () => {
    fc.assert(
      fc.property(
        log,
        fc.array(fc.nat(3), { minLength: 60, maxLength: 60 }),
        fc.boolean(),
        (transactions, shardOf, reverse) => {
          const options = { unit: 'week' as const, observationEnd: END };
          const shards = [0, 1, 2, 3].map(() => createRfmAccumulator(options));
          for (const [index, row] of transactions.entries()) shards[shardOf[index] as number]?.add(row);
          const revived = shards.map((shard) => rfmAccumulatorFromJSON(JSON.parse(JSON.stringify(shard))));
          const order = reverse ? [...revived].reverse() : revived;
          const merged = order.reduce((total, shard) => total.merge(shard), createRfmAccumulator(options));
          const single = createRfmAccumulator(options).addAll(transactions);
          const expected = rfmSummary(transactions, options);
          return (
            JSON.stringify(merged.result()) === JSON.stringify(expected) &&
            JSON.stringify(single.result()) === JSON.stringify(expected) &&
            JSON.stringify(merged.toJSON()) === JSON.stringify(single.toJSON())
          );
        },
      ),
    );
  });

  it('a transaction repeated with the same eventId, in the same or another shard, counts once', () => {
    fc.assert(
      fc.property(fc.array(transaction, { minLength: 1, maxLength: 30 }), (transactions) => {
        const identified = transactions.map((row, index) => ({ ...row, eventId: `e${index}` }));
        const once = rfmSummary(identified);
        const twice = rfmSummary([...identified, ...identified]);
        const shardA = createRfmAccumulator().addAll(identified);
        const shardB = createRfmAccumulator().addAll(identified.slice(0, Math.ceil(identified.length / 2)));
        return (
          JSON.stringify(twice) === JSON.stringify(once) &&
          JSON.stringify(shardA.merge(shardB).result()) === JSON.stringify(once)
        );
      }),
    );
  });

  it('bounds: 0 ≤ recency ≤ T, recency is 0 exactly when frequency is 0, monetary value ≥ 0', () => {
    fc.assert(
      fc.property(log, (transactions) =>
        rfmSummary(transactions, { unit: 'week' }).every(
          (row) =>
            Number.isInteger(row.frequency) &&
            row.frequency >= 0 &&
            row.recency >= 0 &&
            row.recency <= row.T &&
            (row.recency === 0) === (row.frequency === 0) &&
            row.monetaryValue >= 0,
        ),
      ),
    );
  });

  it('the unit only scales the times: recency and T in days are 7 times those in weeks', () => {
    fc.assert(
      fc.property(log, (transactions) => {
        const days = rfmSummary(transactions, { unit: 'day' });
        const weeks = rfmSummary(transactions, { unit: 'week' });
        return days.every((row, index) => {
          const week = weeks[index] as RfmRow;
          return (
            closeTo(row.recency, week.recency * 7) &&
            closeTo(row.T, week.T * 7) &&
            row.frequency === week.frequency
          );
        });
      }),
    );
  });

  it('merging within weeks never raises frequency above day merging', () => {
    fc.assert(
      fc.property(log, (transactions) => {
        const days = rfmSummary(transactions);
        const weeks = rfmSummary(transactions, { mergeWithin: 'week' });
        return days.every((row, index) => (weeks[index] as RfmRow).frequency <= row.frequency);
      }),
    );
  });
});

/** An instant written as the ISO-8601 strings callers hold: the common shapes and some others. */
function isoOf(epochMs: number, shape: number): string {
  const iso = new Date(epochMs).toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const shifted = new Date(epochMs + 5.5 * 3_600_000).toISOString().slice(0, 23);
  switch (shape) {
    case 0:
      return `${iso.slice(0, 19)}Z`;
    case 1:
      return iso;
    case 2:
      return `${shifted}+05:30`;
    case 3:
      return iso.slice(0, 23); // no offset: UTC
    case 4:
      return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`; // a space instead of T (the exact path)
    default:
      return `${iso.slice(0, 19)}.${iso.slice(20, 23)}000z`; // six decimals, lower-case z (the exact path)
  }
}

describe('RFM summary from ISO-string rows', () => {
  it('ISO-string times give the summary of their epoch milliseconds, whatever the shape and the ids', () => {
    const id = fc.oneof(
      fc.integer({ min: 0, max: 6 }),
      fc.constantFrom('ann', 'bao', 'chi', 'a-customer-with-a-long-id', 'Müller', 'Möller', '顧客'),
    );
    const row = fc.record({
      customerId: id,
      at: fc.integer({ min: START, max: START + 120 * DAY }),
      amount: fc.integer({ min: 0, max: 50_000 }).map((cents) => cents / 100),
      shape: fc.nat(5),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
        const epoch = rows.map(({ customerId, at, amount }) => ({ customerId, at, amount }));
        const iso = rows.map(({ customerId, at, amount, shape }) => ({
          customerId,
          at: isoOf(at, shape),
          amount,
        }));
        const options = { unit: 'week', observationEnd: END } as const;
        expect(rfmSummary(iso, options)).toEqual(rfmSummary(epoch, options));
        return sameRows(rfmSummary(iso, options), naiveSummary(epoch, END, 7 * DAY));
      }),
    );
  });
});

describe('RFM summary edge cases', () => {
  it('gives no rows for no transactions', () => {
    expect(rfmSummary([])).toEqual([]);
    expect(createRfmAccumulator().result()).toEqual([]);
  });

  it('throws CONFLICTING_EVENT_ID when one eventId names two different transactions', () => {
    expect(() =>
      rfmSummary([
        { customerId: 1, at: START, amount: 1, eventId: 'x' },
        { customerId: 1, at: START, amount: 2, eventId: 'x' },
      ]),
    ).toThrow(/eventId "x" was used by row 0/);
  });

  it('names the bad row of a strict summary', () => {
    expect(() =>
      rfmSummary([
        { customerId: 1, at: START, amount: 1 },
        { customerId: 1, at: START, amount: Number.NaN },
      ]),
    ).toThrow(
      'rfmSummary: row 1: amount must be an amount of at least 0 (refunds are their own event), got NaN',
    );
  });

  it('refuses to merge accumulators with different options', () => {
    expect(() => createRfmAccumulator({ unit: 'day' }).merge(createRfmAccumulator({ unit: 'week' }))).toThrow(
      /different options/,
    );
  });

  it('rejects a tampered JSON state with INVALID_STATE', () => {
    const json = JSON.parse(
      JSON.stringify(createRfmAccumulator().add({ customerId: 1, at: START, amount: 1 })),
    );
    json.customers[0][1][0][1] = -5;
    expect(() => rfmAccumulatorFromJSON(json)).toThrow(/not a rfm-accumulator state/);
  });

  it('merges purchases in the same local day of the given time zone', () => {
    // 23:30 and 00:30 UTC are the same day in Ho Chi Minh City (UTC+7) but not in UTC
    const rows = [
      { customerId: 1, at: '2024-03-01T23:30:00Z', amount: 1 },
      { customerId: 1, at: '2024-03-02T00:30:00Z', amount: 1 },
    ];
    expect(rfmSummary(rows)[0]?.frequency).toBe(1);
    expect(rfmSummary(rows, { timeZone: 'Asia/Ho_Chi_Minh' })[0]?.frequency).toBe(0);
  });
});

describe('columnar input with sparse customer numbers', () => {
  it('uses memory for the customers present, not for the largest number', () => {
    const summary = rfmSummaryColumns({
      customerIndex: [4_000_000_000, 7, 4_000_000_000],
      at: [0, 0, 2 * DAY],
      amount: [1, 2, 3],
    });
    expect(Array.from(summary.customerIndex)).toEqual([7, 4_000_000_000]);
    expect(Array.from(summary.frequency)).toEqual([0, 1]);
  });
});

describe('the single-pass path for time-ordered columns', () => {
  it('gives exactly the rows of the general path (time-sorted input takes the single pass)', () => {
    fc.assert(
      fc.property(
        log,
        fc.constantFrom<'day' | 'week' | 'month'>('day', 'week', 'month'),
        fc.boolean(),
        (transactions, mergeWithin, withEnd) => {
          const sorted = [...transactions].sort((a, b) => (a.at as number) - (b.at as number));
          const ids = [...new Set(sorted.map((row) => row.customerId))].sort((a, b) =>
            typeof a === 'number'
              ? typeof b === 'number'
                ? a - b
                : -1
              : typeof b === 'number'
                ? 1
                : a < b
                  ? -1
                  : 1,
          );
          const options = { unit: 'week' as const, mergeWithin, ...(withEnd ? { observationEnd: END } : {}) };
          const columns = rfmSummaryColumns(
            {
              customerIndex: new Uint32Array(sorted.map((row) => ids.indexOf(row.customerId))),
              at: new Float64Array(sorted.map((row) => row.at as number)),
              amount: new Float64Array(sorted.map((row) => row.amount)),
            },
            options,
          );
          const rows = rfmSummary(transactions, options);
          return (
            columns.customerIndex.length === rows.length &&
            rows.every(
              (row, j) =>
                String(ids[columns.customerIndex[j] as number]) === row.customerId &&
                columns.frequency[j] === row.frequency &&
                columns.recency[j] === row.recency &&
                columns.T[j] === row.T &&
                columns.monetaryValue[j] === row.monetaryValue,
            )
          );
        },
      ),
    );
  });
});
