// A real data folder made from the bundled sample with the real CLI, as a retailer would make it:
// `cvm analyze` on the sales up to a cut-off day (so the full file imported later through the
// dashboard brings new sales, a second analysis run and a "change since the last import"), then the
// sample's member records and service interactions (`cvm import --kind …`) for customer 360.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, runCvm } from './run-cvm.ts';

export const SAMPLE_TRANSACTIONS = join(REPO_ROOT, 'samples', 'transactions.csv');
export const SAMPLE_CUSTOMERS = join(REPO_ROOT, 'samples', 'customers.csv');
export const SAMPLE_INTERACTIONS = join(REPO_ROOT, 'samples', 'interactions.csv');

export interface SampleDataFolder {
  /** The data folder (analytics.duckdb, operational/). */
  dir: string;
  /** The first part of the sample's sales, already analysed into `dir`. */
  firstPart: string;
  /** Data rows of the first part and of the whole sample (header excluded). */
  firstPartRows: number;
  sampleRows: number;
  remove(): void;
}

export interface SampleDataFolderOptions {
  /** Sales dated before this day go into the first run (default 2026-04-01: three of 24 months left). */
  cutoff?: string;
  /** Also import the sample's member records (default true). */
  customers?: boolean;
  /** Also import the sample's service interactions (default true; ~10 s more, for customer 360's timeline). */
  interactions?: boolean;
  log?: (line: string) => void;
}

/** Makes the folder; ~45 s on a loaded 2-core machine (~30 s without interactions), most of it the operational store's first start. */
export async function makeSampleDataFolder(options: SampleDataFolderOptions = {}): Promise<SampleDataFolder> {
  const cutoff = options.cutoff ?? '2026-04-01';
  const log = options.log ?? (() => undefined);
  const root = mkdtempSync(join(tmpdir(), 'cvm-browser-'));
  const dir = join(root, 'data');
  const firstPart = join(root, `transactions-before-${cutoff}.csv`);
  const lines = readFileSync(SAMPLE_TRANSACTIONS, 'utf8').split('\n').filter((l) => l.length > 0);
  const header = lines[0].split(',');
  const dateCol = header.indexOf('date');
  if (dateCol < 0) throw new Error(`${SAMPLE_TRANSACTIONS} has no date column`);
  // ISO dates compare as strings.
  const kept = lines.slice(1).filter((l) => l.split(',')[dateCol] < cutoff);
  writeFileSync(firstPart, [lines[0], ...kept].join('\n') + '\n');
  const remove = () => rmSync(root, { recursive: true, force: true });
  try {
    log(`cvm analyze (${kept.length} of ${lines.length - 1} sales, before ${cutoff})`);
    await runCvm(['analyze', firstPart, '--data', dir, '--out', join(root, 'out'), '--format', 'json']);
    if (options.customers ?? true) {
      log('cvm import --kind customers');
      await runCvm(['import', SAMPLE_CUSTOMERS, '--kind', 'customers', '--data', dir, '--format', 'json']);
    }
    if (options.interactions ?? true) {
      log('cvm import --kind interactions');
      await runCvm(['import', SAMPLE_INTERACTIONS, '--kind', 'interactions', '--data', dir, '--format', 'json']);
    }
  } catch (e) {
    remove();
    throw e;
  }
  return { dir, firstPart, firstPartRows: kept.length, sampleRows: lines.length - 1, remove };
}
