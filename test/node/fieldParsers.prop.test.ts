import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastMinorUnits, fastTime, parseIsoOrEpoch, parseMinorUnits } from '../../src/node/fieldParsers';

const encoder = new TextEncoder();

// fields near the fast forms: ISO dates and date-times with fractions and offsets, epoch integers, decimal
// amounts, and the same with a character changed, added or removed
const digit = fc.integer({ min: 0, max: 9 }).map(String);
const two = fc.tuple(digit, digit).map((pair) => pair.join(''));
const iso = fc
  .tuple(
    fc.tuple(two, two).map((pair) => pair.join('')),
    two,
    two,
    fc.option(
      fc.tuple(
        fc.constantFrom('T', ' ', 't'),
        two,
        two,
        two,
        fc.option(fc.stringMatching(/^\.\d{0,11}$/), { nil: '' }),
        fc.constantFrom('', 'Z', 'z', '+01:00', '-05:30', '+0100', '+01', '+24:00', '-00:00'),
      ),
      { nil: null },
    ),
  )
  .map(([year, month, day, time]) =>
    time === null
      ? `${year}-${month}-${day}`
      : `${year}-${month}-${day}${time[0]}${time[1]}:${time[2]}:${time[3]}${time[4]}${time[5]}`,
  );
const epoch = fc.stringMatching(/^[-+]?\d{0,17}(\.\d{0,3})?$/);
const mutated = (text: string) =>
  fc.oneof(
    fc.constant(text),
    fc
      .tuple(fc.nat(text.length), fc.constantFrom('', '0', '9', '-', ':', ' ', '.', 'x'))
      .map(([at, inserted]) => text.slice(0, at) + inserted + text.slice(at + 1)),
  );
const times = fc.oneof(iso, epoch).chain(mutated);
const amounts = fc
  .oneof(
    fc.stringMatching(/^\d{0,17}([.,]\d{0,8})?$/),
    fc.constantFrom('', '.', '5.', '.5', ' 5', '+5', '1e2', '-1'),
  )
  .chain(mutated);

describe('fast field parsers', () => {
  it('fastTime gives what parseIsoOrEpoch gives for every field it accepts (NaN for the rest)', () => {
    fc.assert(
      fc.property(times, fc.constantFrom('s', 'ms', null), fc.boolean(), (text, unit, zoned) => {
        const bytes = encoder.encode(`<${text}>`);
        const wall = zoned ? (wallMs: number) => wallMs - 3_600_000 : null;
        const fast = fastTime(bytes, 1, bytes.length - 1, unit, wall);
        if (!Number.isNaN(fast)) expect(fast).toBe(parseIsoOrEpoch(bytes, 1, bytes.length - 1, unit, wall));
      }),
      { numRuns: 5000 },
    );
  });

  it('fastTime takes the common spellings', () => {
    const read = (text: string, unit: 's' | 'ms' | null = null) => {
      const bytes = encoder.encode(text);
      return fastTime(bytes, 0, bytes.length, unit, null);
    };
    expect(read('2024-03-15')).toBe(Date.UTC(2024, 2, 15));
    expect(read('2024-03-15T10:30:00Z')).toBe(Date.UTC(2024, 2, 15, 10, 30));
    expect(read('2024-03-15 10:30:00.25+01:00')).toBe(Date.UTC(2024, 2, 15, 9, 30, 0, 250));
    expect(read('1700000000', 's')).toBe(1_700_000_000_000);
    expect(read('-1700000000000', 'ms')).toBe(-1_700_000_000_000);
    expect(read('1700000000')).toBeNaN();
    expect(read('2024-02-30')).toBeNaN();
  });

  it('fastMinorUnits gives what parseMinorUnits gives for every field it accepts (NaN for the rest)', () => {
    fc.assert(
      fc.property(
        amounts,
        fc.constantFrom(46, 44),
        fc.integer({ min: 0, max: 6 }),
        (text, decimal, digits) => {
          const bytes = encoder.encode(`<${text}>`);
          const fast = fastMinorUnits(bytes, 1, bytes.length - 1, decimal, digits);
          if (!Number.isNaN(fast))
            expect(fast).toBe(parseMinorUnits(bytes, 1, bytes.length - 1, decimal, digits));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('fastMinorUnits takes plain decimals', () => {
    const read = (text: string, digits = 2) => {
      const bytes = encoder.encode(text);
      return fastMinorUnits(bytes, 0, bytes.length, 46, digits);
    };
    expect([read('12.50'), read('12.5'), read('12'), read('.5'), read('4520', 0)]).toEqual([
      1250, 1250, 1200, 50, 4520,
    ]);
    expect([read('12.500'), read(' 12'), read('1e2'), read('')].every(Number.isNaN)).toBe(true);
  });
});
