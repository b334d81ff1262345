# The Gamma-Gamma maximum-likelihood fit of CDNOW's 946 repeat buyers, at 40 digits with mpmath 1.3,
# independently of patronage's code: the reference values of test/clv/gammaGamma/literature.test.ts.
#   python3 test/clv/gammaGamma/cdnowReference.py [path to cdnow_customers_summary_with_transactions.csv]
# Solves ∂ ln L/∂(p, q, γ) = 0 (Fader & Hardie 2013, eq. 1a, summed over customers) by Newton's method
# (mpmath.findroot) from the note's rounded estimates, and prints the estimates, ln L at them and the Pearson
# correlation of frequency and mean spend (the note's 0.11).
import csv
import sys
from collections import Counter

import mpmath as mp

mp.mp.dps = 40
path = sys.argv[1] if len(sys.argv) > 1 else '../shared/data/cdnow_customers_summary_with_transactions.csv'
with open(path) as handle:
    rows = [(int(r['x']), mp.mpf(r['zbar'])) for r in csv.DictReader(handle) if int(r['x']) > 0]
assert len(rows) == 946
groups = Counter(rows)


def log_likelihood(p, q, g):
    return mp.fsum(
        w * (mp.loggamma(p * x + q) - mp.loggamma(p * x) - mp.loggamma(q) + q * mp.log(g)
             + (p * x - 1) * mp.log(m) + p * x * mp.log(x) - (p * x + q) * mp.log(g + m * x))
        for (x, m), w in groups.items()
    )


def gradient(p, q, g):
    dp = mp.fsum(w * x * (mp.digamma(p * x + q) - mp.digamma(p * x) + mp.log(m) + mp.log(x) - mp.log(g + m * x))
                 for (x, m), w in groups.items())
    dq = mp.fsum(w * (mp.digamma(p * x + q) - mp.digamma(q) + mp.log(g) - mp.log(g + m * x))
                 for (x, m), w in groups.items())
    dg = mp.fsum(w * (q / g - (p * x + q) / (g + m * x)) for (x, m), w in groups.items())
    return [dp, dq, dg]


p, q, g = mp.findroot(lambda a, b, c: gradient(a, b, c), (mp.mpf('6.25'), mp.mpf('3.74'), mp.mpf('15.44')))
print('p', mp.nstr(p, 17))
print('q', mp.nstr(q, 17))
print('gamma', mp.nstr(g, 17))
print('logLikelihood', mp.nstr(log_likelihood(p, q, g), 17))
print('max |gradient|', mp.nstr(max(abs(v) for v in gradient(p, q, g)), 3))

xs = [mp.mpf(x) for x, _ in rows]
ms = [m for _, m in rows]
mean_x = mp.fsum(xs) / len(xs)
mean_m = mp.fsum(ms) / len(ms)
covariance = mp.fsum((a - mean_x) * (b - mean_m) for a, b in zip(xs, ms))
correlation = covariance / mp.sqrt(mp.fsum((a - mean_x) ** 2 for a in xs) * mp.fsum((b - mean_m) ** 2 for b in ms))
print('frequencySpendCorrelation', mp.nstr(correlation, 17))
