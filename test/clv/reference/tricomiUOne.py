"""Reference values of U(1, 2 - k, z) for test/math/tricomi.test.ts: mpmath 1.3's hyperu at 30 digits,
over the shapes (k = s for Pareto/NBD, r + x + 1 for the BG models) and arguments (z = discount rate x
(beta + T), or x (alpha + T)/p) that DERT reaches. Run: python3 <this file>."""

from mpmath import mp, hyperu, mpf, nstr

mp.dps = 30
KS = [0.05, 0.3, 0.606, 0.99, 1, 1.5, 2, 3.2, 10, 30.243, 200, 3000]
ZS = [1e-6, 1e-4, 0.01, 0.13, 0.5, 1, 1.9, 3, 10, 100, 1e4, 1e8]

if __name__ == "__main__":
    for k in KS:
        for z in ZS:
            print(f"  [{k}, {z}, {float(hyperu(1, 2 - mpf(k), mpf(z)))!r}],")
