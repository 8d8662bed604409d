// The engines an operational-store suite runs on, each able to hand out a fresh, empty store:
// PGlite from a copy of the run's template folder, PostgreSQL as a new database on the run's server.
// Used by test/conformance/*.test.ts together with the globalSetup in operational-store-setup.ts.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openOperationalStore } from '../../src/store/open-operational-store.ts';
import type { OperationalStore, OperationalStoreOptions } from '../../src/store/open-operational-store.ts';
import { ALL_ENGINES } from './operational-store-setup.ts';
import type { EngineName } from './operational-store-setup.ts';

export interface TestStore {
  readonly store: OperationalStore;
  /** Options that open this same database again (e.g. after closing it). */
  readonly options: OperationalStoreOptions;
  /** Closes the store and deletes its folder or database. */
  dispose(): Promise<void>;
}

export interface EngineUnderTest {
  readonly name: EngineName;
  /** Set when this engine's cases are skipped; becomes part of each skipped case's name. */
  readonly skipReason?: string;
  /** A new, empty database (no migrations applied yet) and its open options. */
  freshDatabase(): Promise<{ options: OperationalStoreOptions; drop(): Promise<void> }>;
  /** freshDatabase() opened as a store (so migrated). */
  openFresh(): Promise<TestStore>;
}

let counter = 0;
const uniqueName = (): string => `cvm_test_${process.pid}_${Date.now().toString(36)}_${++counter}`;

async function withAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function pgliteEngine(templateDir: string): Pick<EngineUnderTest, 'freshDatabase'> {
  return {
    async freshDatabase() {
      const folder = mkdtempSync(join(tmpdir(), 'cvm-pglite-test-'));
      const dataDir = join(folder, 'data');
      cpSync(templateDir, dataDir, { recursive: true });
      return { options: { dataDir }, drop: async () => rmSync(folder, { recursive: true, force: true }) };
    },
  };
}

function postgresEngine(serverUrl: string): Pick<EngineUnderTest, 'freshDatabase'> {
  return {
    async freshDatabase() {
      const name = uniqueName();
      await withAdmin(serverUrl, (c) => c.query(`create database ${name}`));
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      return {
        options: { databaseUrl: url.toString() },
        // WITH (FORCE) ends connections a failed test may have left open (PostgreSQL ≥ 13).
        drop: async () => { await withAdmin(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`)); },
      };
    },
  };
}

/**
 * Every engine the run covers, in a fixed order; an engine that cannot run carries its reason.
 *
 * @example
 * for (const engine of enginesUnderTest()) describe(engine.name, () => { … engine.openFresh() … });
 */
export function enginesUnderTest(): EngineUnderTest[] {
  const selected = inject('operationalEngines');
  return ALL_ENGINES.map((name): EngineUnderTest => {
    let skipReason: string | undefined;
    let base: Pick<EngineUnderTest, 'freshDatabase'> | undefined;
    if (!selected.includes(name)) skipReason = `not selected by CVM_TEST_ENGINES=${process.env.CVM_TEST_ENGINES ?? ''}`;
    else if (name === 'pglite') base = pgliteEngine(inject('pgliteTemplateDir'));
    else if (inject('postgresUnavailable')) skipReason = inject('postgresUnavailable');
    else base = postgresEngine(inject('postgresUrl'));
    const freshDatabase = async (): Promise<{ options: OperationalStoreOptions; drop(): Promise<void> }> => {
      if (!base) throw new Error(`engine ${name} is not available: ${skipReason ?? ''}`);
      return base.freshDatabase();
    };
    return {
      name,
      skipReason,
      freshDatabase,
      async openFresh() {
        const { options, drop } = await freshDatabase();
        const store = await openOperationalStore(options);
        return {
          store,
          options,
          async dispose() {
            await store.close();
            await drop();
          },
        };
      },
    };
  });
}
