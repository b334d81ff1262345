import { describe, expectTypeOf, it } from 'vitest';
import {
  type CalendarOptions,
  type EventInput,
  fitBgNbd,
  isPatronageError,
  type ModelFit,
  netPromoterScore,
  type PatronageError,
  type PatronageErrorCode,
  type PatronageEvent,
  parseEvents,
  type RejectedRow,
  retentionProfitImpact,
  retentionRate,
  returnOnRelationshipFromIds,
  startOfPeriod,
  sumMoney,
} from '../../src/index';

describe('public types', () => {
  it('scalar formulas return numbers', () => {
    expectTypeOf(retentionRate).returns.toEqualTypeOf<number>();
    expectTypeOf(netPromoterScore).returns.toEqualTypeOf<number>();
  });

  it('formulas take readonly inputs and any iterable of scores', () => {
    const scores: readonly number[] = [9, 10];
    expectTypeOf(netPromoterScore).toBeCallableWith(scores);
    expectTypeOf(netPromoterScore).toBeCallableWith(new Set([9]));
    expectTypeOf(sumMoney).toBeCallableWith(new Set([1.5]));
  });

  it('count arguments are required and named', () => {
    // @ts-expect-error newCustomers is missing
    retentionRate({ customersAtStart: 1, customersAtEnd: 1 });
  });

  it('parseEvents returns readonly events and rejected rows', () => {
    expectTypeOf(parseEvents).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf(parseEvents([]).events).toEqualTypeOf<readonly PatronageEvent[]>();
    expectTypeOf(parseEvents([]).rejected).toEqualTypeOf<readonly RejectedRow[]>();
  });

  it('events narrow on type', () => {
    const event = {} as PatronageEvent;
    if (event.type === 'purchase') expectTypeOf(event.amount).toEqualTypeOf<number>();
    if (event.type === 'points')
      expectTypeOf(event.kind).toEqualTypeOf<'earn' | 'redeem' | 'expire' | 'adjust'>();
    if (event.type === 'support') expectTypeOf(event.resolvedAt).toEqualTypeOf<number | undefined>();
  });

  it('event inputs accept Dates and ISO strings for their times', () => {
    const input: EventInput = {
      type: 'support',
      customerId: 'c',
      at: new Date(),
      firstResponseAt: '2024-01-01T00:00:00Z',
    };
    expectTypeOf(input).toMatchTypeOf<EventInput>();
    // @ts-expect-error a purchase needs an amount
    const missing: EventInput = { type: 'purchase', customerId: 'c', at: 0 };
    void missing;
  });

  it('isPatronageError narrows to PatronageError with a typed code', () => {
    const caught: unknown = undefined;
    if (isPatronageError(caught)) {
      expectTypeOf(caught).toEqualTypeOf<PatronageError>();
      expectTypeOf(caught.code).toEqualTypeOf<PatronageErrorCode>();
    }
  });

  it('calendar options restrict weekStartsOn to 0-6', () => {
    expectTypeOf<CalendarOptions['weekStartsOn']>().toEqualTypeOf<0 | 1 | 2 | 3 | 4 | 5 | 6 | undefined>();
    // @ts-expect-error 'fortnight' is not a period
    startOfPeriod(0, 'fortnight');
  });

  it('structured results have named fields', () => {
    expectTypeOf(retentionProfitImpact({ retentionRate: 0.5, retentionIncrease: 0.1 })).toEqualTypeOf<{
      readonly baselineValue: number;
      readonly improvedValue: number;
      readonly profitIncrease: number;
    }>();
    expectTypeOf(returnOnRelationshipFromIds).returns.toHaveProperty('ror').toEqualTypeOf<number>();
  });

  it('a fit has a log-likelihood, or null when it could not be evaluated anywhere', () => {
    expectTypeOf<ModelFit['logLikelihood']>().toEqualTypeOf<number | null>();
    expectTypeOf(fitBgNbd).returns.toHaveProperty('logLikelihood').toEqualTypeOf<number | null>();
    expectTypeOf(fitBgNbd).returns.toHaveProperty('params').toHaveProperty('alpha').toEqualTypeOf<number>();
  });
});
