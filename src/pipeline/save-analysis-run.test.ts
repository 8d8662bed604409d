import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import type { ReportData } from '../report/report-data.ts';
import { readAnalysisRun, readCustomerHistory, saveAnalysisRun } from './save-analysis-run.ts';

describe('analysis runs', () => {
  it('are numbered in order and read back latest first, quotes and all', async () => {
    const db = await DuckDbEngine.open();
    try {
      expect(await readAnalysisRun(db)).toBeNull();
      const first = { generatedAt: "O'Brien's first" } as unknown as ReportData;
      const second = { generatedAt: 'second' } as unknown as ReportData;
      expect(await saveAnalysisRun(db, 'a.csv', first)).toBe(1);
      expect(await saveAnalysisRun(db, 'b.csv', second)).toBe(2);
      expect((await readAnalysisRun(db))?.report).toEqual(second);
      expect((await readAnalysisRun(db, 1))?.report).toEqual(first);
      expect(await readAnalysisRun(db, 2)).toBeNull();
    } finally {
      db.close();
    }
  });

  it('keep each customer\'s history in both languages, and bring an older history table up to date', async () => {
    const db = await DuckDbEngine.open();
    try {
      const report = {} as unknown as ReportData;
      // A history table as folders written before cluster_label_zh have it.
      await db.run(`CREATE TABLE customer_history (run_id INTEGER NOT NULL, customer_id VARCHAR NOT NULL, rfm_segment VARCHAR, pyramid_tier VARCHAR,
        lifecycle_stage VARCHAR, cluster_label VARCHAR, value_score DOUBLE, p_alive DOUBLE, clv_12m DOUBLE, churn_warning BOOLEAN)`);
      await db.run(`INSERT INTO customer_history VALUES (1, 'C1', 'lost', 'small', 'churned', 'Lapsed one-timers', 10, 0.1, 1.5, true)`);
      await db.run(`CREATE TABLE analysis_runs (run_id INTEGER PRIMARY KEY, created_at TIMESTAMP NOT NULL, input_file VARCHAR NOT NULL, report JSON NOT NULL)`);
      await db.run(`INSERT INTO analysis_runs VALUES (1, TIMESTAMP '2026-01-01 00:00:00', 'old.csv', '{}')`);
      await db.run(`CREATE TABLE customers AS SELECT 'C1' AS customer_id, 'champions' AS rfm_segment, 'key' AS pyramid_tier, 'Frequent big spenders' AS cluster_label,
        '高频大额客户' AS cluster_label_zh, 0.9 AS p_alive, 120.0 AS clv_12m, false AS churn_warning`);
      expect(await saveAnalysisRun(db, 'a.csv', report)).toBe(2);
      const h = await readCustomerHistory(db, 'C1');
      expect(h.map((p) => [p.rfmSegment, p.clusterLabel, p.clusterLabelZh, p.lifecycleStage, p.pAlive])).toEqual([
        ['lost', 'Lapsed one-timers', null, 'churned', 0.1],
        ['champions', 'Frequent big spenders', '高频大额客户', null, 0.9],
      ]);
    } finally {
      db.close();
    }
  });
});
