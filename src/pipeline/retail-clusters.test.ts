// Clusters and time to lapse inside analyze, on hand-made sales whose answers are worked out here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterCustomers } from '../analytics/clustering/cluster-customers.ts';
import { kaplanMeier } from '../analytics/survival/kaplan-meier.ts';
import { timeToLapse } from '../analytics/survival/time-to-lapse.ts';
import { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { SCHEMA_SQL } from '../ingest/sales-store.ts';
import { isUnavailable } from '../report/report-data.ts';
import { DEFAULT_ANALYZE_CONFIG } from './analyze-config.ts';
import { nearestCentroidSql, RETAIL_LINES_SQL, retailClusters } from './retail-clusters.ts';
import { retailSurvival } from './retail-lifecycle.ts';

const day = (d: number) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);

async function storeOf(orders: readonly [string, number, number][]): Promise<DuckDbEngine> {
  const db = await DuckDbEngine.open({ threads: 1 });
  await db.run(SCHEMA_SQL);
  const values = orders.map(([c, d, amount], i) => `(1, ${i + 2}, 'o${i}', '${c}', TIMESTAMP '${day(d)}', 'p', NULL, 1, ${amount}, ${amount}, NULL, NULL, NULL, NULL, NULL)`);
  await db.run(`INSERT INTO sales_lines VALUES ${values.join(', ')}`);
  await db.run(RETAIL_LINES_SQL);
  return db;
}

describe('clusters in analyze', () => {
  // Two kinds of customer, 30 each: "regulars" (10 orders of ~100, the last on day 99) and
  // "one-offs" (a single order of ~10 on day 0..29). On log scales they are far apart on every feature.
  const orders: [string, number, number][] = [];
  for (let i = 0; i < 30; i++) {
    for (let k = 0; k < 10; k++) orders.push([`r${i}`, 9 * k + (i % 10), 100 + i]);
    orders.push([`o${i}`, i, 10 + (i % 5)]);
  }
  let db: DuckDbEngine;
  beforeAll(async () => { db = await storeOf(orders); });
  afterAll(() => db.close());

  it('chooses k = 2 by silhouette, separates the two kinds and names them from their centroids', async () => {
    const r = await retailClusters(db, day(99), { quantity: false, discount: false }, DEFAULT_ANALYZE_CONFIG.clusters);
    expect(r.section.k).toBe(2);
    expect(r.section.sample).toEqual({ rows: 60, of: 60 });
    const rows = await db.rows('SELECT customer_id, cluster, cluster_label FROM retail_cluster ORDER BY customer_id');
    const of = (prefix: string) => new Set(rows.filter((x) => String(x.customer_id).startsWith(prefix)).map((x) => x.cluster));
    expect(of('r').size).toBe(1);
    expect(of('o').size).toBe(1);
    expect([...of('r')][0]).not.toBe([...of('o')][0]);
    const regulars = r.section.clusters.find((c) => c.id === [...of('r')][0]);
    expect(regulars?.label.en).toBe('recent, frequent, high spend');
    expect(regulars?.customers).toBe(30);
    expect(regulars?.means.frequency).toBe(10);
    expect(r.section.clusters.find((c) => c !== regulars)?.label.en).toBe('lapsed, infrequent, low spend');
  });

  it('assigns by nearest centroid in SQL exactly as k-means labelled its rows', async () => {
    await retailClusters(db, day(99), { quantity: false, discount: false }, DEFAULT_ANALYZE_CONFIG.clusters);
    // k = 3 on two kinds splits one of them, so a boundary runs through a dense group: k-means on all rows, then the SQL.
    const cols = await db.columns('SELECT customer_id, recency_days, frequency, monetary FROM retail_features ORDER BY customer_id');
    const features = ['recency_days', 'frequency', 'monetary'].map((name) => ({ name, values: Float64Array.from(cols[name] as Float64Array) }));
    const r = clusterCustomers(features, { k: 3, seed: 5 });
    const sql = await db.columns(`SELECT ${nearestCentroidSql(r)} AS cluster FROM retail_features ORDER BY customer_id`);
    expect(Array.from(sql.cluster as Float64Array)).toEqual(Array.from(r.labels));
    // And with a sample of 40 of the 60, the other 20 are placed by the SQL: the two kinds still split 30 / 30.
    const sampled = await retailClusters(db, day(99), { quantity: false, discount: false }, { ...DEFAULT_ANALYZE_CONFIG.clusters, sample: 40 });
    expect(sampled.section.sample).toEqual({ rows: 40, of: 60 });
    expect(sampled.section.clusters.map((c) => c.customers).sort()).toEqual([30, 30]);
  });
});

