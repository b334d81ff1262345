import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  addPeriods,
  type CalendarOptions,
  type CalendarPeriod,
  periodLabel,
  periodsBetween,
  startOfPeriod,
} from '../../src/index';

const instant = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) });
const period = fc.constantFrom<CalendarPeriod>('day', 'week', 'month', 'quarter', 'year');
const calendar = fc.constantFrom<CalendarOptions | undefined>(
  undefined,
  { utcOffsetMinutes: 420 },
  { utcOffsetMinutes: -150 },
  { timeZone: 'America/New_York' },
  { timeZone: 'Europe/Bucharest' },
  { timeZone: 'Asia/Ho_Chi_Minh' },
  { timeZone: 'Australia/Lord_Howe' },
  { timeZone: 'America/Santiago' },
  { weekStartsOn: 0 },
);
const HOUR = 3_600_000;

describe('calendar laws (month ends, leap days, DST)', () => {
  it('every instant lies in [start of its period, start of the next period)', () => {
    fc.assert(
      fc.property(instant, period, calendar, (at, unit, options) => {
        const start = startOfPeriod(at, unit, options);
        return start <= at && at < addPeriods(at, unit, 1, options);
      }),
    );
  });

  it('the start of a period is its own start (idempotence)', () => {
    fc.assert(
      fc.property(instant, period, calendar, (at, unit, options) => {
        const start = startOfPeriod(at, unit, options);
        return startOfPeriod(start, unit, options) === start;
      }),
    );
  });

  it('moving k periods forward and k back returns to the period start', () => {
    fc.assert(
      fc.property(instant, period, calendar, fc.integer({ min: -60, max: 60 }), (at, unit, options, k) => {
        const moved = addPeriods(at, unit, k, options);
        return (
          addPeriods(moved, unit, -k, options) === startOfPeriod(at, unit, options) &&
          periodsBetween(at, moved, unit, options) === k
        );
      }),
    );
  });

  it('days last 23, 24 or 25 hours in DST zones and exactly 24 with fixed offsets', () => {
    fc.assert(
      fc.property(instant, calendar, (at, options) => {
        const length = addPeriods(at, 'day', 1, options) - startOfPeriod(at, 'day', options);
        const fixed = options?.timeZone === undefined;
        if (fixed) return length === 24 * HOUR;
        return length >= 23 * HOUR && length <= 25 * HOUR;
      }),
    );
  });

  it('months have 28 to 31 local days, February 29 only in leap years', () => {
    fc.assert(
      fc.property(instant, (at) => {
        const start = startOfPeriod(at, 'month');
        const days = (addPeriods(at, 'month', 1) - start) / (24 * HOUR);
        const date = new Date(start);
        const year = date.getUTCFullYear();
        const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
        const expected = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][date.getUTCMonth()];
        return days === expected;
      }),
    );
  });

  it('a fixed offset equals shifting the instant, bucketing in UTC and shifting back', () => {
    fc.assert(
      fc.property(instant, period, fc.integer({ min: -1080, max: 1080 }), (at, unit, minutes) => {
        const shift = minutes * 60_000;
        return (
          startOfPeriod(at, unit, { utcOffsetMinutes: minutes }) === startOfPeriod(at + shift, unit) - shift
        );
      }),
    );
  });

  it("an IANA zone's local midnight matches what Intl shows (hour 0 unless DST skipped it)", () => {
    fc.assert(
      fc.property(
        instant,
        fc.constantFrom('America/New_York', 'Europe/Bucharest', 'Asia/Ho_Chi_Minh'),
        (at, timeZone) => {
          const start = startOfPeriod(at, 'day', { timeZone });
          const shown = new Intl.DateTimeFormat('en-GB', {
            timeZone,
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
          }).format(start);
          const before = new Intl.DateTimeFormat('en-CA', {
            timeZone,
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
          });
          // the instant one millisecond earlier belongs to the previous local day
          return (
            (shown === '00:00' || shown === '01:00') && before.format(start - 1) !== before.format(start)
          );
        },
      ),
    );
  });

  it('labels sort in time order within a calendar', () => {
    fc.assert(
      fc.property(
        instant,
        instant,
        fc.constantFrom<CalendarPeriod>('day', 'month', 'quarter', 'year'),
        (a, b, unit) => {
          const [early, late] = a <= b ? [a, b] : [b, a];
          return periodLabel(early, unit) <= periodLabel(late, unit);
        },
      ),
    );
  });
});
