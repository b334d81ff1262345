import { describe, expect, it } from 'vitest';
import { PatronageError } from '../../src/errors/PatronageError';
import { nearestKey, optionalObject } from '../../src/internal/validate';

describe('optionalObject with known keys', () => {
  const keys = ['at', 'validityDays', 'observationEnd'] as const;

  it('accepts omitted options and known keys', () => {
    expect(optionalObject('f', 'options', undefined, keys)).toEqual({});
    expect(optionalObject('f', 'options', { at: 1, validityDays: 2 }, keys)).toEqual({
      at: 1,
      validityDays: 2,
    });
  });

  it('names an unknown key and the nearest valid one', () => {
    let thrown: unknown;
    try {
      optionalObject('pointsBalance', 'options', { at: 1, validityDay: 365 }, keys);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PatronageError);
    const error = thrown as PatronageError;
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toBe(
      'pointsBalance: options has no option "validityDay"; did you mean "validityDays"?',
    );
    expect(error.details).toMatchObject({ option: 'validityDay', suggestion: 'validityDays' });
  });

  it('checks null-prototype objects too', () => {
    const options = Object.create(null) as Record<string, unknown>;
    options['observation_end'] = 5;
    expect(() => optionalObject('f', 'options', options, keys)).toThrow(/did you mean "observationEnd"/);
  });
});

describe('nearestKey', () => {
  it('ignores case, underscores and hyphens', () => {
    expect(nearestKey('observation_end', ['at', 'observationEnd'])).toBe('observationEnd');
    expect(nearestKey('TIME-ZONE', ['timeZone', 'unit'])).toBe('timeZone');
  });
  it('takes the smallest edit distance, transpositions counting one', () => {
    expect(nearestKey('peirods', ['period', 'periods', 'maxPeriods'])).toBe('periods');
    expect(nearestKey('graceDay', ['graceDays', 'validityDays'])).toBe('graceDays');
  });
  it('is null only without valid keys, and cheap on a hostile key', () => {
    expect(nearestKey('x', [])).toBeNull();
    expect(nearestKey('y'.repeat(1_000_000), ['at'])).toBe('at');
  });
});
