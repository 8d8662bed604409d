// Where the reference data sets live: `../shared/data` beside the repository (CI clones the repo with
// shared/ next to it). Tests read published data from there rather than copying it into the repo.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');

/** Absolute path of a file under ../shared/data; throws a clear error when shared/ is missing. */
export function sharedData(relative: string): string {
  const p = join(root, '..', 'shared', 'data', relative);
  if (!existsSync(p)) throw new Error(`reference data not found: ${p} (the repository expects ../shared/data beside it)`);
  return p;
}

/** Absolute path inside the repository. */
export const repoPath = (...parts: string[]): string => join(root, ...parts);
