// Bookkeeping of imports: one batch per file content (SHA-256 of its bytes), so re-importing the
// same file is recognised and a failed or killed import is resumed rather than duplicated.
//
// The batch row is committed on its own when an import begins (so "this file is being imported"
// survives a crash), while the imported rows and the batch's `done` mark are written by the caller
// in ONE transaction (see runImportBatch): after a kill -9 the store holds a `running` batch and none
// of its rows, and the next attempt sees 'resume'.
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { Database, ImportBatch, ImportCounts } from '../../store/database.ts';
import { StoreError } from '../../store/store-error.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface ImportBatchKey {
  /** Hex SHA-256 of the file's bytes. */
  readonly contentHash: string;
  /** What the file holds: 'customers', 'transactions', 'products', … */
  readonly kind: string;
  readonly fileName?: string | null;
}

/**
 * - 'new': first time this content is seen; the batch is now `running`.
 * - 'already-done': imported before; nothing to do.
 * - 'resume': an earlier attempt failed or was killed; the batch is `running` again
 *   (its `attempts` counts the tries). None of the earlier attempt's rows were kept.
 */
export type BeginOutcome = 'new' | 'already-done' | 'resume';

export interface BegunBatch {
  readonly outcome: BeginOutcome;
  readonly batch: ImportBatch;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Registers an import of a file's content, or finds the earlier one.
 *
 * @example
 * const { outcome, batch } = await beginImportBatch(db, { contentHash, kind: 'customers', fileName: 'members.csv' });
 * if (outcome === 'already-done') console.log(`already imported as batch ${batch.id}`);
 */
export async function beginImportBatch(db: Db, key: ImportBatchKey): Promise<BegunBatch> {
  if (!SHA256_HEX.test(key.contentHash)) {
    throw new StoreError('invalid-input', `content hash must be 64 lowercase hex digits (SHA-256), got "${key.contentHash}"`);
  }
  const created = await db
    .insertInto('import_batches')
    .values({ content_hash: key.contentHash, kind: key.kind, file_name: key.fileName ?? null, status: 'running' })
    .onConflict((oc) => oc.column('content_hash').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (created) return { outcome: 'new', batch: created };

  // Restart a failed/killed attempt; the status condition makes a concurrent finisher win.
  const resumed = await db
    .updateTable('import_batches')
    .set((eb) => ({
      status: 'running',
      error: null,
      finished_at: null,
      started_at: sql<Date>`now()`,
      attempts: eb('attempts', '+', 1),
      kind: key.kind,
      file_name: key.fileName ?? null,
    }))
    .where('content_hash', '=', key.contentHash)
    .where('status', '<>', 'done')
    .returningAll()
    .executeTakeFirst();
  if (resumed) return { outcome: 'resume', batch: resumed };

  const done = await db.selectFrom('import_batches').selectAll().where('content_hash', '=', key.contentHash).executeTakeFirstOrThrow();
  return { outcome: 'already-done', batch: done };
}

/** Marks a batch done with its counts. Call it inside the transaction that wrote the batch's rows. */
export async function completeImportBatch(trx: Transaction<Database>, batchId: number, counts: ImportCounts): Promise<ImportBatch> {
  const batch = await trx
    .updateTable('import_batches')
    .set({ status: 'done', counts: JSON.stringify(counts), error: null, finished_at: sql<Date>`now()` })
    .where('id', '=', batchId)
    .returningAll()
    .executeTakeFirst();
  if (!batch) throw new StoreError('not-found', `import batch ${batchId} does not exist`);
  return batch;
}

/** Records why an attempt failed (after its data transaction rolled back). A done batch stays done. */
export async function failImportBatch(db: Db, batchId: number, reason: string): Promise<void> {
  await db
    .updateTable('import_batches')
    .set({ status: 'failed', error: reason, finished_at: sql<Date>`now()` })
    .where('id', '=', batchId)
    .where('status', '<>', 'done')
    .execute();
}

/** Batches newest first. */
export async function listImportBatches(db: Db, options: { limit?: number; before?: number } = {}): Promise<ImportBatch[]> {
  const { limit = 50, before } = options;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new StoreError('invalid-input', `page size must be an integer from 1 to 1000, got ${limit}`);
  }
  let query = db.selectFrom('import_batches').selectAll().orderBy('id', 'desc').limit(limit);
  if (before !== undefined) query = query.where('id', '<', before);
  return query.execute();
}
