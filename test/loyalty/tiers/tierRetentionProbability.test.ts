import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tierHistory, tierRetentionProbability } from '../../../src/index';
import { betaDraw, exponentialDraw, gammaDraw, seededUniform } from '../../../src/math/random';
import { codeOf } from '../../helpers/errors';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
// Fader, Hardie & Lee (2005): the CDNOW BG/NBD fit and its Gamma-Gamma spend fit, in weeks
const FIT = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
const SPEND = { model: 'gammaGamma', params: { p: 6.25, q: 3.74, gamma: 15.44 } } as const;
const AT = Date.UTC(2025, 11, 1);
const REVIEW = Date.UTC(2026, 2, 31);
const MEMBER = {
  frequency: 4,
  recency: 30,
  T: 40,
  monetaryValue: 60,
  activity: [
    { at: '2025-03-01', amount: 80 },
    { at: '2025-06-10', amount: 70 },
    { at: '2025-09-20', amount: 40 },
  ],
};
const TIERS = [
  { name: 'member', threshold: 0 },
  { name: 'silver', threshold: 150 },
  { name: 'gold', threshold: 400 },
];
const OPTIONS = { at: AT, reviewAt: REVIEW, timeUnit: 'week' } as const;

/**
 * The member's future under the fitted models, simulated independently of the library's formulas: (λ, p) by
 * importance sampling from the BG/NBD posterior (proposal λ ~ Gamma(r + x, α + T), p ~ Beta(a, b + x); the
 * weight prior·likelihood/proposal is 1 + p/(1 − p)·e^{λ(T − tₓ)}, and P(alive at T | λ, p) is its inverse),
 * then the purchases of an alive customer until the review (exponential gaps at rate λ, dropping out with
 * probability p after each), each worth Gamma(p_s, ν) with ν from the Gamma-Gamma posterior
 * Gamma(q + p_s·x, γ + x·m̄). Returns the weighted draws: purchase times (weeks from now) and amounts.
 */
function simulate(draws: number, seed: number, window: number) {
  const u = seededUniform(seed);
  const { r, alpha, a, b } = FIT.params;
  const { p: ps, q, gamma } = SPEND.params;
  const { frequency: x, recency: tx, T, monetaryValue: m } = MEMBER;
  const out: { weight: number; times: number[]; amounts: number[] }[] = [];
  for (let i = 0; i < draws; i++) {
    const lambda = gammaDraw(u, r + x) / (alpha + T);
    const p = betaDraw(u, a, b + x);
    const weight = 1 + (p / (1 - p)) * Math.exp(lambda * (T - tx));
    const times: number[] = [];
    const amounts: number[] = [];
    if (u() < 1 / weight) {
      const nu = gammaDraw(u, q + ps * x) / (gamma + x * m);
      let t = 0;
      for (;;) {
        t += exponentialDraw(u) / lambda;
        if (t > window) break;
        times.push(t);
        amounts.push(gammaDraw(u, ps) / nu);
        if (u() < p) break;
      }
    }
    out.push({ weight, times, amounts });
  }
  return out;
}

/** Weighted share and its standard error (by the effective sample size of the weights). */
function weightedShare(values: readonly { weight: number; hit: boolean }[]): { share: number; se: number } {
  let total = 0;
  let squares = 0;
  let hits = 0;
  for (const { weight, hit } of values) {
    total += weight;
    squares += weight * weight;
    if (hit) hits += weight;
  }
  const share = hits / total;
  const effective = (total * total) / squares;
  return { share, se: Math.sqrt((share * (1 - share)) / effective) };
}

