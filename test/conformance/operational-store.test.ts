// One operational-store suite, run unchanged on every engine (PGlite embedded, PostgreSQL server).
// The server and the PGlite template come from test/support/operational-store-setup.ts; each case
// gets its own empty database, so cases cannot see each other's rows.
// Expected values are the inputs themselves (round trips) and PostgreSQL's documented semantics
// (unique constraints, transactional rollback), not outputs recorded from a previous run.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getCustomerByCode, listCustomers, upsertCustomers } from '../../src/domain/customers/customer-repository.ts';
import type { CustomerRecord } from '../../src/domain/customers/customer-record.ts';
import { beginImportBatch, listImportBatches } from '../../src/domain/import-batches/import-batch-repository.ts';
import { runImportBatch } from '../../src/domain/import-batches/run-import-batch.ts';
import type { Database } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrate-to-latest.ts';
import { operationalMigrations } from '../../src/store/migrations/index.ts';
import { openOperationalStore } from '../../src/store/open-operational-store.ts';
import { StoreError } from '../../src/store/store-error.ts';
import type { Kysely } from 'kysely';
import { enginesUnderTest } from '../support/store-engines.ts';
import type { TestStore } from '../support/store-engines.ts';

const hash = (n: number): string => n.toString(16).padStart(64, '0');
const countCustomers = async (db: Kysely<Database>): Promise<number> =>
  (await db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

for (const engine of enginesUnderTest()) {
  describe(`operational store on ${engine.name}`, () => {
    // A skipped engine still lists every case, each carrying the reason in its name.
    const test = (name: string, fn: () => Promise<void>): void => {
      if (engine.skipReason) it.skip(`${name} [skipped: ${engine.skipReason}]`, fn);
      else it(name, fn);
    };
    let t: TestStore;
    let db: Kysely<Database>;
    if (!engine.skipReason) {
      beforeEach(async () => {
        t = await engine.openFresh();
        db = t.store.db;
      });
      afterEach(async () => t.dispose());
    }

    test('migrations apply once and re-applying them, or reopening the store, changes nothing', async () => {
      expect(t.store.engine).toBe(engine.name);
      expect(t.store.appliedMigrations).toEqual(Object.keys(await operationalMigrations.getMigrations()));
      expect(await migrateToLatest(db)).toEqual([]);
      await t.store.close();
      const again = await openOperationalStore(t.options);
      try {
        expect(again.appliedMigrations).toEqual([]);
        const tables = (await again.db.introspection.getTables()).map((x) => x.name).sort();
        expect(tables).toEqual(['api_tokens', 'customers', 'import_batches', 'interactions', 'sessions', 'settings', 'users']);
      } finally {
        await again.close();
      }
    });

    test('customers: upsert, get by code, list page by page', async () => {
      const records: CustomerRecord[] = Array.from({ length: 5 }, (_, i) => ({
        customer_code: `M${String(i + 1).padStart(3, '0')}`,
        name: `Customer ${i + 1}`,
        birthday: `199${i}-0${i + 1}-1${i}`,
        join_date: '2024-02-29',
        tags: i % 2 ? ['vip'] : [],
      }));
      expect(await upsertCustomers(db, records)).toEqual({ inserted: 5, updated: 0, unchanged: 0, duplicatesInInput: 0 });

      const m3 = await getCustomerByCode(db, 'M003');
      expect(m3).toMatchObject({ customer_code: 'M003', name: 'Customer 3', birthday: '1992-03-12', join_date: '2024-02-29', tags: [] });
      expect(typeof m3?.id).toBe('number');
      expect(m3?.created_at).toBeInstanceOf(Date);
      expect(m3?.email).toBeNull();
      expect(await getCustomerByCode(db, 'missing')).toBeUndefined();

      const seen: string[] = [];
      let page = await listCustomers(db, { limit: 2 });
      seen.push(...page.items.map((c) => c.customer_code));
      while (page.nextCursor !== null) {
        page = await listCustomers(db, { limit: 2, after: page.nextCursor });
        seen.push(...page.items.map((c) => c.customer_code));
      }
      expect(seen).toEqual(['M001', 'M002', 'M003', 'M004', 'M005']);
      expect((await listCustomers(db, { limit: 5 })).nextCursor).toBeNull();
      await expect(listCustomers(db, { limit: 0 })).rejects.toThrow(StoreError);
    });

    test('a repeated customer code updates the existing customer instead of adding a second one', async () => {
      await upsertCustomers(db, [{ customer_code: 'M1', name: 'Old Name', city: 'Hangzhou', phone: '13800000000' }]);
      const before = await getCustomerByCode(db, 'M1');

      const r = await upsertCustomers(db, [{ customer_code: 'M1', name: 'New Name', city: 'Hangzhou' }, { customer_code: 'M2' }]);
      expect(r).toEqual({ inserted: 1, updated: 1, unchanged: 0, duplicatesInInput: 0 });
      expect(await countCustomers(db)).toBe(2);
      const after = await getCustomerByCode(db, 'M1');
      expect(after).toMatchObject({ id: before?.id, name: 'New Name', city: 'Hangzhou', phone: '13800000000' });
      expect(after?.updated_at.getTime()).toBeGreaterThanOrEqual(before?.updated_at.getTime() ?? Infinity);

      // Identical values: nothing is rewritten. Repeats within one call: the last one wins.
      expect(await upsertCustomers(db, [{ customer_code: 'M1', name: 'New Name', city: 'Hangzhou' }])).toMatchObject({ unchanged: 1, updated: 0 });
      const r2 = await upsertCustomers(db, [{ customer_code: 'M2', name: 'first' }, { customer_code: 'M2', name: 'second' }]);
      expect(r2).toEqual({ inserted: 0, updated: 1, unchanged: 0, duplicatesInInput: 1 });
      expect((await getCustomerByCode(db, 'M2'))?.name).toBe('second');

      // The database itself enforces the uniqueness, whatever writes to it.
      await expect(db.insertInto('customers').values({ customer_code: 'M1' }).execute()).rejects.toMatchObject({ code: '23505' });
    });

    test('Chinese text round-trips unchanged, and compares and measures as characters', async () => {
      const record: CustomerRecord = {
        customer_code: '会员-0001',
        name: '欧阳娜娜',
        city: '上海市浦东新区',
        gender: '女',
        tier: '金卡',
        tags: ['高价值', '沉睡客户', 'VIP'],
        email: 'nana@例子.中国',
      };
      await upsertCustomers(db, [record]);
      expect(await getCustomerByCode(db, '会员-0001')).toMatchObject(record);
      const row = await db
        .selectFrom('customers')
        .select([sql<number>`char_length(name)`.as('chars'), sql<number>`octet_length(name)`.as('bytes')])
        .where('name', 'like', '欧阳%')
        .executeTakeFirstOrThrow();
      // 4 characters, 3 UTF-8 bytes each: the database stores UTF-8, not a legacy encoding.
      expect(row).toEqual({ chars: 4, bytes: 12 });
      const customer = await getCustomerByCode(db, '会员-0001');
      await db.insertInto('interactions').values({
        customer_id: customer?.id ?? null, kind: 'complaint', occurred_at: '2025-03-01T10:00:00Z', subject: '退货问题', body: '商品破损 😞，要求退款', score: '2.5',
      }).execute();
      const interaction = await db.selectFrom('interactions').selectAll().executeTakeFirstOrThrow();
      expect(interaction).toMatchObject({ subject: '退货问题', body: '商品破损 😞，要求退款', score: '2.5', status: 'open', customer_id: customer?.id });
      expect(interaction.occurred_at.toISOString()).toBe('2025-03-01T10:00:00.000Z');
    });

    test('a transaction that throws leaves no rows, even after earlier statements succeeded', async () => {
      await expect(db.transaction().execute(async (trx) => {
        await upsertCustomers(trx, [{ customer_code: 'T1' }, { customer_code: 'T2' }]);
        expect(await countCustomers(trx)).toBe(2);
        throw new Error('boom');
      })).rejects.toThrow('boom');
      expect(await countCustomers(db)).toBe(0);

      // upsertCustomers on its own is one transaction too: 1,500 records go in two statements, and
      // a NUL character (which PostgreSQL text refuses) in the second one undoes the first.
      const many: CustomerRecord[] = Array.from({ length: 1500 }, (_, i) => ({ customer_code: `B${i}`, name: i === 1200 ? 'bad\u0000name' : `n${i}` }));
      await expect(upsertCustomers(db, many)).rejects.toThrow();
      expect(await countCustomers(db)).toBe(0);
      expect(await upsertCustomers(db, many.slice(0, 1200))).toMatchObject({ inserted: 1200 });
    });

    test('import batches: new → done → already-done; a failed or killed import resumes', async () => {
      const load = (codes: string[]) => async (trx: Parameters<Parameters<typeof runImportBatch>[2]>[0]) => {
        const r = await upsertCustomers(trx, codes.map((customer_code) => ({ customer_code })));
        return { read: codes.length, inserted: r.inserted };
      };
      const first = await runImportBatch(db, { contentHash: hash(1), kind: 'customers', fileName: 'a.csv' }, load(['A', 'B']));
      expect(first.outcome).toBe('new');
      expect(first.batch).toMatchObject({ status: 'done', counts: { read: 2, inserted: 2 }, attempts: 1, error: null });
      expect(first.batch.finished_at).toBeInstanceOf(Date);
      let ran = false;
      const again = await runImportBatch(db, { contentHash: hash(1), kind: 'customers' }, async () => { ran = true; return {}; });
      expect(again.outcome).toBe('already-done');
      expect(ran).toBe(false);

      // Failed: the load throws half-way; its rows are rolled back and the failure is recorded.
      const failing = runImportBatch(db, { contentHash: hash(2), kind: 'customers' }, async (trx) => {
        await upsertCustomers(trx, [{ customer_code: 'C' }]);
        throw new Error('bad row 7');
      });
      await expect(failing).rejects.toThrow('bad row 7');
      expect((await listImportBatches(db))[0]).toMatchObject({ content_hash: hash(2), status: 'failed', error: 'bad row 7' });
      expect(await getCustomerByCode(db, 'C')).toBeUndefined();
      const retried = await runImportBatch(db, { contentHash: hash(2), kind: 'customers' }, load(['C']));
      expect(retried.outcome).toBe('resume');
      expect(retried.batch).toMatchObject({ status: 'done', attempts: 2, error: null });

      // Killed: begun, data transaction never committed, no failure recorded (the process died).
      const begun = await beginImportBatch(db, { contentHash: hash(3), kind: 'customers' });
      expect(begun.outcome).toBe('new');
      await db.transaction().execute(async (trx) => {
        await upsertCustomers(trx, [{ customer_code: 'D' }]);
        throw new Error('simulated kill');
      }).catch(() => undefined);
      expect((await beginImportBatch(db, { contentHash: hash(3), kind: 'customers' })).outcome).toBe('resume');
      const resumed = await runImportBatch(db, { contentHash: hash(3), kind: 'customers' }, load(['D']));
      expect(resumed.batch).toMatchObject({ status: 'done', attempts: 3 });

      expect((await listImportBatches(db)).map((b) => b.content_hash)).toEqual([hash(3), hash(2), hash(1)]);
      expect(await countCustomers(db)).toBe(4);
      await expect(beginImportBatch(db, { contentHash: 'not-a-hash', kind: 'x' })).rejects.toMatchObject({ code: 'invalid-input' });
    });

    test('closed vocabularies are enforced by the database', async () => {
      await expect(db.insertInto('users').values({ email: 'a@b.cn', role: 'root' as 'admin', password_hash: 'x' }).execute()).rejects.toMatchObject({ code: '23514' });
      await expect(db.insertInto('interactions').values({ kind: 'email' as 'call', occurred_at: new Date() }).execute()).rejects.toMatchObject({ code: '23514' });
      await db.insertInto('users').values({ email: 'a@b.cn', role: 'analyst', password_hash: 'x' }).execute();
      await expect(db.insertInto('users').values({ email: 'a@b.cn', role: 'staff', password_hash: 'y' }).execute()).rejects.toMatchObject({ code: '23505' });
    });
  });
}
