// Writes a staged customers or interactions file into the operational store, inside the caller's
// transaction (runImportBatch's), a page of rows at a time so a large member list never sits in
// memory whole. Customers are upserted by member number; interactions are linked to the customer
// with their member number when there is one (and keep the number when there is not yet).
import { sql, type Transaction } from 'kysely';
import { upsertCustomers } from '../domain/customers/customer-repository.ts';
import type { CustomerRecord } from '../domain/customers/customer-record.ts';
import type { DuckDbEngine, Row } from '../engines/duckdb/duckdb-engine.ts';
import type { Database, InteractionKind } from '../store/database.ts';
import type { RecordColumns } from './record-kinds.ts';

const PAGE = 5000;
/** 16 columns per interaction row: 1,000 rows stay far below PostgreSQL's 65,535 bound parameters. */
const INSERT_ROWS = 1000;

type Trx = Transaction<Database>;

/** Pages through ingest_loaded (the staged rows to store, in line order). */
async function forEachPage(db: DuckDbEngine, columns: string, visit: (rows: Row[]) => Promise<void>): Promise<void> {
  for (let from = 0; ; from += PAGE) {
    const rows = await db.rows(`SELECT ${columns} FROM ingest_loaded WHERE k >= ${from} AND k < ${from + PAGE} ORDER BY k`);
    if (rows.length === 0) return;
    await visit(rows);
  }
}

/** ingest_loaded: the loaded rows numbered 0… in line order, with their line numbers. */
export const createLoadedSql = (numbered: string): string =>
  `CREATE OR REPLACE TEMP TABLE ingest_loaded AS SELECT row_number() OVER (ORDER BY line) - 1 AS k, * FROM ${numbered} WHERE status = 'loaded'`;

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Splits a tags cell on ; , | 、 ， (the separators spreadsheets and Chinese tills use). */
export const splitTags = (cell: string | null): string[] => (cell === null ? [] : cell.split(/[;,|、，；]/).map((t) => t.trim()).filter((t) => t !== ''));

const CUSTOMER_COLUMNS: readonly [role: string, field: keyof CustomerRecord, sql: string][] = [
  ['name', 'name', 'f_name'], ['phone', 'phone', 'f_phone'], ['email', 'email', 'f_email'], ['gender', 'gender', 'f_gender'],
  ['birthday', 'birthday', 'CAST(f_birthday AS VARCHAR)'], ['city', 'city', 'f_city'], ['joinDate', 'join_date', 'CAST(f_joinDate AS VARCHAR)'],
  ['tier', 'tier', 'f_tier'], ['tags', 'tags', 'f_tags'], ['originChannel', 'origin_channel', 'f_originChannel'],
  ['updatedAt', 'profile_updated_at', "strftime(f_updatedAt, '%Y-%m-%d %H:%M:%S')"],
];

/**
 * Upserts the staged customers; fields the file has are written (blank cells as null), fields it
 * lacks keep their stored values.
 */
export async function loadCustomers(db: DuckDbEngine, trx: Trx, batchId: number, columns: RecordColumns): Promise<{ inserted: number; updated: number; unchanged: number }> {
  const mapped = CUSTOMER_COLUMNS.filter(([role]) => columns[role] !== undefined);
  const select = ['f_customer', ...mapped.map(([role, , sql]) => `${sql} AS c_${role}`)].join(', ');
  const totals = { inserted: 0, updated: 0, unchanged: 0 };
  await forEachPage(db, select, async (rows) => {
    const records = rows.map((r) => {
      const record: CustomerRecord = { customer_code: String(r.f_customer), source: `import:${batchId}` };
      for (const [role, field] of mapped) {
        const v = text(r[`c_${role}`]);
        Object.assign(record, { [field]: field === 'tags' ? splitTags(v) : v });
      }
      return record;
    });
    const r = await upsertCustomers(trx, records);
    totals.inserted += r.inserted;
    totals.updated += r.updated;
    totals.unchanged += r.unchanged;
  });
  // Interactions imported before their customer carry only the member number: link them now.
  await sql`update interactions set customer_id = c.id from customers c
    where interactions.customer_id is null and interactions.customer_code = c.customer_code`.execute(trx);
  return totals;
}

