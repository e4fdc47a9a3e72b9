"""Reference values for tests/stats/group-tests.test.ts (breakdown tests and p-value adjustment).

Run with Debian's python (python3-scipy, python3-statsmodels):
    /usr/bin/python3 tests/reference/group_tests_reference.py > tests/reference/group-tests-reference.json
"""
import json

import numpy as np
import scipy
import scipy.stats as st
import statsmodels
from statsmodels.stats.multitest import multipletests

out = {"versions": {"scipy": scipy.__version__, "statsmodels": statsmodels.__version__}}

# Group vs rest for a share: Pearson chi-square on the 2x2 table, no continuity correction.
two_by_two = []
for x1, n1, x2, n2 in [(30, 40, 50, 100), (5, 9, 120, 145), (71, 71, 60, 83), (0, 12, 40, 100)]:
    table = np.array([[x1, n1 - x1], [x2, n2 - x2]])
    stat, p, dof, _ = st.chi2_contingency(table, correction=False)
    two_by_two.append({"group": [x1, n1], "rest": [x2, n2], "statistic": stat, "df": int(dof), "pValue": p,
                       "call": f"scipy.stats.chi2_contingency([[{x1}, {n1 - x1}], [{x2}, {n2 - x2}]], correction=False)"})
out["twoByTwo"] = two_by_two

# Overall independence of groups and success: k x 2 (shares) and k x 3 (NPS classes).
tables = [[[30, 10], [50, 50], [8, 12]], [[20, 15, 5], [10, 20, 30], [7, 7, 7]]]
out["independence"] = []
for table in tables:
    stat, p, dof, _ = st.chi2_contingency(np.array(table), correction=False)
    out["independence"].append({"table": table, "statistic": stat, "df": int(dof), "pValue": p,
                                "call": f"scipy.stats.chi2_contingency({table}, correction=False)"})

# Group vs rest for a mean: Welch's t-test.
welch = []
for a, b in [([1, 2, 3, 4, 5, 5, 4], [2, 2, 3, 1, 1, 2, 3, 2, 1]), ([4.5, 3.0, 5.0, 4.0], [3.0, 3.5, 2.0, 4.0, 3.0, 2.5])]:
    res = st.ttest_ind(a, b, equal_var=False)
    va, vb = np.var(a, ddof=1) / len(a), np.var(b, ddof=1) / len(b)
    df = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
    welch.append({"group": a, "rest": b, "statistic": res.statistic, "df": df, "pValue": res.pvalue,
                  "call": f"scipy.stats.ttest_ind({a}, {b}, equal_var=False)"})
out["welch"] = welch

# NPS difference: z = (nps1 - nps2) / sqrt(var1 + var2) with the trinomial variances, two-sided normal p.
nps = []
for g, r in [((20, 10, 5), (30, 40, 30)), ((9, 1, 0), (50, 30, 20))]:
    def parts(c):
        n = sum(c)
        pp, pd = c[0] / n, c[2] / n
        return 100 * (pp - pd), 1e4 * (pp + pd - (pp - pd) ** 2) / n
    e1, v1 = parts(g)
    e2, v2 = parts(r)
    z = (e1 - e2) / np.sqrt(v1 + v2)
    nps.append({"group": list(g), "rest": list(r), "statistic": z, "pValue": 2 * st.norm.sf(abs(z)),
                "call": "hand formula: z = (NPS_g - NPS_r) / sqrt(Var_g + Var_r), Var = 1e4 (p+ + p- - (p+ - p-)^2) / n; p = 2 * scipy.stats.norm.sf(|z|)"})
out["nps"] = nps

ps = [0.01, 0.04, 0.03, 0.005, 0.2, 0.5]
out["adjust"] = {
    "pValues": ps,
    "holm": multipletests(ps, method="holm")[1].tolist(),
    "bh": multipletests(ps, method="fdr_bh")[1].tolist(),
    "call": "statsmodels.stats.multitest.multipletests(ps, method='holm' | 'fdr_bh')[1]",
}
print(json.dumps(out, indent=1, sort_keys=True))
