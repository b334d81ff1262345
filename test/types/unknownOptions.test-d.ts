// Which exports take options: every export of both entries with a (non-list, non-function) object
// parameter is either in the unknown-option sweep (test/helpers/optionCalls.ts) or declared here as
// taking data records only. A new export taking an object fails this test until it is put in one of
// the two, so a new options object cannot miss the sweep.
import { describe, expectTypeOf, it } from 'vitest';
import type * as core from '../../src/index';
import { optionKeys } from '../../src/internal/validate';
import type * as sql from '../../src/sql/index';
import type * as svg from '../../src/svg/index';
import type { OPTION_CALLS } from '../helpers/optionCalls';

/**
 * Exports whose object parameters are data, not options: model fits, customer histories and summary
 * rows, the fits' rows given as columns (whose other keys are ignored, as a row's other fields are), accumulator states, and the formulas' records of required named inputs (a misspelt required
 * field is already an error, and callers may pass a larger object they hold).
 */
type DataOnly =
  | 'acquisitionRetentionCostRatio'
  | 'averageOrderValue'
  | 'churnRate'
  | 'cohortAccumulatorFromJSON'
  | 'conditionalPurchaseProbability'
  | 'contractSurvival'
  | 'expectedAverageSpend'
  | 'expectedPurchases'
  | 'posteriorMeans'
  | 'grossRevenueRetention'
  | 'historicLifetimeValue'
  | 'logLikelihoodAt'
  | 'netPromoterScoreFromCounts'
  | 'netRevenueRetention'
  | 'periodAccumulatorFromJSON'
  | 'purchaseFrequency'
  | 'purchaseProbability'
  | 'repeatPurchaseRate'
  | 'retentionRate'
  | 'returningRevenueShare'
  | 'returningSpendUplift'
  | 'returnOnInvestment'
  | 'returnOnRelationship'
  | 'returnOnRelationshipFromIds'
  | 'rfmAccumulatorFromJSON'
  | 'vulnerabilityIndex';

type Exports = typeof core & typeof svg & typeof sql;

type IsRecord<T> = unknown extends T
  ? false
  : [NonNullable<T>] extends [never]
    ? false
    : NonNullable<T> extends ((...args: never[]) => unknown) | readonly unknown[] | Iterable<unknown>
      ? false
      : NonNullable<T> extends object
        ? true
        : false;

type TakesRecord<F> = F extends (...args: infer A) => unknown
  ? true extends { [K in keyof A]: IsRecord<A[K]> }[number]
    ? true
    : false
  : false;

type ExportsTakingRecords = {
  [K in keyof Exports]: TakesRecord<Exports[K]> extends true ? K : never;
}[keyof Exports];

describe('exports that take options', () => {
  it('are each in the unknown-option sweep or declared data-only', () => {
    expectTypeOf<ExportsTakingRecords>().toEqualTypeOf<keyof typeof OPTION_CALLS | DataOnly>();
  });
});

describe('optionKeys', () => {
  interface Example {
    readonly at: number;
    readonly validityDays?: number;
  }
  it('accepts a complete list and rejects a list missing a key or naming a foreign one', () => {
    expectTypeOf(optionKeys<Example>()(['at', 'validityDays'])).toEqualTypeOf<
      readonly ('at' | 'validityDays')[]
    >();
    // @ts-expect-error: validityDays is missing from the list
    optionKeys<Example>()(['at']);
    // @ts-expect-error: validityDay is not a key of Example
    optionKeys<Example>()(['at', 'validityDays', 'validityDay']);
  });
});
