# Session 30 (issue 18): reference values for the closed-form BG/NBD and MBG/NBD observed information matrix
# (src/clv/bgNbd/likelihood.ts, bgNbdFunctions' `information`) and for trigamma (src/math/special.ts), by
# mpmath at 40 digits: the Hessian of ln L by mpmath.diff of the log-likelihood itself (no formula shared
# with the library's derivatives), and psi(1, x). Prints the numbers test/clv/bgNbd/information.test.ts holds.
#   python3 scripts/reference/bgnbd_information.py
import mpmath as mp

mp.mp.dps = 40

# the histogram of fitBgNbd's TSDoc example: frequency, recency, T, weight
ROWS = [
    (0, 0, 38, 600), (0, 0, 30, 300), (1, 4, 38, 100), (1, 30, 36, 90), (2, 10, 38, 40),
    (2, 33, 35, 40), (4, 20, 37, 20), (6, 35, 37, 15), (12, 36, 38, 5),
]
# a grid of few distinct t_x and T, so that its (x, T) and (x, t_x) pairs are fewer than half its rows and
# the library takes the pair-table path: x in {0, 1, 2, 5}, t_x in {2, 6, 10} (0 without repeats), T in
# {12, 14, ..., 50}, weight 1 + (x + t_x + T) mod 7
GRID = [(x, tx, T, 1 + (x + tx + T) % 7)
        for x in (0, 1, 2, 5) for tx in ((0,) if x == 0 else (2, 6, 10)) for T in range(12, 51, 2)]
# parameters where the fits land and away from them
POINTS = [
    (mp.mpf('0.185'), mp.mpf('3.5'), mp.mpf('0.9'), mp.mpf('2.4')),
    (mp.mpf('1.3'), mp.mpf('12'), mp.mpf('0.2'), mp.mpf('7')),
]


def log_likelihood(rows, shift, r, alpha, a, b):
    total = mp.mpf(0)
    for x, tx, T, w in rows:
        constant = (mp.loggamma(r + x) - mp.loggamma(r) + r * mp.log(alpha) + mp.loggamma(a + b)
                    + mp.loggamma(b + x + shift) - mp.loggamma(b) - mp.loggamma(a + b + x + shift))
        first = (alpha + T) ** -(r + x)
        second = a / (b + x - 1 + shift) * (alpha + tx) ** -(r + x) if (x > 0 or shift == 1) else 0
        total += w * (constant + mp.log(first + second))
    return total


for name, rows in (('example', ROWS), ('grid', GRID)):
    for shift in (0, 1):
        for point in POINTS:
            f = lambda *p: log_likelihood(rows, shift, *p)
            matrix = [[None] * 4 for _ in range(4)]
            for i in range(4):
                for j in range(i, 4):
                    order = [0, 0, 0, 0]
                    order[i] += 1
                    order[j] += 1
                    matrix[i][j] = matrix[j][i] = -mp.diff(f, point, tuple(order))
            gradient = [mp.diff(f, point, tuple(1 if k == i else 0 for k in range(4))) for i in range(4)]
            print(name, 'shift', shift, 'at', [mp.nstr(v, 6) for v in point])
            print('  logL', mp.nstr(f(*point), 17), 'gradient [' + ', '.join(mp.nstr(v, 17) for v in gradient) + ']')
            for row in matrix:
                print('  [' + ', '.join(mp.nstr(v, 17) for v in row) + '],')

for x in ('1e-3', '0.185', '0.5', '1', '2.4', '11.5', '12', '40.25', '1e4'):
    print('trigamma', x, mp.nstr(mp.psi(1, mp.mpf(x)), 17))
