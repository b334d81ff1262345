"""Golden values of the correlated Pareto/NBD (Glady, Lemmens & Croux 2015) by 2-D numerical integration.

Independent of the library's four-set expansion: each figure integrates the individual Pareto/NBD quantities
over (lambda, mu) against the Sarmanov density g(lambda; r, alpha) h(mu; s, beta) [1 + omega phi1 phi2],
phi1 = exp(-lambda) - (alpha/(alpha+1))^r, phi2 = exp(-mu) - (beta/(beta+1))^s, with mpmath at 20 digits.

Per customer (x, t_x, T), given (lambda, mu):
  L     = lambda^x / (lambda+mu) * [mu e^-(lambda+mu) t_x + lambda e^-(lambda+mu) T]
  alive = lambda^x e^-(lambda+mu) T                      (the likelihood and alive at T)
  E[Y(t) | alive, lambda, mu] = lambda (1 - e^-mu t) / mu
so ln L = ln of the integral of L, P(alive) = integral of alive / integral of L, and the conditional expected
purchases = integral of alive * lambda (1 - e^-mu t)/mu / integral of L. Also Cor(lambda, mu) from the moments
of the density. Run: python3 scripts/reference/sarmanov_likelihood.py (about 3 minutes of CPU); the output is the
table of test/clv/paretoNbd/correlation.test.ts.
"""

import mpmath as mp

mp.mp.dps = 20


def density(r, alpha, s, beta, omega):
    c1 = (alpha / (alpha + 1)) ** r
    c2 = (beta / (beta + 1)) ** s
    lg_r = mp.loggamma(r)
    lg_s = mp.loggamma(s)

    def f(lam, mu):
        g = mp.exp(r * mp.log(alpha) + (r - 1) * mp.log(lam) - alpha * lam - lg_r)
        h = mp.exp(s * mp.log(beta) + (s - 1) * mp.log(mu) - beta * mu - lg_s)
        return g * h * (1 + omega * (mp.exp(-lam) - c1) * (mp.exp(-mu) - c2))

    return f


def integrate(f, r, alpha, s, beta):
    # split each axis where the gamma densities put their mass, so tanh-sinh meets smooth pieces
    lam_points = [0, r / alpha, mp.inf]
    mu_points = [0, s / beta, mp.inf]
    return mp.quad(f, lam_points, mu_points)


def figures(r, alpha, s, beta, omega, x, tx, T, t):
    r, alpha, s, beta, omega = map(mp.mpf, (r, alpha, s, beta, omega))
    x, tx, T, t = map(mp.mpf, (x, tx, T, t))
    dens = density(r, alpha, s, beta, omega)

    def likelihood(lam, mu):
        return lam**x / (lam + mu) * (mu * mp.exp(-(lam + mu) * tx) + lam * mp.exp(-(lam + mu) * T))

    def alive(lam, mu):
        return lam**x * mp.exp(-(lam + mu) * T)

    total = integrate(lambda lam, mu: likelihood(lam, mu) * dens(lam, mu), r, alpha, s, beta)
    alive_total = integrate(lambda lam, mu: alive(lam, mu) * dens(lam, mu), r, alpha, s, beta)
    future = integrate(
        lambda lam, mu: alive(lam, mu) * lam * (-mp.expm1(-mu * t)) / mu * dens(lam, mu), r, alpha, s, beta
    )
    return mp.log(total), alive_total / total, future / total


def correlation(r, alpha, s, beta, omega):
    r, alpha, s, beta, omega = map(mp.mpf, (r, alpha, s, beta, omega))
    dens = density(r, alpha, s, beta, omega)
    m = lambda f: integrate(lambda lam, mu: f(lam, mu) * dens(lam, mu), r, alpha, s, beta)
    el, em = m(lambda l, u: l), m(lambda l, u: u)
    cov = m(lambda l, u: l * u) - el * em
    vl = m(lambda l, u: l * l) - el**2
    vm = m(lambda l, u: u * u) - em**2
    return cov / mp.sqrt(vl * vm)


CASES = [
    # r, alpha, s, beta, omega, x, t_x, T, t
    (0.55, 10.6, 0.61, 11.7, 5.0, 2, 30.43, 38.86, 39),
    (0.55, 10.6, 0.61, 11.7, -1.0, 0, 0, 38.86, 39),
    (1.2, 0.8, 0.9, 1.5, 2.0, 3, 5.0, 20.0, 10),
    (1.2, 0.8, 0.9, 1.5, -2.5, 1, 18.0, 20.0, 10),
]

if __name__ == "__main__":
    for case in CASES:
        log_l, p_alive, future = figures(*case)
        print(
            "[" + ", ".join(repr(float(v)) for v in case) + "],",
            mp.nstr(log_l, 16),
            mp.nstr(p_alive, 16),
            mp.nstr(future, 16),
        )
    for case in [(1.2, 0.8, 0.9, 1.5, -2.5)]:
        print("correlation", case, mp.nstr(correlation(*case), 16))
