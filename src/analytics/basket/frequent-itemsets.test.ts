import { describe, expect, it } from 'vitest';
import { associationRules } from './association-rules.ts';
import { frequentItemsets } from './frequent-itemsets.ts';
import { isRedundant } from './redundant-rules.ts';
import { basketCount, fromBaskets, type Transactions } from './transactions.ts';

/** Baskets as bit masks over item codes. */
const masks = (tx: Transactions): number[] =>
  Array.from({ length: basketCount(tx) }, (_, t) => {
    let m = 0;
    for (let p = tx.offsets[t]; p < tx.offsets[t + 1]; p++) m |= 1 << tx.items[p];
    return m;
  });
const bits = (m: number): number[] => [...Array(31).keys()].filter((i) => m & (1 << i));
/** Brute force: the count of every non-empty subset of the items, by checking each basket. */
function allCounts(tx: Transactions): Map<number, number> {
  const b = masks(tx);
  const out = new Map<number, number>();
  for (let s = 1; s < 1 << tx.labels.length; s++) out.set(s, b.filter((m) => (m & s) === s).length);
  return out;
}
/** Deterministic pseudo-random baskets (a 32-bit LCG, Numerical Recipes constants). */
function randomBaskets(nBaskets: number, nItems: number, seed: number): string[][] {
  let x = seed >>> 0;
  const next = (): number => { x = (Math.imul(x, 1664525) + 1013904223) >>> 0; return x / 2 ** 32; };
  // Item i is bought with probability falling from 0.7 to 0.1, so sets of several sizes are frequent.
  return Array.from({ length: nBaskets }, () =>
    [...Array(nItems).keys()].filter((i) => next() < 0.7 - (0.6 * i) / (nItems - 1)).map((i) => `item${String.fromCharCode(97 + i)}`));
}

describe('frequentItemsets', () => {
  it('a hand-made case: every count worked out by hand', () => {
    // a b c | a b | a c | b c | a b c | c   (6 baskets)
    // singles: a 4, b 4, c 5; pairs: ab 3, ac 3, bc 3; abc 2.
    const tx = fromBaskets([['a', 'b', 'c'], ['a', 'b'], ['a', 'c'], ['b', 'c'], ['a', 'b', 'c'], ['c']]);
    const got = (support: number, maxlen?: number) =>
      Object.fromEntries(frequentItemsets(tx, { support, maxlen }).map((s) => [s.items.map((c) => tx.labels[c]).join(''), s.count]));
    expect(got(2 / 6)).toEqual({ a: 4, b: 4, c: 5, ab: 3, ac: 3, bc: 3, abc: 2 });
    expect(got(3 / 6)).toEqual({ a: 4, b: 4, c: 5, ab: 3, ac: 3, bc: 3 });
    expect(got(4 / 6)).toEqual({ a: 4, b: 4, c: 5 });
    expect(got(2 / 6, 2)).toEqual({ a: 4, b: 4, c: 5, ab: 3, ac: 3, bc: 3 });
    // Brute force agrees with the hand count.
    const brute = allCounts(tx);
    expect([brute.get(0b011), brute.get(0b101), brute.get(0b110), brute.get(0b111)]).toEqual([3, 3, 3, 2]);
  });

  it('matches brute force over all 2^8 subsets on generated baskets, for several supports and lengths', () => {
    let compared = 0;
    for (const seed of [1, 7, 42]) {
      const tx = fromBaskets(randomBaskets(60, 8, seed));
      const n = basketCount(tx);
      const brute = allCounts(tx);
      for (const support of [0.05, 0.1, 0.2, 0.35]) {
        for (const [minlen, maxlen] of [[1, 10], [2, 3], [1, 1], [3, 8]]) {
          const want = [...brute].filter(([s, c]) => c / n >= support && bits(s).length >= minlen && bits(s).length <= maxlen)
            .map(([s, c]) => `${bits(s).join(',')}:${c}`).sort();
          const got = frequentItemsets(tx, { support, minlen, maxlen }).map((s) => `${s.items.join(',')}:${s.count}`).sort();
          expect(got, `seed ${seed} support ${support} len ${minlen}-${maxlen}`).toEqual(want);
          compared += want.length;
        }
      }
    }
    // Not a vacuous comparison: hundreds of itemsets, of sizes up to 8, were checked.
    expect(compared).toBeGreaterThan(300);
  });
});

describe('associationRules and isRedundant against brute force', () => {
  it('every rule X → y of frequent X ∪ {y} with enough confidence, and nothing else', () => {
    const verdicts = { redundant: 0, kept: 0 };
    for (const seed of [3, 11]) {
      const tx = fromBaskets(randomBaskets(50, 7, seed));
      const n = basketCount(tx);
      const brute = allCounts(tx);
      const count = (s: number): number => (s === 0 ? n : brute.get(s) ?? 0);
      for (const [support, confidence, minlen, maxlen, rhs] of [
        [0.1, 0.5, 1, 10, undefined], [0.05, 0.8, 2, 4, undefined], [0.1, 0.3, 1, 3, ['itema', 'itemc']],
      ] as const) {
        const rhsCodes = rhs?.map((l) => tx.labels.indexOf(l));
        const want: string[] = [];
        const wantRules: { lhs: number; y: number; conf: number }[] = [];
        for (let s = 1; s < 1 << tx.labels.length; s++) {
          const k = bits(s).length;
          if (count(s) / n < support || k < minlen || k > maxlen) continue;
          for (const y of bits(s)) {
            const lhs = s & ~(1 << y);
            // appearance rhs = …: rhs items only as the rhs, all others only in the lhs.
            if (rhsCodes && (!rhsCodes.includes(y) || bits(lhs).some((i) => rhsCodes.includes(i)))) continue;
            const conf = count(s) / count(lhs);
            if (conf < confidence) continue;
            want.push(`${bits(lhs).join(',')}>${y}:${count(s)}/${count(lhs)}`);
            wantRules.push({ lhs, y, conf });
          }
        }
        const rs = associationRules(tx, { support, confidence, minlen, maxlen, rhs });
        const got = rs.rules.map((r) => `${r.lhs.join(',')}>${r.rhs}:${r.count}/${r.coverageCount}`);
        expect(got.sort(), `seed ${seed}`).toEqual(want.sort());
        expect(want.length).toBeGreaterThan(3);
        for (const r of rs.rules) {
          expect(r.support).toBe(r.count / n);
          expect(r.coverage).toBe(r.coverageCount / n);
          expect(r.lift).toBeCloseTo(r.confidence / (count(1 << r.rhs) / n), 12);
        }
        // Redundant: some rule of the set with the same rhs and a proper-subset lhs is as confident.
        const wantRedundant = rs.rules.map((r) => {
          const lhs = r.lhs.reduce((m, i) => m | (1 << i), 0);
          return wantRules.some((g) => g.y === r.rhs && (g.lhs & lhs) === g.lhs && g.lhs !== lhs && g.conf >= r.confidence);
        });
        expect(isRedundant(rs.rules)).toEqual(wantRedundant);
        for (const v of wantRedundant) verdicts[v ? 'redundant' : 'kept']++;
      }
    }
    // Both verdicts occur, so the redundancy comparison can fail either way.
    expect(verdicts.redundant).toBeGreaterThan(5);
    expect(verdicts.kept).toBeGreaterThan(5);
  });
});
