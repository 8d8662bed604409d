// Frequent itemsets by depth-first search over vertical tid-lists (Eclat: Zaki 2000, "Scalable
// algorithms for association mining", IEEE TKDE 12(3), §4), with the extensions of a prefix counted
// by "occurrence deliver" (Uno, Kiyomi & Arimura 2004, LCM ver. 2, FIMI '04, §3): for a prefix P with
// tid-list T(P), one pass over the baskets in T(P) counts every item that could extend P, and a second
// pass writes the tid-lists of the frequent extensions. Why: a basket holds a handful of items, so the
// passes cost the total length of those baskets, with no pairwise list intersections and no candidate
// sets; typed arrays only, and the count buffers are shared across the whole search. Baskets that are
// identical once infrequent items are dropped are merged first, with a weight (as LCM's "database
// reduction", ibid.).
// The result is a prefix tree (the search tree itself): node 0 is the empty set, each other node one
// frequent itemset whose items, read from the root, are in the miner's item order.
import { basketCount, type Transactions } from './transactions.ts';

/** Item appearance (arules' APappearance): may an item be in the lhs (body), the rhs (head), both? */
export const BODY = 1;
export const HEAD = 2;

export interface ItemsetTreeOptions {
  /** An itemset is frequent when it is in at least this many baskets (≥ 1). */
  minCount: number;
  /** Largest itemset size to enumerate. */
  maxlen: number;
  /** Per item code: BODY | HEAD bits; 0 leaves the item out. Default: every item BODY | HEAD. */
  roles?: Uint8Array;
}

export interface ItemsetTree {
  readonly basketCount: number;
  /** Baskets containing each item (all items, frequent or not). */
  readonly itemCount: Int32Array;
  /** Number of nodes, the root (empty set, count = basketCount) included. */
  readonly size: number;
  readonly parent: Int32Array;
  /** Item code added by the node (−1 at the root). */
  readonly item: Int32Array;
  readonly count: Int32Array;
  readonly depth: Int32Array;
  /** Node of (itemset of `node`) ∪ {item}, where item comes after the node's items in tree order; −1 if not frequent. */
  child(node: number, item: number): number;
}

/** Growable columns of the tree. */
class Nodes {
  parent = new Int32Array(1024);
  item = new Int32Array(1024);
  count = new Int32Array(1024);
  depth = new Int32Array(1024);
  size = 0;
  add(parent: number, item: number, count: number, depth: number): number {
    if (this.size === this.parent.length) {
      const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => { const b = new Int32Array(a.length * 2); b.set(a); return b; };
      this.parent = grow(this.parent); this.item = grow(this.item); this.count = grow(this.count); this.depth = grow(this.depth);
    }
    const k = this.size++;
    this.parent[k] = parent; this.item[k] = item; this.count[k] = count; this.depth[k] = depth;
    return k;
  }
}

/**
 * Enumerates every frequent itemset of size ≤ maxlen allowed by the roles: an itemset holding two
 * head-only items (rhs-only in arules' terms) can form no rule and is not grown, and when some items
 * are head-only, an itemset without one is kept only up to maxlen − 1 items (it can only be an lhs).
 * @example const tree = buildItemsetTree(tx, { minCount: 10, maxlen: 10 });
 */
