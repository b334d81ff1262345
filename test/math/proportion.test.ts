import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../src/math/normal';
import { wilsonInterval } from '../../src/math/proportion';
import { expectClose } from '../helpers/numbers';

const Z95 = normalQuantile(0.975);

describe('wilsonInterval', () => {
  it('matches Newcombe (1998) table I: 81 of 263 gives 0.2553 to 0.3662', () => {
    const { lower, upper } = wilsonInterval(81, 263, Z95);
    expect(lower.toFixed(4)).toBe('0.2553');
    expect(upper.toFixed(4)).toBe('0.3662');
  });

  it('follows the closed form: 5 of 10 at z = 1.96 gives centre 0.5 and half-width z·√(0.025 + z²/400)/(1 + z²/10)', () => {
    const z = 1.96;
    const half = (z * Math.sqrt(0.025 + (z * z) / 400)) / (1 + (z * z) / 10);
    const { lower, upper } = wilsonInterval(5, 10, z);
    expectClose(lower, 0.5 - half);
    expectClose(upper, 0.5 + half);
  });

  it('reaches 0 with no successes and 1 with all, and is not degenerate there (0 of 10: 0 to 0.2775)', () => {
    expect(wilsonInterval(0, 10, Z95).lower).toBe(0);
    expectClose(wilsonInterval(0, 10, Z95).upper, 0.2775327998628892);
    expectClose(wilsonInterval(10, 10, Z95).upper, 1);
    expectClose(wilsonInterval(10, 10, Z95).lower, 1 - 0.2775327998628892);
  });
});
