import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockFile } from '../api/server-lock.ts';
import { runCli } from '../testing/run-cli.ts';

// A live process other than this one stands in for `cvm serve`: the guard only asks whether the pid in
// serve.pid is alive (the tests run the CLI in-process, and a folder's own process is never "another").
const dir = mkdtempSync(join(tmpdir(), 'cvm-guard-'));
const data = join(dir, 'data');
const sample = resolve(import.meta.dirname, '../../samples');
let server: ChildProcess;

beforeAll(() => {
  server = spawn('sleep', ['60'], { stdio: 'ignore' });
  mkdirSync(data, { recursive: true });
  writeFileSync(lockFile(data), String(server.pid));
});
afterAll(() => {
  server.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('commands on a folder that cvm serve holds', () => {
  it.each([
    ['import', ['import', join(sample, 'transactions.csv')], /POST \/api\/imports/],
    ['import --kind customers', ['import', join(sample, 'customers.csv'), '--kind', 'customers'], /POST \/api\/imports/],
    ['quality', ['quality'], /GET \/api\/quality/],
  ])('%s refuses with exit 75 before touching the folder', async (_name, args, hint) => {
    const r = await runCli(...args, '--data', data);
    expect(r.code).toBe(75);
    expect(r.err).toMatch(new RegExp(`cvm serve \\(pid ${server.pid}\\) is using`));
    expect(r.err).toMatch(hint);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    expect(readdirSync(data)).toEqual(['serve.pid']);
  });

  it('goes ahead once the server is gone (a stale pid file is ignored)', async () => {
    const gone = join(dir, 'gone');
    mkdirSync(gone);
    const dead = spawn('true');
    await new Promise((r) => dead.once('exit', r));
    writeFileSync(lockFile(gone), String(dead.pid));
    const r = await runCli('import', join(sample, 'transactions.csv'), '--data', gone, '--format', 'json');
    expect(r.code).toBe(0);
    expect(existsSync(join(gone, 'analytics.duckdb'))).toBe(true);
  });
});
