import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { keepInStore, openAnalysisDb } from './analysis-db.ts';

const dir = mkdtempSync(join(tmpdir(), 'cvm-analysis-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the analysis database', () => {
  it('reads the store, computes in memory and writes only what it keeps', async () => {
    const storePath = join(dir, 'analytics.duckdb');
    const store = await DuckDbEngine.open({ path: storePath });
    await store.run(`CREATE TABLE sales_lines AS SELECT 'a' AS customer_id, 5.0 AS amount; CREATE TABLE customers AS SELECT 'old' AS customer_id;
      CREATE VIEW transactions AS SELECT customer_id, amount FROM sales_lines`);
    store.close();

    const db = await openAnalysisDb(storePath, dir);
    try {
      // Unqualified reads find the store's tables; new tables go to memory and shadow the store's.
      expect(await db.scalar('SELECT sum(amount) FROM sales_lines')).toBe(5);
      expect(await db.scalar('SELECT sum(amount) FROM memory.main.transactions')).toBe(5);
      await db.run("CREATE TABLE customers AS SELECT 'a' AS customer_id, 1 AS score");
      expect(await db.scalar('SELECT customer_id FROM customers')).toBe('a');
      expect(await db.scalar('SELECT customer_id FROM store.customers')).toBe('old');
      await keepInStore(db, () => db.run('CREATE TABLE runs AS SELECT 1 AS run_id'));
      // Back in memory afterwards.
      await db.run('CREATE TABLE scratch AS SELECT 1 AS x');
    } finally {
      db.close();
    }
    const after = await DuckDbEngine.open({ path: storePath });
    try {
      expect(await after.rows('SELECT * FROM customers')).toEqual([{ customer_id: 'a', score: 1 }]);
      expect(await after.scalar('SELECT run_id FROM runs')).toBe(1);
      expect(await after.scalar("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'scratch'")).toBe(0);
    } finally {
      after.close();
    }
  });
});
