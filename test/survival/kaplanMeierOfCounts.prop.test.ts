import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kaplanMeier } from '../../src/index';
import { kaplanMeierOfCounts } from '../../src/survival/kaplanMeier';

const subjects = fc.array(fc.record({ duration: fc.integer({ min: 0, max: 40 }), observed: fc.boolean() }), {
  minLength: 1,
  maxLength: 80,
});

describe('kaplanMeierOfCounts laws', () => {
  it('counting the subjects per time first gives the same estimate as kaplanMeier on the subjects', () => {
    fc.assert(
      fc.property(subjects, (list) => {
        const tally = new Map<number, { events: number; censored: number }>();
        for (const subject of list) {
          const entry = tally.get(subject.duration) ?? { events: 0, censored: 0 };
          if (subject.observed) entry.events++;
          else entry.censored++;
          tally.set(subject.duration, entry);
        }
        const times = [...tally.keys()].sort((a, b) => a - b);
        const counted = kaplanMeierOfCounts({
          times,
          events: times.map((time) => tally.get(time)?.events as number),
          censored: times.map((time) => tally.get(time)?.censored as number),
        });
        const direct = kaplanMeier({
          durations: list.map((subject) => subject.duration),
          observed: list.map((subject) => subject.observed),
        });
        expect(counted).toEqual(direct);
      }),
    );
  });

  it('estimates ten million subjects from a few hundred counts (a purchase-gap table of whole days)', () => {
    const times = Array.from({ length: 500 }, (_, day) => day);
    const fit = kaplanMeierOfCounts({
      times,
      events: times.map((day) => (day < 400 ? 20_000 : 0)),
      censored: times.map((day) => (day >= 400 ? 20_000 : 0)),
    });
    expect(fit.atRisk[0]).toBe(10_000_000);
    expect(fit.median).toBe(249.5); // S is exactly 0.5 from day 249 to day 250: survfit's midpoint
  });
});
