"""Reference values of the BG/NBD DERT of a customer alive at T, E[lambda/(p lambda + delta)] over
lambda ~ Gamma(r + x, alpha + T) and p ~ Beta(a, b + x), for test/clv/bgNbd/discounted.test.ts: mpmath 1.3 at
30 digits, by two independent integrals of the definition (over p of (s/p) U(1, 1 - s, c/p), and over
G ~ Gamma(s, 1) of (G/c) 2F1(1, a; a + b'; -G/c), c = delta (alpha + T)), kept only where they agree to 1e-14 (the tests ask for 1e-12).
Cases: random ones over the region real fits reach (weekly data, a few years, up to 163 purchases, annual
discount rates 1% to 50%) plus fixed heavy buyers and long histories. Prints [r, alpha, a, b, x, T, delta,
value] rows. Run: python3 <this file>."""

import random

from mpmath import beta, exp, gamma, hyp2f1, hyperu, inf, log, mp, mpf, quad

mp.dps = 30
WEEKS_PER_YEAR = mpf("365.2425") / 7


def over_p(a, bp, s, c):
    f = lambda p: (s / p) * hyperu(1, 1 - s, c / p) * p ** (a - 1) * (1 - p) ** (bp - 1) / beta(a, bp)
    mode = a / (a + bp)
    return quad(f, sorted({mpf(0), mode / 10, mode, min(mpf("0.999"), 3 * mode), mpf(1)}))


def over_g(a, bp, s, c):
    f = lambda g: (g / c) * hyp2f1(1, a, a + bp, -g / c) * g ** (s - 1) * exp(-g) / gamma(s)
    return quad(f, sorted({mpf(0), s / 10 + mpf("1e-3"), s, 2 * s + 1, 4 * s + 40, inf}))


def cases():
    rng = random.Random(20261203)
    loguniform = lambda lo, hi: lo * (hi / lo) ** rng.random()
    out = []
    for _ in range(60):
        x = rng.choice([0, 0, 1, 2, 3, 5, 8, 13, 21, 30, 50, 100, 163])
        out.append(
            (
                loguniform(0.05, 5),
                loguniform(1, 100),
                loguniform(0.1, 5),
                loguniform(0.5, 20),
                x,
                loguniform(1, 300),
                loguniform(0.01, 0.5),
            )
        )
    # the benchmark fit; heavy buyers; long histories at a low rate (c^(a-1) large); MBG's b + 1
    out += [
        (0.243, 4.414, 0.793, 2.426, 0, 38.86, 0.1),
        (0.243, 4.414, 0.793, 2.426, 2, 38.86, 0.15),
        (0.243, 4.414, 0.793, 2.426, 163, 104, 0.1),
        (0.243, 4.414, 0.793, 3.426, 40, 104, 0.01),
        (0.243, 4.414, 0.793, 2.426, 1, 300, 0.01),
        (1.7, 20, 0.3, 15, 120, 250, 0.02),
        (0.5, 10, 4.5, 0.7, 150, 200, 0.5),
    ]
    return out


if __name__ == "__main__":
    for r, alpha, a, b, x, T, rate in cases():
        delta = float(log(1 + mpf(rate)) / WEEKS_PER_YEAR)
        R, A, a_, b_, d = map(mpf, (r, alpha, a, b, delta))
        s, bp, c = R + x, b_ + x, d * (A + T)
        one, two = over_p(a_, bp, s, c), over_g(a_, bp, s, c)
        if abs(one - two) > mpf("1e-14") * abs(one):
            continue
        print(f"  [{r!r}, {alpha!r}, {a!r}, {b!r}, {x}, {T!r}, {delta!r}, {float(one)!r}],")
