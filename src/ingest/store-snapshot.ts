// A fingerprint of a data folder's analytics store, for tests that must show "nothing changed" or
// "the same result as an uninterrupted import": row counts, sums and an order-independent hash of
// every stored line (batch ids excluded, so two folders that imported the same files compare equal).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { STORE_FILE } from './import-sales.ts';
import { tableExists } from './sales-store.ts';

export interface StoreSnapshot {
  exists: boolean;
  batches: number;
  lines: number;
  /** Per batch: file name and counts JSON, in batch order. */
  batchCounts: string[];
  /** Sum of amounts, rounded to cents. */
  amount: number;
  /** bit_xor of a hash of each line's fields: equal sets of lines give equal values. */
  linesHash: string;
  transactions: number;
}

export async function storeSnapshot(dataDir: string): Promise<StoreSnapshot> {
  const path = join(dataDir, STORE_FILE);
  const empty: StoreSnapshot = { exists: false, batches: 0, lines: 0, batchCounts: [], amount: 0, linesHash: '0', transactions: 0 };
  if (!existsSync(path)) return empty;
  const db = await DuckDbEngine.open({ path, threads: 1 });
  try {
    if (!(await tableExists(db, 'ingest_batches'))) return { ...empty, exists: true };
    const [b] = await db.rows('SELECT count(*) AS n, list(file_name || \' \' || counts ORDER BY batch_id) AS c FROM ingest_batches');
    const [l] = await db.rows(`SELECT count(*) AS n, round(coalesce(sum(amount), 0), 2) AS amount,
      CAST(coalesce(bit_xor(hash(source_line, order_id, customer_id, ts, product_id, product_name, quantity, unit_price, amount, discount,
        store, channel, country, exclusion)), 0) AS VARCHAR) AS h FROM sales_lines`);
    const transactions = Number(await db.scalar('SELECT count(*) FROM transactions'));
    return {
      exists: true, batches: Number(b.n), batchCounts: (b.c as string[]) ?? [], lines: Number(l.n), amount: Number(l.amount),
      linesHash: String(l.h), transactions,
    };
  } finally {
    db.close();
  }
}
