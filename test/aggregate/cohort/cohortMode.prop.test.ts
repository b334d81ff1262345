import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  type CalendarPeriod,
  type CohortBracket,
  type CohortMode,
  type CohortOptions,
  type CohortRow,
  cohortAccumulatorFromJSON,
  cohortRetention,
  cohortRetentionColumns,
  createCohortAccumulator,
  periodLabel,
  periodsBetween,
  type Transaction,
} from '../../../src/index';

const DAY = 86_400_000;
const START = Date.UTC(2023, 10, 1);
const transaction: fc.Arbitrary<Transaction> = fc.record({
  customerId: fc.oneof(fc.integer({ min: 0, max: 8 }), fc.constantFrom('x', 'y')),
  at: fc.integer({ min: START, max: START + 120 * DAY }),
  amount: fc.integer({ min: 0, max: 20_000 }).map((cents) => cents / 100),
});
const log = fc.array(transaction, { maxLength: 60 });
const period = fc.constantFrom<CalendarPeriod>('day', 'week', 'month');
/** Brackets from gaps and widths: increasing, not overlapping, the first starting at 0 to 3. */
const brackets: fc.Arbitrary<CohortBracket[]> = fc
  .array(fc.record({ gap: fc.nat(3), width: fc.nat(6) }), { minLength: 1, maxLength: 5 })
  .map((parts) => {
    const list: CohortBracket[] = [];
    let next = 0;
    for (const { gap, width } of parts) {
      const first = next + gap;
      list.push([first, first + width]);
      next = first + width + 1;
    }
    return list;
  });
/** Contiguous brackets from period 1: the cut points between them. */
const contiguous: fc.Arbitrary<CohortBracket[]> = fc
  .uniqueArray(fc.integer({ min: 2, max: 40 }), { maxLength: 4 })
  .chain((cuts) =>
    fc.integer({ min: Math.max(1, ...cuts), max: 45 }).map((last) => {
      const starts = [1, ...[...cuts].sort((a, b) => a - b)];
      return starts.map((first, index): CohortBracket => [first, (starts[index + 1] ?? last + 1) - 1]);
    }),
  );

interface OracleCohort {
  readonly size: number;
  /** Periods the cohort can observe: k = 0 … observable − 1. */
  readonly observable: number;
  /** Per customer of the cohort: its distinct active k and its revenue per k, in cents. */
  readonly customers: readonly {
    readonly active: ReadonlySet<number>;
    readonly cents: Map<number, number>;
  }[];
}

/** The cohorts by their label, straight from the definitions: no code of the library but the calendar. */
function oracle(transactions: readonly Transaction[], unit: CalendarPeriod): Map<string, OracleCohort> {
  const end = Math.max(...transactions.map((row) => row.at as number));
  const first = new Map<string | number, number>();
  for (const { customerId, at } of transactions)
    first.set(customerId, Math.min(first.get(customerId) ?? Number.POSITIVE_INFINITY, at as number));
  const byCustomer = new Map<string | number, { active: Set<number>; cents: Map<number, number> }>();
  for (const { customerId, at, amount } of transactions) {
    const k = periodsBetween(first.get(customerId) as number, at, unit);
    const entry = byCustomer.get(customerId) ?? { active: new Set<number>(), cents: new Map() };
    entry.active.add(k);
    entry.cents.set(k, (entry.cents.get(k) ?? 0) + Math.round(amount * 100));
    byCustomer.set(customerId, entry);
  }
  const cohorts = new Map<
    string,
    { size: number; observable: number; customers: OracleCohort['customers'][number][] }
  >();
  for (const [customerId, at] of first) {
    const label = periodLabel(at, unit);
    const cohort = cohorts.get(label) ?? {
      size: 0,
      observable: periodsBetween(at, end, unit) + 1,
      customers: [],
    };
    cohort.size++;
    cohort.customers.push(byCustomer.get(customerId) as OracleCohort['customers'][number]);
    cohorts.set(label, cohort);
  }
  return cohorts;
}

