// Issue 18, item 2: a fit does not depend on the order of its rows, and a histogram of the rows (the
// distinct rows with their counts as weights, in any order, as rows or as columns) gives the same fit to
// the last bit as the raw rows. Fits are compared through JSON, whose numbers round-trip every finite
// double exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compress } from '../../../src/clv/core/rows';
import {
  fitBetaDiscreteWeibull,
  fitBgBb,
  fitBgNbd,
  fitGammaGamma,
  fitGgomNbd,
  fitMbgNbd,
  fitNbd,
  fitParetoNbd,
  fitShiftedBetaGeometric,
} from '../../../src/index';
import { history, positive, survivorCounts } from '../arbitraries';

const same = (left: unknown, right: unknown): void => {
  expect(JSON.stringify(right)).toBe(JSON.stringify(left));
};

/** `count` draws (with repeats) from a pool of `items`, as raw rows, and a random order of them. */
function draws<T>(items: fc.Arbitrary<T>): fc.Arbitrary<{ rows: T[]; order: number[] }> {
  return fc
    .array(items, { minLength: 1, maxLength: 6 })
    .chain((pool) =>
      fc
        .array(fc.nat(pool.length - 1), { minLength: 1, maxLength: 40 })
        .map((picks) => picks.map((k) => pool[k] as T)),
    )
    .chain((rows) =>
      fc
        .array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: rows.length, maxLength: rows.length })
        .map((keys) => ({
          rows,
          order: rows.map((_, i) => i).sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b),
        })),
    );
}

/** The histogram of `rows` (distinct rows by `fields`, their counts as `weight`), in the order `order` meets them. */
function histogramOf<T extends object>(
  rows: readonly T[],
  order: readonly number[],
  fields: readonly (keyof T)[],
) {
  const counts = new Map<string, { row: T; weight: number }>();
  for (const i of order) {
    const row = rows[i] as T;
    const key = JSON.stringify(fields.map((field) => row[field]));
    const held = counts.get(key);
    if (held === undefined) counts.set(key, { row, weight: 1 });
    else held.weight++;
  }
  return [...counts.values()].map(({ row, weight }) => ({ ...row, weight }));
}

/** Rows as columns of the given fields (and weight when the rows have one). */
function columnsOf<T extends object>(
  rows: readonly T[],
  fields: readonly string[],
): Record<string, number[]> {
  const columns: Record<string, number[]> = {};
  for (const field of [...fields, ...('weight' in (rows[0] as object) ? ['weight'] : [])]) {
    columns[field] = rows.map((row) => (row as Record<string, number>)[field] as number);
  }
  return columns;
}

const continuous = [
  ['BG/NBD', fitBgNbd],
  ['MBG/NBD', fitMbgNbd],
  ['Pareto/NBD', fitParetoNbd],
  ['NBD', fitNbd],
  ['GGom/NBD', fitGgomNbd],
] as const;

