import { describe, expect, it } from 'vitest';
import { kaplanMeierFromCounts } from '../../src/index';
import { codeOf } from '../helpers/errors';
import { expectClose } from '../helpers/numbers';

describe('kaplanMeierFromCounts', () => {
  it('estimates ten million subjects from their counts (a purchase-gap table of whole days)', () => {
    const times = Array.from({ length: 500 }, (_, day) => day);
    const events = times.map((day) => (day < 400 ? 20_000 : 0));
    const censored = times.map((day) => (day >= 400 ? 20_000 : 0));
    const fit = kaplanMeierFromCounts({ times, events, censored });
    expect(fit.atRisk[0]).toBe(10_000_000);
    expect(fit.median).toBe(249.5); // S is exactly 0.5 from day 249 to day 250: survfit's midpoint
    expectClose(fit.survival.at(-1) as number, 0.2);
  });

  it('refuses malformed counts with their codes', () => {
    expect(codeOf(() => kaplanMeierFromCounts({ times: [], events: [], censored: [] }))).toBe('EMPTY_INPUT');
    expect(codeOf(() => kaplanMeierFromCounts({ times: [1], events: [0], censored: [0] }))).toBe(
      'EMPTY_INPUT',
    );
    expect(codeOf(() => kaplanMeierFromCounts({ times: [2, 1], events: [1, 1], censored: [0, 0] }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => kaplanMeierFromCounts({ times: [1, 1], events: [1, 1], censored: [0, 0] }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => kaplanMeierFromCounts({ times: [1], events: [1, 2], censored: [0] }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => kaplanMeierFromCounts({ times: [-1], events: [1], censored: [0] }))).toBe(
      'OUT_OF_RANGE',
    );
    expect(codeOf(() => kaplanMeierFromCounts({ times: [1], events: [1.5], censored: [0] }))).toBe(
      'NOT_AN_INTEGER',
    );
    expect(codeOf(() => kaplanMeierFromCounts({ times: [1], events: [1], censored: [-1] }))).toBe(
      'OUT_OF_RANGE',
    );
    expect(codeOf(() => kaplanMeierFromCounts({ times: [Number.NaN], events: [1], censored: [0] }))).toBe(
      'NOT_FINITE',
    );
    expect(
      codeOf(() => kaplanMeierFromCounts({ times: [1], events: [1], censored: [0] }, { confidenceLevel: 1 })),
    ).toBe('OUT_OF_RANGE');
    expect(
      codeOf(() =>
        kaplanMeierFromCounts({ times: [1], events: [1], censored: [0] }, { level: 0.9 } as never),
      ),
    ).toBe('INVALID_OPTION');
  });
});
