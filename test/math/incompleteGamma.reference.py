# Reference values for test/math/incompleteGamma.test.ts: the regularised upper incomplete gamma function
# Q(a, x) = Γ(a, x)/Γ(a) by mpmath 1.3.0 at 60 significant digits, printed as [a, x, ln Q, Q] rows, each
# value rounded to the nearest double (Q below the doubles rounds to a subnormal or 0; the test reads ln Q).
# Run: python3 test/math/incompleteGamma.reference.py
from mpmath import mp, mpf, gammainc, log, inf

mp.dps = 60
A = [0.5, 1, 1.5, 2, 2.5, 3.5, 5, 10, 50, 500]
X = [1e-10, 0.01, 0.5, 1, 1.5, 2, 5, 10, 30, 100, 300, 600, 700, 750, 1000, 1500]
for a in A:
    for x in X:
        q = gammainc(mpf(a), mpf(x), inf, regularized=True)
        print(f"  [{a}, {x}, {float(log(q))!r}, {float(q)!r}],")
