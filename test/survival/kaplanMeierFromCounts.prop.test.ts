import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kaplanMeier, kaplanMeierFromCounts } from '../../src/index';

const subjects = fc.array(fc.record({ duration: fc.integer({ min: 0, max: 40 }), observed: fc.boolean() }), {
  minLength: 1,
  maxLength: 80,
});

describe('kaplanMeierFromCounts laws', () => {
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
        const counted = kaplanMeierFromCounts({
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
});
