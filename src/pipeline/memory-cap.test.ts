import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { withMemoryCap } from './memory-cap.ts';

const limit = async (db: DuckDbEngine) => String(await db.scalar("SELECT current_setting('memory_limit')"));

describe('withMemoryCap', () => {
  it('lowers the default limit for the work and restores it', async () => {
    const db = await DuckDbEngine.open();
    try {
      const before = await limit(db);
      expect(await withMemoryCap(db, '512MB', 512e6, () => limit(db))).toBe('488.2 MiB'); // 512·10⁶ bytes
      expect(await limit(db)).toBe(before);
      await expect(withMemoryCap(db, '512MB', 512e6, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
      expect(await limit(db)).toBe(before);
    } finally {
      db.close();
    }
  });

  it('keeps the limit the engine was opened with', async () => {
    const db = await DuckDbEngine.open({ memoryLimit: '3GB' });
    try {
      expect(await withMemoryCap(db, '512MB', 512e6, () => limit(db))).toBe('2.7 GiB'); // 3·10⁹ bytes
      expect(await limit(db)).toBe('2.7 GiB');
    } finally {
      db.close();
    }
  });
});
