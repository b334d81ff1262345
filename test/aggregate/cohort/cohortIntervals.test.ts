import { describe, expect, it } from 'vitest';
import {
  type CohortOptions,
  type CohortRow,
  cohortAccumulatorFromJSON,
  cohortRetention,
  cohortRetentionColumns,
  createCohortAccumulator,
  type Transaction,
} from '../../../src/index';
import { normalQuantile } from '../../../src/math/normal';
import { twoProportionZTest, wilsonInterval } from '../../../src/math/proportion';
import { codeOf } from '../../helpers/errors';
import { expectClose } from '../../helpers/numbers';

/**
 * `size` customers acquired on `day` of `month` (2024, 0-based month) of whom `returned` buy again one
 * month later: a cohort with rates [1, returned / size].
 */
function cohort(prefix: string, month: number, size: number, returned: number): Transaction[] {
  const rows: Transaction[] = [];
  for (let i = 0; i < size; i++) {
    const customerId = `${prefix}${i}`;
    rows.push({ customerId, at: Date.UTC(2024, month, 3), amount: 10 });
    if (i < returned) rows.push({ customerId, at: Date.UTC(2024, month + 1, 5), amount: 4 });
  }
  return rows;
}

/** January: 40 of 100 come back in February; February: 25 of 100 in March; March: 100 arrive, observed to April. */
const log: Transaction[] = [
  ...cohort('j', 0, 100, 40),
  ...cohort('f', 1, 100, 25),
  ...cohort('m', 2, 100, 0),
  { customerId: 'late', at: Date.UTC(2024, 3, 20), amount: 1 },
];

// scripts/reference/cohort_intervals.py (mpmath, 40 digits)
const WILSON: readonly [number, number, number, number, number][] = [
  [81, 263, 0.95, 0.2552885198782742, 0.36620957698280004],
  [15, 148, 0.95, 0.062386399530736276, 0.16048724172330803],
  [0, 20, 0.95, 0.0, 0.16112515805281938],
  [1, 29, 0.95, 0.00611321429276266, 0.17175521879320288],
  [30, 100, 0.95, 0.21894885294932762, 0.39584854633346667],
  [30, 100, 0.99, 0.19746065620990513, 0.42742761887642405],
  [7, 12, 0.9, 0.3559810149005345, 0.7800221193082193],
  [999, 1000, 0.95, 0.9943574414020421, 0.999823453629374],
];
const Z_TESTS: readonly [number, number, number, number, number, number][] = [
  [40, 100, 25, 100, -2.2645540682891916, 0.02354005826117795],
  [120, 400, 160, 420, 2.443516624576763, 0.014544899462472817],
  [3, 10, 9, 12, 2.110687091920543, 0.03479921620986432],
];

/** The one-cell cohort table of `x` of `n` returning: row 0's interval at k = 1. */
function cellOf(x: number, n: number, confidenceLevel: number) {
  const rows = cohortRetention(cohort('c', 0, n, x), {
    observationEnd: '2024-02-28',
    intervals: { confidenceLevel },
  });
  return rows[0]?.intervals?.[1];
}

