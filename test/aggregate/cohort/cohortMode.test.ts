import { describe, expect, it } from 'vitest';
import { CohortStream } from '../../../src/aggregate/cohort/CohortStream';
import {
  type CohortOptions,
  cohortAccumulatorFromJSON,
  cohortRetention,
  cohortRetentionColumns,
  createCohortAccumulator,
  isPatronageError,
  type Transaction,
} from '../../../src/index';
import { cohortRetentionSql } from '../../../src/sql/index';
import { codeOf } from '../../helpers/errors';

/** a buys on days 0, 1, 3 and 8 of January 2024, b on days 0 and 2; c arrives on day 5 and buys on day 6. */
const log: Transaction[] = [
  { customerId: 'a', at: '2024-01-01T10:00:00Z', amount: 10 },
  { customerId: 'a', at: '2024-01-02T23:00:00Z', amount: 5 },
  { customerId: 'a', at: '2024-01-04T01:00:00Z', amount: 5 },
  { customerId: 'a', at: '2024-01-09T12:00:00Z', amount: 5 },
  { customerId: 'b', at: '2024-01-01T20:00:00Z', amount: 5 },
  { customerId: 'b', at: '2024-01-03T08:00:00Z', amount: 2.5 },
  { customerId: 'c', at: '2024-01-06T09:00:00Z', amount: 4 },
  { customerId: 'c', at: '2024-01-07T09:00:00Z', amount: 1 },
];

describe('cohortRetention modes, worked by hand', () => {
  const first = (options: CohortOptions) => cohortRetention(log, { period: 'day', ...options })[0];

  it("'return-on' counts the customers active in period k (the default)", () => {
    expect(first({})?.counts).toEqual([2, 1, 1, 1, 0, 0, 0, 0, 1]);
    expect(first({ mode: 'return-on' })).toEqual(first({}));
  });

  it("'return-on-or-after' counts a customer in every period up to their last one", () => {
    expect(first({ mode: 'return-on-or-after' })?.counts).toEqual([2, 2, 2, 1, 1, 1, 1, 1, 1]);
  });

  it("'return-on-or-after' reads activity past maxPeriods (unbounded), which only cuts the row", () => {
    expect(first({ mode: 'return-on-or-after', maxPeriods: 3 })?.counts).toEqual([2, 2, 2]);
  });

  it("'recurring' counts a customer while they were active in every period since acquisition", () => {
    expect(first({ mode: 'recurring' })?.counts).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0]);
    // c: days 0 and 1 of its cohort, then the log ends (day 3 of the cohort)
    expect(cohortRetention(log, { period: 'day', mode: 'recurring' })[1]?.counts).toEqual([1, 1, 0, 0]);
  });

  it("'brackets' counts a customer once per bracket with any activity in it, and sums the bracket's revenue", () => {
    const row = first({
      mode: 'brackets',
      brackets: [
        [1, 2],
        [3, 7],
      ],
    });
    expect(row?.counts).toEqual([2, 1]);
    expect(row?.rates).toEqual([1, 0.5]);
    expect(row?.revenue).toEqual([7.5, 5]);
    // revenue retention against the acquisition period's revenue (15), not the first bracket's
    expect(row?.revenueRates).toEqual([0.5, 5 / 15]);
  });

  it('a row holds only the brackets whose last period its cohort can observe', () => {
    const rows = cohortRetention(log, {
      period: 'day',
      mode: 'brackets',
      brackets: [
        [0, 0],
        [1, 3],
        [4, 8],
      ],
    });
    expect(rows.map((row) => row.counts)).toEqual([
      [2, 2, 1],
      [1, 1], // c's cohort observes days 0 to 3
    ]);
  });

  it('a bracket with gaps before it leaves the periods between brackets out', () => {
    expect(
      first({
        mode: 'brackets',
        brackets: [
          [2, 2],
          [8, 8],
        ],
      })?.counts,
    ).toEqual([1, 1]);
  });

  it('every input form gives the same table in every mode', () => {
    const ids = ['a', 'b', 'c'];
    const columns = {
      customerIndex: log.map((row) => ids.indexOf(row.customerId as string)),
      at: log.map((row) => Date.parse(row.at as string)),
      amount: log.map((row) => row.amount),
    };
    for (const options of [
      { mode: 'return-on-or-after' },
      { mode: 'recurring', maxPeriods: 4 },
      { mode: 'brackets', brackets: [[1, 3]] },
    ] as const satisfies readonly CohortOptions[]) {
      const all = { period: 'day', ...options } as const;
      const expected = cohortRetention(log, all);
      expect(cohortRetentionColumns(columns, all)).toEqual(expected);
      const state = JSON.parse(JSON.stringify(createCohortAccumulator(all).addAll(log)));
      expect(cohortAccumulatorFromJSON(state).result()).toEqual(expected);
    }
  });
});

