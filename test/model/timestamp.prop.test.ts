import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toEpochMs } from '../../src/index';
import { readCommonIso } from '../../src/model/timestamp';

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** `readCommonIso` alone (no memo): the epoch milliseconds of a string, or NaN. */
const parseCommonIso = (text: string): number => readCommonIso(text);

/** Strings of the common shapes, with fields that may be out of range (day 31 in April, hour 24, ...). */
const commonShape: fc.Arbitrary<string> = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    time: fc.option(
      fc.record({
        hour: fc.integer({ min: 0, max: 24 }),
        minute: fc.integer({ min: 0, max: 60 }),
        second: fc.integer({ min: 0, max: 60 }),
        millisecond: fc.option(fc.integer({ min: 0, max: 999 })),
        zone: fc.oneof(
          fc.constant(''),
          fc.constant('Z'),
          fc
            .record({
              sign: fc.constantFrom('+', '-'),
              hours: fc.integer({ min: 0, max: 24 }),
              minutes: fc.integer({ min: 0, max: 60 }),
            })
            .map(({ sign, hours, minutes }) => `${sign}${pad(hours, 2)}:${pad(minutes, 2)}`),
        ),
      }),
    ),
  })
  .map(({ year, month, day, time }) => {
    const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
    if (time === null) return date;
    const fraction = time.millisecond === null ? '' : `.${pad(time.millisecond, 3)}`;
    return `${date}T${pad(time.hour, 2)}:${pad(time.minute, 2)}:${pad(time.second, 2)}${fraction}${time.zone}`;
  });

/** toEpochMs's result, or NaN where it throws. */
function exact(text: string): number {
  try {
    return toEpochMs(text);
  } catch {
    return Number.NaN;
  }
}

describe('readCommonIso (internal)', () => {
  it('gives the number toEpochMs gives for every string of the common shapes, NaN exactly where it throws', () => {
    fc.assert(
      fc.property(commonShape, (text) => {
        expect(parseCommonIso(text)).toBe(exact(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('readCommonIso with a memo gives what it gives without one, and the memo holds a valid date and its midnight', () => {
    fc.assert(
      fc.property(fc.oneof(commonShape, fc.string({ maxLength: 30 })), (text) => {
        const memo = { date: 19_700_101, midnight: 0 };
        expect(readCommonIso(text, memo)).toBe(parseCommonIso(text));
        const { date } = memo;
        const day = `${pad(Math.floor(date / 10_000), 4)}-${pad(Math.floor(date / 100) % 100, 2)}-${pad(date % 100, 2)}`;
        expect(memo.midnight).toBe(exact(day));
      }),
      { numRuns: 3000 },
    );
  });

  it('returns a number only where toEpochMs returns the same number (any string)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 30 }),
          commonShape.chain((text) =>
            fc.nat(text.length).map((cut) => text.slice(0, cut) + text.slice(cut + 1)),
          ),
        ),
        (text) => {
          const fast = parseCommonIso(text);
          if (!Number.isNaN(fast)) expect(fast).toBe(exact(text));
        },
      ),
      { numRuns: 5000 },
    );
  });

  // An independent reader for the instants: ECMAScript's own date-time string format (ECMA-262 §21.4.1.32),
  // which V8's Date.parse reads without patronage's code. It reads a date alone as UTC and a date-time
  // without an offset as local time, so those get a `Z`; it also takes some strings patronage rejects
  // (29 February of a common year rolls over, 24:00:00), so it is asked only about the strings read here.
  const documentedShape = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d{3})?(?:Z|[+-]\d{2}:\d{2})?)?$/;
  const byDateParse = (text: string): number =>
    Date.parse(text.length > 10 && /(?:Z|[+-]\d{2}:\d{2})$/.test(text) === false ? `${text}Z` : text);

  it('accepts only the documented shapes, and gives the instant Date.parse gives for them', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          commonShape,
          // one character replaced, inserted or deleted anywhere in a string of a common shape
          commonShape.chain((text) =>
            fc
              .tuple(fc.nat(text.length), fc.constantFrom(...'0123456789-:T.Z+ zt,'), fc.nat(2))
              .map(([at, character, edit]) =>
                edit === 0
                  ? text.slice(0, at) + character + text.slice(at + 1)
                  : edit === 1
                    ? text.slice(0, at) + character + text.slice(at)
                    : text.slice(0, at) + text.slice(at + 1),
              ),
          ),
        ),
        (text) => {
          const read = parseCommonIso(text);
          if (Number.isNaN(read)) return;
          expect(documentedShape.test(text)).toBe(true);
          expect(read).toBe(byDateParse(text));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('leaves the other shapes toEpochMs accepts to it (NaN here)', () => {
    for (const text of [
      '1997-01-01 00:00:00',
      '2024-03-15T10:30:00z',
      '2024-03-15T10:30',
      '2024-03-15T10:30:00.5Z',
      '2024-03-15T10:30:00.123456Z',
      '2024-03-15T10:30:00-0230',
      '2024-03-15T10:30:00+07',
      '+010000-01-01',
      ' 2024-03-15',
    ]) {
      expect(parseCommonIso(text)).toBeNaN();
      expect(Number.isFinite(toEpochMs(text))).toBe(true);
    }
  });

  it('gives NaN for a date with a zone or a cut-off offset, which toEpochMs rejects too', () => {
    for (const text of [
      '2024-03-15Z',
      '2024-03-15+01:00',
      '2024-03-15T10:30:00+01:0',
      '2024-03-15T10:30:00.123+1:00',
    ]) {
      expect(parseCommonIso(text)).toBeNaN();
      expect(() => toEpochMs(text)).toThrow();
    }
  });

  it('reads leap days, the years 0-99 and offsets as toEpochMs does', () => {
    expect(parseCommonIso('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseCommonIso('2023-02-29')).toBeNaN();
    expect(parseCommonIso('0044-03-15T00:00:00Z')).toBe(toEpochMs('0044-03-15T00:00:00Z'));
    expect(parseCommonIso('2024-03-15T10:30:00.123+07:00')).toBe(Date.UTC(2024, 2, 15, 3, 30, 0, 123));
    expect(parseCommonIso('1970-01-01T00:00:00Z')).toBe(0);
    expect(Object.is(parseCommonIso('1970-01-01T01:00:00+01:00'), 0)).toBe(true);
  });

  it('gives the same in a sequence of strings that repeat dates (the last date is remembered) as each alone', () => {
    // a few dates, valid and not (a leap day, 29 February of a common year, day 0, month 13), with any time
    const date = fc.constantFrom(
      '2024-02-29',
      '2023-02-29',
      '2023-03-01',
      '2024-00-10',
      '2024-13-01',
      '2024-04-31',
      '0001-01-01',
    );
    const text = fc
      .tuple(date, fc.option(commonShape, { freq: 3 }))
      .map(([day, other]) => (other === null ? day : `${day}${other.slice(10)}`));
    fc.assert(
      fc.property(fc.array(text, { minLength: 2, maxLength: 40 }), (texts) => {
        for (const one of texts) expect(parseCommonIso(one)).toBe(exact(one));
        // readCommonIso with one memo over the whole sequence: the number each string gives alone
        const memo = { date: -1, midnight: 0 };
        for (const one of texts) expect(readCommonIso(one, memo)).toBe(exact(one));
      }),
      { numRuns: 2000 },
    );
  });
});