describe('cohortRetention intervals: golden values', () => {
  it('match Newcombe (1998) table I, method 3 (Wilson): 81/263, 15/148, 0/20, 1/29 to 4 decimals', () => {
    const table: [number, number, string, string][] = [
      [81, 263, '0.2553', '0.3662'],
      [15, 148, '0.0624', '0.1605'],
      [0, 20, '0.0000', '0.1611'],
      [1, 29, '0.0061', '0.1718'],
    ];
    for (const [x, n, lower, upper] of table) {
      const cell = cellOf(x, n, 0.95);
      expect(cell?.lower.toFixed(4), `${x}/${n}`).toBe(lower);
      expect(cell?.upper.toFixed(4), `${x}/${n}`).toBe(upper);
    }
  });

  it('match mpmath (scripts/reference/cohort_intervals.py) at 0.90, 0.95 and 0.99', () => {
    for (const [x, n, level, lower, upper] of WILSON) {
      const cell = cellOf(x, n, level);
      expectClose(cell?.lower as number, lower);
      expectClose(cell?.upper as number, upper);
    }
  });

  it('the pooled z-test matches mpmath (scripts/reference/cohort_intervals.py)', () => {
    for (const [x1, n1, x2, n2, z, p] of Z_TESTS) {
      const test = twoProportionZTest(x1, n1, x2, n2);
      expectClose(test.z, z);
      expectClose(test.pValue, p);
    }
  });

  it('the mark of 25/100 after 40/100 matches the hand computation: pooled 0.325, z = −0.15/√(0.325·0.675·0.02) = −2.2646, p = 0.0235', () => {
    const rows = cohortRetention(log, { intervals: true });
    const february = rows[1]?.intervals?.[1];
    const se = Math.sqrt(0.325 * 0.675 * (1 / 100 + 1 / 100));
    const z = (0.25 - 0.4) / se;
    expect(z.toFixed(4)).toBe('-2.2646');
    // 2·Φ(−2.2646) from a printed normal table: Φ(−2.26) = 0.0119, Φ(−2.27) = 0.0116
    expect(february?.pValue?.toFixed(4)).toBe('0.0235');
    expect(february?.direction).toBe('lower');
    // at 99 % the same difference is not significant (p above 0.01)
    expect(cohortRetention(log, { intervals: { confidenceLevel: 0.99 } })[1]?.intervals?.[1]?.direction).toBe(
      null,
    );
  });
});

