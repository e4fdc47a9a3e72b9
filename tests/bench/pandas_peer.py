"""The plain, vectorised pandas way of computing what `stickiness analyze <survey>` computes (no charts):
the same quality rules, metrics, denominators, breakdowns and benchmark tests. The peer of tests/bench/bench.ts,
which times both and checks that they agree. Usage: python3 pandas_peer.py <survey folder>; prints one JSON object.

Scope: what the sample codebook (surveys/kimi-2024/survey.yaml) uses. Wilson intervals only, no weighting,
labels compared after strip() (the tool also folds Unicode, NFKC; the synthetic exports never need it)."""
import time

START = time.perf_counter()  # before the heavy imports: start-up counts, as it does for node
import json, resource, sys
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from scipy import stats

folder = Path(sys.argv[1])
book = yaml.safe_load((folder / 'survey.yaml').read_text(encoding='utf-8'))
assert book.get('ciMethod', 'wilson') == 'wilson' and book.get('weighting', {}).get('method', 'none') == 'none'
quality, Z = book.get('quality', {}), stats.norm.ppf(0.5 + book.get('confidence', 0.95) / 2)
np.seterr(all='ignore')  # a group nobody is in gives NaN, written as null

# Wenjuanxing exports are GBK (gb18030 is its superset); every cell stripped; the platform's "no answer" marks are empty.
df = pd.read_csv(folder / book['source']['file'], encoding='gb18030', dtype=str, keep_default_na=False)
df = df.apply(lambda column: column.str.strip()).replace(['(跳过)', '(空)', '（跳过）', '（空）'], '')

# Answers: a choice question becomes one boolean column per option (a single choice has at most one True),
# a number question a float Series (NaN = no answer). `bad` marks cells that are not a valid answer.
answers, bad = {}, []
for q in book['questions']:
    cell, kind = df[q['column']], q['type']
    if kind in ('single', 'likert', 'multi'):
        options = [str(o) for o in q['options']]
        index = {label: i for i, label in enumerate(options)}
        if not any(o.isdigit() for o in options):  # 1-based codes are answers too (unless labels are numbers)
            index |= {str(i + 1): i for i in range(len(options))}
        pieces = cell.str.split(q.get('separator', '┋')).explode().str.strip() if kind == 'multi' else cell
        pieces = pieces[pieces != '']
        codes = pieces.map(index)
        unknown = codes.isna().groupby(level=0).any() if kind == 'multi' else codes.isna()
        bad.append(unknown.reindex(df.index, fill_value=False))
        codes = codes.dropna().astype(int)
        chosen = np.zeros((len(df), len(options)), dtype=bool)
        chosen[codes.index, codes] = True  # the index is the row number (read_csv's RangeIndex)
        answers[q['id']] = pd.DataFrame(chosen, columns=options)
    elif kind in ('nps', 'rating', 'numeric'):
        number = pd.to_numeric(cell, errors='coerce')
        low, high = (0, 10) if kind == 'nps' else (q.get('min', -np.inf), q.get('max', np.inf))
        valid = number.between(low, high) & (cell.str.fullmatch('[0-9]+') if kind == 'nps' else True)
        bad.append((cell != '') & ~valid)
        answers[q['id']] = number.where(valid)

# Durations as Wenjuanxing writes them: `95`, `95秒`, `1分35秒`; text that is none of these is a fault too.
duration = df[book['respondent']['duration']]
hms = duration.str.extract(r'^(?:([0-9]+)小时)?(?:([0-9]+)分钟?)?(?:([0-9]+(?:\.[0-9]+)?)秒)?$').astype(float)
bare = pd.to_numeric(duration.where(duration.str.fullmatch(r'[0-9]+(?:\.[0-9]+)?'), ''), errors='coerce')
seconds = bare.fillna(hms[0].fillna(0) * 3600 + hms[1].fillna(0) * 60 + hms[2].fillna(0)).where(bare.notna() | hms.notna().any(axis=1))
bad.append((duration != '') & seconds.isna())
speeder = seconds < quality.get('minDurationSeconds', 0)

keys = df[quality.get('duplicateKeys', [])]
duplicate = keys.duplicated(keep='first') & keys.ne('').any(axis=1)  # an empty key never duplicates
attention = quality.get('attentionCheck')
inattentive = ~answers[attention['question']][[str(e) for e in attention['expect']]].any(axis=1) if attention else False
ok = ~(np.logical_or.reduce(bad) | speeder | duplicate | inattentive)
A = {qid: a[ok].reset_index(drop=True) for qid, a in answers.items()}  # accepted respondents only


