import fc from 'fast-check';
import { describe, it } from 'vitest';
import { fitBgBb } from '../../../src/index';
import { discreteSummaryRows, wellFormed } from '../arbitraries';

describe('BG/BB fits on extreme but valid data', () => {
  it('BG/BB fits are well formed on random valid data', () => {
    fc.assert(
      fc.property(discreteSummaryRows, (rows) => wellFormed(fitBgBb(rows))),
      { numRuns: 30 },
    );
  });
});
