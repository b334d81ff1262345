// Customers simulated from Pareto/NBD with a time-varying covariate (seeded, reproducible): the data of the
// time-varying covariate tests. Calendar weeks 0 … weeks − 1; customer i is acquired at the start of a
// calendar week and observed to the end of the last; `season` is 1 in calendar weeks 4–7 of every 13 and
// 0 otherwise, `z` a time-invariant 0/1. While alive the customer buys at rate λ·exp(γ_season·season(t) +
// γ_z·z) and drops out at hazard μ·exp(δ_season·season(t)), λ ~ Gamma(r, α), μ ~ Gamma(s, β).
import type { CovariatePathRow } from '../../../src/index';
import { gamma, uniforms } from './simulate';

export interface PathTruth {
  readonly r: number;
  readonly alpha: number;
  readonly s: number;
  readonly beta: number;
  readonly purchaseSeason: number;
  readonly purchaseZ: number;
  readonly dropoutSeason: number;
}

export const PATH_TRUTH: PathTruth = {
  r: 0.9,
  alpha: 6,
  s: 0.8,
  beta: 20,
  purchaseSeason: 0.7,
  purchaseZ: 0.4,
  dropoutSeason: 0.5,
};

const seasonOf = (week: number): number => (week % 13 >= 4 && week % 13 < 8 ? 1 : 0);

/** `n` customers over `weeks` calendar weeks, with their weekly periods to `until` weeks (default `weeks`). */
export function simulatedPathRows(
  n: number,
  seed: number,
  weeks = 39,
  truth: PathTruth = PATH_TRUTH,
  until = weeks,
): (CovariatePathRow & { readonly covariates: { readonly z: number } })[] {
  const uniform = uniforms(seed);
  const rows = [];
  for (let i = 0; i < n; i++) {
    const birth = Math.floor(uniform() * (weeks - 1));
    const z = uniform() < 0.5 ? 1 : 0;
    const lambda = gamma(uniform, truth.r) / truth.alpha;
    const mu = gamma(uniform, truth.s) / truth.beta;
    const T = weeks - birth;
    const periods = [];
    for (let week = birth; week < until; week++) {
      periods.push({ start: week - birth, end: week - birth + 1, covariates: { season: seasonOf(week) } });
    }
    // dropout: where μ·B(t) reaches an Exp(1) draw; purchases: Poisson arrivals per week while alive
    let exposure = -Math.log(1 - uniform());
    const times: number[] = [];
    for (let week = birth; week < weeks; week++) {
      const season = seasonOf(week);
      const hazard = mu * Math.exp(truth.dropoutSeason * season);
      const alive = Math.min(1, exposure / hazard);
      exposure -= hazard * alive;
      const rate = lambda * Math.exp(truth.purchaseSeason * season + truth.purchaseZ * z);
      let t = -Math.log(1 - uniform()) / rate;
      while (t < alive) {
        times.push(week - birth + t);
        t += -Math.log(1 - uniform()) / rate;
      }
      if (alive < 1) break;
    }
    const purchaseTimes = times;
    rows.push({
      frequency: purchaseTimes.length,
      recency: purchaseTimes.at(-1) ?? 0,
      T,
      purchaseTimes,
      covariatePath: periods,
      covariates: { z },
    });
  }
  return rows;
}
