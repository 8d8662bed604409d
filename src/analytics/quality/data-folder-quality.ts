// The data-quality report of a data folder: the customer checks over the operational store's
// customers (with each one's last purchase from the analytics store) and the sales checks over the
// imported sales lines. Used by `cvm quality` and by `cvm analyze --data DIR` for report.html.
import { existsSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import type { DataQualityCheck } from '../../report/report-data.ts';
import { analyticsStorePath, hasOperationalStore, operationalStoreOptions } from '../../store/data-folder.ts';
import type { Database } from '../../store/database.ts';
import { openOperationalStore, type OperationalStore } from '../../store/open-operational-store.ts';
import { customerQuality, type CustomerFacts, type CustomerQualityOptions } from './customer-quality.ts';
import { salesQuality } from './sales-quality.ts';

const PAGE = 10_000;

/** A member record as the customer checks need it: CustomerFacts without the last purchase (JSON-safe, all text). */
export type CustomerRecord = Omit<CustomerFacts, 'lastPurchase'>;

/** Every customer record of the operational store, a page at a time (keyset on id). */
export async function readCustomerRecords(db: Kysely<Database>): Promise<CustomerRecord[]> {
  const records: CustomerRecord[] = [];
  for (let after = 0; ;) {
    const rows = await db.selectFrom('customers')
      .select(['id', 'customer_code', 'name', 'phone', 'email', 'birthday', 'join_date', 'profile_updated_at', 'updated_at', 'created_at'])
      .where('id', '>', after).orderBy('id').limit(PAGE).execute();
    for (const r of rows) {
      records.push({
        code: r.customer_code, name: r.name, phone: r.phone, email: r.email, birthday: r.birthday, joinDate: r.join_date,
        updatedAt: lastUpdate(r.profile_updated_at, r.created_at, r.updated_at),
      });
    }
    if (rows.length < PAGE) return records;
    after = rows[rows.length - 1].id;
  }
}

/** Every customer's facts, with last purchases from `lastPurchase`. */
export async function loadCustomerFacts(db: Kysely<Database>, lastPurchase: ReadonlyMap<string, string>): Promise<CustomerFacts[]> {
  return withLastPurchase(await readCustomerRecords(db), lastPurchase);
}

const withLastPurchase = (records: readonly CustomerRecord[], lastPurchase: ReadonlyMap<string, string>): CustomerFacts[] =>
  records.map((r) => ({ ...r, lastPurchase: lastPurchase.get(r.code) ?? null }));

/**
 * The last known change of a record: the source system's own date, or a change we stored after
 * creating the record (an import with new values or an edit; unchanged re-imports do not touch
 * updated_at). Merely being imported is no sign of life, so a record with neither has none.
 */
export function lastUpdate(profileUpdatedAt: Date | null, createdAt: Date, updatedAt: Date): string | null {
  const ours = updatedAt.getTime() > createdAt.getTime() ? updatedAt : null;
  const latest = [profileUpdatedAt, ours].filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime()).at(-1);
  return latest === undefined ? null : latest.toISOString().slice(0, 10);
}

const hasTable = async (db: DuckDbEngine, name: string): Promise<boolean> =>
  Number(await db.scalar(`SELECT count(*) FROM duckdb_tables() WHERE table_name = '${name}' AND NOT temporary`)) > 0;

/** Each member's last loaded purchase (YYYY-MM-DD) and the last sale date of the store, from sales_lines. */
export async function salesFacts(db: DuckDbEngine): Promise<{ lastPurchase: Map<string, string>; lastSale: string | null }> {
  const lastPurchase = new Map<string, string>();
  if (!(await hasTable(db, 'sales_lines'))) return { lastPurchase, lastSale: null };
  const rows = await db.rows(`SELECT customer_id, strftime(max(ts), '%Y-%m-%d') AS d FROM sales_lines
    WHERE exclusion IS NULL AND customer_id IS NOT NULL GROUP BY customer_id`);
  let lastSale: string | null = null;
  for (const r of rows) {
    const d = String(r.d);
    lastPurchase.set(String(r.customer_id), d);
    if (lastSale === null || d > lastSale) lastSale = d;
  }
  return { lastPurchase, lastSale };
}

export type QualitySettings = Omit<CustomerQualityOptions, 'today' | 'asOf'> & { readonly today?: string; readonly asOf?: string };

/**
 * The customer checks of a data folder whose operational store has customers; [] otherwise.
 * `db` is the folder's analytics store when the caller has it open (for last purchases); `store` the
 * operational store when the caller holds it (PGlite must not be opened twice on one folder).
 */
export async function customerChecksOfFolder(
  dataDir: string, db: DuckDbEngine | undefined, o: QualitySettings & { databaseUrl?: string; store?: OperationalStore; records?: readonly CustomerRecord[] } = {},
): Promise<DataQualityCheck[]> {
  if (o.records === undefined && o.store === undefined && !hasOperationalStore(dataDir, o.databaseUrl)) return [];
  const sales = db ? await salesFacts(db) : { lastPurchase: new Map<string, string>(), lastSale: null };
  const checks = (facts: CustomerFacts[]): DataQualityCheck[] => {
    if (facts.length === 0) return [];
    const today = o.today ?? new Date().toISOString().slice(0, 10);
    return customerQuality(facts, { ...o, today, asOf: o.asOf ?? sales.lastSale ?? today });
  };
  // Records read by a process that holds the store (cvm serve, for its re-analysis child).
  if (o.records !== undefined) return checks(withLastPurchase(o.records, sales.lastPurchase));
  const store = o.store ?? (await openOperationalStore(operationalStoreOptions(dataDir, o.databaseUrl)));
  try {
    return checks(await loadCustomerFacts(store.db, sales.lastPurchase));
  } finally {
    if (o.store === undefined) await store.close();
  }
}

export interface FolderQuality {
  today: string;
  /** The day staleness was measured from: the last sale date when there are sales, else today. */
  asOf: string;
  staleMonths: number;
  customers: number;
  salesLines: number;
  checks: DataQualityCheck[];
}

/**
 * Every check a data folder allows: customers (operational store) and sales lines (analytics store).
 * @example const q = await folderQuality('cvm-data', { staleMonths: 18 }); // q.checks[0].id === 'duplicate-phone'
 */
export async function folderQuality(dataDir: string, o: QualitySettings & { databaseUrl?: string } = {}): Promise<FolderQuality> {
  const today = o.today ?? new Date().toISOString().slice(0, 10);
  const path = analyticsStorePath(dataDir);
  const db = existsSync(path) ? await DuckDbEngine.open({ path, threads: 1 }) : undefined;
  try {
    const sales = db ? await salesFacts(db) : { lastPurchase: new Map<string, string>(), lastSale: null };
    const asOf = o.asOf ?? sales.lastSale ?? today;
    const customerChecks = await customerChecksOfFolder(dataDir, db, { ...o, today, asOf });
    const salesLines = db && (await hasTable(db, 'sales_lines')) ? Number(await db.scalar('SELECT count(*) FROM sales_lines')) : 0;
    const salesChecks = db && salesLines > 0 ? await salesQuality(db, { today }) : [];
    return {
      today, asOf, staleMonths: o.staleMonths ?? 24, customers: customerChecks[0]?.total ?? 0, salesLines, checks: [...customerChecks, ...salesChecks],
    };
  } finally {
    db?.close();
  }
}
