import { describe, expect, it } from 'vitest';
import { expectedPurchases, probabilityAlive, scoreCustomers } from '../../../src/index';
import {
  expectedIfAliveReference,
  expectedPurchasesReference,
  probabilityAliveReference,
  survivalReference,
} from '../../helpers/betaMixtureReference';

// Issue 15, item 1: BG/NBD and MBG/NBD expectations checked against an independent quadrature of the
// defining integral E_p[(1 − (1 + p·u)^(−k))/p] (test/helpers/betaMixtureReference.ts) over a grid that is
// dense in a around 1, with horizons up to 1e5 and frequencies up to 1e4.
const TOLERANCE = 1e-9;
const A_GRID = [0.9, 0.99, 0.999, 0.9999, 1.0001, 1.0011, 1.003, 1.005, 1.01, 1.05, 1.2];
const T_GRID = [1, 1000, 100_000];
const X_GRID = [0, 1, 100, 10_000];
const CDNOW = { r: 0.243, alpha: 4.414, b: 2.426 };
const T = 38.86;
const TX = 30.43;
const MODELS = [
  ['bgNbd', 0],
  ['mbgNbd', 1],
] as const;

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe('BG/NBD and MBG/NBD expectations near a = 1 and at long horizons (issue 15)', () => {
  it('expectedPurchases(fit, 10000) at a = 1.0011 is 8.6969, not 692 (regression)', () => {
    const fit = { model: 'bgNbd', params: { ...CDNOW, a: 1.0011 } } as const;
    const value = expectedPurchases(fit, 10_000);
    expect(relativeError(value, expectedPurchasesReference(fit.params, 10_000, 0))).toBeLessThan(TOLERANCE);
    expect(Math.abs(value - 8.6969)).toBeLessThan(1e-4);
  });

  it('unconditional expected purchases match the defining integral to 1e-9 over the grid', () => {
    let worst = 0;
    for (const [model, shift] of MODELS) {
      for (const a of A_GRID) {
        const params = { ...CDNOW, a };
        for (const t of T_GRID) {
          const error = relativeError(
            expectedPurchases({ model, params }, t),
            expectedPurchasesReference(params, t, shift),
          );
          worst = Math.max(worst, error);
          expect(error, `${model} a=${a} t=${t}`).toBeLessThan(TOLERANCE);
        }
      }
    }
    expect(worst).toBeLessThan(TOLERANCE);
  });

  it('conditional expected purchases (and scoreCustomers) match the defining integral to 1e-9 over the grid', () => {
    for (const [model, shift] of MODELS) {
      for (const a of A_GRID) {
        const params = { ...CDNOW, a };
        for (const x of X_GRID) {
          const tx = x === 0 ? 0 : TX;
          const customer = { frequency: x, recency: tx, T };
          const alive = probabilityAliveReference(params, x, tx, T, shift);
          for (const t of T_GRID) {
            const reference = alive * expectedIfAliveReference(params, x, T, t, shift);
            if (reference < 1e-300) continue; // beyond doubles (x = 10⁴ customers long inactive)
            const where = `${model} a=${a} x=${x} t=${t}`;
            const value = expectedPurchases({ model, params }, t, customer);
            expect(relativeError(value, reference), where).toBeLessThan(TOLERANCE);
            const scores = scoreCustomers({ model, params }, [customer], { horizon: t });
            const scored = scores.expectedPurchases[0] ?? Number.NaN;
            expect(relativeError(scored, reference), where).toBeLessThan(TOLERANCE);
          }
        }
      }
    }
  });

  it('P(alive at T + h) matches the defining integral to 1e-9 over the grid and for a down to 0.002', () => {
    for (const [model, shift] of MODELS) {
      for (const a of [0.002, 0.05, ...A_GRID]) {
        const params = { ...CDNOW, a };
        for (const x of X_GRID) {
          const tx = x === 0 ? 0 : TX;
          const alive = probabilityAliveReference(params, x, tx, T, shift);
          for (const h of T_GRID) {
            const reference = alive * survivalReference(params, x, T, h, shift);
            if (reference < 1e-300) continue;
            const value = probabilityAlive(
              { model, params },
              { frequency: x, recency: tx, T },
              { horizon: h },
            );
            expect(relativeError(value, reference), `${model} a=${a} x=${x} h=${h}`).toBeLessThan(TOLERANCE);
          }
        }
      }
    }
  });
});
