// Loads each customer's group for curves by segment into the table `customer_group(customer_id, grp)`:
// either a column of the transactions file itself (the value on the customer's first purchase, e.g.
// the country or channel they were acquired in) or a column of a one-row-per-customer file such as
// the customers.csv of `cvm analyze` (e.g. an RFM segment or value tier).
import { basename } from 'node:path';
import type { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { quoteIdent, quoteString } from '../../engines/duckdb/sql-literal.ts';
import { dateExprSql, readerSql, type SourceSpec } from '../summary/transactions-sql.ts';
import { customerGroupsSql } from './lapse-sql.ts';
import { SurvivalError } from './survival-error.ts';

export interface TransactionGroupSpec {
  /** The transactions file as load-transactions.ts resolved it (LoadResult.source). */
  source: SourceSpec;
  customer: string;
  date: string;
  dateFormat?: string;
  by: string;
  end: string;
}

/** Groups from a column of the transactions file: the value on each customer's first purchase. */
export async function loadTransactionGroups(db: DuckDbEngine, s: TransactionGroupSpec): Promise<void> {
  if (s.source.format === 'csv' && s.source.delimiter === 'whitespace') {
    throw new SurvivalError('invalid-option', `--by needs a comma- or tab-separated CSV or a Parquet file; ${basename(s.source.path)} is blank-separated text`);
  }
  const reader = readerSql(s.source);
  const columns = (await db.rows(`DESCRIBE SELECT * FROM ${reader}`)).map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  const names = columns.map((c) => c.name);
  const headerless = s.source.format === 'csv' && !s.source.header;
  const find = (ref: string, what: string): number => findColumn(names, ref, what, basename(s.source.path), headerless);
  const customer = find(s.customer, 'customer');
  const date = find(s.date, 'date');
  const by = find(s.by, '--by');
  await db.run(customerGroupsSql({
    reader, customer: quoteIdent(names[customer]), group: quoteIdent(names[by]),
    ts: dateExprSql(quoteIdent(names[date]), columns[date].type, s.dateFormat), end: s.end,
  }));
}

/** Groups from a one-row-per-customer file (CSV with a header, or Parquet). */
export async function loadSegmentGroups(db: DuckDbEngine, o: { path: string; id: string; by: string }): Promise<void> {
  const reader = /\.(parquet|pq)$/i.test(o.path) ? `read_parquet(${quoteString(o.path)})` : `read_csv(${quoteString(o.path)}, all_varchar = true, header = true)`;
  let names: string[];
  try {
    names = (await db.rows(`DESCRIBE SELECT * FROM ${reader}`)).map((r) => String(r.column_name));
  } catch (e) {
    throw new SurvivalError('invalid-input', `cannot read ${basename(o.path)}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  const file = basename(o.path);
  const id = findColumn(names, o.id, 'customer id', file, false);
  const by = findColumn(names, o.by, '--by', file, false);
  await db.run(customerGroupsSql({ reader, customer: quoteIdent(names[id]), group: quoteIdent(names[by]) }));
}

/** A column by name (exact, then case-insensitive), or by 1-based position in a file without a header. */
function findColumn(names: readonly string[], ref: string, what: string, file: string, headerless: boolean): number {
  if (headerless) {
    const k = Number(ref);
    if (Number.isInteger(k) && k >= 1 && k <= names.length) return k - 1;
    throw new SurvivalError('missing-column', `${what} column "${ref}" not found in ${file}: without a header, give a column position 1-${names.length}`);
  }
  const exact = names.indexOf(ref);
  if (exact >= 0) return exact;
  const loose = names.flatMap((n, i) => (n.toLowerCase() === ref.toLowerCase() ? [i] : []));
  if (loose.length === 1) return loose[0];
  throw new SurvivalError('missing-column', `${what} column "${ref}" not found in ${file} (columns: ${names.join(', ')})`);
}
