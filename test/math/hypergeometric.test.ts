import { describe, expect, it } from 'vitest';
import { expectedPurchases } from '../../src/index';
import { logHyp2f1Series } from '../../src/math/hypergeometric';

// Reference values: mpmath 1.3.0 at 50 significant digits, from the same doubles, e.g.
//   from mpmath import mp, mpf, hyp2f1, log; mp.dps = 50
//   log(hyp2f1(mpf(0.4113), mpf(50.0), mpf(50.4113), mpf(1e-12)))
// and for BG/NBD, Fader, Hardie & Lee (2005) eq. 9 evaluated the same way:
//   (a+b-1)/(a-1) * (1 - (alpha/(alpha+t))**r * hyp2f1(r, b, a+b-1, t/(alpha+t)))

const relative = (value: number, reference: number): number => Math.abs(value / reference - 1);

describe('ln 2F1 near z = 0 keeps its relative digits', () => {
  const cases: readonly (readonly [number, number, number, number, number])[] = [
    [0.4113, 50, 50.4113, 1e-20, 4.079442505946088e-21],
    [0.4113, 50, 50.4113, 1e-12, 4.0794425059481113e-13],
    [0.4113, 50, 50.4113, 1e-6, 4.079444529483666e-7],
    [0.4113, 50, 50.4113, 1e-3, 0.00040814673817912706],
    [2.5, 3.5, 1.25, 1e-20, 7e-20],
    [2.5, 3.5, 1.25, 1e-12, 7e-12],
    [2.5, 3.5, 1.25, 1e-6, 0.000007000000000005025],
    [2.5, 3.5, 1.25, 1e-3, 0.007000005021217364],
    [0.05, 120, 7, 1e-20, 8.571428571428571e-21],
    [0.05, 120, 7, 1e-12, 8.57142857149296e-13],
    [0.05, 120, 7, 1e-6, 8.571492961033409e-7],
    [0.05, 120, 7, 1e-3, 0.0008636397057694893],
  ];
  it.each(cases)('ln 2F1(%d, %d; %d; %d) = %d to 1e-14 relative (mpmath)', (a, b, c, z, reference) => {
    expect(relative(logHyp2f1Series(a, b, c, z), reference)).toBeLessThan(1e-14);
  });
});

describe('BG/NBD expected purchases over very short horizons', () => {
  // the counterexample of test/clv/models.prop.test.ts, seed -139646248: E(2.2e-20) came out 1.1e-16,
  // above E(2.7e-18), because ln 2F1 was rounded to a multiple of 2^-52 and the series stopped beside 1
  const fit = {
    model: 'bgNbd',
    params: { r: 0.41130430295521797, alpha: 0.01, a: 1.4113043029552195, b: 49.999999999999595 },
  } as const;
  const cases: readonly (readonly [number, number])[] = [
    [2.220446051470834e-20, 9.132790154498775e-19],
    [1e-18, 4.11304302955218e-17],
    [2.7214784934851416e-18, 1.1193558147705227e-16],
    [1e-16, 4.113043029552178e-15],
    [1e-14, 4.1130430295521e-13],
    [1e-12, 4.113043029544212e-11],
    [1e-10, 4.113043028755441e-9],
    [1e-6, 0.00004113035062193652],
    [0.01, 0.4036165509785591],
    [1, 18.818751483675427],
    [100, 79.91249142284032],
  ];
  // (a + b − 1)/(a − 1) = 123 here: the closed form may lose that factor in ulps, no more
  it.each(cases)('E[X(%d)] = %d to 1e-13 relative (mpmath)', (t, reference) => {
    expect(relative(expectedPurchases(fit, t), reference)).toBeLessThan(1e-13);
  });
});
