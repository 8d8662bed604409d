// The operational store's record of an import whose rows go to the analytics store (sales, products,
// events): the batch is `running` while the import runs, `done` with its counts afterwards, `failed`
// with the reason if it throws, and `attempts` counts the tries — what `cvm serve` lists. The rows
// themselves commit in DuckDB; a process killed between that commit and the `done` mark leaves the
// batch `running`, and the next import or syncImportBatches marks it done.
import { basename } from 'node:path';
import { beginImportBatch, completeImportBatch, failImportBatch } from '../domain/import-batches/import-batch-repository.ts';
import type { ImportCounts } from '../store/database.ts';
import type { OperationalStore } from '../store/open-operational-store.ts';
import { scanFile } from './scan-file.ts';

export interface TrackedOutcome {
  readonly counts: ImportCounts;
  readonly rejectFile: string | null;
}

/**
 * Runs `work` with its batch tracked in the operational store.
 * @example
 * const r = await trackImport(store, 'sales.csv', 'sales', () => importSales({ … }), (r) => ({ counts: flatSalesCounts(r.counts), rejectFile: r.rejectFile }));
 */
export async function trackImport<T>(store: OperationalStore, path: string, kind: string, work: () => Promise<T>, outcome: (result: T) => TrackedOutcome): Promise<T> {
  // The file's identity before the import starts, so the batch can be `running` while it runs (one extra read of the file).
  const { hash } = await scanFile(path, { gzip: false, lines: false });
  const begun = await beginImportBatch(store.db, { contentHash: hash, kind, fileName: basename(path) });
  let result: T;
  try {
    result = await work();
  } catch (e) {
    if (begun.outcome !== 'already-done') await failImportBatch(store.db, begun.batch.id, e instanceof Error ? e.message : String(e)).catch(() => undefined);
    throw e;
  }
  if (begun.outcome !== 'already-done') {
    const { counts, rejectFile } = outcome(result);
    await store.db.transaction().execute(async (trx) => {
      await trx.updateTable('import_batches').set({ reject_file: rejectFile }).where('id', '=', begun.batch.id).execute();
      await completeImportBatch(trx, begun.batch.id, counts);
    });
  }
  return result;
}