export function buildItemsetTree(tx: Transactions, options: ItemsetTreeOptions): ItemsetTree {
  const nCodes = tx.labels.length;
  const n = basketCount(tx);
  const { minCount, maxlen } = options;
  const roles = options.roles ?? new Uint8Array(nCodes).fill(BODY | HEAD);
  const itemCount = new Int32Array(nCodes);
  for (let p = 0; p < tx.items.length; p++) itemCount[tx.items[p]]++;

  // Miner order: frequent allowed items by ascending count, so the rarest items root the widest
  // subtrees and every tid-list grown below them starts short.
  const order = [...Array(nCodes).keys()].filter((c) => roles[c] !== 0 && itemCount[c] >= minCount)
    .sort((a, b) => itemCount[a] - itemCount[b] || a - b);
  const m = order.length;
  const rankOf = new Int32Array(nCodes).fill(-1);
  order.forEach((c, r) => { rankOf[c] = r; });
  const headOnly = new Uint8Array(m);
  order.forEach((c, r) => { headOnly[r] = roles[c] === HEAD ? 1 : 0; });
  const restricted = headOnly.includes(1);

  // Baskets recoded to ranks, ascending, keeping only their frequent items; baskets left with the
  // same items are merged into one with a weight. Why: retail data repeats small baskets (over a fifth
  // of Groceries' baskets are single items), and once infrequent items are dropped more coincide;
  // every pass below then walks each distinct basket once and adds its weight.
  const { offs, items: rItems, weight } = distinctBaskets(tx, rankOf);
  const nb = weight.length;

  const nodes = new Nodes();
  const children = new Map<number, number>();
  nodes.add(-1, -1, n, 0);
  const cnt = new Int32Array(m); // weighted: baskets holding prefix ∪ {e}
  const occ = new Int32Array(m); // distinct baskets holding prefix ∪ {e}: the tid-list length
  const slot = new Int32Array(m).fill(-1);
  const fill = new Int32Array(m);

  const expand = (node: number, last: number, tids: Int32Array, depth: number, hasHead: boolean): void => {
    if (depth >= maxlen) return;
    const touched: number[] = [];
    for (let k = 0; k < tids.length; k++) {
      const t = tids[k];
      const wt = weight[t];
      // Basket items are ascending: walk back from the end while they come after the prefix's last item.
      for (let p = offs[t + 1] - 1; p >= offs[t] && rItems[p] > last; p--) {
        const e = rItems[p];
        if (hasHead && headOnly[e]) continue;
        if (occ[e]++ === 0) touched.push(e);
        cnt[e] += wt;
      }
    }
    const exts = touched.filter((e) => cnt[e] >= minCount && !(restricted && !hasHead && !headOnly[e] && depth + 1 >= maxlen));
    exts.sort((a, b) => a - b);
    const counts = exts.map((e) => cnt[e]);
    const lists = exts.map((e, k) => { slot[e] = k; fill[e] = 0; return new Int32Array(occ[e]); });
    for (const e of touched) { cnt[e] = 0; occ[e] = 0; }
    if (exts.length > 0) {
      for (let k = 0; k < tids.length; k++) {
        const t = tids[k];
        for (let p = offs[t + 1] - 1; p >= offs[t] && rItems[p] > last; p--) {
          const s = slot[rItems[p]];
          if (s >= 0) lists[s][fill[rItems[p]]++] = t;
        }
      }
    }
    for (const e of exts) slot[e] = -1;
    exts.forEach((e, k) => {
      const child = nodes.add(node, order[e], counts[k], depth + 1);
      children.set(node * nCodes + order[e], child);
      expand(child, e, lists[k], depth + 1, hasHead || headOnly[e] === 1);
    });
  };
  const all = new Int32Array(nb);
  for (let t = 0; t < nb; t++) all[t] = t;
  expand(0, -1, all, 0, false);

  const size = nodes.size;
  return {
    basketCount: n, itemCount, size,
    parent: nodes.parent.slice(0, size), item: nodes.item.slice(0, size), count: nodes.count.slice(0, size), depth: nodes.depth.slice(0, size),
    child: (node, item) => children.get(node * nCodes + item) ?? -1,
  };
}

/** Baskets recoded to miner ranks (ascending, frequent items only), identical ones merged with a weight. */
function distinctBaskets(tx: Transactions, rankOf: Int32Array): { offs: Int32Array; items: Int32Array; weight: Int32Array } {
  const items = new Int32Array(tx.items.length);
  const offs: number[] = [0];
  const weight: number[] = [];
  const seen = new Map<string, number>();
  let w = 0;
  for (let t = 0; t + 1 < tx.offsets.length; t++) {
    const from = w;
    for (let p = tx.offsets[t]; p < tx.offsets[t + 1]; p++) { const r = rankOf[tx.items[p]]; if (r >= 0) items[w++] = r; }
    if (w === from) continue;
    const basket = items.subarray(from, w).sort();
    const key = basket.join(',');
    const k = seen.get(key);
    if (k === undefined) { seen.set(key, weight.length); weight.push(1); offs.push(w); } else { weight[k]++; w = from; }
  }
  return { offs: Int32Array.from(offs), items: items.slice(0, w), weight: Int32Array.from(weight) };
}

/** The item codes of a node's itemset in tree order (root first), written into `out`; returns the size. */
export function itemsOf(tree: ItemsetTree, node: number, out: Int32Array): number {
  const k = tree.depth[node];
  for (let v = node, i = k - 1; v > 0; v = tree.parent[v], i--) out[i] = tree.item[v];
  return k;
}
