// Distinct values of a column and, for each row, which of them it holds. Likelihood terms that depend
// on one coordinate only (lnΓ(r+x) on the frequency, ln(α+T) on the age, …) are then computed once per
// distinct value instead of once per row: a million customers have a few hundred distinct frequencies
// and ages, but ~10⁵ distinct (x, t_x, T) patterns.

export interface DistinctIndex {
  /** The distinct values, in order of first appearance. */
  values: Float64Array;
  /** For each row, the position of its value in `values`. */
  index: Uint32Array;
}

/**
 * @example distinctIndex([5, 2, 5]) // { values: [5, 2], index: [0, 1, 0] }
 */
export function distinctIndex(column: ArrayLike<number>): DistinctIndex {
  const at = new Map<number, number>();
  const values: number[] = [];
  const index = new Uint32Array(column.length);
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    let k = at.get(v);
    if (k === undefined) { k = values.length; at.set(v, k); values.push(v); }
    index[i] = k;
  }
  return { values: Float64Array.from(values), index };
}