describe('cohort modes in accumulator states', () => {
  it('a state records the mode and brackets, and a state of the default mode is as before', () => {
    const json = createCohortAccumulator({ mode: 'brackets', brackets: [[1, 7]] }).toJSON();
    expect(json.options).toMatchObject({ mode: 'brackets', brackets: [[1, 7]] });
    expect(Object.keys(createCohortAccumulator({ mode: 'return-on' }).toJSON().options)).not.toContain(
      'mode',
    );
  });

  it('accumulators of different modes or brackets do not merge', () => {
    const on = createCohortAccumulator().add(log[0] as Transaction);
    expect(codeOf(() => on.merge(createCohortAccumulator({ mode: 'recurring' })))).toBe(
      'INCOMPATIBLE_ACCUMULATORS',
    );
    const week = createCohortAccumulator({ mode: 'brackets', brackets: [[1, 7]] });
    expect(codeOf(() => week.merge(createCohortAccumulator({ mode: 'brackets', brackets: [[1, 6]] })))).toBe(
      'INCOMPATIBLE_ACCUMULATORS',
    );
  });

  it('a state whose brackets the accumulator refuses is INVALID_STATE', () => {
    const json = JSON.parse(
      JSON.stringify(createCohortAccumulator({ mode: 'brackets', brackets: [[1, 7]] })),
    );
    json.options.brackets = [[7, 1]];
    expect(codeOf(() => cohortAccumulatorFromJSON(json))).toBe('INVALID_STATE');
  });

  it('changing the JSON a state gave does not change the state', () => {
    const accumulator = createCohortAccumulator({
      period: 'day',
      mode: 'brackets',
      brackets: [[1, 2]],
    }).addAll(log);
    const before = JSON.stringify(accumulator.result());
    const json = accumulator.toJSON();
    expect(() => {
      (json.options['brackets'] as number[][])[0]?.splice(0, 2, 5, 9);
    }).toThrow(TypeError);
    expect(JSON.stringify(accumulator.result())).toBe(before);
  });
});

describe('cohort mode options', () => {
  const codes = (options: unknown) => codeOf(() => cohortRetention(log, options as CohortOptions));

  it('refuses an unknown mode, naming it', () => {
    expect(codes({ mode: 'return-after' })).toBe('OUT_OF_RANGE');
    try {
      cohortRetention(log, { mode: 'rolling' as never });
    } catch (error) {
      expect(isPatronageError(error) && error.message).toContain("options.mode must be one of 'return-on'");
    }
  });

  it('refuses brackets that are empty, not pairs, fractional, negative, reversed, overlapping or out of order', () => {
    expect(codes({ mode: 'brackets', brackets: [] })).toBe('OUT_OF_RANGE');
    expect(codes({ mode: 'brackets', brackets: [[1, 7, 9]] })).toBe('INVALID_ARGUMENT');
    expect(codes({ mode: 'brackets', brackets: [7] })).toBe('INVALID_ARGUMENT');
    expect(codes({ mode: 'brackets', brackets: 'days 1-7' })).toBe('INVALID_ARGUMENT');
    expect(codes({ mode: 'brackets', brackets: [[1, 7.5]] })).toBe('NOT_AN_INTEGER');
    expect(codes({ mode: 'brackets', brackets: [[-1, 7]] })).toBe('OUT_OF_RANGE');
    expect(codes({ mode: 'brackets', brackets: [[Number.NaN, 7]] })).toBe('NOT_FINITE');
    expect(codes({ mode: 'brackets', brackets: [[7, 1]] })).toBe('OUT_OF_RANGE');
    expect(
      codes({
        mode: 'brackets',
        brackets: [
          [1, 7],
          [7, 30],
        ],
      }),
    ).toBe('OUT_OF_RANGE');
    expect(
      codes({
        mode: 'brackets',
        brackets: [
          [8, 30],
          [1, 7],
        ],
      }),
    ).toBe('OUT_OF_RANGE');
  });

  it('accepts adjacent brackets and a bracket of the acquisition period', () => {
    expect(
      codes({
        mode: 'brackets',
        brackets: [
          [0, 0],
          [1, 7],
          [8, 30],
        ],
      }),
    ).toBeUndefined();
  });

  it('refuses brackets without mode brackets, that mode without brackets, and brackets with maxPeriods', () => {
    expect(codes({ brackets: [[1, 7]] })).toBe('INVALID_ARGUMENT');
    expect(codes({ mode: 'recurring', brackets: [[1, 7]] })).toBe('INVALID_ARGUMENT');
    expect(codes({ mode: 'brackets' })).toBe('INVALID_ARGUMENT');
    expect(codes({ mode: 'brackets', brackets: [[1, 7]], maxPeriods: 4 })).toBe('INVALID_ARGUMENT');
  });

  it('the streamed table of the CLI refuses the modes it cannot count, saying what to use', () => {
    expect(codeOf(() => new CohortStream('cohortRetentionColumns', { mode: 'recurring' }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(
      () => new CohortStream('cohortRetentionColumns', { mode: 'brackets', brackets: [[1, 2]] }),
    ).toThrow(/call cohortRetentionColumns/);
    expect(codeOf(() => new CohortStream('cohortRetentionColumns', { mode: 'return-on' }))).toBeUndefined();
  });

  it('cohortRetentionSql computes return-on only and refuses a mode option', () => {
    const sql = { dialect: 'duckdb', table: 'orders', customerId: 'id', at: 'at', amount: 'total' } as const;
    expect(codeOf(() => cohortRetentionSql({ ...sql, mode: 'recurring' } as never))).toBe('INVALID_OPTION');
  });
});
