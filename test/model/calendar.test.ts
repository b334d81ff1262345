import { describe, expect, it } from 'vitest';
import { addPeriods, periodLabel, periodsBetween, startOfPeriod } from '../../src/index';
import { codeOf } from '../helpers/errors';

const iso = (epochMs: number): string => new Date(epochMs).toISOString();

describe('startOfPeriod', () => {
  it('puts 29 February in February and 1 March in March', () => {
    expect(iso(startOfPeriod('2024-02-29T23:59:59.999Z', 'month'))).toBe('2024-02-01T00:00:00.000Z');
    expect(iso(startOfPeriod('2024-03-01T00:00:00.000Z', 'month'))).toBe('2024-03-01T00:00:00.000Z');
  });

  it('puts the last millisecond of 31 January in January', () => {
    expect(iso(startOfPeriod('2023-01-31T23:59:59.999Z', 'month'))).toBe('2023-01-01T00:00:00.000Z');
  });

  it('starts weeks on Monday by default and on the given day otherwise', () => {
    expect(iso(startOfPeriod('2024-03-17T12:00:00Z', 'week'))).toBe('2024-03-11T00:00:00.000Z'); // a Sunday
    expect(iso(startOfPeriod('2024-03-17T12:00:00Z', 'week', { weekStartsOn: 0 }))).toBe(
      '2024-03-17T00:00:00.000Z',
    );
  });

  it('finds quarters and years', () => {
    expect(iso(startOfPeriod('2024-08-15', 'quarter'))).toBe('2024-07-01T00:00:00.000Z');
    expect(iso(startOfPeriod('2024-08-15', 'year'))).toBe('2024-01-01T00:00:00.000Z');
  });

  it('uses a fixed UTC offset', () => {
    // 2024-03-31 23:30 UTC is 2024-04-01 06:30 at UTC+7
    expect(iso(startOfPeriod('2024-03-31T23:30:00Z', 'month', { utcOffsetMinutes: 420 }))).toBe(
      '2024-03-31T17:00:00.000Z',
    );
  });

  it('gives a 23-hour day on the spring-forward date in New York', () => {
    const start = startOfPeriod('2024-03-10T12:00:00Z', 'day', { timeZone: 'America/New_York' });
    const next = addPeriods(start, 'day', 1, { timeZone: 'America/New_York' });
    expect(iso(start)).toBe('2024-03-10T05:00:00.000Z');
    expect((next - start) / 3_600_000).toBe(23);
  });

  it('gives a 25-hour day on the fall-back date in Bucharest', () => {
    const start = startOfPeriod('2024-10-27T12:00:00Z', 'day', { timeZone: 'Europe/Bucharest' });
    const next = addPeriods(start, 'day', 1, { timeZone: 'Europe/Bucharest' });
    expect((next - start) / 3_600_000).toBe(25);
  });

  it('starts a day at the transition where daylight saving time skips midnight (Santiago, 2024-09-08)', () => {
    // Chile moved clocks from 00:00 to 01:00 local on 8 September 2024: the day starts at 04:00 UTC (01:00 -03).
    expect(iso(startOfPeriod('2024-09-08T12:00:00Z', 'day', { timeZone: 'America/Santiago' }))).toBe(
      '2024-09-08T04:00:00.000Z',
    );
  });

  it('treats UTC and Etc/UTC as UTC', () => {
    expect(startOfPeriod('2024-05-05T05:05:05Z', 'day', { timeZone: 'UTC' })).toBe(Date.UTC(2024, 4, 5));
  });

  it('reports unknown zones, periods and conflicting options', () => {
    expect(codeOf(() => startOfPeriod(0, 'day', { timeZone: 'Mars/Olympus' }))).toBe('INVALID_TIME_ZONE');
    expect(codeOf(() => startOfPeriod(0, 'fortnight' as 'day'))).toBe('INVALID_PERIOD');
    expect(codeOf(() => startOfPeriod(0, 'day', { timeZone: 'UTC', utcOffsetMinutes: 0 }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => startOfPeriod(0, 'day', { utcOffsetMinutes: 30.5 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => startOfPeriod(0, 'week', { weekStartsOn: 7 as 0 }))).toBe('OUT_OF_RANGE');
  });
});

describe('addPeriods', () => {
  it('moves from 31 January to the start of February, not to 2 or 3 March', () => {
    expect(iso(addPeriods('2024-01-31', 'month', 1))).toBe('2024-02-01T00:00:00.000Z');
  });

  it('moves backwards across a year', () => {
    expect(iso(addPeriods('2024-01-15', 'month', -1))).toBe('2023-12-01T00:00:00.000Z');
  });

  it('moves by years from a leap day to the start of the year', () => {
    expect(iso(addPeriods('2024-02-29', 'year', 1))).toBe('2025-01-01T00:00:00.000Z');
  });

  it('rejects a fractional count', () => {
    expect(codeOf(() => addPeriods(0, 'day', 1.5))).toBe('NOT_AN_INTEGER');
  });
});

describe('periodsBetween and periodLabel', () => {
  it('counts calendar boundaries, not elapsed time', () => {
    expect(periodsBetween('2024-01-31T23:59:00Z', '2024-02-01T00:01:00Z', 'month')).toBe(1);
    expect(periodsBetween('2024-02-01', '2024-01-31', 'month')).toBe(-1);
    expect(periodsBetween('2024-03-04', '2024-03-17', 'week')).toBe(1);
    expect(periodsBetween('2020-06-01', '2024-06-01', 'year')).toBe(4);
  });

  it('labels periods in ISO-8601', () => {
    expect(periodLabel('2024-03-15', 'day')).toBe('2024-03-15');
    expect(periodLabel('2024-03-15', 'week')).toBe('2024-W11');
    expect(periodLabel('2021-01-03', 'week')).toBe('2020-W53');
    expect(periodLabel('2024-03-15', 'quarter')).toBe('2024-Q1');
    expect(periodLabel('2024-03-15', 'year')).toBe('2024');
  });

  it('labels a non-Monday week by its first day', () => {
    expect(periodLabel('2024-03-15', 'week', { weekStartsOn: 0 })).toBe('2024-03-10');
  });

  it('labels years beyond 9999 in the expanded ISO form', () => {
    expect(periodLabel(8.6e15, 'year')).toBe('+274493');
  });
});

describe('the edges of the Date range', () => {
  it('reports a period start before the earliest Date instead of leaking a RangeError', () => {
    expect(codeOf(() => startOfPeriod(-8.64e15, 'year'))).toBe('INVALID_TIMESTAMP');
    expect(
      codeOf(() => addPeriods('2024-01-31', 'month', -3_286_137, { timeZone: 'Europe/Bucharest' })),
    ).toBe('INVALID_TIMESTAMP');
  });

  it('still buckets the last representable day in a time zone', () => {
    expect(startOfPeriod(8.64e15, 'day', { timeZone: 'Asia/Ho_Chi_Minh' })).toBeLessThanOrEqual(8.64e15);
  });
});
