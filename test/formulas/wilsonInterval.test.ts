import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../src/index';
import { codeOf } from '../helpers/errors';
import { expectClose } from '../helpers/numbers';

describe('wilsonInterval', () => {
  it('matches Wilson (1927) by hand: 30 of 100 at z = 1.96', () => {
    // centre (0.3 + 1.96²/200) / (1 + 1.96²/100), half-width 1.96·√(0.0021 + 1.96²/40000) / (1 + 1.96²/100)
    const z2 = 1.96 * 1.96;
    const centre = (0.3 + z2 / 200) / (1 + z2 / 100);
    const half = (1.96 * Math.sqrt((0.3 * 0.7) / 100 + z2 / 40_000)) / (1 + z2 / 100);
    const { lower, upper } = wilsonInterval(30, 100);
    expectClose(lower, centre - half);
    expectClose(upper, centre + half);
  });

  it('stays inside [0, 1] at the ends and widens with z', () => {
    expect(wilsonInterval(0, 5).lower).toBe(0);
    expect(wilsonInterval(5, 5).upper).toBe(1);
    const narrow = wilsonInterval(10, 40);
    const wide = wilsonInterval(10, 40, { z: 2.576 });
    expect(wide.lower).toBeLessThan(narrow.lower);
    expect(wide.upper).toBeGreaterThan(narrow.upper);
  });

  it('refuses counts that are not a share and a z not above 0', () => {
    expect(codeOf(() => wilsonInterval(1, 0))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => wilsonInterval(6, 5))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => wilsonInterval(1.5, 5))).toBe('NOT_AN_INTEGER');
    expect(codeOf(() => wilsonInterval(-1, 5))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => wilsonInterval(Number.NaN, 5))).toBe('NOT_FINITE');
    expect(codeOf(() => wilsonInterval(1, 5, { z: 0 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => wilsonInterval(1, 5, { z: 1e154 }))).toBe('OUT_OF_RANGE'); // z² would overflow
    expect(codeOf(() => wilsonInterval(1, 5, { level: 0.9 } as never))).toBe('INVALID_OPTION');
  });
});
