// Tie-aware ranks of a numeric column, the way SQL's window functions rank a sorted column, computed on
// typed arrays with a radix sort. At a million customers this costs ~0.05 s per column, where DuckDB's window operator (rank(), percent_rank(),
// cume_dist(), row_number()) took 0.5–1 s per ORDER BY, because it sorts whole rows, not one column.
// segment-customers.ts uses these for RFM quintiles, the pyramid position and the percentile scores.

/**
 * The row indices in ascending order of value, ties in row order (a stable sort), NaN last. An LSD
 * radix sort on the doubles' bits, 16 bits a pass, skipping passes where every value has the same
 * digit: ~30 ms for a million values, where an index sort with a comparator takes ~1.4 s and a
 * binary search of each value in a sorted copy ~0.9 s (measured, Node 24).
 */
export function sortedOrder(values: Float64Array): Uint32Array {
  const n = values.length;
  const bits = new Uint32Array(2 * n);
  const f = new Float64Array(bits.buffer);
  // NaN (a NULL read by db.columns) → +Infinity: after every number, tied with the other NaNs, as
  // SQL's NULLS LAST. −0 → +0: equal in SQL, so one tie group.
  for (let i = 0; i < n; i++) f[i] = Number.isNaN(values[i]) ? Infinity : values[i] + 0;
  // Doubles as unsigned integers that sort like the numbers: flip every bit of a negative, only the sign bit of a positive.
  const lo = new Uint32Array(n), hi = new Uint32Array(n);
  const little = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
  for (let i = 0; i < n; i++) {
    let l = bits[2 * i + (little ? 0 : 1)], h = bits[2 * i + (little ? 1 : 0)];
    if (h & 0x80000000) { h = ~h >>> 0; l = ~l >>> 0; } else h = (h | 0x80000000) >>> 0;
    lo[i] = l; hi[i] = h;
  }
  let order = new Uint32Array(n), spare = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const count = new Uint32Array(65536);
  for (const [word, shift] of [[lo, 0], [lo, 16], [hi, 0], [hi, 16]] as const) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[(word[i] >>> shift) & 0xffff]++;
    if (n === 0 || count[(word[0] >>> shift) & 0xffff] === n) continue;
    let at = 0;
    for (let d = 0; d < 65536; d++) { const c = count[d]; count[d] = at; at += c; }
    for (let j = 0; j < n; j++) { const i = order[j]; spare[count[(word[i] >>> shift) & 0xffff]++] = i; }
    [order, spare] = [spare, order];
  }
  return order;
}

/**
 * For each value: `lo`, how many values sort strictly before it (SQL rank() − 1), and `hi`, how many
 * sort before or with it (the number of peers up to its last tie, SQL cume_dist() × n), with NaN last.
 * @example tieRanks(Float64Array.of(5, 3, 5)) // lo [1, 0, 1], hi [3, 1, 3]
 */
export interface TieRanks { lo: Int32Array; hi: Int32Array }

export function tieRanks(values: Float64Array): TieRanks {
  const counted = countedRanks(values);
  if (counted !== null) return counted;
  return sortedRanks(values);
}

/** The widest span of (scaled) whole numbers countedRanks counts: a table of 2²¹ counts is 8 MB. */
const COUNTED_SPAN = 1 << 21;

/** The decimal places countedRanks tries: whole numbers, cents, rounded scores and probabilities. */
const COUNTED_SCALES = [1, 100, 1e4, 1e6] as const;

/**
 * tieRanks by counting, for values that are all the doubles of whole numbers of 1/s for one of
 * COUNTED_SCALES (days, orders, money rounded to cents, P(alive) rounded to 6 places) within a span of
 * COUNTED_SPAN: one table of counts, whose prefix sums give lo and hi directly, with no sort and no
 * permutation (a few ms at a million values, against ~0.1–0.25 s for sortedRanks with DuckDB busy
 * beside it; the segments step ranks six such columns of ten). Exact: each value v is checked to be
 * the double nearest to k/s (k = round(v·s), k/s === v), and rounding to the nearest double keeps
 * order, so v < w exactly when k < l, and v = w exactly when k = l (|k| < 2⁵² keeps distinct k/s
 * apart). Null when no scale fits (a NaN, ±∞, more decimals) or the span is wider: sortedRanks then.
 */
export function countedRanks(values: Float64Array): TieRanks | null {
  if (values.length === 0) return null;
  for (const scale of COUNTED_SCALES) {
    const ranks = countedAt(values, scale);
    if (ranks !== null) return ranks;
  }
  return null;
}

