// Commands that open a data folder's stores refuse while `cvm serve` owns the folder. PGlite takes no
// lock of its own, so a second process writing DIR/operational would corrupt it; and the server holds
// DIR/analytics.duckdb open, so a writer would only fail later, half-way, on DuckDB's lock. Asking first
// gives one clear message, before anything is read or written, that names what to do instead.
import { resolve } from 'node:path';
import { runningServerPid } from '../api/server-lock.ts';
import { CliError } from './cli-error.ts';

/**
 * Throws CliError('busy') when a live `cvm serve` holds the folder.
 * @param instead what the user can do through the server, e.g. "import through the dashboard or POST /api/imports"
 */
export function refuseWhileServing(dataDir: string, instead: string): void {
  const dir = resolve(dataDir);
  const pid = runningServerPid(dir);
  if (pid !== undefined) throw new CliError('busy', `cvm serve (pid ${pid}) is using ${dir}: ${instead}, or stop the server first`);
}
