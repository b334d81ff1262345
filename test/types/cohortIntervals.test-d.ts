import { describe, expectTypeOf, it } from 'vitest';
import type { CohortCellInterval, CohortIntervalOptions, CohortOptions, CohortRow } from '../../src/index';
import type { CohortHeatmapOptions } from '../../src/svg/index';

describe('cohort interval types', () => {
  it('the option is a boolean or a confidence level; rows may carry one nullable interval per cell', () => {
    expectTypeOf<CohortOptions['intervals']>().toEqualTypeOf<boolean | CohortIntervalOptions | undefined>();
    expectTypeOf<CohortIntervalOptions['confidenceLevel']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<CohortRow['intervals']>().toEqualTypeOf<
      readonly (CohortCellInterval | null)[] | undefined
    >();
    expectTypeOf<CohortCellInterval['direction']>().toEqualTypeOf<'higher' | 'lower' | null>();
    expectTypeOf<CohortCellInterval['pValue']>().toEqualTypeOf<number | null>();
    expectTypeOf<CohortHeatmapOptions['intervals']>().toEqualTypeOf<boolean | undefined>();
  });

  it('a confidence given as a bare number, or under another name, does not type-check', () => {
    // @ts-expect-error: the level goes in { confidenceLevel }
    const bare: CohortOptions = { intervals: 0.95 };
    // @ts-expect-error: the key is confidenceLevel
    const misnamed: CohortOptions = { intervals: { confidence: 0.95 } };
    expectTypeOf(bare).toEqualTypeOf<CohortOptions>();
    expectTypeOf(misnamed).toEqualTypeOf<CohortOptions>();
  });
});
