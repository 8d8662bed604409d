import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Random } from '../simulate/random.ts';
import { growTree, nodeClass, type CartTree } from './cart.ts';
import { crossValidate, pruneSequence } from './cart-prune.ts';

/** A CSV written by fixtures/rpart-trees.R (first line a comment naming R and rpart versions). */
function fixture(name: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8').trim().split('\n').filter((l) => !l.startsWith('#'));
  return { header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

/** A data set from a fixture: numeric feature columns and the class column's levels in order of appearance in `levels`. */
function dataset(name: string, target: string, levels: string[]) {
  const { header, rows } = fixture(name);
  const featureNames = header.filter((h) => h !== target);
  const features = featureNames.map((f) => Float64Array.from(rows, (r) => Number(r[header.indexOf(f)])));
  const y = Int32Array.from(rows, (r) => levels.indexOf(r[header.indexOf(target)]));
  return { featureNames, features, y, classes: levels.length };
}

/**
 * Compares our tree with rpart's frame node by node. rpart numbers nodes as a heap (children 2h and
 * 2h + 1) and, for ncat = −1, sends "x < threshold" to 2h; for ncat = +1 to 2h + 1. Thresholds are
 * midpoints of the same two doubles on both sides, so they must be equal exactly.
 * rpart with cp = 0 still undoes, on the way back up, every split that does not lower the
 * misclassified count ("All was in vain!" in its partition.c): its tree is T_0 of the pruning
 * sequence, our full tree with the α = 0 links cut, so that is what is compared.
 */
function expectSameTree(full: CartTree, featureNames: string[], nodesFile: string): number {
  const { collapseAlpha } = pruneSequence(full);
  const t: CartTree = { ...full, feature: full.feature.map((f, i) => (collapseAlpha[i] <= 0 ? -1 : f)) };
  const { header, rows } = fixture(nodesFile);
  const byHeap = new Map(rows.map((r) => [Number(r[0]), r]));
  const countCols = header.flatMap((h, i) => (h.startsWith('n_') ? [i] : []));
  let visited = 0;
  const walk = (i: number, heap: number): void => {
    const r = byHeap.get(heap);
    expect(r, `rpart node ${heap}`).toBeDefined();
    if (!r) return;
    visited++;
    expect(t.size[i]).toBe(Number(r[2]));
    expect(countCols.map((c, j) => t.counts[i * t.classes + j] - Number(r[c]))).toEqual(countCols.map(() => 0));
    if (t.feature[i] < 0) { expect(r[1]).toBe('<leaf>'); return; }
    expect(featureNames[t.feature[i]]).toBe(r[1]);
    expect(t.threshold[i]).toBe(Number(r[header.indexOf('threshold')]));
    const lessGoesLeft = Number(r[header.indexOf('ncat')]) === -1;
    walk(t.left[i], lessGoesLeft ? 2 * heap : 2 * heap + 1);
    walk(t.right[i], lessGoesLeft ? 2 * heap + 1 : 2 * heap);
  };
  walk(0, 1);
  expect(visited).toBe(rows.length);
  return visited;
}

/** Our weakest-link sequence against rpart's cptable (rows from the root alone to the full tree). */
function expectSameCpTable(t: CartTree, cpFile: string): void {
  const seq = pruneSequence(t);
  const cp = fixture(cpFile).rows.map((r) => r.map(Number));
  const ours = [...seq.steps].reverse().map((s) => [s.alpha / seq.rootRisk, s.leaves - 1, s.risk / seq.rootRisk]);
  expect(ours.map((r) => r[1])).toEqual(cp.map((r) => r[1]));
  // CP and rel error are ratios of small integers on both sides; rpart computes CP through its own
  // chain of divisions, so allow a few ulps (1e-15 relative) rather than bit equality.
  ours.forEach((r, k) => {
    expect(Math.abs(r[0] - cp[k][0])).toBeLessThanOrEqual(1e-15 * Math.max(1, cp[k][0]));
    expect(Math.abs(r[2] - cp[k][2])).toBeLessThanOrEqual(1e-15);
  });
}

describe('CART growth', () => {
  it('picks the split worked out by hand with Gini, ties to the smaller threshold', () => {
    // x = 1..6, classes A A B A B B. n·Gini(root) = 6 − (3² + 3²)/6 = 3.
    // x < 2.5: L (2 A) pure, R (1 A, 3 B): 4 − (1 + 9)/4 = 1.5 → decrease 1.5 (Gini 0.5 → 0.25).
    // x < 4.5: L (3 A, 1 B): 1.5, R (2 B) pure → decrease 1.5 too; x < 1.5 and 5.5: 0.6; x < 3.5: 1/3.
    // The tie goes to the first threshold in sorted order, 2.5. In R = {3: B, 4: A, 5: B, 6: B}
    // (n·Gini 1.5): x < 3.5 leaves 1.5 − 4/3 = 1/6, x < 4.5 leaves (1 A, 1 B) and (2 B): 1.5 − 1 = 0.5,
    // x < 5.5: 1/6; so x < 4.5, and then {3, 4} splits at 3.5 into pure leaves.
    const t = growTree({ features: [Float64Array.of(1, 2, 3, 4, 5, 6)], y: Int32Array.of(0, 0, 1, 0, 1, 1), classes: 2 }, { minSplit: 2, minLeaf: 1 });
    expect(Array.from(t.threshold).filter((v) => !Number.isNaN(v))).toEqual([2.5, 4.5, 3.5]);
    expect(t.improvement[0]).toBeCloseTo(1.5, 14);
    expect(t.improvement[t.right[0]]).toBeCloseTo(0.5, 14);
    expect(t.nodeCount).toBe(7);
    expect(nodeClass(t, t.left[0])).toBe(0);
  });

  it('prefers a perfect split on a second feature (decrease = n·Gini of the root = 3)', () => {
    const t = growTree({ features: [Float64Array.of(1, 2, 3, 4, 5, 6), Float64Array.of(1, 1, 2, 1, 2, 2)], y: Int32Array.of(0, 0, 1, 0, 1, 1), classes: 2 }, { minSplit: 2, minLeaf: 1 });
    expect([t.feature[0], t.threshold[0], t.improvement[0], t.nodeCount]).toEqual([1, 1.5, 3, 3]);
  });

  it('finds the same root split as a brute-force search over every feature and threshold', () => {
    const rng = new Random(17);
    const n = 300;
    const features = [0, 1, 2].map(() => Float64Array.from({ length: n }, () => Math.floor(rng.uniform(0, 40))));
    const y = Int32Array.from({ length: n }, (_, i) => (features[0][i] + 2 * features[1][i] + rng.normal(0, 15) > 60 ? (features[2][i] > 20 ? 2 : 1) : 0));
    const minLeaf = 5;
    const t = growTree({ features, y, classes: 3 }, { minSplit: 20, minLeaf, maxDepth: 1 });
    const gini = (rows: number[]) => { const c = [0, 0, 0]; rows.forEach((r) => c[y[r]]++); return rows.length - c.reduce((s, v) => s + v * v, 0) / rows.length; };
    const all = Array.from({ length: n }, (_, i) => i);
    let best = { gain: -1, f: -1, t: 0 };
    features.forEach((x, f) => {
      const values = [...new Set(x)].sort((a, b) => a - b);
      for (let k = 0; k + 1 < values.length; k++) {
        const thr = (values[k] + values[k + 1]) / 2;
        const L = all.filter((i) => x[i] < thr);
        const R = all.filter((i) => x[i] >= thr);
        if (L.length < minLeaf || R.length < minLeaf) continue;
        const gain = gini(all) - gini(L) - gini(R);
        if (gain > best.gain + 1e-9) best = { gain, f, t: thr };
      }
    });
    expect([t.feature[0], t.threshold[0]]).toEqual([best.f, best.t]);
    expect(t.improvement[0]).toBeCloseTo(best.gain, 9);
  });
});

describe('CART against R rpart 4.1.19 (fixtures/rpart-trees.R)', () => {
  const kyphosis = dataset('kyphosis.csv', 'Kyphosis', ['absent', 'present']);
  const iris = dataset('iris.csv', 'Species', ['setosa', 'versicolor', 'virginica']);

  it('grows rpart\'s kyphosis tree with minsplit 10, minbucket 3, and its cptable', () => {
    const t = growTree(kyphosis, { minSplit: 10, minLeaf: 3 });
    expect(expectSameTree(t, kyphosis.featureNames, 'rpart-kyphosis-nodes.csv')).toBe(13);
    expectSameCpTable(t, 'rpart-kyphosis-cptable.csv');
  });

  it('grows the tree of rpart\'s documentation example (defaults: minsplit 20, minbucket 7)', () => {
    // The tree rpart's help page prints for rpart(Kyphosis ~ Age + Number + Start): Start >= 8.5,
    // Start >= 14.5, Age < 55, Age >= 111.
    const t = growTree(kyphosis, { minSplit: 20 });
    expectSameTree(t, kyphosis.featureNames, 'rpart-kyphosis-default-nodes.csv');
    expectSameCpTable(t, 'rpart-kyphosis-default-cptable.csv');
  });

  it('grows iris to purity (minsplit 2, minbucket 1) and to depth 2, with the cptable', () => {
    const full = growTree(iris, { minSplit: 2, minLeaf: 1 });
    expectSameTree(full, iris.featureNames, 'rpart-iris-nodes.csv');
    expectSameCpTable(full, 'rpart-iris-cptable.csv');
    const shallow = growTree(iris, { maxDepth: 2 });
    expectSameTree(shallow, iris.featureNames, 'rpart-iris-depth2-nodes.csv');
    expectSameCpTable(shallow, 'rpart-iris-depth2-cptable.csv');
  });
});

describe('cross-validated pruning', () => {
  it('keeps the signal and drops the noise: a one-split rule plus noise features', () => {
    const rng = new Random(5);
    const n = 600;
    const signal = Float64Array.from({ length: n }, () => rng.uniform(0, 100));
    const noise = [0, 1, 2].map(() => Float64Array.from({ length: n }, () => rng.uniform(0, 100)));
    // The class follows signal < 50, with 10 % of labels flipped at random: the best tree has one split.
    const y = Int32Array.from(signal, (s) => ((s < 50) !== (rng.next() < 0.1) ? 0 : 1));
    const d = { features: [signal, ...noise], y, classes: 2 };
    const o = { minSplit: 10, minLeaf: 3 };
    const t = growTree(d, o);
    const seq = pruneSequence(t);
    expect(seq.steps[0].leaves).toBeGreaterThan(10);
    const cv = crossValidate(d, o, seq, 10, 3);
    expect(seq.steps[cv.oneSe].leaves).toBe(2);
    expect(cv.minimum).toBeLessThanOrEqual(cv.oneSe);
    expect(crossValidate(d, o, seq, 10, 3)).toEqual(cv);
  });
});
