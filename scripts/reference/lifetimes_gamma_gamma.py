# lifetimes' GammaGammaFitter on a CSV of repeat buyers (columns frequency,monetary_value), timed: the
# reference side of scripts/bench/gammaGammaLifetimes.mjs (issue 17: "at least 5x faster than lifetimes").
# lifetimes (MIT) and autograd are not on PyPI here; run from their GitHub sources with Debian's numpy,
# scipy, pandas and dill:
#   PYTHONPATH=/path/to/lifetimes-src:/path/to/autograd-src python3 scripts/reference/lifetimes_gamma_gamma.py rows.csv
# Prints one JSON line: wall and CPU seconds of fit() (lifetimes' fit includes its Hessian), p, q, v, -ll.
import json
import sys
import time

import numpy as np
import pandas as pd
from lifetimes import GammaGammaFitter

rows = pd.read_csv(sys.argv[1])
frequency = rows["frequency"].to_numpy(dtype=float)
monetary = rows["monetary_value"].to_numpy(dtype=float)
wall, cpu = time.perf_counter(), time.process_time()
fitter = GammaGammaFitter(penalizer_coef=0.0).fit(frequency, monetary)
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
p, q, v = (float(fitter.params_[k]) for k in ("p", "q", "v"))
print(json.dumps({"wall": wall, "cpu": cpu, "p": p, "q": q, "v": v, "negativeLogLikelihood": float(fitter._negative_log_likelihood_), "customers": int(len(rows))}))
