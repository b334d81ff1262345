import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompressedRows } from '../../../src/clv/core/rows';
import { gammaGammaObjective } from '../../../src/clv/gammaGamma/likelihood';
import { lgamma } from '../../helpers/lgamma';
import { RELATIVE_EPSILON } from '../../helpers/numbers';
import { positive } from '../arbitraries';

// The objective sums its gamma functions per distinct frequency and its ln m̄, ln x terms once, outside the
// evaluations; these laws tie it to Fader & Hardie (2013) eq. 1a written out row by row.

/** Unsorted rows with repeated frequencies, some of them apart (so one x forms several groups). */
const rawRows = fc
  .array(
    fc.record({
      frequency: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5_000 })),
      monetaryValue: positive(0.01, 1e4),
      weight: fc.oneof(fc.integer({ min: 1, max: 50 }), positive(0.01, 100)),
    }),
    { minLength: 1, maxLength: 15 },
  )
  .map(
    (rows): CompressedRows => ({
      first: Float64Array.from(rows, (row) => row.frequency),
      second: Float64Array.from(rows, (row) => row.monetaryValue),
      third: new Float64Array(rows.length),
      weight: Float64Array.from(rows, (row) => row.weight),
      total: rows.reduce((sum, row) => sum + row.weight, 0),
    }),
  );

const logParams = fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 3, maxLength: 3 });

/** −ln L / total row by row (eq. 1a), and the sum of the terms' magnitudes for the tolerance. */
function rowByRow(rows: CompressedRows, [lp, lq, lg]: readonly number[]): { value: number; scale: number } {
  const [p, q, gamma] = [Math.exp(lp as number), Math.exp(lq as number), Math.exp(lg as number)];
  let sum = 0;
  let scale = 0;
  for (let i = 0; i < rows.first.length; i++) {
    const x = rows.first[i] as number;
    const m = rows.second[i] as number;
    const w = rows.weight[i] as number;
    const terms = [
      lgamma(p * x + q),
      -lgamma(p * x),
      -lgamma(q),
      q * Math.log(gamma),
      (p * x - 1) * Math.log(m),
      p * x * Math.log(x),
      -(p * x + q) * Math.log(gamma + m * x),
    ];
    for (const term of terms) {
      sum += w * term;
      scale += w * Math.abs(term);
    }
  }
  return { value: -sum / rows.total, scale: scale / rows.total };
}

describe('the Gamma-Gamma objective', () => {
  it('equals the row-by-row sum of Fader & Hardie (2013) eq. 1a, for rows in any order', () => {
    fc.assert(
      fc.property(rawRows, logParams, (rows, at) => {
        const value = gammaGammaObjective(rows)(Float64Array.from(at), null);
        const reference = rowByRow(rows, at);
        // both sum the same terms in another order: they agree to rounding of the terms' magnitudes
        expect(Math.abs(value - reference.value)).toBeLessThanOrEqual(RELATIVE_EPSILON * reference.scale);
      }),
    );
  });

  it('gives the same value and gradient whether rows of one frequency are adjacent or not', () => {
    fc.assert(
      fc.property(rawRows, logParams, (rows, at) => {
        const order = Array.from(rows.first, (_, i) => i).sort(
          (a, b) => (rows.first[a] as number) - (rows.first[b] as number),
        );
        const pick = (column: Float64Array) => Float64Array.from(order, (i) => column[i] as number);
        const sorted = {
          ...rows,
          first: pick(rows.first),
          second: pick(rows.second),
          weight: pick(rows.weight),
        };
        const gradient = new Float64Array(3);
        const sortedGradient = new Float64Array(3);
        const value = gammaGammaObjective(rows)(Float64Array.from(at), gradient);
        const sortedValue = gammaGammaObjective(sorted)(Float64Array.from(at), sortedGradient);
        const { scale } = rowByRow(rows, at);
        expect(Math.abs(value - sortedValue)).toBeLessThanOrEqual(RELATIVE_EPSILON * scale);
        for (let k = 0; k < 3; k++) {
          const size = Math.max(1, Math.abs(gradient[k] as number));
          expect(Math.abs((gradient[k] as number) - (sortedGradient[k] as number))).toBeLessThanOrEqual(
            RELATIVE_EPSILON * size * scale,
          );
        }
      }),
    );
  });
});
