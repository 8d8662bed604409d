// The uncompressed write (cvm analyze's temporary data folder) stores exactly what the default does.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { quoteString } from '../engines/duckdb/sql-literal.ts';
import { importSales } from './import-sales.ts';

const dir = mkdtempSync(join(tmpdir(), 'cvm-commit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function compare(a: string, b: string): Promise<{ differ: number; rows: number; compression: string[][] }> {
  const db = await DuckDbEngine.open();
  try {
    await db.run(`ATTACH ${quoteString(join(a, 'analytics.duckdb'))} AS a (READ_ONLY); ATTACH ${quoteString(join(b, 'analytics.duckdb'))} AS b (READ_ONLY)`);
    const differ = Number(await db.scalar(`SELECT count(*) FROM (
      (SELECT * FROM a.sales_lines EXCEPT ALL SELECT * FROM b.sales_lines) UNION ALL (SELECT * FROM b.sales_lines EXCEPT ALL SELECT * FROM a.sales_lines))`));
    const rows = Number(await db.scalar('SELECT count(*) FROM a.sales_lines'));
    const compression: string[][] = [];
    for (const d of ['a', 'b']) {
      await db.run(`USE ${d}`);
      compression.push((await db.rows("SELECT DISTINCT compression FROM pragma_storage_info('sales_lines') ORDER BY ALL")).map((r) => String(r.compression)));
    }
    return { differ, rows, compression };
  } finally {
    db.close();
  }
}

describe('commitBatch compression', () => {
  it('compress: false stores the same lines, uncompressed', async () => {
    const csv = join(dir, 'sales.csv');
    const body = Array.from({ length: 130_000 }, (_, i) => `O${i % 1700},C${i % 300},2024-0${1 + (i % 9)}-1${i % 10},${(i % 37) + 0.5}`);
    writeFileSync(csv, 'order_id,customer_id,date,amount\n' + body.join('\n') + '\n');
    await importSales({ path: csv, dataDir: join(dir, 'packed') });
    await importSales({ path: csv, dataDir: join(dir, 'plain'), compress: false });
    const c = await compare(join(dir, 'packed'), join(dir, 'plain'));
    expect(c.rows).toBe(130_000);
    expect(c.differ).toBe(0);
    // Big enough to be written straight to the file (a small batch goes through the WAL and is
    // compressed at the checkpoint anyway); 'Constant' is the all-NULL columns' validity.
    expect(c.compression[1]).toEqual(['Constant', 'Uncompressed']);
    expect(c.compression[0]).toContain('Dictionary');
  });
});
