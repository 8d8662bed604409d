// Each feature's row order for CART (cart.ts), made once per data set: the grower splits these
// orders stably at every node, and cross-validation filters them to a fold's rows in O(n·p)
// instead of sorting again.
// Why not Array.prototype.sort with a comparator: at a million rows and nine features it takes
// seconds (a JS callback per comparison). Sorting the values natively, ranking each row by binary
// search, and placing rows by a counting sort on the ranks is O(n log n) in typed arrays and stable
// (rows with equal values keep their order), which the tie rules of cart.ts rely on.

/** order[f * m + i] = the i-th of `rows` (m of them) in increasing order of feature f, ties by position in `rows`. */
export function sortedOrder(features: readonly Float64Array[], rows: Int32Array): Int32Array {
  const m = rows.length;
  const order = new Int32Array(features.length * m);
  const values = new Float64Array(m);
  const rank = new Int32Array(m);
  features.forEach((x, f) => {
    for (let i = 0; i < m; i++) values[i] = x[rows[i]];
    values.sort();
    let u = 0; // distinct values, compacted to the front of `values`
    for (let i = 0; i < m; i++) if (i === 0 || values[i] !== values[u - 1]) values[u++] = values[i];
    const counts = new Int32Array(u + 1);
    for (let i = 0; i < m; i++) {
      const v = x[rows[i]];
      let lo = 0;
      let hi = u - 1;
      while (lo < hi) { const mid = (lo + hi) >>> 1; if (values[mid] < v) lo = mid + 1; else hi = mid; }
      rank[i] = lo;
      counts[lo + 1]++;
    }
    for (let r = 0; r < u; r++) counts[r + 1] += counts[r];
    for (let i = 0; i < m; i++) order[f * m + counts[rank[i]]++] = rows[i];
  });
  return order;
}

/** The orders restricted to the rows with keep[row] = 1 (still sorted: filtering keeps order). */
export function restrictOrder(order: Int32Array, p: number, keep: Uint8Array): Int32Array {
  const m = order.length / p;
  let kept = 0;
  for (let i = 0; i < m; i++) if (keep[order[i]]) kept++;
  const out = new Int32Array(p * kept);
  for (let f = 0; f < p; f++) {
    let k = f * kept;
    for (let i = f * m; i < (f + 1) * m; i++) if (keep[order[i]]) out[k++] = order[i];
  }
  return out;
}
