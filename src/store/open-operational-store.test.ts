// Failure paths of opening the store that need no database: a refused connection and a bad URL.
// The working paths run on both engines in test/conformance/operational-store.test.ts.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { redactDatabaseUrl } from '../engines/postgres/postgres-dialect.ts';
import { openOperationalStore } from './open-operational-store.ts';
import { StoreError } from './store-error.ts';

/** A loopback port nothing listens on (bound, read, released). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 1));
    });
  });
}

describe('openOperationalStore', () => {
  it('reports an unreachable server as connect-failed, without the password', async () => {
    const url = `postgres://cvm:s3cret@127.0.0.1:${await closedPort()}/cvm`;
    const error = await openOperationalStore({ databaseUrl: url }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('connect-failed');
    expect((error as StoreError).message).toMatch(/cannot open the postgres operational store at postgres:\/\/cvm:\*\*\*@127\.0\.0\.1/);
    expect((error as StoreError).message).not.toContain('s3cret');
  });

  it('refuses a URL that is not postgres://', async () => {
    await expect(openOperationalStore({ databaseUrl: 'mysql://localhost/cvm' })).rejects.toMatchObject({ code: 'invalid-input' });
  });
});

describe('redactDatabaseUrl', () => {
  it('hides the password and keeps everything else', () => {
    expect(redactDatabaseUrl('postgres://u:p%40ss@db:5433/cvm?sslmode=require')).toBe('postgres://u:***@db:5433/cvm?sslmode=require');
    expect(redactDatabaseUrl('postgres://db/cvm')).toBe('postgres://db/cvm');
    expect(redactDatabaseUrl('not a url')).toBe('(unparseable database URL)');
  });
});
