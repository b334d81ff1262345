"""Reference values of P(Y(t) = n | x, t_x, T) for test/clv/conditionalPurchaseProbability.test.ts.

Independent of the library: each value is the joint probability of the history and of n purchases in
(T, T + t], integrated numerically over the mixing distributions with mpmath (20 digits; the mixing variables substituted so that no density is singular), divided by the
likelihood integrated the same way. Nothing is taken from the closed forms the library uses (no Beta
functions of posteriors, no hypergeometric functions, no NBD counts). Run: python3 <this file> (mpmath 1.3).
"""

import sys

from mpmath import mp, mpf, quad, exp, log, gamma, factorial, gammainc, binomial, inf, nsum

mp.dps = 20


def gamma_mixture(shape, rate, scale, power, posterior_rate):
    """(variable -> (value, density x Jacobian)) for a Gamma(shape, rate) on u in (0, inf): value = scale
    u^(1/power) for u < 1, which absorbs v^(power-1), the posterior's behaviour at 0 (the prior's
    v^(shape-1) times the likelihood's v^x), and value = scale u above (scale = a point in the bulk).
    Returns the map and the break points of u, around the posterior Gamma(power, posterior_rate)."""
    shape, rate, scale, power = mpf(shape), mpf(rate), mpf(scale), mpf(power)
    lead = shape * log(rate) - log(gamma(shape))

    def point(u):
        if u <= 1:
            if u == 0:
                return mpf(0), mpf(0)
            v = scale * u ** (1 / power)
            # density(v) dv/du = e^lead v^(shape-1) e^(-rate v) (scale/power) u^(1/power - 1)
            return v, exp(lead + (shape - 1) * log(v) - rate * v + log(scale / power) + (1 / power - 1) * log(u))
        v = scale * u
        return v, exp(lead + (shape - 1) * log(v) - rate * v + log(scale))

    mean = power / posterior_rate
    sd = mp.sqrt(power) / posterior_rate
    breaks = [mpf(0), mpf(1)]
    for k in (-3, -1, 0, 1, 3, 6, 12, 24):
        v = (mean + k * sd) / scale
        if v > breaks[-1]:
            breaks.append(v)
    return point, breaks + [inf]


def beta_mixture(a, b, power0, power1):
    """(w -> (p, density x Jacobian)) for a Beta(a, b) on w in (0, 2): p = u^(1/power0)/2 for w = u < 1 and
    1 - p = v^(1/power1)/2 for w = 2 - v > 1, which absorb the posterior's behaviour at both ends
    (p^(power0-1), (1-p)^(power1-1))."""
    a, b, power0, power1 = mpf(a), mpf(b), mpf(power0), mpf(power1)
    lead = log(gamma(a + b)) - log(gamma(a)) - log(gamma(b))

    def point(w):
        if w <= 0 or w >= 2:
            return (mpf(0) if w <= 0 else mpf(1)), mpf(0)
        if w <= 1:
            p = w ** (1 / power0) / 2
            jac = log(1 / (2 * power0)) + (1 / power0 - 1) * log(w)
            return p, exp(lead + (a - 1) * log(p) + (b - 1) * log(1 - p) + jac)
        v = 2 - w
        q = v ** (1 / power1) / 2
        jac = log(1 / (2 * power1)) + (1 / power1 - 1) * log(v)
        return 1 - q, exp(lead + (a - 1) * log(1 - q) + (b - 1) * log(q) + jac)

    return point, [0, mpf(1) / 2, 1, mpf(3) / 2, 2]


def poisson(n, mean):
    if mean == 0:
        return mpf(1) if n == 0 else mpf(0)
    return exp(n * log(mean) - mean - log(factorial(n)))


def poisson_at_least(n, mean):
    """P(N >= n) for N ~ Poisson(mean): the regularised lower incomplete gamma P(n, mean)."""
    return gammainc(n, 0, mean, regularized=True) if n > 0 else mpf(1)


def ratio(first_of, first_breaks, second_of, second_breaks, alive_lik, dead_lik, future, n):
    """E[history and n future purchases] / E[history] over the two mixing variables."""

    def weight(u, w):
        first, d1 = first_of(u)
        second, d2 = second_of(w)
        return first, second, d1 * d2

    def joint(u, w):
        first, second, d = weight(u, w)
        if d == 0:
            return mpf(0)
        value = alive_lik(first, second) * future(first, second)
        if n == 0:
            value += dead_lik(first, second)
        return d * value

    def total(u, w):
        first, second, d = weight(u, w)
        return mpf(0) if d == 0 else d * (alive_lik(first, second) + dead_lik(first, second))

    return quad(joint, first_breaks, second_breaks) / quad(total, first_breaks, second_breaks)


