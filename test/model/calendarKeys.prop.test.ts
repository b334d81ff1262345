import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addPeriods,
  type CalendarOptions,
  type CalendarPeriod,
  periodLabel,
  startOfPeriod,
} from '../../src/index';
import { labelOfPeriodKey, periodKeyer, periodKeyOfDay, shiftPeriodKey } from '../../src/model/calendarKeys';

const instant = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) });
const period = fc.constantFrom<CalendarPeriod>('day', 'week', 'month', 'quarter', 'year');
const calendar = fc.constantFrom<CalendarOptions>(
  {},
  { utcOffsetMinutes: 420 },
  { utcOffsetMinutes: -150, weekStartsOn: 0 },
  { timeZone: 'America/New_York' },
  { timeZone: 'Australia/Lord_Howe', weekStartsOn: 6 },
);

describe('the internal period keys agree with the public calendar', () => {
  it('a keyer’s period start of an instant is startOfPeriod of that instant', () => {
    fc.assert(
      fc.property(instant, period, calendar, (at, unit, options) => {
        const keyer = periodKeyer('test', unit, options);
        expect(keyer.startOf(keyer.keyOf(at))).toBe(startOfPeriod(at, unit, options));
      }),
    );
  });

  it('the label of a key is periodLabel, and shifting a key by one is addPeriods by one', () => {
    fc.assert(
      fc.property(instant, period, calendar, (at, unit, options) => {
        const keyer = periodKeyer('test', unit, options);
        const key = keyer.keyOf(at);
        const weekStartsOn = options.weekStartsOn ?? 1;
        expect(labelOfPeriodKey(key, unit, weekStartsOn)).toBe(periodLabel(at, unit, options));
        expect(keyer.startOf(shiftPeriodKey(key, unit, 1))).toBe(addPeriods(at, unit, 1, options));
      }),
    );
  });

  it('the period key of a day key is the period key of that day’s start', () => {
    fc.assert(
      fc.property(instant, period, calendar, (at, unit, options) => {
        const weekStartsOn = options.weekStartsOn ?? 1;
        const day = periodKeyer('test', 'day', options).keyOf(at);
        expect(periodKeyOfDay(day, unit, weekStartsOn)).toBe(periodKeyer('test', unit, options).keyOf(at));
      }),
    );
  });
});
