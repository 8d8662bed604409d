// Reads and writes customers in the operational store. Works on a Kysely<Database> or inside a
// caller's transaction (an import batch), on PGlite and on PostgreSQL alike.
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { Customer, Database } from '../../store/database.ts';
import { StoreError } from '../../store/store-error.ts';
import { prepareCustomers } from './customer-record.ts';
import type { CustomerField, CustomerRecord } from './customer-record.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface UpsertCustomersResult {
  readonly inserted: number;
  /** Existing customers whose stored values changed. */
  readonly updated: number;
  /** Existing customers whose stored values were already identical (left untouched). */
  readonly unchanged: number;
  /** Input records overridden by a later record with the same code in the same call. */
  readonly duplicatesInInput: number;
}

/**
 * 14 bound parameters per row; 1,000 rows stay far below PostgreSQL's 65,535-parameter limit
 * while keeping round trips few.
 */
const ROWS_PER_STATEMENT = 1000;

/**
 * Inserts new customers and updates existing ones (matched by customer_code), all in one
 * transaction: the caller's, if `db` is one, else a new one. Either every record is stored or none.
 *
 * Fields present in any record of the call are written for every record of the call (a record
 * lacking one stores null, or an empty tag list); fields absent from all records keep their stored
 * values. An update that would change nothing is skipped, so `updated_at` keeps meaning "changed".
 *
 * @example
 * const r = await upsertCustomers(db, [{ customer_code: 'M001', name: '王芳', city: '杭州' }]);
 * // r = { inserted: 1, updated: 0, unchanged: 0, duplicatesInInput: 0 }
 */
export async function upsertCustomers(db: Db, input: readonly CustomerRecord[]): Promise<UpsertCustomersResult> {
  const { records, fields, duplicatesInInput } = prepareCustomers(input);
  const totals = { inserted: 0, updated: 0, unchanged: 0, duplicatesInInput };
  if (records.length === 0) return totals;

  const work = async (trx: Db): Promise<void> => {
    for (let start = 0; start < records.length; start += ROWS_PER_STATEMENT) {
      const chunk = records.slice(start, start + ROWS_PER_STATEMENT);
      const codes = chunk.map((r) => r.customer_code);
      // Which codes exist decides inserted vs updated; asked explicitly rather than through the
      // `xmax = 0` trick, which reads a system column whose meaning is an implementation detail.
      const existing = new Set(
        (await trx.selectFrom('customers').select('customer_code').where('customer_code', 'in', codes).execute()).map((r) => r.customer_code),
      );
      const written = await trx
        .insertInto('customers')
        .values(chunk.map((r) => pick(r, fields)))
        .onConflict((oc) => {
          if (fields.length === 0) return oc.column('customer_code').doNothing();
          return oc
            .column('customer_code')
            .doUpdateSet((eb) => ({
              ...Object.fromEntries(fields.map((f) => [f, eb.ref(`excluded.${f}`)])),
              updated_at: sql<Date>`now()`,
            }))
            .where(changed(fields));
        })
        .returning('customer_code')
        .execute();
      for (const { customer_code } of written) {
        if (existing.has(customer_code)) totals.updated++;
        else totals.inserted++;
      }
      totals.unchanged += chunk.length - written.length;
    }
  };

  if (db.isTransaction) await work(db);
  else await db.transaction().execute(work);
  return totals;
}

function pick(record: CustomerRecord, fields: readonly CustomerField[]): CustomerRecord {
  const row: CustomerRecord = { customer_code: record.customer_code };
  for (const f of fields) {
    const value = record[f];
    // An explicit null; undefined would make Kysely write DEFAULT, which is null except for tags.
    Object.assign(row, { [f]: value === undefined ? (f === 'tags' ? [] : null) : value });
  }
  return row;
}

/** `(customers.a, …) IS DISTINCT FROM (excluded.a, …)`: null-safe "something changed". */
function changed(fields: readonly CustomerField[]) {
  const stored = sql.join(fields.map((f) => sql.ref(`customers.${f}`)));
  const incoming = sql.join(fields.map((f) => sql.ref(`excluded.${f}`)));
  return sql<boolean>`(${stored}) is distinct from (${incoming})`;
}

/** One customer by member number, or undefined. */
export async function getCustomerByCode(db: Db, customerCode: string): Promise<Customer | undefined> {
  return db.selectFrom('customers').selectAll().where('customer_code', '=', customerCode.trim()).executeTakeFirst();
}

export interface CustomerPage {
  readonly items: Customer[];
  /** Pass as `after` to get the next page; null on the last page. */
  readonly nextCursor: number | null;
}

/**
 * Customers in id order, a page at a time. Keyset pagination (`after` = last id seen) rather than
 * OFFSET: pages stay consistent while an import inserts rows, and page 1,000 costs what page 1 does.
 *
 * @example
 * let page = await listCustomers(db, { limit: 100 });
 * while (page.nextCursor !== null) page = await listCustomers(db, { limit: 100, after: page.nextCursor });
 */
export async function listCustomers(db: Db, options: { limit?: number; after?: number } = {}): Promise<CustomerPage> {
  const { limit = 50, after } = options;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new StoreError('invalid-input', `page size must be an integer from 1 to 1000, got ${limit}`);
  }
  let query = db.selectFrom('customers').selectAll().orderBy('id').limit(limit + 1);
  if (after !== undefined) query = query.where('id', '>', after);
  const rows = await query.execute();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? last.id : null };
}
