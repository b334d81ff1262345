"""Reference values for BG/CNBD-k and MBG/CNBD-k (test/clv/bgCnbd/literature.test.ts), in mpmath at 50 digits.

Independent of src/clv/bgCnbd: the likelihood straight from its definition (Platzer & Reutterer 2016;
Reutterer, Platzer & Schroeder 2020, appendix) with S = sum_j Gamma(n+j)/(Gamma(n) j!) u^j; the conditional
expectation as P(alive) * sum_j w_j sum_m E[(1-p)^(m-1)] P(N >= mk - j), the NBD tails by mpmath's
regularised incomplete beta (patronage sums NBD probabilities times cumulative weights instead); the count
probabilities from the same tails. Run: python3 scripts/reference/cnbd_reference.py
"""
from mpmath import mp, mpf, loggamma, log, exp, beta, betainc, binomial, gamma, nsum, inf, factorial

mp.dps = 50


def log_lik(shift, k, r, alpha, a, b, x, tx, T, litt):
    n = r + k * x
    S = sum(gamma(n + j) / (gamma(n) * factorial(j)) * ((T - tx) / (alpha + T)) ** j for j in range(k))
    head = (k - 1) * litt - x * loggamma(k) + loggamma(n) - loggamma(r) + r * log(alpha)
    head += log(beta(a, b + x + shift)) - log(beta(a, b))
    bracket = (alpha + T) ** (-n) * S
    if shift == 1 or x > 0:
        bracket += a / (b + x - 1 + shift) * (alpha + tx) ** (-n)
    return head + log(bracket)


def stage_weights(k, n, u):
    terms = [gamma(n + j) / (gamma(n) * factorial(j)) * u ** j for j in range(k)]
    total = sum(terms)
    return [t / total for t in terms], total


def p_alive(shift, k, r, alpha, a, b, x, tx, T):
    if shift == 0 and x == 0:
        return mpf(1)
    n = r + k * x
    _, S = stage_weights(k, n, (T - tx) / (alpha + T))
    odds = a / (b + x - 1 + shift) * ((alpha + T) / (alpha + tx)) ** n / S
    return 1 / (1 + odds)


def nbd_tail(shape, rate, count, t):
    """P(N >= count), N ~ NBD(shape, rate) in a window t: I_z(count, shape), z = t/(rate+t)."""
    if count <= 0:
        return mpf(1)
    return betainc(count, shape, 0, t / (rate + t), regularized=True)


def survive(a, b, m):
    """E[(1-p)^m] for p ~ Beta(a, b)."""
    return beta(a, b + m) / beta(a, b)


def conditional_expectation(shift, k, r, alpha, a, b, x, tx, T, t):
    n = r + k * x
    weights, _ = stage_weights(k, n, (T - tx) / (alpha + T))
    bp = b + x + shift
    total = mpf(0)
    for j, w in enumerate(weights):
        total += w * nsum(lambda m: survive(a, bp, m - 1) * nbd_tail(n + j, alpha + T, int(m) * k - j, t), [1, inf])
    return p_alive(shift, k, r, alpha, a, b, x, tx, T) * total


def conditional_count(shift, k, r, alpha, a, b, x, tx, T, c, t):
    n = r + k * x
    weights, _ = stage_weights(k, n, (T - tx) / (alpha + T))
    bp = b + x + shift
    pa = p_alive(shift, k, r, alpha, a, b, x, tx, T)
    given = mpf(0)
    for j, w in enumerate(weights):
        s, q = n + j, alpha + T
        if c == 0:
            given += w * (1 - nbd_tail(s, q, k - j, t))
        else:
            band = nbd_tail(s, q, c * k - j, t) - nbd_tail(s, q, (c + 1) * k - j, t)
            given += w * (survive(a, bp, c - 1) * band + (survive(a, bp, c - 1) - survive(a, bp, c)) * nbd_tail(s, q, (c + 1) * k - j, t))
    return pa * given + (1 - pa if c == 0 else 0)


P = dict(k=3, r=mpf('0.85'), alpha=mpf('1.45'), a=mpf('0.79'), b=mpf('2.42'))
print('ll heavy buyer, k=100, x=10000, tx=T=52, litt=x*ln(52/x)-1:')
for shift in (0, 1):
    print(' ', shift, mp.nstr(log_lik(shift, 100, mpf('0.85'), mpf('1.45'), mpf('0.79'), mpf('2.42'), 10000, mpf(52), mpf(52), 10000 * log(mpf(52) / 10000) - 1), 20))
print('ll k=3 rows (x, tx, T, litt):')
for row in [(0, 0, 30, 0), (3, 12, 14, 3), (4, 12, 14, 3), (25, 50, 52, 25 * log(mpf(2)) - 2)]:
    for shift in (0, 1):
        print(' ', shift, row, mp.nstr(log_lik(shift, *P.values(), *[mpf(v) for v in row]), 20))
print('conditional expectation and counts, k=3 (x=3, tx=12, T=14), t=30 and (x=25, tx=50, T=52), t=10:')
for shift in (0, 1):
    for (x, tx, T, t) in [(3, 12, 14, 30), (25, 50, 52, 10), (0, 0, 20, 40)]:
        print(' ', shift, (x, tx, T, t), 'E', mp.nstr(conditional_expectation(shift, *P.values(), x, mpf(tx), mpf(T), mpf(t)), 20),
              'P0', mp.nstr(conditional_count(shift, *P.values(), x, mpf(tx), mpf(T), 0, mpf(t)), 20),
              'P2', mp.nstr(conditional_count(shift, *P.values(), x, mpf(tx), mpf(T), 2, mpf(t)), 20))


def expectation(shift, k, r, alpha, a, b, t):
    """E[X(t)] of a customer just acquired: sum_m E[(1-p)^(m-1+shift)] P(N >= mk)."""
    return nsum(lambda m: survive(a, b, m - 1 + shift) * nbd_tail(r, alpha, int(m) * k, t), [1, inf])


print('E[X(t)], k=3, t = 10 and 52 (BG, MBG):')
for shift in (0, 1):
    print(' ', shift, [mp.nstr(expectation(shift, *P.values(), mpf(t)), 20) for t in (10, 52)])
