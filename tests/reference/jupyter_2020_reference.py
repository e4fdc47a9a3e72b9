"""Reference values for tests/real-data.test.ts: the 2020 Jupyter survey computed with pandas/scipy/statsmodels.

Run from the repository root with Debian's python (python3-pandas, python3-scipy, python3-statsmodels):
    /usr/bin/python3 tests/reference/jupyter_2020_reference.py > tests/reference/jupyter-2020-reference.json
Semantics follow docs/codebook.md: labels compared after NFKC + folded white space; the denominator is
the respondents who answered (a one-column-per-option multi-select with nothing ticked is not answered;
"N/A - skip, don't know." is the codebook's `missing` value).
"""
import json
import re
import unicodedata

import pandas as pd
import scipy.stats as st
from statsmodels.stats.proportion import proportion_confint

CSV = "tests/fixtures/jupyter-2020/all_responses.csv"


def norm(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", s)).strip()


def prop(x, n):
    low, high = proportion_confint(x, n, alpha=0.05, method="wilson")
    return {"count": int(x), "n": int(n), "estimate": x / n, "ci": [low, high]}


def mean_t(values):
    low, high = st.t.interval(0.95, len(values) - 1, loc=values.mean(), scale=st.sem(values))
    return {"n": int(len(values)), "estimate": values.mean(), "ci": [low, high]}


d = pd.read_csv(CSV, dtype=str, keep_default_na=False).applymap(norm)
d.columns = [norm(c) for c in d.columns]
freq = d["1. How frequently do you use Jupyter?"]
tenure = d["2. How long have you been using Jupyter?"]
daily = {"Daily - heavy usage; 3+ hours per day.", "Daily - moderate usage; less than 3 hours per day."}
still = daily | {"Weekly.", "Monthly."}
answered = freq[freq != ""]
langs = d[[c for c in d.columns if c.startswith("3. ")]]
any_lang = (langs != "").any(axis=1)
pain = d["10a. Data is too big to fit into memory on my machine/ server."]
levels = ["(0) Not a problem for me.", "(1) Trivial.", "(2) Minor.", "(3) Major.", "(4) Critical."]
pain = pain[pain.isin(levels)]
team = d["16. When it comes to working on notebooks in a team setting, with how many other people are you collaborating?"]

out = {
    "rows": len(d),
    "still_using": prop(answered.isin(still).sum(), len(answered)),
    "daily": prop(answered.isin(daily).sum(), len(answered)),
    "daily_veterans": prop(freq[(tenure == "2+ years.") & (freq != "")].isin(daily).sum(), ((tenure == "2+ years.") & (freq != "")).sum()),
    "uses_r": prop(((langs["3. R."] != "") & any_lang).sum(), any_lang.sum()),
    "memory_major": prop(pain.isin(levels[3:]).sum(), len(pain)),
    "memory_mean": mean_t(pain.map(lambda v: levels.index(v) + 1).astype(float)),
    "team_mean": mean_t(team[team != ""].astype(float)),
    "calls": {
        "wilson": "statsmodels.stats.proportion.proportion_confint(x, n, alpha=0.05, method='wilson')",
        "t": "scipy.stats.t.interval(0.95, n - 1, loc=mean, scale=scipy.stats.sem(values))",
    },
}
print(json.dumps(out, indent=1, sort_keys=True))
