"""GGom/NBD (Bemmaor & Glady 2012) log-likelihoods and predictions at 40 digits, independently of patronage.

mpmath 1.3: the lifetime S(t) = (beta/(beta + e^(bt) - 1))^s, f = -S', and
  L = Gamma(r+x)/Gamma(r) alpha^r [ (alpha+T)^-(r+x) S(T) + int_{t_x}^T (alpha+y)^-(r+x) f(y) dy ],
  P(alive) = (alpha+T)^-(r+x) S(T) / bracket,
  E[Y(t) | alive, x, T] = (r+x)/(alpha+T) int_0^t S(T+u)/S(T) du,   E[X(t)] = r/alpha int_0^t S(u) du,
  P(X(t) = n) = NBD(n; t) S(t) + int_0^t NBD(n; tau) f(tau) dtau,
with mpmath.quad over 64 equal pieces plus splits at t_x + 2^k (alpha+t_x)/(r+x), k = -4..12 (the purchase factor's layer), and at
the density's mode, by Gauss-Legendre, checked against the same rule with every piece halved: the two must agree to 1e-25
relative or the script stops (a single tanh-sinh over [t_x, T] is not enough: on the largeS point it is 5%
off, with an error estimate saying so). Run: python3 scripts/reference/ggomnbd_reference.py
The printed table is the reference of test/clv/ggomNbd/reference.test.ts.
"""
from mpmath import mp, mpf, loggamma, log, exp, quad, expm1, nstr, linspace

mp.dps = 40

POINTS = {
    'interior': dict(r='0.55', alpha='10.58', b='0.05', s='0.6', beta='0.5'),
    'tinyB': dict(r='0.553', alpha='10.578', b='1e-7', s='0.606', beta='1.1667e-6'),
    'largeS': dict(r='2', alpha='5', b='0.3', s='25', beta='40'),
    'steep': dict(r='0.8', alpha='3', b='20', s='0.5', beta='1000'),
    'peaked': dict(r='1.5', alpha='2', b='0.4', s='3', beta='5000'),
    # where fitGgomNbd's optimiser wanders on rows with one T of 123,456.7 (s ln beta - (s+1) ln(beta + e^(bt) - 1)
    # subtracts terms of 1e7 there)
    'ridge': dict(r='0.712', alpha='38.67', b='0.0415', s='546560', beta='1574548.75'),
}
CUSTOMERS = [(0, '0', '39'), (2, '30.43', '38.86'), (26, '30.86', '31'), (5, '1', '39'), (500, '38.5', '39'), (10000, '99', '100')]
HORIZON = mpf(52)


def lifetime(p):
    """The parameters, ln S, f, the checked quadrature and its split points (shared with ggomnbd_conditional.py)."""
    r, alpha, b, s, beta = (mpf(p[k]) for k in ('r', 'alpha', 'b', 's', 'beta'))

    def log_s(t):
        return s * (log(beta) - log(beta + expm1(b * t)))

    def density(t):
        return b * s * beta ** s * exp(b * t) / (beta + expm1(b * t)) ** (s + 1)

    def integrate(g, points):
        # quad's tolerance is absolute: scale the integrand to order 1 (its values reach 1e-20000)
        scale = max(g(q) for q in points)
        if scale == 0:
            return mpf(0)
        legendre = scale * quad(lambda y: g(y) / scale, points, method='gauss-legendre', maxdegree=10)
        halves = sorted(set(points) | {(a + c) / 2 for a, c in zip(points, points[1:])})
        refined = scale * quad(lambda y: g(y) / scale, halves, method='gauss-legendre', maxdegree=10)
        if abs(legendre - refined) > mpf('1e-25') * abs(legendre):
            raise RuntimeError(f'quadratures disagree: {legendre} {refined}')
        return legendre

    def splits(lo, hi, x):
        points = set(linspace(lo, hi, 65))
        scale = (alpha + lo) / (r + x)
        for k in range(-4, 13):
            if lo + scale * 2**k < hi:
                points.add(lo + scale * 2**k)
        if beta - 1 > s:
            mode = log((beta - 1) / s) / b
            if lo < mode < hi:
                points.add(mode)
        return sorted(points)

    return r, alpha, b, s, beta, log_s, density, integrate, splits


def model(p):
    r, alpha, b, s, beta, log_s, density, integrate, splits = lifetime(p)

    def bracket(x, tx, T):
        first = exp(-(r + x) * log(alpha + T) + log_s(T))
        integral = integrate(lambda y: exp(-(r + x) * log(alpha + y)) * density(y), splits(tx, T, x)) if T > tx else mpf(0)
        return first, integral

    def log_likelihood(x, tx, T):
        first, integral = bracket(x, tx, T)
        return loggamma(r + x) - loggamma(r) + r * log(alpha) + log(first + integral)

    def alive(x, tx, T):
        first, integral = bracket(x, tx, T)
        return first / (first + integral)

    def if_alive(x, T, t):
        return (r + x) / (alpha + T) * integrate(lambda u: exp(log_s(T + u) - log_s(T)), splits(mpf(0), t, 0))

    def new_customer(t):
        return r / alpha * integrate(lambda u: exp(log_s(u)), splits(mpf(0), t, 0))

    def nbd(n, t):
        count_term = n * log(t / (alpha + t)) if n > 0 else 0
        return exp(loggamma(r + n) - loggamma(r) - loggamma(n + 1) + r * log(alpha / (alpha + t)) + count_term)

    def probability(n, t):
        return nbd(n, t) * exp(log_s(t)) + integrate(lambda tau: nbd(n, tau) * density(tau), splits(mpf(0), t, n))

    return log_likelihood, alive, if_alive, new_customer, probability


if __name__ == '__main__':
    import sys
    for name, p in POINTS.items():
        if len(sys.argv) > 1 and name not in sys.argv[1:]:
            continue
        log_likelihood, alive, if_alive, new_customer, probability = model(p)
        print(f"  {name}: {{ params: {{ r: {p['r']}, alpha: {p['alpha']}, b: {p['b']}, s: {p['s']}, beta: {p['beta']} }},")
        print('    customers: [')
        for x, tx, T in CUSTOMERS:
            tx, T = mpf(tx), mpf(T)
            print(f'      [{x}, {nstr(tx, 10)}, {nstr(T, 10)}, {nstr(log_likelihood(x, tx, T), 17)}, {nstr(alive(x, tx, T), 17)}, {nstr(if_alive(x, T, HORIZON), 17)}],')
        print('    ],')
        print(f'    newCustomer52: {nstr(new_customer(HORIZON), 17)},')
        print(f'    purchaseProbability: [{", ".join(nstr(probability(n, mpf(20)), 17) for n in (0, 1, 3, 10))}],')
        print('  },')