def answered(qid):
    return A[qid].any(axis=1) if isinstance(A[qid], pd.DataFrame) else A[qid].notna()


def share(hit):
    """Share of True with its Wilson interval (Wilson 1927)."""
    n, p = len(hit), hit.mean()
    c = Z**2 / n
    centre, half = (p + c / 2) / (1 + c), Z / (1 + c) * np.sqrt(p * (1 - p) / n + Z**2 / (4 * n**2))
    return {'estimate': p, 'ci': list(np.clip([centre - half, centre + half], 0, 1)), 'n': n}


def mean(values, per=1, clip=(-np.inf, np.inf)):
    """Mean with its t interval, divided by `per` (a ratio), the interval kept within `clip`."""
    n, m = len(values), values.mean()
    half = stats.t.ppf(0.5 + book.get('confidence', 0.95) / 2, n - 1) * values.std() / np.sqrt(n)
    return {'estimate': m / per, 'ci': list(np.clip([(m - half) / per, (m + half) / per], *clip)), 'n': n}


def metric(m, rows):
    """Metric `m` over the accepted respondents in `rows` who answered its question (and pass `among`)."""
    a, kind = A[m['question']], m['kind']
    den = rows & answered(m['question'])
    if 'among' in m:
        den &= A[m['among']['question']][[str(o) for o in m['among']['in']]].any(axis=1)
    if kind in ('proportion', 'pmf', 'top-box', 'retention'):
        hit = a.iloc[:, -m['box']:].any(axis=1) if kind == 'top-box' else a[[str(o) for o in m['success']]].any(axis=1)
        out = share(hit[den])
        if kind == 'retention':
            out['groups'] = {level: share(hit[den & in_level]) for level, in_level in A[m['by']].items()}
        return out
    if kind in ('mean', 'ratio'):
        q = next(q for q in book['questions'] if q['id'] == m['question'])
        values = (a.values.argmax(axis=1) + 1.0)[den] if q['type'] == 'likert' else a[den]  # likert coded 1..k
        per = m.get('per', 1)
        return mean(pd.Series(values), per, (q.get('min', -np.inf) / per, q.get('max', np.inf) / per))
    if kind == 'nps':  # trinomial normal interval: Var = (p+ + p- - (p+ - p-)^2) / n
        n, pro, det = int(den.sum()), (a[den] >= 9).mean(), (a[den] <= 6).mean()
        half = Z * 100 * np.sqrt((pro + det - (pro - det) ** 2) / n)
        return {'estimate': 100 * (pro - det), 'ci': list(np.clip([100 * (pro - det) - half, 100 * (pro - det) + half], -100, 100)), 'n': n}
    if kind == 'distribution':  # each option once per respondent, also for a multi-select
        return {'shares': a[den].mean().to_dict(), 'n': int(den.sum())}
    raise ValueError(f'metric kind {kind} is not in the peer')


everyone = pd.Series(True, index=A[next(iter(A))].index)
metrics = {m['id']: metric(m, everyone) for m in book['metrics']}
by_id = {m['id']: m for m in book['metrics']}
breakdowns = [  # a respondent is in every group chosen (several, for a multi-select `by`)
    {'by': b['by'], 'metric': mid, 'groups': {g: metric(by_id[mid], in_g) for g, in_g in A[b['by']].items()}}
    for b in book.get('breakdowns', []) for mid in b['metrics']
]
benchmarks = []
for b in book.get('benchmarks', []):
    counts = A[b['question']].sum()
    expected = pd.Series(b['shares']).rename(index=str)[counts.index]
    test = stats.chisquare(counts, counts.sum() * expected / expected.sum())
    benchmarks.append({'question': b['question'], 'n': int(counts.sum()), 'sample': (counts / counts.sum()).to_dict(),
                       'chiSquare': test.statistic, 'pValue': test.pvalue})

result = {'rowsRead': len(df), 'accepted': int(ok.sum()), 'quarantined': int((~ok).sum()), 'metrics': metrics,
          'breakdowns': breakdowns, 'benchmarks': benchmarks, 'seconds': time.perf_counter() - START,
          'peakRssMB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def plain(x):
    """numpy numbers as plain JSON numbers, NaN as null."""
    if isinstance(x, dict):
        return {str(k): plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [plain(v) for v in x]
    if isinstance(x, (float, np.floating)):
        return None if np.isnan(x) else float(x)
    return int(x) if isinstance(x, (np.integer, np.bool_)) else x


print(json.dumps(plain(result)))
