// The counts an import reports, and the identity they must satisfy: every row read is accounted for
// exactly once, read = loaded + excluded + duplicates + already loaded + rejected. Duplicates (exact
// copies of an earlier row of the same file) and already-loaded rows (present from an earlier batch)
// are dropped and reported on their own lines, not as part of "excluded": excluded rows are kept in
// sales_lines with their reason, dropped ones are not stored at all.
import type { Row } from '../engines/duckdb/duckdb-engine.ts';

export interface ReasonCounts {
  total: number;
  byReason: Record<string, number>;
}

export interface ImportCounts {
  /** Data records in the file (rows for Parquet), rejected ones included; the header is not one. */
  read: number;
  /** Written to sales_lines with no exclusion: what customer and product analytics see. */
  loaded: number;
  /** Of the loaded rows, those without a customer id (kept for products, not customers). */
  anonymous: number;
  /** Written to sales_lines with an exclusion reason (cancelled, return, non-positive-…). */
  excluded: ReasonCounts;
  /** Exact repeats of an earlier row in the same file: dropped. */
  duplicates: number;
  /** Rows an earlier batch already loaded (overlapping files): dropped. */
  alreadyLoaded: number;
  /** Not imported, each in the reject file with its line and reason. */
  rejected: ReasonCounts;
}

/** Builds the counts from the GROUP BY of ingest_rows (status, reason, n, anonymous) plus the reader's own rejects. */
export function tallyCounts(groups: readonly Row[], structural: readonly Row[]): ImportCounts {
  const c: ImportCounts = {
    read: 0, loaded: 0, anonymous: 0, excluded: { total: 0, byReason: {} }, duplicates: 0, alreadyLoaded: 0,
    rejected: { total: 0, byReason: {} },
  };
  const add = (into: ReasonCounts, reason: string, n: number): void => {
    into.total += n;
    into.byReason[reason] = (into.byReason[reason] ?? 0) + n;
  };
  for (const g of groups) {
    const n = Number(g.n);
    c.read += n;
    const reason = String(g.reason);
    switch (g.status) {
      case 'loaded': c.loaded += n; c.anonymous += Number(g.anonymous); break;
      case 'excluded': add(c.excluded, reason, n); break;
      case 'duplicate': c.duplicates += n; break;
      case 'already-loaded': c.alreadyLoaded += n; break;
      case 'rejected': add(c.rejected, reason, n); break;
      default: throw new Error(`unknown row status ${String(g.status)}`);
    }
  }
  for (const s of structural) {
    c.read += Number(s.n);
    add(c.rejected, String(s.code), Number(s.n));
  }
  return c;
}

/** Throws when the counts do not reconcile (a bug, never bad input). */
export function assertReconciles(c: ImportCounts): void {
  const sum = c.loaded + c.excluded.total + c.duplicates + c.alreadyLoaded + c.rejected.total;
  if (sum !== c.read) throw new Error(`import counts do not reconcile: read ${c.read} ≠ ${sum} accounted for`);
}
