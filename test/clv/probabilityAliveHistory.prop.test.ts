import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AliveHistoryPoint, probabilityAlive, probabilityAliveHistory } from '../../src/index';
import { closeTo } from '../helpers/numbers';
import { positive } from './arbitraries';

// The region real fits reach (CDNOW-like shapes, a year or two of daily or weekly data).
const bg = fc.record({
  r: positive(0.05, 5),
  alpha: positive(1, 100),
  a: positive(0.1, 5),
  b: positive(0.1, 20),
});
const pareto = fc.record({
  r: positive(0.05, 5),
  alpha: positive(1, 100),
  s: positive(0.1, 5),
  beta: positive(1, 100),
});
const ggom = fc.record({
  r: positive(0.05, 5),
  alpha: positive(1, 100),
  b: positive(1e-4, 1),
  s: positive(0.1, 5),
  beta: positive(0.1, 100),
});
const bgFit = bg.map((params) => ({ model: 'bgNbd' as const, params }));
const aliveFit = fc.oneof(
  bgFit,
  bg.map((params) => ({ model: 'mbgNbd' as const, params })),
  pareto.map((params) => ({ model: 'paretoNbd' as const, params })),
  ggom.map((params) => ({ model: 'ggomNbd' as const, params })),
);
const START = Date.UTC(2020, 0, 1);
const DAY = 86_400_000;
/** Up to 12 purchases within 400 days (some on the same instant), the path running past the last by up to 200. */
const customer = fc.record({
  offsets: fc.array(fc.integer({ min: 0, max: 400 * 24 }), { minLength: 1, maxLength: 12 }),
  extraHours: fc.integer({ min: 0, max: 200 * 24 }),
  timeUnit: fc.constantFrom('day' as const, 'week' as const),
  step: positive(1, 30),
});
type Customer = { offsets: number[]; extraHours: number; timeUnit: 'day' | 'week'; step: number };
function historyOf(fit: Parameters<typeof probabilityAliveHistory>[0], c: Customer) {
  const purchases = c.offsets.map((hours) => START + (hours * DAY) / 24);
  let last = START;
  for (const time of purchases) last = Math.max(last, time);
  return probabilityAliveHistory(fit, purchases, {
    until: last + (c.extraHours * DAY) / 24,
    timeUnit: c.timeUnit,
    step: c.step,
  });
}
/** The pairs of consecutive points with no purchase between them. */
function silentPairs(points: readonly AliveHistoryPoint[]): [AliveHistoryPoint, AliveHistoryPoint][] {
  const pairs: [AliveHistoryPoint, AliveHistoryPoint][] = [];
  for (let i = 1; i < points.length; i++) {
    const [before, after] = [points[i - 1] as AliveHistoryPoint, points[i] as AliveHistoryPoint];
    if (after.kind !== 'purchase') pairs.push([before, after]);
  }
  return pairs;
}

describe('probabilityAliveHistory laws', () => {
  it('P(alive) stays in [0, 1] and time never runs backwards', () => {
    fc.assert(
      fc.property(aliveFit, customer, (fit, c) => {
        const { points } = historyOf(fit, c);
        const bad = points.filter(
          (point, i) =>
            !(point.probabilityAlive >= 0 && point.probabilityAlive <= 1) ||
            (i > 0 && point.t < (points[i - 1] as AliveHistoryPoint).t),
        );
        expect(bad).toEqual([]);
      }),
    );
  });

  it('between purchases P(alive) never rises (BG/NBD, MBG/NBD, Pareto/NBD, GGom/NBD)', () => {
    fc.assert(
      fc.property(aliveFit, customer, (fit, c) => {
        const rising = silentPairs(historyOf(fit, c).points).filter(
          ([before, after]) =>
            after.frequency !== before.frequency ||
            !(after.probabilityAlive <= before.probabilityAlive * (1 + 1e-12)),
        );
        expect(rising).toEqual([]);
      }),
    );
  });

  it('at a purchase P(alive) is 1 for Pareto/NBD and GGom/NBD', () => {
    const fits = fc.oneof(
      pareto.map((params) => ({ model: 'paretoNbd' as const, params })),
      ggom.map((params) => ({ model: 'ggomNbd' as const, params })),
    );
    fc.assert(
      fc.property(fits, customer, (fit, c) => {
        const purchases = historyOf(fit, c).points.filter((point) => point.kind === 'purchase');
        expect(purchases.filter((point) => !closeTo(point.probabilityAlive, 1))).toEqual([]);
      }),
    );
  });

  it('at a BG/NBD purchase P(alive) is 1 before the first repeat purchase and (b + x − 1)/(a + b + x − 1) after', () => {
    fc.assert(
      fc.property(bgFit, customer, (fit, c) => {
        const { a, b } = fit.params;
        const wrong = historyOf(fit, c).points.filter((point) => {
          const x = point.frequency;
          if (x === 0) return point.probabilityAlive !== 1;
          return point.kind === 'purchase' && !closeTo(point.probabilityAlive, (b + x - 1) / (a + b + x - 1));
        });
        expect(wrong).toEqual([]);
      }),
    );
  });

  it("the last point equals probabilityAlive of the customer's summary", () => {
    fc.assert(
      fc.property(aliveFit, customer, (fit, c) => {
        const history = historyOf(fit, c);
        const last = history.points.at(-1) as AliveHistoryPoint;
        expect(last.t).toBe(history.summary.T);
        expect(last.probabilityAlive).toBe(probabilityAlive(fit, history.summary));
      }),
    );
  });

  it('the order of the purchases does not change the path', () => {
    fc.assert(
      fc.property(aliveFit, customer, fc.integer(), (fit, c, seed) => {
        const shuffled = [...c.offsets].sort(
          (left, right) => ((left * 7919 + seed) % 101) - ((right * 7919 + seed) % 101),
        );
        expect(historyOf(fit, { ...c, offsets: shuffled })).toEqual(historyOf(fit, c));
      }),
    );
  });
});
