"""Golden values of the correlated Pareto/NBD with time-invariant covariates, by 2-D numerical integration.

The Sarmanov density mixes the baseline rates (lambda0, mu0) as in sarmanov_likelihood.py; a customer with
linear predictors eta_p = gamma_purchase . z and eta_d = gamma_dropout . z buys at lambda = lambda0 e^eta_p and
drops out at mu = mu0 e^eta_d (the model fitParetoNbd fits with covariates and correlation: true, CLVTools'
use.cor with static covariates). Independent of the library's four-set expansion: each figure integrates the
individual Pareto/NBD quantities at (lambda, mu) over (lambda0, mu0) against the baseline density, with mpmath
at 20 digits. Per case: ln L, P(alive), E[Y(t) | x, t_x, T] and, for a customer just acquired with the same
covariates, E[Y(t)] = integral of lambda (1 - e^-mu t)/mu. Then, as `posterior`, the posterior means of the
customer's rates E[lambda | x, t_x, T] and E[mu | x, t_x, T] (integrals of lambda L and mu L over that of L).

Run: python3 scripts/reference/sarmanov_covariates.py (a few minutes of CPU); the output is the table of
test/clv/paretoNbd/correlationCovariates.test.ts.
"""

import mpmath as mp

from sarmanov_likelihood import density, integrate

mp.mp.dps = 20


def figures(r, alpha, s, beta, omega, eta_p, eta_d, x, tx, T, t):
    r, alpha, s, beta, omega, eta_p, eta_d = map(mp.mpf, (r, alpha, s, beta, omega, eta_p, eta_d))
    x, tx, T, t = map(mp.mpf, (x, tx, T, t))
    dens = density(r, alpha, s, beta, omega)
    fp, fd = mp.exp(eta_p), mp.exp(eta_d)

    def likelihood(lam0, mu0):
        lam, mu = lam0 * fp, mu0 * fd
        return lam**x / (lam + mu) * (mu * mp.exp(-(lam + mu) * tx) + lam * mp.exp(-(lam + mu) * T))

    def alive(lam0, mu0):
        lam, mu = lam0 * fp, mu0 * fd
        return lam**x * mp.exp(-(lam + mu) * T)

    def ahead(lam0, mu0):
        lam, mu = lam0 * fp, mu0 * fd
        return lam * (-mp.expm1(-mu * t)) / mu

    total = integrate(lambda a, b: likelihood(a, b) * dens(a, b), r, alpha, s, beta)
    alive_total = integrate(lambda a, b: alive(a, b) * dens(a, b), r, alpha, s, beta)
    future = integrate(lambda a, b: alive(a, b) * ahead(a, b) * dens(a, b), r, alpha, s, beta)
    new = integrate(lambda a, b: ahead(a, b) * dens(a, b), r, alpha, s, beta)
    return mp.log(total), alive_total / total, future / total, new


def posterior_means(r, alpha, s, beta, omega, eta_p, eta_d, x, tx, T, t):
    r, alpha, s, beta, omega, eta_p, eta_d = map(mp.mpf, (r, alpha, s, beta, omega, eta_p, eta_d))
    x, tx, T = map(mp.mpf, (x, tx, T))
    dens = density(r, alpha, s, beta, omega)
    fp, fd = mp.exp(eta_p), mp.exp(eta_d)

    def likelihood(lam0, mu0):
        lam, mu = lam0 * fp, mu0 * fd
        return lam**x / (lam + mu) * (mu * mp.exp(-(lam + mu) * tx) + lam * mp.exp(-(lam + mu) * T))

    total = integrate(lambda a, b: likelihood(a, b) * dens(a, b), r, alpha, s, beta)
    lam_mean = integrate(lambda a, b: a * fp * likelihood(a, b) * dens(a, b), r, alpha, s, beta)
    mu_mean = integrate(lambda a, b: b * fd * likelihood(a, b) * dens(a, b), r, alpha, s, beta)
    return lam_mean / total, mu_mean / total


CASES = [
    # r, alpha, s, beta, omega, eta_purchase, eta_dropout, x, t_x, T, t
    (0.55, 10.6, 0.61, 11.7, 5.0, 0.4, -0.7, 2, 30.43, 38.86, 39),
    (0.55, 10.6, 0.61, 11.7, -1.0, -0.3, 0.5, 0, 0, 38.86, 39),
    (1.2, 0.8, 0.9, 1.5, 2.0, 0.9, 0.2, 3, 5.0, 20.0, 10),
    (1.2, 0.8, 0.9, 1.5, -2.5, -0.6, -1.1, 1, 18.0, 20.0, 10),
]

if __name__ == "__main__":
    for case in CASES:
        log_l, p_alive, future, new = figures(*case)
        print(
            "[" + ", ".join(repr(float(v)) for v in case) + "],",
            # the shortest decimal that reads back as the same double
            *(repr(float(v)) for v in (log_l, p_alive, future, new)),
        )
    for case in CASES:
        print("posterior", "[" + ", ".join(repr(float(v)) for v in case) + "],", *(repr(float(v)) for v in posterior_means(*case)))
