import { describe, expect, it } from 'vitest';
import { associationRules, type AssociationRule, type RuleSet } from './association-rules.ts';
import { BasketError } from './basket-error.ts';
import { isRedundant } from './redundant-rules.ts';
import { minimumCount } from './thresholds.ts';
import { fromBaskets } from './transactions.ts';

/** A rule as arules' inspect() prints it. */
const show = (rs: RuleSet, r: AssociationRule) => ({
  lhs: r.lhs.map((c) => rs.labels[c]), rhs: rs.labels[r.rhs],
  support: r.support, confidence: r.confidence, coverage: r.coverage, lift: r.lift, count: r.count,
});
const find = (rs: RuleSet, lhs: string[], rhs: string) =>
  rs.rules.map((r) => show(rs, r)).find((r) => r.rhs === rhs && r.lhs.join() === [...lhs].sort().join());

// The arules vignette "Mining and pruning association rules" (mhahsler/arules,
// articles/mining-and-pruning-rules.md): 8 transactions, apriori(support = 0.25, confidence = 0.6,
// maxlen = 3, appearance = list(rhs = c("butter", "milk"), default = "lhs")).
const vignette = fromBaskets([
  ['bread', 'butter', 'milk'], ['bread', 'butter'], ['bread', 'milk'], ['bread', 'butter', 'jam'],
  ['bread', 'butter', 'milk'], ['butter', 'jam'], ['bread', 'milk', 'cereal'], ['bread', 'butter', 'jam'],
]);

describe('associationRules on the arules "mining and pruning" vignette', () => {
  const rs = associationRules(vignette, { support: 0.25, confidence: 0.6, maxlen: 3, rhs: ['butter', 'milk'] });

  it('finds exactly the four rules the vignette prints, with its quality values', () => {
    expect(rs.transactions).toBe(8);
    expect(rs.items).toBe(5);
    // "Absolute minimum support count: 2" in the vignette's apriori log: 0.25 × 8.
    expect(rs.minCount).toBe(2);
    expect(rs.rules).toHaveLength(4);
    // inspect(rules) prints 7 significant digits (0.7142857, 0.952381, 1.333333): 5e-7 absolute
    // tolerance is half a unit in the last printed digit; the counts are exact.
    const printed = [
      { lhs: [], rhs: 'butter', support: 0.75, confidence: 0.75, coverage: 1, lift: 1, count: 6 },
      { lhs: ['jam'], rhs: 'butter', support: 0.375, confidence: 1, coverage: 0.375, lift: 1.333333, count: 3 },
      { lhs: ['bread'], rhs: 'butter', support: 0.625, confidence: 0.7142857, coverage: 0.875, lift: 0.952381, count: 5 },
      { lhs: ['bread', 'jam'], rhs: 'butter', support: 0.25, confidence: 1, coverage: 0.25, lift: 1.333333, count: 2 },
    ];
    for (const p of printed) {
      const got = find(rs, p.lhs, p.rhs);
      expect(got, `${p.lhs} → ${p.rhs}`).toBeDefined();
      if (!got) continue;
      expect(got.count).toBe(p.count);
      for (const m of ['support', 'confidence', 'coverage', 'lift'] as const) expect(Math.abs(got[m] - p[m]), m).toBeLessThan(5e-7);
    }
  });

  it('gives milk no rule, for the reasons worked out here', () => {
    // butter and milk may only be a rhs, so a lhs is drawn from {bread, jam, cereal}. cereal is in 1
    // basket (< 2), jam never with milk, so the candidates are {} → milk: 4/8 = 0.5 and
    // {bread} → milk: 4 of the 7 bread baskets = 0.571 — both under the 0.6 confidence.
    const all = associationRules(vignette, { support: 0.25, confidence: 0, maxlen: 3, rhs: ['butter', 'milk'] });
    const milk = all.rules.filter((r) => all.labels[r.rhs] === 'milk').map((r) => show(all, r));
    expect(milk.map((r) => [r.lhs.join('+'), r.confidence])).toEqual(expect.arrayContaining([['', 0.5], ['bread', 4 / 7]]));
    expect(milk).toHaveLength(2);
    expect(rs.rules.some((r) => rs.labels[r.rhs] === 'milk')).toBe(false);
  });

  it('is.redundant flags {bread} → butter and {bread, jam} → butter, as the vignette shows', () => {
    // {} → butter (0.75) is at least as confident as {bread} → butter (0.714), and {jam} → butter (1)
    // as {bread, jam} → butter (1): equal confidence is redundant too (arules NEWS 1.5-0).
    const flags = isRedundant(rs.rules);
    const kept = rs.rules.filter((_, i) => !flags[i]).map((r) => show(rs, r).lhs.join('+')).sort();
    const dropped = rs.rules.filter((_, i) => flags[i]).map((r) => show(rs, r).lhs.join('+')).sort();
    expect(kept).toEqual(['', 'jam']);
    expect(dropped).toEqual(['bread', 'bread+jam']);
  });

  it('minlen counts lhs and rhs: minlen = 2 drops {} → butter, and {bread} → butter is then not redundant', () => {
    const rs2 = associationRules(vignette, { support: 0.25, confidence: 0.6, minlen: 2, maxlen: 3, rhs: ['butter', 'milk'] });
    expect(rs2.rules.map((r) => show(rs2, r).lhs.join('+')).sort()).toEqual(['bread', 'bread+jam', 'jam']);
    // Only rules of the set count as "more general" (arules' R_pnmax looks up the rule set).
    const flags = isRedundant(rs2.rules);
    expect(rs2.rules.filter((_, i) => flags[i]).map((r) => show(rs2, r).lhs.join('+'))).toEqual(['bread+jam']);
  });

  it('maxlen = 2 stops at one lhs item', () => {
    const rs2 = associationRules(vignette, { support: 0.25, confidence: 0.6, maxlen: 2, rhs: ['butter', 'milk'] });
    expect(rs2.rules.map((r) => show(rs2, r).lhs.join('+')).sort()).toEqual(['', 'bread', 'jam']);
  });
});

