"""GGom/NBD and NBD conditional purchase probabilities and DERT at 40 digits, independently of patronage.

mpmath 1.3. Not the library's route (posterior shares times the count of a customer alive at T): here the
joint probability of the history and of the future count n in (T, T+t], over lambda ~ Gamma(r, alpha) and
the lifetime tau (S, f of Bemmaor & Glady 2012, as in ggomnbd_reference.py), divided by the likelihood L:
  joint(n) = [n = 0] G(r+x) a^r/G(r) int_{t_x}^T (a+y)^-(r+x) f(y) dy
           + G(r+x+n) a^r/(G(r) n!) [ t^n (a+T+t)^-(r+x+n) S(T+t) + int_T^{T+t} (tau-T)^n (a+tau)^-(r+x+n) f(tau) dtau ],
(a customer dead by T makes no purchase; alive at T, the count is Poisson(lambda min(tau - T, t)) and
E[lambda^x e^(-lambda T) Poisson(n; lambda u)] has the closed form above), and
  DERT = G(r+x+1) a^r/G(r) (a+T)^-(r+x+1) int_0^inf e^(-delta u) S(T+u) du / L,
delta = ln(1.15) per year in weeks (continuous compounding, the library's convention). Finite integrals:
ggomnbd_reference.py's checked Gauss-Legendre (64 pieces plus the purchase factor's and the
density's scales, against the same rule with every piece halved, 1e-25 relative), at the same points; the infinite one (scaled by S(T)): tanh-sinh over
splits at 2^k/delta and 2^k/hazard(T), checked against splits at 3^k of the same scales. NBD: closed forms, NBD(n; r+x, a+T, t) and
(r+x)/((a+T) delta). Run: python3 scripts/reference/ggomnbd_conditional.py
The printed table is the reference of test/clv/ggomNbd/conditional.test.ts.
"""
import os
import sys

from mpmath import mp, mpf, loggamma, log, exp, quad, nstr, inf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ggomnbd_reference import POINTS, lifetime  # noqa: E402

mp.dps = 40

CUSTOMERS = [(0, '0', '39'), (2, '30.43', '38.86'), (26, '30.86', '31'), (5, '1', '39')]
WINDOW = mpf(20)
COUNTS = (0, 1, 3)
DELTA = log(mpf('1.15')) / (mpf('365.2425') / 7)


def double(value):
    """The nearest double, printed as the shortest decimal that reads back to it."""
    return repr(float(value))


def check(a, b, what):
    if abs(a - b) > mpf('1e-25') * abs(a):
        raise RuntimeError(f'{what}: quadratures disagree: {a} {b}')
    return a


def model(p):
    r, alpha, b, s, beta, log_s, density, integrate, splits = lifetime(p)

    def common(x):
        return loggamma(r + x) - loggamma(r) + r * log(alpha)

    def likelihood(x, tx, T):
        m = r + x
        first = exp(-m * log(alpha + T) + log_s(T))
        dead = integrate(lambda y: exp(-m * log(alpha + y)) * density(y), splits(tx, T, x)) if T > tx else mpf(0)
        return exp(common(x)) * (first + dead), exp(common(x)) * dead

    def conditional(x, tx, T, n, t):
        L, dead_part = likelihood(x, tx, T)
        m = r + x + n
        factor = exp(loggamma(m) - loggamma(r) + r * log(alpha) - loggamma(n + 1))
        survived = t ** n * exp(-m * log(alpha + T + t) + log_s(T + t))
        def died_at(tau):
            u = tau - T
            return (u ** n if n > 0 else 1) * exp(-m * log(alpha + tau)) * density(tau)
        died = integrate(died_at, splits(T, T + t, x + n))
        joint = factor * (survived + died) + (dead_part if n == 0 else 0)
        return joint / L

    def dert(x, tx, T):
        L, _ = likelihood(x, tx, T)
        # scaled by S(T), at the scales of the discounting and of the hazard at T
        g = lambda u: exp(-DELTA * u + log_s(T + u) - log_s(T))
        hazard = density(T) / exp(log_s(T))
        scales = sorted({1 / DELTA, 1 / hazard})
        one = quad(g, sorted({mpf(0), inf} | {c * 2**k for c in scales for k in range(-12, 9)}))
        two = quad(g, sorted({mpf(0), inf} | {c * 3**k for c in scales for k in range(-8, 6)}))
        integral = check(one, two, 'infinite') * exp(log_s(T))
        return exp(loggamma(r + x + 1) - loggamma(r) + r * log(alpha) - (r + x + 1) * log(alpha + T)) * integral / L

    return conditional, dert


print('ggomNbd:')
for name, p in POINTS.items():
    conditional, dert = model(p)
    print(f"  {name}: {{ params: {{ r: {p['r']}, alpha: {p['alpha']}, b: {p['b']}, s: {p['s']}, beta: {p['beta']} }},")
    print('    customers: [')
    for x, tx, T in CUSTOMERS:
        tx, T = mpf(tx), mpf(T)
        probabilities = ', '.join(double(conditional(x, tx, T, n, WINDOW)) for n in COUNTS)
        print(f'      [{x}, {nstr(tx, 10)}, {nstr(T, 10)}, [{probabilities}], {double(dert(x, tx, T))}],')
    print('    ],')
    print('  },')

print('nbd (CDNOW, scripts/reference/nbd_cdnow.py: r 0.385, alpha 12.072 in weeks):')
r, alpha = mpf('0.385'), mpf('12.072')
for x, tx, T in CUSTOMERS:
    T = mpf(T)
    rx, aT = r + x, alpha + T
    probabilities = ', '.join(
        double(exp(loggamma(rx + n) - loggamma(rx) - loggamma(n + 1) + rx * log(aT / (aT + WINDOW)) + n * log(WINDOW / (aT + WINDOW))))
        for n in COUNTS)
    print(f'      [{x}, {tx}, {nstr(T, 10)}, [{probabilities}], {double(rx / aT / DELTA)}],')
