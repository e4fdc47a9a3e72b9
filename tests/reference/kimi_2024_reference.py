"""Independent reference figures for surveys/kimi-2024 (quarantine, metrics, breakdowns, audit, the index,
its reliability and the key-driver analysis).

Written from docs/codebook.md and docs/outputs.md, the codebook and the export only (not from src/), with
pandas / scipy / statsmodels. Run from the repository root with Debian's Python:

    /usr/bin/python3 tests/reference/kimi_2024_reference.py > tests/reference/kimi-2024-reference.json
"""
import json
import re
import sys
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import scipy
import statsmodels
import statsmodels.api as sm
import yaml
from scipy import stats
from statsmodels.multivariate.factor import Factor
from statsmodels.stats.proportion import proportion_confint

SURVEY = Path(__file__).resolve().parents[2] / "surveys" / "kimi-2024"
cb = yaml.safe_load((SURVEY / "survey.yaml").read_text(encoding="utf-8"))
raw = pd.read_csv(SURVEY / cb["source"]["file"], encoding="gb18030", dtype=str, keep_default_na=False)
Q = {q["id"]: q for q in cb["questions"]}
SEP = "┋"  # wjx multi-select separator (codebook gives none, so the wjx default applies)


def norm(s):
    """NFKC, runs of white space folded to one space, ends trimmed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", str(s))).strip()


def to_label(part, options):
    """An option label (after norm) or its 1-based code -> the codebook label; else None."""
    labels = {norm(o): o for o in options}
    if part in labels:
        return labels[part]
    if re.fullmatch(r"\d+", part) and 1 <= int(part) <= len(options):
        return options[int(part) - 1]
    return None


def parse(q, cell):
    """(value, ok): value is None for an empty cell (item non-response) or an invalid one."""
    cell = norm(cell)
    if cell == "":
        return None, True
    if q["type"] == "nps":
        ok = re.fullmatch(r"\d+", cell) is not None and 0 <= int(cell) <= 10
        return (int(cell) if ok else None), ok
    if q["type"] == "multi":
        parts = [p for p in (norm(p) for p in cell.split(SEP)) if p]
        got = [to_label(p, q["options"]) for p in parts]
        ok = None not in got
        return (got if ok and got else None), ok
    if q["type"] in ("single", "likert"):
        lab = to_label(cell, q["options"])
        return lab, lab is not None
    if q["type"] in ("rating", "numeric"):
        try:
            x = float(cell)
        except ValueError:
            return None, False
        ok = q.get("min", -np.inf) <= x <= q.get("max", np.inf)
        return (x if ok else None), ok
    return cell, True  # text


def seconds(s):
    """'95秒', '1分35秒', '95' -> seconds (NaN if unparseable)."""
    m = re.fullmatch(r"(?:(\d+)小时)?(?:(\d+)分(?:钟)?)?(?:(\d+(?:\.\d+)?)秒?)?", norm(s))
    if not m or not any(m.groups()):
        return np.nan
    h, mi, se = (float(g) if g else 0.0 for g in m.groups())
    return 3600 * h + 60 * mi + se


# ---- parse every question, then quarantine ---------------------------------------------------
ans, bad = {}, pd.Series([[] for _ in range(len(raw))], index=raw.index)
for qid, q in Q.items():
    parsed = raw[q["column"]].map(lambda c, q=q: parse(q, c))
    ans[qid] = parsed.str[0]
    if q["type"] != "text":
        rule = "invalid-nps" if q["type"] == "nps" else "invalid-option"
        for i in parsed.index[~parsed.str[1].astype(bool)]:
            if rule not in bad[i]:
                bad[i] = bad[i] + [rule]
ans = pd.DataFrame(ans)


# ---- indexes (docs/codebook.md, "indexes"): a likert item's code is 1..k in option order; reverse items
# become k + 1 - code; the score is the mean of the answered items' codes (times the number of items for
# `sum`) when at least ceil(minAnswered * items) are answered, else none.
def codes(qid):
    q = Q[qid]
    return ans[qid].map(lambda v: np.nan if v is None else float(q["options"].index(v) + 1))


for ix in cb.get("indexes", []):
    items = pd.DataFrame({i: codes(i) for i in ix["items"]})
    for i in ix.get("reverse", []):
        items[i] = len(Q[i]["options"]) + 1 - items[i]
    need = int(np.ceil(ix.get("minAnswered", 0.5) * len(ix["items"]) - 1e-9))
    score = items.mean(axis=1, skipna=True) * (len(ix["items"]) if ix.get("method", "mean") == "sum" else 1)
    ans[ix["id"]] = score.where(items.notna().sum(axis=1) >= need).map(lambda v: None if pd.isna(v) else float(v))
    Q[ix["id"]] = {"id": ix["id"], "type": "index"}

qual = cb["quality"]
speeder = raw[cb["respondent"]["duration"]].map(seconds) < qual["minDurationSeconds"]
dup = raw[qual["duplicateKeys"]].apply(lambda c: c.str.strip()).duplicated(keep="first")
att = qual["attentionCheck"]
attn_fail = ~ans[att["question"]].isin(att["expect"])  # an empty or invalid answer fails too
rules = pd.Series(
    [
        ["speeder"] * s + ["duplicate"] * d + ["attention-check"] * a + b
        for s, d, a, b in zip(speeder, dup, attn_fail, bad)
    ],
    index=raw.index,
)
quarantined = rules[rules.str.len() > 0]
acc = ans[rules.str.len() == 0]


# ---- metrics --------------------------------------------------------------------------------
def picks(s):
    """Answers as lists (single -> [label], multi -> labels), only answered rows."""
    return s.dropna().map(lambda v: v if isinstance(v, list) else [v])


def wilson(count, n):
    return [float(x) for x in proportion_confint(count, n, alpha=0.05, method="wilson")] if n else None


def prop_out(hits):
    n, count = int(hits.size), int(hits.sum())
    return {"estimate": count / n if n else None, "n": n, "count": count, "wilson": wilson(count, n)}


def metric(m, df):
    q = Q[m["question"]]
    s = df[m["question"]]
    if "among" in m:
        keep = picks(df[m["among"]["question"]]).map(lambda v: bool(set(v) & set(m["among"]["in"])))
        s = s[keep.reindex(s.index, fill_value=False)]
    if m["kind"] in ("proportion", "top-box", "pmf"):
        success = set(m["success"] if m["kind"] != "top-box" else q["options"][-m["box"]:])
        return prop_out(picks(s).map(lambda v: bool(set(v) & success)))
    if m["kind"] == "retention":
        success = set(m["success"])
        hits = picks(s).map(lambda v: bool(set(v) & success))
        level = df.loc[hits.index, m["by"]]
        out = prop_out(hits)
        out["groups"] = {o: prop_out(hits[level == o]) for o in Q[m["by"]]["options"]}
        return out
    if m["kind"] == "ratio":
        x = s.dropna().astype(float) / m["per"]
        n, mean = len(x), float(x.mean())
        t = stats.t.interval(0.95, n - 1, loc=mean, scale=stats.sem(x))
        return {"estimate": mean, "n": n, "sd": float(x.std(ddof=1)), "t": [float(v) for v in t]}
    if m["kind"] == "mean":
        x = s.dropna().map(lambda v: v if q["type"] == "index" else q["options"].index(v) + 1).astype(float)
        n, mean = len(x), float(x.mean()) if len(x) else None
        t = stats.t.interval(0.95, n - 1, loc=mean, scale=stats.sem(x)) if n > 1 else (None, None)
        return {"estimate": mean, "n": n, "sd": float(x.std(ddof=1)) if n > 1 else None,
                "t": [float(v) if v is not None else None for v in t]}
    if m["kind"] == "nps":
        x = s.dropna().astype(int)
        n = len(x)
        if not n:
            return {"estimate": None, "n": 0, "promoters": 0, "detractors": 0, "ci": None}
        pp, pd_ = (x >= 9).mean(), (x <= 6).mean()
        est = 100 * (pp - pd_)
        half = stats.norm.ppf(0.975) * 100 * np.sqrt((pp + pd_ - (pp - pd_) ** 2) / n)
        return {"estimate": float(est), "n": n, "promoters": int((x >= 9).sum()),
                "detractors": int((x <= 6).sum()),
                "ci": [float(max(est - half, -100)), float(min(est + half, 100))]}
    if m["kind"] == "distribution":
        p = picks(s)
        groups = {o: prop_out(p.map(lambda v, o=o: o in v)) for o in q["options"]}
        for g in groups.values():
            del g["n"]
        return {"n": int(p.size), "groups": groups}
    raise ValueError(m["kind"])


M = {m["id"]: m for m in cb["metrics"]}
metrics = {mid: metric(m, acc) for mid, m in M.items()}

breakdowns = {}
for b in cb["breakdowns"]:
    by = picks(acc[b["by"]])
    breakdowns[b["by"]] = {}
    for mid in b["metrics"]:
        out = {}
        for o in Q[b["by"]]["options"]:
            r = metric(M[mid], acc.loc[by.index[by.map(lambda v, o=o: o in v)]])
            out[o] = {"estimate": r["estimate"], "n": r["n"], "ci": r.get("wilson", r.get("ci"))}
        breakdowns[b["by"]][mid] = out

# ---- breakdown tests (proportion and top-box metrics) ------------------------------------------
# Each group with n >= 5 (smaller groups are suppressed, no test of their own) against the other respondents who answered `by`:
# scipy.stats.chi2_contingency([[x_g, n_g - x_g], [x_r, n_r - x_r]], correction=False); p-values adjusted
# with statsmodels multipletests(method='holm'); a single-choice `by` also gets the k x 2 test over its groups.
from statsmodels.stats.multitest import multipletests  # noqa: E402


def chi2(table):
    table = np.array(table)
    table = table[:, table.sum(axis=0) > 0]
    table = table[table.sum(axis=1) > 0]
    if min(table.shape) < 2:
        return None
    stat, p, dof, _ = stats.chi2_contingency(table, correction=False)
    return {"statistic": float(stat), "df": int(dof), "pValue": float(p)}


breakdown_tests = {}
for b in cb["breakdowns"]:
    by = picks(acc[b["by"]])
    for mid in b["metrics"]:
        m = M[mid]
        if m["kind"] not in ("proportion", "top-box"):
            continue
        q = Q[m["question"]]
        success = set(m["success"] if m["kind"] == "proportion" else q["options"][-m["box"]:])
        hits = picks(acc.loc[by.index, m["question"]]).map(lambda v: bool(set(v) & success))
        rows, raw_p = [], {}
        for o in Q[b["by"]]["options"]:
            member = by.map(lambda v, o=o: o in v).reindex(hits.index)
            g, r = hits[member], hits[~member]
            if len(g) > 0:
                rows.append([int(g.sum()), int(len(g) - g.sum())])  # the overall test covers every group with answers
            if len(g) < 5:
                continue
            test = chi2([[int(g.sum()), int(len(g) - g.sum())], [int(r.sum()), int(len(r) - r.sum())]])
            if test is not None:
                raw_p[o] = test["pValue"]
        adjusted = multipletests(list(raw_p.values()), method="holm")[1] if raw_p else []
        breakdown_tests.setdefault(b["by"], {})[mid] = {
            "groups": {o: {"pValue": raw_p[o], "pAdjusted": float(a)} for o, a in zip(raw_p, adjusted)},
            "overall": chi2(rows) if Q[b["by"]]["type"] == "single" else None,
        }

# ---- representativeness audit ---------------------------------------------------------------
audit = {}
for bm in cb["benchmarks"]:
    opts = Q[bm["question"]]["options"]
    obs = acc[bm["question"]].dropna().value_counts().reindex(opts, fill_value=0)
    pop = pd.Series(bm["shares"]).reindex(opts).astype(float)
    assert abs(pop.sum() - 1) < 1e-9, bm["question"]
    n = int(obs.sum())
    chi = stats.chisquare(obs.to_numpy(), f_exp=n * pop.to_numpy())
    share = obs / n
    audit[bm["question"]] = {
        "n": n,
        "options": opts,  # codebook order; "observed" follows it (dict keys get sorted on output)
        "observed": [int(v) for v in obs],
        "sample": {k: float(v) for k, v in share.items()},
        "population": {k: float(v) for k, v in pop.items()},
        "chi2": float(chi.statistic), "pValue": float(chi.pvalue), "df": len(opts) - 1,
        "tvd": float(0.5 * (share - pop).abs().sum()),
    }

# ---- scale reliability of each index, over respondents who answered every item, unweighted ---------
def reliability(ix, df):
    items = pd.DataFrame({i: df[i].map(lambda v, q=Q[i]: np.nan if v is None else float(q["options"].index(v) + 1)) for i in ix["items"]})
    for i in ix.get("reverse", []):
        items[i] = len(Q[i]["options"]) + 1 - items[i]
    x = items.dropna().to_numpy()
    n, k = x.shape
    C = np.cov(x, rowvar=False, ddof=1)
    R = np.corrcoef(x, rowvar=False)

    def alpha_of(m):
        return m.shape[0] / (m.shape[0] - 1) * (1 - np.trace(m) / m.sum())

    a = alpha_of(C)
    total = x.sum(axis=1)
    fit = Factor(corr=R, n_factor=1, method="pa", smc=True).fit(maxiter=100000, tol=1e-14)
    return {
        "n": int(n), "alpha": float(a), "standardized": float(alpha_of(R)),
        "averageR": float(R[np.triu_indices(k, 1)].mean()),
        "feldt": [float(1 - (1 - a) * stats.f.ppf(0.975, n - 1, (n - 1) * (k - 1))),
                  float(1 - (1 - a) * stats.f.ppf(0.025, n - 1, (n - 1) * (k - 1)))],
        "itemRest": [float(np.corrcoef(x[:, j], total - x[:, j])[0, 1]) for j in range(k)],
        "alphaIfDeleted": [float(alpha_of(np.delete(np.delete(C, j, 0), j, 1))) for j in range(k)],
        "omega": float((R.sum() - fit.uniqueness.sum()) / R.sum()),
    }


reliabilities = {ix["id"]: reliability(ix, acc) for ix in cb.get("indexes", [])}


# ---- key-driver analysis: complete cases, OLS R2 of every subset, Shapley (LMG) shares; Johnson's weights
# from numpy's eigh of the drivers' correlation matrix; correlations from scipy --------------------------
def value_of(qid, df):
    q = Q[qid]
    if q["type"] in ("likert",):
        return df[qid].map(lambda v: np.nan if v is None else float(q["options"].index(v) + 1))
    return df[qid].map(lambda v: np.nan if v is None else float(v))


def r2_of(y, X):
    return 0.0 if X.shape[1] == 0 else float(sm.OLS(y, sm.add_constant(X)).fit().rsquared)


def key_drivers(d, df):
    from itertools import combinations
    from math import factorial
    names = d["drivers"]
    data = pd.DataFrame({"y": value_of(d["outcome"], df), **{k: value_of(k, df) for k in names}}).dropna()
    y, p = data["y"].to_numpy(), len(names)
    r2 = {(): 0.0}
    for size in range(1, p + 1):
        for S in combinations(range(p), size):
            r2[S] = r2_of(y, data[[names[j] for j in S]].to_numpy())
    full = r2[tuple(range(p))]
    lmg = []
    for j in range(p):
        others = [i for i in range(p) if i != j]
        total = 0.0
        for size in range(p):
            for S in combinations(others, size):
                w = factorial(size) * factorial(p - size - 1) / factorial(p)
                total += w * (r2[tuple(sorted(S + (j,)))] - r2[S])
        lmg.append(total)
    Z = (data - data.mean()) / data.std(ddof=1)
    beta = sm.OLS(Z["y"].to_numpy(), Z[names].to_numpy()).fit().params
    Rm = np.corrcoef(data.to_numpy(), rowvar=False)
    lam, V = np.linalg.eigh(Rm[1:, 1:])
    L = V @ np.diag(np.sqrt(lam)) @ V.T
    johnson = (L ** 2) @ np.linalg.solve(L, Rm[1:, 0]) ** 2
    n = len(data)
    z = stats.norm.ppf(0.975)
    out = []
    for j, k in enumerate(names):
        pr = stats.pearsonr(data["y"], data[k])
        ci = pr.confidence_interval(0.95)
        rho = float(stats.spearmanr(data["y"], data[k]).correlation)
        half = z * np.sqrt((1 + rho ** 2 / 2) / (n - 3))
        out.append({"id": k, "lmg": lmg[j], "lmgShare": lmg[j] / full, "johnson": float(johnson[j]),
                    "beta": float(beta[j]), "mean": float(data[k].mean()),
                    "pearson": float(pr.statistic), "pearsonCi": [float(ci.low), float(ci.high)],
                    "spearman": rho, "spearmanCi": [float(np.tanh(np.arctanh(rho) - half)), float(np.tanh(np.arctanh(rho) + half))]})
    return {"n": n, "r2": full, "drivers": out}


drivers = {d["id"]: key_drivers(d, acc) for d in cb.get("drivers", [])}

json.dump(
    {
        "survey": cb["id"],
        "rowsRead": len(raw),
        "accepted": len(acc),
        "quarantined": len(quarantined),
        "quarantinedRows": {str(i + 2): r for i, r in quarantined.items()},  # spreadsheet row numbers
        "metrics": metrics,
        "breakdowns": breakdowns,
        "breakdownTests": breakdown_tests,
        "audit": audit,
        "reliability": reliabilities,
        "drivers": drivers,
        "calls": {
            "read": "pandas.read_csv(path, encoding='gb18030', dtype=str, keep_default_na=False)",
            "normalise": "re.sub(r'\\s+', ' ', unicodedata.normalize('NFKC', s)).strip()",
            "wilson": "statsmodels.stats.proportion.proportion_confint(count, n, alpha=0.05, method='wilson')",
            "mean": "scipy.stats.t.interval(0.95, n-1, loc=mean, scale=scipy.stats.sem(values)); sd = Series.std(ddof=1)",
            "nps": "est=100*(p+ - p-); var=(p+ + p- - (p+ - p-)**2)/n; est -/+ scipy.stats.norm.ppf(0.975)*100*sqrt(var), clipped to [-100,100]",
            "chisquare": "scipy.stats.chisquare(observed, f_exp=n*shares)",
            "tvd": "0.5*sum(|sample share - population share|)",
            "alpha": "k/(k-1)*(1 - trace(C)/sum(C)), C = numpy.cov(items, ddof=1); standardised on numpy.corrcoef; Feldt 1-(1-alpha)*scipy.stats.f.ppf(0.975|0.025, n-1, (n-1)(k-1))",
            "omega": "(sum(R) - sum(u))/sum(R), u = statsmodels Factor(corr=R, n_factor=1, method='pa', smc=True).fit(maxiter=100000, tol=1e-14).uniqueness",
            "lmg": "Shapley average of statsmodels OLS(y, add_constant(X_S)).fit().rsquared over every subset S",
            "johnson": "lam, V = numpy.linalg.eigh(Rxx); L = V diag(sqrt(lam)) V'; (L**2) @ solve(L, rxy)**2",
            "correlations": "scipy.stats.pearsonr(y, x) with .confidence_interval(0.95); scipy.stats.spearmanr; Spearman CI tanh(atanh(rho) -/+ z*sqrt((1+rho**2/2)/(n-3)))",
        },
        "versions": {"python": sys.version.split()[0], "pandas": pd.__version__, "numpy": np.__version__,
                     "scipy": scipy.__version__, "statsmodels": statsmodels.__version__},
    },
    sys.stdout, ensure_ascii=False, sort_keys=True, indent=1,
)
print()
