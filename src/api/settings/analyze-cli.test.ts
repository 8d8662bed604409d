// `cvm analyze --data DIR` runs under the settings an admin saved in the folder (the dashboard's settings
// page) and says so; --config wins over them; a folder without saved settings uses the defaults. On
// every store engine under test (PGlite in DIR/operational, or PostgreSQL through --database-url); kept
// beside the settings rather than the command so that it runs in the store project (vitest.config.ts).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { enginesUnderTest } from '../../../test/support/store-engines.ts';
import { writeSettings } from './analysis-settings.ts';
import { operationalDir, operationalStoreOptions } from '../../store/data-folder.ts';
import { openOperationalStore } from '../../store/open-operational-store.ts';
import { runCli } from '../../testing/run-cli.ts';
import { repoPath } from '../../testing/shared-data.ts';

interface Row { pAlive: number; churnWarning: boolean; tier: string }

function readCustomers(out: string): Row[] {
  const [head, ...lines] = readFileSync(join(out, 'customers.csv'), 'utf8').trim().split('\n');
  const cols = (head ?? '').split(',');
  const [p, w, t] = ['p_alive', 'churn_warning', 'pyramid_tier'].map((c) => cols.indexOf(c));
  return lines.map((l) => l.split(',')).map((v) => ({ pAlive: Number(v[p ?? -1]), churnWarning: v[w ?? -1] === 'true', tier: v[t ?? -1] ?? '' }));
}
const keyShare = (rows: Row[]): number => rows.filter((r) => r.tier === 'key').length / rows.length;

for (const engine of enginesUnderTest()) {
  const run = engine.skipReason ? describe.skip : describe;
  run(`cvm analyze --data with saved settings on ${engine.name}${engine.skipReason ? ` [skipped: ${engine.skipReason}]` : ''}`, () => {
    let root: string;
    let data: string;
    let store: string[] = [];
    let drop: () => Promise<void> = async () => undefined;
    const sample = repoPath('samples', 'transactions.csv');
    beforeAll(async () => {
      root = mkdtempSync(join(tmpdir(), 'cvm-analyze-settings-'));
      data = join(root, 'data');
      let databaseUrl: string | undefined;
      if (engine.name === 'pglite') cpSync(inject('pgliteTemplateDir'), operationalDir(data), { recursive: true });
      else {
        const fresh = await engine.freshDatabase();
        databaseUrl = fresh.options.databaseUrl;
        drop = fresh.drop;
      }
      store = databaseUrl === undefined ? [] : ['--database-url', databaseUrl];
      const s = await openOperationalStore(operationalStoreOptions(data, databaseUrl));
      try {
        await writeSettings(s.db, { thresholds: { 'churn.threshold': 0.9, 'pyramid.cuts.key': 0.04 }, weights: {}, segmentMap: {} });
      } finally {
        await s.close();
      }
    });
    afterAll(async () => {
      await drop();
      if (root) rmSync(root, { recursive: true, force: true });
    });

    it('uses the folder\'s saved settings and says so', async () => {
      const out = join(root, 'saved');
      const r = await runCli('analyze', sample, '--data', data, ...store, '--out', out);
      expect(r.code, r.err).toBe(0);
      expect(r.err).toMatch(/^settings: from the data folder \(saved 20\d\d-\d\d-\d\dT[\d:.]+Z; --config FILE to override\)$/m);
      const rows = readCustomers(out);
      expect(rows.every((c) => c.churnWarning === c.pAlive < 0.9)).toBe(true);
      expect(rows.some((c) => c.pAlive >= 0.5 && c.pAlive < 0.9)).toBe(true); // so the default 0.5 would differ
      expect(keyShare(rows)).toBeGreaterThan(0.035);
      expect(keyShare(rows)).toBeLessThan(0.045);
    });

    it('--config wins over the saved settings', async () => {
      const out = join(root, 'config');
      const config = join(root, 'config.json');
      writeFileSync(config, JSON.stringify({ churn: { threshold: 0.2 } }));
      const r = await runCli('analyze', sample, '--data', data, ...store, '--config', config, '--out', out, '--format', 'json');
      expect(r.code, r.err).toBe(0);
      expect(JSON.parse(r.out).settings).toEqual({ source: 'config-file', file: config });
      const rows = readCustomers(out);
      expect(rows.every((c) => c.churnWarning === c.pAlive < 0.2)).toBe(true);
      expect(keyShare(rows)).toBeLessThan(0.015); // the default cut, not the saved 0.04
    });

    it('without --data it runs with the defaults', async () => {
      const out = join(root, 'defaults');
      const r = await runCli('analyze', sample, '--out', out, '--format', 'json');
      expect(r.code, r.err).toBe(0);
      expect(JSON.parse(r.out).settings).toEqual({ source: 'defaults' });
      expect(readCustomers(out).every((c) => c.churnWarning === c.pAlive < 0.5)).toBe(true);
    });

    it('saved settings that are no longer valid stop the run with the reason, rather than being skipped', async () => {
      const s = await openOperationalStore(operationalStoreOptions(data, store[1]));
      try {
        await writeSettings(s.db, { thresholds: { retention: 3 }, weights: {}, segmentMap: {} }); // as an older version accepted
      } finally {
        await s.close();
      }
      const r = await runCli('analyze', sample, '--data', data, ...store, '--out', join(root, 'invalid'));
      expect(r.code).toBe(64);
      expect(r.err).toMatch(/the settings saved in the data folder on 20\d\d-.*unknown name "retention"/);
    });
  });
}