describe('tierRetentionProbability', () => {
  const window = (REVIEW - AT) / WEEK;
  const draws = simulate(200_000, 7, window);

  it('matches simulation from the fitted models for the spend metric, without grace (within 4 standard errors)', () => {
    const kept = tierRetentionProbability(
      FIT,
      SPEND,
      MEMBER,
      { tiers: TIERS, metric: 'spend', windowDays: 365 },
      OPTIONS,
    );
    expect(kept).toMatchObject({ tier: 'silver', threshold: 150, countedAtReview: 110, needed: 40 });
    const { share, se } = weightedShare(
      draws.map(({ weight, amounts }) => ({ weight, hit: amounts.reduce((s, z) => s + z, 0) >= 40 })),
    );
    expect(Math.abs(kept.probability - share)).toBeLessThan(4 * se);
    expect(se).toBeLessThan(0.005);
  });

  it('matches simulation for the purchases metric, and the tier tierHistory gives on the simulated activity', () => {
    const rules = {
      tiers: [
        { name: 'member', threshold: 0 },
        { name: 'regular', threshold: 3 },
      ],
      metric: 'purchases',
      windowDays: 365,
    } as const;
    const kept = tierRetentionProbability(FIT, null, MEMBER, rules, OPTIONS);
    expect(kept).toMatchObject({ tier: 'regular', countedAtReview: 2, needed: 1 });
    // the tier tierHistory itself gives at the review, on the past plus the simulated purchases (a subsample)
    const outcomes = draws.slice(0, 20_000).map(({ weight, times }) => {
      const activity = [
        ...MEMBER.activity.map((row) => ({ customerId: 'm', at: row.at })),
        ...times.map((t) => ({ customerId: 'm', at: AT + t * WEEK })),
      ];
      const [row] = tierHistory(activity, { ...rules, at: REVIEW });
      return { weight, hit: row?.tier === 'regular' };
    });
    const { share, se } = weightedShare(outcomes);
    expect(Math.abs(kept.probability - share)).toBeLessThan(4 * se);
  });

  it('brackets keeping the tier under a grace period between probability and probabilityWithGrace', () => {
    // grace 45 days: the March purchase leaves the window on 2026-03-01, the downgrade would be on 2026-04-15,
    // after the review; so with these rules the member keeps silver at the review in every draw
    const rules = { tiers: TIERS, metric: 'spend', windowDays: 365, graceDays: 45 } as const;
    const kept = tierRetentionProbability(FIT, SPEND, MEMBER, rules, OPTIONS);
    const outcomes = draws.slice(0, 5_000).map(({ weight, times, amounts }) => {
      const activity = [
        ...MEMBER.activity.map((row) => ({ customerId: 'm', ...row })),
        ...times.map((t, k) => ({ customerId: 'm', at: AT + t * WEEK, amount: amounts[k] as number })),
      ];
      const [row] = tierHistory(activity, { ...rules, at: REVIEW });
      return { weight, hit: row?.tier === 'silver' || row?.tier === 'gold' };
    });
    const { share, se } = weightedShare(outcomes);
    expect(kept.probability).toBeLessThan(kept.probabilityWithGrace);
    expect(share).toBeGreaterThanOrEqual(kept.probability - 4 * se);
    expect(share).toBeLessThanOrEqual(kept.probabilityWithGrace + 4 * se);
  });

  it('gives the shortfall that brings the probability to the target, and none when it is reached', () => {
    const rules = { tiers: TIERS, metric: 'spend', windowDays: 365 } as const;
    const kept = tierRetentionProbability(FIT, SPEND, MEMBER, rules, { ...OPTIONS, probabilityTarget: 0.3 });
    expect(kept.probability).toBeGreaterThan(0.3);
    expect(kept.shortfall).toBe(0);
    const gold = tierRetentionProbability(FIT, SPEND, MEMBER, rules, {
      ...OPTIONS,
      tier: 'gold',
      probabilityTarget: 0.3,
    });
    expect(gold.needed).toBe(290);
    expect(gold.shortfall).toBeGreaterThan(0);
    // spending the shortfall now leaves `needed − shortfall` to the model, which it reaches with the target
    const past = [...MEMBER.activity, { at: AT, amount: gold.shortfall }];
    const after = tierRetentionProbability(FIT, SPEND, { ...MEMBER, activity: past }, rules, {
      ...OPTIONS,
      tier: 'gold',
      probabilityTarget: 0.3,
    });
    expect(after.probability).toBeCloseTo(0.3, 6);
  });

  it('laws: the probability falls as the threshold rises and rises with a later review', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 120, max: 600 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 10, max: 110 }),
        fc.integer({ min: 1, max: 200 }),
        (threshold, rise, reviewDays, later) => {
          const tiers = (t: number) => [
            { name: 'member', threshold: 0 },
            { name: 'top', threshold: t },
          ];
          const ask = (t: number, days: number) =>
            tierRetentionProbability(
              FIT,
              SPEND,
              MEMBER,
              { tiers: tiers(t), metric: 'spend', windowDays: 365 },
              {
                ...OPTIONS,
                reviewAt: AT + days * DAY,
                tier: 'top',
              },
            ).probability;
          const base = ask(threshold, reviewDays);
          expect(base).toBeGreaterThanOrEqual(0);
          expect(base).toBeLessThanOrEqual(1);
          expect(ask(threshold + rise, reviewDays)).toBeLessThanOrEqual(base + 1e-12);
          // a later review keeps the past purchases that are still inside the window only if it is not past
          // the first one's exit: compare reviews before 2026-03-01 (the March purchase leaves then)
          if (reviewDays + later <= 89)
            expect(ask(threshold, reviewDays + later)).toBeGreaterThanOrEqual(base - 1e-12);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses what it cannot answer, with codes', () => {
    const rules = { tiers: TIERS, metric: 'spend', windowDays: 365 } as const;
    expect(codeOf(() => tierRetentionProbability(FIT, null, MEMBER, rules, OPTIONS))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(
      codeOf(() => tierRetentionProbability(FIT, SPEND, MEMBER, { ...rules, metric: 'points' }, OPTIONS)),
    ).toBe('INVALID_ARGUMENT');
    expect(
      codeOf(() => tierRetentionProbability(FIT, SPEND, MEMBER, rules, { ...OPTIONS, reviewAt: AT })),
    ).toBe('OUT_OF_RANGE');
    expect(
      codeOf(() =>
        tierRetentionProbability(FIT, SPEND, MEMBER, rules, { ...OPTIONS, reviewAt: AT + 400 * DAY }),
      ),
    ).toBe('OUT_OF_RANGE');
    expect(
      codeOf(() => tierRetentionProbability(FIT, SPEND, MEMBER, rules, { ...OPTIONS, tier: 'platinum' })),
    ).toBe('INVALID_ARGUMENT');
    expect(
      codeOf(() =>
        tierRetentionProbability(
          FIT,
          SPEND,
          { ...MEMBER, activity: [{ at: '2026-01-01', amount: 5 }] },
          rules,
          OPTIONS,
        ),
      ),
    ).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => tierRetentionProbability(SPEND as never, SPEND, MEMBER, rules, OPTIONS))).toBe(
      'UNSUPPORTED_MODEL',
    );
    expect(
      codeOf(() => tierRetentionProbability(FIT, SPEND, MEMBER, rules, { ...OPTIONS, reviewIn: 3 } as never)),
    ).toBe('INVALID_OPTION');
  });
});
