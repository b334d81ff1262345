"""Posterior means of the individual rates and new-customer lifetime values, independently of patronage.

mpmath 1.3, 30 digits. Posterior means E[theta | data] = int theta L g / int L g from the individual-level
likelihood L and the mixing densities g (gamma with rate alpha, beta, ...; beta on (0, 1)), integrated term by
term: every lambda, mu, eta, p and theta integral of a term is a gamma or beta integral (done exactly), and the
death time y of the dropout terms is integrated numerically (mpmath.quad, tanh-sinh and Gauss-Legendre on the
same splits, which must agree to 1e-20 relative). The shape-shift identity that patronage uses is not used.
  BG/NBD     L(lam, p) = (1-p)^x lam^x e^(-lam T) + [x > 0] p (1-p)^(x-1) lam^x e^(-lam t_x)   (FHL 2005 eq. 3)
  MBG/NBD    L(lam, p) = (1-p)^(x+1) lam^x e^(-lam T) + p (1-p)^x lam^x e^(-lam t_x)           (Batislam et al. 2007)
  Pareto/NBD L(lam, mu) = lam^x e^(-(lam+mu)T) + int_{t_x}^T lam^x e^(-lam y) mu e^(-mu y) dy   (death at y)
  GGom/NBD   L(lam, eta) = lam^x e^(-lam T) S(T) + int_{t_x}^T lam^x e^(-lam y) f(y) dy,
             S(t | eta) = exp(-eta (e^(bt) - 1)), f = eta b e^(bt) S
  BG/BB      L(p, th) = p^x (1-p)^(n-x) (1-th)^n + sum_{i=0}^{n-t_x-1} p^x (1-p)^(t_x-x+i) th (1-th)^(t_x+i)

New-customer CLV: sum over k = 1..52 weekly steps of (E[X(k)] - E[X(k-1)]) (1.1)^(-7k/365.2425) * 35 * 0.3 with
the unconditional E[X(t)] of each paper: BG/NBD FHL (2005) eq. 9 (2F1), Pareto/NBD Schmittlein et al. (1987)
r beta/(alpha (s-1)) (1 - (beta/(beta+t))^(s-1)), NBD r t / alpha, GGom/NBD r/alpha int_0^t S(u) du, BG/BB
FHS (2010) eq. 8 over 10 opportunities of a year each (discount (1.1)^(-k)).
Run: python3 scripts/reference/posterior_means_new_customer.py (about a minute); the printed table is the
reference of test/clv/posteriorMeans.test.ts and test/clv/customerLifetimeValue.test.ts.
"""
from mpmath import mp, mpf, quad, exp, log, gamma as G, beta as B, hyp2f1, inf, expm1, nstr

mp.dps = 30


def gamma_moment(k, rate, j, y):
    """int v^j e^(-v y) Gamma(v; k, rate) dv."""
    return G(k + j) / G(k) * rate ** k / (rate + y) ** (k + j)


def beta_moment(a, b, j, m):
    """int v^j (1-v)^m Beta(v; a, b) dv."""
    return B(a + j, b + m) / B(a, b)


def quad1(f, points):
    one = quad(f, points, method='tanh-sinh')
    two = quad(f, points, method='gauss-legendre')
    if abs(one - two) > mpf('1e-20') * abs(one):
        raise RuntimeError(f'quadratures disagree: {one} {two}')
    return one


def splits(lo, hi):
    return [lo + (hi - lo) * k / 16 for k in range(17)]


BG = dict(r='0.243', alpha='4.414', a='0.793', b='2.426')
PARETO = dict(r='0.553', alpha='10.58', s='0.606', beta='11.669')
GGOM = dict(r='0.55', alpha='10.58', b='0.05', s='0.6', beta='0.5')
BGBB = dict(alpha='1.204', beta='0.75', gamma='0.657', delta='2.783')
CUSTOMERS = [(0, '0', '38.86'), (2, '30.43', '38.86'), (7, '35.71', '38.86'), (26, '30.86', '31')]
DISCRETE = [(0, 0, 6), (3, 4, 6), (6, 6, 6), (2, 2, 11)]


