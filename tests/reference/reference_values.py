#!/usr/bin/python3
"""Independent reference values for the statistical unit tests.

Computed with Debian's scipy / statsmodels, never with the project's own code.
Regenerate with:
    /usr/bin/python3 tests/reference/reference_values.py > tests/reference/reference-values.json
"""
import json
import math
import platform

import numpy as np
import scipy
import scipy.stats as st
import statsmodels
from statsmodels.stats.proportion import proportion_confint


def proportion_entries():
    cases = [(0, 1, 0.95), (1, 1, 0.95), (0, 10, 0.95), (3, 10, 0.95),
             (10, 10, 0.95), (0, 154, 0.95), (77, 154, 0.95), (125, 154, 0.95),
             (154, 154, 0.95), (2345, 10000, 0.95), (3, 10, 0.90), (125, 154, 0.99)]
    out = []
    for method in ["wilson", "beta", "agresti_coull"]:
        for x, n, level in cases:
            alpha = round(1 - level, 10)
            low, high = proportion_confint(x, n, alpha=alpha, method=method)
            out.append({
                "method": method, "x": x, "n": n, "level": level,
                # "+ 0.0" turns a -0.0 (wilson 0/154) into 0.0 so JSON/JS see a plain 0
                "low": float(low) + 0.0, "high": float(high) + 0.0,
                "call": f"statsmodels.stats.proportion.proportion_confint({x}, {n}, alpha={alpha}, method='{method}')",
            })
    return out


def t_entries():
    vectors = [[1, 2, 3, 4, 5], [4, 4, 5, 5, 5, 3, 2, 5, 4, 4], [3.5, 7.25, 1.0, 9.75, 4.0, 6.5]]
    out = []
    for values in vectors:
        for level in [0.95, 0.90]:
            a = np.asarray(values, dtype=float)
            mean = float(a.mean())
            low, high = st.t.interval(level, df=len(a) - 1, loc=mean, scale=st.sem(a))
            out.append({
                "values": values, "level": level, "mean": mean,
                "sd": float(a.std(ddof=1)), "low": float(low), "high": float(high),
                "call": f"scipy.stats.t.interval({level}, df={len(a) - 1}, loc=numpy.mean(values), scale=scipy.stats.sem(values))",
            })
    return out


def chisquare_entries():
    cases = [([70, 30, 10, 5, 15, 14, 10], [0.06, 0.18, 0.08, 0.02, 0.12, 0.30, 0.24]),
             ([80, 74], [0.51, 0.49]),
             ([10, 20, 30], [0.2, 0.3, 0.5])]
    out = []
    for obs, shares in cases:
        n = sum(obs)
        res = st.chisquare(obs, f_exp=n * np.asarray(shares))
        out.append({
            "observed": obs, "shares": shares,
            "statistic": float(res.statistic), "df": len(obs) - 1, "pValue": float(res.pvalue),
            "call": f"scipy.stats.chisquare({obs}, f_exp={n} * numpy.array({shares}))",
        })
    return out


NPS_FORMULA = ("p+ = promoters/n, p- = detractors/n; nps = 100*(p+ - p-); "
               "var = (p+ + p- - (p+ - p-)**2)/n; z = scipy.stats.norm.ppf(1 - (1-level)/2); "
               "low/high = nps -/+ z*100*sqrt(var), clipped to [-100, 100]")


def nps_entries():
    out = []
    level = 0.95
    z = st.norm.ppf(1 - (1 - level) / 2)
    for prom, pas, det in [(50, 30, 20), (154, 0, 0), (10, 0, 10), (60, 60, 34)]:
        n = prom + pas + det
        pp, pm = prom / n, det / n
        nps = 100 * (pp - pm)
        var = (pp + pm - (pp - pm) ** 2) / n
        half = z * 100 * math.sqrt(var)
        out.append({
            "promoters": prom, "passives": pas, "detractors": det, "n": n, "level": level,
            "nps": nps, "variance": var, "z": float(z),
            "low": max(-100.0, nps - half), "high": min(100.0, nps + half),
            "call": "hand formula: " + NPS_FORMULA,
        })
    return out


def quantile_entries():
    calls = {
        "scipy.stats.norm.ppf(0.975)": lambda: st.norm.ppf(0.975),
        "scipy.stats.t.ppf(0.975, 9)": lambda: st.t.ppf(0.975, 9),
        "scipy.stats.t.ppf(0.95, 153)": lambda: st.t.ppf(0.95, 153),
        "scipy.stats.chi2.sf(12.5, 6)": lambda: st.chi2.sf(12.5, 6),
        "scipy.stats.beta.ppf(0.025, 3, 8)": lambda: st.beta.ppf(0.025, 3, 8),
    }
    return [{"call": c, "value": float(f())} for c, f in calls.items()]


result = {
    "versions": {"scipy": scipy.__version__, "statsmodels": statsmodels.__version__,
                 "numpy": np.__version__, "python": platform.python_version()},
    "notes": {
        "proportion": "method 'beta' is Clopper-Pearson; statsmodels clips 'agresti_coull' to [0, 1]",
        "nps": NPS_FORMULA,
    },
    "proportion": proportion_entries(),
    "t": t_entries(),
    "chisquare": chisquare_entries(),
    "nps": nps_entries(),
    "quantiles": quantile_entries(),
}
print(json.dumps(result, sort_keys=True, indent=1))
