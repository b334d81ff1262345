import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateBgNbd } from '../../../scripts/bench/simulate.mjs';
import { BG_NBD } from '../../../src/clv/bgNbd/definition';
import { maximumLikelihood } from '../../../src/clv/core/fitCore';
import { compress, continuousRows, indexDistinct, PILOT_ROWS, subsample } from '../../../src/clv/core/rows';
import { fitBgNbd } from '../../../src/index';

const smallValues = fc.array(fc.constantFrom(0, -0, 1, 2.5, 1e-300, 3, 7), { minLength: 1, maxLength: 60 });

describe('row compression and indexing (internal)', () => {
  it('indexDistinct: each row points at its value, and the values are distinct in first-seen order', () => {
    fc.assert(
      fc.property(smallValues, (values) => {
        const column = Float64Array.from(values);
        const { values: distinct, ofRow } = indexDistinct(column);
        column.forEach((value, i) => {
          expect((distinct[ofRow[i] as number] as number) === value).toBe(true);
        });
        // distinct under ===, which (like a Set) takes −0 and 0 for the same value
        expect(new Set(distinct).size).toBe(distinct.length);
        expect(distinct.length).toBe(new Set(column).size);
      }),
    );
  });

  it('compress keeps the total weight and merges exactly the identical rows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(0, 1, 2), fc.constantFrom(0, 0.5), fc.constantFrom(1, 2)), {
          minLength: 1,
          maxLength: 40,
        }),
        (rows) => {
          const pick = (k: 0 | 1 | 2) => Float64Array.from(rows, (row) => row[k]);
          const weight = Float64Array.from(rows, (_, i) => i + 1);
          const merged = compress(pick(0), pick(1), pick(2), weight);
          const keys = new Set(rows.map((row) => row.join(',')));
          expect(merged.first.length).toBe(keys.size);
          expect(merged.total).toBe(weight.reduce((sum, w) => sum + w, 0));
          expect(merged.weight.reduce((sum, w) => sum + w, 0)).toBe(merged.total);
        },
      ),
    );
  });
});

describe('compress of rows already distinct and in ascending order (internal)', () => {
  // distinct rows of small values (with −0 for 0 in places), weights whole or fractional, in a random order
  const distinctRows = fc
    .uniqueArray(fc.tuple(fc.nat(3), fc.constantFrom(0, 0.5, 2), fc.constantFrom(0, 1, 2.25)), {
      minLength: 1,
      maxLength: 40,
      selector: (row) => row.join(','),
    })
    .chain((rows) =>
      fc.tuple(
        fc.constant(rows),
        fc.array(fc.oneof(fc.integer({ min: 1, max: 9 }), fc.double({ min: 0.01, max: 5, noNaN: true })), {
          minLength: rows.length,
          maxLength: rows.length,
        }),
        fc.array(fc.boolean(), { minLength: rows.length, maxLength: rows.length }),
        fc.shuffledSubarray(
          rows.map((_, i) => i),
          { minLength: rows.length, maxLength: rows.length },
        ),
      ),
    );
  const bits = (rows: ReturnType<typeof compress>): string =>
    JSON.stringify([
      ...[rows.first, rows.second, rows.third, rows.weight].map((column) =>
        Array.from(column, (value) => (Object.is(value, -0) ? '-0' : value)),
      ),
      rows.total,
    ]);

  it('gives the bits of the same rows in any other order (the linear check replaces the hash and sort)', () => {
    fc.assert(
      fc.property(distinctRows, ([rows, weights, negativeZero, order]) => {
        const ranked = rows
          .map((_, i) => i)
          .sort(
            (l, r) =>
              (rows[l]?.[0] as number) - (rows[r]?.[0] as number) ||
              (rows[l]?.[1] as number) - (rows[r]?.[1] as number) ||
              (rows[l]?.[2] as number) - (rows[r]?.[2] as number),
          );
        const columns = (indices: readonly number[]) => {
          const value = (i: number, k: 0 | 1 | 2) => {
            const v = (rows[i] as [number, number, number])[k];
            return v === 0 && negativeZero[i] === true ? -0 : v;
          };
          return [
            Float64Array.from(indices, (i) => value(i, 0)),
            Float64Array.from(indices, (i) => value(i, 1)),
            Float64Array.from(indices, (i) => value(i, 2)),
            Float64Array.from(indices, (i) => weights[i] as number),
          ] as const;
        };
        const ascending = compress(...columns(ranked));
        expect(bits(ascending)).toBe(bits(compress(...columns(order))));
        expect(Array.from(ascending.first).some((value) => Object.is(value, -0))).toBe(false);
      }),
    );
  });

  it('still merges rows that repeat, in whatever order they come', () => {
    const one = Float64Array.from([1, 1, 2]);
    const merged = compress(one, Float64Array.from([2, 2, 3]), Float64Array.from([5, 5, 6]), one);
    expect(Array.from(merged.weight)).toEqual([2, 2]);
    expect(merged.total).toBe(4);
  });
});

