// An independent, high-accuracy evaluation of Beta-mixture expectations E[f(p)], p ~ Beta(a, b), for
// positive integrands f, written for the tests and sharing nothing with the library's quadrature.
//
// Method: the integral ∫₀¹ f(p) p^(a−1) (1 − p)^(b−1) dp is split at p = ½. Each half is integrated in
// the logarithm of the distance to its end (s = ln p, resp. ln(1 − p)), where the Beta weight and the
// integrands of the models are entire functions of s, by composite 24-point Gauss–Legendre panels of
// width ½ (checked against width 1) down to a cut p₀ so small that below it f and (1 − p)^(b−1) are constant to 1e−18 relative;
// the piece below the cut is f(0)·p₀^a/a exactly to that order. The normaliser B(a, b) is computed by
// the same rule (f ≡ 1), so no log-gamma is involved. Every term is positive, and the sums are kept in
// double-double (Knuth's two-sum), so rounding contributes ~1e−16 relative; `betaMixtureReference` compares the
// rule with panels of twice the width, an a-posteriori bound on the quadrature error.

const ORDER = 24;

/** Gauss–Legendre nodes and weights on [−1, 1], by Newton's iteration on the Legendre recurrence. */
function gaussLegendre(n: number): { nodes: number[]; weights: number[] } {
  const nodes: number[] = [];
  const weights: number[] = [];
  for (let i = 1; i <= n; i++) {
    let x = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      derivative = (n * (x * p1 - p0)) / (x * x - 1);
      const step = p1 / derivative;
      x -= step;
      if (Math.abs(step) < 1e-17) break;
    }
    nodes.push(x);
    weights.push(2 / ((1 - x * x) * derivative * derivative));
  }
  return { nodes, weights };
}

const RULE = gaussLegendre(ORDER);

/** A double-double accumulator: hi + lo holds the running sum to ~32 digits. */
class DoubleDouble {
  hi = 0;
  lo = 0;
  add(value: number): void {
    const s = this.hi + value;
    const v = s - this.hi;
    const error = this.hi - (s - v) + (value - v);
    this.hi = s;
    this.lo += error;
  }
  value(): number {
    return this.hi + this.lo;
  }
}

/** An integrand of p given p and 1 − p (both exact near their ends); must be positive and finite. */
export type PositiveIntegrand = (p: number, q: number) => number;

/**
 * ∫ over one half, in s = ln(distance to the end), of g(s)·e^(power·s) ds from ln(cut) to ln ½, plus the
 * analytic piece below the cut, value0·cut^power/power.
 */
function half(
  g: (distance: number) => number,
  power: number,
  cut: number,
  value0: number,
  width: number,
): DoubleDouble {
  const total = new DoubleDouble();
  total.add((value0 * Math.exp(power * Math.log(cut))) / power);
  const upper = Math.log(0.5);
  const lower = Math.log(cut);
  const panels = Math.ceil((upper - lower) / width);
  const h = (upper - lower) / panels;
  for (let panel = 0; panel < panels; panel++) {
    const mid = lower + (panel + 0.5) * h;
    for (let i = 0; i < ORDER; i++) {
      const s = mid + 0.5 * h * (RULE.nodes[i] as number);
      const distance = Math.exp(s);
      total.add(0.5 * h * (RULE.weights[i] as number) * g(distance) * Math.exp(power * s));
    }
  }
  return total;
}

/** ∫₀¹ f(p) p^(a−1)(1 − p)^(b−1) dp (unnormalised). `scale` bounds |d ln f/dp| near both ends. */
function betaIntegral(a: number, b: number, f: PositiveIntegrand, scale: number, width: number): number {
  const cutLeft = 1e-18 / (scale + Math.abs(b - 1) + 1);
  const cutRight = 1e-18 / (scale + Math.abs(a - 1) + 1);
  const left = half((p) => f(p, 1 - p) * Math.exp((b - 1) * Math.log1p(-p)), a, cutLeft, f(0, 1), width);
  const right = half((q) => f(1 - q, q) * Math.exp((a - 1) * Math.log1p(-q)), b, cutRight, f(1, 0), width);
  const sum = new DoubleDouble();
  sum.add(left.hi);
  sum.add(right.hi);
  sum.add(left.lo);
  sum.add(right.lo);
  return sum.value();
}