describe('fits do not depend on the order of their rows, and a histogram gives the raw rows’ fit', () => {
  it.each(continuous)(
    '%s: raw rows in any order, their histogram in any order, as rows or columns',
    (_, fitRows) => {
      fc.assert(
        fc.property(draws(history), ({ rows, order }) => {
          const base = fitRows(rows);
          same(base, fitRows(order.map((i) => rows[i] as (typeof rows)[number])));
          const histogram = histogramOf(rows, order, ['frequency', 'recency', 'T']);
          same(base, fitRows(histogram));
          // in ascending order, as an engine's ORDER BY returns it (compress then keeps the order it is given)
          const ascending = [...histogram].sort(
            (a, b) => a.frequency - b.frequency || a.recency - b.recency || a.T - b.T,
          );
          same(base, fitRows(ascending));
          same(base, fitRows(columnsOf(histogram, ['frequency', 'recency', 'T']) as never));
          same(
            base,
            fitRows({
              ...columnsOf(rows, ['frequency', 'recency', 'T']),
              customerId: rows.map(String),
            } as never),
          );
        }),
        { numRuns: 40 },
      );
    },
  );

  it('fractional weights: any order of the rows gives the same bits (duplicates summed in one order)', () => {
    const weighted = fc
      .record({ h: history, weight: positive(0.01, 10) })
      .map(({ h, weight }) => ({ ...h, weight }));
    fc.assert(
      fc.property(draws(weighted), ({ rows, order }) => {
        same(fitBgNbd(rows), fitBgNbd(order.map((i) => rows[i] as (typeof rows)[number])));
      }),
      { numRuns: 60 },
    );
  });

  it('BG/BB: raw rows in any order and their histogram, as rows or columns', () => {
    const discrete = fc
      .record({ n: fc.integer({ min: 1, max: 12 }), x: fc.nat(), t: fc.nat() })
      .map(({ n, x, t }) => {
        const recency = t % (n + 1);
        return { frequency: recency === 0 ? 0 : 1 + (x % recency), recency, periods: n };
      });
    fc.assert(
      fc.property(draws(discrete), ({ rows, order }) => {
        const base = fitBgBb(rows);
        same(base, fitBgBb(order.map((i) => rows[i] as (typeof rows)[number])));
        const histogram = histogramOf(rows, order, ['frequency', 'recency', 'periods']);
        same(base, fitBgBb(histogram));
        same(base, fitBgBb(columnsOf(histogram, ['frequency', 'recency', 'periods']) as never));
      }),
      { numRuns: 40 },
    );
  });

  it('Gamma-Gamma: raw rows in any order and their histogram, as rows or columns', () => {
    const spend = fc.record({
      frequency: fc.integer({ min: 1, max: 50 }),
      monetaryValue: positive(0.5, 500),
    });
    fc.assert(
      fc.property(draws(spend), ({ rows, order }) => {
        const base = fitGammaGamma(rows);
        same(base, fitGammaGamma(order.map((i) => rows[i] as (typeof rows)[number])));
        const histogram = histogramOf(rows, order, ['frequency', 'monetaryValue']);
        same(base, fitGammaGamma(histogram));
        same(base, fitGammaGamma(columnsOf(histogram, ['frequency', 'monetaryValue']) as never));
      }),
      { numRuns: 40 },
    );
  });

  /** Contract lifetimes, with fractional weights too. */
  const lifetime = fc.record({
    periods: fc.integer({ min: 1, max: 8 }),
    churned: fc.boolean(),
    weight: fc.oneof(fc.integer({ min: 1, max: 20 }), positive(0.1, 5)),
  });

  it('sBG: lifetimes in any order, with fractional weights too', () => {
    fc.assert(
      fc.property(draws(lifetime), ({ rows, order }) => {
        same(
          fitShiftedBetaGeometric({ lifetimes: rows }),
          fitShiftedBetaGeometric({ lifetimes: order.map((i) => rows[i] as (typeof rows)[number]) }),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('BdW: lifetimes in any order, and cohorts in any order', () => {
    fc.assert(
      fc.property(draws(lifetime), ({ rows, order }) => {
        same(
          fitBetaDiscreteWeibull({ lifetimes: rows }),
          fitBetaDiscreteWeibull({ lifetimes: order.map((i) => rows[i] as (typeof rows)[number]) }),
        );
      }),
      { numRuns: 30 },
    );
    const cohort = survivorCounts.map((survivors) => ({ survivors }));
    fc.assert(
      fc.property(draws(cohort), ({ rows, order }) => {
        const shuffled = order.map((i) => rows[i] as (typeof rows)[number]);
        same(fitBetaDiscreteWeibull({ cohorts: rows }), fitBetaDiscreteWeibull({ cohorts: shuffled }));
        same(fitShiftedBetaGeometric({ cohorts: rows }), fitShiftedBetaGeometric({ cohorts: shuffled }));
      }),
      { numRuns: 30 },
    );
  });
});

describe('compress puts the distinct rows in one canonical order (internal)', () => {
  /** A deterministic pseudo-random stream (a 32-bit LCG), so the large case is the same on every run. */
  function stream(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
      return state / 2 ** 32;
    };
  }

  it.each([
    [100, 1],
    [20_000, 2],
  ])(
    '%i rows with repeats, any permutation: the same columns bit for bit (the counting sort above 4,096)',
    (count, seed) => {
      const next = stream(seed);
      const first = Float64Array.from({ length: count }, () => Math.floor(next() * 30));
      const second = Float64Array.from({ length: count }, () => Math.floor(next() * 50) / 4);
      const third = Float64Array.from({ length: count }, () => Math.floor(next() * 20));
      const weight = Float64Array.from({ length: count }, () => 1 + Math.floor(next() * 3));
      const base = compress(first, second, third, weight);
      expect(base.first.length).toBeGreaterThan(count === 100 ? 10 : 4096);
      for (let round = 0; round < 3; round++) {
        const order = Array.from({ length: count }, (_, i) => i);
        for (let i = count - 1; i > 0; i--) {
          const j = Math.floor(next() * (i + 1));
          [order[i], order[j]] = [order[j] as number, order[i] as number];
        }
        const pick = (column: Float64Array) => Float64Array.from(order, (i) => column[i] as number);
        const shuffled = compress(pick(first), pick(second), pick(third), pick(weight));
        for (const key of ['first', 'second', 'third', 'weight'] as const) {
          expect(Array.from(shuffled[key])).toEqual(Array.from(base[key]));
        }
        expect(shuffled.total).toBe(base.total);
      }
    },
  );

  it('−0 and 0 are one value, stored as 0 whichever comes first', () => {
    const rows = compress(
      Float64Array.from([-0, 0]),
      Float64Array.from([1, 1]),
      Float64Array.from([-0, 0]),
      Float64Array.from([1, 2]),
    );
    expect(Object.is(rows.first[0], 0)).toBe(true);
    expect(Object.is(rows.third[0], 0)).toBe(true);
    expect(Array.from(rows.weight)).toEqual([3]);
  });
});

describe('columns as fit input: bad columns are named', () => {
  it('a missing, non-array or shorter column, and a bad value as rows.<column>[i]', () => {
    const code = (run: () => unknown): string => {
      try {
        run();
        return 'none';
      } catch (error) {
        return `${(error as { code: string }).code}: ${(error as Error).message}`;
      }
    };
    expect(code(() => fitBgNbd({ frequency: [0], recency: [0] } as never))).toBe(
      'INVALID_ARGUMENT: fitBgNbd: rows given as columns need rows.T as an array of numbers, got undefined',
    );
    expect(code(() => fitBgNbd({ frequency: [0, 1], recency: [0, 1], T: [2] }))).toBe(
      'INVALID_ARGUMENT: fitBgNbd: rows.T has 1 values but rows.frequency has 2: columns must be of one length',
    );
    expect(code(() => fitBgNbd({ frequency: [], recency: [], T: [] }))).toMatch(/^EMPTY_INPUT: /);
    expect(code(() => fitBgNbd({ frequency: [0, 1.5], recency: [0, 1], T: [2, 2] }))).toMatch(
      /^NOT_AN_INTEGER: fitBgNbd: rows\.frequency\[1\]/,
    );
    expect(code(() => fitBgNbd({ frequency: [1], recency: [3], T: [2] }))).toMatch(
      /^INVALID_SUMMARY_ROW: fitBgNbd: rows\[0\]/,
    );
    expect(code(() => fitBgNbd({ frequency: [1], recency: [1], T: [2], weight: [0] }))).toBe(
      'INVALID_SUMMARY_ROW: fitBgNbd: rows.weight[0] (0) must be positive',
    );
    expect(code(() => fitGammaGamma({ frequency: [0], monetaryValue: [3] }))).toMatch(
      /^INVALID_SUMMARY_ROW: /,
    );
    expect(code(() => fitBgBb({ frequency: [1], recency: [2], periods: new Float64Array([1]) }))).toMatch(
      /^INVALID_SUMMARY_ROW: fitBgBb: rows\[0\]/,
    );
  });
});