/** What the brute force gives for one cell: customers and revenue (cents) over the periods `[from, to]`. */
function countIn(
  cohort: OracleCohort,
  counted: (active: ReadonlySet<number>) => boolean,
  from: number,
  to: number,
): { customers: number; cents: number } {
  let customers = 0;
  let cents = 0;
  for (const customer of cohort.customers) {
    if (counted(customer.active)) customers++;
    for (let k = from; k <= to; k++) cents += customer.cents.get(k) ?? 0;
  }
  return { customers, cents };
}

/** The row the definitions give for a cohort in each mode. */
function expectedRow(cohort: OracleCohort, options: CohortOptions): { counts: number[]; cents: number[] } {
  const mode = options.mode ?? 'return-on';
  const cells: { customers: number; cents: number }[] = [];
  if (mode === 'brackets') {
    for (const [first, last] of options.brackets ?? []) {
      if (last >= cohort.observable) break;
      cells.push(countIn(cohort, (active) => [...active].some((k) => k >= first && k <= last), first, last));
    }
  } else {
    const width = Math.min(cohort.observable, options.maxPeriods ?? cohort.observable);
    for (let k = 0; k < width; k++) {
      const counted =
        mode === 'return-on'
          ? (active: ReadonlySet<number>) => active.has(k)
          : mode === 'return-on-or-after'
            ? (active: ReadonlySet<number>) => [...active].some((j) => j >= k)
            : (active: ReadonlySet<number>) =>
                Array.from({ length: k }, (_, j) => j + 1).every((j) => active.has(j));
      cells.push(countIn(cohort, counted, k, k));
    }
  }
  return { counts: cells.map((cell) => cell.customers), cents: cells.map((cell) => cell.cents) };
}

function matchesOracle(
  rows: readonly CohortRow[],
  transactions: readonly Transaction[],
  options: CohortOptions,
): boolean {
  const cohorts = oracle(transactions, options.period ?? 'month');
  if (rows.length !== cohorts.size) return false;
  return rows.every((row) => {
    const cohort = cohorts.get(row.cohort);
    if (cohort === undefined || cohort.size !== row.size) return false;
    const { counts, cents } = expectedRow(cohort, options);
    return (
      JSON.stringify(row.counts) === JSON.stringify(counts) &&
      JSON.stringify(row.revenue) === JSON.stringify(cents.map((value) => value / 100)) &&
      row.rates.every((rate, k) => rate === (counts[k] as number) / row.size)
    );
  });
}

function columnsOf(transactions: readonly Transaction[]) {
  const ids = [...new Set(transactions.map((row) => row.customerId))];
  return {
    customerIndex: transactions.map((row) => ids.indexOf(row.customerId)),
    at: transactions.map((row) => row.at as number),
    amount: transactions.map((row) => row.amount),
  };
}

const modeOptions: fc.Arbitrary<CohortOptions> = fc.oneof(
  fc.record(
    {
      period,
      mode: fc.constantFrom<CohortMode>('return-on', 'return-on-or-after', 'recurring'),
      maxPeriods: fc.integer({ min: 1, max: 30 }),
    },
    { requiredKeys: ['period', 'mode'] },
  ),
  fc.record({ period, mode: fc.constant<CohortMode>('brackets'), brackets }),
);

const counts = (rows: readonly CohortRow[]) => rows.map((row) => row.counts as readonly number[]);

