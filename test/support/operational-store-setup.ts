// vitest globalSetup of the `operational-store` project (vitest.config.ts): once per test run it
// makes what every operational-store test file needs, and removes it afterwards.
// - a PGlite template data folder: PGlite's first open runs initdb (seconds, ~700 MiB), so it
//   happens once here and each test copies the folder (milliseconds);
// - a PostgreSQL server (test/support/postgres-server.ts), unless CVM_TEST_DATABASE_URL already
//   points at one. Under CI=true a server that cannot start fails the run: the PostgreSQL variant
//   of the suite must never be skipped there.
// CVM_TEST_ENGINES=pglite (or =postgres) limits the run to one engine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite } from '../../src/engines/pglite/pglite-dialect.ts';
import { startPostgresServer } from './postgres-server.ts';
import type { PostgresServer } from './postgres-server.ts';

export const ALL_ENGINES = ['pglite', 'postgres'] as const;
export type EngineName = (typeof ALL_ENGINES)[number];

declare module 'vitest' {
  export interface ProvidedContext {
    /** Engines this run tests, from CVM_TEST_ENGINES (default: all). */
    operationalEngines: EngineName[];
    /** Folder of an initialised, empty PGlite database to copy ('' when PGlite is not tested). */
    pgliteTemplateDir: string;
    /** URL of a PostgreSQL server whose `postgres` database may create and drop databases. */
    postgresUrl: string;
    /** Why the PostgreSQL variant cannot run ('' when it can). */
    postgresUnavailable: string;
  }
}

export function selectedEngines(): EngineName[] {
  const wanted = (process.env.CVM_TEST_ENGINES ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (wanted.length === 0) return [...ALL_ENGINES];
  const unknown = wanted.filter((w) => !(ALL_ENGINES as readonly string[]).includes(w));
  if (unknown.length) throw new Error(`CVM_TEST_ENGINES names unknown engines: ${unknown.join(', ')} (known: ${ALL_ENGINES.join(', ')})`);
  return wanted as EngineName[];
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const engines = selectedEngines();
  const cleanups: (() => Promise<void> | void)[] = [];
  const log = (line: string): void => console.log(`[operational-store setup] ${line}`);
  let pgliteTemplateDir = '';
  let postgresUrl = '';
  let postgresUnavailable = '';

  async function prepare(): Promise<void> {
    if (engines.includes('pglite')) {
      const started = performance.now();
      const folder = mkdtempSync(join(tmpdir(), 'cvm-pglite-template-'));
      cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
      pgliteTemplateDir = join(folder, 'data');
      const pglite = await openPglite(pgliteTemplateDir);
      await pglite.close();
      log(`PGlite template created in ${Math.round(performance.now() - started)} ms`);
    }

    if (engines.includes('postgres')) {
      if (process.env.CVM_TEST_DATABASE_URL) {
        postgresUrl = process.env.CVM_TEST_DATABASE_URL;
        log('PostgreSQL: using the server in CVM_TEST_DATABASE_URL');
      } else {
        let server: PostgresServer | undefined;
        try {
          server = await startPostgresServer();
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          if (process.env.CI === 'true') {
            throw new Error(`CI=true and the PostgreSQL test server could not start, so the PostgreSQL variant of the operational-store suite cannot run: ${reason}`, { cause: error });
          }
          postgresUnavailable = `PostgreSQL test server could not start: ${reason.split('\n')[0]}`;
          log(postgresUnavailable);
        }
        if (server) {
          const running = server;
          cleanups.push(() => running.stop());
          postgresUrl = running.url;
          // Also in the environment, for anything run outside vitest's inject() (a child process).
          process.env.CVM_TEST_DATABASE_URL = running.url;
          cleanups.push(() => { delete process.env.CVM_TEST_DATABASE_URL; });
          log(`PostgreSQL ${running.version} (${running.binaries}) ready in ${running.startupMs} ms at ${running.url}`);
        }
      }
    }
  }

  const teardown = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    await prepare();
  } catch (error) {
    await teardown(); // a failed setup must not leave a server or folders behind
    throw error;
  }

  project.provide('operationalEngines', engines);
  project.provide('pgliteTemplateDir', pgliteTemplateDir);
  project.provide('postgresUrl', postgresUrl);
  project.provide('postgresUnavailable', postgresUnavailable);

  return teardown;
}
