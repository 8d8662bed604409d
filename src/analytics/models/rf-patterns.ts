// Validation and collapsing of per-customer (x, t_x, T) into distinct weighted patterns.
import { ModelError } from './model-error.ts';
import { distinctIndex } from '../numerics/distinct-index.ts';
import type { RfPatterns } from './types.ts';

export interface RfColumns {
  x: ArrayLike<number>;
  tx: ArrayLike<number>;
  T: ArrayLike<number>;
  /** Optional per-row weights (e.g. an RF matrix with customer counts); default 1. */
  weight?: ArrayLike<number>;
  /** Optional ids, used only to name offending rows in error messages. */
  ids?: ArrayLike<string | number>;
}

/**
 * Checks the inputs (no negatives, t_x ≤ T, t_x = 0 when x = 0, finite) and collapses equal
 * (x, t_x, T) rows into one pattern with the summed weight. Throws ModelError('invalid-input')
 * naming up to five offending rows.
 */
export function toRfPatterns(c: RfColumns, { allowFractionalFrequency = false } = {}): RfPatterns {
  const n = c.x.length;
  if (c.tx.length !== n || c.T.length !== n || (c.weight && c.weight.length !== n)) {
    throw new ModelError('invalid-input', 'frequency, recency and T columns have different lengths');
  }
  if (n === 0) throw new ModelError('invalid-input', 'no customers to fit');
  const bad: string[] = [];
  const index = new Map<string, number>();
  const x: number[] = [], tx: number[] = [], T: number[] = [], w: number[] = [];
  for (let i = 0; i < n; i++) {
    const xi = c.x[i], ti = c.tx[i], Ti = c.T[i], wi = c.weight ? c.weight[i] : 1;
    const why =
      !Number.isFinite(xi) || !Number.isFinite(ti) || !Number.isFinite(Ti) || !Number.isFinite(wi) ? 'a value is missing or not a number'
        : xi < 0 || ti < 0 || Ti < 0 ? 'negative value'
          : !allowFractionalFrequency && !Number.isInteger(xi) ? 'frequency is not a whole number'
            : ti > Ti + 1e-9 ? `recency ${ti} > T ${Ti}`
              : xi === 0 && ti !== 0 ? 'recency must be 0 when frequency is 0'
                : wi < 0 ? 'negative weight' : '';
    if (why) {
      if (bad.length < 5) bad.push(`${c.ids ? `customer ${c.ids[i]}` : `row ${i + 1}`}: ${why}`);
      else bad.push('');
      continue;
    }
    if (wi === 0) continue;
    const key = `${xi}|${ti}|${Ti}`;
    const at = index.get(key);
    if (at === undefined) { index.set(key, x.length); x.push(xi); tx.push(ti); T.push(Ti); w.push(wi); } else w[at] += wi;
  }
  if (bad.length) {
    throw new ModelError('invalid-input', `${bad.length} invalid customer row(s): ${bad.filter(Boolean).join('; ')}${bad.length > 5 ? '; …' : ''}`);
  }
  return { x: Float64Array.from(x), tx: Float64Array.from(tx), T: Float64Array.from(T), weight: Float64Array.from(w) };
}

/** Sum of the pattern weights (number of customers). */
export const totalWeight = (p: RfPatterns): number => p.weight.reduce((a, b) => a + b, 0);

/**
 * The patterns in ascending (x, t_x, T) order, as SQL's ORDER BY gives them (NaN last): a fixed
 * order, so that the same patterns give the same floating-point sums, and so the same fit, whatever
 * order they were grouped in. Why in JS: a stable counting sort on the ranks of the few hundred
 * distinct values of each column took ~0.02 s for the 215,000 patterns of 1M customers, where DuckDB's
 * sort took ~0.07 s while the fit waited for it.
 * @example sortRfPatterns({ x: Float64Array.of(1, 0), tx: Float64Array.of(2, 0), T: Float64Array.of(3, 3), weight: Float64Array.of(5, 7) }).x // [0, 1]
 */
export function sortRfPatterns(p: RfPatterns): RfPatterns {
  const n = p.x.length;
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // Least significant key first; each pass is stable, so ties keep the previous passes' order.
  for (const column of [p.T, p.tx, p.x]) {
    const { values, index } = distinctIndex(column);
    const sorted = Float64Array.from(values).sort();
    const rankOf = new Map<number, number>();
    sorted.forEach((v, r) => { if (!rankOf.has(v)) rankOf.set(v, r); });
    const rank = new Uint32Array(values.length);
    values.forEach((v, k) => { rank[k] = rankOf.get(v) ?? 0; });
    const start = new Uint32Array(values.length + 1);
    for (let i = 0; i < n; i++) start[rank[index[i]] + 1]++;
    for (let r = 0; r < values.length; r++) start[r + 1] += start[r];
    const next = new Uint32Array(n);
    for (let j = 0; j < n; j++) { const i = order[j]; next[start[rank[index[i]]]++] = i; }
    order = next;
  }
  const pick = (a: Float64Array): Float64Array => { const out = new Float64Array(n); for (let j = 0; j < n; j++) out[j] = a[order[j]]; return out; };
  return { x: pick(p.x), tx: pick(p.tx), T: pick(p.T), weight: pick(p.weight) };
}
