// One import, all or nothing: begin (or find) the batch, write its rows and mark it done in a single
// transaction, and record a failure if anything throws. A process killed at any moment leaves either
// the finished batch or a `running` one with none of its rows, which the next run resumes.
import type { Kysely, Transaction } from 'kysely';
import type { Database, ImportBatch, ImportCounts } from '../../store/database.ts';
import { beginImportBatch, completeImportBatch, failImportBatch } from './import-batch-repository.ts';
import type { BeginOutcome, ImportBatchKey } from './import-batch-repository.ts';

/**
 * Writes a batch's rows through `trx` and returns its counts. It must use `trx` only: on PGlite the
 * transaction holds the one connection, so a query on the outer `db` would wait forever.
 */
export type LoadBatch = (trx: Transaction<Database>, batch: ImportBatch) => Promise<ImportCounts>;

export interface ImportBatchRun {
  /** 'new' or 'resume' when `load` ran and committed; 'already-done' when it did not run. */
  readonly outcome: BeginOutcome;
  /** The batch as stored afterwards. */
  readonly batch: ImportBatch;
}

/**
 * Runs `load` for a file's content unless that content was already imported.
 *
 * @example
 * const run = await runImportBatch(db, { contentHash, kind: 'customers', fileName }, async (trx, batch) => {
 *   const r = await upsertCustomers(trx, records.map((c) => ({ ...c, source: `import:${batch.id}` })));
 *   return { read: records.length, inserted: r.inserted, updated: r.updated };
 * });
 * if (run.outcome === 'already-done') console.log('this file was imported before; nothing changed');
 */
export async function runImportBatch(db: Kysely<Database>, key: ImportBatchKey, load: LoadBatch): Promise<ImportBatchRun> {
  const begun = await beginImportBatch(db, key);
  if (begun.outcome === 'already-done') return begun;
  const batchId = begun.batch.id;
  try {
    const finished = await db.transaction().execute(async (trx) => {
      // Locking the batch row serialises two servers importing the same file at once: the second
      // waits here, then finds the batch done and writes nothing.
      const current = await trx.selectFrom('import_batches').select('status').where('id', '=', batchId).forUpdate().executeTakeFirstOrThrow();
      if (current.status === 'done') return undefined;
      const counts = await load(trx, begun.batch);
      return completeImportBatch(trx, batchId, counts);
    });
    if (finished) return { outcome: begun.outcome, batch: finished };
    const batch = await db.selectFrom('import_batches').selectAll().where('id', '=', batchId).executeTakeFirstOrThrow();
    return { outcome: 'already-done', batch };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // Best effort: if even this fails (database gone), the batch stays `running` and resumes later.
    await failImportBatch(db, batchId, reason).catch(() => undefined);
    throw error;
  }
}
