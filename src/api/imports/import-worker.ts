// Child process of an import started over the API (import-runner.ts): runs `cvm analyze`'s pipeline
// (import the file, then analyse the whole folder) on a staging copy of the data folder and reports
// progress over the IPC channel. A separate process so that the server's event loop and memory stay
// free for the readers while the model is fitted, and a crash here cannot take the server down.
// Without a file it only re-analyses the copy (an admin's re-analysis under new settings).
import { readFileSync } from 'node:fs';
import type { AnalyzeConfig } from '../../pipeline/analyze-config.ts';
import { analyzeFile, analyzeFolder } from '../../pipeline/analyze-run.ts';
import type { OperationalSnapshot } from '../../pipeline/operational-snapshot.ts';

export interface WorkerInput {
  /** The upload to import first; absent for a re-analysis. */
  file?: string;
  dataDir: string;
  outDir: string;
  /** The saved settings as a validated AnalyzeConfig (the parent holds the operational store); absent: defaults. */
  config?: AnalyzeConfig;
  /** With no file: the input the saved run names. */
  label?: string;
  /** JSON of what the analysis needs of the operational store (operational-snapshot.ts), written by the parent, which holds the store. */
  snapshotFile?: string;
}

export type WorkerMessage =
  | { type: 'progress'; message: string }
  | { type: 'done'; counts: Record<string, number>; rejectFile: string | null; status: string }
  | { type: 'error'; message: string; code: string | null };

function send(m: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) { process.stdout.write(JSON.stringify(m) + '\n'); resolve(); return; }
    process.send(m, undefined, {}, () => resolve());
  });
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as WorkerInput;
  try {
    const onStep = (message: string): void => void send({ type: 'progress', message });
    const snapshot = input.snapshotFile === undefined ? undefined : JSON.parse(readFileSync(input.snapshotFile, 'utf8')) as OperationalSnapshot;
    if (input.file === undefined) {
      const r = await analyzeFolder({ dataDir: input.dataDir, outDir: input.outDir, config: input.config, label: input.label ?? 're-analysis', onStep, snapshot });
      await send({ type: 'done', status: 'analysed', rejectFile: null, counts: { customers: r.pipeline.summary.customers } });
      return;
    }
    const r = await analyzeFile({ file: input.file, dataDir: input.dataDir, outDir: input.outDir, config: input.config, onStep, snapshot });
    const c = r.import.counts;
    await send({
      type: 'done', status: r.import.status, rejectFile: r.import.rejectFile,
      // Every row read is accounted for once: read = loaded + excluded + duplicates + alreadyLoaded + rejected.
      counts: {
        read: c.read, loaded: c.loaded, excluded: c.excluded.total, rejected: c.rejected.total, duplicates: c.duplicates, alreadyLoaded: c.alreadyLoaded,
        anonymous: c.anonymous, customers: r.pipeline.summary.customers,
      },
    });
  } catch (error) {
    const raw: unknown = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
    const code = typeof raw === 'string' ? raw : null;
    await send({ type: 'error', message: error instanceof Error ? error.message : String(error), code });
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) await main();
