import { describe, expectTypeOf, it } from 'vitest';
import {
  type CorrelatedParetoNbdFit,
  fitBgNbd,
  fitParetoNbd,
  type ModelSpec,
  type ParetoNbdCorrelation,
  type ParetoNbdFit,
} from '../../src/index';

describe('correlated Pareto/NBD types', () => {
  const rows = [{ frequency: 1, recency: 2, T: 3 }];

  it('correlation: true returns a CorrelatedParetoNbdFit, without it a ParetoNbdFit', () => {
    expectTypeOf(fitParetoNbd(rows, { correlation: true })).toEqualTypeOf<CorrelatedParetoNbdFit>();
    expectTypeOf(fitParetoNbd(rows)).toEqualTypeOf<ParetoNbdFit>();
    expectTypeOf(fitParetoNbd(rows, { correlation: false })).toEqualTypeOf<ParetoNbdFit>();
    expectTypeOf<CorrelatedParetoNbdFit['correlation']>().toEqualTypeOf<ParetoNbdCorrelation>();
    expectTypeOf<ParetoNbdCorrelation['standardError']>().toEqualTypeOf<number | null>();
  });

  it('a correlated fit is a ModelSpec, and only Pareto/NBD takes the option', () => {
    expectTypeOf<CorrelatedParetoNbdFit>().toExtend<ModelSpec<'paretoNbd'>>();
    // @ts-expect-error BG/NBD has no correlated variant
    fitBgNbd(rows, { correlation: true });
  });
});
