import fc from 'fast-check';
import { describe, it } from 'vitest';
import { fitGammaGamma } from '../../../src/index';
import { spendSummaryRows, wellFormed } from '../arbitraries';

describe('Gamma-Gamma fits on extreme but valid data', () => {
  it('Gamma-Gamma fits are well formed on random valid data', () => {
    fc.assert(
      fc.property(spendSummaryRows, (rows) => wellFormed(fitGammaGamma(rows))),
      { numRuns: 30 },
    );
  });
});
