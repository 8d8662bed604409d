import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedData } from '../../testing/shared-data.ts';
import { runCli } from '../../testing/run-cli.ts';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'cvm-cluster-cli-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ClusterJson {
  input: { customers: number; kind: string };
  features: string[];
  silhouette: { k: number; mean: number }[];
  silhouetteExact: boolean;
  k: number;
  clusters: { id: number; size: number; means: Record<string, number>; description: { en: string; zh: string } }[];
}

describe('cvm cluster', () => {
  it('clusters the CDNOW customers from transactions, k at the silhouette maximum, and writes the assignments', async () => {
    const out = join(dir, 'cdnow-clusters.csv');
    const r = await runCli('cluster', sharedData('cdnow/cdnowElog.csv'), '--customer', 'masterid', '--date', 'date', '--amount', 'sales', '--out', out, '--format', 'json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as ClusterJson;
    expect(j.input).toMatchObject({ kind: 'transactions', customers: 2357 });
    expect(j.features).toEqual(['recency_days', 'frequency', 'monetary']);
    expect(j.silhouetteExact).toBe(true);
    expect(j.silhouette.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const best = j.silhouette.reduce((a, b) => (b.mean > a.mean ? b : a));
    expect(j.k).toBe(best.k);
    expect(j.clusters.reduce((a, c) => a + c.size, 0)).toBe(2357);
    // The file's rows reproduce each cluster's size and mean frequency.
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('customer_id,cluster,recency_days,frequency,monetary');
    expect(lines).toHaveLength(2358);
    const rows = lines.slice(1).map((l) => l.split(',').map(Number));
    for (const c of j.clusters) {
      const members = rows.filter((row) => row[1] === c.id);
      expect(members).toHaveLength(c.size);
      expect(members.reduce((a, row) => a + row[3], 0) / c.size).toBeCloseTo(c.means.frequency, 10);
    }
    // CDNOW's 2,357 customers made 6,919 purchases on 6,696 distinct customer-days (BTYD's
    // dc.MergeTransactionsOnSameDate, cdnow_CLVTools.csv in MANIFEST.tsv): Σ frequency must agree.
    expect(rows.reduce((a, row) => a + row[3], 0)).toBe(6696);
  });

  it('clusters a customer table on the named columns and says which group is which', async () => {
    const p = join(dir, 'customers.csv');
    writeFileSync(p, 'id,frequency,monetary\na,1,10\nb,1,12\nc,2,9\nd,1,11\ne,20,300\nf,25,280\ng,30,350\nh,22,310\n');
    const r = await runCli('cluster', p, '--features', 'frequency,monetary', '--id', 'id', '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as ClusterJson;
    expect(j.input).toMatchObject({ kind: 'customer table', customers: 8 });
    expect(j.silhouette.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7]); // k ≤ n − 1
    expect(j.k).toBe(2);
    expect(j.clusters.map((c) => c.size)).toEqual([4, 4]);
    expect(j.clusters.map((c) => c.description.en).sort()).toEqual(['frequent, high spend', 'infrequent, low spend']);
  });

  it('prints the clusters in English and Chinese as text', async () => {
    const r = await runCli('cluster', sharedData('cdnow/cdnowElog.csv'), '--customer', 'masterid', '--date', 'date', '--amount', 'sales', '--k', '3', '--restarts', '2');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^2,357 customers from .*cdnowElog\.csv; features recency_days, frequency, monetary/);
    expect(r.out).toMatch(/k = 3 \(given\)/);
    expect(r.out.match(/^cluster \d: .* — .* \/ .*[\u4e00-\u9fff]/gm)).toHaveLength(3);
  });

  it('names a missing feature column and refuses a bad option', async () => {
    const p = join(dir, 'c.csv');
    writeFileSync(p, 'id,frequency\na,1\nb,2\nc,3\n');
    const missing = await runCli('cluster', p, '--features', 'frequency,spend');
    expect(missing.code).toBe(65);
    expect(missing.err).toMatch(/column\(s\) "spend" not found \(the file has id, frequency\)/);
    const bad = await runCli('cluster', p, '--features', 'frequency', '--k-min', '1');
    expect(bad.code).toBe(64);
    expect(bad.err).toBe('cvm: --k-min must be a whole number ≥ 2, got "1"\n');
  });
});
