// `cvm import --kind …` and `cvm quality` as a user runs them (the real command tree, in-process),
// with the operational store on each engine: PGlite in DIR/operational, or --database-url.
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listImportBatches } from '../../src/domain/import-batches/import-batch-repository.ts';
import { operationalDir } from '../../src/store/data-folder.ts';
import { openOperationalStore } from '../../src/store/open-operational-store.ts';
import { runCli } from '../../src/testing/run-cli.ts';
import { repoPath } from '../../src/testing/shared-data.ts';
import { enginesUnderTest } from '../support/store-engines.ts';

for (const engine of enginesUnderTest()) {
  describe(`cvm import --kind and cvm quality on ${engine.name}`, () => {
    const test = (name: string, fn: () => Promise<void>): void => {
      if (engine.skipReason) it.skip(`${name} [skipped: ${engine.skipReason}]`, fn);
      else it(name, fn);
    };
    let dir: string;
    let args: string[];
    let drop: () => Promise<void>;
    if (!engine.skipReason) {
      beforeEach(async () => {
        dir = mkdtempSync(join(tmpdir(), 'cvm-cli-records-'));
        const fresh = await engine.freshDatabase();
        drop = fresh.drop;
        if (fresh.options.databaseUrl !== undefined) args = ['--database-url', fresh.options.databaseUrl];
        else {
          mkdirSync(data(), { recursive: true });
          renameSync(fresh.options.dataDir, operationalDir(join(dir, 'data')));
          args = [];
        }
      });
      afterEach(async () => {
        await drop();
        rmSync(dir, { recursive: true, force: true });
      });
    }
    const data = (): string => join(dir, 'data');

    test('imports a member list, prints the mapping and the reconciled counts, and reports its quality', async () => {
      const members = join(dir, 'members.csv');
      writeFileSync(members, '卡号,姓名,联系手机,邮箱,生日\nA1,王芳,13800138000,wf@qq.com,1990-05-01\nA2,王芳,13800138000,,2090-05-01\nA3,李雷,1380013,lei@163,1890-01-01\n');
      const r = await runCli('import', members, '--kind', 'customers', '--map', 'customer=卡号', '--map', 'phone=联系手机', '--data', data(), ...args);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/Imported .*members\.csv as customers batch 1 of the operational store/);
      expect(r.out).toMatch(/customer +← 卡号 \(flag\)/);
      expect(r.out).toMatch(/name +← 姓名\n/);
      expect(r.out).toContain('read = loaded + duplicates + superseded + already loaded + rejected: 3 = 3 + 0 + 0 + 0 + 0');
      const again = await runCli('import', members, '--kind', 'customers', '--map', 'customer=卡号', '--map', 'phone=联系手机', '--data', data(), ...args);
      expect(again.out).toMatch(/was already imported as customers batch 1 .*; nothing changed\./);

      const q = await runCli('quality', '--data', data(), ...args, '--today', '2026-06-30', '--format', 'json');
      expect(q.code, q.err).toBe(0);
      const byId = Object.fromEntries((JSON.parse(q.out) as { checks: { id: string; count: number; examples: string[] }[] }).checks.map((c) => [c.id, c]));
      // A1 and A2 share a phone; A3's phone has 7 digits and its e-mail no suffix; A2 is born in 2090, A3 in 1890.
      expect(byId['duplicate-phone']).toMatchObject({ count: 2, examples: ['A1/A2'] });
      expect(byId['malformed-phone']).toMatchObject({ count: 1, examples: ['A3'] });
      expect(byId['malformed-email']).toMatchObject({ count: 1, examples: ['A3'] });
      expect(byId['missing-email']).toMatchObject({ count: 1, examples: ['A2'] });
      expect(byId['future-birthday']).toMatchObject({ count: 1, examples: ['A2'] });
      expect(byId['impossible-age']).toMatchObject({ count: 1, examples: ['A3'] });
      const zh = await runCli('quality', '--data', data(), ...args, '--lang', 'zh-CN');
      expect(zh.out).toMatch(/warning 疑似重复客户：手机号相同 +2 \/ 3/);
    });

    test('lists every kind of import in the operational store, sales included', async () => {
      for (const [kind, f] of [['products', 'products.csv'], ['events', 'events.csv']] as const) {
        const r = await runCli('import', repoPath('samples', f), '--kind', kind, '--data', data(), ...args, '--format', 'json');
        expect(r.code, r.err).toBe(0);
        // Tracked while it ran (running → done), so the sync afterwards has nothing to add.
        expect(JSON.parse(r.out)).toMatchObject({ status: 'imported', kind, store: 'analytics', sync: { toOperational: 0, toAnalytics: 0 } });
      }
      const sales = await runCli('import', repoPath('samples', 'transactions.csv'), '--data', data(), ...args, '--format', 'json');
      expect(sales.code, sales.err).toBe(0);
      expect(JSON.parse(sales.out)).toMatchObject({ status: 'imported', counts: { read: 6482 }, sync: { toOperational: 0, toAnalytics: 0 } });
      // A failed attempt is recorded with its reason; the next attempt of the same file counts as the second.
      const bad = join(dir, 'bad-events.csv');
      writeFileSync(bad, 'customer_id,product_id,event,occurred_at\nM1,P1,view,2024-07-01\nM1,P1,peek,2024-07-01\n');
      expect((await runCli('import', bad, '--kind', 'events', '--strict', '--data', data(), ...args)).code).toBe(65);
      expect((await runCli('import', bad, '--kind', 'events', '--data', data(), ...args)).code).toBe(0);
      const store = await openOperationalStore(args.length ? { databaseUrl: args[1] } : { dataDir: operationalDir(data()) });
      try {
        const batches = await listImportBatches(store.db);
        expect(batches.map((b) => [b.kind, b.file_name, b.status, b.attempts, b.counts.read])).toEqual([
          ['events', 'bad-events.csv', 'done', 2, 2], ['sales', 'transactions.csv', 'done', 1, 6482],
          ['events', 'events.csv', 'done', 1, 21978], ['products', 'products.csv', 'done', 1, 60],
        ]);
        expect(batches[0].reject_file).toMatch(/rejects\/events-\d+-bad-events\.csv\.rejects\.csv$/);
      } finally {
        await store.close();
      }
    });
  });
}

describe('cvm import --kind: usage errors', () => {
  it('refuses flags that do not apply, with exit code 64', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvm-cli-usage-'));
    try {
      const sample = repoPath('samples', 'products.csv');
      const wrong = await runCli('import', sample, '--kind', 'products', '--amount', 'price', '--data', dir);
      expect(wrong).toMatchObject({ code: 64 });
      expect(wrong.err).toMatch(/--amount does not apply to a products import; its fields are product, name, category, price, cost/);
      const bad = await runCli('import', sample, '--kind', 'products', '--map', 'price', '--data', dir);
      expect(bad.err).toMatch(/--map price: expected FIELD=COLUMN/);
      const sales = await runCli('import', sample, '--map', 'price=price', '--data', dir);
      expect(sales.err).toMatch(/--map is for --kind customers, products, events or interactions/);
      const help = await runCli('quality', '--help');
      expect(help.out).toMatch(/Examples:\n {2}cvm quality --data \.\/cvm-data/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
