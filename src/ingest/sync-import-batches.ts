// Keeps the two stores' batch tables in step: every import, whatever its kind, is listed in the
// operational store's import_batches (what `cvm serve` shows) and in the analytics store's
// ingest_batches. Each import commits its records with the batch row of the store that holds them,
// in one transaction; the other store's row is written afterwards by this sync. The sync is
// idempotent, so it also repairs a process killed between the two commits, and it backfills a data
// folder that imported sales before it had an operational store (analyze-only folders never pay
// for creating one).
import { sql } from 'kysely';
import { existsSync, mkdirSync } from 'node:fs';
import { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { analyticsStorePath } from '../store/data-folder.ts';
import type { OperationalStore } from '../store/open-operational-store.ts';
import type { ImportCounts } from './import-counts.ts';
import { attachStore } from './attach-store.ts';
import { flatCounts, unflattenCounts, type RecordCounts } from './record-counts.ts';
import { RECORD_KINDS, type RecordKind } from './record-kinds.ts';
import { insertRecordBatchSql } from './record-store-sql.ts';
import { nextBatchId, SCHEMA_SQL, tableExists } from './sales-store.ts';

/** A sales import's counts as flat numbers (excluded and rejected by reason as `excluded.<reason>`, `rejected.<reason>`). */
export function flatSalesCounts(c: ImportCounts): Record<string, number> {
  const flat: Record<string, number> = {
    read: c.read, loaded: c.loaded, anonymous: c.anonymous, excluded: c.excluded.total, duplicates: c.duplicates, alreadyLoaded: c.alreadyLoaded, rejected: c.rejected.total,
  };
  for (const [r, n] of Object.entries(c.excluded.byReason)) flat[`excluded.${r}`] = n;
  for (const [r, n] of Object.entries(c.rejected.byReason)) flat[`rejected.${r}`] = n;
  return flat;
}

export interface SyncResult {
  /** Batches of the analytics store newly marked done in the operational store. */
  toOperational: number;
  /** Operational batches newly listed in the analytics store. */
  toAnalytics: number;
}

const isRecordKind = (k: string): k is RecordKind => (RECORD_KINDS as readonly string[]).includes(k);

/**
 * Copies each store's finished batches that the other lacks.
 * @example await syncImportBatches('cvm-data', store); // after any import
 */
export async function syncImportBatches(dataDir: string, op: OperationalStore): Promise<SyncResult> {
  const result: SyncResult = { toOperational: 0, toAnalytics: 0 };
  const storePath = analyticsStorePath(dataDir);
  const opDone = await op.db.selectFrom('import_batches').selectAll().where('status', '=', 'done').execute();
  const opHashes = new Set(opDone.map((b) => b.content_hash));
  const pending = opDone.filter((b) => isRecordKind(b.kind) && b.kind !== 'products' && b.kind !== 'events');
  if (!existsSync(storePath) && pending.length === 0) return result;
  const db = await DuckDbEngine.open({ threads: 1 });
  try {
    // With the operational store on a server, a customers import may be the folder's first use.
    mkdirSync(dataDir, { recursive: true });
    await attachStore(db, storePath);
    const stored = (await tableExists(db, 'ingest_batches'))
      ? await db.rows(`SELECT content_hash, kind, file_name, counts, reject_file, strftime(started_at, '%Y-%m-%d %H:%M:%S') AS started, strftime(finished_at, '%Y-%m-%d %H:%M:%S') AS finished FROM ingest_batches WHERE status = 'done' ORDER BY batch_id`)
      : [];
    for (const b of stored) {
      const hash = String(b.content_hash);
      if (opHashes.has(hash)) continue;
      const parsed = JSON.parse(String(b.counts)) as ImportCounts | RecordCounts;
      const counts = 'excluded' in parsed ? flatSalesCounts(parsed) : flatCounts(parsed);
      // Upsert: a row left `running` by a killed process becomes done and keeps its attempts.
      await op.db.insertInto('import_batches').values({
        content_hash: hash, kind: String(b.kind), file_name: String(b.file_name), status: 'done', counts: JSON.stringify(counts),
        reject_file: b.reject_file === null ? null : String(b.reject_file), started_at: `${String(b.started)}Z`, finished_at: new Date(`${String(b.finished)}Z`),
      }).onConflict((oc) => oc.column('content_hash').doUpdateSet({
        status: 'done', counts: JSON.stringify(counts), error: null, reject_file: b.reject_file === null ? null : String(b.reject_file), finished_at: sql<Date>`now()`,
      })).execute();
      result.toOperational++;
    }
    const analyticsHashes = new Set(stored.map((b) => String(b.content_hash)));
    const missing = pending.filter((b) => !analyticsHashes.has(b.content_hash));
    if (missing.length > 0) {
      await db.run('BEGIN TRANSACTION');
      try {
        await db.run(SCHEMA_SQL);
        let batchId = await nextBatchId(db);
        for (const b of missing) {
          await db.run(insertRecordBatchSql({
            batchId: batchId++, contentHash: b.content_hash, kind: b.kind as RecordKind, fileName: b.file_name ?? '', encoding: null, mapping: {},
            counts: unflattenCounts(b.counts), rejectFile: b.reject_file, startedAt: b.started_at,
          }));
        }
        await db.run('COMMIT');
      } catch (e) {
        await db.run('ROLLBACK').catch(() => {});
        throw e;
      }
      result.toAnalytics = missing.length;
    }
  } finally {
    db.close();
  }
  return result;
}
