"""Beta-discrete-Weibull (Fader, Hardie, Liu, Davin & Steenburgh 2018) and multi-cohort sBG references,
independently of patronage.

mpmath 1.3 at 40 digits. With u = t^c, S(t) = B(a, b + u)/B(a, b) evaluated with betas directly (no log-space
shortcuts), P(T = t) = S(t - 1) - S(t), ln L = sum churned * ln P(T = t) + still-active * ln S(last). The maximum
is found by mpmath.findroot on the gradient of ln L in the log-parameters (mpmath.diff at 40 digits), started
near the optimum. Run from the repository root:  python3 scripts/reference/bdw_reference.py
The printed values are the golden values of test/clv/betaDiscreteWeibull/literature.test.ts.
"""
from mpmath import mp, mpf, beta as B, exp, log, findroot, diff, nsum, inf

mp.dps = 40


def survival(a, b, c, t):
    return B(a, b + mpf(t) ** c) / B(a, b) if t > 0 else mpf(1)


def tally(cohorts):
    """(period, churned?, weight) over cohorts of survivor counts."""
    rows = []
    for survivors in cohorts:
        for t in range(1, len(survivors)):
            lost = survivors[t - 1] - survivors[t]
            if lost:
                rows.append((t, True, lost))
        if survivors[-1]:
            rows.append((len(survivors) - 1, False, survivors[-1]))
    return rows


def log_likelihood(rows, a, b, c):
    total = mpf(0)
    for t, churned, w in rows:
        if churned:
            total += w * log(survivival_diff(a, b, c, t))
        else:
            total += w * log(survival(a, b, c, t))
    return total


def survivival_diff(a, b, c, t):
    return survival(a, b, c, t - 1) - survival(a, b, c, t)


def maximise(rows, start, fixed_c=None):
    if fixed_c is None:
        f = lambda x, y, z: log_likelihood(rows, exp(x), exp(y), exp(z))
        grad = lambda x, y, z: [diff(f, (x, y, z), (1, 0, 0)), diff(f, (x, y, z), (0, 1, 0)), diff(f, (x, y, z), (0, 0, 1))]
        x = findroot(grad, [log(mpf(v)) for v in start])
        params = [exp(v) for v in x]
    else:
        f = lambda x, y: log_likelihood(rows, exp(x), exp(y), mpf(fixed_c))
        grad = lambda x, y: [diff(f, (x, y), (1, 0)), diff(f, (x, y), (0, 1))]
        x = findroot(grad, [log(mpf(v)) for v in start])
        params = [exp(v) for v in x] + [mpf(fixed_c)]
    return params, log_likelihood(rows, *params)


def show(name, params, ll):
    print(name, ' '.join(mp.nstr(p, 15) for p in params), 'logLikelihood', mp.nstr(ll, 16))


# Fader et al. (2018): the first four renewals of Fader & Hardie's (2007) "regular" and "high end" cohorts
regular = tally([[1000, 631, 468, 382, 326]])
high_end = tally([[1000, 869, 743, 653, 593]])
show('BdW regular', *maximise(regular, (0.52, 0.89, 1.2)))
show('BdW highEnd', *maximise(high_end, (0.26, 1.72, 1.58)))
show('sBG regular (c = 1)', *maximise(regular, (0.76, 1.3), fixed_c=1))
show('sBG highEnd (c = 1)', *maximise(high_end, (1.28, 7.79), fixed_c=1))

# Fader & Hardie, "Fitting the sBG Model to Multi-Cohort Data" (multi-cohort_sBG_estimation.xls, sheet
# "Full Information"): cohorts of 10,000 acquired 2001-2004 observed to 2005 (the 2005 cohort has no renewal)
cohorts = tally([[10000, 8000, 6480, 5307, 4391], [10000, 8000, 6480, 5307], [10000, 8000, 6480], [10000, 8000]])
show('sBG multi-cohort', *maximise(cohorts, (3.8, 15.2), fixed_c=1))
show('BdW multi-cohort', *maximise(cohorts, (3.8, 15.2, 1.0)))

# Predictions at points real fits reach, including long tenures and strong duration dependence
points = [(mpf('0.523'), mpf('0.894'), mpf('1.196')), (mpf('0.259'), mpf('1.723'), mpf('1.584')),
          (mpf('2.5'), mpf('40'), mpf('0.4')), (mpf('0.3'), mpf('0.6'), mpf('2.5'))]
for a, b, c in points:
    print('point', mp.nstr(a, 6), mp.nstr(b, 6), mp.nstr(c, 6))
    for t in (1, 2, 5, 12, 60):
        s = survival(a, b, c, t)
        print('  t', t, 'survival', mp.nstr(s, 17), 'retention', mp.nstr(s / survival(a, b, c, t - 1), 17),
              'churn', mp.nstr(survivival_diff(a, b, c, t), 17))
    for n, d in ((0, mpf('0.1')), (4, mpf('0.1')), (10, mpf('0.01'))):
        derl = nsum(lambda k: survival(a, b, c, n + 1 + int(k)) / survival(a, b, c, n) / (1 + d) ** k, [0, inf])
        print('  DERL renewals', n, 'rate', mp.nstr(d, 3), mp.nstr(derl, 17))