def bg(shift):
    r, alpha, a, b = (mpf(BG[k]) for k in ('r', 'alpha', 'a', 'b'))
    for x, tx, T in CUSTOMERS:
        tx, T = mpf(tx), mpf(T)
        # L = sum of terms c * lam^x e^(-lam y) p^j (1-p)^m: (y, j, m)
        if shift == 0:
            terms = [(T, 0, x)] + ([(tx, 1, x - 1)] if x > 0 else [])
        else:
            terms = [(T, 0, x + 1), (tx, 1, x)]
        moment = lambda kl, kp: sum(gamma_moment(r, alpha, x + kl, y) * beta_moment(a, b, j + kp, m) for y, j, m in terms)
        norm = moment(0, 0)
        print(('bgNbd' if shift == 0 else 'mbgNbd'), (x, nstr(tx, 6), nstr(T, 6)),
              'lambda', nstr(moment(1, 0) / norm, 17), 'p', nstr(moment(0, 1) / norm, 17))


def pareto():
    r, alpha, s, beta = (mpf(PARETO[k]) for k in ('r', 'alpha', 's', 'beta'))
    for x, tx, T in CUSTOMERS:
        tx, T = mpf(tx), mpf(T)
        def moment(kl, km):
            alive = gamma_moment(r, alpha, x + kl, T) * gamma_moment(s, beta, km, T)
            dying = quad1(lambda y: gamma_moment(r, alpha, x + kl, y) * gamma_moment(s, beta, km + 1, y), splits(tx, T)) if T > tx else 0
            return alive + dying
        norm = moment(0, 0)
        print('paretoNbd', (x, nstr(tx, 6), nstr(T, 6)), 'lambda', nstr(moment(1, 0) / norm, 17), 'mu', nstr(moment(0, 1) / norm, 17))


def ggom():
    r, alpha, b, s, beta = (mpf(GGOM[k]) for k in ('r', 'alpha', 'b', 's', 'beta'))
    for x, tx, T in CUSTOMERS:
        tx, T = mpf(tx), mpf(T)
        def moment(kl, ke):
            alive = gamma_moment(r, alpha, x + kl, T) * gamma_moment(s, beta, ke, expm1(b * T))
            dying = quad1(lambda y: gamma_moment(r, alpha, x + kl, y) * b * exp(b * y) * gamma_moment(s, beta, ke + 1, expm1(b * y)), splits(tx, T)) if T > tx else 0
            return alive + dying
        norm = moment(0, 0)
        print('ggomNbd', (x, nstr(tx, 6), nstr(T, 6)), 'lambda', nstr(moment(1, 0) / norm, 17), 'eta', nstr(moment(0, 1) / norm, 17))


def bgbb():
    al, be, ga, de = (mpf(BGBB[k]) for k in ('alpha', 'beta', 'gamma', 'delta'))
    for x, tx, n in DISCRETE:
        # terms p^x (1-p)^m th^j (1-th)^l: (m, j, l)
        terms = [(n - x, 0, n)] + [(tx - x + i, 1, tx + i) for i in range(n - tx)]
        moment = lambda kp, kt: sum(beta_moment(al, be, x + kp, m) * beta_moment(ga, de, j + kt, l) for m, j, l in terms)
        norm = moment(0, 0)
        print('bgBb', (x, tx, n), 'p', nstr(moment(1, 0) / norm, 17), 'theta', nstr(moment(0, 1) / norm, 17))


