// A pid file in the data folder while `cvm serve` runs: PGlite takes no lock of its own, and a second
// process writing the same folder would corrupt it, so `cvm user`/`cvm token` check this file first.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const lockFile = (dataDir: string): string => join(dataDir, 'serve.pid');

/** The pid of a live `cvm serve` on this folder, or undefined. */
export function runningServerPid(dataDir: string): number | undefined {
  const file = lockFile(dataDir);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return pid;
  } catch {
    return undefined;
  }
}

export function takeServerLock(dataDir: string): () => void {
  const file = lockFile(dataDir);
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}
