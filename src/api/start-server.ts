// `cvm serve` without the CLI: opens the data folder's stores, builds the app, listens, and closes it
// all again. Used by the serve command, the load benchmark and tests that need a real socket.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { analyticsStorePath, operationalStoreOptions } from '../store/data-folder.ts';
import { openOperationalStore } from '../store/open-operational-store.ts';
import { AnalyticsPool } from './analytics/analytics-pool.ts';
import type { ApiDeps } from './api-context.ts';
import { createApp } from './app.ts';
import { LoginLimiter } from './auth/login-limiter.ts';
import type { LoginLimits } from './auth/login-limiter.ts';
import { ImportRunner } from './imports/import-runner.ts';
import { customerPage } from './customers/customer-query.ts';

export interface ServerOptions {
  dataDir: string;
  host: string;
  port: number;
  secret: string;
  /** Development mode: cookies without Secure. */
  dev: boolean;
  databaseUrl?: string;
  webDir?: string;
  loginLimits?: LoginLimits;
  /** DuckDB connections for readers. */
  readers?: number;
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  deps: ApiDeps;
  close(): Promise<void>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** Builds the dependencies of the app over a data folder (also used by in-process tests). */
export async function openApiDeps(o: Omit<ServerOptions, 'host' | 'port'> & { host?: string }): Promise<ApiDeps> {
  const log = o.log ?? ((line: string) => console.error(line));
  const store = await openOperationalStore(operationalStoreOptions(o.dataDir, o.databaseUrl));
  try {
    const analytics = await AnalyticsPool.open({ path: analyticsStorePath(o.dataDir), size: o.readers ?? 4 });
    const imports = new ImportRunner({ dataDir: o.dataDir, store, analytics, log });
    return {
      dataDir: o.dataDir, store, analytics, imports, secret: o.secret, log,
      secureCookies: !(o.dev || LOOPBACK.test(o.host ?? '127.0.0.1')),
      limiter: new LoginLimiter(o.loginLimits),
      clientAddress: (c) => { try { return getConnInfo(c).remote.address ?? 'unknown'; } catch { return 'unknown'; } },
      webDir: o.webDir,
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

export async function closeApiDeps(deps: ApiDeps): Promise<void> {
  deps.imports.close();
  await deps.imports.idle();
  await deps.analytics.close();
  await deps.store.close();
}

/**
 * @example
 * const server = await startServer({ dataDir: 'cvm-data', host: '127.0.0.1', port: 8080, secret, dev: false });
 * … await server.close();
 */
export async function startServer(o: ServerOptions): Promise<RunningServer> {
  const deps = await openApiDeps(o);
  // Load the customers snapshot now rather than on the first page request (~20 s at 1M customers on a
  // busy 2-core machine); requests that come earlier wait for it.
  customerPage(deps.analytics, {}, { page: 1, pageSize: 1 }).catch((e: unknown) => deps.log(`[cvm serve] warm-up: ${String(e)}`));
  const app = createApp(deps);
  let server: ReturnType<typeof serve>;
  try {
    server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, hostname: o.host, port: o.port }, () => resolve(s));
      s.once('error', reject);
    });
  } catch (error) {
    await closeApiDeps(deps);
    throw error;
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    deps,
    async close() {
      // PGlite's close is WASM work with no handle of its own: keep the loop alive until it is done.
      const keepAlive = setInterval(() => undefined, 1000);
      try {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        (server as Server).closeAllConnections(); // keep-alive and event streams would hold close() open
        await closed;
        await closeApiDeps(deps);
      } finally {
        clearInterval(keepAlive);
      }
    },
  };
}
