// The real server on a loopback socket over a data folder that has not been analysed yet, and the
// serve command's refusal to start without a proper secret.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { runCli } from '../testing/run-cli.ts';
import { createUser } from '../domain/users/user-repository.ts';
import { operationalDir } from '../store/data-folder.ts';
import { enginesUnderTest } from '../../test/support/store-engines.ts';
import { startServer } from './start-server.ts';
import type { RunningServer } from './start-server.ts';
import { SECRET } from './testing/api-test-folder.ts';

const engine = enginesUnderTest().find((e) => e.name === 'pglite' && !e.skipReason);
const run = engine ? describe : describe.skip;

describe('cvm serve refuses to start without a secret', () => {
  it('no secret, a short one, or a missing secret file: exit 64 with a message saying what to do', async () => {
    const saved = process.env.CVM_SECRET;
    const dir = mkdtempSync(join(tmpdir(), 'cvm-serve-secret-'));
    try {
      delete process.env.CVM_SECRET;
      const none = await runCli('serve', '--data', join(dir, 'data'), '--port', '0');
      expect(none.code).toBe(64);
      expect(none.err).toMatch(/no secret: set CVM_SECRET or pass --secret-file .*--dev/);
      process.env.CVM_SECRET = 'too short';
      const short = await runCli('serve', '--data', join(dir, 'data'), '--port', '0');
      expect(short.code).toBe(64);
      expect(short.err).toMatch(/9 characters; at least 32/);
      writeFileSync(join(dir, 'secret'), 'short\n');
      const file = await runCli('serve', '--data', join(dir, 'data'), '--secret-file', join(dir, 'secret'));
      expect(file.err).toMatch(/has 5 characters/);
      expect((await runCli('serve', '--data', join(dir, 'data'), '--secret-file', join(dir, 'nope'))).err).toMatch(/secret file not found/);
      expect((await runCli('serve', '--help')).out).toMatch(/Examples:[\s\S]*cvm serve --data cvm-data/);
    } finally {
      if (saved === undefined) delete process.env.CVM_SECRET;
      else process.env.CVM_SECRET = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

run('cvm serve on a loopback socket', () => {
  let root: string;
  let server: RunningServer;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'cvm-serve-socket-'));
    const dataDir = join(root, 'data');
    cpSync(inject('pgliteTemplateDir'), operationalDir(dataDir), { recursive: true });
    server = await startServer({ dataDir, host: '127.0.0.1', port: 0, secret: SECRET, dev: false, log: () => undefined });
    await createUser(server.deps.store.db, { email: 'admin@example.com', role: 'admin', password: 'a long test passphrase' });
  });
  afterAll(async () => {
    await server?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('answers health, signs in over HTTP (no Secure flag on loopback), and says there is no analysis yet', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ ok: true, data: false });
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@example.com', password: 'a long test passphrase' }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).not.toMatch(/Secure/);
    const headers = { cookie: cookie.split(';')[0] ?? '' };
    const page = (await (await fetch(`${server.url}/api/customers`, { headers })).json()) as { total: number };
    expect(page.total).toBe(0);
    const segments = (await (await fetch(`${server.url}/api/segments`, { headers })).json()) as { unavailable: string };
    expect(segments.unavailable).toMatch(/no analysis/);
    const overview = (await (await fetch(`${server.url}/api/overview`, { headers })).json()) as { lastRun: unknown; customers: unknown };
    expect(overview).toMatchObject({ lastRun: null, customers: { value: null, previous: null } });
    // security headers on every answer
    expect(login.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves the dashboard (or a page saying how to build it) outside /api, and 404 JSON inside', async () => {
    const page = await fetch(`${server.url}/customers/M000001`);
    expect([200, 503]).toContain(page.status);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const missing = await fetch(`${server.url}/api/nope`, { headers: { authorization: 'Bearer cvm_x' } });
    expect(missing.status).toBe(401);
  });
});
