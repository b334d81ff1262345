import { describe, expect, it } from 'vitest';
import { symmetricEigen } from '../../src/math/optimize';

describe('symmetricEigen', () => {
  it('reproduces A v = λ v for a 4 × 4 matrix with a zero and a negative eigenvalue', () => {
    // A = Q diag(3, 1, 0, −2) Qᵀ with Q an orthogonal (Householder) matrix
    const u = [0.5, -0.5, 0.5, 0.5];
    const q = (i: number, j: number) => (i === j ? 1 : 0) - 2 * (u[i] as number) * (u[j] as number);
    const lambda = [3, 1, 0, -2];
    const a = new Float64Array(16);
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) {
        let sum = 0;
        for (let k = 0; k < 4; k++) sum += q(i, k) * (lambda[k] as number) * q(j, k);
        a[i * 4 + j] = sum;
      }
    const { values, vectors } = symmetricEigen(a, 4);
    expect([...values].sort((x, y) => x - y).map((v) => Math.round(v * 1e12) / 1e12 + 0)).toEqual([
      -2, 0, 1, 3,
    ]);
    for (let k = 0; k < 4; k++) {
      for (let i = 0; i < 4; i++) {
        let av = 0;
        for (let j = 0; j < 4; j++) av += (a[i * 4 + j] as number) * (vectors[j * 4 + k] as number);
        expect(Math.abs(av - (values[k] as number) * (vectors[i * 4 + k] as number))).toBeLessThan(1e-12);
      }
    }
  });
});
