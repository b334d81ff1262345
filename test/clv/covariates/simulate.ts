// Customer summaries simulated from Pareto/NBD with time-invariant covariates (seeded, reproducible): the
// data of the covariate tests. λ ~ Gamma(r, α·exp(−γ_purchase·z)) and μ ~ Gamma(s, β·exp(−γ_dropout·z))
// (shape, rate), an exponential lifetime of rate μ, Poisson purchases of rate λ while alive, observed for
// T whole weeks; times rounded up to days.

/** mulberry32: a small seeded generator of uniforms in [0, 1). */
export function uniforms(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(uniform: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000), with the shape < 1 boost. */
export function gamma(uniform: () => number, shape: number): number {
  if (shape < 1) return gamma(uniform, shape + 1) * (1 - uniform()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(uniform);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    if (Math.log(1 - uniform()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

export interface SimulatedRow {
  readonly frequency: number;
  readonly recency: number;
  readonly T: number;
  readonly covariates: { readonly z1: number; readonly z2: number };
}

export interface Simulation {
  readonly customers: number;
  readonly seed: number;
  readonly params?: { r: number; alpha: number; s: number; beta: number };
  /** z2 on a grid of 0.25 (few distinct rows) or continuous (every customer's row distinct). */
  readonly continuous?: boolean;
  /** Coefficients of z1 and z2 on the purchase process, and of z1 and z2 on dropout. */
  readonly purchase?: readonly [number, number];
  readonly dropout?: readonly [number, number];
}

export function simulatedCovariateRows({
  customers,
  seed,
  params = { r: 0.8, alpha: 6, s: 0.6, beta: 10 },
  purchase = [0.6, -0.3],
  dropout = [0.5, 0],
  continuous = false,
}: Simulation): SimulatedRow[] {
  const uniform = uniforms(seed);
  const rows: SimulatedRow[] = [];
  for (let i = 0; i < customers; i++) {
    const z1 = uniform() < 0.5 ? 0 : 1;
    const z2 = continuous ? uniform() * 2 - 1 : Math.round((uniform() * 2 - 1) * 4) / 4; // in [−1, 1]
    const lambda =
      gamma(uniform, params.r) / (params.alpha * Math.exp(-(purchase[0] * z1 + purchase[1] * z2)));
    const mu = gamma(uniform, params.s) / (params.beta * Math.exp(-(dropout[0] * z1 + dropout[1] * z2)));
    const T = 26 + Math.floor(uniform() * 14);
    const lifetime = -Math.log(1 - uniform()) / mu;
    const end = Math.min(lifetime, T);
    let t = 0;
    let x = 0;
    let last = 0;
    for (;;) {
      t += -Math.log(1 - uniform()) / lambda;
      if (!(t < end)) break;
      x++;
      last = t;
    }
    const recency = x === 0 ? 0 : Math.min(T, Math.ceil(last * 7) / 7);
    rows.push({ frequency: x, recency, T, covariates: { z1, z2 } });
  }
  return rows;
}
