import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../src/math/proportion';

describe('wilsonInterval laws', () => {
  it('the interval stays within [0, 1], contains the share, and mirrors under successes → trials − successes', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 1_000_000 })
          .chain((trials) => fc.tuple(fc.integer({ min: 0, max: trials }), fc.constant(trials))),
        fc.double({ min: 0.1, max: 4, noNaN: true }),
        ([successes, trials], z) => {
          const { lower, upper } = wilsonInterval(successes, trials, z);
          const share = successes / trials;
          expect(lower).toBeGreaterThanOrEqual(0);
          expect(upper).toBeLessThanOrEqual(1);
          expect(lower).toBeLessThanOrEqual(share + 1e-12);
          expect(upper).toBeGreaterThanOrEqual(share - 1e-12);
          const mirror = wilsonInterval(trials - successes, trials, z);
          expect(Math.abs(mirror.lower - (1 - upper))).toBeLessThan(1e-12);
          expect(Math.abs(mirror.upper - (1 - lower))).toBeLessThan(1e-12);
        },
      ),
    );
  });
});
