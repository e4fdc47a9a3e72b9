"""Independent reference values for the banner tables (tests/stats/tables.test.ts), unweighted.

Written from docs/tables.md and the codebooks and exports only (not from src/), with pandas / scipy /
statsmodels. Run from the repository root with Debian's Python (python3-pandas, python3-scipy,
python3-statsmodels, python3-yaml):

    /usr/bin/python3 tests/reference/tables_reference.py > tests/reference/tables-reference.json

Two tables:
* kimi: the default table of surveys/kimi-2024 (no `tables:`): banner = the single-choice question the
  breakdowns split by (industry); stubs = every other question but free text and the attention check;
  a top-2 net for each likert question; Holm within each row; bases under 5 suppressed. The accepted
  rows come from tests/reference/kimi_2024_reference.py (its own quarantine rules), run here.
* jupyter: table `by-tenure` of tests/fixtures/jupyter-2020/survey.yaml: banner tenure (single, compared),
  languages (multi: overlapping, not compared), the metric `daily` (one column); Bonferroni; row % and
  counts; arrows against the rest of the sample.

Per pair of live columns of a compared group: percentages by
statsmodels.stats.proportion.proportions_ztest([x1, x2], [n1, n2]) (pooled variance, two-sided), means by
scipy.stats.ttest_ind(a, b) (pooled, equal_var=True), NPS by the z-test on the trinomial variances
z = (NPS1 - NPS2) / sqrt(V1 + V2), V = 1e4 (p + d - (p - d)^2) / n (hand formula, normal p-value).
The p-values of one row of one group are adjusted together: statsmodels multipletests(p, method='holm' |
'bonferroni'); significant when adjusted < 0.05; the higher column gets the lower's letter.
"""
import contextlib
import io
import json
import re
import runpy
import unicodedata
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
import scipy
import statsmodels
import yaml
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportions_ztest

ROOT = Path(__file__).resolve().parents[2]
LEVEL = 0.95


