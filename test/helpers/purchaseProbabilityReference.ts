import { lgamma } from './lgamma';

// An independent reference for the BG/NBD and MBG/NBD P(X(t) = count) (issue 15, item 2): Fader, Hardie
// & Lee (2005) eq. 8 written out with log-gammas from the test's own Stirling series, and the NBD tail
// P(N(t) ≥ count) summed upwards term by term (each term from the previous by the ratio
// (r + j)/(j + 1)·z) in double-double, never as 1 − Σ.

function logBetaReference(a: number, b: number): number {
  return lgamma(a) + lgamma(b) - lgamma(a + b);
}

function logNbdReference(r: number, alpha: number, j: number, t: number): number {
  return (
    lgamma(r + j) -
    lgamma(r) -
    lgamma(j + 1) +
    r * Math.log(alpha / (alpha + t)) +
    j * Math.log(t / (alpha + t))
  );
}

/** ln Σ_{j ≥ count} NBD(j), the upper tail summed directly relative to its first term. */
function logUpperTailReference(r: number, alpha: number, count: number, t: number): number {
  const z = t / (alpha + t);
  let hi = 1;
  let lo = 0;
  let term = 1;
  for (let j = count; j < count + 10_000_000; j++) {
    term *= ((r + j) / (j + 1)) * z;
    const s = hi + term;
    const v = s - hi;
    lo += hi - (s - v) + (term - v);
    hi = s;
    if (term < 1e-20 * hi && (r + j) * z < j + 1) break;
  }
  return logNbdReference(r, alpha, count, t) + Math.log(hi + lo);
}

export function bgPurchaseProbabilityReference(
  params: { r: number; alpha: number; a: number; b: number },
  count: number,
  t: number,
  shift: 0 | 1,
): number {
  const { r, alpha, a, b } = params;
  const norm = logBetaReference(a, b);
  const survived = Math.exp(
    logBetaReference(a, b + count + shift) - norm + logNbdReference(r, alpha, count, t),
  );
  if (shift === 0 && count === 0) return survived;
  const tail = count === 0 ? 0 : logUpperTailReference(r, alpha, count, t);
  return survived + Math.exp(logBetaReference(a + 1, b + count - 1 + shift) - norm + tail);
}
