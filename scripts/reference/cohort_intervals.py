# Reference values for test/aggregate/cohort/cohortIntervals.test.ts, by mpmath (40 digits):
# the Wilson score interval of x of n at a confidence level (z = the exact normal quantile of 1 - alpha/2),
# and the pooled two-proportion z-test (z and its two-sided p-value 2*Phi(-|z|)).
# Run: python3 scripts/reference/cohort_intervals.py
import mpmath

mpmath.mp.dps = 40


def quantile(level):
    level = mpmath.mpf(level)
    return mpmath.sqrt(2) * mpmath.erfinv(level)  # Phi^-1(1 - alpha/2) with alpha = 1 - level


def wilson(x, n, level):
    z = quantile(level)
    p = mpmath.mpf(x) / n
    denominator = 1 + z**2 / n
    centre = (p + z**2 / (2 * n)) / denominator
    half = z * mpmath.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denominator
    return centre - half, centre + half


def ztest(x1, n1, x2, n2):
    pooled = mpmath.mpf(x1 + x2) / (n1 + n2)
    z = (mpmath.mpf(x2) / n2 - mpmath.mpf(x1) / n1) / mpmath.sqrt(pooled * (1 - pooled) * (mpmath.mpf(1) / n1 + mpmath.mpf(1) / n2))
    return z, mpmath.erfc(abs(z) / mpmath.sqrt(2))  # 2*Phi(-|z|)


print('wilson [x, n, level, lower, upper]')
for x, n, level in [(81, 263, '0.95'), (15, 148, '0.95'), (0, 20, '0.95'), (1, 29, '0.95'), (30, 100, '0.95'),
                    (30, 100, '0.99'), (7, 12, '0.9'), (999, 1000, '0.95')]:
    lower, upper = wilson(x, n, level)
    print(f"  [{x}, {n}, {level}, {float(lower)!r}, {float(upper)!r}],")
print('z-test [x1, n1, x2, n2, z, p]')
for x1, n1, x2, n2 in [(40, 100, 25, 100), (120, 400, 160, 420), (3, 10, 9, 12), (50, 1000, 50, 1000)]:
    z, p = ztest(x1, n1, x2, n2)
    print(f"  [{x1}, {n1}, {x2}, {n2}, {float(z)!r}, {float(p)!r}],")
