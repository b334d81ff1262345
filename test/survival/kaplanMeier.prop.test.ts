import fc from 'fast-check';
import { describe, it } from 'vitest';
import { kaplanMeier } from '../../src/index';
import { closeTo } from '../helpers/numbers';

const subjects = fc.array(fc.record({ duration: fc.integer({ min: 0, max: 40 }), observed: fc.boolean() }), {
  minLength: 1,
  maxLength: 60,
});
const estimate = (list: { duration: number; observed: boolean }[]) =>
  kaplanMeier({
    durations: list.map((subject) => subject.duration),
    observed: list.map((subject) => subject.observed),
  });

describe('Kaplan–Meier laws', () => {
  it('survival stays in [0, 1] and never rises', () => {
    fc.assert(
      fc.property(subjects, (list) => {
        const { survival } = estimate(list);
        return survival.every(
          (value, index) =>
            value >= 0 && value <= 1 && (index === 0 || value <= (survival[index - 1] as number)),
        );
      }),
    );
  });

  it('without censoring, S(t) is the share of subjects lasting beyond t', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 60 }), (durations) => {
        const result = kaplanMeier({ durations, observed: durations.map(() => true) });
        return result.times.every((time, index) =>
          closeTo(
            result.survival[index] as number,
            durations.filter((duration) => duration > time).length / durations.length,
          ),
        );
      }),
    );
  });

  it('subject order does not change the estimate', () => {
    fc.assert(
      fc.property(
        subjects,
        (list) => JSON.stringify(estimate(list)) === JSON.stringify(estimate([...list].reverse())),
      ),
    );
  });

  it('the confidence interval contains the estimate', () => {
    fc.assert(
      fc.property(subjects, (list) => {
        const result = estimate(list);
        return result.survival.every((value, index) => {
          const lower = result.lower[index] ?? null;
          const upper = result.upper[index] ?? null;
          return lower === null || upper === null
            ? value === 0
            : lower <= value && value <= upper && upper <= 1;
        });
      }),
    );
  });

  it('risk sets shrink by the events and censorings of each time', () => {
    fc.assert(
      fc.property(subjects, (list) => {
        const result = estimate(list);
        return (
          result.atRisk[0] === list.length &&
          result.atRisk.every((atRisk, index) =>
            index === 0
              ? true
              : atRisk ===
                (result.atRisk[index - 1] as number) -
                  (result.events[index - 1] as number) -
                  (result.censored[index - 1] as number),
          )
        );
      }),
    );
  });

  it('the median lies between the first time survival reaches 0.5 and its next drop below 0.5; null only when it never reaches 0.5', () => {
    const tolerance = 1.49e-8;
    fc.assert(
      fc.property(subjects, (list) => {
        const result = estimate(list);
        const first = result.survival.findIndex((value) => value <= 0.5 + tolerance);
        if (result.median === null) return first === -1;
        // survfit: where S(t) is 0.5 over an interval, the median is its midpoint, up to the next drop below 0.5
        const drop = result.survival.findIndex((value) => value < 0.5 - tolerance);
        const from = result.times[first] as number;
        const to = drop === -1 ? from : (result.times[drop] as number);
        return first !== -1 && result.median >= from && result.median <= to;
      }),
    );
  });
});
