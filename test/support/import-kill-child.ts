// Child process for the kill test (test/conformance/operational-import-kill.test.ts): commits one
// import batch, then starts a second and stops inside its data transaction, saying so on stdout,
// so that the parent can SIGKILL it at exactly that moment.
// Usage: node import-kill-child.ts '<OperationalStoreOptions as JSON>'
import { upsertCustomers } from '../../src/domain/customers/customer-repository.ts';
import { runImportBatch } from '../../src/domain/import-batches/run-import-batch.ts';
import { openOperationalStore } from '../../src/store/open-operational-store.ts';
import type { OperationalStoreOptions } from '../../src/store/open-operational-store.ts';

export const COMMITTED_CUSTOMERS = 50;
export const KILLED_CUSTOMERS = 1000;
export const batchHash = (n: number): string => n.toString(16).padStart(64, '0');
export const codes = (prefix: string, n: number): { customer_code: string }[] =>
  Array.from({ length: n }, (_, i) => ({ customer_code: `${prefix}${i}` }));

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as OperationalStoreOptions;
  const store = await openOperationalStore(options);
  await runImportBatch(store.db, { contentHash: batchHash(1), kind: 'customers' }, async (trx) => {
    await upsertCustomers(trx, codes('K', COMMITTED_CUSTOMERS));
    return { read: COMMITTED_CUSTOMERS };
  });
  console.log('committed');
  await runImportBatch(store.db, { contentHash: batchHash(2), kind: 'customers' }, async (trx) => {
    await upsertCustomers(trx, codes('L', KILLED_CUSTOMERS));
    console.log('inside-transaction');
    await new Promise(() => undefined); // wait here for SIGKILL
    return {};
  });
}

if (process.argv[1] && import.meta.filename === process.argv[1]) await main();
