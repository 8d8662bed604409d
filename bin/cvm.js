#!/usr/bin/env node
// Entry point of the `cvm` command. The CLI is TypeScript run by Node's own type stripping, which
// needs Node >= 22.18; the project pins Node 24 as a devDependency. When this file is started by an
// older system Node (e.g. `cvm` on a PATH without node_modules/.bin), re-run it with the pinned one.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  const here = dirname(fileURLToPath(import.meta.url));
  const pinned = join(here, '..', 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(pinned)) {
    process.stderr.write(`cvm needs Node >= 22.18 (found ${process.versions.node}); run \`npm ci\` first.\n`);
    process.exit(1);
  }
  const r = spawnSync(pinned, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
} else {
  const { main } = await import('../src/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
}
