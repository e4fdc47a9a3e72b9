"""Johnson's relative weights by hand in numpy, for tests/stats/drivers/relative-importance.test.ts.

Reads the data R wrote into tests/reference/drivers-reference.json (datasets::attitude) and computes, with
numpy only (Johnson 2000, "A heuristic method for estimating the relative weight of predictor variables"):

    R = corrcoef of [rating, drivers];  Rxx, rxy
    lam, V = numpy.linalg.eigh(Rxx);  L = V @ diag(sqrt(lam)) @ V.T      (Rxx^(1/2))
    beta = numpy.linalg.solve(L, rxy);  weights = (L ** 2) @ (beta ** 2)  (they sum to R²)

Also the Pearson correlation matrix itself (numpy.corrcoef), the input the TypeScript tests start from.

    /usr/bin/python3 tests/reference/relative_weights_reference.py > tests/reference/relative-weights-reference.json
"""
import json
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
ref = json.loads((ROOT / "tests" / "reference" / "drivers-reference.json").read_text())
data = ref["data"]
drivers = ref["lmg"]["drivers"]
x = np.array([data["rating"]] + [data[d] for d in drivers], dtype=float)
R = np.corrcoef(x)
Rxx, rxy = R[1:, 1:], R[1:, 0]
lam, V = np.linalg.eigh(Rxx)
L = V @ np.diag(np.sqrt(lam)) @ V.T
beta = np.linalg.solve(L, rxy)
weights = (L ** 2) @ (beta ** 2)
print(json.dumps({"correlation": R.tolist(), "weights": weights.tolist(), "r2": float(weights.sum()), "numpy": np.__version__}, indent=1))
