// Reading and classifying a sales file into temp tables of the importing connection. Nothing here
// writes to the store, so a failure or a kill at this stage leaves it exactly as it was.
import type { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { quoteIdent } from '../engines/duckdb/sql-literal.ts';
import { assertReconciles, tallyCounts, type ImportCounts } from './import-counts.ts';
import { IngestError } from './ingest-error.ts';
import { dropRejectTablesSql, gapsSql, readerSql, structRejectsSql, REJECTS_SCAN, REJECTS_TABLE, type Source } from './read-source-sql.ts';
import type { ColumnChoice } from './sales-columns.ts';
import { countsSql, createRowsSql, markAlreadyLoadedSql, markDuplicatesSql, prefixShareSql } from './sales-sql.ts';

export interface StageOptions {
  readonly source: Source;
  readonly columns: ColumnChoice;
  readonly dateFormat?: string;
  /** The prefix rule, and whether the user gave it (a default one is dropped when it looks like an id scheme). */
  readonly cancelPrefix: string;
  readonly cancelPrefixGiven: boolean;
  readonly fileName: string;
}

export interface StagedSales {
  /** The prefix rule applied ('' = none). */
  readonly cancelPrefix: string;
  readonly warnings: readonly string[];
}

/** Header lines before the first record: CSV has one (line numbers count it); Parquet rows count from 1. */
export const headerLines = (s: Source): number => (s.kind === 'csv' ? 1 : 0);

/**
 * One pass over the file: ingest_rows with every record parsed and judged, and (CSV) the reader's
 * own rejects in ingest_struct_rejects.
 */
export async function stageSales(db: DuckDbEngine, o: StageOptions): Promise<StagedSales> {
  const warnings: string[] = [];
  const cancelPrefix = await settlePrefix(db, o, warnings);
  if (o.source.kind === 'csv') await db.run(dropRejectTablesSql);
  await readFailsClearly(o, () => db.run(createRowsSql({
    columns: o.columns, typed: o.source.kind === 'parquet', dateFormat: o.dateFormat, cancelPrefix,
  }, readerSql(o.source))));
  const struct = o.source.kind === 'csv' && Number(await db.scalar(`SELECT count(*) FROM duckdb_tables() WHERE table_name = '${REJECTS_TABLE}'`)) > 0;
  if (struct) await db.run(structRejectsSql());
  else await db.run('CREATE OR REPLACE TEMP TABLE ingest_struct_rejects (line BIGINT, code VARCHAR, reason VARCHAR, raw VARCHAR)');
  return { cancelPrefix, warnings };
}

/**
 * ingest_gaps, from the reader's rejects and the file's blank lines; returns whether there are any
 * (when not, a row's line is simply its position plus the header).
 */
export async function numberLines(db: DuckDbEngine, source: Source, blankLines: readonly number[]): Promise<boolean> {
  await db.run('CREATE OR REPLACE TEMP TABLE ingest_blank_lines (line DOUBLE)');
  if (blankLines.length > 0) await db.append('ingest_blank_lines', [Float64Array.from(blankLines)]);
  await db.run(gapsSql(headerLines(source)));
  return Number(await db.scalar('SELECT count(*) FROM ingest_gaps')) > 0;
}

/**
 * Marks duplicates and (when the store has sales) rows loaded before; returns the reconciled counts
 * and how many rows were rejected for their values (the rest of the rejects are the reader's).
 */
export async function judgeSales(db: DuckDbEngine, checkEarlier: boolean, fileName: string): Promise<{ counts: ImportCounts; valueRejects: number }> {
  await db.run(markDuplicatesSql);
  if (checkEarlier) await db.run(markAlreadyLoadedSql);
  const groups = await db.rows(countsSql);
  const counts = tallyCounts(groups, await db.rows('SELECT code, count(*) AS n FROM ingest_struct_rejects GROUP BY code'));
  assertReconciles(counts);
  if (counts.read === 0) throw new IngestError('empty-file', `${fileName} has a header but no data rows: nothing to import`);
  const valueRejects = groups.filter((g) => g.status === 'rejected').reduce((sum, g) => sum + Number(g.n), 0);
  return { counts, valueRejects };
}

async function readFailsClearly(o: StageOptions, step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new IngestError('unreadable-input', `cannot read ${o.fileName} as ${o.source.kind === 'csv' ? 'CSV' : 'Parquet'}: ${message}`, { cause: e });
  }
}

/**
 * The default prefix "C" (UCI Online Retail's cancelled invoices: C536379) must not turn a whole file
 * into cancellations when the shop's order ids simply start with C (CN-2024-…): when more than half
 * of the first orders match and the user did not ask for the prefix, the rule is dropped, with a warning.
 */
async function settlePrefix(db: DuckDbEngine, o: StageOptions, warnings: string[]): Promise<string> {
  if (o.cancelPrefix === '' || o.columns.order === undefined) return '';
  if (o.cancelPrefixGiven) return o.cancelPrefix;
  let share = 0;
  await readFailsClearly(o, async () => {
    share = Number(await db.scalar(prefixShareSql(readerSql(o.source, 'skip'), o.columns.order ?? '', o.cancelPrefix)));
  });
  if (share <= 0.5) return o.cancelPrefix;
  warnings.push(`${(share * 100).toFixed(0)} % of the ${o.columns.order} values start with "${o.cancelPrefix}", so that prefix is taken as part of the ids, not as a cancellation mark; pass --cancel-prefix ${o.cancelPrefix} to count them as cancelled`);
  return '';
}

/** Drops the temp tables (and DuckDB's reject tables) of an import. */
export async function dropStage(db: DuckDbEngine): Promise<void> {
  const tables = ['ingest_rows', 'ingest_gaps', 'ingest_blank_lines', 'ingest_struct_rejects', 'ingest_raw', REJECTS_TABLE, REJECTS_SCAN, `${REJECTS_TABLE}_again`, `${REJECTS_SCAN}_again`];
  for (const t of tables) {
    await db.run(`DROP TABLE IF EXISTS temp.${quoteIdent(t)}`);
  }
}