def norm(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", str(s))).strip()


def letter(k):
    out = ""
    n = k + 1
    while n > 0:
        out = chr(65 + (n - 1) % 26) + out
        n = (n - 1) // 26
    return out


def z_test(x1, n1, x2, n2):
    pooled = (x1 + x2) / (n1 + n2)
    if n1 == 0 or n2 == 0 or pooled in (0, 1):
        return None
    z, p = proportions_ztest([x1, x2], [n1, n2])
    return float(z), float(p)


def t_test(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    if len(a) + len(b) - 2 < 1 or len(a) == 0 or len(b) == 0:
        return None
    pooled = ((len(a) - 1) * (a.var(ddof=1) if len(a) > 1 else 0) + (len(b) - 1) * (b.var(ddof=1) if len(b) > 1 else 0)) / (len(a) + len(b) - 2)
    if pooled <= 0:
        return None
    t, p = stats.ttest_ind(a, b)
    return float(t), float(p)


def nps_parts(scores):
    n = len(scores)
    if n == 0:
        return None
    p = np.mean(np.asarray(scores) >= 9)
    d = np.mean(np.asarray(scores) <= 6)
    return 100 * (p - d), 1e4 * (p + d - (p - d) ** 2) / n


def nps_test(a, b):
    pa, pb = nps_parts(a), nps_parts(b)
    if pa is None or pb is None or pa[1] == 0 or pb[1] == 0:
        return None
    z = (pa[0] - pb[0]) / np.sqrt(pa[1] + pb[1])
    return float(z), float(2 * stats.norm.sf(abs(z)))


def table(columns, groups, stubs, adjust, vs_total, cells, suppress=5):
    """columns: [(label, mask)], Total first; groups: [(indices, compared)]; stubs: [(id, rows, base_mask)]
    with rows [(type, label, kind, data)] where kind is 'share' (data: hit Series) or 'value' (data: value Series)."""
    out = {"columns": [c[0] for c in columns], "letters": [None] + [letter(k) for k in range(len(columns) - 1)], "blocks": []}
    for stub, rows, answered in stubs:
        base = [int((answered & mask).sum()) for _, mask in columns]
        live = [b > 0 and b >= suppress for b in base]
        block = {"stub": stub, "base": base, "rows": []}
        for rtype, label, kind, data in rows:
            def side(c, rest=False):
                mask = columns[c][1]
                m = answered & (~mask if rest else mask)
                return data[m]
            values, counts, row_shares = [], [], []
            for c in range(len(columns)):
                s = side(c)
                if not live[c]:
                    values.append(None)
                    counts.append(None)
                    row_shares.append(None)
                    continue
                if kind == "share":
                    values.append(float(s.mean()))
                    counts.append(int(s.sum()))
                    total = int(side(0).sum())
                    row_shares.append(int(s.sum()) / total if total else None)
                elif rtype == "nps":
                    values.append(float(nps_parts(list(s))[0]))
                elif rtype == "sd":
                    values.append(float(s.std(ddof=1)) if len(s) > 1 else None)
                else:
                    values.append(float(s.mean()))
            letters = [""] * len(columns)
            arrows = [None] * len(columns)
            if rtype != "sd":
                def test(a, b):
                    if kind == "share":
                        return z_test(int(a.sum()), len(a), int(b.sum()), len(b))
                    if rtype == "nps":
                        return nps_test(list(a), list(b))
                    return t_test(list(a), list(b))
                for indices, compared in groups:
                    cols = [c for c in indices if live[c]]
                    if compared:
                        pairs = [(a, b, test(side(a), side(b))) for a, b in combinations(cols, 2)]
                        pairs = [(a, b, r) for a, b, r in pairs if r is not None]
                        if pairs:
                            adj = multipletests([r[1] for _, _, r in pairs], method=adjust)[1] if adjust != "none" else [r[1] for _, _, r in pairs]
                            for (a, b, r), p in zip(pairs, adj):
                                if p < 1 - LEVEL and r[0] != 0:
                                    high, low = (a, b) if r[0] > 0 else (b, a)
                                    letters[high] += out["letters"][low]
                    if vs_total:
                        tested = [(c, test(side(c), side(c, rest=True))) for c in cols]
                        tested = [(c, r) for c, r in tested if r is not None]
                        if tested:
                            adj = multipletests([r[1] for _, r in tested], method=adjust)[1] if adjust != "none" else [r[1] for _, r in tested]
                            for (c, r), p in zip(tested, adj):
                                if p < 1 - LEVEL and r[0] != 0:
                                    arrows[c] = "up" if r[0] > 0 else "down"
            letters = ["".join(sorted(l, key=lambda x: x)) for l in letters]
            row = {"type": rtype, "label": label, "values": values, "letters": letters}
            if kind == "share":
                row["counts"] = counts
                if "row" in cells:
                    row["rowShares"] = row_shares
            if vs_total:
                row["arrows"] = arrows
            block["rows"].append(row)
        out["blocks"].append(block)
    return out


def choice_rows(q, s, nets=()):
    """Option rows (hit = chose it), nets, then mean/sd for ordinal and number questions."""
    rows = []
    answered = s.notna()
    as_list = s.map(lambda v: v if isinstance(v, list) else ([] if v is None or (isinstance(v, float) and np.isnan(v)) else [v]))
    if q["type"] in ("single", "multi", "likert"):
        labels = q["options"]
    elif q["type"] == "rating":
        labels = [str(v) for v in range(int(q["min"]), int(q["max"]) + 1)]
        as_list = s.map(lambda v: [] if v is None or np.isnan(v) else [str(int(v))])
    else:
        labels = []
    for label in labels:
        rows.append(("option", label, "share", as_list.map(lambda v, label=label: label in v).astype(int)))
    for net in nets:
        wanted = set(net["options"])
        rows.append(("net", net["label"], "share", as_list.map(lambda v: bool(wanted & set(v))).astype(int)))
    if q["type"] in ("likert", "rating", "numeric"):
        values = s.map(lambda v: q["options"].index(v) + 1 if q["type"] == "likert" and v is not None else v).astype(float)
        rows.append(("mean", None, "value", values))
        rows.append(("sd", None, "value", values))
    return rows, answered


def nps_rows(s):
    answered = s.notna()
    scores = s.astype(float)
    return [
        ("promoters", None, "share", (scores >= 9).astype(int)),
        ("passives", None, "share", ((scores >= 7) & (scores <= 8)).astype(int)),
        ("detractors", None, "share", (scores <= 6).astype(int)),
        ("nps", None, "value", scores),
    ], answered


# ---- kimi-2024: the default table ------------------------------------------------------------
with contextlib.redirect_stdout(io.StringIO()):
    kimi = runpy.run_path(str(ROOT / "tests" / "reference" / "kimi_2024_reference.py"))
acc = kimi["acc"].reset_index(drop=True)
cb = kimi["cb"]
Q = {q["id"]: q for q in cb["questions"]}
industry = Q["industry"]
columns = [("Total", pd.Series(True, index=acc.index))] + [(o, acc["industry"] == o) for o in industry["options"]]
groups = [(list(range(1, len(columns))), True)]
stubs = []
for q in cb["questions"]:
    if q["type"] == "text" or q["id"] in ("industry", cb["quality"]["attentionCheck"]["question"]):
        continue
    s = acc[q["id"]].map(lambda v: None if v is None or (isinstance(v, float) and np.isnan(v)) else v)
    if q["type"] == "nps":
        rows, answered = nps_rows(s.map(lambda v: np.nan if v is None else v))
    else:
        nets = [{"label": "前两项", "options": q["options"][-2:]}] if q["type"] == "likert" and len(q["options"]) >= 4 else []
        rows, answered = choice_rows(q, s, nets)
    stubs.append((q["id"], rows, answered))
# Indexes are numeric questions after the codebook's own (scores from kimi_2024_reference.py): mean and SD rows.
for ix in cb.get("indexes", []):
    s = acc[ix["id"]].map(lambda v: None if v is None or (isinstance(v, float) and np.isnan(v)) else v)
    rows, answered = choice_rows({"type": "numeric"}, s)
    stubs.append((ix["id"], rows, answered))
kimi_table = table(columns, groups, stubs, "holm", False, ["column"])

# ---- jupyter-2020: table by-tenure --------------------------------------------------------------
jcb = yaml.safe_load((ROOT / "tests" / "fixtures" / "jupyter-2020" / "survey.yaml").read_text(encoding="utf-8"))
J = {q["id"]: q for q in jcb["questions"]}
d = pd.read_csv(ROOT / "tests" / "fixtures" / "jupyter-2020" / "all_responses.csv", dtype=str, keep_default_na=False).apply(lambda c: c.map(norm))
d.columns = [norm(c) for c in d.columns]


def single(qid):
    q = J[qid]
    labels = {norm(o): o for o in q["options"]}
    return d[norm(q["column"])].map(lambda v: labels.get(v))


freq, tenure, pain = single("freq"), single("tenure"), single("memory_pain")
lang_cols = {o: d[norm("3. " + o)] for o in J["languages"]["options"]}
langs = pd.Series([[o for o in J["languages"]["options"] if lang_cols[o][i] != ""] for i in range(len(d))])
langs_answered = langs.map(len) > 0
team = d[norm(J["team_size"]["column"])].map(lambda v: float(v) if v != "" else np.nan)
daily_set = {"Daily - heavy usage; 3+ hours per day.", "Daily - moderate usage; less than 3 hours per day."}
still_set = daily_set | {"Weekly.", "Monthly."}

jcolumns = [("Total", pd.Series(True, index=d.index))]
jcolumns += [(o, tenure == o) for o in J["tenure"]["options"]]
jcolumns += [(o, langs.map(lambda v, o=o: o in v)) for o in J["languages"]["options"]]
jcolumns += [("Uses Jupyter daily", freq.isin(daily_set))]
n_t, n_l = len(J["tenure"]["options"]), len(J["languages"]["options"])
jgroups = [(list(range(1, 1 + n_t)), True), (list(range(1 + n_t, 1 + n_t + n_l)), False), ([1 + n_t + n_l], False)]
table_cb = jcb["tables"][0]
jstubs = []
rows, answered = choice_rows(J["freq"], freq)
jstubs.append(("freq", rows, answered))
rows, answered = choice_rows(J["memory_pain"], pain, table_cb["nets"])
jstubs.append(("memory_pain", rows, answered))
rows, answered = choice_rows(J["team_size"], team.map(lambda v: None if np.isnan(v) else v))
jstubs.append(("team_size", rows, answered))
jstubs.append(("still_using", [("metric", "Still uses Jupyter", "share", freq.isin(still_set).astype(int))], freq.notna()))
pain_codes = pain.map(lambda v: J["memory_pain"]["options"].index(v) + 1 if v is not None else np.nan).astype(float)
jstubs.append(("memory_mean", [("mean", None, "value", pain_codes), ("sd", None, "value", pain_codes)], pain.notna()))
jupyter_table = table(jcolumns, jgroups, jstubs, "bonferroni", True, ["column", "row", "count"])

print(
    json.dumps(
        {
            "kimi": kimi_table,
            "jupyter": jupyter_table,
            "calls": {
                "share": "statsmodels.stats.proportion.proportions_ztest([x1, x2], [n1, n2])",
                "mean": "scipy.stats.ttest_ind(a, b)",
                "nps": "z = (NPS1 - NPS2) / sqrt(V1 + V2), V = 1e4 (p + d - (p - d)^2) / n; p = 2 * scipy.stats.norm.sf(|z|)",
                "adjust": "statsmodels.stats.multitest.multipletests(p, method='holm' | 'bonferroni')[1]",
                "sd": "pandas Series.std(ddof=1)",
            },
            "versions": {"scipy": scipy.__version__, "statsmodels": statsmodels.__version__, "pandas": pd.__version__, "numpy": np.__version__},
        },
        indent=1,
        sort_keys=True,
        allow_nan=False,
    )
)
