// Tanh-sinh (double-exponential) quadrature on (0, 1). It converges geometrically for integrands that are
// analytic inside the interval even when they have algebraic singularities at the ends, which is exactly
// the shape of the Beta-mixture integrals of the models (p^(a−1) with a < 1). Internal.

import { logBeta } from './special';

/** A node of the rule: log x, log(1 − x) (both exact near the ends) and the log of the weight. */
interface Node {
  readonly logX: number;
  readonly log1mX: number;
  readonly logWeight: number;
}

const STEP = 1 / 24;
const LIMIT = 6.5; // π sinh(6.5) ≈ 1040: nodes reach e^−1040 from either end, beyond any Beta mass we need

function buildNodes(step: number): readonly Node[] {
  const nodes: Node[] = [];
  for (let k = -Math.round(LIMIT / step); k <= Math.round(LIMIT / step); k++) {
    const t = k * step;
    const u = Math.PI * Math.sinh(t);
    // x = 1/(1 + e^−u), 1 − x = 1/(1 + e^u); dx/dt = π cosh t · x(1 − x)
    const logX = -(u > 0 ? Math.log1p(Math.exp(-u)) : -u + Math.log1p(Math.exp(u)));
    const log1mX = -(u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u)));
    nodes.push({ logX, log1mX, logWeight: Math.log(step * Math.PI * Math.cosh(t)) + logX + log1mX });
  }
  return nodes;
}

let cachedNodes: readonly Node[] | undefined;
let cachedFineNodes: readonly Node[] | undefined;
function nodes(): readonly Node[] {
  cachedNodes ??= buildNodes(STEP);
  return cachedNodes;
}
/** The rule at half the step (625 nodes), for integrands with a sharp transition inside (0, 1). */
function fineNodes(): readonly Node[] {
  cachedFineNodes ??= buildNodes(STEP / 2);
  return cachedFineNodes;
}

/**
 * E[f(p)] for p ~ Beta(a, b): ∫₀¹ f(p) p^(a−1) (1 − p)^(b−1) / B(a, b) dp. `f` receives p and 1 − p (each
 * exact near its end) and must be finite on (0, 1). `fine` halves the step (twice the nodes): for
 * integrands whose transition is sharp on the scale of the standard rule (the BG/NBD expectations of heavy
 * buyers over long horizons, where the standard rule is good to ~1e−8 only).
 */
export function betaExpectation(
  a: number,
  b: number,
  f: (p: number, q: number) => number,
  fine = false,
): number {
  const logNormaliser = logBeta(a, b);
  let sum = 0;
  for (const node of fine ? fineNodes() : nodes()) {
    const logDensity = (a - 1) * node.logX + (b - 1) * node.log1mX - logNormaliser + node.logWeight;
    if (logDensity < -745) continue; // below the smallest double: contributes nothing
    const p = Math.exp(node.logX);
    const q = Math.exp(node.log1mX);
    sum += f(p, q) * Math.exp(logDensity);
  }
  return sum;
}

/**
 * ∫ₗᵒʷᵉʳ^ᵘᵖᵖᵉʳ g(τ) dτ for a smooth g on a finite interval, by the same rule mapped onto (lower, upper).
 */
export function integrate(lower: number, upper: number, g: (tau: number) => number): number {
  const width = upper - lower;
  if (width === 0) return 0;
  let sum = 0;
  for (const node of nodes()) {
    const weight = Math.exp(node.logWeight);
    if (weight === 0) continue;
    const x = Math.exp(node.logX);
    sum += g(lower + width * x) * weight;
  }
  return sum * width;
}

/** Calls `visit` with ln x, ln(1 − x) and the log weight of every node of the rule on (0, 1). */
export function forEachNode(visit: (logX: number, log1mX: number, logWeight: number) => void): void {
  for (const node of nodes()) visit(node.logX, node.log1mX, node.logWeight);
}
