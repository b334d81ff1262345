import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { toEpochMs } from '../../src/index';
import { codeOf } from '../helpers/errors';

describe('toEpochMs', () => {
  it('reads a date as midnight UTC', () => {
    expect(toEpochMs('2024-03-15')).toBe(Date.UTC(2024, 2, 15));
  });

  it('reads a date-time without an offset as UTC, whatever the machine zone', () => {
    expect(toEpochMs('2024-03-15T10:30:00')).toBe(Date.UTC(2024, 2, 15, 10, 30));
  });

  it('applies an explicit offset', () => {
    expect(toEpochMs('2024-03-15T10:30:00+07:00')).toBe(Date.UTC(2024, 2, 15, 3, 30));
    expect(toEpochMs('2024-03-15T10:30:00-0230')).toBe(Date.UTC(2024, 2, 15, 13, 0));
  });

  it('keeps milliseconds', () => {
    expect(toEpochMs('2024-03-15T10:30:00.123Z')).toBe(Date.UTC(2024, 2, 15, 10, 30, 0, 123));
  });

  it('accepts a space instead of T', () => {
    expect(toEpochMs('1997-01-01 00:00:00')).toBe(Date.UTC(1997, 0, 1));
  });

  it('reads the years 0-99 literally, not as 1900-1999', () => {
    expect(new Date(toEpochMs('0044-03-15')).getUTCFullYear()).toBe(44);
  });

  it('passes epoch milliseconds and Dates through', () => {
    expect(toEpochMs(1_700_000_000_000)).toBe(1_700_000_000_000);
    expect(toEpochMs(new Date(1_700_000_000_000))).toBe(1_700_000_000_000);
  });

  it('normalises −0 to 0', () => {
    expect(Object.is(toEpochMs(-0), 0)).toBe(true);
  });

  it('accepts 29 February in a leap year only', () => {
    expect(toEpochMs('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(codeOf(() => toEpochMs('2023-02-29'))).toBe('INVALID_TIMESTAMP');
    expect(codeOf(() => toEpochMs('1900-02-29'))).toBe('INVALID_TIMESTAMP');
    expect(toEpochMs('2000-02-29')).toBe(Date.UTC(2000, 1, 29));
  });

  it('rejects what it would otherwise have to guess', () => {
    for (const bad of [
      '03/15/2024',
      '2024-3-15',
      '2024-03-15T25:00:00Z',
      '2024-13-01',
      '',
      'yesterday',
      '2024-03-15T10:00:00+25:00',
    ]) {
      expect(
        codeOf(() => toEpochMs(bad)),
        bad,
      ).toBe('INVALID_TIMESTAMP');
    }
  });

  it('rejects an invalid Date, non-finite numbers and values beyond the Date range', () => {
    expect(codeOf(() => toEpochMs(new Date('nope')))).toBe('INVALID_TIMESTAMP');
    expect(codeOf(() => toEpochMs(Number.NaN))).toBe('INVALID_TIMESTAMP');
    expect(codeOf(() => toEpochMs(Number.POSITIVE_INFINITY))).toBe('INVALID_TIMESTAMP');
    expect(codeOf(() => toEpochMs(9e15))).toBe('INVALID_TIMESTAMP');
  });

  it('rejects other types', () => {
    expect(codeOf(() => toEpochMs(null as unknown as string))).toBe('INVALID_TIMESTAMP');
    expect(codeOf(() => toEpochMs({} as unknown as string))).toBe('INVALID_TIMESTAMP');
  });
});

describe('toEpochMs with expanded years', () => {
  it('reads the ±YYYYYY years that toISOString writes', () => {
    expect(toEpochMs('+010000-01-01T00:00:00.000Z')).toBe(253_402_300_800_000);
    expect(toEpochMs('-000001-12-31')).toBe(new Date('-000001-12-31T00:00:00Z').getTime());
  });

  it('rejects the year -000000', () => {
    expect(codeOf(() => toEpochMs('-000000-01-01'))).toBe('INVALID_TIMESTAMP');
  });
});

describe('toEpochMs with a Date from another realm (issue 15 item 11)', () => {
  it('accepts a node:vm Date and refuses an invalid one', () => {
    expect(toEpochMs(runInNewContext('new Date(86400000)') as Date)).toBe(86_400_000);
    expect(codeOf(() => toEpochMs(runInNewContext('new Date(NaN)') as Date))).toBe('INVALID_TIMESTAMP');
  });
});