describe('the pilot subsample of large fits (internal)', () => {
  const rows = continuousRows(
    'test',
    Array.from({ length: PILOT_ROWS + 5_000 }, (_, i) => ({
      frequency: i % 7,
      recency: i % 7 === 0 ? 0 : 1 + (i % 1000) / 1000,
      T: 2 + i / 10,
      weight: i % 997 === 0 ? 500 : 1,
    })),
  );

  it('is null for data that are already small', () => {
    const small = continuousRows('test', [{ frequency: 1, recency: 1, T: 2 }]);
    expect(subsample(small)).toBeNull();
  });

  it('keeps every heavy row as it is and every k-th light row with its weight times k', () => {
    const sample = subsample(rows) as NonNullable<ReturnType<typeof subsample>>;
    expect(sample).not.toBeNull();
    const stride = Math.ceil(rows.first.length / (PILOT_ROWS / 2));
    const heavy = Array.from(rows.weight).filter((w) => w >= stride);
    const light = Array.from(rows.weight).filter((w) => w < stride);
    const sampledHeavy = Array.from(sample.weight).filter((w) => w >= stride && w % stride !== 0);
    expect(sampledHeavy.reduce((s, w) => s + w, 0)).toBe(heavy.reduce((s, w) => s + w, 0));
    expect(sample.first.length).toBe(heavy.length + Math.ceil(light.length / stride));
    expect(sample.first.length).toBeLessThanOrEqual(PILOT_ROWS / 2 + heavy.length + 1);
    // the light rows' weight is estimated without bias: within one stride of the truth here
    const lightTotal = light.reduce((s, w) => s + w, 0);
    expect(Math.abs(sample.total - heavy.reduce((s, w) => s + w, 0) - lightTotal)).toBeLessThanOrEqual(
      stride,
    );
  });

  it('only seeds the optimiser: a warm-started fit finds the optimum a cold one finds, in fewer full passes', () => {
    const data = simulateBgNbd(PILOT_ROWS + 10_000, { r: 0.25, alpha: 4, a: 0.8, b: 2.5 });
    const likelihood = BG_NBD.likelihood(continuousRows('test', data));
    let warmPasses = 0;
    let coldPasses = 0;
    const counted = (
      objective: typeof likelihood.objective,
      add: () => void,
    ): typeof likelihood.objective => {
      return (x, g) => {
        add();
        return objective(x, g);
      };
    };
    const warm = maximumLikelihood(BG_NBD, {
      ...likelihood,
      objective: counted(likelihood.objective, () => warmPasses++),
    });
    const cold = maximumLikelihood(BG_NBD, {
      ...likelihood,
      pilot: null,
      objective: counted(likelihood.objective, () => coldPasses++),
    });
    expect(likelihood.pilot).not.toBeNull();
    expect(warm.converged && cold.converged).toBe(true);
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(warm.params[name] / cold.params[name] - 1)).toBeLessThan(1e-5);
    }
    expect(Math.abs((warm.logLikelihood as number) - (cold.logLikelihood as number))).toBeLessThan(1e-6);
    expect(warm.logLikelihood).not.toBeNull();
    expect(warmPasses).toBeLessThan(coldPasses);
    // and the public fit is the warm one, recovering the simulation's parameters
    const fitted = fitBgNbd(data);
    expect(fitted.params).toEqual(warm.params);
    expect(fitted.params.r).toBeGreaterThan(0.2);
    expect(fitted.params.r).toBeLessThan(0.3);
  });
});