describe('time to lapse in analyze', () => {
  // End day 200, lapse after L = 90 quiet days:
  //   a buys on days 0, 10, 20 → quiet from day 20 → lapses at 110, duration 110 (event)
  //   b buys on day 150 only   → 50 days observed  → censored at 50
  //   c buys on days 5, 25     → lapses at 115, duration 115 − 5 = 110 (event)
  //   d buys on days 0, 95, 190 → gaps 95 (> 90: lapse at 90) → duration 90 (event), bought again later
  // KM: b is censored at 50, so at 90 one event of 3 at risk → 2/3; at 110, 2 events of 2 at risk → 0.
  let db: DuckDbEngine;
  beforeAll(async () => {
    db = await storeOf([['a', 0, 5], ['a', 10, 5], ['a', 20, 5], ['b', 150, 5], ['c', 5, 5], ['c', 25, 5], ['d', 0, 5], ['d', 95, 5], ['d', 190, 5]]);
    await db.run("CREATE TABLE customers AS SELECT * FROM (VALUES ('a', 'small'), ('b', 'key'), ('c', 'small'), ('d', 'key')) t(customer_id, pyramid_tier)");
  });
  afterAll(() => db.close());

  it('gives the worked-out curve, overall and by group, from counted patterns', async () => {
    const s = await retailSurvival(db, day(200), DEFAULT_ANALYZE_CONFIG.survival);
    if (isUnavailable(s)) throw new Error('expected a section');
    expect(s).toMatchObject({ customers: 4, lapsed: 3, returnedAfterLapse: 1, by: 'pyramid_tier' });
    const at = (t: number) => s.overall.points.filter((p) => p.time <= t).at(-1)?.surv;
    expect(at(89)).toBe(1);
    expect(at(90)).toBeCloseTo(2 / 3, 15);
    expect(at(110)).toBe(0);
    expect(s.overall.median).toBe(110);
    expect(s.groups.map((g) => [g.group, g.customers, g.lapsed])).toEqual([['key', 2, 1], ['small', 2, 2]]);
  });

  it('matches Kaplan-Meier on one row per customer (the weights change nothing)', async () => {
    const s = await retailSurvival(db, day(200), DEFAULT_ANALYZE_CONFIG.survival);
    if (isUnavailable(s)) throw new Error('expected a section');
    const per = await timeToLapse(db, { end: day(200), lapseDays: 90 });
    const km = kaplanMeier({ time: per.columns.durationDays, event: per.columns.lapsed });
    for (const p of s.overall.points) {
      const j = [...km.time].findLastIndex((t) => t <= p.time);
      expect(p.surv).toBeCloseTo(j < 0 ? 1 : km.surv[j], 12);
      if (j >= 0 && Number.isFinite(km.lower[j])) expect(p.lower).toBeCloseTo(km.lower[j], 12);
    }
  });

  it('says which column is missing when the split column does not exist', async () => {
    const s = await retailSurvival(db, day(200), { ...DEFAULT_ANALYZE_CONFIG.survival, by: 'region' });
    expect(s).toEqual({ unavailable: 'the customers table has no column "region" to split the curves by (survival.by in the config)' });
  });
});
