import { describe, expect, it } from 'vitest';
import { Random } from '../simulate/random.ts';
import { adjustedRandIndex } from './adjusted-rand-index.ts';
import { clusterCustomers, type Feature } from './cluster-customers.ts';
import { describeCentroid } from './describe-cluster.ts';

/**
 * Three customer types, 60 each, with log-normal features around distinct medians:
 * 0 "champions" (recent, frequent, high spend), 1 "lapsed one-timers", 2 "regular small spenders".
 */
function customers(seed: number): { features: Feature[]; truth: Int32Array } {
  const rng = new Random(seed);
  const medians = [
    { recency_days: 5, frequency: 30, monetary: 400 },
    { recency_days: 300, frequency: 1, monetary: 40 },
    { recency_days: 20, frequency: 8, monetary: 30 },
  ];
  const n = 180;
  const cols: Record<string, Float64Array> = { recency_days: new Float64Array(n), frequency: new Float64Array(n), monetary: new Float64Array(n) };
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = i % 3;
    truth[i] = t;
    for (const [name, median] of Object.entries(medians[t])) cols[name][i] = median * rng.logNormal(0, 0.15);
  }
  return { features: Object.entries(cols).map(([name, values]) => ({ name, values })), truth };
}

describe('clusterCustomers', () => {
  it('finds the three customer types, chooses k = 3 by silhouette and describes them', () => {
    const { features, truth } = customers(21);
    const r = clusterCustomers(features, { seed: 4 });
    expect(r.k).toBe(3);
    expect(r.chosenBy).toBe('silhouette');
    expect(adjustedRandIndex(r.labels, truth)).toBe(1);
    expect(r.silhouette.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const best = Math.max(...r.silhouette.map((s) => s.mean));
    expect(r.silhouette.find((s) => s.k === 3)?.mean).toBe(best);
    expect(r.silhouetteExact).toBe(true);
    // The cluster holding customer 0 (a champion) is described as such, in both languages.
    const champions = r.clusters[r.labels[0]];
    expect(champions.description).toEqual({ en: 'recent, frequent, high spend', zh: '近期活跃、高频、高消费' });
    // Medians' log1p: monetary 6.0, 3.7, 3.4 (mean 4.4, sd ≈ 1.2), so 40 a head is −0.6 sd: "low spend"
    // too. The regulars' recency (log1p 20 = 3.0 against 1.8 and 5.7: mean 3.5, sd ≈ 1.6) is −0.3 sd,
    // past the 0.25 sd threshold; their frequency (2.2 against 3.4 and 0.7: +0.1 sd) is not.
    expect(r.clusters[r.labels[1]].description.en).toBe('lapsed, infrequent, low spend');
    expect(r.clusters[r.labels[2]].description).toEqual({ en: 'recent, low spend', zh: '近期活跃、低消费' });
    // Means are in the features' own units: champions' frequency near 30 (log-normal sd 0.15 → mean 30·e^0.011).
    expect(champions.means.frequency).toBeGreaterThan(27);
    expect(champions.means.frequency).toBeLessThan(33);
    expect(r.clusters.map((c) => c.size)).toEqual([60, 60, 60]);
  });

  it('is deterministic for a seed', () => {
    const { features } = customers(8);
    const a = clusterCustomers(features, { seed: 3, k: 5 });
    const b = clusterCustomers(features, { seed: 3, k: 5 });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.silhouette).toEqual(b.silhouette);
    expect(a.chosenBy).toBe('given');
  });

  it('standardises log1p values with the sample sd and drops a constant feature', () => {
    // log1p of 0, e−1, e²−1 is 0, 1, 2: mean 1, sample sd 1.
    const values = Float64Array.of(0, Math.E - 1, Math.E ** 2 - 1, 0, Math.E - 1, Math.E ** 2 - 1);
    const r = clusterCustomers([{ name: 'frequency', values }, { name: 'categories', values: new Float64Array(6).fill(2) }], { kMax: 3 });
    expect(r.features).toEqual(['frequency']);
    expect(r.dropped).toEqual([{ feature: 'categories', reason: 'the same value for every customer' }]);
    expect(r.transform.center.frequency).toBeCloseTo(1, 14);
    expect(r.transform.scale.frequency).toBeCloseTo(Math.sqrt(4 / 5), 14);
    expect(r.k).toBe(3);
  });

  it('counts negative values taken as zero', () => {
    const r = clusterCustomers([{ name: 'monetary', values: Float64Array.of(-5, 1, 2, 30, 40, 50) }], { kMax: 2 });
    expect(r.transform.clampedBelowZero.monetary).toBe(1);
  });
});

describe('describeCentroid', () => {
  it('gives words only beyond the threshold, and says when a cluster is average', () => {
    expect(describeCentroid(['recency_days', 'frequency'], [0.6, -0.2])).toEqual({ en: 'lapsed', zh: '久未购买' });
    expect(describeCentroid(['recency_days', 'frequency'], [0.1, -0.24])).toEqual({ en: 'about average', zh: '各项接近平均' });
    expect(describeCentroid(['recency_days', 'frequency'], [0.6, -0.4], 0.5)).toEqual({ en: 'lapsed', zh: '久未购买' });
    expect(describeCentroid(['x'], [2])).toEqual({ en: 'high x', zh: 'x高' });
  });
});
