# Reference values of the regularised incomplete beta I_x(a, b) for test/math/incompleteBeta.test.ts,
# by mpmath (40 digits). Run: python3 scripts/reference/incompleteBeta.py
import mpmath

mpmath.mp.dps = 40
cases = []
for a in ['0.3', '1', '3.7', '25', '400', '3000']:
    for b in ['0.5', '2', '6.2', '50', '800']:
        mean = mpmath.mpf(a) / (mpmath.mpf(a) + mpmath.mpf(b))
        for x in [mean / 100, mean / 2, mean, (1 + mean) / 2, 1 - (1 - mean) / 100]:
            x = float(x)  # the double the test passes, exactly (printed with repr, which round-trips)
            value = mpmath.betainc(mpmath.mpf(a), mpmath.mpf(b), 0, mpmath.mpf(x), regularized=True)
            # the upper tail as I_{1-x}(b, a), 1 - x exact at 40 digits (not 1 - I, which cancels)
            upper = mpmath.betainc(mpmath.mpf(b), mpmath.mpf(a), 0, 1 - mpmath.mpf(x), regularized=True)
            cases.append((a, b, repr(x), repr(float(value)), repr(float(upper))))  # the nearest doubles
for a, b, x, lower, upper in cases:
    print(f"  [{a}, {b}, {x}, {lower}, {upper}],")