/**
 * E[f(p)] for p ~ Beta(a, b), f positive. `scale` is a bound on |d ln f/dp| on [0, 1] near the ends (for
 * (1 + p·u)^(−k) it is k·u). Throws when the rule at half the panel width disagrees by more than 1e−13
 * relative, so a reference value is never silently inaccurate.
 */
export function betaMixtureReference(a: number, b: number, f: PositiveIntegrand, scale: number): number {
  const coarse = betaIntegral(a, b, f, scale, 1) / betaIntegral(a, b, () => 1, 0, 1);
  const fine = betaIntegral(a, b, f, scale, 0.5) / betaIntegral(a, b, () => 1, 0, 0.5);
  if (!(Math.abs(coarse - fine) <= 1e-13 * Math.abs(fine))) {
    throw new Error(`betaMixtureReference: rule not converged (${coarse} vs ${fine})`);
  }
  return fine;
}

/** (1 − (1 + p·u)^(−k))/p, with its limit k·u at p = 0: expected purchases given p, per the BG/NBD. */
export function purchasesGivenDropout(k: number, u: number): PositiveIntegrand {
  return (p) => (p === 0 ? k * u : -Math.expm1(-k * Math.log1p(p * u)) / p);
}

/**
 * Reference E[purchases in (T, T+t] | alive at T] for BG/NBD (`shift` 0) and MBG/NBD (`shift` 1):
 * E_p[(1 − (1 + p·t/(α+T))^(−(r+x)))/p], p ~ Beta(a, b + x + shift).
 */
export function expectedIfAliveReference(
  params: { r: number; alpha: number; a: number; b: number },
  x: number,
  T: number,
  t: number,
  shift: 0 | 1,
): number {
  const k = params.r + x;
  const u = t / (params.alpha + T);
  return betaMixtureReference(params.a, params.b + x + shift, purchasesGivenDropout(k, u), (k + 1) * u);
}

/** Reference E[X(t)] of a customer just acquired: BG/NBD over Beta(a, b), MBG/NBD weighted by 1 − p. */
export function expectedPurchasesReference(
  params: { r: number; alpha: number; a: number; b: number },
  t: number,
  shift: 0 | 1,
): number {
  const u = t / params.alpha;
  const given = purchasesGivenDropout(params.r, u);
  const f: PositiveIntegrand = shift === 0 ? given : (p, q) => q * given(p, q);
  return betaMixtureReference(params.a, params.b, f, (params.r + 1) * u + 1);
}

/** Reference P(alive at T + h | alive at T): E_p[(1 + p·h/(α+T))^(−(r+x))], p ~ Beta(a, b + x + shift). */
export function survivalReference(
  params: { r: number; alpha: number; a: number; b: number },
  x: number,
  T: number,
  h: number,
  shift: 0 | 1,
): number {
  const k = params.r + x;
  const u = h / (params.alpha + T);
  return betaMixtureReference(params.a, params.b + x + shift, (p) => Math.exp(-k * Math.log1p(p * u)), k * u);
}

/** P(alive at T) of BG/NBD (`shift` 0) and MBG/NBD (`shift` 1), written out from the papers. */
export function probabilityAliveReference(
  params: { r: number; alpha: number; a: number; b: number },
  x: number,
  tx: number,
  T: number,
  shift: 0 | 1,
): number {
  if (shift === 0 && x === 0) return 1;
  const { r, alpha, a, b } = params;
  const logOdds = Math.log(a / (b + x - 1 + shift)) + (r + x) * Math.log((alpha + T) / (alpha + tx));
  return logOdds > 0 ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : 1 / (1 + Math.exp(logOdds));
}
