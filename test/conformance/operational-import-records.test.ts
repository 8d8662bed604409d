// Customers and interactions imports into the operational store, on every engine (PGlite and a real
// PostgreSQL server): a GBK member list with Chinese headers and bad rows (reject file with line,
// reason and raw text), upsert by member number, re-import as a no-op, interactions linked to their
// customers, both stores' batch lists in step, and the bundled sample store importing cleanly with
// the data-quality report finding exactly the mess its generator planted (samples/README.md).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerChecksOfFolder, folderQuality } from '../../src/analytics/quality/data-folder-quality.ts';
import { salesQuality } from '../../src/analytics/quality/sales-quality.ts';
import { getCustomerByCode } from '../../src/domain/customers/customer-repository.ts';
import { listImportBatches } from '../../src/domain/import-batches/import-batch-repository.ts';
import { DuckDbEngine } from '../../src/engines/duckdb/duckdb-engine.ts';
import { importRecords } from '../../src/ingest/import-records.ts';
import { importSales } from '../../src/ingest/import-sales.ts';
import type { RecordKind } from '../../src/ingest/record-kinds.ts';
import { syncImportBatches } from '../../src/ingest/sync-import-batches.ts';
import { analyzeFile } from '../../src/pipeline/analyze-run.ts';
import { analyticsStorePath } from '../../src/store/data-folder.ts';
import { repoPath } from '../../src/testing/shared-data.ts';
import { enginesUnderTest, type TestStore } from '../support/store-engines.ts';

// GBK bytes from Python 3's 'gbk' codec for (lines 1–7):
// 会员编号,姓名,手机,邮箱,生日,性别,城市,入会日期,等级,标签
// M001,王芳,13800138000,wf@qq.com,1990-05-01,女,上海,2024-01-02,金卡,高价值;VIP
// M002,李雷,13900000001,,1985年1月1日,男,杭州,2024/02/03,普通,
// M003,韩梅梅,13900000002,,1990-02-30,女,北京,2024-03-04,普通,      (no 30 February)
// ,无名,13900000003,,,,,,,                                          (no member number)
// M002,李雷,13900000009,,1985-01-01,男,杭州,2024-02-03,银卡,        (replaces line 3)
// M001,王芳,13800138000,wf@qq.com,1990-05-01,女,上海,2024-01-02,金卡,高价值;VIP   (exact duplicate of line 2)
const MEMBERS_GBK = Buffer.from('bbe1d4b1b1e0bac52cd0d5c3fb2ccad6bbfa2cd3cacfe42cc9fac8d52cd0d4b1f02cb3c7cad02cc8ebbbe1c8d5c6da2cb5c8bcb62cb1eac7a90a4d3030312ccdf5b7bc2c31333830303133383030302c77664071712e636f6d2c313939302d30352d30312cc5ae2cc9cfbaa32c323032342d30312d30322cbdf0bfa82cb8dfbcdbd6b53b5649500a4d3030322cc0eec0d72c31333930303030303030312c2c31393835c4ea31d4c231c8d52cc4d02cbabcd6dd2c323032342f30322f30332cc6d5cda82c0a4d3030332cbaabc3b7c3b72c31333930303030303030322c2c313939302d30322d33302cc5ae2cb1b1bea92c323032342d30332d30342cc6d5cda82c0a2ccedec3fb2c31333930303030303030332c2c2c2c2c2c2c0a4d3030322cc0eec0d72c31333930303030303030392c2c313938352d30312d30312cc4d02cbabcd6dd2c323032342d30322d30332cd2f8bfa82c0a4d3030312ccdf5b7bc2c31333830303133383030302c77664071712e636f6d2c313939302d30352d30312cc5ae2cc9cfbaa32c323032342d30312d30322cbdf0bfa82cb8dfbcdbd6b53b5649500a', 'hex');

