// The counts a customers / products / events / interactions import reports. Every record read is
// accounted for exactly once: read = loaded + duplicates + superseded + already loaded + rejected.
import type { Row } from '../engines/duckdb/duckdb-engine.ts';
import type { ReasonCounts } from './import-counts.ts';

export interface RecordCounts {
  /** Data records in the file (rows for Parquet), rejected ones included. */
  read: number;
  /** Stored. */
  loaded: number;
  /** Of the loaded records, those with a value repaired on the way in (a number written "¥1,299.00"). */
  fixed: number;
  /** Exact repeats of an earlier record of the same file: dropped. */
  duplicates: number;
  /** Records replaced by a later record with the same key (member number, product id) in the same file. */
  superseded: number;
  /** Records an earlier batch already stored (overlapping event exports): dropped. */
  alreadyLoaded: number;
  /** Not imported, each in the reject file with its line and reason. */
  rejected: ReasonCounts;
  /** customers: how the loaded records changed the store. */
  inserted?: number;
  updated?: number;
  unchanged?: number;
  /** interactions: loaded with a member number no customer has (yet); events: with no member number. */
  unlinked?: number;
  anonymous?: number;
}

/** Counts from recordCountsSql's groups plus the CSV reader's own rejects (code, n). */
export function tallyRecordCounts(groups: readonly Row[], structural: readonly Row[]): RecordCounts {
  const c: RecordCounts = { read: 0, loaded: 0, fixed: 0, duplicates: 0, superseded: 0, alreadyLoaded: 0, rejected: { total: 0, byReason: {} } };
  const reject = (reason: string, n: number): void => {
    c.rejected.total += n;
    c.rejected.byReason[reason] = (c.rejected.byReason[reason] ?? 0) + n;
  };
  for (const g of groups) {
    const n = Number(g.n);
    c.read += n;
    switch (g.status) {
      case 'loaded': c.loaded += n; c.fixed += Number(g.fixed); break;
      case 'duplicate': c.duplicates += n; break;
      case 'superseded': c.superseded += n; break;
      case 'already-loaded': c.alreadyLoaded += n; break;
      case 'rejected': reject(String(g.reason), n); break;
      default: throw new Error(`unknown row status ${String(g.status)}`);
    }
  }
  for (const s of structural) {
    c.read += Number(s.n);
    reject(String(s.code), Number(s.n));
  }
  const sum = c.loaded + c.duplicates + c.superseded + c.alreadyLoaded + c.rejected.total;
  if (sum !== c.read) throw new Error(`import counts do not reconcile: read ${c.read} ≠ ${sum} accounted for`);
  return c;
}

/** The counts as the flat numbers the batch tables keep (import_batches.counts is a JSON object of numbers). */
export function flatCounts(c: RecordCounts): Record<string, number> {
  const flat: Record<string, number> = {
    read: c.read, loaded: c.loaded, fixed: c.fixed, duplicates: c.duplicates, superseded: c.superseded, alreadyLoaded: c.alreadyLoaded, rejected: c.rejected.total,
  };
  for (const k of ['inserted', 'updated', 'unchanged', 'unlinked', 'anonymous'] as const) if (c[k] !== undefined) flat[k] = c[k];
  for (const [reason, n] of Object.entries(c.rejected.byReason)) flat[`rejected.${reason}`] = n;
  return flat;
}

/** Back from flatCounts (an earlier batch's counts as the operational store keeps them). */
export function unflattenCounts(flat: Readonly<Record<string, number>>): RecordCounts {
  const n = (k: string): number => flat[k] ?? 0;
  const c: RecordCounts = {
    read: n('read'), loaded: n('loaded'), fixed: n('fixed'), duplicates: n('duplicates'), superseded: n('superseded'), alreadyLoaded: n('alreadyLoaded'),
    rejected: { total: n('rejected'), byReason: {} },
  };
  for (const k of ['inserted', 'updated', 'unchanged', 'unlinked', 'anonymous'] as const) if (flat[k] !== undefined) c[k] = flat[k];
  for (const [k, v] of Object.entries(flat)) if (k.startsWith('rejected.')) c.rejected.byReason[k.slice('rejected.'.length)] = v;
  return c;
}
