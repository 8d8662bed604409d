// `cvm import --kind customers|products|events|interactions`: one file → one batch, with the sales
// import's guarantees (every record accounted for, reject file with line/reason/raw, re-import of
// the same bytes a no-op, all or nothing). Where the records go follows the architecture: customers
// and interactions into the operational store (PGlite in DIR/operational, or PostgreSQL), products
// and product events into the analytics store (DIR/analytics.duckdb). Each store gets its batch in
// the same transaction as its records; the other store's bookkeeping row follows (see import-file.ts).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { runImportBatch } from '../domain/import-batches/run-import-batch.ts';
import { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { analyticsStorePath } from '../store/data-folder.ts';
import type { OperationalStore } from '../store/open-operational-store.ts';
import { attachStore } from './attach-store.ts';
import { IngestError } from './ingest-error.ts';
import { createLoadedSql, loadCustomers, loadInteractions } from './load-operational-records.ts';
import { readRecordMapping } from './mapping-file.ts';
import { flatCounts, unflattenCounts, type RecordCounts } from './record-counts.ts';
import { anImport, type RecordColumns, type RecordKind } from './record-kinds.ts';
import { insertRecordBatchSql, markEventsLoadedSql, RECORD_SCHEMA_SQL, writeRecordsSql } from './record-store-sql.ts';
import { findBatch, nextBatchId, SCHEMA_SQL, tableExists } from './sales-store.ts';
import type { TextEncoding } from './sniff-file.ts';
import { dropStage } from './stage-sales.ts';
import { numberedRecordsSql, stageRecords, stagedCounts, writeRecordRejects, type StagedRecords } from './stage-records.ts';
import type { ChoiceSource } from './sales-columns.ts';

export interface ImportRecordsOptions {
  readonly kind: RecordKind;
  readonly path: string;
  readonly dataDir: string;
  /** The open operational store (customers and interactions go there; other kinds do not use it). */
  readonly operational?: OperationalStore;
  readonly columns?: RecordColumns;
  readonly mappingFile?: string;
  readonly dateFormat?: string;
  readonly encoding?: TextEncoding;
  readonly strict?: boolean;
  readonly onProgress?: (message: string) => void;
}

export interface ImportRecordsResult {
  status: 'imported' | 'already-imported';
  kind: RecordKind;
  /** Which store holds the records. */
  store: 'operational' | 'analytics';
  /** The batch id in that store. */
  batchId: number;
  file: string;
  contentHash: string;
  format: 'csv' | 'parquet';
  encoding: TextEncoding | null;
  mapping: RecordColumns;
  mappingSource: Record<string, ChoiceSource>;
  counts: RecordCounts;
  rejectFile: string | null;
  seconds: number;
  importedAt?: string;
}

const OPERATIONAL_KINDS: readonly RecordKind[] = ['customers', 'interactions'];
export const storeOfKind = (kind: RecordKind): 'operational' | 'analytics' => (OPERATIONAL_KINDS.includes(kind) ? 'operational' : 'analytics');

/**
 * Imports a customers, products, events or interactions file as one batch.
 * @example
 * const store = await openOperationalStore(operationalStoreOptions('cvm-data'));
 * const r = await importRecords({ kind: 'customers', path: 'members.csv', dataDir: 'cvm-data', operational: store });
 * // r.counts.read === r.counts.loaded + r.counts.duplicates + r.counts.superseded + r.counts.alreadyLoaded + r.counts.rejected.total
 */
export async function importRecords(o: ImportRecordsOptions): Promise<ImportRecordsResult> {
  const started = performance.now();
  const startedAt = new Date();
  const path = resolve(o.path);
  const fileName = basename(path);
  if (!existsSync(path)) throw new IngestError('unreadable-input', `file not found: ${o.path}`);
  const mapping = o.mappingFile === undefined ? undefined : await readRecordMapping(o.mappingFile, o.kind);
  const db = await DuckDbEngine.open({});
  const work = mkdtempSync(join(tmpdir(), 'cvm-import-'));
  try {
    const staged = await stageRecords(db, {
      kind: o.kind, path, fileName, flags: o.columns ?? {}, fromFile: mapping?.columns ?? {}, dateFormat: o.dateFormat ?? mapping?.dateFormat,
      encoding: o.encoding, work, progress: o.onProgress ?? (() => {}),
    });
    const base = {
      kind: o.kind, store: storeOfKind(o.kind), file: path, contentHash: staged.contentHash, format: staged.format, encoding: staged.encoding,
      mapping: staged.mapping.columns, mappingSource: staged.mapping.source,
    };
    const dataDir = resolve(o.dataDir);
    const step = { db, staged, fileName, dataDir, strict: o.strict === true, startedAt, progress: o.onProgress ?? (() => {}) };
    const done = storeOfKind(o.kind) === 'operational'
      ? await intoOperational(step, o.kind, requireStore(o))
      : await intoAnalytics(step, o.kind as 'products' | 'events');
    return { status: done.status, ...base, batchId: done.batchId, counts: done.counts, rejectFile: done.rejectFile, importedAt: done.importedAt, seconds: (performance.now() - started) / 1000 };
  } finally {
    await dropStage(db).catch(() => {});
    await db.run('DROP TABLE IF EXISTS temp.ingest_loaded').catch(() => {});
    db.close();
    rmSync(work, { recursive: true, force: true });
  }
}

function requireStore(o: ImportRecordsOptions): OperationalStore {
  if (o.operational === undefined) throw new Error(`${anImport(o.kind)} needs the operational store`);
  return o.operational;
}

interface Step {
  readonly db: DuckDbEngine;
  readonly staged: StagedRecords;
  readonly fileName: string;
  readonly dataDir: string;
  readonly strict: boolean;
  readonly startedAt: Date;
  readonly progress: (message: string) => void;
}

interface Done {
  status: 'imported' | 'already-imported';
  batchId: number;
  counts: RecordCounts;
  rejectFile: string | null;
  importedAt?: string;
}

const reasonList = (c: RecordCounts): string => Object.entries(c.rejected.byReason).map(([r, n]) => `${r}: ${n}`).join(', ');

/** Writes the reject file (when anything was rejected) and refuses an all-rejected or a --strict import. */
async function rejectsOrRefuse(s: Step, counts: RecordCounts, name: string): Promise<string | null> {
  if (counts.rejected.total === 0) return null;
  const dir = join(s.dataDir, 'rejects');
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new IngestError('unwritable-output', `cannot create ${dir}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const file = await writeRecordRejects(s.db, s.staged, dir, name);
  if (counts.rejected.total === counts.read) {
    throw new IngestError('all-rejected', `none of the ${counts.read} records of ${s.fileName} could be imported (${reasonList(counts)}); nothing was stored. Check the delimiter, the date layout (--date-format) and the column mapping; every record, with its line and reason, is in ${file}`);
  }
  if (s.strict) {
    throw new IngestError('strict-rejects', `--strict: ${counts.rejected.total} of ${counts.read} records of ${s.fileName} were rejected (${reasonList(counts)}); nothing was imported. The rejected records, with line numbers and reasons, are in ${file}`);
  }
  return file;
}

export const recordRejectFileName = (kind: RecordKind, batchId: number, fileName: string): string => `${kind}-${batchId}-${fileName}.rejects.csv`;

/** Customers and interactions: records, counts and the done mark in one operational-store transaction. */
async function intoOperational(s: Step, kind: RecordKind, op: OperationalStore): Promise<Done> {
  const key = { contentHash: s.staged.contentHash, kind, fileName: s.fileName };
  const earlier = await op.db.selectFrom('import_batches').selectAll().where('content_hash', '=', key.contentHash).where('status', '=', 'done').executeTakeFirst();
  const already = (b: NonNullable<typeof earlier>): Done => ({
    status: 'already-imported', batchId: b.id, counts: unflattenCounts(b.counts), rejectFile: b.reject_file, importedAt: b.finished_at?.toISOString(),
  });
  if (earlier) return already(earlier);
  const counts = await stagedCounts(s.db, s.fileName);
  await s.db.run(createLoadedSql(numberedRecordsSql(s.staged)));
  let rejectFile: string | null = null;
  const run = await runImportBatch(op.db, key, async (trx, batch) => {
    rejectFile = await rejectsOrRefuse(s, counts, recordRejectFileName(kind, batch.id, s.fileName));
    s.progress(`writing ${counts.loaded} ${kind} to the operational store (batch ${batch.id})`);
    if (kind === 'customers') Object.assign(counts, await loadCustomers(s.db, trx, batch.id, s.staged.mapping.columns));
    else {
      // Records an earlier batch stored move from loaded to already loaded, keeping read = the sum of the parts.
      const { alreadyLoaded, ...rest } = await loadInteractions(s.db, trx, batch.id);
      Object.assign(counts, rest, { loaded: counts.loaded - alreadyLoaded, alreadyLoaded: counts.alreadyLoaded + alreadyLoaded });
    }
    await trx.updateTable('import_batches').set({ reject_file: rejectFile }).where('id', '=', batch.id).execute();
    return flatCounts(counts);
  });
  if (run.outcome === 'already-done') return already(run.batch);
  return { status: 'imported', batchId: run.batch.id, counts, rejectFile };
}

/** Products and events: records and the batch row in one analytics-store transaction. */
async function intoAnalytics(s: Step, kind: 'products' | 'events'): Promise<Done> {
  const storePath = analyticsStorePath(s.dataDir);
  const hadStore = existsSync(storePath);
  mkdirSync(s.dataDir, { recursive: true });
  await attachStore(s.db, storePath);
  const earlier = hadStore ? await findBatch(s.db, s.staged.contentHash) : undefined;
  if (earlier) {
    return { status: 'already-imported', batchId: earlier.batchId, counts: JSON.parse(earlier.counts) as RecordCounts, rejectFile: earlier.rejectFile, importedAt: earlier.finishedAt };
  }
  if (kind === 'events' && (await tableExists(s.db, 'product_events'))) await s.db.run(markEventsLoadedSql);
  const counts = await stagedCounts(s.db, s.fileName);
  if (kind === 'events') counts.anonymous = Number(await s.db.scalar("SELECT count(*) FROM ingest_rows WHERE status = 'loaded' AND f_customer IS NULL"));
  const batchId = await nextBatchId(s.db);
  const rejectFile = await rejectsOrRefuse(s, counts, recordRejectFileName(kind, batchId, s.fileName));
  s.progress(`writing batch ${batchId} (${counts.loaded} ${kind}) to ${storePath}`);
  await s.db.run('BEGIN TRANSACTION');
  try {
    await s.db.run(SCHEMA_SQL);
    await s.db.run(RECORD_SCHEMA_SQL);
    await s.db.run(writeRecordsSql(kind, batchId, numberedRecordsSql(s.staged), s.staged.mapping.columns));
    await s.db.run(insertRecordBatchSql({
      batchId, contentHash: s.staged.contentHash, kind, fileName: s.fileName, encoding: s.staged.encoding, mapping: s.staged.mapping.columns,
      counts, rejectFile, startedAt: s.startedAt,
    }));
    await s.db.run('COMMIT');
  } catch (e) {
    await s.db.run('ROLLBACK').catch(() => {});
    throw e;
  }
  return { status: 'imported', batchId, counts, rejectFile };
}