const INTERACTIONS = [
  '会员编号,类型,时间,渠道,主题,内容,评分',
  'M001,投诉,2024-07-01 10:00,电话,退货问题,商品破损,', // 2: complaint, no resolution → open
  'M002,调查,2024-07-02,短信,满意度,很好,9', // 3: survey scored 9
  'M999,电话,2024-07-03 09:00,电话,回访,,', // 4: no such member (yet): kept with its number
  'M001,email,2024-07-04,,,,', // 5: not a kind
  ',拜访,2024-07-05,门店,,,', // 6: anonymous visit
  'M002,调查,2024-07-06,短信,满意度,一般,九', // 7: score not a number
].join('\n') + '\n';

const rejectLines = (path: string | null): string[] => (path === null ? [] : readFileSync(path, 'utf8').trim().split('\n').slice(1));

async function analytics(dataDir: string, sql: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDbEngine.open({ path: analyticsStorePath(dataDir), threads: 1 });
  try {
    return await db.rows(sql);
  } finally {
    db.close();
  }
}

for (const engine of enginesUnderTest()) {
  describe(`record imports into the operational store on ${engine.name}`, () => {
    const test = (name: string, fn: () => Promise<void>, timeout?: number): void => {
      if (engine.skipReason) it.skip(`${name} [skipped: ${engine.skipReason}]`, fn);
      else it(name, fn, timeout);
    };
    let t: TestStore;
    let dir: string;
    if (!engine.skipReason) {
      beforeEach(async () => {
        t = await engine.openFresh();
        dir = mkdtempSync(join(tmpdir(), 'cvm-op-import-'));
      });
      afterEach(async () => {
        await t.dispose();
        rmSync(dir, { recursive: true, force: true });
      });
    }
    const file = (name: string, content: string | Uint8Array): string => {
      const p = join(dir, name);
      writeFileSync(p, content);
      return p;
    };
    const data = (): string => join(dir, 'data');
    const run = (kind: RecordKind, path: string, extra: Partial<Parameters<typeof importRecords>[0]> = {}) =>
      importRecords({ kind, path, dataDir: data(), operational: t.store, ...extra });

    test('customers: GBK with Chinese headers, rejects with line and reason, upsert by member number, re-import no-op', async () => {
      const r = await run('customers', file('会员.csv', MEMBERS_GBK));
      expect(r).toMatchObject({ status: 'imported', store: 'operational', encoding: 'gbk' });
      expect(r.counts).toEqual({
        read: 6, loaded: 2, fixed: 0, duplicates: 1, superseded: 1, alreadyLoaded: 0, inserted: 2, updated: 0, unchanged: 0,
        rejected: { total: 2, byReason: { 'bad-birthday': 1, 'missing-customer': 1 } },
      });
      expect(rejectLines(r.rejectFile)).toEqual([
        '4,"bad-birthday: ""1990-02-30"" in 生日 is not a date (YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD, YYYY.MM.DD, YYYY年MM月DD日; give --date-format for other layouts)","M003,韩梅梅,13900000002,,1990-02-30,女,北京,2024-03-04,普通,"',
        '5,missing-customer: 会员编号 is empty,",无名,13900000003,,,,,,,"',
      ]);
      expect(await getCustomerByCode(t.store.db, 'M001')).toMatchObject({ name: '王芳', gender: '女', birthday: '1990-05-01', join_date: '2024-01-02', tier: '金卡', tags: ['高价值', 'VIP'], source: `import:${r.batchId}` });
      expect(await getCustomerByCode(t.store.db, 'M002')).toMatchObject({ phone: '13900000009', birthday: '1985-01-01', join_date: '2024-02-03', tier: '银卡', tags: [] });

      // A later file with fewer columns updates what it has and leaves the rest.
      const later = file('phones.csv', 'customer_id,phone\nM001,13800138001\nM003,13700000000\n');
      const r2 = await run('customers', later);
      expect(r2.counts).toMatchObject({ read: 2, loaded: 2, inserted: 1, updated: 1, unchanged: 0 });
      expect(await getCustomerByCode(t.store.db, 'M001')).toMatchObject({ name: '王芳', phone: '13800138001', tier: '金卡' });
      const again = await run('customers', later);
      expect(again).toMatchObject({ status: 'already-imported', batchId: r2.batchId, counts: { read: 2, inserted: 1, updated: 1 } });

      const batches = await listImportBatches(t.store.db);
      expect(batches.map((b) => [b.kind, b.status, b.attempts, b.counts.read, b.reject_file])).toEqual([
        ['customers', 'done', 1, 2, null], ['customers', 'done', 1, 6, r.rejectFile],
      ]);
      expect(batches[1].counts).toMatchObject({ loaded: 2, rejected: 2, 'rejected.bad-birthday': 1 });
      // The analytics store lists them too once the batch lists are synced (cvm import does it after each import).
      expect(await syncImportBatches(data(), t.store)).toEqual({ toOperational: 0, toAnalytics: 2 });
      expect(await analytics(data(), 'SELECT kind, rows_read, rows_rejected FROM ingest_batches ORDER BY batch_id')).toEqual([
        { kind: 'customers', rows_read: 6, rows_rejected: 2 }, { kind: 'customers', rows_read: 2, rows_rejected: 0 },
      ]);
    });

    test('--strict stores nothing and records the failed attempt; the fixed file then imports', async () => {
      const bad = file('m.csv', 'customer_id,birthday\nA1,1990-01-01\nA2,yesterday\n');
      await expect(run('customers', bad, { strict: true })).rejects.toMatchObject({ code: 'strict-rejects' });
      expect((await listImportBatches(t.store.db)).map((b) => [b.status, b.error?.slice(0, 9)])).toEqual([['failed', '--strict:']]);
      expect(await getCustomerByCode(t.store.db, 'A1')).toBeUndefined();
      const r = await run('customers', bad);
      expect(r.counts).toMatchObject({ loaded: 1, rejected: { total: 1 } });
      expect((await listImportBatches(t.store.db)).map((b) => [b.status, b.attempts])).toEqual([['done', 2]]);
    });

    test('interactions: Chinese kinds, linked to customers by member number, unknown numbers kept', async () => {
      await run('customers', file('c.csv', 'customer_id,name\nM001,王芳\nM002,李雷\n'));
      const r = await run('interactions', file('服务记录.csv', INTERACTIONS));
      expect(r.mapping).toEqual({ customer: '会员编号', kind: '类型', date: '时间', channel: '渠道', subject: '主题', body: '内容', score: '评分' });
      expect(r.counts).toMatchObject({ read: 6, loaded: 4, unlinked: 1, anonymous: 1, rejected: { total: 2, byReason: { 'bad-kind': 1, 'bad-score': 1 } } });
      expect(rejectLines(r.rejectFile).map((l) => l.split(':')[0].replace('"', ''))).toEqual(['5,bad-kind', '7,bad-score']);
      const m1 = await getCustomerByCode(t.store.db, 'M001');
      const rows = await t.store.db.selectFrom('interactions').select(['customer_id', 'customer_code', 'kind', 'status', 'score', 'channel', 'subject']).orderBy('occurred_at').execute();
      expect(rows).toEqual([
        { customer_id: m1?.id, customer_code: 'M001', kind: 'complaint', status: 'open', score: null, channel: '电话', subject: '退货问题' },
        { customer_id: expect.any(Number), customer_code: 'M002', kind: 'survey', status: 'closed', score: '9', channel: '短信', subject: '满意度' },
        { customer_id: null, customer_code: 'M999', kind: 'call', status: 'closed', score: null, channel: '电话', subject: '回访' },
        { customer_id: null, customer_code: null, kind: 'visit', status: 'closed', score: null, channel: '门店', subject: null },
      ]);

      // An overlapping export: its first record is line 3 of the first file, the second is new.
      const overlap = await run('interactions', file('overlap.csv', 'customer_id,kind,occurred_at,channel,subject,body,score\nM002,survey,2024-07-02,短信,满意度,很好,9\nM999,visit,2024-07-08,门店,,,\n'));
      expect(overlap.counts).toMatchObject({ read: 2, loaded: 1, alreadyLoaded: 1, unlinked: 1 });
      // M999 becomes a customer later: the interactions that carried the number are linked to them.
      await run('customers', file('late.csv', 'customer_id,name\nM999,晚到\n'));
      const m999 = await getCustomerByCode(t.store.db, 'M999');
      const linked = await t.store.db.selectFrom('interactions').select('customer_id').where('customer_code', '=', 'M999').execute();
      expect(linked).toEqual([{ customer_id: m999?.id }, { customer_id: m999?.id }]);
    });

    test('the sample store imports cleanly, and the quality report finds the mess its generator planted', async () => {
      const sample = (f: string): string => repoPath('samples', f);
      for (const kind of ['customers', 'products', 'events', 'interactions'] as const) {
        const r = await run(kind, sample(`${kind}.csv`));
        expect(r.counts.rejected.total, kind).toBe(0);
        expect(r.counts.loaded, kind).toBe(r.counts.read);
      }
      const orders = await importSales({ path: sample('orders.csv'), dataDir: data() });
      // samples/README.md: 26 cancelled orders, 85 returns, 9 duplicated lines, nothing rejected.
      expect(orders.counts).toMatchObject({ read: 15881, duplicates: 9, rejected: { total: 0 } });
      // The one bulk purchase the generator planted (150 cases of water on line 8240) is the one extreme amount.
      const db = await DuckDbEngine.open({ path: analyticsStorePath(data()), threads: 1 });
      try {
        expect((await salesQuality(db, { today: '2026-06-30' })).find((c) => c.id === 'extreme-amounts')).toMatchObject({ count: 1, examples: ['line 8240'] });
      } finally {
        db.close();
      }
      expect(await syncImportBatches(data(), t.store)).toEqual({ toOperational: 3, toAnalytics: 2 });
      expect((await listImportBatches(t.store.db)).map((b) => b.kind).sort()).toEqual(['customers', 'events', 'interactions', 'products', 'sales']);

      // The README's mess table (counts checked by the generator against the file it wrote), as of its last day.
      const checks = await customerChecksOfFolder(data(), undefined, { store: t.store, today: '2026-06-30', asOf: '2026-06-30' });
      const found = Object.fromEntries(checks.map((c) => [c.id, c.count]));
      expect(found).toEqual({
        'duplicate-phone': 12, 'duplicate-email': 0, 'duplicate-name-birthday': 10, 'missing-phone': 12, 'malformed-phone': 8,
        'missing-email': 1103, 'malformed-email': 6, 'stale-records': 5, 'future-birthday': 1, 'impossible-age': 4, 'future-join-date': 0,
      });
      expect(checks.find((c) => c.id === 'duplicate-phone')?.examples.slice(0, 3)).toEqual(['M000150/M001041', 'M000254/M000680', 'M000369/M001351']);
      expect(checks.find((c) => c.id === 'stale-records')?.examples.slice(0, 3)).toEqual(['M000001', 'M000002', 'M000003']);

      // cvm analyze on this folder puts the customer checks into report.html's data-quality section.
      const out = join(dir, 'out');
      const analyzed = await analyzeFile({ file: sample('transactions.csv'), outDir: out, dataDir: data(), operational: t.store, holdout: false });
      const report = JSON.parse(readFileSync(analyzed.output.reportJson, 'utf8')) as { dataQuality: { checks: { id: string; count: number }[] } };
      expect(report.dataQuality.checks.find((c) => c.id === 'duplicate-phone')).toMatchObject({ count: 12 });
      expect(readFileSync(analyzed.output.report, 'utf8')).toContain('Possible duplicate customers: same phone');
    }, 120_000);
  });
}

describe('folderQuality without an operational store', () => {
  it('runs the sales checks only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvm-q-'));
    try {
      await importSales({ path: repoPath('samples', 'transactions.csv'), dataDir: dir });
      const q = await folderQuality(dir, { today: '2026-06-30' });
      expect(q).toMatchObject({ customers: 0, salesLines: 6482, asOf: '2026-06-30' });
      expect(q.checks.map((c) => c.id)).toEqual(['future-dates', 'impossible-dates', 'extreme-amounts', 'anonymous-sales']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
