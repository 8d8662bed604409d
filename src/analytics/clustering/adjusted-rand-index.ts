// Adjusted Rand index (Hubert & Arabie 1985, "Comparing partitions", J. Classification 2, 193–218:
// their Rand index corrected for chance): agreement of two partitions of the same items, 1 for
// identical partitions (whatever the label names), about 0 for independent ones. Used to check that
// k-means recovers known groups.
import { ModelError } from '../models/model-error.ts';

const choose2 = (m: number): number => (m * (m - 1)) / 2;

/**
 * ARI = (Σ_ij C(n_ij,2) − [Σ_i C(a_i,2) Σ_j C(b_j,2)] / C(n,2)) / (½[Σ_i C(a_i,2) + Σ_j C(b_j,2)] − [Σ_i C(a_i,2) Σ_j C(b_j,2)] / C(n,2)),
 * with n_ij the contingency table of the two labelings and a_i, b_j its margins.
 * @example adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0]) // 1
 */
export function adjustedRandIndex(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (y.length !== n) throw new ModelError('invalid-input', `labelings differ in length: ${n} and ${y.length}`);
  const table = new Map<string, number>();
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${x[i]}\u0000${y[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    rows.set(x[i], (rows.get(x[i]) ?? 0) + 1);
    cols.set(y[i], (cols.get(y[i]) ?? 0) + 1);
  }
  let index = 0;
  for (const v of table.values()) index += choose2(v);
  let a = 0;
  for (const v of rows.values()) a += choose2(v);
  let b = 0;
  for (const v of cols.values()) b += choose2(v);
  const expected = (a * b) / choose2(n);
  const maximum = (a + b) / 2;
  // Both partitions trivial (all in one group, or all singletons): they agree perfectly.
  if (maximum === expected) return 1;
  return (index - expected) / (maximum - expected);
}
