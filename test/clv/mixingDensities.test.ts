import { describe, expect, it } from 'vitest';
import { mixingDensities } from '../../src/index';
import { codeOf } from '../helpers/errors';
import { expectClose } from '../helpers/numbers';

const BG = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;

describe('mixingDensities', () => {
  it('BG/NBD (CDNOW fit): gamma and beta densities match the mpmath table of scripts/reference/posterior_means_new_customer.py to 1e-12', () => {
    const [lambda, p] = mixingDensities(BG, { points: 4 });
    // mpmath: the 0.99 quantile of Gamma(0.243, rate 4.414) and the densities at the cell midpoints
    const quantile = 0.5444639641137822;
    const gamma = [2.174303412014889, 0.5190489189895662, 0.19334712593592146, 0.08218408628829733];
    const beta = [2.1203855213376888, 1.0453751002965845, 0.45393444985374964, 0.08838320186310268];
    expect(lambda?.name).toBe('lambda');
    expect(lambda?.parameters).toEqual({ r: 0.243, alpha: 4.414 });
    lambda?.points.forEach(({ x, density }, i) => {
      expectClose(x, ((i + 0.5) / 4) * quantile, 1e-12);
      expectClose(density, gamma[i] as number, 1e-12);
    });
    expect(p?.family).toBe('beta');
    p?.points.forEach(({ x, density }, i) => {
      expect(x).toBe((i + 0.5) / 4);
      expectClose(density, beta[i] as number, 1e-12);
    });
    expectClose(lambda?.mean as number, 0.243 / 4.414);
    expectClose(lambda?.variance as number, 0.243 / 4.414 ** 2);
    expectClose(p?.variance as number, (0.793 * 2.426) / (3.219 ** 2 * 4.219));
  });

  it('every model names its distributions (the posterior means use the same names)', () => {
    const names = (model: string, params: object) =>
      mixingDensities({ model, params } as never, { points: 2 }).map((entry) => entry.name);
    expect(names('paretoNbd', { r: 0.5, alpha: 10, s: 0.6, beta: 11 })).toEqual(['lambda', 'mu']);
    expect(names('ggomNbd', { r: 0.5, alpha: 10, b: 0.05, s: 0.6, beta: 0.5 })).toEqual(['lambda', 'eta']);
    expect(names('nbd', { r: 0.5, alpha: 10 })).toEqual(['lambda']);
    expect(names('bgBb', { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.8 })).toEqual(['p', 'theta']);
    expect(names('gammaGamma', { p: 6.25, q: 3.74, gamma: 15.44 })).toEqual(['nu']);
    expect(names('shiftedBetaGeometric', { alpha: 0.7, beta: 1.2 })).toEqual(['theta']);
    expect(names('betaDiscreteWeibull', { alpha: 0.52, beta: 0.89, c: 1.2 })).toEqual(['theta']);
  });

  it('a density integrates to the quantile by the midpoint rule (gamma: 0.99 within the rule’s error)', () => {
    const [lambda] = mixingDensities({ model: 'nbd', params: { r: 3, alpha: 2 } }, { points: 2000 });
    const points = lambda?.points ?? [];
    const width = (points[1]?.x ?? 0) - (points[0]?.x ?? 0);
    const mass = points.reduce((sum, { density }) => sum + density * width, 0);
    expect(Math.abs(mass - 0.99)).toBeLessThan(1e-6);
  });

  it('refuses bad options with their codes', () => {
    expect(codeOf(() => mixingDensities(BG, { points: 1 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => mixingDensities(BG, { points: 2.5 }))).toBe('NOT_AN_INTEGER');
    expect(codeOf(() => mixingDensities(BG, { quantile: 1 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => mixingDensities(BG, { quantile: Number.NaN }))).toBe('NOT_FINITE');
    expect(codeOf(() => mixingDensities(BG, { point: 3 } as never))).toBe('INVALID_OPTION');
  });
});
