// Imports started over the API, one at a time. The upload is saved under DIR/imports/<batch>/, the
// data folder's DuckDB file is copied to a staging folder there, and a child process (import-worker.ts)
// imports and analyses the copy. Readers keep using the served file the whole time; at the end the pool
// swaps the analysed copy in (a pause of milliseconds, during which queries wait rather than fail).
// Progress events are kept per batch, so a client that connects late still sees them all.
// The same queue runs an admin's re-analysis under new settings (no upload: the worker only analyses the
// copy), so an import and a re-analysis never swap the file under each other. Every analysis reads the
// saved settings when it starts, so it runs under the latest ones.
import { createHash } from 'node:crypto';
import { fork } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { basename, join } from 'node:path';
import { beginImportBatch, failImportBatch } from '../../domain/import-batches/import-batch-repository.ts';
import { STORE_FILE } from '../../ingest/import-sales.ts';
import { readOperationalSnapshot } from '../../pipeline/operational-snapshot.ts';
import type { OperationalStore } from '../../store/open-operational-store.ts';
import type { AnalyticsPool } from '../analytics/analytics-pool.ts';
import { savedAnalyzeConfig } from '../settings/analysis-settings.ts';
import type { WorkerInput, WorkerMessage } from './import-worker.ts';

export type ImportEvent =
  | { event: 'progress'; data: { message: string } }
  | { event: 'done'; data: { counts: Record<string, number>; status: string } }
  | { event: 'error'; data: { message: string } };

interface Job {
  events: ImportEvent[];
  listeners: Set<(e: ImportEvent) => void>;
  finished: boolean;
  /** The worker has been started (a re-analysis asked for before then is this one). */
  started: boolean;
}

/** Imports are numbered by their batch in the store, re-analyses by this process. */
export type JobKind = 'import' | 'analysis';

export interface ImportRunnerOptions {
  dataDir: string;
  store: OperationalStore;
  analytics: AnalyticsPool;
  log: (line: string) => void;
}

const WORKER = join(import.meta.dirname, 'import-worker.ts');

export class ImportRunner {
  readonly #o: ImportRunnerOptions;
  readonly #jobs = new Map<string, Job>();
  #queue: Promise<void> = Promise.resolve();
  #children = new Set<ReturnType<typeof fork>>();
  #analyses = 0;
  #closed = false;

  constructor(options: ImportRunnerOptions) {
    this.#o = options;
  }

