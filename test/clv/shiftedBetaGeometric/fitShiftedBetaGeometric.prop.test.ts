import fc from 'fast-check';
import { describe, it } from 'vitest';
import { fitShiftedBetaGeometric } from '../../../src/index';
import { survivorCounts, wellFormed } from '../arbitraries';

describe('shifted beta-geometric fits on extreme but valid data', () => {
  it('shifted beta-geometric fits are well formed on random valid data', () => {
    fc.assert(
      fc.property(survivorCounts, (counts) => wellFormed(fitShiftedBetaGeometric({ survivors: counts }))),
      { numRuns: 50 },
    );
  });
});
