// Building blocks of the customer snapshot that touch every row: put the rows in customer_id order,
// move number columns into shared memory (the sort worker reads them without a copy) and turn a text
// column into numbers that sort like its text. Each works through the rows in slices and lets the event
// loop run between them: at 1M customers a single pass would hold every other request for 0.1–2 s.
import type { Columns } from '../../engines/duckdb/read-columns.ts';
import { quoteIdent } from '../../engines/duckdb/sql-literal.ts';
import type { AnalyticsPool } from '../analytics/analytics-pool.ts';

const SLICE = 65_536;
/** Lets pending I/O and timers run before the next slice. */
export const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A text column's distinct values numbered (NULL among them, last; it never matches in a join). */
const dictionary = (name: string): string =>
  `SELECT v, row_number() OVER (ORDER BY v) - 1 AS code FROM (SELECT DISTINCT ${quoteIdent(name)} AS v FROM customers)`;

/**
 * SELECT * FROM customers in customer_id order, with each text column but customer_id read as a number
 * into its distinct values and turned back into text here: 1M rows then decode a few thousand strings
 * rather than 7M, which at 1M customers took the load from ~7 s to ~3 s of CPU and its heap from
 * ~300 MB to ~40 MB (and so the garbage collector's pauses with it). The dictionaries and the codes
 * come from two queries; should an import's swap fall between them, the table is read again.
 */
export async function loadColumns(pool: AnalyticsPool, types: Map<string, string>): Promise<Columns> {
  if (!types.has('customer_id')) return pool.columns('SELECT * FROM customers');
  const text = [...types].filter(([name, type]) => type === 'VARCHAR' && name !== 'customer_id').map(([name]) => name);
  for (let attempt = 0; attempt < 3; attempt++) {
    const generation = pool.generation;
    const values: (string | null)[][] = [];
    for (const name of text) {
      const v = (await pool.columns(`SELECT v FROM (${dictionary(name)}) ORDER BY code`)).v;
      values.push(v instanceof Float64Array || v === undefined ? [] : v);
    }
    const replace = text.map((name, k) => `d${k}.code AS ${quoteIdent(name)}`).join(', ');
    const joins = text.map((name, k) => `LEFT JOIN (${dictionary(name)}) d${k} ON c.${quoteIdent(name)} = d${k}.v`).join(' ');
    const columns = await pool.columns(text.length === 0 ? 'SELECT * FROM customers ORDER BY customer_id'
      : `SELECT c.* REPLACE (${replace}) FROM customers c ${joins} ORDER BY c.customer_id`);
    if (pool.generation !== generation) continue;
    for (const [k, name] of text.entries()) {
      const codes = columns[name];
      const dict = values[k] ?? [];
      if (!(codes instanceof Float64Array)) continue;
      const strings = new Array<string | null>(codes.length);
      for (let i = 0; i < codes.length; i++) {
        const code = codes[i] ?? Number.NaN;
        strings[i] = Number.isNaN(code) ? null : (dict[code] ?? null);
        if (i % SLICE === SLICE - 1) await breathe();
      }
      columns[name] = strings;
    }
    return columns;
  }
  return pool.columns('SELECT * FROM customers ORDER BY customer_id');
}

/** The order ties are broken by, as before: ids compared as JS strings, NULL as ''. */
const idBefore = (x: string | null, y: string | null): boolean => (x ?? '') < (y ?? '');

/**
 * The columns with their rows in customer_id order. The query already sorts by customer_id, but
 * DuckDB compares UTF-8 bytes and puts NULL last while JS compares UTF-16 code units, so the order is
 * checked (one pass) and, should it differ, redone here.
 */
export async function inIdOrder(columns: Columns): Promise<Columns> {
  const ids = columns.customer_id;
  if (!ids || ids instanceof Float64Array) return columns;
  let sorted = true;
  for (let i = 1; i < ids.length && sorted; i++) {
    if (idBefore(ids[i] ?? null, ids[i - 1] ?? null)) sorted = false;
    if (i % SLICE === 0) await breathe();
  }
  if (sorted) return columns;
  const byId = Uint32Array.from({ length: ids.length }, (_, i) => i).sort((a, b) => {
    const x = ids[a] ?? null, y = ids[b] ?? null;
    return idBefore(x, y) ? -1 : idBefore(y, x) ? 1 : 0;
  });
  const out: Columns = {};
  for (const [name, col] of Object.entries(columns)) {
    out[name] = col instanceof Float64Array ? Float64Array.from(byId, (i) => col[i] ?? Number.NaN) : Array.from(byId, (i) => col[i] ?? null);
    await breathe();
  }
  return out;
}

/** A copy of a number column in a SharedArrayBuffer. */
export function shared(col: Float64Array): Float64Array {
  const out = new Float64Array(new SharedArrayBuffer(col.length * Float64Array.BYTES_PER_ELEMENT));
  out.set(col);
  return out;
}

export interface TextKey {
  /** Per row: the rank of its value among the column's distinct values in JS string order; NaN for NULL. */
  key: Float64Array;
  /** Value → rank, for filters. */
  ranks: Map<string, number>;
}

/**
 * Sort and filter keys for a text column: sorting rows by rank is sorting them by text (equal texts tie),
 * and `text = value` is `rank = ranks.get(value)`.
 * @example const { key, ranks } = await textKey(columns.rfm_segment);
 */
export async function textKey(col: (string | null)[]): Promise<TextKey> {
  const key = new Float64Array(new SharedArrayBuffer(col.length * Float64Array.BYTES_PER_ELEMENT));
  const seen = new Map<string, number>();
  for (let i = 0; i < col.length; i++) {
    const v = col[i] ?? null;
    if (v === null) key[i] = Number.NaN;
    else {
      let code = seen.get(v);
      if (code === undefined) { code = seen.size; seen.set(v, code); }
      key[i] = code;
    }
    if (i % SLICE === SLICE - 1) await breathe();
  }
  const values = [...seen.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const ranks = new Map(values.map((v, rank) => [v, rank]));
  const rankOfCode = new Float64Array(seen.size);
  for (const [v, code] of seen) rankOfCode[code] = ranks.get(v) ?? Number.NaN;
  for (let i = 0; i < col.length; i++) {
    const code = key[i] ?? Number.NaN;
    if (!Number.isNaN(code)) key[i] = rankOfCode[code] ?? Number.NaN;
    if (i % SLICE === SLICE - 1) await breathe();
  }
  return { key, ranks };
}

/**
 * customer_id's key in a snapshot in id order: the row number of the id's first row (equal ids tie, as
 * equal texts do), NaN for NULL (last when sorting by it).
 */
export function idKey(ids: (string | null)[]): Float64Array {
  const key = new Float64Array(new SharedArrayBuffer(ids.length * Float64Array.BYTES_PER_ELEMENT));
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] ?? null;
    key[i] = id === null ? Number.NaN : i > 0 && ids[i - 1] === id ? (key[i - 1] ?? i) : i;
  }
  return key;
}