  /** Where an import's files live: the upload, the staging folder and the reject file. */
  batchDir(batchId: number): string {
    return join(this.#o.dataDir, 'imports', String(batchId));
  }

  rejectFile(batchId: number): string {
    return join(this.batchDir(batchId), 'rejects.csv');
  }

  /** Registers the upload as a batch and queues its import; returns the batch id at once. */
  async start(fileName: string, bytes: Uint8Array): Promise<number> {
    const contentHash = createHash('sha256').update(bytes).digest('hex');
    const safeName = basename(fileName).replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 120) || 'upload.csv';
    const { batch } = await beginImportBatch(this.#o.store.db, { contentHash, kind: 'sales', fileName: safeName });
    const id = batch.id;
    const existing = this.#jobs.get(`import:${id}`);
    if (existing && !existing.finished) return id; // the same file is already being imported
    const dir = this.batchDir(id);
    mkdirSync(dir, { recursive: true });
    const upload = join(dir, safeName);
    writeFileSync(upload, bytes);
    this.#enqueue(`import:${id}`, (job) => this.#run(id, job, upload));
    return id;
  }

  /**
   * Queues a re-analysis of the served data under the saved settings; returns its id, or undefined when
   * the folder has no analytics store yet (nothing was imported). A re-analysis still waiting in the
   * queue is returned instead of a second one: it will read the settings saved by then anyway.
   */
  reanalyze(): number | undefined {
    if (!existsSync(join(this.#o.dataDir, STORE_FILE))) return undefined;
    for (const [key, job] of this.#jobs) if (key.startsWith('analysis:') && !job.started) return Number(key.slice('analysis:'.length));
    const id = ++this.#analyses;
    this.#enqueue(`analysis:${id}`, (job) => this.#run(id, job, undefined));
    return id;
  }

  #enqueue(key: string, run: (job: Job) => Promise<void>): void {
    const job: Job = { events: [], listeners: new Set(), finished: false, started: false };
    this.#jobs.set(key, job);
    this.#emit(job, { event: 'progress', data: { message: 'queued' } });
    this.#queue = this.#queue.then(() => {
      job.started = true;
      if (!this.#closed) return run(job);
      this.#emit(job, { event: 'error', data: { message: 'the server stopped before this job started' } });
      return undefined;
    }).catch((e: unknown) => this.#o.log(`[imports] ${String(e)}`));
  }

  /** Events so far and a subscription to the rest; undefined when this process never ran the job. */
  follow(id: number, listener: (e: ImportEvent) => void, kind: JobKind = 'import'): { past: ImportEvent[]; finished: boolean; stop(): void } | undefined {
    const job = this.#jobs.get(`${kind}:${id}`);
    if (!job) return undefined;
    if (!job.finished) job.listeners.add(listener);
    return { past: [...job.events], finished: job.finished, stop: () => job.listeners.delete(listener) };
  }

  /** Resolves when every queued import has finished (used on shutdown and by tests). */
  idle(): Promise<void> {
    return this.#queue;
  }

  /** Stops running imports (their batches stay `running` and are resumed by the next upload of the file); queued jobs do not start. */
  close(): void {
    this.#closed = true;
    for (const child of this.#children) child.kill('SIGKILL');
  }

  #emit(job: Job, e: ImportEvent): void {
    job.events.push(e);
    if (e.event !== 'progress') job.finished = true;
    for (const l of job.listeners) l(e);
    if (job.finished) job.listeners.clear();
  }

  /** An import of `upload` (batch `id`), or with no upload re-analysis `id`. */
  async #run(id: number, job: Job, upload: string | undefined): Promise<void> {
    const dir = upload === undefined ? join(this.#o.dataDir, 'analyses', String(id)) : this.batchDir(id);
    const staging = join(dir, 'staging');
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    const served = join(this.#o.dataDir, STORE_FILE);
    try {
      if (existsSync(served)) {
        this.#emit(job, { event: 'progress', data: { message: 'copying the analytics store' } });
        copyFileSync(served, join(staging, STORE_FILE));
      }
      const saved = await savedAnalyzeConfig(this.#o.store.db);
      this.#emit(job, { event: 'progress', data: { message: saved ? `settings: saved ${saved.savedAt.toISOString()}` : 'settings: defaults (none saved)' } });
      const label = upload === undefined ? `re-analysis with the ${saved ? `settings saved ${saved.savedAt.toISOString()}` : 'default settings'}` : undefined;
      // The child cannot open the operational store (this process holds it), so what the analysis
      // reads from it (complaints, survey answers, member records) goes in a file.
      const snapshotFile = join(staging, 'operational-snapshot.json');
      writeFileSync(snapshotFile, JSON.stringify(await readOperationalSnapshot(this.#o.store)));
      const result = await this.#child({ file: upload, dataDir: staging, outDir: join(staging, 'out'), config: saved?.config, label, snapshotFile }, job);
      this.#emit(job, { event: 'progress', data: { message: 'switching to the new analysis' } });
      await this.#o.analytics.swap(() => {
        rmSync(`${served}.wal`, { force: true });
        renameSync(join(staging, STORE_FILE), served);
      });
      if (upload !== undefined) {
        if (result.rejectFile && existsSync(result.rejectFile)) copyFileSync(result.rejectFile, this.rejectFile(id));
        const counts = JSON.stringify(result.counts);
        await this.#o.store.db.updateTable('import_batches').set({ status: 'done', counts, error: null, finished_at: new Date() }).where('id', '=', id).execute();
      }
      this.#emit(job, { event: 'done', data: { counts: result.counts, status: result.status } });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (upload !== undefined) await failImportBatch(this.#o.store.db, id, message).catch(() => undefined);
      this.#emit(job, { event: 'error', data: { message } });
    } finally {
      rmSync(upload === undefined ? dir : staging, { recursive: true, force: true });
    }
  }

  #child(input: WorkerInput, job: Job): Promise<Extract<WorkerMessage, { type: 'done' }>> {
    return new Promise((resolve, reject) => {
      const child = fork(WORKER, [JSON.stringify(input)], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'json', execArgv: [] });
      this.#children.add(child);
      // Below the server's priority, so page reads stay quick while the model is fitted.
      try { if (child.pid !== undefined) setPriority(child.pid, 10); } catch { /* not permitted: run at normal priority */ }
      let stderr = '';
      let outcome: WorkerMessage | undefined;
      child.stderr?.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-2000); });
      child.on('message', (m: WorkerMessage) => {
        if (m.type === 'progress') this.#emit(job, { event: 'progress', data: { message: m.message } });
        else outcome = m;
      });
      child.on('exit', (code, signal) => {
        this.#children.delete(child);
        if (outcome?.type === 'done') resolve(outcome);
        else if (outcome?.type === 'error') reject(new Error(outcome.message));
        else reject(new Error(`the import process stopped (${signal ?? `exit code ${code}`})${stderr ? `: ${stderr.trim().split('\n').pop()}` : ''}`));
      });
    });
  }
}
