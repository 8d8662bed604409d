// The checks a customer record passes before it reaches the database, kept pure so they are tested
// without one. The database repeats the essential ones (unique, not-blank code; `date` type), but a
// message naming the member number is more use to a CRM manager than a constraint name.
import type { NewCustomer } from '../../store/database.ts';
import { StoreError } from '../../store/store-error.ts';

/** What an import or a form supplies; the database assigns id and timestamps. */
export type CustomerRecord = Omit<NewCustomer, 'id' | 'created_at' | 'updated_at'>;

/** Columns a record may carry besides its code, in a fixed order for the upsert statement. */
export const CUSTOMER_FIELDS = [
  'name', 'phone', 'email', 'gender', 'birthday', 'city', 'join_date', 'tier', 'tags', 'source', 'origin_channel', 'profile_updated_at',
] as const satisfies readonly (keyof CustomerRecord)[];

export type CustomerField = (typeof CUSTOMER_FIELDS)[number];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD, year 1 or later (rejects 2023-02-30). */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999. PostgreSQL has no year 0.
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  return y >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export interface PreparedCustomers {
  /** One record per code, trimmed; the last occurrence of a repeated code wins. */
  readonly records: CustomerRecord[];
  /** Fields present (not undefined) in at least one record: the columns an upsert overwrites. */
  readonly fields: CustomerField[];
  /** How many input records were replaced by a later one with the same code. */
  readonly duplicatesInInput: number;
}

/**
 * Validates and de-duplicates records for an upsert; throws StoreError('invalid-input') naming the
 * first bad record. Repeated codes are collapsed here because PostgreSQL refuses to update one row
 * twice in a single INSERT … ON CONFLICT statement.
 *
 * @example
 * prepareCustomers([{ customer_code: ' M001 ', name: '王芳' }]).records[0].customer_code; // 'M001'
 */
export function prepareCustomers(input: readonly CustomerRecord[]): PreparedCustomers {
  const byCode = new Map<string, CustomerRecord>();
  const present = new Set<CustomerField>();
  input.forEach((record, index) => {
    const code = typeof record.customer_code === 'string' ? record.customer_code.trim() : '';
    const where = `customer record ${index + 1}${code ? ` (code ${code})` : ''}`;
    if (!code) throw new StoreError('invalid-input', `${where}: customer_code is empty`);
    for (const field of ['birthday', 'join_date'] as const) {
      const value = record[field];
      if (value != null && !isIsoDate(value)) throw new StoreError('invalid-input', `${where}: ${field} "${value}" is not a YYYY-MM-DD date`);
    }
    if (record.tags !== undefined && (!Array.isArray(record.tags) || record.tags.some((t) => typeof t !== 'string'))) {
      throw new StoreError('invalid-input', `${where}: tags must be a list of strings`);
    }
    for (const field of CUSTOMER_FIELDS) if (record[field] !== undefined) present.add(field);
    byCode.delete(code); // re-insert so Map order follows the last occurrence
    byCode.set(code, { ...record, customer_code: code });
  });
  return {
    records: [...byCode.values()],
    fields: CUSTOMER_FIELDS.filter((f) => present.has(f)),
    duplicatesInInput: input.length - byCode.size,
  };
}