describe('cohortRetention intervals: shape', () => {
  it('without the option (or with false) the rows have exactly the keys of today', () => {
    const plain = cohortRetention(log);
    expect(Object.keys(plain[0] as CohortRow)).toEqual([
      'cohort',
      'size',
      'counts',
      'rates',
      'revenue',
      'revenueRates',
    ]);
    expect(cohortRetention(log, { intervals: false })).toEqual(plain);
    const withIntervals = cohortRetention(log, { intervals: true });
    expect(withIntervals.map(({ intervals: _, ...row }) => row)).toEqual(plain);
  });

  it('true is a 95 % level with the exact normal quantile, not 1.96', () => {
    const rows = cohortRetention(log, { intervals: true });
    expect(rows).toEqual(cohortRetention(log, { intervals: { confidenceLevel: 0.95 } }));
    expect(rows).toEqual(cohortRetention(log, { intervals: {} }));
    expect(rows[0]?.intervals?.[1]).toEqual({
      ...wilsonInterval(40, 100, normalQuantile(0.975)),
      pValue: null,
      direction: null,
    });
  });

  it('the first row has no comparison; later rows compare with the row before at the same k', () => {
    const rows = cohortRetention(log, { intervals: true });
    expect(rows.map((row) => row.cohort)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04']);
    expect(rows[0]?.intervals?.every((cell) => cell?.pValue === null && cell.direction === null)).toBe(true);
    // k = 0: every rate is 1, the test says nothing (p = 1)
    expect(rows[1]?.intervals?.[0]).toMatchObject({ pValue: 1, direction: null });
    // March: 0 of 100 after 25 of 100, far below
    expect(rows[2]?.intervals?.[1]?.direction).toBe('lower');
    expect(rows[2]?.intervals?.[1]?.lower).toBe(0);
    // April: one customer, no k = 1 yet; k = 0 against March's 100 % is p = 1
    expect(rows[3]?.intervals).toHaveLength(1);
    expect(rows[3]?.intervals?.[0]).toMatchObject({ lower: expect.any(Number), upper: 1, pValue: 1 });
  });

  it('a higher cohort is marked higher', () => {
    const rows = cohortRetention([...cohort('a', 0, 50, 5), ...cohort('b', 1, 50, 30)], { intervals: true });
    expect(rows[1]?.intervals?.[1]?.direction).toBe('higher');
  });

  it('each mode puts the interval around its own rate (counts[k] of size), brackets included', () => {
    const modes: CohortOptions[] = [
      { mode: 'return-on' },
      { mode: 'return-on-or-after' },
      { mode: 'recurring' },
      {
        mode: 'brackets',
        brackets: [
          [1, 1],
          [2, 3],
        ],
      },
    ];
    const z = normalQuantile(0.975);
    for (const options of modes) {
      for (const row of cohortRetention(log, { ...options, intervals: true })) {
        row.counts.forEach((count, k) => {
          const cell = row.intervals?.[k];
          expect(cell?.lower).toBe(wilsonInterval(count as number, row.size, z).lower);
          expect(cell?.upper).toBe(wilsonInterval(count as number, row.size, z).upper);
        });
      }
    }
  });

  it('cohortRetentionColumns (both its paths) and the accumulator, through JSON, give the same rows', () => {
    const expected = cohortRetention(log, { intervals: { confidenceLevel: 0.9 } });
    const ids = [...new Set(log.map((row) => row.customerId))];
    const columns = {
      customerIndex: log.map((row) => ids.indexOf(row.customerId)),
      at: log.map((row) => row.at as number),
      amount: log.map((row) => row.amount),
    };
    const options: CohortOptions = { intervals: { confidenceLevel: 0.9 } };
    expect(cohortRetentionColumns(columns, options)).toEqual(expected); // time-ordered: the single pass
    const reversed = {
      customerIndex: [...columns.customerIndex].reverse(),
      at: [...columns.at].reverse(),
      amount: [...columns.amount].reverse(),
    };
    expect(cohortRetentionColumns(reversed, options)).toEqual(expected); // the general path
    const accumulator = createCohortAccumulator(options).addAll(log);
    expect(accumulator.result()).toEqual(expected);
    const revived = cohortAccumulatorFromJSON(JSON.parse(JSON.stringify(accumulator)));
    expect(revived.result()).toEqual(expected);
    expect(codeOf(() => createCohortAccumulator().merge(accumulator))).toBe('INCOMPATIBLE_ACCUMULATORS');
  });
});

describe('cohortRetention intervals: extreme levels', () => {
  it('a level just below the largest accepted, and a tiny one, give finite bounds in [0, 1]', () => {
    for (const confidenceLevel of [1 - 2 ** -52, 1e-300, Number.MIN_VALUE]) {
      const rows = cohortRetention(log, { intervals: { confidenceLevel } });
      for (const row of rows)
        for (const cell of row.intervals ?? []) {
          expect(Number.isFinite(cell?.lower) && Number.isFinite(cell?.upper)).toBe(true);
          expect(cell?.lower).toBeGreaterThanOrEqual(0);
          expect(cell?.upper).toBeLessThanOrEqual(1);
        }
    }
  });
});

describe('cohortRetention intervals: bad options', () => {
  it.each([
    [{ confidenceLevel: 0 }, 'OUT_OF_RANGE'],
    [{ confidenceLevel: 1 }, 'OUT_OF_RANGE'],
    [{ confidenceLevel: 1.5 }, 'OUT_OF_RANGE'],
    [{ confidenceLevel: 1 - 2 ** -53 }, 'OUT_OF_RANGE'],
    [{ confidenceLevel: -0.1 }, 'OUT_OF_RANGE'],
    [{ confidenceLevel: Number.NaN }, 'NOT_FINITE'],
    [{ confidenceLevel: '0.95' }, 'INVALID_ARGUMENT'],
    [{ confidence: 0.95 }, 'INVALID_OPTION'],
    [0.95, 'INVALID_ARGUMENT'],
    ['yes', 'INVALID_ARGUMENT'],
    [null, 'INVALID_ARGUMENT'],
    [[0.95], 'INVALID_ARGUMENT'],
  ])('intervals %j is refused with %s', (intervals, code) => {
    expect(codeOf(() => cohortRetention(log, { intervals } as unknown as CohortOptions))).toBe(code);
    expect(
      codeOf(() =>
        cohortRetentionColumns({ customerIndex: [0], at: [0], amount: [1] }, {
          intervals,
        } as unknown as CohortOptions),
      ),
    ).toBe(code);
  });
});
