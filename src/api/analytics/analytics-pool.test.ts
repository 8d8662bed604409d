// The reader pool under contention: more concurrent queries than connections, a swap in the middle
// (it must wait for them, then reopen the replaced file), and none of them failing or seeing no data.
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { AnalyticsPool } from './analytics-pool.ts';

async function makeDb(path: string, n: number): Promise<void> {
  const db = await DuckDbEngine.open({ path });
  await db.run(`CREATE TABLE customers AS SELECT 'C' || range AS customer_id, range * 1.0 AS v FROM range(${n})`);
  db.close();
}

describe('AnalyticsPool', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cvm-pool-'));
    await makeDb(join(dir, 'a.duckdb'), 1000);
    await makeDb(join(dir, 'next.duckdb'), 2000);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs 200 concurrent queries on 2 connections, swaps the file in the middle, and every query answers', async () => {
    const pool = await AnalyticsPool.open({ path: join(dir, 'a.duckdb'), size: 2, threads: 1 });
    const generation = pool.generation;
    const counts: number[] = [];
    const queries = Array.from({ length: 200 }, async (_, i) => {
      if (i === 100) {
        await pool.swap(() => renameSync(join(dir, 'next.duckdb'), join(dir, 'a.duckdb')));
        return;
      }
      expect(pool.hasData).toBe(true);
      counts.push(Number(await pool.scalar('SELECT count(*) FROM customers WHERE v >= ?', [0])));
    });
    await Promise.all(queries);
    expect(counts.length).toBe(199);
    expect(new Set(counts)).toEqual(new Set([1000, 2000]));
    expect(pool.generation).toBe(generation + 1);
    // after the swap only the new file answers, and the pool is idle again (a second swap does not hang)
    expect(await pool.scalar('SELECT count(*) FROM customers')).toBe(2000);
    await pool.swap(() => undefined);
    const streamed: number[] = [];
    for await (const chunk of pool.stream('SELECT v FROM customers ORDER BY v')) streamed.push(...chunk.map((r) => Number(r.v)));
    expect(streamed.length).toBe(2000);
    expect(streamed[1999]).toBe(1999);
    await pool.close();
  });

  it('a folder without the file has no data and answers empty', async () => {
    const pool = await AnalyticsPool.open({ path: join(dir, 'missing.duckdb') });
    expect(pool.hasData).toBe(false);
    expect(await pool.rows('SELECT 1')).toEqual([]);
    await pool.close();
  });
});
