// The reject file: `<data dir>/rejects/<batch>-<file>.rejects.csv` with columns line, reason, raw —
// every row that was not imported and why, so the user can fix the source and re-import. Written
// by DuckDB (COPY) straight from the temp tables, to a temporary name first and renamed, so a reader
// never sees half a file; it is written before the batch commits, so a committed batch always has it.
import { readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { quoteIdent, quoteString } from '../engines/duckdb/sql-literal.ts';
import { createRawSql, rawRecordSql, type Source } from './read-source-sql.ts';
import type { ColumnChoice, SalesRole } from './sales-columns.ts';
import { numberedRowsSql } from './sales-sql.ts';

export interface RejectFileSpec {
  readonly dir: string;
  readonly batchId: number;
  readonly fileName: string;
  readonly source: Source;
  /** All columns of the file (file order), to re-join a rejected record's fields. */
  readonly names: readonly string[];
  readonly columns: ColumnChoice;
  readonly dateFormat?: string;
  /** Header lines, and whether line numbers need ingest_gaps (see numberedRowsSql). */
  readonly header: number;
  readonly gaps: boolean;
  /** Rows rejected for their values (status 'rejected' in ingest_rows). */
  readonly valueRejects: number;
}

export const rejectFileName = (batchId: number, fileName: string): string => `${batchId}-${fileName}.rejects.csv`;

/** Writes the reject file and returns its path. Leftovers of a killed attempt with the same batch id are removed first. */
export async function writeRejectFile(db: DuckDbEngine, s: RejectFileSpec): Promise<string> {
  removeOrphans(s.dir, s.batchId);
  const path = join(s.dir, rejectFileName(s.batchId, s.fileName));
  const tmp = `${path}.partial`;
  const parts = ['SELECT line, reason, raw FROM ingest_struct_rejects'];
  if (s.valueRejects > 0) {
    await db.run(createRawSql(s.source));
    const delimiter = s.source.kind === 'csv' ? s.source.delimiter : ',';
    parts.push(`SELECT i.line, ${valueReasonSql(s.columns, s.dateFormat)} AS reason, ${rawRecordSql(s.names, delimiter)} AS raw
     FROM ${numberedRowsSql(s.header, s.gaps)} i JOIN ingest_raw r ON r.rowid + 1 = i.rn WHERE i.status = 'rejected'`);
  }
  await db.run(`COPY (${parts.join(' UNION ALL ')} ORDER BY line) TO ${quoteString(tmp)} (FORMAT csv, HEADER true)`);
  renameSync(tmp, path);
  return path;
}

/** Reject files named for this batch id by an attempt that never committed. */
function removeOrphans(dir: string, batchId: number): void {
  for (const f of readdirSync(dir)) {
    if (f.startsWith(`${batchId}-`) && /\.rejects\.csv(\.partial)?$/.test(f)) rmSync(join(dir, f), { force: true });
  }
}

/** The reason text of a value reject: its code, then what was wrong in which column. */
function valueReasonSql(c: ColumnChoice, dateFormat: string | undefined): string {
  const value = (role: SalesRole): string => (c[role] === undefined ? "''" : `coalesce(CAST(r.${quoteIdent(c[role])} AS VARCHAR), '')`);
  const col = (role: SalesRole): string => quoteString(c[role] ?? role);
  const notA = (role: SalesRole, what: string): string => `'"' || ${value(role)} || '" in ' || ${col(role)} || ' is not ${what}'`;
  const details: Record<string, string> = {
    'missing-date': `${col('date')} || ' is empty'`,
    'bad-date': dateFormat === undefined
      ? `${notA('date', 'a date')} || ' (read: YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD, YYYY.MM.DD, YYYY年MM月DD日, each optionally with HH:MM[:SS], or ISO 8601; give --date-format for other layouts)'`
      : `${notA('date', 'a date')} || ' in the layout ' || ${quoteString(dateFormat)}`,
    'missing-amount': `${col('amount')} || ' is empty'`,
    'bad-amount': notA('amount', 'a number'),
    'missing-quantity': `${col('quantity')} || ' is empty (needed for the amount)'`,
    'bad-quantity': notA('quantity', 'a number'),
    'missing-price': `${col('unitPrice')} || ' is empty (needed for the amount)'`,
    'bad-price': notA('unitPrice', 'a number'),
    'bad-discount': notA('discount', 'a number'),
    'discount-sign': `'"' || ${value('discount')} || '" in ' || ${col('discount')} || ' has the wrong sign for quantity ' || ${value('quantity')} || ' (a discount is yuan off the line: >= 0 on a sale, <= 0 on a return)'`,
    'discount-over-line': `'"' || ${value('discount')} || '" in ' || ${col('discount')} || ' is more than the line itself (quantity ' || ${value('quantity')} || ' × unit price ' || ${value('unitPrice')} || ')'`,
  };
  const whens = Object.entries(details).map(([code, text]) => `WHEN ${quoteString(code)} THEN ${text}`).join(' ');
  return `i.reject || ': ' || CASE i.reject ${whens} ELSE '' END`;
}