function countedAt(values: Float64Array, scale: number): TieRanks | null {
  const n = values.length;
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const k = Math.round(v * scale);
    if (k / scale !== v || !(Math.abs(k) < 2 ** 52)) return null;
    if (k < min) min = k;
    if (k > max) max = k;
  }
  if (max - min >= COUNTED_SPAN) return null;
  // below[j] = how many values are smaller than (min + j)/scale, after the prefix sums (−0 and 0 share j).
  const below = new Int32Array(max - min + 2);
  for (let i = 0; i < n; i++) below[Math.round(values[i] * scale) - min + 1]++;
  for (let j = 1; j < below.length; j++) below[j] += below[j - 1];
  const lo = new Int32Array(n), hi = new Int32Array(n);
  for (let i = 0; i < n; i++) { const j = Math.round(values[i] * scale) - min; lo[i] = below[j]; hi[i] = below[j + 1]; }
  return { lo, hi };
}

/** tieRanks from a radix sort of the values: every double, NaN last. */
export function sortedRanks(values: Float64Array): TieRanks {
  const n = values.length;
  const order = sortedOrder(values);
  // The values gathered in sorted order (NaN as +∞, tied with the other NaNs), so ties are found in
  // one sequential pass instead of a lookup through `order` per comparison (half the time at 1M).
  const sorted = new Float64Array(n);
  for (let j = 0; j < n; j++) { const v = values[order[j]]; sorted[j] = v === v ? v : Infinity; }
  const lo = new Int32Array(n), hi = new Int32Array(n);
  for (let s = 0; s < n;) {
    let e = s + 1;
    const v = sorted[s];
    while (e < n && sorted[e] === v) e++;
    for (let j = s; j < e; j++) { const i = order[j]; lo[i] = s; hi[i] = e; }
    s = e;
  }
  return { lo, hi };
}

/** Negates every value (NaN stays NaN, so it still sorts last): ranks of `negate(v)` are ranks by v descending. */
export function negate(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = -values[i];
  return out;
}

/**
 * Average-rank percentile 0–100 per value, written exactly as the SQL it replaces evaluates it, so the
 * doubles (and every rounded score) are the same as before:
 * 50 · (percent_rank + (cume_dist · n − 1)/(n − 1)), percent_rank = lo/(n − 1), cume_dist = hi/n.
 * That is 100 · (lo + hi − 1)/2/(n − 1), composite-score.ts's percentileScores (ties share their mean position).
 */
export function percentileOfRanks(values: Float64Array, ranks?: TieRanks): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  if (n <= 1) return out.fill(50);
  const { lo, hi } = ranks ?? tieRanks(values);
  for (let i = 0; i < n; i++) out[i] = 50 * (lo[i] / (n - 1) + ((hi[i] / n) * n - 1) / (n - 1));
  return out;
}

/** RFM quintile 1–5 of each value, as rfm-sql.ts: least(5, 1 + floor(5 · (rank − 1)/n)). `ranks`: tieRanks(values), if already made. */
export function quintiles(values: Float64Array, ranks?: TieRanks): Int32Array {
  const n = values.length;
  const { lo } = ranks ?? tieRanks(values);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.min(5, 1 + Math.floor((5 * lo[i]) / n));
  return out;
}

/**
 * 1-based position of each row when sorted by value descending (NaN last) with ties kept in row
 * order: SQL's row_number() OVER (ORDER BY value DESC, <the rows' own order>).
 * `ranks`: tieRanks(values), if already made: without NaN the position is then the count of larger
 * values plus the row's place among its ties, with no second sort. (tieRanks puts NaN with +∞, so
 * with NaN present the negated values are sorted instead.)
 */
export function positionsDescending(values: Float64Array, ranks?: TieRanks): Int32Array {
  const n = values.length;
  const out = new Int32Array(n);
  let nan = false;
  for (let i = 0; i < n && !nan; i++) nan = Number.isNaN(values[i]);
  if (ranks !== undefined && !nan) {
    // Rows of one tie group share hi; `taken[hi]` counts the group's rows placed so far, in row order.
    const taken = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) { const h = ranks.hi[i]; out[i] = n - h + taken[h]++ + 1; }
    return out;
  }
  // A stable ascending sort of the negated values puts ties in row order.
  const order = sortedOrder(negate(values));
  for (let j = 0; j < order.length; j++) out[order[j]] = j + 1;
  return out;
}
