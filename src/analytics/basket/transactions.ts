// A set of market baskets in compressed sparse row form: one flat Int32Array of item codes and the
// offsets where each basket starts. The miner walks these arrays directly; no per-basket objects.
// Items are coded by their label in code-point order, so codes (and every output built on them) do
// not depend on the order in which items happen to appear in the file.
import { BasketError } from './basket-error.ts';

export interface Transactions {
  /** Item labels, distinct and sorted; item code k is labels[k]. */
  readonly labels: readonly string[];
  /** Basket t holds items[offsets[t] … offsets[t + 1]), distinct codes in ascending order. */
  readonly offsets: Int32Array;
  readonly items: Int32Array;
}

export const basketCount = (t: Transactions): number => t.offsets.length - 1;

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Codes baskets of item labels. A label repeated inside one basket counts once (arules removes
 * duplicated items when it coerces a list to transactions, NEWS 1.4-2); an empty basket is kept and
 * counts in the denominator of every support, as in arules.
 * @example fromBaskets([['bread', 'milk'], ['bread']]).labels // ['bread', 'milk']
 */
export function fromBaskets(baskets: readonly (readonly string[])[]): Transactions {
  const labels = [...new Set(baskets.flat())].sort(byCodePoint);
  const code = new Map(labels.map((l, k) => [l, k]));
  const offsets = new Int32Array(baskets.length + 1);
  const out: number[] = [];
  baskets.forEach((basket, t) => {
    const codes = [...new Set(basket.map((l) => code.get(l) ?? -1))].sort((a, b) => a - b);
    for (const c of codes) out.push(c);
    offsets[t + 1] = out.length;
  });
  return { labels, offsets, items: Int32Array.from(out) };
}

/**
 * Builds transactions from (basket, item) pairs already coded, e.g. by SQL: `basket` in 0…nBaskets−1
 * sorted ascending, `item` indexing `labels`. Pairs need not be distinct.
 */
export function fromPairs(basket: ArrayLike<number>, item: ArrayLike<number>, labels: readonly string[], nBaskets: number): Transactions {
  if (basket.length !== item.length) throw new BasketError('invalid-input', 'basket and item columns differ in length');
  const offsets = new Int32Array(nBaskets + 1);
  const items = new Int32Array(basket.length);
  let w = 0;
  let r = 0;
  for (let t = 0; t < nBaskets; t++) {
    const from = w;
    offsets[t] = from;
    while (r < basket.length && basket[r] === t) items[w++] = item[r++];
    if (w - from > 1) {
      items.subarray(from, w).sort();
      let u = from + 1;
      for (let k = from + 1; k < w; k++) if (items[k] !== items[u - 1]) items[u++] = items[k];
      w = u;
    }
  }
  offsets[nBaskets] = w;
  if (r < basket.length) throw new BasketError('invalid-input', `basket codes must be sorted and below ${nBaskets} (row ${r} has ${basket[r]})`);
  return { labels, offsets, items: items.slice(0, w) };
}
