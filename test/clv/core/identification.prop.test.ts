import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateBgNbd, uniforms } from '../../../scripts/bench/simulate.mjs';
import { fitBgNbd, fitShiftedBetaGeometric } from '../../../src/index';

// The identification check must not fire on data that identify the model: fits on simulated data from
// well inside the parameter space still converge with reason null (issue 15, item 3).

/** Survivor counts of a cohort of `size` whose churn probabilities are Beta(alpha, beta), drawn per customer. */
function simulateSurvivors(
  size: number,
  alpha: number,
  beta: number,
  periods: number,
  seed: number,
): number[] {
  const next = uniforms(seed);
  const gamma = (shape: number): number => {
    // Marsaglia–Tsang, with the shape < 1 boost
    const boost = shape < 1 ? next() ** (1 / shape) : 1;
    const d = (shape < 1 ? shape + 1 : shape) - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const u1 = next();
      const u2 = next();
      const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
      const v = (1 + c * z) ** 3;
      if (v > 0 && Math.log(next()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v * boost;
    }
  };
  const survivors = new Array<number>(periods + 1).fill(0);
  for (let i = 0; i < size; i++) {
    const x = gamma(alpha);
    const theta = x / (x + gamma(beta));
    let t = 0;
    survivors[0] = (survivors[0] as number) + 1;
    while (t < periods && next() >= theta) {
      t++;
      survivors[t] = (survivors[t] as number) + 1;
    }
  }
  return survivors;
}

describe('well-identified data still converge with reason null', () => {
  // Purchase rates r/alpha of at least 0.2 a week: at the slow corner (r = 0.3, alpha = 5.7, about 2.7
  // purchases a year) a sample of 3,000 may not identify a and b separately, and the check is right to say
  // so: the test below holds such a sample, found by this property with CI's random seed.
  it('BG/NBD on 3,000 simulated customers', () => {
    fc.assert(
      fc.property(
        fc.record({
          r: fc.double({ min: 1, max: 3, noNaN: true }),
          alpha: fc.double({ min: 1, max: 5, noNaN: true }),
          a: fc.double({ min: 0.5, max: 3, noNaN: true }),
          b: fc.double({ min: 2, max: 8, noNaN: true }),
          seed: fc.integer({ min: 1, max: 2 ** 30 }),
        }),
        ({ seed, ...params }) => {
          const fit = fitBgNbd(simulateBgNbd(3000, params, seed, 52));
          expect(fit.reason).toBeNull();
          expect(fit.converged).toBe(true);
          expect(fit.standardErrors).not.toBeNull();
        },
      ),
      { numRuns: 6 },
    );
  });

  it('a slow-buying sample whose likelihood is a ridge in (a, b) is reported as not identified', () => {
    // fast-check's counterexample (seed 1592633986): the maximum runs off along a / (a + b) fixed, to about
    // a = 163, b = 3,620, where the information matrix is singular; the data do not tell a and b apart
    const fit = fitBgNbd(
      simulateBgNbd(3000, { r: 0.3, alpha: 5.684838532591419, a: 0.5, b: 7.366962776554357 }, 6, 52),
    );
    expect(fit.converged).toBe(false);
    expect(fit.reason).toMatch(/do not identify a and b/);
    expect(fit.params.a).toBeGreaterThan(50);
    expect(fit.params.a / (fit.params.a + fit.params.b)).toBeCloseTo(0.043, 2);
  });

  it('sBG on simulated cohorts of 2,000 over 8 periods', () => {
    fc.assert(
      fc.property(
        fc.record({
          alpha: fc.double({ min: 0.5, max: 3, noNaN: true }),
          beta: fc.double({ min: 1, max: 6, noNaN: true }),
          seed: fc.integer({ min: 1, max: 2 ** 30 }),
        }),
        ({ alpha, beta, seed }) => {
          const fit = fitShiftedBetaGeometric({ survivors: simulateSurvivors(2000, alpha, beta, 8, seed) });
          expect(fit.reason).toBeNull();
          expect(fit.converged).toBe(true);
          expect(fit.standardErrors).not.toBeNull();
        },
      ),
      { numRuns: 20 },
    );
  });
});
