import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Random } from '../simulate/random.ts';
import { adjustedRandIndex } from './adjusted-rand-index.ts';
import { kMeans, lloyd } from './k-means.ts';
import type { Matrix } from './log-standardize.ts';

/** k well-separated Gaussian blobs in p dimensions, `per` points each, centres 10 sd apart on the axes. */
function blobs(k: number, per: number, p: number, seed: number): { m: Matrix; truth: Int32Array } {
  const rng = new Random(seed);
  const n = k * per;
  const data = new Float64Array(n * p);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % k;
    truth[i] = c;
    for (let d = 0; d < p; d++) data[i * p + d] = (d === c % p ? 10 * (1 + Math.floor(c / p)) : 0) + rng.normal();
  }
  return { m: { n, p, data }, truth };
}

describe('k-means', () => {
  it('recovers four well-separated blobs exactly (adjusted Rand index 1)', () => {
    const { m, truth } = blobs(4, 50, 3, 11);
    const r = kMeans(m, { k: 4, seed: 2 });
    expect(adjustedRandIndex(r.labels, truth)).toBe(1);
    expect(Array.from(r.sizes).sort()).toEqual([50, 50, 50, 50]);
    expect(r.converged).toBe(true);
  });

  it('is deterministic for a seed, and the within-cluster sum of squares matches the labels', () => {
    const { m } = blobs(3, 40, 2, 5);
    const a = kMeans(m, { k: 5, seed: 42 });
    const b = kMeans(m, { k: 5, seed: 42 });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.withinSS).toBe(b.withinSS);
    let ss = 0;
    for (let i = 0; i < m.n; i++) {
      for (let d = 0; d < m.p; d++) ss += (m.data[i * m.p + d] - a.centers[a.labels[i] * m.p + d]) ** 2;
    }
    expect(a.withinSS).toBeCloseTo(ss, 9);
  });

  it('does one Lloyd step by hand: points 0, 1, 9, 10 from centres 0 and 1', () => {
    // Step 1 assigns 0 → c0 and 1, 9, 10 → c1; the means are 0 and 20/3. Step 2 assigns 0, 1 → c0
    // (|1 − 0| < |1 − 20/3|) and 9, 10 → c1; means 0.5 and 9.5. Step 3 changes nothing.
    const r = lloyd({ n: 4, p: 1, data: Float64Array.of(0, 1, 9, 10) }, 2, Float64Array.of(0, 1), 100);
    expect(Array.from(r.labels)).toEqual([0, 0, 1, 1]);
    expect(Array.from(r.centers)).toEqual([0.5, 9.5]);
    expect(r.withinSS).toBe(1);
    expect(r.iterations).toBe(3);
  });

  it('refills a cluster left empty with the worst-served point', () => {
    // Centre 100 attracts nothing; the point farthest from its centre (10, in a cluster with 0 and 1) moves there.
    const r = lloyd({ n: 3, p: 1, data: Float64Array.of(0, 1, 10) }, 2, Float64Array.of(0, 100), 100);
    expect(Array.from(r.labels)).toEqual([0, 0, 1]);
    expect(Array.from(r.centers)).toEqual([0.5, 10]);
  });

  it('finds the four Ruspini groups that PAM finds (cluster::ruspini, fixture from R)', () => {
    const lines = readFileSync(join(import.meta.dirname, 'fixtures', 'ruspini-silhouette.csv'), 'utf8').trim().split('\n').filter((l) => !l.startsWith('#'));
    const rows = lines.slice(1).map((l) => l.split(',').map(Number));
    const m: Matrix = { n: rows.length, p: 2, data: Float64Array.from(rows.flatMap((r) => [r[0], r[1]])) };
    const r = kMeans(m, { k: 4, seed: 1 });
    expect(adjustedRandIndex(r.labels, rows.map((row) => row[6]))).toBe(1);
  });

  it('refuses a k outside 1..n', () => {
    const m: Matrix = { n: 3, p: 1, data: Float64Array.of(1, 2, 3) };
    expect(() => kMeans(m, { k: 4 })).toThrow(/k must be a whole number from 1 to 3/);
  });
});

describe('adjusted Rand index', () => {
  it('is 1 for the same partition under other names and matches Hubert & Arabie on a small table', () => {
    expect(adjustedRandIndex([0, 0, 1, 1, 2], [5, 5, 3, 3, 9])).toBe(1);
    // x = 0 0 1 1, y = 0 1 1 1: table n00 = 1, n01 = 1, n11 = 2; Σ C(nij,2) = 1; rows a,b sizes 2,2 → 2; cols 1,3 → 3;
    // expected = 2·3/C(4,2) = 1; max = (2 + 3)/2 = 2.5; ARI = (1 − 1)/(2.5 − 1) = 0.
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 1, 1])).toBe(0);
  });
});

describe('three features', () => {
  it('the unrolled distance clusters exactly as the general one (a fourth, all-zero feature adds +0 to every distance)', () => {
    const rng = new Random(11);
    const n = 600;
    const three = new Float64Array(n * 3), four = new Float64Array(n * 4);
    for (let i = 0; i < n; i++) for (let d = 0; d < 3; d++) { const v = (i % 4) * 2 + rng.next() * 3; three[i * 3 + d] = v; four[i * 4 + d] = v; }
    const a = kMeans({ n, p: 3, data: three }, { k: 5, seed: 3 }), b = kMeans({ n, p: 4, data: four }, { k: 5, seed: 3 });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.withinSS).toBe(b.withinSS);
    expect(a.iterations).toBe(b.iterations);
    for (let j = 0; j < 5; j++) for (let d = 0; d < 3; d++) expect(a.centers[j * 3 + d]).toBe(b.centers[j * 4 + d]);
  });
});