// The arules vignette "Getting started with arules" (mhahsler/arules, articles/getting-started.md):
// apriori(trans, parameter = list(support = 0.25, confidence = 0.6, maxlen = 5)) → "set of 10 rules",
// inspect(sort(rules, by = "lift")) printed in full below.
describe('associationRules on the arules "getting started" vignette', () => {
  const tx = fromBaskets([
    ['milk', 'bread', 'butter'], ['bread', 'butter'], ['milk', 'bread'], ['bread', 'jam'],
    ['milk', 'bread', 'butter'], ['beer', 'chips'], ['beer', 'chips', 'salsa'], ['bread', 'butter', 'jam'],
  ]);
  const printed: [string[], string, number, number, number, number, number][] = [
    [['beer'], 'chips', 0.25, 1, 0.25, 4, 2],
    [['chips'], 'beer', 0.25, 1, 0.25, 4, 2],
    [['jam'], 'bread', 0.25, 1, 0.25, 1.333333, 2],
    [['milk'], 'butter', 0.25, 0.6666667, 0.375, 1.333333, 2],
    [['milk'], 'bread', 0.375, 1, 0.375, 1.333333, 3],
    [['butter'], 'bread', 0.5, 1, 0.5, 1.333333, 4],
    [['bread'], 'butter', 0.5, 0.6666667, 0.75, 1.333333, 4],
    [['butter', 'milk'], 'bread', 0.25, 1, 0.25, 1.333333, 2],
    [['bread', 'milk'], 'butter', 0.25, 0.6666667, 0.375, 1.333333, 2],
    [[], 'bread', 0.75, 0.75, 1, 1, 6],
  ];
  it('finds the same 10 rules with the printed support, confidence, coverage, lift and count', () => {
    const rs = associationRules(tx, { support: 0.25, confidence: 0.6, maxlen: 5 });
    expect(rs.items).toBe(7);
    expect(rs.rules).toHaveLength(10);
    for (const [lhs, rhs, support, confidence, coverage, lift, count] of printed) {
      const got = find(rs, lhs, rhs);
      expect(got, `${lhs} → ${rhs}`).toBeDefined();
      if (!got) continue;
      expect(got.count).toBe(count);
      // 7 significant digits printed: 5e-7 is half a unit of the last one.
      expect(Math.abs(got.support - support)).toBeLessThan(5e-7);
      expect(Math.abs(got.confidence - confidence)).toBeLessThan(5e-7);
      expect(Math.abs(got.coverage - coverage)).toBeLessThan(5e-7);
      expect(Math.abs(got.lift - lift)).toBeLessThan(5e-7);
    }
  });
});

describe('thresholds', () => {
  it('a set is frequent when count / n ≥ support, also where n · support rounds above an integer', () => {
    expect(minimumCount(8, 0.25)).toBe(2);
    expect(minimumCount(9835, 0.001)).toBe(10); // 9.835 baskets → at least 10
    // 30 × 0.1 = 3.0000000000000004 in floating point; 3/30 is exactly the 10 % asked for.
    expect(minimumCount(30, 0.1)).toBe(3);
    expect(minimumCount(3, 1)).toBe(3);
  });
  it('refuses bad thresholds and unknown rhs items with clear errors', () => {
    const bad = (o: Parameters<typeof associationRules>[1]) => () => associationRules(vignette, o);
    expect(bad({ support: 0, confidence: 0.5 })).toThrow(/support must be/);
    expect(bad({ support: 1.5, confidence: 0.5 })).toThrow(/support must be/);
    expect(bad({ support: 0.1, confidence: -0.1 })).toThrow(/confidence must be/);
    expect(bad({ support: 0.1, confidence: 0.5, minlen: 0 })).toThrow(/minlen/);
    expect(bad({ support: 0.1, confidence: 0.5, minlen: 3, maxlen: 2 })).toThrow(/maxlen/);
    expect(bad({ support: 0.1, confidence: 0.5, rhs: ['caviar'] })).toThrow(BasketError);
  });
});
