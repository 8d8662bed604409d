// The retail analytics inside `cvm analyze`, end to end on the Online Retail file (541,909 order
// lines; ~7 s): every part's columns are in customers.csv for every customer, and every section is
// in report.json and report.html with real numbers, or (satisfaction) the input it lacks.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { quoteString } from '../engines/duckdb/sql-literal.ts';
import { isUnavailable, type ReportData, type Unavailable } from '../report/report-data.ts';
import { sharedData } from '../testing/shared-data.ts';
import { parseAnalyzeConfig } from './analyze-config.ts';
import { analyzeFile } from './analyze-run.ts';

const RETAIL = sharedData('online-retail/onlineretail.csv.gz');
let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'cvm-retail-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!existsSync(RETAIL))('cvm analyze on Online Retail: the retail analytics', () => {
  it('adds every part to customers.csv and report.html', async () => {
    const config = parseAnalyzeConfig('{"survival": {"by": "cluster"}, "rules": {"top": 10}}');
    const out = join(dir, 'out');
    await analyzeFile({ file: RETAIL, outDir: out, holdout: false, config });
    const db = await DuckDbEngine.open();
    try {
      const [c] = await db.rows(`SELECT count(*) AS n, count(cluster) AS cluster, count(cluster_label) AS label, count(cluster_label_zh) AS label_zh,
          count(lifecycle_stage) AS stage, count(lifecycle_rule) AS rule, count(next_replenishment) AS next, sum(replenishment_due_items) AS due
        FROM read_csv(${quoteString(join(out, 'customers.csv'))})`);
      // 4,338 customers (import-online-retail.test.ts); each has a cluster and a lifecycle stage.
      expect(c).toMatchObject({ n: 4338, cluster: 4338, label: 4338, label_zh: 4338, stage: 4338, rule: 4338 });
      expect(Number(c.next)).toBeGreaterThan(0);
      const data = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ReportData;
      type Key = 'clusters' | 'lifecycle' | 'survival' | 'cohorts' | 'loyalty' | 'hotProducts' | 'rules' | 'replenishment';
      const s = <K extends Key>(k: K): Exclude<NonNullable<ReportData[K]>, Unavailable> => {
        const v = data[k];
        if (v === undefined || isUnavailable(v)) throw new Error(`${k} missing: ${JSON.stringify(v)}`);
        return v as Exclude<NonNullable<ReportData[K]>, Unavailable>;
      };
      const clusters = s('clusters');
      expect(clusters.clusters.reduce((a, k) => a + k.customers, 0)).toBe(4338);
      expect(clusters.silhouette.map((x) => x.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
      const lifecycle = s('lifecycle');
      expect(lifecycle.stages.reduce((a, x) => a + x.customers, 0)).toBe(4338);
      expect(lifecycle.rules.reduce((a, r) => a + r.customers, 0)).toBe(4338);
      expect(lifecycle.accuracy).toBeGreaterThan(lifecycle.baselineAccuracy);
      const survival = s('survival');
      expect(survival).toMatchObject({ customers: 4338, by: 'cluster' });
      expect(survival.groups.map((g) => g.group)).toEqual(clusters.clusters.map((k) => String(k.id)).sort());
      expect(s('cohorts').cohorts.reduce((a, x) => a + x.customers, 0)).toBe(4338);
      expect(s('loyalty').repeatRate).toBeGreaterThan(0.5);
      expect(s('hotProducts').products).toBeGreaterThan(1000);
      const rules = s('rules');
      expect(rules.top).toHaveLength(10);
      expect(rules.top[0].lift).toBeGreaterThan(10);
      expect(s('replenishment').pairs).toBeGreaterThan(1000);
      expect(isUnavailable(data.satisfaction)).toBe(true);
      // Online Retail has no costs: profitability and retention value say so.
      expect(isUnavailable(data.economics)).toBe(true);
      const html = readFileSync(join(out, 'report.html'), 'utf8');
      for (const id of ['clusters', 'lifecycle', 'survival', 'cohorts', 'loyalty', 'satisfaction', 'economics', 'hot-products', 'rules', 'replenishment']) {
        expect(html).toContain(`<section id="${id}">`);
      }
      expect(html).toContain('客户聚类');
      expect(html).toContain(rules.top[0].rhs.id);
    } finally {
      db.close();
    }
  }, 120_000);
});

describe('the config reaches the segments', () => {
  it('flags churn with the configured P(alive) threshold', async () => {
    const file = join(dir, 'tx.csv');
    // Five customers, each a different rhythm, so P(alive) spreads out.
    const rows = ['customer_id,date,amount'];
    for (let c = 0; c < 5; c++) for (let k = 0; k <= c; k++) rows.push(`c${c},2026-0${1 + k}-${String(1 + 5 * c).padStart(2, '0')},10`);
    rows.push('z,2026-06-30,10');
    writeFileSync(file, rows.join('\n') + '\n');
    const run = async (threshold: number) => {
      const out = join(dir, `t${threshold}`);
      await analyzeFile({ file, outDir: out, holdout: false, config: parseAnalyzeConfig(JSON.stringify({ churn: { threshold } })) });
      const db = await DuckDbEngine.open();
      try {
        return await db.rows(`SELECT customer_id, p_alive, churn_warning FROM read_csv(${quoteString(join(out, 'customers.csv'))}) ORDER BY customer_id`);
      } finally {
        db.close();
      }
    };
    for (const t of [0.01, 0.99]) {
      const rows = await run(t);
      for (const r of rows) expect(r.churn_warning).toBe(Number(r.p_alive) < t);
    }
  }, 60_000);
});
