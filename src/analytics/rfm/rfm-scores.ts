// RFM quintile scores. Each customer gets 1–5 on recency, frequency and monetary value by where their
// value stands in the whole base: score = 1 + ⌊5 · below / n⌋ (capped at 5), where `below` counts
// customers with a strictly worse value. Why this rule:
//  - ties get equal scores (two customers with 3 orders never land in different groups, which
//    pandas' qcut on rank(method='first') does);
//  - a value shared by many customers gets the score of the lowest member of the group, so the
//    one-time buyers — often half of a retailer's base — score F = 1, as the segment map expects;
//  - it is exactly SQL's `1 + floor(5 * (rank() OVER (ORDER BY v) - 1) / count(*) OVER ())`, so
//    the DuckDB version (rfm-sql.ts) gives the same scores at any scale.
// Recency is "days since the last purchase": fewer is better, so it is ranked in reverse.

export interface RfmInput {
  /** Time since the last purchase (any unit): smaller is better. */
  recency: ArrayLike<number>;
  /** Number of purchases (orders). */
  frequency: ArrayLike<number>;
  /** Money spent (total or mean; the caller chooses). */
  monetary: ArrayLike<number>;
}

export interface RfmScores {
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array;
}

/** Quantile scores 1..bins of `values` (higher value → higher score), ties sharing the lowest. */
export function quantileScores(values: ArrayLike<number>, bins = 5, higherIsBetter = true): Uint8Array {
  const n = values.length;
  const out = new Uint8Array(n);
  if (n === 0) return out;
  const key = (i: number) => (higherIsBetter ? values[i] : -values[i]);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => key(a) - key(b));
  for (let s = 0; s < n;) {
    let e = s;
    while (e + 1 < n && key(order[e + 1]) === key(order[s])) e++;
    const score = Math.min(bins, 1 + Math.floor((bins * s) / n));
    for (let k = s; k <= e; k++) out[order[k]] = score;
    s = e + 1;
  }
  return out;
}

export function rfmScores(input: RfmInput, bins = 5): RfmScores {
  const n = input.recency.length;
  if (input.frequency.length !== n || input.monetary.length !== n) throw new RangeError('rfmScores: columns have different lengths');
  for (const [name, col] of [['recency', input.recency], ['frequency', input.frequency], ['monetary', input.monetary]] as const) {
    for (let i = 0; i < n; i++) if (!Number.isFinite(col[i])) throw new RangeError(`rfmScores: ${name} of row ${i + 1} is not a number`);
  }
  return { r: quantileScores(input.recency, bins, false), f: quantileScores(input.frequency, bins), m: quantileScores(input.monetary, bins) };
}
