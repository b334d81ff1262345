"""lifetimes' calculate_alive_path (lifetimes/utils.py, MIT) for customer 33 of its example_transactions.csv,
recomputed in mpmath 1.3 at 30 digits, independently of patronage.

The customer bought on 2014-06-13, 2014-07-07, 2014-07-17, 2014-08-04 and 2014-08-21; the data end on
2014-12-31 (T = 201 days). lifetimes resamples the purchases by day and, for each day T = 0, 1, ..., 201
since the first purchase, takes x = purchase days up to T minus one, t_x = the last purchase day up to T and
the BG/NBD P(alive) of (x, t_x, T):
    1 / (1 + [x > 0] a/(b + x - 1) ((alpha + T)/(alpha + t_x))^(r + x))   (Fader, Hardie & Lee 2005, eq. 8)
with the CDNOW parameters of Fader, Hardie & Lee (2005) in days (r 0.243, alpha 4.414 weeks = 30.898 days,
a 0.793, b 2.426). Run from the repository root:  python3 scripts/reference/alive_path.py
The printed values (the nearest doubles) are the golden values of test/clv/probabilityAliveHistory.test.ts.
"""
from datetime import date

from mpmath import mp, mpf

mp.dps = 30
r, alpha, a, b = mpf('0.243'), mpf('4.414') * 7, mpf('0.793'), mpf('2.426')
purchases = [date(2014, 6, 13), date(2014, 7, 7), date(2014, 7, 17), date(2014, 8, 4), date(2014, 8, 21)]
end = date(2014, 12, 31)
days = sorted({(p - purchases[0]).days for p in purchases})
T_end = (end - purchases[0]).days


def alive(x, tx, T):
    if x == 0:
        return mpf(1)
    return 1 / (1 + a / (b + x - 1) * ((alpha + T) / (alpha + tx)) ** (r + x))


path = []
for T in range(T_end + 1):
    seen = [d for d in days if d <= T]
    path.append(alive(len(seen) - 1, seen[-1], T))

print('T_end', T_end, 'purchase days', days)
for T in [0, 1, 10, 23, 24, 33, 34, 51, 52, 68, 69, 100, 150, 201]:
    print(T, repr(float(path[T])))
