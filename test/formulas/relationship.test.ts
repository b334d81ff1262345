import { describe, expect, it } from 'vitest';
import { returnOnRelationship, returnOnRelationshipFromIds, vulnerabilityIndex } from '../../src/index';
import { codeOf } from '../helpers/errors';

describe('returnOnRelationship (corrected, docs/formulas.md §1.2)', () => {
  it('is referredOrRepeat / helped, not the inverted ratio the articles print', () => {
    expect(returnOnRelationship({ helped: 400, referredOrRepeat: 130 })).toBe(0.325);
  });

  it('is 1 when every helped customer is referred or repeat', () => {
    expect(returnOnRelationship({ helped: 12, referredOrRepeat: 12 })).toBe(1);
  });

  it('reports zero helped customers with NO_HELPED_CUSTOMERS', () => {
    expect(codeOf(() => returnOnRelationship({ helped: 0, referredOrRepeat: 0 }))).toBe(
      'NO_HELPED_CUSTOMERS',
    );
  });

  it('reports referred/repeat above helped with REFERRED_EXCEED_HELPED', () => {
    expect(codeOf(() => returnOnRelationship({ helped: 5, referredOrRepeat: 6 }))).toBe(
      'REFERRED_EXCEED_HELPED',
    );
  });
});

describe('returnOnRelationshipFromIds', () => {
  it('counts a customer who is both referred and repeat once', () => {
    const result = returnOnRelationshipFromIds({ helped: ['a', 'b'], referred: ['a'], repeat: ['a'] });
    expect(result).toEqual({ ror: 0.5, helped: 2, referredOrRepeat: 1 });
  });

  it('ignores referred or repeat customers who were not helped', () => {
    const result = returnOnRelationshipFromIds({ helped: ['a'], referred: ['x', 'y'], repeat: ['z'] });
    expect(result.ror).toBe(0);
  });

  it('counts repeated helped ids once', () => {
    expect(returnOnRelationshipFromIds({ helped: ['a', 'a', 'b'], referred: [], repeat: ['b'] }).helped).toBe(
      2,
    );
  });

  it('accepts Sets', () => {
    expect(
      returnOnRelationshipFromIds({ helped: new Set(['a']), referred: new Set(), repeat: new Set(['a']) })
        .ror,
    ).toBe(1);
  });

  it('rejects a non-string id with INVALID_ARGUMENT naming the position', () => {
    expect(() =>
      returnOnRelationshipFromIds({ helped: ['a', 3 as unknown as string], referred: [], repeat: [] }),
    ).toThrow('returnOnRelationshipFromIds: helped[1] must be a non-empty string id, got 3');
  });

  it('reports an empty helped list with NO_HELPED_CUSTOMERS', () => {
    expect(codeOf(() => returnOnRelationshipFromIds({ helped: [], referred: ['a'], repeat: [] }))).toBe(
      'NO_HELPED_CUSTOMERS',
    );
  });
});

describe('vulnerabilityIndex (docs/formulas.md §1.3)', () => {
  it('is VS / OS × 100 on the 0-100 scale', () => {
    expect(vulnerabilityIndex({ observed: 250, vulnerable: 40 })).toBe(16);
  });

  it('reports an empty Observation Set with EMPTY_OBSERVATION_SET', () => {
    expect(codeOf(() => vulnerabilityIndex({ observed: 0, vulnerable: 0 }))).toBe('EMPTY_OBSERVATION_SET');
  });

  it('reports a Vulnerable Set larger than the Observation Set', () => {
    expect(codeOf(() => vulnerabilityIndex({ observed: 3, vulnerable: 4 }))).toBe(
      'VULNERABLE_EXCEED_OBSERVED',
    );
  });
});
