// `cvm import` for sales: one file → one batch of the analytics store `<data dir>/analytics.duckdb`.
// Staging happens in an in-memory DuckDB (temp tables); the store is attached, and the batch row
// with all its sales_lines is written in ONE transaction. A kill -9 at any moment therefore leaves
// the store as it was (DuckDB's WAL drops an uncommitted transaction) and a re-run completes it.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { quoteString } from '../engines/duckdb/sql-literal.ts';
import { attachStore } from './attach-store.ts';
import { commitBatch } from './commit-batch.ts';
import { parseCsvHeader } from './csv-header.ts';
import type { ImportCounts } from './import-counts.ts';
import { IngestError } from './ingest-error.ts';
import { readMappingFile } from './mapping-file.ts';
import type { Source } from './read-source-sql.ts';
import { writeRejectFile } from './reject-file.ts';
import { resolveSalesColumns, type ChoiceSource, type ColumnChoice, type SalesRole } from './sales-columns.ts';
import { findBatch, nextBatchId, tableExists } from './sales-store.ts';
import { scanFile } from './scan-file.ts';
import { sniffFile, type TextEncoding } from './sniff-file.ts';
import { dropStage, headerLines, judgeSales, numberLines, stageSales, type StagedSales } from './stage-sales.ts';
import { transcodeToUtf8 } from './transcode-to-utf8.ts';

export interface ImportSalesOptions {
  readonly path: string;
  /** The data folder; created when missing. */
  readonly dataDir: string;
  /** Columns named by flags (they win over the mapping file, which wins over detection). */
  readonly columns?: ColumnChoice;
  readonly mappingFile?: string;
  readonly dateFormat?: string;
  /** Invoice prefix of cancellations; default "C"; '' turns the rule off. */
  readonly cancelPrefix?: string;
  /** Text encoding; default: detected (UTF-8, else GBK). */
  readonly encoding?: TextEncoding;
  /** Any reject fails the import and nothing is stored. */
  readonly strict?: boolean;
  /** Called at the start of each step that can take a while. */
  readonly onProgress?: (step: ImportStep, message: string) => void;
  /** DuckDB worker threads (default: one per core). */
  readonly threads?: number;
  /**
   * false: write the batch without DuckDB's compression, for a data folder deleted after one run
   * (cvm analyze's temporary one): at 2.75M lines 1.3 s instead of 2.6 s of CPU, 188 MB instead of 35 MB.
   * Such a folder is not checkpointed when the import closes it either (commit-batch.ts).
   */
  readonly compress?: boolean;
}

export type ImportStep = 'transcode' | 'read' | 'classify' | 'write';

export interface ImportSalesResult {
  status: 'imported' | 'already-imported';
  batchId: number;
  file: string;
  contentHash: string;
  format: 'csv' | 'parquet';
  encoding: TextEncoding | null;
  mapping: ColumnChoice;
  mappingSource: Partial<Record<SalesRole, ChoiceSource>>;
  /** The cancellation prefix applied ('' = none). */
  cancelPrefix: string;
  counts: ImportCounts;
  rejectFile: string | null;
  warnings: string[];
  seconds: number;
  /** already-imported: when the earlier import finished. */
  importedAt?: string;
}

export const STORE_FILE = 'analytics.duckdb';

/**
 * Imports a sales file (CSV, .csv.gz or Parquet) as one batch.
 * @example
 * const r = await importSales({ path: 'onlineretail.csv.gz', dataDir: 'cvm-data' });
 * // r.counts.read === r.counts.loaded + r.counts.excluded.total + r.counts.duplicates + r.counts.alreadyLoaded + r.counts.rejected.total
 */
