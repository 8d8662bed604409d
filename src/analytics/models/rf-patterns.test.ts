import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { sortRfPatterns } from './rf-patterns.ts';

describe('sortRfPatterns', () => {
  it("gives DuckDB's ORDER BY order (x, then t_x, then T), whatever order the patterns come in", async () => {
    // Fractional weeks as the summary has them (days / 7), shuffled; duplicates of x, t_x and T apart.
    let seed = 11;
    const rand = (k: number): number => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return Math.floor((seed / 2 ** 32) * k); };
    const seen = new Set<string>();
    const rows: [number, number, number, number][] = [];
    while (rows.length < 5000) {
      const x = rand(30), T = rand(600) / 7, tx = x === 0 ? 0 : Math.min(T, rand(600) / 7);
      if (seen.has(`${x},${tx},${T}`)) continue;
      seen.add(`${x},${tx},${T}`);
      rows.push([x, tx, T, 1 + rand(9)]);
    }
    const col = (k: number): Float64Array => Float64Array.from(rows, (r) => r[k]);
    const sorted = sortRfPatterns({ x: col(0), tx: col(1), T: col(2), weight: col(3) });
    const db = await DuckDbEngine.open({ threads: 1 });
    try {
      await db.run('CREATE TABLE p (x DOUBLE, tx DOUBLE, "T" DOUBLE, weight DOUBLE)');
      await db.append('p', [col(0), col(1), col(2), col(3)]);
      const sql = await db.columns('SELECT * FROM p ORDER BY ALL');
      expect([...sorted.x]).toEqual([...(sql.x as Float64Array)]);
      expect([...sorted.tx]).toEqual([...(sql.tx as Float64Array)]);
      expect([...sorted.T]).toEqual([...(sql.T as Float64Array)]);
      expect([...sorted.weight]).toEqual([...(sql.weight as Float64Array)]);
    } finally {
      db.close();
    }
  });
});
