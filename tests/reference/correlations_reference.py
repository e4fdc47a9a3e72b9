"""Pearson and Spearman correlations with their intervals, by scipy, for tests/stats/drivers/correlations.test.ts.

Reads the data R wrote into tests/reference/drivers-reference.json (datasets::attitude) and, for the outcome
`rating` against each driver:

    res = scipy.stats.pearsonr(x, y);  res.statistic,  res.confidence_interval(0.95)   (Fisher's z, 1/sqrt(n - 3))
    scipy.stats.spearmanr(x, y).correlation
    Spearman's interval by hand (Bonett and Wright 2000):
        tanh(atanh(rho) -/+ scipy.stats.norm.ppf(0.975) * sqrt((1 + rho**2 / 2) / (n - 3)))

    /usr/bin/python3 tests/reference/correlations_reference.py > tests/reference/correlations-reference.json
"""
import json
import math
from pathlib import Path

import scipy
from scipy import stats

ROOT = Path(__file__).resolve().parents[2]
ref = json.loads((ROOT / "tests" / "reference" / "drivers-reference.json").read_text())
data = ref["data"]
drivers = ref["lmg"]["drivers"]
y = data["rating"]
n = len(y)
z = stats.norm.ppf(0.975)
out = []
for d in drivers:
    x = data[d]
    p = stats.pearsonr(y, x)
    ci = p.confidence_interval(0.95)
    rho = float(stats.spearmanr(y, x).correlation)
    half = z * math.sqrt((1 + rho ** 2 / 2) / (n - 3))
    out.append({
        "driver": d,
        "pearson": float(p.statistic),
        "pearsonCi": [float(ci.low), float(ci.high)],
        "spearman": rho,
        "spearmanCi": [math.tanh(math.atanh(rho) - half), math.tanh(math.atanh(rho) + half)],
    })
print(json.dumps({"outcome": "rating", "n": n, "correlations": out, "scipy": scipy.__version__}, indent=1))
