import { describe, expect, it } from 'vitest';
import { expectedPurchases } from '../../src/index';
import { logHyp2f1Series, powerHyp2f1NearOne } from '../../src/math/hypergeometric';

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

describe('w^s · 2F1(a, b; c; 1 − w) by the connection formula about z = 1', () => {
  // mpmath 1.3.0 at 50 digits from the same doubles: mpf(w)**s * hyp2f1(a, b, c, 1 - mpf(w)); the rows are
  // BG/NBD's (k, k, b, a + b − 1 or a + b) at long horizons, the fifth the CI case of scoreSql's test (c − a − b
  // = −1 to 2e-16: the two parts cancel, so the bound is wide and the callers fall back), the third near −5 too
  const cases: readonly (readonly [number, number, number, number, number, number])[] = [
    [0.243, 0.243, 2.426, 2.219, 1e-3, 2.0710290243653096],
    [0.243, 0.243, 2.426, 3.219, 1e-6, 0.060614984772864075],
    [5.7, 5.7, 12.4, 13.1, 0.1, 0.3407613072841045],
    [20.2, 20.2, 80, 80.793, 0.05, 0.25435270129797255],
    [0.05, 0.05, 2.028471003029016, 1.078471003029016, 0.001, 35.397289219172634],
    [1.5, 1.5, 0.3, 7.6, 1e-9, 3.4010500198018164e-14],
    [3.7, 3.7, 10, 8.3, 0.02, 219.0578978956799],
  ];
  it.each(cases)(
    's %d, 2F1(%d, %d; %d; 1 − %d) = %d to 1e-13, inside its own error bound',
    (s, a, b, c, w, reference) => {
      const { value, error } = powerHyp2f1NearOne(s, a, b, c, w);
      expect(Math.abs(value - reference)).toBeLessThanOrEqual(
        error + 4 * Number.EPSILON * Math.abs(reference),
      );
      // where the bound promises 1e-13 the value keeps it (near a whole c − a − b it promises less)
      if (error <= 1e-13 * Math.abs(reference)) expect(relative(value, reference)).toBeLessThan(1e-13);
    },
  );

  it('does not apply at a whole c − a − b (its two parts have poles there) or outside 0 < w ≤ 0.1', () => {
    for (const [a, b, c, w] of [
      [0.5, 1.5, 3, 0.01],
      [0.5, 1.5, 2, 0.01],
      [0.3, 0.4, 2.7, 0.2],
      [0.3, 0.4, 2.7, 0],
    ] as const) {
      const { value, error } = powerHyp2f1NearOne(0, a, b, c, w);
      expect(value, `${a} ${b} ${c} ${w}`).toBeNaN();
      expect(error).toBe(Number.POSITIVE_INFINITY);
    }
  });
});
