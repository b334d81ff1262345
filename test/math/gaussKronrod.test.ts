import { describe, expect, it } from 'vitest';
import { GAUSS_15, KRONROD_15, logIntegrate, NODES_15 } from '../../src/math/gaussKronrod';

describe('the 7/15-point Gauss–Kronrod rule', () => {
  it('the Kronrod rule integrates y^k exactly on [−1, 1] for k ≤ 22, the Gauss rule for k ≤ 13 (to 1e−15)', () => {
    for (let k = 0; k <= 22; k++) {
      const exact = k % 2 === 1 ? 0 : 2 / (k + 1);
      let kronrod = 0;
      let gauss = 0;
      for (let j = 0; j < 15; j++) {
        kronrod += (KRONROD_15[j] as number) * (NODES_15[j] as number) ** k;
        gauss += (GAUSS_15[j] as number) * (NODES_15[j] as number) ** k;
      }
      expect(Math.abs(kronrod - exact)).toBeLessThanOrEqual(1e-15);
      if (k <= 13) expect(Math.abs(gauss - exact)).toBeLessThanOrEqual(1e-15);
    }
  });

  it('ln ∫₀¹⁰⁰ e^(−1000 y) dy = ln((1 − e^−100000)/1000): a boundary layer 1e−5 of the interval, to 1e−12', () => {
    const value = logIntegrate((y) => -1000 * y, 0, 100);
    expect(Math.abs(value - -Math.log(1000))).toBeLessThanOrEqual(1e-12 * Math.log(1000));
  });

  it('ln ∫ of a Gaussian peak of width 0.01 inside [0, 50] is ln(0.01 √(2π)), to 1e−12', () => {
    const value = logIntegrate((y) => -((y - 17.3) ** 2) / (2 * 0.01 ** 2) - 2000, 0, 50);
    const exact = Math.log(0.01 * Math.sqrt(2 * Math.PI)) - 2000;
    expect(Math.abs(value - exact)).toBeLessThanOrEqual(1e-12 * Math.abs(exact));
  });
});
