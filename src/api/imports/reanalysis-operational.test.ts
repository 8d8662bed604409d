// cvm serve re-analyses in a child process that cannot open the operational store (the server holds
// it), so the complaints, survey answers and member records go to the child in a file
// (operational-snapshot.ts). This test imports the sample store's members and interactions into a
// served folder, runs a re-analysis over the API and checks that NPS (GET /api/satisfaction, worked
// out here from the sample file), "bought again after a complaint" (GET /api/loyalty) and the customer
// data-quality checks (GET /api/quality) come out of it. On every store engine under test.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../../../test/support/store-engines.ts';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { quoteString } from '../../engines/duckdb/sql-literal.ts';
import { customerChecksOfFolder } from '../../analytics/quality/data-folder-quality.ts';
import { importRecords } from '../../ingest/import-records.ts';
import type { DataQualityCheck } from '../../report/report-data.ts';
import { makeApiFixture } from '../testing/api-test-folder.ts';
import type { ApiFixture } from '../testing/api-test-folder.ts';

const INTERACTIONS = resolve(import.meta.dirname, '../../../samples/interactions.csv');
const MEMBERS = resolve(import.meta.dirname, '../../../samples/customers.csv');
/** Customer checks that do not depend on purchases, so the store alone gives their expected counts. */
const RECORD_CHECKS = new Set(['duplicate-phone', 'duplicate-email', 'duplicate-name-birthday', 'missing-phone', 'malformed-phone', 'missing-email', 'malformed-email']);

for (const engine of enginesUnderTest()) {
  const run = engine.skipReason ? describe.skip : describe;
  run(`re-analysis over the API with the folder's interactions on ${engine.name}${engine.skipReason ? ` [skipped: ${engine.skipReason}]` : ''}`, () => {
    let f: ApiFixture;
    beforeAll(async () => { f = await makeApiFixture(engine); });
    afterAll(async () => f?.dispose());
    const get = async (path: string): Promise<Record<string, unknown>> => {
      const res = await f.app.request(path, { headers: { authorization: `Bearer ${f.tokens.admin}` } });
      expect(res.status).toBe(200);
      return (await res.json()) as Record<string, unknown>;
    };

    it('computes NPS, buying again after a complaint and the customer checks in the child process', async () => {
      expect(await get('/api/satisfaction')).toHaveProperty('unavailable'); // the fixture's first analysis had no answers
      await importRecords({ kind: 'customers', path: MEMBERS, dataDir: f.dataDir, operational: f.deps.store });
      await importRecords({ kind: 'interactions', path: INTERACTIONS, dataDir: f.dataDir, operational: f.deps.store });
      const started = await f.app.request('/api/settings/reanalyze', { method: 'POST', headers: { authorization: `Bearer ${f.tokens.admin}` } });
      expect(started.status).toBe(202);
      const { id } = (await started.json()) as { id: number };
      const events = await (await f.app.request(`/api/settings/reanalyze/${id}/events`, { headers: { authorization: `Bearer ${f.tokens.admin}` } })).text();
      expect(events).toMatch(/event: done/);

      const db = await DuckDbEngine.open();
      try {
        const [c] = await db.rows(`SELECT count(*) AS n, count(*) FILTER (WHERE CAST(score AS INT) >= 9) AS pro, count(*) FILTER (WHERE CAST(score AS INT) <= 6) AS det
          FROM read_csv(${quoteString(INTERACTIONS)}, all_varchar = true) WHERE kind = 'survey' AND score IS NOT NULL`);
        const s = await get('/api/satisfaction');
        expect(s.responses).toBe(Number(c.n));
        expect(Number(s.nps)).toBeCloseTo((100 * (Number(c.pro) - Number(c.det))) / Number(c.n), 9);
      } finally {
        db.close();
      }
      const loyalty = await get('/api/loyalty');
      expect(loyalty.boughtAfterComplaint).toHaveProperty('share');
      const recordChecks = (checks: DataQualityCheck[]) => checks.filter((c) => RECORD_CHECKS.has(c.id)).map((c) => [c.id, c.count]);
      const expected = recordChecks(await customerChecksOfFolder(f.dataDir, undefined, { store: f.deps.store }));
      expect(expected.length).toBeGreaterThan(3);
      expect(recordChecks((await get('/api/quality')).checks as DataQualityCheck[])).toEqual(expected);
    }, 180_000);
  });
}
