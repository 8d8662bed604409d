// The same file gives the same result file, byte for byte, however DuckDB's threads happen to add
// the amounts (money-sql.ts) and whatever order the grouped spend patterns come in. 200,000 generated
// customers (~550,000 rows) analysed three times on 4 threads: with plain DOUBLE sums, some mean spends
// came out different in their last bit from one run to the next, and with them the result file.
import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTransactions } from '../analytics/simulate/generate-transactions.ts';
import { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { runValuePipeline } from './value-pipeline.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cvm-repeat-'));
  const fd = openSync(join(dir, 'tx.csv'), 'w');
  try {
    for (const chunk of generateTransactions({ customers: 200_000, seed: 3 })) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runValuePipeline, run again on the same file', () => {
  it('writes the same customers.csv and fits the same parameters every time', async () => {
    const runs: { hash: string; params: unknown }[] = [];
    for (let i = 0; i < 3; i++) {
      const db = await DuckDbEngine.open({ threads: 4 });
      try {
        const out = join(dir, `customers-${i}.csv`);
        const r = await runValuePipeline(db, { load: { path: join(dir, 'tx.csv'), customer: 'customer_id', date: 'date', amount: 'amount' }, end: '1998-06-30', outCsv: out });
        runs.push({ hash: createHash('sha256').update(readFileSync(out)).digest('hex'), params: [r.countFit.params, r.spendFit?.params] });
      } finally {
        db.close();
      }
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  }, 120_000);
});
