import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { posteriorMeans } from '../../src/index';
import { positive, realisticBgParams, realisticFit, realisticParetoParams } from './arbitraries';

const bg = realisticBgParams;
const pareto = realisticParetoParams;
const T = positive(1, 100);

describe('posteriorMeans laws', () => {
  it('a probability stays in (0, 1) and a rate above 0, finite', () => {
    fc.assert(
      fc.property(
        realisticFit,
        fc.integer({ min: 0, max: 50 }),
        T,
        positive(0.01, 1),
        (fit, frequency, age, share) => {
          const means = posteriorMeans(fit, {
            frequency,
            recency: frequency === 0 ? 0 : age * share,
            T: age,
          });
          for (const [name, value] of Object.entries(means)) {
            expect(Number.isFinite(value)).toBe(true);
            expect(value).toBeGreaterThan(0);
            if (name === 'p') expect(value).toBeLessThan(1);
          }
        },
      ),
    );
  });

  it('Pareto/NBD: one more purchase by the same recency raises E[λ] (more purchases, same exposure)', () => {
    fc.assert(
      fc.property(
        pareto,
        fc.integer({ min: 1, max: 30 }),
        T,
        positive(0.05, 1),
        (params, frequency, age, share) => {
          const fit = { model: 'paretoNbd' as const, params };
          const recency = age * share;
          const fewer = posteriorMeans(fit, { frequency, recency, T: age }).lambda as number;
          const more = posteriorMeans(fit, { frequency: frequency + 1, recency, T: age }).lambda as number;
          expect(more).toBeGreaterThan(fewer * (1 - 1e-12));
        },
      ),
    );
  });

  it('BG/NBD: a later last purchase (same x, same T) lowers the dropout mean E[p]', () => {
    fc.assert(
      fc.property(
        bg,
        fc.integer({ min: 1, max: 30 }),
        T,
        positive(0.05, 0.9),
        (params, frequency, age, share) => {
          const fit = { model: 'bgNbd' as const, params };
          const early = posteriorMeans(fit, { frequency, recency: age * share, T: age }).p as number;
          const late = posteriorMeans(fit, { frequency, recency: age, T: age }).p as number;
          expect(late).toBeLessThanOrEqual(early * (1 + 1e-12));
        },
      ),
    );
  });

  it('with no history at all (T → 0) the posterior is the prior: E[λ] = r/α, E[p] = a/(a + b)', () => {
    fc.assert(
      fc.property(bg, (params) => {
        const means = posteriorMeans({ model: 'bgNbd', params }, { frequency: 0, recency: 0, T: 1e-12 });
        expect(Math.abs((means.lambda as number) / (params.r / params.alpha) - 1)).toBeLessThan(1e-9);
        expect(Math.abs((means.p as number) / (params.a / (params.a + params.b)) - 1)).toBeLessThan(1e-9);
      }),
    );
  });
});