def bg_nbd(params, x, tx, T, n, t, shift):
    """BG/NBD (shift 0) or MBG/NBD (shift 1): lambda ~ Gamma(r, alpha), p ~ Beta(a, b)."""
    r, alpha, a, b = (mpf(v) for v in params)
    x, tx, T, t = mpf(x), mpf(tx), mpf(T), mpf(t)
    lam_of, lam_breaks = gamma_mixture(r, alpha, (r + x) / (alpha + T), r + x, alpha + T)
    p_of, p_breaks = beta_mixture(a, b, a, b + x + shift)

    def alive_lik(lam, p):
        return (1 - p) ** (x + shift) * lam**x * exp(-lam * T)

    def dead_lik(lam, p):
        if x == 0 and shift == 0:
            return mpf(0)
        return p * (1 - p) ** (x - 1 + shift) * lam**x * exp(-lam * tx)

    def future(lam, p):
        value = (1 - p) ** n * poisson(n, lam * t)
        if n > 0:
            value += p * (1 - p) ** (n - 1) * poisson_at_least(n, lam * t)
        return value

    return ratio(lam_of, lam_breaks, p_of, p_breaks, alive_lik, dead_lik, future, n)


def pareto_nbd(params, x, tx, T, n, t):
    """Pareto/NBD: lambda ~ Gamma(r, alpha), mu ~ Gamma(s, beta)."""
    r, alpha, s, beta = (mpf(v) for v in params)
    x, tx, T, t = mpf(x), mpf(tx), mpf(T), mpf(t)
    lam_of, lam_breaks = gamma_mixture(r, alpha, (r + x) / (alpha + T), r + x, alpha + T)
    mu_of, mu_breaks = gamma_mixture(s, beta, s / (beta + T), s, beta + T)

    def alive_lik(lam, mu):
        return lam**x * exp(-(lam + mu) * T)

    def dead_lik(lam, mu):
        # died at tau in (t_x, T]: integral of mu e^(-mu tau) lambda^x e^(-lambda t_x) e^(...) in closed form
        return lam**x * mu / (lam + mu) * (exp(-(lam + mu) * tx) - exp(-(lam + mu) * T))

    def future(lam, mu):
        # alive through t: Poisson(n; lambda t) e^(-mu t); died at tau < t: the integral of
        # mu e^(-mu tau) Poisson(n; lambda tau) over (0, t], by the regularised incomplete gamma
        rate = lam + mu
        died = mu * lam**n / rate ** (n + 1) * gammainc(n + 1, 0, rate * t, regularized=True)
        return poisson(n, lam * t) * exp(-mu * t) + died

    return ratio(lam_of, lam_breaks, mu_of, mu_breaks, alive_lik, dead_lik, future, n)


def bg_bb(params, x, tx, periods, n, future_periods):
    """BG/BB: p ~ Beta(alpha, beta), theta ~ Beta(gamma, delta); whole opportunities."""
    al, be, ga, de = (mpf(v) for v in params)
    p_of, p_breaks = beta_mixture(al, be, al + x, be + periods - x)
    th_of, th_breaks = beta_mixture(ga, de, ga, de + periods)

    def alive_lik(p, th):
        return p**x * (1 - p) ** (periods - x) * (1 - th) ** periods

    def dead_lik(p, th):
        return sum(p**x * (1 - p) ** (tx - x + i) * th * (1 - th) ** (tx + i) for i in range(periods - tx))

    def future(p, th):
        m = future_periods
        value = binomial(m, n) * p**n * (1 - p) ** (m - n) * (1 - th) ** m if n <= m else mpf(0)
        value += sum(binomial(i, n) * p**n * (1 - p) ** (i - n) * th * (1 - th) ** i for i in range(n, m))
        return value

    return ratio(p_of, p_breaks, th_of, th_breaks, alive_lik, dead_lik, future, n)


