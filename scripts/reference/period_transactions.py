"""Reference values for test/clv/periodTransactions.test.ts: the BG/NBD period-transactions check of a small
weighted data set, in 50-digit arithmetic (mpmath).

P(X(t) = x) is Fader, Hardie & Lee (2005) eq. 8 written out; the "7 or more" bin is 1 - sum of the bins
below (exact at this precision). Bins are merged from the left until each group's expected count is at
least 5, a last group short of 5 joining the one before; the statistic is Pearson's sum over the groups,
with groups - 1 - 4 degrees of freedom, and the p-value the regularised upper incomplete gamma
Q(df/2, statistic/2).

Run: python3 scripts/reference/period_transactions.py
"""
from mpmath import mp, mpf, beta, gamma, factorial, gammainc, nstr

mp.dps = 50
r, alpha, a, b = mpf("0.243"), mpf("4.414"), mpf("0.793"), mpf("2.426")
# (frequency, recency, T, weight)
ROWS = [
    (0, 0, 38, 180), (0, 0, 30, 120), (1, 10, 38, 40), (1, 20, 30, 25), (2, 25, 38, 20), (2, 15, 30, 12),
    (3, 30, 38, 10), (4, 33, 38, 8), (5, 35, 38, 5), (6, 36, 38, 4), (8, 37, 38, 6), (10, 29, 30, 3),
]
TOP = 7


def pmf(x, t):
    t = mpf(t)
    p = alpha / (alpha + t)
    q = t / (alpha + t)
    nbd = lambda j: gamma(r + j) / (gamma(r) * factorial(j)) * p**r * q**j
    value = beta(a, b + x) / beta(a, b) * nbd(x)
    if x > 0:
        value += beta(a + 1, b + x - 1) / beta(a, b) * (1 - sum(nbd(j) for j in range(x)))
    return value


expected = [mpf(0)] * (TOP + 1)
actual = [0] * (TOP + 1)
for x, _, T, w in ROWS:
    actual[min(x, TOP)] += w
    probabilities = [pmf(k, T) for k in range(TOP)]
    for k in range(TOP):
        expected[k] += w * probabilities[k]
    expected[TOP] += w * (1 - sum(probabilities))

groups = []
o = 0
e = mpf(0)
start = 0
for k in range(TOP + 1):
    o += actual[k]
    e += expected[k]
    if e >= 5 or k == TOP:
        groups.append([start, k, o, e])
        start, o, e = k + 1, 0, mpf(0)
if groups[-1][3] < 5 and len(groups) > 1:
    last = groups.pop()
    groups[-1] = [groups[-1][0], last[1], groups[-1][2] + last[2], groups[-1][3] + last[3]]

statistic = sum((g[2] - g[3]) ** 2 / g[3] for g in groups)
df = len(groups) - 1 - 4
print("customers", sum(actual))
print("actual", actual)
print("expected", [nstr(v, 17) for v in expected])
print("groups", [(g[0], g[1], g[2], nstr(g[3], 17)) for g in groups])
print("statistic", nstr(statistic, 17))
print("df", df)
print("pValue", nstr(gammainc(mpf(df) / 2, statistic / 2, mp.inf, regularized=True), 17))


# CDNOW: the 2,357 calibration rows of ../shared/data/cdnow_customers_summary.csv (39 weeks) at the published
# BG/NBD parameters above (Fader, Hardie & Lee 2005), bins 0 … 7+; run when the shared data is beside the
# checkout.
import csv
import os

path = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data", "cdnow_customers_summary.csv")
if os.path.exists(path):
    mp.dps = 30
    with open(path) as handle:
        cdnow = [(int(row["frequency"]), mpf(row["T"])) for row in csv.DictReader(handle)]
    by_age = {}
    actual = [0] * (TOP + 1)
    for x, T in cdnow:
        by_age[T] = by_age.get(T, 0) + 1
        actual[min(x, TOP)] += 1
    expected = [mpf(0)] * (TOP + 1)
    for T, count in by_age.items():
        probabilities = [pmf(k, T) for k in range(TOP)]
        for k in range(TOP):
            expected[k] += count * probabilities[k]
        expected[TOP] += count * (1 - sum(probabilities))
    assert all(e >= 5 for e in expected)
    statistic = sum((o - e) ** 2 / e for o, e in zip(actual, expected))
    df = TOP + 1 - 1 - 4
    print("cdnow actual", actual)
    print("cdnow expected", [nstr(v, 15) for v in expected])
    print("cdnow statistic", nstr(statistic, 15), "df", df)
    print("cdnow pValue", nstr(gammainc(mpf(df) / 2, statistic / 2, mp.inf, regularized=True), 15))
