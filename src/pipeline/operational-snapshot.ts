// What an analysis reads from a data folder's operational store, read ahead by a process that holds
// the store for one that cannot open it: cvm serve keeps its PGlite store open, so the child process
// that re-analyses the folder after an import gets the complaints and survey answers (NPS, loyalty
// quadrants, buying again after a complaint) and the member records (the customer data-quality
// checks) in a JSON file instead.
import { readCustomerRecords, type CustomerRecord } from '../analytics/quality/data-folder-quality.ts';
import type { OperationalStore } from '../store/open-operational-store.ts';
import { readInteractions, type InteractionRow } from './retail-operational.ts';

export interface OperationalSnapshot {
  interactions: InteractionRow[];
  customers: CustomerRecord[];
}

export async function readOperationalSnapshot(store: OperationalStore): Promise<OperationalSnapshot> {
  return { interactions: await readInteractions(store), customers: await readCustomerRecords(store.db) };
}
