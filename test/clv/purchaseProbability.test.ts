import { describe, expect, it } from 'vitest';
import { purchaseProbability } from '../../src/index';
import { bgPurchaseProbabilityReference } from '../helpers/purchaseProbabilityReference';

// Issue 15, item 2: far tails of P(X(t) = count) keep their relative accuracy (reference:
// test/helpers/purchaseProbabilityReference.ts, eq. 8 with the NBD tail summed directly).
const TOLERANCE = 1e-9;
const CDNOW = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('purchaseProbability far tails (issue 15)', () => {
  it('BG/NBD P(X(10) = 1000) is 1.4e-164, not 7.2e-22 from 1 − Σ (regression)', () => {
    const value = purchaseProbability({ model: 'bgNbd', params: CDNOW }, 1000, 10);
    const reference = bgPurchaseProbabilityReference(CDNOW, 1000, 10, 0);
    expect(reference).toBeGreaterThan(1.3e-164);
    expect(reference).toBeLessThan(1.5e-164);
    expect(Math.abs(value - reference) / reference).toBeLessThan(TOLERANCE);
  });
});
