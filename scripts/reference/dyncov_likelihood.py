# Brute-force reference for the Pareto/NBD with time-varying covariates (test/clv/covariates/dynamic.test.ts):
# ln L of one customer by numerical integration over lambda ~ Gamma(r, alpha) and mu ~ Gamma(s, beta) of the
# individual-level likelihood, with mpmath at 30 digits. Independent of the closed form in
# src/clv/paretoNbd/pathLikelihood.ts (which integrates lambda and mu out analytically and the dropout time
# per segment with the 2F1 term): here only the dropout time is integrated in closed form, per segment, for
# fixed lambda and mu, which is elementary:
#   L(lambda, mu) = lambda^x prod a(t_j) [ exp(-lambda A(T) - mu B(T))
#                   + sum_k mu b_k exp(-lambda A_k - mu B_k) (1 - exp(-(lambda a_k + mu b_k) L_k)) / (lambda a_k + mu b_k) ]
# over the segments k of (t_x, T] (A_k, B_k the exposures at the segment's start).
# Run: python3 scripts/reference/dyncov_likelihood.py
import mpmath as mp

mp.mp.dps = 30


def loglik(r, alpha, s, beta, x, tx, T, ends, eta_a, eta_b, times):
    a = [mp.e ** mp.mpf(v) for v in eta_a]
    b = [mp.e ** mp.mpf(v) for v in eta_b]
    # segments: (start, end) over [0, T]
    segs = []
    start = mp.mpf(0)
    for k, end in enumerate(ends):
        end = min(mp.mpf(end), mp.mpf(T))
        segs.append((start, end, a[k], b[k]))
        start = end
    def seg_of(t):
        for k, (lo, hi, _, _) in enumerate(segs):
            if lo <= t < hi:
                return k
        return len(segs) - 1
    log_prod = sum(mp.mpf(eta_a[seg_of(mp.mpf(t))]) for t in times)
    A_T = sum((hi - lo) * ak for lo, hi, ak, _ in segs)
    B_T = sum((hi - lo) * bk for lo, hi, _, bk in segs)
    pieces = []  # (A at piece start, B at piece start, a, b, length) over (tx, T]
    A = mp.mpf(0)
    B = mp.mpf(0)
    for lo, hi, ak, bk in segs:
        if hi > tx:
            l0 = max(lo, mp.mpf(tx))
            pieces.append((A + ak * (l0 - lo), B + bk * (l0 - lo), ak, bk, hi - l0))
        A += ak * (hi - lo)
        B += bk * (hi - lo)
    r, alpha, s, beta = map(mp.mpf, (r, alpha, s, beta))

    def integrand(lam, mu):
        value = mp.exp(-lam * A_T - mu * B_T)
        for A0, B0, ak, bk, L in pieces:
            rate = lam * ak + mu * bk
            value += mu * bk * mp.exp(-lam * A0 - mu * B0) * (-mp.expm1(-rate * L)) / rate
        dens_l = alpha ** r * lam ** (r - 1) * mp.exp(-alpha * lam) / mp.gamma(r)
        dens_m = beta ** s * mu ** (s - 1) * mp.exp(-beta * mu) / mp.gamma(s)
        return lam ** x * value * dens_l * dens_m

    total = mp.quad(integrand, [0, 0.1, 1, 10, mp.inf], [0, 0.1, 1, 10, mp.inf])
    return mp.log(total) + log_prod


CASES = [
    # r, alpha, s, beta, x, tx, T, segment ends, ln a per segment, ln b per segment, purchase times
    (0.8, 4.0, 0.6, 9.0, 3, 7.5, 12.0, [2.0, 5.0, 9.0, 12.0], [0.3, -0.4, 0.8, 0.1], [-0.2, 0.5, 0.0, 1.1], [1.0, 4.5, 7.5]),
    (1.7, 12.0, 1.2, 30.0, 0, 0.0, 10.0, [3.0, 6.5, 10.0], [0.0, 1.0, -1.0], [0.7, -0.3, 0.2], []),
    (0.5, 2.0, 2.5, 3.0, 6, 11.0, 11.5, [1.0, 2.0, 3.0, 11.5], [0.2, 0.2, -0.5, 0.4], [0.1, -0.6, 0.9, 0.3], [0.5, 1.5, 2.0, 2.5, 8.0, 11.0]),
    (2.0, 50.0, 0.9, 200.0, 2, 3.0, 40.0, [10.0, 20.0, 30.0, 40.0], [0.5, -0.5, 0.5, -0.5], [1.5, 0.0, 1.5, 0.0], [1.0, 3.0]),
]

if __name__ == "__main__":
    for case in CASES:
        print(mp.nstr(loglik(*case), 17))
