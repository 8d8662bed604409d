// A real `cvm serve` child process on a free loopback port over a data folder, for the browser tests
// and the screenshot script: started the way the README starts it (not --dev, so the secret and
// cookie rules of production apply), waited for until /api/health answers, stopped afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CVM_BIN, REPO_ROOT } from './run-cvm.ts';

export const WEB_DIST = join(REPO_ROOT, 'web', 'dist', 'index.html');

export interface CvmServer {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** The server's output so far (the last 20 000 characters), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartCvmServerOptions {
  dataDir: string;
  /** CVM_SECRET for the server (default: 48 random hex characters). */
  secret?: string;
  /** Milliseconds to wait for /api/health (default 90 s: the operational store's start is slow under load). */
  startTimeoutMs?: number;
}

/** A port the kernel just handed out on 127.0.0.1; free unless someone takes it in the next moment. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no port from the kernel'))));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => { clearTimeout(timer); resolve(true); });
  });
}

/**
 * Starts `cvm serve --data DIR --host 127.0.0.1 --port <free>` and resolves once GET /api/health is 200.
 * Example: `const server = await startCvmServer({ dataDir }); … await server.stop();`
 */
export async function startCvmServer(options: StartCvmServerOptions): Promise<CvmServer> {
  if (!existsSync(WEB_DIST)) throw new Error(`${WEB_DIST} is missing: build the dashboard first (npm run build:web)`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [CVM_BIN, 'serve', '--data', options.dataDir, '--host', '127.0.0.1', '--port', String(port)], {
    cwd: REPO_ROOT,
    env: { ...process.env, CVM_SECRET: options.secret ?? randomBytes(24).toString('hex') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (s: string) => { log = (log + s).slice(-20_000); };
  child.stdout?.setEncoding('utf8').on('data', keep);
  child.stderr?.setEncoding('utf8').on('data', keep);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    if (!(await waitForExit(child, 10_000))) {
      child.kill('SIGKILL');
      await waitForExit(child, 5_000);
    }
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`cvm serve exited (${child.signalCode ?? `exit ${String(child.exitCode)}`}) before answering:\n${log}`);
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`cvm serve did not answer ${url}/api/health within ${String(options.startTimeoutMs ?? 90_000)} ms:\n${log}`);
    }
    await sleep(250);
  }
  return { url, output: () => log, stop };
}
