import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { quoteString } from '../../engines/duckdb/sql-literal.ts';
import { writeSummary } from './write-summary.ts';

let dir: string;
let db: DuckDbEngine;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cvm-write-'));
  db = await DuckDbEngine.open({ threads: 1 });
  // ids chosen so that text order (10 < 9) and number order (9 < 10) differ
  await db.run(`CREATE TABLE customer_summary AS SELECT * FROM (VALUES ('10', 1.0, 2.5, 3.0), ('9', 0.0, 0.0, 1.0), ('x', 2.0, 1.0, 2.0))
    AS t(customer_id, frequency, recency, "T")`);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('writeSummary', () => {
  it('writes CSV with a header, numeric ids in number order, text ids after', async () => {
    const path = join(dir, 's.csv');
    expect(await writeSummary(db, path)).toBe(3);
    expect(readFileSync(path, 'utf8').trim().split('\n')).toEqual([
      'customer_id,frequency,recency,T', '9,0.0,0.0,1.0', '10,1.0,2.5,3.0', 'x,2.0,1.0,2.0',
    ]);
  });

  it('writes Parquet when the name says so', async () => {
    const path = join(dir, 's.parquet');
    expect(await writeSummary(db, path)).toBe(3);
    expect(await db.rows(`SELECT customer_id, "T" FROM read_parquet(${quoteString(path)})`)).toEqual([
      { customer_id: '9', T: 1 }, { customer_id: '10', T: 3 }, { customer_id: 'x', T: 2 },
    ]);
  });

  it('reports an unwritable path as a SummaryError', async () => {
    await expect(writeSummary(db, join(dir, 'no-such-dir', 's.csv'))).rejects.toMatchObject({ code: 'unwritable-output' });
  });
});
