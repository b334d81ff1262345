import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  type NDayRetentionOptions,
  nDayRetention,
  nDayRetentionColumns,
  type Transaction,
} from '../../src/index';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2024, 0, 1);
const transaction: fc.Arbitrary<Transaction> = fc.record({
  customerId: fc.oneof(fc.integer({ min: 0, max: 8 }), fc.constantFrom('x', 'y')),
  // to the minute over 40 days, with hours and whole days often exact, so window edges are hit
  at: fc.oneof(
    fc.integer({ min: 0, max: 40 * 24 * 60 }).map((minutes) => START + minutes * 60_000),
    fc.integer({ min: 0, max: 40 * 24 }).map((hours) => START + hours * HOUR),
  ),
  amount: fc.integer({ min: 0, max: 20_000 }).map((cents) => cents / 100),
});
const log = fc.array(transaction, { maxLength: 50 });
const days = fc
  .uniqueArray(fc.integer({ min: 0, max: 35 }), { minLength: 1, maxLength: 6 })
  .map((list) => [...list].sort((a, b) => a - b));
const mode = fc.constantFrom<'return-on' | 'return-on-or-after'>('return-on', 'return-on-or-after');
const observationEnd = fc.option(
  fc.integer({ min: 0, max: 42 * 24 }).map((hours) => START + hours * HOUR),
  { nil: undefined },
);

/** The definition, directly: per customer and day N, eligible and retained. */
function bruteForce(
  transactions: readonly Transaction[],
  options: Required<Pick<NDayRetentionOptions, 'days' | 'mode'>> & { observationEnd?: number },
) {
  const times = transactions.map((row) => row.at as number);
  const end = options.observationEnd ?? Math.max(...times);
  const byCustomer = new Map<string | number, number[]>();
  for (const { customerId, at } of transactions) {
    if ((at as number) > end) continue;
    byCustomer.set(customerId, [...(byCustomer.get(customerId) ?? []), at as number]);
  }
  return options.days.map((day) => {
    let eligible = 0;
    let retained = 0;
    for (const list of byCustomer.values()) {
      const first = Math.min(...list);
      if (first + (day + 1) * DAY > end) continue;
      eligible++;
      const from = first + day * DAY;
      const to = options.mode === 'return-on' ? from + DAY : Number.POSITIVE_INFINITY;
      if (list.some((at) => at >= from && at < to)) retained++;
    }
    return { day, eligible, retained, rate: eligible === 0 ? null : retained / eligible };
  });
}

describe('nDayRetention laws', () => {
  it('equals a direct count of the definition on any log', () => {
    fc.assert(
      fc.property(log, days, mode, observationEnd, (transactions, list, chosen, end) => {
        const options = { days: list, mode: chosen, ...(end === undefined ? {} : { observationEnd: end }) };
        return (
          JSON.stringify(nDayRetention(transactions, options)) ===
          JSON.stringify(bruteForce(transactions, options))
        );
      }),
    );
  });

  it("'return-on-or-after' retains at least as many as 'return-on', over the same eligible customers", () => {
    fc.assert(
      fc.property(log, days, (transactions, list) => {
        const on = nDayRetention(transactions, { days: list });
        const after = nDayRetention(transactions, { days: list, mode: 'return-on-or-after' });
        return on.every(
          (row, i) => after[i]?.eligible === row.eligible && (after[i]?.retained as number) >= row.retained,
        );
      }),
    );
  });

  it("eligible customers and 'return-on-or-after' retained customers never increase with N; rates stay in [0, 1]", () => {
    fc.assert(
      fc.property(log, days, mode, (transactions, list, chosen) => {
        const rows = nDayRetention(transactions, { days: list, mode: chosen });
        return rows.every(
          (row, i) =>
            row.retained <= row.eligible &&
            (row.rate === null ? row.eligible === 0 : row.rate >= 0 && row.rate <= 1) &&
            (i === 0 ||
              (row.eligible <= (rows[i - 1]?.eligible as number) &&
                (chosen === 'return-on' || row.retained <= (rows[i - 1]?.retained as number)))),
        );
      }),
    );
  });

  it('the order of the input rows does not change the result', () => {
    fc.assert(
      fc.property(
        log.chain((transactions) =>
          fc.tuple(
            fc.constant(transactions),
            fc.shuffledSubarray(transactions, {
              minLength: transactions.length,
              maxLength: transactions.length,
            }),
          ),
        ),
        days,
        mode,
        ([transactions, shuffled], list, chosen) =>
          JSON.stringify(nDayRetention(shuffled, { days: list, mode: chosen })) ===
          JSON.stringify(nDayRetention(transactions, { days: list, mode: chosen })),
      ),
    );
  });

  it('asking for days one at a time gives the same rows as asking for them together', () => {
    fc.assert(
      fc.property(
        log,
        days,
        mode,
        (transactions, list, chosen) =>
          JSON.stringify(list.map((day) => nDayRetention(transactions, { days: [day], mode: chosen })[0])) ===
          JSON.stringify(nDayRetention(transactions, { days: list, mode: chosen })),
      ),
    );
  });

  it('the columnar variant gives the rows of nDayRetention, from plain and typed arrays', () => {
    fc.assert(
      fc.property(log, days, mode, observationEnd, (transactions, list, chosen, end) => {
        const options = { days: list, mode: chosen, ...(end === undefined ? {} : { observationEnd: end }) };
        const ids = [...new Set(transactions.map((row) => row.customerId))];
        const customerIndex = transactions.map((row) => ids.indexOf(row.customerId) * 1000); // sparse
        const at = transactions.map((row) => row.at as number);
        const amount = transactions.map((row) => row.amount);
        const expected = JSON.stringify(nDayRetention(transactions, options));
        return (
          JSON.stringify(nDayRetentionColumns({ customerIndex, at, amount }, options)) === expected &&
          JSON.stringify(
            nDayRetentionColumns(
              { customerIndex: Uint32Array.from(customerIndex), at: Float64Array.from(at), amount },
              options,
            ),
          ) === expected
        );
      }),
    );
  });
});
