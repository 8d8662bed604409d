// Numerical derivatives and a small dense inverse: standard errors come from the inverse of the
// observed information (the Hessian of −log L at the optimum, in the model's natural parameters).

/** Central-difference gradient; the step is scaled to each coordinate so tiny and large parameters both work. */
export function numericGradient(f: (x: Float64Array) => number, x: Float64Array): Float64Array {
  const n = x.length;
  const g = new Float64Array(n);
  const p = Float64Array.from(x);
  for (let i = 0; i < n; i++) {
    // ε^(1/3) is the step that balances truncation and rounding error for central differences.
    const h = 6e-6 * Math.max(Math.abs(x[i]), 1e-3);
    p[i] = x[i] + h; const fp = f(p);
    p[i] = x[i] - h; const fm = f(p);
    p[i] = x[i];
    g[i] = (fp - fm) / (2 * h);
  }
  return g;
}

/** Hessian by central differences of function values (4 evaluations per off-diagonal pair). */
export function numericHessian(f: (x: Float64Array) => number, x: Float64Array): number[][] {
  const n = x.length;
  const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const p = Float64Array.from(x);
  // ε^(1/4) balances truncation and rounding error for second differences.
  const h = Array.from(x, (v) => 1e-4 * Math.max(Math.abs(v), 1e-3));
  const f0 = f(x);
  for (let i = 0; i < n; i++) {
    p[i] = x[i] + h[i]; const fp = f(p);
    p[i] = x[i] - h[i]; const fm = f(p);
    p[i] = x[i];
    H[i][i] = (fp - 2 * f0 + fm) / (h[i] * h[i]);
    for (let j = 0; j < i; j++) {
      const at = (si: number, sj: number) => { p[i] = x[i] + si * h[i]; p[j] = x[j] + sj * h[j]; const v = f(p); p[i] = x[i]; p[j] = x[j]; return v; };
      const v = (at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * h[i] * h[j]);
      H[i][j] = v; H[j][i] = v;
    }
  }
  return H;
}

/**
 * Hessian by central differences of an analytic gradient: column j is (g(x + hⱼeⱼ) − g(x − hⱼeⱼ))/(2hⱼ),
 * then symmetrised. 2n gradient calls instead of the 1 + 2n + 2n(n−1) function calls of numericHessian,
 * and more accurate: first differences of an exact gradient lose fewer digits than second
 * differences of values.
 */
export function gradientHessian(gradient: (x: Float64Array) => Float64Array, x: Float64Array): number[][] {
  const n = x.length;
  const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const p = Float64Array.from(x);
  for (let j = 0; j < n; j++) {
    // ε^(1/3), as in numericGradient: the step balancing truncation and rounding for first differences.
    const h = 6e-6 * Math.max(Math.abs(x[j]), 1e-3);
    p[j] = x[j] + h; const gp = Float64Array.from(gradient(p));
    p[j] = x[j] - h; const gm = gradient(p);
    p[j] = x[j];
    for (let i = 0; i < n; i++) H[i][j] = (gp[i] - gm[i]) / (2 * h);
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) { const v = (H[i][j] + H[j][i]) / 2; H[i][j] = v; H[j][i] = v; }
  }
  return H;
}

/** Inverse of a small dense matrix by Gauss-Jordan with partial pivoting; null when singular. */
export function invert(A: number[][]): number[][] | null {
  const n = A.length;
  const M = A.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[piv][c])) piv = r;
    if (!(Math.abs(M[piv][c]) > 1e-300)) return null;
    [M[c], M[piv]] = [M[piv], M[c]];
    const d = M[c][c];
    for (let j = 0; j < 2 * n; j++) M[c][j] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const k = M[r][c];
      if (k !== 0) for (let j = 0; j < 2 * n; j++) M[r][j] -= k * M[c][j];
    }
  }
  return M.map((row) => row.slice(n));
}
