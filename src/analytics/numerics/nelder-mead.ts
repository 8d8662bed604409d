// Nelder-Mead simplex (Lagarias et al. 1998 coefficients). The fallback when L-BFGS cannot make
// progress, e.g. a likelihood whose gradient is inaccurate near a boundary of the parameter space.
import type { MinimizeResult } from './lbfgs.ts';

export interface NelderMeadOptions {
  maxIterations?: number;
  /** Stop when the simplex's values and vertices differ by less than this (relative). */
  tolerance?: number;
  initialStep?: number;
}

/** Minimises `f` (value only) from `x0`. */
export function nelderMead(f: (x: Float64Array) => number, x0: Float64Array, options: NelderMeadOptions = {}): MinimizeResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 2000 * n;
  const tol = options.tolerance ?? 1e-12;
  const step = options.initialStep ?? 0.1;
  const safe = (x: Float64Array) => { const v = f(x); return Number.isFinite(v) ? v : Infinity; };
  const simplex: Float64Array[] = [Float64Array.from(x0)];
  for (let i = 0; i < n; i++) {
    const v = Float64Array.from(x0);
    v[i] = v[i] !== 0 ? v[i] * (1 + step) + (Math.abs(v[i]) < 1e-3 ? step : 0) : step;
    simplex.push(v);
  }
  let values = simplex.map(safe);
  let evaluations = n + 1;
  const combine = (a: Float64Array, b: Float64Array, t: number) => { const r = new Float64Array(n); for (let j = 0; j < n; j++) r[j] = a[j] + t * (b[j] - a[j]); return r; };
  let iter = 0;
  for (; iter < maxIterations; iter++) {
    const order = values.map((v, i) => i).sort((i, j) => values[i] - values[j]);
    const sorted = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    simplex.splice(0, simplex.length, ...sorted);
    const spreadF = Math.abs(values[n] - values[0]);
    let spreadX = 0;
    for (let i = 1; i <= n; i++) for (let j = 0; j < n; j++) spreadX = Math.max(spreadX, Math.abs(simplex[i][j] - simplex[0][j]));
    if (spreadF <= tol * Math.max(1, Math.abs(values[0])) && spreadX <= Math.sqrt(tol) * Math.max(1, ...Array.from(simplex[0], Math.abs))) break;
    const centroid = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i][j] / n;
    const reflected = combine(centroid, simplex[n], -1);
    const fr = safe(reflected); evaluations++;
    if (fr < values[0]) {
      const expanded = combine(centroid, simplex[n], -2);
      const fe = safe(expanded); evaluations++;
      if (fe < fr) { simplex[n] = expanded; values[n] = fe; } else { simplex[n] = reflected; values[n] = fr; }
    } else if (fr < values[n - 1]) {
      simplex[n] = reflected; values[n] = fr;
    } else {
      const outside = fr < values[n];
      const contracted = combine(centroid, outside ? reflected : simplex[n], 0.5);
      const fc = safe(contracted); evaluations++;
      if (fc < (outside ? fr : values[n])) {
        simplex[n] = contracted; values[n] = fc;
      } else {
        for (let i = 1; i <= n; i++) { simplex[i] = combine(simplex[0], simplex[i], 0.5); values[i] = safe(simplex[i]); evaluations++; }
      }
    }
  }
  let best = 0;
  for (let i = 1; i <= n; i++) if (values[i] < values[best]) best = i;
  return {
    x: simplex[best], value: values[best], gradient: new Float64Array(n), iterations: iter, evaluations,
    converged: iter < maxIterations && Number.isFinite(values[best]), reason: iter < maxIterations ? 'simplex collapsed' : 'iteration limit',
  };
}