/**
 * Inserts the staged interactions. Without a status column, a complaint is 'open' until it has a
 * resolution time ('resolved'); calls, visits and surveys are 'closed' (they are records of
 * something done, not cases to work on).
 */
export async function loadInteractions(db: DuckDbEngine, trx: Trx, batchId: number): Promise<{ unlinked: number; anonymous: number; alreadyLoaded: number }> {
  const counts = { unlinked: 0, anonymous: 0, alreadyLoaded: 0 };
  const select = `f_customer, f_kind, strftime(f_date, '%Y-%m-%d %H:%M:%S') AS occurred_at, f_channel, f_subject, f_body, f_score, f_satisfaction,
    f_status, strftime(f_resolvedAt, '%Y-%m-%d %H:%M:%S') AS resolved_at, f_order`;
  await forEachPage(db, select, async (rows) => {
    const codes = [...new Set(rows.map((r) => text(r.f_customer)).filter((c): c is string => c !== null))];
    const ids = new Map<string, number>();
    for (let i = 0; i < codes.length; i += INSERT_ROWS) {
      const found = await trx.selectFrom('customers').select(['id', 'customer_code']).where('customer_code', 'in', codes.slice(i, i + INSERT_ROWS)).execute();
      for (const c of found) ids.set(c.customer_code, c.id);
    }
    const stored = await storedInteractions(trx, rows);
    const fresh = rows.filter((r) => !stored.has(interactionKey(r)));
    counts.alreadyLoaded += rows.length - fresh.length;
    const values = fresh.map((r) => {
      const code = text(r.f_customer);
      if (code === null) counts.anonymous++;
      else if (!ids.has(code)) counts.unlinked++;
      const kind = String(r.f_kind) as InteractionKind;
      const resolvedAt = text(r.resolved_at);
      const status = text(r.f_status) ?? (kind === 'complaint' ? (resolvedAt === null ? 'open' : 'resolved') : 'closed');
      return {
        customer_id: code === null ? null : (ids.get(code) ?? null), customer_code: code, kind, occurred_at: String(r.occurred_at),
        channel: text(r.f_channel), subject: text(r.f_subject), body: text(r.f_body), score: r.f_score === null ? null : Number(r.f_score),
        satisfaction: r.f_satisfaction === null ? null : Number(r.f_satisfaction), status, resolved_at: resolvedAt, order_id: text(r.f_order),
        source: `import:${batchId}`,
      };
    });
    for (let i = 0; i < values.length; i += INSERT_ROWS) await trx.insertInto('interactions').values(values.slice(i, i + INSERT_ROWS)).execute();
  });
  return counts;
}

/** What makes two interaction records the same: member number, kind, time, subject and text. */
const interactionKey = (r: Row): string => JSON.stringify([text(r.f_customer), String(r.f_kind), String(r.occurred_at), text(r.f_subject), text(r.f_body)]);

/**
 * Keys of interactions already stored at the times this page has (an overlapping export): only
 * records at one of those times can match, so the lookup stays as small as the page.
 */
async function storedInteractions(trx: Trx, rows: readonly Row[]): Promise<Set<string>> {
  const times = [...new Set(rows.map((r) => String(r.occurred_at)))];
  const keys = new Set<string>();
  for (let i = 0; i < times.length; i += INSERT_ROWS) {
    const found = await trx.selectFrom('interactions')
      .select(['customer_code', 'kind', sql<string>`to_char(occurred_at, 'YYYY-MM-DD HH24:MI:SS')`.as('occurred_at'), 'subject', 'body'])
      .where((eb) => eb('occurred_at', 'in', times.slice(i, i + INSERT_ROWS).map((t) => sql<Date>`cast(${t} as timestamptz)`))).execute();
    for (const f of found) keys.add(JSON.stringify([f.customer_code, f.kind, f.occurred_at, f.subject, f.body]));
  }
  return keys;
}
