// Deterministic simulation of BG/NBD customers in continuous time (xorshift32 uniforms, Marsaglia–Tsang
// gammas): the benchmark's data with nothing to merge, and the tests' data with known parameters.

/** A seeded uniform generator on (0, 1). */
export function uniforms(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) + 0.5) / 4294967296;
  };
}

/** `customers` BG/NBD histories with T uniform on [1, maxT]; times are continuous, so rows rarely repeat. */
export function simulateBgNbd(customers, params, seed = 0x2545f491, maxT = 52) {
  const uniform = uniforms(seed);
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const gamma = (shape) => {
    if (shape < 1) return gamma(shape + 1) * uniform() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = normal();
      const v = (1 + c * x) ** 3;
      if (v > 0 && Math.log(uniform()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  const rows = [];
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
