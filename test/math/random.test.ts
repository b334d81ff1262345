import { describe, expect, it } from 'vitest';
import { exponentialDraw, gammaDraw, seededUniform } from '../../src/math/random';

describe('the seeded draws of the demo and the report', () => {
  it('the uniform stays strictly inside (0, 1) and the same seed gives the same sequence', () => {
    const one = seededUniform(7);
    const two = seededUniform(7);
    let outside = 0;
    let different = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = one();
      if (!(u > 0 && u < 1)) outside++;
      if (two() !== u) different++;
    }
    expect(outside).toBe(0);
    expect(different).toBe(0);
    expect(seededUniform(8)()).not.toBe(seededUniform(7)());
  });

  it.each([0.3, 0.8, 1, 2.5, 6])('Gamma(%d, 1) draws have mean and variance equal to the shape', (shape) => {
    const uniform = seededUniform(20_261_201);
    const n = 40_000;
    let sum = 0;
    let squares = 0;
    let notPositive = 0;
    for (let i = 0; i < n; i++) {
      const x = gammaDraw(uniform, shape);
      if (!(x > 0 && Number.isFinite(x))) notPositive++;
      sum += x;
      squares += x * x;
    }
    expect(notPositive).toBe(0);
    const mean = sum / n;
    const variance = squares / n - mean * mean;
    // four standard errors of the mean (the variance of Gamma(k, 1) is k)
    expect(Math.abs(mean - shape)).toBeLessThan(4 * Math.sqrt(shape / n));
    expect(Math.abs(variance / shape - 1)).toBeLessThan(0.1);
  });

  it('exponential draws have mean 1 and are finite and positive', () => {
    const uniform = seededUniform(3);
    let sum = 0;
    let notPositive = 0;
    for (let i = 0; i < 40_000; i++) {
      const x = exponentialDraw(uniform);
      if (!(Number.isFinite(x) && x > 0)) notPositive++;
      sum += x;
    }
    expect(notPositive).toBe(0);
    expect(Math.abs(sum / 40_000 - 1)).toBeLessThan(4 / Math.sqrt(40_000));
  });
});