export async function importSales(o: ImportSalesOptions): Promise<ImportSalesResult> {
  const started = performance.now();
  const startedAt = new Date();
  const path = resolve(o.path);
  const fileName = basename(path);
  const progress = o.onProgress ?? (() => {});
  if (!existsSync(path)) throw new IngestError('unreadable-input', `file not found: ${o.path}`);
  const sniffed = await sniffFile(path, o.encoding);
  const mapping = o.mappingFile === undefined ? undefined : await readMappingFile(o.mappingFile);
  const dateFormat = o.dateFormat ?? mapping?.dateFormat;
  const prefixGiven = o.cancelPrefix ?? mapping?.cancelPrefix;

  const db = await DuckDbEngine.open({ threads: o.threads });
  const work = mkdtempSync(join(tmpdir(), 'cvm-import-'));
  try {
    const header = sniffed.format === 'csv' ? parseCsvHeader(sniffed.head, fileName) : undefined;
    const names = header === undefined ? await parquetNames(db, path, fileName) : header.names;
    const chosen = resolveSalesColumns(names, o.columns ?? {}, mapping?.columns ?? {}, fileName);

    const dataDir = resolve(o.dataDir);
    const storePath = join(dataDir, STORE_FILE);
    const hadStore = existsSync(storePath);
    if (hadStore) await attachStore(db, storePath);
    // The scan (hash, blank lines) runs on the JS thread while DuckDB reads on its own threads: a
    // re-import then wastes one read, but every first import saves the scanning time.
    const scanning = scanFile(path, { gzip: sniffed.gzip, lines: sniffed.format === 'csv' });
    scanning.catch(() => {});
    const stage = async (lf: boolean): Promise<{ source: Source; staged: StagedSales }> => {
      let source: Source = { kind: 'parquet', path };
      if (header !== undefined) {
        const rewrite = sniffed.encoding === 'gbk' || lf;
        const readPath = rewrite ? join(work, lf ? 'lf.csv' : 'utf8.csv') : path;
        if (rewrite) {
          progress('transcode', `rewriting ${fileName} as UTF-8${lf ? ' with LF line ends' : ''}`);
          await transcodeToUtf8(path, readPath, { gzip: sniffed.gzip, from: sniffed.encoding, lf });
        }
        source = { kind: 'csv', path: readPath, delimiter: header.delimiter, names: header.names, gzip: sniffed.gzip && !rewrite };
      }
      progress('read', `reading ${fileName}`);
      const staged = await stageSales(db, {
        source, columns: chosen.columns, dateFormat, cancelPrefix: prefixGiven ?? 'C', cancelPrefixGiven: prefixGiven !== undefined, fileName,
      });
      return { source, staged };
    };
    // Mixed CRLF and LF line ends stop DuckDB's strict CSV parser; read a copy with LF only then.
    const { source, staged } = await stage(false).catch((e: unknown) => {
      if (header !== undefined && e instanceof IngestError && /state machine reached an invalid state/.test(e.message)) return stage(true);
      throw e;
    });
    const { hash, blankLines } = await scanning;
    const earlier = hadStore ? await findBatch(db, hash) : undefined;
    if (earlier) {
      return {
        status: 'already-imported', batchId: earlier.batchId, file: path, contentHash: hash, format: sniffed.format,
        encoding: sniffed.format === 'csv' ? sniffed.encoding : null, mapping: chosen.columns, mappingSource: chosen.source,
        cancelPrefix: staged.cancelPrefix, counts: JSON.parse(earlier.counts) as ImportCounts, rejectFile: earlier.rejectFile, warnings: [],
        seconds: (performance.now() - started) / 1000, importedAt: earlier.finishedAt,
      };
    }
    progress('classify', `checking ${fileName} for duplicates${hadStore ? ' and rows loaded before' : ''}`);
    const { counts, valueRejects } = await judgeSales(db, hadStore && (await tableExists(db, 'sales_lines')), fileName);
    const lines = { header: headerLines(source), gaps: await numberLines(db, source, blankLines) };

    try {
      mkdirSync(join(dataDir, 'rejects'), { recursive: true });
    } catch (e) {
      throw new IngestError('unwritable-output', `cannot create the data folder ${dataDir}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    await attachStore(db, storePath);
    const batchId = await nextBatchId(db);
    const rejected = counts.rejected.total;
    const rejectFile = rejected === 0 ? null : await writeRejectFile(db, {
      dir: join(dataDir, 'rejects'), batchId, fileName, source, names, columns: chosen.columns, dateFormat, ...lines,
      valueRejects,
    });
    if (rejected === counts.read) {
      throw new IngestError('all-rejected', `none of the ${counts.read} rows of ${fileName} could be imported (${reasonList(counts.rejected.byReason)}); nothing was stored. Check the delimiter, the date layout (--date-format) and the column mapping; every row, with its line and reason, is in ${rejectFile}`);
    }
    if (o.strict && rejected > 0) {
      throw new IngestError('strict-rejects', `--strict: ${rejected} of ${counts.read} rows of ${fileName} were rejected (${reasonList(counts.rejected.byReason)}); nothing was imported. The rejected rows, with line numbers and reasons, are in ${rejectFile}`);
    }

    progress('write', `writing batch ${batchId} to ${storePath}`);
    const encoding = sniffed.format === 'csv' ? sniffed.encoding : null;
    await commitBatch(db, { batchId, contentHash: hash, fileName, encoding, mapping: chosen.columns, counts, rejectFile, startedAt, ...lines, compress: o.compress });
    return {
      status: 'imported', batchId, file: path, contentHash: hash, format: sniffed.format, encoding, mapping: chosen.columns,
      mappingSource: chosen.source, cancelPrefix: staged.cancelPrefix, counts, rejectFile, warnings: [...staged.warnings],
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await dropStage(db).catch(() => {});
    db.close();
    rmSync(work, { recursive: true, force: true });
  }
}

const reasonList = (byReason: Record<string, number>): string => Object.entries(byReason).map(([r, n]) => `${r}: ${n}`).join(', ');


async function parquetNames(db: DuckDbEngine, path: string, fileName: string): Promise<string[]> {
  try {
    return (await db.rows(`DESCRIBE SELECT * FROM read_parquet(${quoteString(path)})`)).map((r) => String(r.column_name));
  } catch (e) {
    throw new IngestError('unreadable-input', `cannot read ${fileName} as Parquet: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, { cause: e });
  }
}
