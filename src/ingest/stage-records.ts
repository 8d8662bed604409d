// Reading a customers / products / events / interactions file into temp tables of the importing
// connection (in-memory DuckDB): parsed and judged rows, the CSV reader's own rejects, repeats
// marked, line numbers ready. Nothing here touches a store, so a failure or a kill at this stage
// leaves both stores exactly as they were. The same building blocks as the sales import are used:
// sniffFile, parseCsvHeader, readerSql with store_rejects, scanFile's hash and blank lines.
import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { quoteString } from '../engines/duckdb/sql-literal.ts';
import { parseCsvHeader } from './csv-header.ts';
import { IngestError } from './ingest-error.ts';
import { dropRejectTablesSql, readerSql, structRejectsSql, REJECTS_TABLE, type Source } from './read-source-sql.ts';
import { tallyRecordCounts, type RecordCounts } from './record-counts.ts';
import { resolveRecordColumns, type RecordColumns, type RecordKind, type ResolvedRecordColumns } from './record-kinds.ts';
import { createRecordRowsSql, markRecordRepeatsSql, recordCountsSql } from './record-sql.ts';
import { numberedRowsSql } from './sales-sql.ts';
import { scanFile } from './scan-file.ts';
import { sniffFile, type TextEncoding } from './sniff-file.ts';
import { headerLines, numberLines } from './stage-sales.ts';
import { transcodeToUtf8 } from './transcode-to-utf8.ts';

export interface StageRecordsOptions {
  readonly kind: RecordKind;
  readonly path: string;
  readonly fileName: string;
  readonly flags: RecordColumns;
  readonly fromFile: RecordColumns;
  readonly dateFormat?: string;
  readonly encoding?: TextEncoding;
  /** A scratch folder for a transcoded copy. */
  readonly work: string;
  readonly progress: (message: string) => void;
}

export interface StagedRecords {
  readonly format: 'csv' | 'parquet';
  readonly encoding: TextEncoding | null;
  readonly mapping: ResolvedRecordColumns;
  readonly contentHash: string;
  /** How to number lines (see numberedRowsSql). */
  readonly header: number;
  readonly gaps: boolean;
}

/** Stages the file into ingest_rows (+ ingest_struct_rejects, ingest_gaps) and hashes it. */
export async function stageRecords(db: DuckDbEngine, o: StageRecordsOptions): Promise<StagedRecords> {
  const sniffed = await sniffFile(o.path, o.encoding);
  const header = sniffed.format === 'csv' ? parseCsvHeader(sniffed.head, o.fileName) : undefined;
  const names = header === undefined ? await parquetColumns(db, o.path, o.fileName) : header.names;
  const mapping = resolveRecordColumns(o.kind, names, o.flags, o.fromFile, o.fileName);
  const scanning = scanFile(o.path, { gzip: sniffed.gzip, lines: sniffed.format === 'csv' });
  scanning.catch(() => {});
  const stage = async (lf: boolean): Promise<Source> => {
    let source: Source = { kind: 'parquet', path: o.path };
    if (header !== undefined) {
      const rewrite = sniffed.encoding === 'gbk' || lf;
      const readPath = rewrite ? join(o.work, lf ? 'lf.csv' : 'utf8.csv') : o.path;
      if (rewrite) {
        o.progress(`rewriting ${o.fileName} as UTF-8${lf ? ' with LF line ends' : ''}`);
        await transcodeToUtf8(o.path, readPath, { gzip: sniffed.gzip, from: sniffed.encoding, lf });
      }
      source = { kind: 'csv', path: readPath, delimiter: header.delimiter, names: header.names, gzip: sniffed.gzip && !rewrite };
      await db.run(dropRejectTablesSql);
    }
    o.progress(`reading ${o.fileName}`);
    try {
      await db.run(createRecordRowsSql({
        kind: o.kind, columns: mapping.columns, names, delimiter: header?.delimiter ?? ',', typed: header === undefined, dateFormat: o.dateFormat,
      }, readerSql(source)));
    } catch (e) {
      const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
      throw new IngestError('unreadable-input', `cannot read ${o.fileName} as ${header === undefined ? 'Parquet' : 'CSV'}: ${message}`, { cause: e });
    }
    return source;
  };
  // Mixed CRLF and LF line ends stop DuckDB's strict CSV parser; read a copy with LF only then (as the sales import does).
  const source = await stage(false).catch((e: unknown) => {
    if (header !== undefined && e instanceof IngestError && /state machine reached an invalid state/.test(e.message)) return stage(true);
    throw e;
  });
  const struct = source.kind === 'csv' && Number(await db.scalar(`SELECT count(*) FROM duckdb_tables() WHERE table_name = '${REJECTS_TABLE}'`)) > 0;
  if (struct) await db.run(structRejectsSql());
  else await db.run('CREATE OR REPLACE TEMP TABLE ingest_struct_rejects (line BIGINT, code VARCHAR, reason VARCHAR, raw VARCHAR)');
  await db.run(markRecordRepeatsSql(o.kind));
  const { hash, blankLines } = await scanning;
  const gaps = await numberLines(db, source, blankLines);
  return {
    format: sniffed.format, encoding: sniffed.format === 'csv' ? sniffed.encoding : null, mapping, contentHash: hash, header: headerLines(source), gaps,
  };
}

/** The counts of the staged rows; throws 'empty-file' for a header without data. */
export async function stagedCounts(db: DuckDbEngine, fileName: string): Promise<RecordCounts> {
  const counts = tallyRecordCounts(await db.rows(recordCountsSql), await db.rows('SELECT code, count(*) AS n FROM ingest_struct_rejects GROUP BY code'));
  if (counts.read === 0) throw new IngestError('empty-file', `${fileName} has a header but no data rows: nothing to import`);
  return counts;
}

/** ingest_rows with line numbers (rn, line, fields …). */
export const numberedRecordsSql = (s: Pick<StagedRecords, 'header' | 'gaps'>): string => numberedRowsSql(s.header, s.gaps);

/**
 * Writes `dir/<name>` (line, reason, raw; every rejected record in line order), through a temporary
 * name so no reader sees half a file, and returns its path.
 */
export async function writeRecordRejects(db: DuckDbEngine, staged: StagedRecords, dir: string, name: string): Promise<string> {
  const path = join(dir, name);
  const tmp = `${path}.partial`;
  rmSync(tmp, { force: true });
  await db.run(`COPY (SELECT line, reason, raw FROM ingest_struct_rejects UNION ALL
    SELECT line, reason, raw FROM ${numberedRecordsSql(staged)} WHERE status = 'rejected' ORDER BY line) TO ${quoteString(tmp)} (FORMAT csv, HEADER true)`);
  renameSync(tmp, path);
  return path;
}

async function parquetColumns(db: DuckDbEngine, path: string, fileName: string): Promise<string[]> {
  try {
    return (await db.rows(`DESCRIBE SELECT * FROM read_parquet(${quoteString(path)})`)).map((r) => String(r.column_name));
  } catch (e) {
    throw new IngestError('unreadable-input', `cannot read ${fileName} as Parquet: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, { cause: e });
  }
}
