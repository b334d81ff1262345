import { describe, expect, it } from 'vitest';
import { PatronageError } from '../../src/errors/PatronageError';
import {
  nearestKey,
  optionalObject,
  requireCount,
  requireSafeInteger,
  requireScore,
} from '../../src/internal/validate';

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

describe('the whole-number rule (requireSafeInteger, requireCount, requireScore)', () => {
  it('keeps safe integers of either sign', () => {
    expect(requireSafeInteger('f', 'n', -3)).toBe(-3);
    expect(requireSafeInteger('f', 'n', Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('words NOT_AN_INTEGER the same in all three, with the value in details', () => {
    for (const check of [
      () => requireSafeInteger('f', 'n', 1.5),
      () => requireCount('f', 'n', 1.5),
      () => requireScore('f', 'n', 1.5, 0, 10),
    ]) {
      let thrown: unknown;
      try {
        check();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(PatronageError);
      expect((thrown as PatronageError).code).toBe('NOT_AN_INTEGER');
      expect((thrown as PatronageError).message).toBe('f: n must be a whole number, got 1.5');
      expect((thrown as PatronageError).details).toEqual({ argument: 'n', value: 1.5 });
    }
  });

  it('refuses an integer beyond 2^53 as a count, and as a score only by its range', () => {
    expect(() => requireSafeInteger('f', 'n', 2 ** 60)).toThrow(
      expect.objectContaining({ code: 'NOT_AN_INTEGER' }),
    );
    expect(() => requireCount('f', 'n', 2 ** 60)).toThrow(
      expect.objectContaining({ code: 'NOT_AN_INTEGER' }),
    );
    expect(() => requireScore('f', 'n', 2 ** 60, 0, 10)).toThrow(
      expect.objectContaining({ code: 'OUT_OF_RANGE' }),
    );
  });

  it('leaves a non-number and a non-finite number to requireFinite', () => {
    expect(() => requireSafeInteger('f', 'n', '3')).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => requireSafeInteger('f', 'n', Number.NaN)).toThrow(
      expect.objectContaining({ code: 'NOT_FINITE' }),
    );
  });
});
