// Issue 4's atomicity acceptance for a customers import, on every engine: a real `cvm import --kind
// customers` child process is SIGKILLed while it writes 20,000 members into the operational
// store. Afterwards both stores are as they were (same customers, the batch left `running` with no
// rows, the analytics store's batch list unchanged); running the import again completes it, with
// the same customers as an uninterrupted import into a fresh store.
import { spawn } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listImportBatches } from '../../src/domain/import-batches/import-batch-repository.ts';
import { DuckDbEngine } from '../../src/engines/duckdb/duckdb-engine.ts';
import { importRecords } from '../../src/ingest/import-records.ts';
import { syncImportBatches } from '../../src/ingest/sync-import-batches.ts';
import { analyticsStorePath, operationalDir } from '../../src/store/data-folder.ts';
import { openOperationalStore, type OperationalStoreOptions } from '../../src/store/open-operational-store.ts';
import { repoPath } from '../../src/testing/shared-data.ts';
import { enginesUnderTest } from '../support/store-engines.ts';

const MEMBERS = 20_000;
const dir = mkdtempSync(join(tmpdir(), 'cvm-cust-kill-'));
const base = join(dir, 'base.csv');
const big = join(dir, 'members.csv');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  writeFileSync(base, 'customer_id,name,phone\nB1,甲,13800000001\nB2,乙,13800000002\nM000007,旧名,13000000000\n');
  const lines = ['customer_id,name,phone,email,birthday,city,join_date,tier'];
  const cities = ['上海', '杭州', '苏州', '北京'];
  for (let i = 1; i <= MEMBERS; i++) {
    const code = `M${String(i).padStart(6, '0')}`;
    lines.push(`${code},会员${i},1${String(3000000000 + i * 7)},m${i}@example.com,19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10},${cities[i % 4]},2024-0${1 + (i % 9)}-0${1 + (i % 9)},${i % 10 === 0 ? 'gold' : 'regular'}`);
  }
  writeFileSync(big, lines.join('\n') + '\n');
});

/** The data folder and the open options of its operational store (PGlite inside it, or a server database). */
async function freshFolder(engine: ReturnType<typeof enginesUnderTest>[number]): Promise<{ dataDir: string; options: OperationalStoreOptions; args: string[]; drop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(dir, 'data-'));
  const fresh = await engine.freshDatabase();
  if (fresh.options.databaseUrl !== undefined) return { dataDir, options: fresh.options, args: ['--database-url', fresh.options.databaseUrl], drop: fresh.drop };
  // The PGlite copy moves to where the CLI looks for it: DIR/operational.
  renameSync(fresh.options.dataDir, operationalDir(dataDir));
  return { dataDir, options: { dataDir: operationalDir(dataDir) }, args: [], drop: fresh.drop };
}

interface Fingerprint { customers: number; digest: string; batches: string[]; analyticsBatches: string[] }

async function fingerprint(dataDir: string, options: OperationalStoreOptions): Promise<Fingerprint> {
  const store = await openOperationalStore(options);
  try {
    const row = await sql<{ n: number; digest: string | null }>`select count(*)::int as n, md5(string_agg(concat_ws('|', customer_code, name, phone, email, birthday, city, join_date, tier), ',' order by customer_code)) as digest from customers`.execute(store.db);
    const batches = (await listImportBatches(store.db)).map((b) => `${b.file_name} ${b.status} ${b.attempts}`);
    const db = await DuckDbEngine.open({ path: analyticsStorePath(dataDir), threads: 1 });
    try {
      const analyticsBatches = (await db.rows('SELECT file_name, rows_loaded FROM ingest_batches ORDER BY batch_id')).map((r) => `${String(r.file_name)} ${String(r.rows_loaded)}`);
      return { customers: row.rows[0].n, digest: row.rows[0].digest ?? '', batches, analyticsBatches };
    } finally {
      db.close();
    }
  } finally {
    await store.close();
  }
}

/** `cvm import members.csv --kind customers`, SIGKILLed 150 ms after it starts writing to the store. */
function importAndKill(dataDir: string, args: string[]): Promise<{ signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [repoPath('bin', 'cvm.js'), 'import', big, '--kind', 'customers', '--data', dataDir, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let armed = false;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!armed && stderr.includes('to the operational store')) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), 150);
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ signal, stderr }));
  });
}

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [repoPath('bin', 'cvm.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

for (const engine of enginesUnderTest()) {
  describe(`customers import killed with SIGKILL on ${engine.name}`, () => {
    const name = 'leaves both stores as they were; the re-run completes it like an uninterrupted import';
    if (engine.skipReason) {
      it.skip(`${name} [skipped: ${engine.skipReason}]`, () => undefined);
      return;
    }
    it(name, async () => {
      const killed = await freshFolder(engine);
      const clean = await freshFolder(engine);
      try {
        for (const f of [killed, clean]) {
          const store = await openOperationalStore(f.options);
          try {
            await importRecords({ kind: 'customers', path: base, dataDir: f.dataDir, operational: store });
            await syncImportBatches(f.dataDir, store);
          } finally {
            await store.close();
          }
        }
        const before = await fingerprint(killed.dataDir, killed.options);
        expect(before).toMatchObject({ customers: 3, batches: ['base.csv done 1'], analyticsBatches: ['base.csv 3'] });

        const k = await importAndKill(killed.dataDir, killed.args);
        expect(k.signal, `the import finished before the kill:\n${k.stderr}`).toBe('SIGKILL');
        const after = await fingerprint(killed.dataDir, killed.options);
        expect(after).toEqual({ ...before, batches: ['members.csv running 1', ...before.batches] });

        const rerun = await cli(['import', big, '--kind', 'customers', '--data', killed.dataDir, ...killed.args, '--format', 'json']);
        expect(rerun.code, rerun.stderr).toBe(0);
        expect(JSON.parse(rerun.stdout)).toMatchObject({ status: 'imported', counts: { read: MEMBERS, loaded: MEMBERS, inserted: MEMBERS - 1, updated: 1 } });
        const uninterrupted = await cli(['import', big, '--kind', 'customers', '--data', clean.dataDir, ...clean.args, '--format', 'json']);
        expect(uninterrupted.code, uninterrupted.stderr).toBe(0);

        const done = await fingerprint(killed.dataDir, killed.options);
        const reference = await fingerprint(clean.dataDir, clean.options);
        expect(done).toMatchObject({ customers: MEMBERS + 2, digest: reference.digest, analyticsBatches: reference.analyticsBatches });
        expect(done.batches).toEqual(['members.csv done 2', 'base.csv done 1']);
        expect(reference.batches).toEqual(['members.csv done 1', 'base.csv done 1']);
      } finally {
        await killed.drop();
        await clean.drop();
      }
    }, 180_000);
  });
}
