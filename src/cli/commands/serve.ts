// `cvm serve`: the HTTP API and the dashboard over a data folder (src/api). Outside --dev it refuses to
// start without a secret of at least 32 characters (CVM_SECRET or --secret-file): the secret keys the
// session cookies and CSRF tokens, and a silently made-up one would sign everyone out on each restart.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { runningServerPid, takeServerLock } from '../../api/server-lock.ts';
import { startServer } from '../../api/start-server.ts';
import { CliError } from '../cli-error.ts';
import { emit, formatOption, info, type OutputFormat } from '../output.ts';

interface ServeFlags { data: string; port: string; host: string; dev?: boolean; databaseUrl?: string; secretFile?: string; format: OutputFormat }

export const MIN_SECRET_LENGTH = 32;

export function readSecret(flags: { dev?: boolean; secretFile?: string }): { secret: string; source: string } {
  let secret = process.env.CVM_SECRET;
  let source = 'CVM_SECRET';
  if (flags.secretFile !== undefined) {
    if (!existsSync(flags.secretFile)) throw new CliError('io', `secret file not found: ${flags.secretFile}`);
    secret = readFileSync(flags.secretFile, 'utf8').trim();
    source = flags.secretFile;
  }
  if (secret === undefined || secret === '') {
    if (flags.dev) return { secret: randomBytes(32).toString('hex'), source: 'random (--dev: sessions end when the server stops)' };
    throw new CliError('usage', `no secret: set CVM_SECRET or pass --secret-file (at least ${MIN_SECRET_LENGTH} characters, e.g. \`openssl rand -hex 32\`), or use --dev on your own machine`);
  }
  if (secret.length < MIN_SECRET_LENGTH) throw new CliError('usage', `the secret from ${source} has ${secret.length} characters; at least ${MIN_SECRET_LENGTH} are needed`);
  return { secret, source };
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('the HTTP API (/api, reference at /api/docs) and the dashboard over a data folder')
    .option('--data <dir>', 'data folder (analytics.duckdb from cvm analyze --data, operational/ for users and profiles)', 'cvm-data')
    .option('--port <n>', 'TCP port', '8080')
    .option('--host <addr>', 'address to listen on (loopback by default; put a TLS proxy in front for others)', '127.0.0.1')
    .option('--dev', 'development: no secret needed, cookies without Secure')
    .option('--database-url <url>', 'PostgreSQL for the operational store instead of PGlite in DIR/operational')
    .option('--secret-file <file>', 'file holding the server secret (else env CVM_SECRET)')
    .addOption(formatOption())
    .addHelpText('after', `
Examples:
  cvm analyze samples/transactions.csv --data cvm-data --out out
  printf '%s' 'a long passphrase' | cvm user create --data cvm-data --email admin@example.com --role admin
  CVM_SECRET=$(openssl rand -hex 32) cvm serve --data cvm-data          # then open http://127.0.0.1:8080
  cvm serve --data cvm-data --dev --port 3000 --format json`)
    .action(async (flags: ServeFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError('usage', `--port must be 0–65535, got "${flags.port}"`);
      const { secret, source } = readSecret(flags);
      const dataDir = resolve(flags.data);
      mkdirSync(dataDir, { recursive: true });
      const other = runningServerPid(dataDir);
      if (other !== undefined) throw new CliError('usage', `another cvm serve (pid ${other}) already serves ${dataDir}`);
      const server = await startServer({ dataDir, host: flags.host, port, secret, dev: flags.dev === true, databaseUrl: flags.databaseUrl, log: info });
      const unlock = takeServerLock(dataDir);
      emit(flags.format, { url: server.url, dataDir, data: server.deps.analytics.hasData, secret: source }, () =>
        `cvm serve: ${server.url} (data ${dataDir}${server.deps.analytics.hasData ? '' : ', not analysed yet'}; secret from ${source}); Ctrl-C stops`);
      await new Promise<void>((done) => {
        const stop = (): void => { process.off('SIGINT', stop); process.off('SIGTERM', stop); done(); };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      info('cvm serve: stopping');
      try {
        await server.close();
      } finally {
        unlock();
      }
    });
}
