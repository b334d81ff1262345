import { describe, expect, it } from 'vitest';
import {
  customerEffortScore,
  customerSatisfactionScore,
  netPromoterScore,
  netPromoterScoreFromCounts,
} from '../../src/index';
import { codeOf } from '../helpers/errors';

describe('netPromoterScore', () => {
  it('counts 9-10 as promoters, 0-6 as detractors and 7-8 as passives', () => {
    // promoters 10, 9, 9, 10; passives 8, 7; detractors 6, 3: (4 − 2) / 8 × 100
    expect(netPromoterScore([10, 9, 9, 8, 7, 6, 3, 10])).toBe(25);
  });

  it('is 100 for all promoters and −100 for all detractors', () => {
    expect(netPromoterScore([9, 10])).toBe(100);
    expect(netPromoterScore([0, 6])).toBe(-100);
  });

  it('returns 0, not −0, when promoters and detractors balance', () => {
    expect(Object.is(netPromoterScore([10, 0]), 0)).toBe(true);
  });

  it('accepts any iterable', () => {
    expect(netPromoterScore(new Set([10, 7]))).toBe(50);
  });

  it('reports no answers with EMPTY_INPUT', () => {
    expect(codeOf(() => netPromoterScore([]))).toBe('EMPTY_INPUT');
  });

  it('rejects 11 and 8.5 with distinct codes, naming the position', () => {
    expect(codeOf(() => netPromoterScore([11]))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => netPromoterScore([8.5]))).toBe('NOT_AN_INTEGER');
    expect(() => netPromoterScore([9, 11])).toThrow(
      'netPromoterScore: scores[1] (11) must be between 0 and 10',
    );
  });
});

describe('netPromoterScoreFromCounts', () => {
  it('equals netPromoterScore on the answers behind the counts', () => {
    const answers = [10, 9, 8, 7, 7, 5, 0];
    expect(netPromoterScoreFromCounts({ promoters: 2, passives: 3, detractors: 2 })).toBe(
      netPromoterScore(answers),
    );
  });

  it('reports no respondents with EMPTY_INPUT', () => {
    expect(codeOf(() => netPromoterScoreFromCounts({ promoters: 0, passives: 0, detractors: 0 }))).toBe(
      'EMPTY_INPUT',
    );
  });
});

describe('customerSatisfactionScore', () => {
  it('is the share of 4 and 5 ratings on the default 1-5 scale', () => {
    expect(customerSatisfactionScore([5, 4, 3, 5, 2])).toBe(0.6);
  });

  it('uses the given scale and threshold', () => {
    expect(customerSatisfactionScore([10, 8, 7, 1], { scaleMaximum: 10, satisfiedFrom: 8 })).toBe(0.5);
  });

  it('rejects a 0 rating on a 1-5 scale', () => {
    expect(codeOf(() => customerSatisfactionScore([0]))).toBe('OUT_OF_RANGE');
  });

  it('rejects a threshold above the scale', () => {
    expect(codeOf(() => customerSatisfactionScore([3], { satisfiedFrom: 6 }))).toBe('OUT_OF_RANGE');
  });

  it('reports no ratings with EMPTY_INPUT', () => {
    expect(codeOf(() => customerSatisfactionScore([]))).toBe('EMPTY_INPUT');
  });
});

describe('customerEffortScore', () => {
  it('is the mean answer on the 1-7 scale', () => {
    expect(customerEffortScore([7, 6, 5, 6])).toBe(6);
  });

  it('rejects an 8 on the default scale', () => {
    expect(codeOf(() => customerEffortScore([8]))).toBe('OUT_OF_RANGE');
  });

  it('accepts a 1-5 scale when asked', () => {
    expect(customerEffortScore([5, 4], { scaleMaximum: 5 })).toBe(4.5);
  });
});
