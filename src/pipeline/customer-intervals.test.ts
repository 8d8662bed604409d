import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { analyzeFile } from './analyze-run.ts';
import { customerIntervals } from './customer-intervals.ts';
import { readAnalysisRun, readCustomerHistory } from './save-analysis-run.ts';

// A kept data folder analysed twice: the second run appends to the history and keeps the fits.
const SAMPLE = join(import.meta.dirname, '..', '..', 'samples', 'transactions.csv');
let dir = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cvm-intervals-'));
  await analyzeFile({ file: SAMPLE, outDir: join(dir, 'out'), dataDir: join(dir, 'data'), holdout: false });
  await analyzeFile({ file: SAMPLE, outDir: join(dir, 'out'), dataDir: join(dir, 'data'), holdout: false });
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a kept data folder', () => {
  it('saves the fits with their covariance and each customer\'s segment at every run', async () => {
    const db = await DuckDbEngine.open({ path: join(dir, 'data', 'analytics.duckdb') });
    try {
      const run = await readAnalysisRun(db);
      expect(run?.runId).toBe(2);
      expect(run?.models?.count.covariance).toHaveLength(4);
      expect(run?.models?.spend?.params).toHaveProperty('gamma');
      const n = Number(await db.scalar('SELECT count(*) FROM customers'));
      expect(Number(await db.scalar('SELECT count(*) FROM customer_history WHERE run_id = 2'))).toBe(n);
      const [c] = await db.rows('SELECT CAST(customer_id AS VARCHAR) AS id, rfm_segment, pyramid_tier FROM customers WHERE frequency > 2 ORDER BY customer_id LIMIT 1');
      const history = await readCustomerHistory(db, String(c.id));
      expect(history.map((h) => h.runId)).toEqual([1, 2]);
      expect(history[1].rfmSegment).toBe(c.rfm_segment);
      expect(history[1].pyramidTier).toBe(c.pyramid_tier);
      expect(await readCustomerHistory(db, 'no such customer')).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('gives one customer\'s 90 % intervals around the run\'s own point estimates', async () => {
    const db = await DuckDbEngine.open({ path: join(dir, 'data', 'analytics.duckdb') });
    try {
      const run = await readAnalysisRun(db);
      if (!run?.models) throw new Error('no models saved');
      const rows = await db.rows('SELECT CAST(customer_id AS VARCHAR) AS id, expected_purchases_52w AS e, clv_12m AS clv FROM customers WHERE frequency > 0 ORDER BY customer_id LIMIT 5');
      for (const r of rows) {
        const iv = await customerIntervals(db, String(r.id), run.models);
        if (!iv?.clv) throw new Error(`no interval for ${String(r.id)}`);
        // The point estimate is the prediction at the MLE, the centre of the parameter draws: it must lie
        // inside a 90 % interval (up to the quantile's sampling error at 1,000 draws), which has width.
        expect(iv.expectedPurchases[0]).toBeLessThanOrEqual(Number(r.e) * 1.02);
        expect(iv.expectedPurchases[1]).toBeGreaterThanOrEqual(Number(r.e) * 0.98);
        expect(iv.clv[0]).toBeLessThanOrEqual(Number(r.clv) * 1.02);
        expect(iv.clv[1]).toBeGreaterThanOrEqual(Number(r.clv) * 0.98);
        expect(iv.clv[1]).toBeGreaterThan(iv.clv[0]);
      }
      expect(await customerIntervals(db, 'no such customer', run.models)).toBeNull();
    } finally {
      db.close();
    }
  });
});
