import { describe, expectTypeOf, it } from 'vitest';
import {
  type CohortBracket,
  type CohortMode,
  type CohortOptions,
  type NDayRetentionOptions,
  type NDayRetentionRow,
  nDayRetention,
  nDayRetentionColumns,
} from '../../src/index';

describe('retention mode types', () => {
  it('CohortMode names the four modes, and a bracket is a pair of numbers', () => {
    expectTypeOf<CohortMode>().toEqualTypeOf<'return-on' | 'return-on-or-after' | 'recurring' | 'brackets'>();
    expectTypeOf<CohortBracket>().toEqualTypeOf<readonly [first: number, last: number]>();
    expectTypeOf<CohortOptions['mode']>().toEqualTypeOf<CohortMode | undefined>();
    expectTypeOf<CohortOptions['brackets']>().toEqualTypeOf<readonly CohortBracket[] | undefined>();
  });

  it('a bracket that is not a pair does not type-check', () => {
    // @ts-expect-error: a bracket has two bounds
    const triple: CohortOptions = { mode: 'brackets', brackets: [[1, 7, 9]] };
    // @ts-expect-error: not a mode
    const rolling: CohortOptions = { mode: 'rolling' };
    expectTypeOf(triple).toEqualTypeOf<CohortOptions>();
    expectTypeOf(rolling).toEqualTypeOf<CohortOptions>();
  });

  it('nDayRetention and its columnar variant return rows with a nullable rate', () => {
    expectTypeOf(nDayRetention).returns.toEqualTypeOf<NDayRetentionRow[]>();
    expectTypeOf(nDayRetentionColumns).returns.toEqualTypeOf<NDayRetentionRow[]>();
    expectTypeOf<NDayRetentionRow['rate']>().toEqualTypeOf<number | null>();
    expectTypeOf<NDayRetentionOptions['mode']>().toEqualTypeOf<
      'return-on' | 'return-on-or-after' | undefined
    >();
  });
});