# CDNOW fits in weeks: BG/NBD of Fader, Hardie & Lee (2005); Pareto/NBD of Fader & Hardie's note (r, alpha, s,
# beta = 0.553, 10.58, 0.606, 11.669); MBG/NBD at the BG/NBD parameters. BG/BB: the donations fit of Fader,
# Hardie & Shang (2010) (alpha, beta, gamma, delta = 1.204, 0.750, 0.657, 2.783), 6 opportunities observed.
BG = (0.243, 4.414, 0.793, 2.426)
PARETO = (0.553, 10.58, 0.606, 11.669)
BGBB = (1.204, 0.750, 0.657, 2.783)

CASES = [
    ("bgNbd", BG, (2, 30.43, 38.86), 0, 39),
    ("bgNbd", BG, (2, 30.43, 38.86), 1, 39),
    ("bgNbd", BG, (0, 0, 38.86), 0, 52),
    ("bgNbd", BG, (30, 38.5, 38.86), 40, 78),
    ("bgNbd", BG, (30, 20, 38.86), 0, 520),
    ("mbgNbd", BG, (0, 0, 38.86), 0, 52),
    ("mbgNbd", BG, (5, 35, 38.86), 3, 39),
    ("paretoNbd", PARETO, (2, 30.43, 38.86), 0, 39),
    ("paretoNbd", PARETO, (2, 30.43, 38.86), 1, 39),
    ("paretoNbd", PARETO, (0, 0, 38.86), 0, 520),
    ("paretoNbd", PARETO, (30, 38.5, 38.86), 40, 78),
    ("paretoNbd", PARETO, (30, 20, 38.86), 0, 104),
    ("bgBb", BGBB, (3, 4, 6), 0, 5),
    ("bgBb", BGBB, (3, 4, 6), 2, 5),
    ("bgBb", BGBB, (6, 6, 6), 6, 10),
    ("bgBb", BGBB, (1, 1, 6), 0, 20),
]

def bg_nbd_plain(params, x, tx, T, n, t, shift=0):
    """The same BG/NBD integral over the plain densities (no substitution) at 30 digits: a second, independent
    quadrature for the posteriors that are narrow (many purchases), where the substituted one converges
    slowly. Run: python3 <this file> plain."""
    mp.dps = 30
    r, alpha, a, b = (mpf(v) for v in params)
    x, tx, T, t = mpf(x), mpf(tx), mpf(T), mpf(t)
    g = lambda lam: exp(r * log(alpha) - log(gamma(r)) + (r - 1) * log(lam) - alpha * lam)
    h = lambda p: exp(log(gamma(a + b)) - log(gamma(a)) - log(gamma(b)) + (a - 1) * log(p) + (b - 1) * log(1 - p))
    alive = lambda lam, p: (1 - p) ** (x + shift) * lam**x * exp(-lam * T)
    dead = lambda lam, p: p * (1 - p) ** (x - 1 + shift) * lam**x * exp(-lam * tx)

    def future(lam, p):
        value = (1 - p) ** n * poisson(n, lam * t)
        if n > 0:
            value += p * (1 - p) ** (n - 1) * poisson_at_least(n, lam * t)
        return value

    mean, sd = (r + x) / (alpha + T), mp.sqrt(r + x) / (alpha + T)
    breaks = [mpf(0)] + [mean + k * sd for k in (-3, -1, 0, 1, 3, 6, 12) if mean + k * sd > 0] + [inf]
    joint = quad(lambda lam, p: g(lam) * h(p) * (alive(lam, p) * future(lam, p) + (dead(lam, p) if n == 0 else 0)), breaks, [0, 0.5, 1])
    total = quad(lambda lam, p: g(lam) * h(p) * (alive(lam, p) + dead(lam, p)), breaks, [0, 0.5, 1])
    mp.dps = 20
    return joint / total


if __name__ == "__main__" and sys.argv[1:] == ["plain"]:
    print(f"  ['bgNbd', [30, 38.5, 38.86], 40, 78, {float(bg_nbd_plain(BG, 30, 38.5, 38.86, 40, 78))!r}],")
elif __name__ == "__main__":
    for model, params, (x, tx, T), n, t in CASES:
        if model == "bgNbd":
            value = bg_nbd(params, x, tx, T, n, t, 0)
        elif model == "mbgNbd":
            value = bg_nbd(params, x, tx, T, n, t, 1)
        elif model == "paretoNbd":
            value = pareto_nbd(params, x, tx, T, n, t)
        else:
            value = bg_bb(params, x, tx, T, n, t)
        print(f"  ['{model}', [{x}, {tx}, {T}], {n}, {t}, {float(value)!r}],", flush=True)
