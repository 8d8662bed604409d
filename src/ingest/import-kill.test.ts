// Issue 4's atomicity acceptance: a real `cvm import` child process is killed with SIGKILL, once
// while it reads and once while DuckDB is writing the batch into the store file; the store is
// unchanged afterwards (same rows, no new batch), and running the import again gives exactly what
// an uninterrupted import gives.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTransactions } from '../analytics/simulate/generate-transactions.ts';
import { repoPath } from '../testing/shared-data.ts';
import { importSales, STORE_FILE } from './import-sales.ts';
import { storeSnapshot } from './store-snapshot.ts';

const dir = mkdtempSync(join(tmpdir(), 'cvm-kill-'));
const big = join(dir, 'big.csv');
const base = join(dir, 'base.csv');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  // 600,000 simulated customers ≈ 1.65M rows (43 MB): the write alone takes ~0.5 s here, long enough to land a kill in.
  const fd = openSync(big, 'w');
  const chunks = generateTransactions({ customers: 600_000, seed: 7 });
  for (let step = chunks.next(); !step.done; step = chunks.next()) writeSync(fd, step.value);
  closeSync(fd);
  writeFileSync(base, 'customer_id,date,amount\nC0000001,1997-01-02,10\nC0000002,1997-01-03,20.5\nZ1,1997-01-04,7\n');
});

interface Killed {
  signal: NodeJS.Signals | null;
  stderr: string;
  storeBytesAtKill: number;
}

/**
 * Runs `cvm import big.csv --data DIR` and SIGKILLs it once `trigger` says so, checked every 2 ms
 * against its progress output and the store file's size.
 */
function importAndKill(dataDir: string, trigger: (stderr: string, storeBytes: number) => boolean): Promise<Killed> {
  const storeFile = join(dataDir, STORE_FILE);
  const size = (): number => { try { return statSync(storeFile).size; } catch { return 0; } };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [repoPath('bin', 'cvm.js'), 'import', big, '--data', dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let storeBytesAtKill = -1;
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const poll = setInterval(() => {
      const bytes = size();
      if (storeBytesAtKill < 0 && trigger(stderr, bytes)) {
        storeBytesAtKill = bytes;
        child.kill('SIGKILL');
      }
    }, 2);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearInterval(poll);
      resolve({ signal, stderr, storeBytesAtKill });
    });
  });
}

describe('kill -9 during an import', () => {
  let uninterrupted: Awaited<ReturnType<typeof storeSnapshot>>;

  beforeAll(async () => {
    const clean = join(dir, 'clean');
    await importSales({ path: base, dataDir: clean });
    await importSales({ path: big, dataDir: clean });
    uninterrupted = await storeSnapshot(clean);
    expect(uninterrupted.batches).toBe(2);
    expect(uninterrupted.lines).toBeGreaterThan(1_600_000);
  });

  it('while reading: the store is unchanged; the re-run completes like an uninterrupted import', async () => {
    const data = join(dir, 'reading');
    await importSales({ path: base, dataDir: data });
    const before = await storeSnapshot(data);
    const killed = await importAndKill(data, (stderr) => stderr.includes('reading big.csv'));
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.stderr).not.toMatch(/writing batch/);
    expect(await storeSnapshot(data)).toEqual(before);
    expect(await importSales({ path: big, dataDir: data })).toMatchObject({ status: 'imported', batchId: 2 });
    expect(await storeSnapshot(data)).toEqual(uninterrupted);
  });

  it('while DuckDB writes the batch into the store file: unchanged, then completed by the re-run', async () => {
    const data = join(dir, 'writing');
    await importSales({ path: base, dataDir: data });
    const before = await storeSnapshot(data);
    const bytesBefore = statSync(join(data, STORE_FILE)).size;
    // Kill only once the store file has grown: proof that rows of the new batch were being written.
    const killed = await importAndKill(data, (stderr, bytes) => stderr.includes('writing batch 2') && bytes > bytesBefore);
    expect(killed.signal, `the import finished before it could be killed:\n${killed.stderr}`).toBe('SIGKILL');
    expect(killed.storeBytesAtKill).toBeGreaterThan(bytesBefore);
    expect(await storeSnapshot(data)).toEqual(before);
    const again = await importSales({ path: big, dataDir: data });
    expect(again).toMatchObject({ status: 'imported', batchId: 2, counts: { alreadyLoaded: 0 } });
    expect(await storeSnapshot(data)).toEqual(uninterrupted);
    // And a third run is the usual no-op.
    expect((await importSales({ path: big, dataDir: data })).status).toBe('already-imported');
  });
});
