// Shared by the property tests of the models.
import fc from 'fast-check';
import { expect } from 'vitest';
import type { ModelFit } from '../../src/index';
import { isDeepFinite } from '../helpers/numbers';

export const positive = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

export const bgParams = fc.record({
  r: positive(0.01, 20),
  alpha: positive(0.01, 500),
  a: positive(0.01, 20),
  b: positive(0.01, 50),
});

export const paretoParams = fc.record({
  r: positive(0.01, 20),
  alpha: positive(0.01, 500),
  s: positive(0.01, 20),
  beta: positive(0.01, 500),
});

export const nbdParams = fc.record({
  r: positive(0.01, 20),
  alpha: positive(0.01, 500),
});

/** GGom/NBD parameters from the Pareto/NBD limit (b = 1e−6) to a steeply rising hazard (b = 5 per unit). */
export const ggomParams = fc.record({
  r: positive(0.01, 20),
  alpha: positive(0.01, 500),
  b: positive(1e-6, 5),
  s: positive(0.01, 20),
  beta: positive(1e-6, 1e4),
});

export const continuousFit = fc.oneof(
  bgParams.map((params) => ({ model: 'bgNbd' as const, params })),
  bgParams.map((params) => ({ model: 'mbgNbd' as const, params })),
  paretoParams.map((params) => ({ model: 'paretoNbd' as const, params })),
  nbdParams.map((params) => ({ model: 'nbd' as const, params })),
  ggomParams.map((params) => ({ model: 'ggomNbd' as const, params })),
);

/** A consistent (x, t_x, T), including the extremes of the issue: x up to 10⁴, T up to 10⁵, t_x = T. */
export const history = fc
  .record({
    frequency: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 10_000 })),
    T: fc.oneof(positive(0.01, 100), positive(1, 100_000)),
    share: fc.oneof(fc.constant(1), positive(0.001, 1)),
  })
  .map(({ frequency, T, share }) => ({ frequency, recency: frequency === 0 ? 0 : T * share, T }));

/** Rows drawn from a BG/NBD-like process with extreme shapes allowed. */
export const summaryRows = fc.array(
  fc
    .record({ h: history, weight: fc.integer({ min: 1, max: 50 }) })
    .map(({ h, weight }) => ({ ...h, weight })),
  { minLength: 1, maxLength: 12 },
);

/** Finite, positive parameters, a reason when not converged, and a JSON round trip. */
export function wellFormed(fit: ModelFit): void {
  expect(isDeepFinite(fit)).toBe(true);
  expect(Object.values(fit.params).every((value) => (value as number) > 0)).toBe(true);
  if (!fit.converged) expect(typeof fit.reason).toBe('string');
  expect(JSON.parse(JSON.stringify(fit))).toEqual(fit);
}

/** BG/BB rows: x ≤ t_x ≤ n ≤ 12, t_x = 0 exactly when x = 0. */
export const discreteSummaryRows = fc.array(
  fc
    .record({
      n: fc.integer({ min: 1, max: 12 }),
      x: fc.nat(),
      t: fc.nat(),
      weight: fc.integer({ min: 1, max: 100 }),
    })
    .map(({ n, x, t, weight }) => {
      const recency = t % (n + 1);
      const frequency = recency === 0 ? 0 : 1 + (x % recency);
      return { frequency, recency, periods: n, weight };
    }),
  { minLength: 1, maxLength: 10 },
);

/** Gamma-Gamma rows: frequency 1 to 10⁴, monetary value 0.01 to 10⁶. */
export const spendSummaryRows = fc.array(
  fc.record({ frequency: fc.integer({ min: 1, max: 10_000 }), monetaryValue: positive(0.01, 1e6) }),
  { minLength: 1, maxLength: 10 },
);

/** A cohort's survivor counts: non-increasing, starting above 0. */
export const survivorCounts = fc
  .array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 10 })
  .map((counts) => [...counts].sort((a, b) => b - a))
  .filter((counts) => (counts[0] as number) > 0);

/** BG/NBD parameters in the region real fits reach (CDNOW-like shapes, weekly data). */
export const realisticBgParams = fc.record({
  r: positive(0.05, 5),
  alpha: positive(1, 100),
  a: positive(0.1, 5),
  b: positive(0.5, 20),
});

/** Pareto/NBD parameters in the region real fits reach. */
export const realisticParetoParams = fc.record({
  r: positive(0.05, 5),
  alpha: positive(1, 100),
  s: positive(0.1, 5),
  beta: positive(1, 100),
});

/** BG/NBD, MBG/NBD and Pareto/NBD fits in the region real fits reach. */
export const realisticFit = fc.oneof(
  realisticBgParams.map((params) => ({ model: 'bgNbd' as const, params })),
  realisticBgParams.map((params) => ({ model: 'mbgNbd' as const, params })),
  realisticParetoParams.map((params) => ({ model: 'paretoNbd' as const, params })),
);

/** NBD parameters in the region real fits reach (CDNOW-like shapes, weekly data over one or two years). */
export const fittedNbdParams = fc.record({ r: positive(0.05, 5), alpha: positive(1, 100) });

/** GGom/NBD in that region: b from a Pareto/NBD-like 1e−6 to a steep 1 per week, beta as fits reach. */
export const fittedGgomParams = fc.record({
  r: positive(0.05, 5),
  alpha: positive(1, 100),
  b: positive(1e-6, 1),
  s: positive(0.1, 5),
  beta: positive(1e-6, 100),
});

/**
 * An NBD fit and the GGom/NBD fit that nests it without dropout: the same r and α, beta = 1e12 (so η ≈ 0)
 * and b up to `maxB` per week (which bounds how soon e^(bτ) brings the dropout back).
 */
export const withoutDropout = (maxB: number) =>
  fc.record({ nbd: fittedNbdParams, b: positive(1e-6, maxB), s: positive(0.1, 5) }).map(({ nbd, b, s }) => ({
    nbd: { model: 'nbd' as const, params: nbd },
    ggom: { model: 'ggomNbd' as const, params: { ...nbd, b, s, beta: 1e12 } },
  }));
