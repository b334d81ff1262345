"""Maximum-likelihood NBD (Ehrenberg 1959) on the CDNOW calibration summary, independently of patronage.

mpmath 1.3 at 40 digits: the per-customer timing likelihood
    ln L = lgamma(r+x) - lgamma(r) + r ln(alpha) - (r+x) ln(alpha+T)
(BTYDplus nbd.LL) summed over ../shared/data/cdnow_customers_summary.csv (x = frequency, T), and its
maximum found by Newton's method on the score equations (mpmath.findroot on the analytic gradient).
Run from the repository root:  python3 scripts/reference/nbd_cdnow.py
The printed r, alpha and log-likelihood are the golden values of test/clv/nbd/literature.test.ts.
"""
import csv
import os
import sys
from collections import Counter

from mpmath import mp, mpf, loggamma as lgamma, log, digamma, findroot

mp.dps = 40
here = os.path.dirname(os.path.abspath(__file__))
path = os.path.join(here, '..', '..', '..', 'shared', 'data', 'cdnow_customers_summary.csv')
if len(sys.argv) > 1:
    path = sys.argv[1]
with open(path) as handle:
    rows = Counter((int(row['frequency']), mpf(row['T'])) for row in csv.DictReader(handle))


def log_likelihood(r, alpha):
    return sum(w * (lgamma(r + x) - lgamma(r) + r * log(alpha) - (r + x) * log(alpha + T)) for (x, T), w in rows.items())


def score(r, alpha):
    dr = sum(w * (digamma(r + x) - digamma(r) + log(alpha) - log(alpha + T)) for (x, T), w in rows.items())
    da = sum(w * (r / alpha - (r + x) / (alpha + T)) for (x, T), w in rows.items())
    return [dr, da]


r, alpha = findroot(score, (mpf('0.4'), mpf('10')))
print('r', mp.nstr(r, 12))
print('alpha', mp.nstr(alpha, 12))
print('logLikelihood', mp.nstr(log_likelihood(r, alpha), 14))
