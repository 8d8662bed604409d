import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import type { ReportData } from '../report/report-data.ts';
import { readAnalysisRun, saveAnalysisRun } from './save-analysis-run.ts';

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
});
