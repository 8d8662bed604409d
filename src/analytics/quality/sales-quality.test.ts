// The sales checks on hand-made sales lines; each expected count is worked out in the comments.
import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { SCHEMA_SQL } from '../../ingest/sales-store.ts';
import { salesQuality } from './sales-quality.ts';

describe('salesQuality', () => {
  it('flags future and impossible dates, extreme amounts per product, and sales without a member id', async () => {
    const db = await DuckDbEngine.open({ threads: 1 });
    try {
      await db.run(SCHEMA_SQL);
      // Water sells at 3 a line (6 lines); Moutai at 2,499 (5 lines); a snack at 2 (3 lines, one of them anonymous).
      const lines: [number, string | null, string, string, number, string | null][] = [
        ...[2, 3, 4, 5, 6].map((l): [number, string | null, string, string, number, string | null] => [l, 'M1', '2026-01-05', 'water', 3, null]),
        [7, 'M2', '2026-01-06', 'water', 450, null], // 150 cases: 150 × the water median 3 > 100 × 3
        ...[8, 9, 10, 11].map((l): [number, string | null, string, string, number, string | null] => [l, 'M3', '2026-01-07', 'moutai', 2499, null]),
        [12, 'M4', '2026-01-08', 'moutai', 4998, null], // two bottles: twice the Moutai median, not extreme
        [13, null, '2026-01-09', 'snack', 2, null], // anonymous
        [14, 'M5', '2027-03-01', 'snack', 2, null], // after "today"
        [15, 'M5', '1980-01-01', 'snack', 2, null], // before 1990
        [16, 'M6', '2026-01-10', 'water', 9000, 'cancelled'], // excluded lines are not judged for amounts
      ];
      for (const [line, customer, day, product, amount, exclusion] of lines) {
        await db.run(`INSERT INTO sales_lines (batch_id, source_line, customer_id, ts, product_id, amount, exclusion) VALUES
          (1, ${line}, ${customer === null ? 'NULL' : `'${customer}'`}, TIMESTAMP '${day}', '${product}', ${amount}, ${exclusion === null ? 'NULL' : `'${exclusion}'`})`);
      }
      const checks = Object.fromEntries((await salesQuality(db, { today: '2026-06-30' })).map((c) => [c.id, c]));
      expect(checks['future-dates']).toMatchObject({ count: 1, total: 15, examples: ['line 14'], severity: 'error' });
      expect(checks['impossible-dates']).toMatchObject({ count: 1, examples: ['line 15'] });
      // The overall median of the 14 loaded lines is 3, so without the per-product rule all five Moutai lines (> 300) would count.
      expect(checks['extreme-amounts']).toMatchObject({ count: 1, examples: ['line 7'], severity: 'warning' });
      expect(checks['anonymous-sales']).toMatchObject({ count: 1, examples: ['line 13'] });
    } finally {
      db.close();
    }
  });
});
