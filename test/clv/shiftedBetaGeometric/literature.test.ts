import { describe, expect, it } from 'vitest';
import { contractSurvival, fitShiftedBetaGeometric } from '../../../src/index';
import { expectParams, logLikelihoodOf } from '../literatureHelpers';

describe('shifted beta-geometric, Fader & Hardie (2007) "How to Project Customer Retention"', () => {
  it('regular customers: alpha 0.704, beta 1.182, log-likelihood −1,680.3 (± 0.05)', () => {
    const fit = fitShiftedBetaGeometric({ survivors: [1000, 631, 468, 382, 326, 289, 262, 241] });
    expectParams(fit, { alpha: 0.704, beta: 1.182 }, 3);
    expect(Math.abs(logLikelihoodOf(fit) - -1680.3)).toBeLessThanOrEqual(0.05);
  });

  it('high-end customers: alpha 0.668, beta 3.806, log-likelihood −1,611.2 (± 0.05)', () => {
    const fit = fitShiftedBetaGeometric({ survivors: [1000, 869, 743, 653, 593, 551, 517, 491] });
    expectParams(fit, { alpha: 0.668, beta: 3.806 }, 3);
    expect(Math.abs(logLikelihoodOf(fit) - -1611.2)).toBeLessThanOrEqual(0.05);
  });

  it('per-customer lifetimes with censoring give the same fit as the survivor counts', () => {
    const survivors = [1000, 631, 468, 382, 326, 289, 262, 241];
    const lifetimes = survivors.slice(1).map((count, i) => ({
      periods: i + 1,
      churned: true,
      weight: (survivors[i] as number) - count,
    }));
    lifetimes.push({ periods: 7, churned: false, weight: 241 });
    const fromCounts = fitShiftedBetaGeometric({ survivors });
    const fromLifetimes = fitShiftedBetaGeometric({ lifetimes });
    expect(Math.abs(fromLifetimes.params.alpha - fromCounts.params.alpha)).toBeLessThan(1e-6);
    expect(Math.abs(logLikelihoodOf(fromLifetimes) - logLikelihoodOf(fromCounts))).toBeLessThan(1e-6);
  });

  it('projects the regular cohort: the 12-period survival curve falls and retention rises', () => {
    const curves = contractSurvival(
      { model: 'shiftedBetaGeometric', params: { alpha: 0.704, beta: 1.182 } },
      12,
    );
    for (let t = 1; t < 12; t++) {
      expect(curves.survival[t + 1] as number).toBeLessThan(curves.survival[t] as number);
      expect(curves.retention[t] as number).toBeGreaterThan(curves.retention[t - 1] as number);
    }
  });
});