describe('cohort table modes', () => {
  it('every mode equals a direct brute-force count of the log, on rows, columns and accumulators', () => {
    fc.assert(
      fc.property(
        log,
        modeOptions,
        fc.array(fc.nat(2), { minLength: 60, maxLength: 60 }),
        (transactions, options, shardOf) => {
          const shards = [0, 1, 2].map(() => createCohortAccumulator(options));
          for (const [index, row] of transactions.entries()) shards[shardOf[index] as number]?.add(row);
          const merged = shards
            .map((shard) => cohortAccumulatorFromJSON(JSON.parse(JSON.stringify(shard))))
            .reduce((total, shard) => total.merge(shard), createCohortAccumulator(options));
          return (
            matchesOracle(cohortRetention(transactions, options), transactions, options) &&
            matchesOracle(cohortRetentionColumns(columnsOf(transactions), options), transactions, options) &&
            matchesOracle(merged.result(), transactions, options)
          );
        },
      ),
    );
  });

  it('the order of the input rows does not change the table, in any mode', () => {
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
        modeOptions,
        ([transactions, shuffled], options) =>
          JSON.stringify(cohortRetention(shuffled, options)) ===
            JSON.stringify(cohortRetention(transactions, options)) &&
          JSON.stringify(cohortRetentionColumns(columnsOf(shuffled), options)) ===
            JSON.stringify(cohortRetention(transactions, options)),
      ),
    );
  });

  it("'return-on-or-after' ≥ 'return-on' ≥ 'recurring' in every cell", () => {
    fc.assert(
      fc.property(log, period, (transactions, unit) => {
        const on = counts(cohortRetention(transactions, { period: unit }));
        const after = counts(cohortRetention(transactions, { period: unit, mode: 'return-on-or-after' }));
        const recurring = counts(cohortRetention(transactions, { period: unit, mode: 'recurring' }));
        return on.every((row, r) =>
          row.every(
            (count, k) => (after[r]?.[k] as number) >= count && (recurring[r]?.[k] as number) <= count,
          ),
        );
      }),
    );
  });

  it("'return-on-or-after' and 'recurring' never increase in k, and start at the cohort size", () => {
    fc.assert(
      fc.property(
        log,
        period,
        fc.constantFrom<CohortMode>('return-on-or-after', 'recurring'),
        (transactions, unit, mode) =>
          cohortRetention(transactions, { period: unit, mode }).every(
            (row) =>
              row.counts[0] === row.size &&
              row.counts.every((count, k) => k === 0 || (count as number) <= (row.counts[k - 1] as number)),
          ),
      ),
    );
  });

  it('a bracket [k, k] counts as return-on at k, and a bracket from k to the end of the row as return-on-or-after at k', () => {
    fc.assert(
      fc.property(log, period, fc.nat(12), (transactions, unit, k) => {
        const on = cohortRetention(transactions, { period: unit });
        const after = cohortRetention(transactions, { period: unit, mode: 'return-on-or-after' });
        const single = cohortRetention(transactions, { period: unit, mode: 'brackets', brackets: [[k, k]] });
        return on.every((row, r) => {
          const width = row.counts.length;
          const tail = cohortRetention(transactions, {
            period: unit,
            mode: 'brackets',
            brackets: [[Math.min(k, width - 1), width - 1]],
          })[r];
          return (
            (k < width ? single[r]?.counts[0] === row.counts[k] : single[r]?.counts.length === 0) &&
            tail?.counts[0] === after[r]?.counts[Math.min(k, width - 1)]
          );
        });
      }),
    );
  });

  it('brackets partition returns: each returning customer’s first return falls in exactly one of contiguous brackets, and their revenue adds up', () => {
    fc.assert(
      fc.property(log, period, contiguous, (transactions, unit, split) => {
        const last = (split.at(-1) as CohortBracket)[1];
        const whole = cohortRetention(transactions, {
          period: unit,
          mode: 'brackets',
          brackets: [[1, last]],
        });
        const parts = cohortRetention(transactions, { period: unit, mode: 'brackets', brackets: split });
        const cohorts = oracle(transactions, unit);
        return parts.every((row, r) => {
          const outer = whole[r] as CohortRow;
          if (row.counts.length < split.length) return outer.counts.length === 0;
          // the first return of each customer of the cohort who came back within [1, last], bracket by bracket
          const firstReturns = split.map(() => 0);
          for (const customer of (cohorts.get(row.cohort) as OracleCohort).customers) {
            const firstReturn = Math.min(...[...customer.active].filter((k) => k >= 1 && k <= last));
            const holding = split.filter(([from, to]) => firstReturn >= from && firstReturn <= to);
            if (Number.isFinite(firstReturn) && holding.length !== 1) return false;
            const index = split.findIndex(([from, to]) => firstReturn >= from && firstReturn <= to);
            if (index >= 0) firstReturns[index] = (firstReturns[index] as number) + 1;
          }
          const cents = (values: readonly (number | null)[]) =>
            values.reduce<number>((total, value) => total + Math.round((value as number) * 100), 0);
          return (
            firstReturns.reduce((a, b) => a + b, 0) === outer.counts[0] &&
            row.counts.every((count, i) => (count as number) >= (firstReturns[i] as number)) &&
            cents(row.revenue) === cents(outer.revenue)
          );
        });
      }),
    );
  });
});
