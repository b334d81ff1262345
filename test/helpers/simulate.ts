// Deterministic simulation of BG/NBD customers in continuous time, for tests of fits on data with known
// parameters. xorshift32 uniforms; Marsaglia–Tsang gammas.

/** A seeded uniform generator on (0, 1). */
export function uniforms(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) + 0.5) / 4294967296;
  };
}

/** `customers` BG/NBD histories with T uniform on [1, maxT], times continuous (so rows rarely repeat). */
export function simulateBgNbd(
  customers: number,
  params: { r: number; alpha: number; a: number; b: number },
  seed = 0x2545f491,
  maxT = 52,
): { frequency: number; recency: number; T: number }[] {
  const uniform = uniforms(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const gamma = (shape: number): number => {
    if (shape < 1) return gamma(shape + 1) * uniform() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = normal();
      const v = (1 + c * x) ** 3;
      if (v > 0 && Math.log(uniform()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  const rows: { frequency: number; recency: number; T: number }[] = [];
  for (let i = 0; i < customers; i++) {
    const lambda = gamma(params.r) / params.alpha;
    const x1 = gamma(params.a);
    const p = x1 / (x1 + gamma(params.b));
    const T = 1 + (maxT - 1) * uniform();
    let t = 0;
    let frequency = 0;
    let recency = 0;
    for (;;) {
      t += -Math.log(uniform()) / lambda;
      if (t > T) break;
      frequency++;
      recency = t;
      if (uniform() < p) break;
    }
    rows.push({ frequency, recency, T });
  }
  return rows;
}
