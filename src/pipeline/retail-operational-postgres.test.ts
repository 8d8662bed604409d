// `cvm analyze --data DIR --database-url URL`: the folder's surveys and complaints are read from a
// real PostgreSQL server (started here on loopback, as the operational-store suite does), with the
// same figures as worked out from the sample file. Skipped where no PostgreSQL binaries are found.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPostgresBinaries, startPostgresServer, type PostgresServer } from '../../test/support/postgres-server.ts';
import { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { quoteString } from '../engines/duckdb/sql-literal.ts';
import { importRecords } from '../ingest/import-records.ts';
import { isUnavailable, type ReportData } from '../report/report-data.ts';
import { openOperationalStore } from '../store/open-operational-store.ts';
import { analyzeFile } from './analyze-run.ts';

const SAMPLES = resolve(import.meta.dirname, '../../samples');
const hasPostgres = (() => { try { findPostgresBinaries(); return true; } catch { return false; } })();
let dir: string, server: PostgresServer | undefined;

beforeAll(async () => {
  if (!hasPostgres) return;
  dir = mkdtempSync(join(tmpdir(), 'cvm-retail-pg-'));
  server = await startPostgresServer();
}, 120_000);
afterAll(async () => { await server?.stop(); if (dir) rmSync(dir, { recursive: true, force: true }); });

describe.skipIf(!hasPostgres)('cvm analyze --data --database-url', () => {
  it('reads the survey answers from the PostgreSQL store', async () => {
    const url = server?.url ?? '';
    const folder = join(dir, 'data');
    const store = await openOperationalStore({ databaseUrl: url });
    try {
      for (const kind of ['customers', 'interactions'] as const) {
        await importRecords({ kind, path: join(SAMPLES, `${kind}.csv`), dataDir: folder, operational: store });
      }
    } finally {
      await store.close();
    }
    await analyzeFile({ file: join(SAMPLES, 'orders.csv'), outDir: join(dir, 'out'), dataDir: folder, databaseUrl: url, holdout: false });
    const data = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')) as ReportData;
    const db = await DuckDbEngine.open();
    try {
      const [c] = await db.rows(`SELECT count(*) AS n, count(*) FILTER (WHERE CAST(score AS INT) >= 9) AS pro, count(*) FILTER (WHERE CAST(score AS INT) <= 6) AS det
        FROM read_csv(${quoteString(join(SAMPLES, 'interactions.csv'))}, all_varchar = true) WHERE kind = 'survey' AND score IS NOT NULL`);
      const s = data.satisfaction;
      if (s === undefined || isUnavailable(s)) throw new Error(`satisfaction: ${JSON.stringify(s)}`);
      expect(s.responses).toBe(Number(c.n));
      expect(s.nps).toBeCloseTo((100 * (Number(c.pro) - Number(c.det))) / Number(c.n), 9);
      // No products file in this folder: margins say what is missing.
      expect(isUnavailable(data.economics)).toBe(true);
    } finally {
      db.close();
    }
  }, 180_000);
});