def new_customer_clv():
    weeks = [mpf(k) for k in range(53)]
    disc = lambda t, days: mpf('1.1') ** (-t * days / mpf('365.2425'))
    r, alpha, a, b = (mpf(BG[k]) for k in ('r', 'alpha', 'a', 'b'))
    curves = {
        'bgNbd': lambda t: (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, t / (alpha + t))),
        'nbd': lambda t: r * t / alpha,
    }
    pr, pa, ps, pb = (mpf(PARETO[k]) for k in ('r', 'alpha', 's', 'beta'))
    curves['paretoNbd'] = lambda t: pr * pb / (pa * (ps - 1)) * (1 - (pb / (pb + t)) ** (ps - 1))
    gr, ga_, gb, gs, gbe = (mpf(GGOM[k]) for k in ('r', 'alpha', 'b', 's', 'beta'))
    curves['ggomNbd'] = lambda t: gr / ga_ * quad(lambda u: (gbe / (gbe + expm1(gb * u))) ** gs, [0, t]) if t > 0 else mpf(0)
    for name, E in curves.items():
        values = [E(t) for t in weeks]
        clv = sum((values[k] - values[k - 1]) * disc(weeks[k], 7) for k in range(1, 53)) * 35 * mpf('0.3')
        print('newCLV', name, 'E[X(52)]', nstr(values[52], 17), 'clv', nstr(clv, 17))
    al, be, ga, de = (mpf(BGBB[k]) for k in ('alpha', 'beta', 'gamma', 'delta'))
    E = lambda n: al / (al + be) * de / (ga - 1) * (1 - G(ga + de) / G(ga + de + n) * G(1 + de + n) / G(1 + de))
    clv = sum((E(k) - E(k - 1)) * mpf('1.1') ** (-k) for k in range(1, 11)) * 35 * mpf('0.3')
    print('newCLV bgBb E[X(10)]', nstr(E(10), 17), 'clv', nstr(clv, 17))


def mixing():
    # mixingDensities: the Gamma(0.243, 4.414) 0.99 quantile (findroot on the regularised lower incomplete
    # gamma), the gamma density at the 4 cell midpoints below it, and the Beta(0.793, 2.426) density at 1/8 .. 7/8
    from mpmath import gammainc, findroot
    k, rate = mpf(BG['r']), mpf(BG['alpha'])
    q = findroot(lambda x: gammainc(k, 0, rate * x, regularized=True) - mpf('0.99'), mpf('0.5'))
    print('mixing gamma q99', nstr(q, 17))
    for i in range(4):
        x = (i + mpf('0.5')) / 4 * q
        print('mixing gamma', nstr(x, 17), nstr(rate ** k * x ** (k - 1) * exp(-rate * x) / G(k), 17))
    a, b = mpf(BG['a']), mpf(BG['b'])
    for x in (mpf(1) / 8, mpf(3) / 8, mpf(5) / 8, mpf(7) / 8):
        print('mixing beta', nstr(x, 17), nstr(x ** (a - 1) * (1 - x) ** (b - 1) / B(a, b), 17))


def payback():
    # acquisitionPayback: the CDNOW BG/NBD new customer over 156 weeks, spend p gamma/(q - 1) of the Gamma-Gamma
    # fit (6.25, 3.74, 15.44), margin 0.3, 10% a year: the cumulative discounted margin, the first week it
    # reaches 10 and 25, and its value at week 156 (the break-even cost)
    r, alpha, a, b = (mpf(BG[k]) for k in ('r', 'alpha', 'a', 'b'))
    E = lambda t: (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, t / (alpha + t)))
    spend = mpf('6.25') * mpf('15.44') / (mpf('3.74') - 1)
    values = [E(mpf(k)) for k in range(157)]
    cumulative, total = [], mpf(0)
    for k in range(1, 157):
        total += (values[k] - values[k - 1]) * mpf('1.1') ** (-mpf(7) * k / mpf('365.2425')) * spend * mpf('0.3')
        cumulative.append(total)
    first = lambda cost: next(k + 1 for k, c in enumerate(cumulative) if c >= cost)
    print('payback spend', nstr(spend, 17), 'week 10:', first(10), 'week 25:', first(25), 'break-even', nstr(cumulative[-1], 17))


def payback_long():
    # the same new customer over 5,000 weeks (z = t/(alpha + t) up to 0.9991, where the BG/NBD expectation is
    # the connection formula about z = 1): the cumulative discounted margin at weeks 1,000 and 5,000
    r, alpha, a, b = (mpf(BG[k]) for k in ('r', 'alpha', 'a', 'b'))
    E = lambda t: (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, t / (alpha + t)))
    spend = mpf('6.25') * mpf('15.44') / (mpf('3.74') - 1)
    previous, total = mpf(0), mpf(0)
    for k in range(1, 5001):
        value = E(mpf(k))
        total += (value - previous) * mpf('1.1') ** (-mpf(7) * k / mpf('365.2425')) * spend * mpf('0.3')
        previous = value
        if k in (1000, 5000):
            print('payback long week', k, nstr(total, 17))


new_customer_clv()
payback()
payback_long()
mixing()
bg(0)
bg(1)
pareto()
bgbb()
ggom()
