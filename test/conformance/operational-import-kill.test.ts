// A real kill -9 in the middle of an import, on every engine: a child process commits one batch,
// then is SIGKILLed inside the data transaction of a second. Afterwards the first batch and its rows
// must all be there (durability of a commit, including PGlite's files on disk), the second must
// have left no row behind, and running it again must complete it.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { upsertCustomers } from '../../src/domain/customers/customer-repository.ts';
import { listImportBatches } from '../../src/domain/import-batches/import-batch-repository.ts';
import { runImportBatch } from '../../src/domain/import-batches/run-import-batch.ts';
import { openOperationalStore } from '../../src/store/open-operational-store.ts';
import type { OperationalStoreOptions } from '../../src/store/open-operational-store.ts';
import { repoPath } from '../../src/testing/shared-data.ts';
import { COMMITTED_CUSTOMERS, KILLED_CUSTOMERS, batchHash, codes } from '../support/import-kill-child.ts';
import { enginesUnderTest } from '../support/store-engines.ts';

/** Runs the child until it reports being inside the second transaction, then SIGKILLs it. */
function killMidImport(options: OperationalStoreOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [repoPath('test', 'support', 'import-kill-child.ts'), JSON.stringify(options)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`child never reached the transaction:\n${out}\n${err}`)); }, 60_000);
    child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('inside-transaction')) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' && out.includes('committed')) resolve();
      else reject(new Error(`child exited (${String(code)}, ${String(signal)}) before being killed:\n${out}\n${err}`));
    });
  });
}

for (const engine of enginesUnderTest()) {
  describe(`operational store on ${engine.name}`, () => {
    const name = 'an import killed with SIGKILL mid-transaction leaves no rows and resumes to completion';
    if (engine.skipReason) {
      it.skip(`${name} [skipped: ${engine.skipReason}]`, () => undefined);
      return;
    }
    it(name, async () => {
      const { options, drop } = await engine.freshDatabase();
      try {
        await killMidImport(options);
        const store = await openOperationalStore(options);
        try {
          const db = store.db;
          const count = async (): Promise<number> =>
            (await db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
          expect(await count()).toBe(COMMITTED_CUSTOMERS);
          const byHash = new Map((await listImportBatches(db)).map((b) => [b.content_hash, b]));
          expect(byHash.get(batchHash(1))).toMatchObject({ status: 'done', counts: { read: COMMITTED_CUSTOMERS } });
          expect(byHash.get(batchHash(2))).toMatchObject({ status: 'running', attempts: 1 });

          const rerun = await runImportBatch(db, { contentHash: batchHash(2), kind: 'customers' }, async (trx) => {
            const r = await upsertCustomers(trx, codes('L', KILLED_CUSTOMERS));
            return { read: KILLED_CUSTOMERS, inserted: r.inserted };
          });
          expect(rerun.outcome).toBe('resume');
          expect(rerun.batch).toMatchObject({ status: 'done', attempts: 2, counts: { inserted: KILLED_CUSTOMERS } });
          expect(await count()).toBe(COMMITTED_CUSTOMERS + KILLED_CUSTOMERS);
        } finally {
          await store.close();
        }
      } finally {
        await drop();
      }
    });
  });
}
