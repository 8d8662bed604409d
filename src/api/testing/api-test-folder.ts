// A real data folder for the API tests: the bundled sample analysed by `cvm analyze`'s own function
// (analytics.duckdb with customers and a saved run), the operational store on the engine under test
// (a copy of the run's PGlite template in DIR/operational, or a fresh PostgreSQL database), three
// users and an API token each, and the app built over it exactly as `cvm serve` builds it.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inject } from 'vitest';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { analyzeFile } from '../../pipeline/analyze-run.ts';
import { createApiToken } from '../../domain/sessions/api-token-repository.ts';
import { createUser } from '../../domain/users/user-repository.ts';
import { operationalDir } from '../../store/data-folder.ts';
import type { UserRole } from '../../store/database.ts';
import type { EngineUnderTest } from '../../../test/support/store-engines.ts';
import type { ApiDeps, ApiEnv } from '../api-context.ts';
import { createApp } from '../app.ts';
import type { LoginLimits } from '../auth/login-limiter.ts';
import { closeApiDeps, openApiDeps } from '../start-server.ts';

export const SAMPLE = resolve(import.meta.dirname, '../../../samples/transactions.csv');
export const PASSWORD = 'a long test passphrase';
export const SECRET = 'test-secret-'.padEnd(48, 'x');

export interface ApiFixture {
  dataDir: string;
  /** report.json / customers.csv of the analyze run, to compare answers with. */
  outDir: string;
  deps: ApiDeps;
  app: OpenAPIHono<ApiEnv>;
  tokens: Record<UserRole, string>;
  emails: Record<UserRole, string>;
  log: string[];
  dispose(): Promise<void>;
}

export async function makeApiFixture(engine: EngineUnderTest, options: { loginLimits?: LoginLimits; address?: () => string } = {}): Promise<ApiFixture> {
  const root = mkdtempSync(join(tmpdir(), 'cvm-api-test-'));
  const dataDir = join(root, 'data');
  const outDir = join(root, 'out');
  let drop: () => Promise<void> = async () => undefined;
  await analyzeFile({ file: SAMPLE, dataDir, outDir });
  let databaseUrl: string | undefined;
  if (engine.name === 'pglite') cpSync(inject('pgliteTemplateDir'), operationalDir(dataDir), { recursive: true });
  else {
    const fresh = await engine.freshDatabase();
    databaseUrl = fresh.options.databaseUrl;
    drop = fresh.drop;
  }
  const log: string[] = [];
  const deps = await openApiDeps({ dataDir, databaseUrl, secret: SECRET, dev: true, loginLimits: options.loginLimits, log: (l) => log.push(l) });
  const withAddress: ApiDeps = options.address ? { ...deps, clientAddress: options.address } : deps;
  const emails = { admin: 'admin@example.com', analyst: 'analyst@example.com', staff: 'staff@example.com' } satisfies Record<UserRole, string>;
  const tokens = {} as Record<UserRole, string>;
  for (const role of ['admin', 'analyst', 'staff'] as const) {
    const user = await createUser(deps.store.db, { email: emails[role], role, password: PASSWORD, name: `Test ${role}` });
    tokens[role] = (await createApiToken(deps.store.db, user.id, `${role} test token`)).token;
  }
  return {
    dataDir, outDir, deps: withAddress, app: createApp(withAddress), tokens, emails, log,
    async dispose() {
      await closeApiDeps(deps);
      await drop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Signs in through the API; returns the cookie header and the CSRF token. */
export async function signIn(app: OpenAPIHono<ApiEnv>, email: string, password = PASSWORD): Promise<{ cookie: string; csrf: string; res: Response }> {
  const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const setCookie = res.headers.get('set-cookie') ?? '';
  const body = res.status === 200 ? ((await res.clone().json()) as { csrfToken: string }) : { csrfToken: '' };
  return { cookie: setCookie.split(';')[0] ?? '', csrf: body.csrfToken, res };
}
