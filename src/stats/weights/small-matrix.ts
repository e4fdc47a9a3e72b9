/** The few dense-matrix operations the Rao-Scott correction needs, for matrices of a handful of rows. */
export type Matrix = number[][];

export function transpose(a: Matrix): Matrix {
  return (a[0] ?? []).map((_, j) => a.map((row) => row[j] ?? 0));
}

export function multiply(a: Matrix, b: Matrix): Matrix {
  const columns = b[0]?.length ?? 0;
  return a.map((row) => Array.from({ length: columns }, (_, j) => row.reduce((sum, v, k) => sum + v * (b[k]?.[j] ?? 0), 0)));
}

export function trace(a: Matrix): number {
  return a.reduce((sum, row, i) => sum + (row[i] ?? 0), 0);
}

/** X solving A·X = B by Gauss-Jordan elimination with partial pivoting; null when A is singular. */
export function solve(a: Matrix, b: Matrix): Matrix | null {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...(b[i] ?? [])]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]?.[col] ?? 0) > Math.abs(m[pivot]?.[col] ?? 0)) pivot = r;
    const top = m[pivot];
    if (top === undefined || Math.abs(top[col] ?? 0) < 1e-300) return null;
    [m[col], m[pivot]] = [top, m[col] as number[]];
    const lead = top[col] ?? 1;
    for (let j = 0; j < top.length; j++) top[j] = (top[j] ?? 0) / lead;
    for (let r = 0; r < n; r++) {
      const row = m[r];
      if (r === col || row === undefined) continue;
      const factor = row[col] ?? 0;
      for (let j = 0; j < row.length; j++) row[j] = (row[j] ?? 0) - factor * (top[j] ?? 0);
    }
  }
  return m.map((row) => row.slice(n));
}

/** Least-squares residual of each column of Y on the columns of X: Y − X (XᵀX)⁻¹ XᵀY (R's `qr.resid`). */
export function residualize(x: Matrix, y: Matrix): Matrix | null {
  const xt = transpose(x);
  const beta = solve(multiply(xt, x), multiply(xt, y));
  if (beta === null) return null;
  const fitted = multiply(x, beta);
  return y.map((row, i) => row.map((v, j) => v - (fitted[i]?.[j] ?? 0)));
}
