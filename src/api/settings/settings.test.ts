// Issue 6 / issue 5: the settings an admin saves drive the analysis. Invalid settings are a 400 that says
// why; valid ones change nothing until an analysis runs, then a re-analysis (POST /api/settings/reanalyze)
// and the re-analysis after an import give every customer the churn warning and pyramid tier the saved
// threshold and cut imply. On every store engine under test, with the real child process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../../../test/support/store-engines.ts';
import { makeApiFixture } from '../testing/api-test-folder.ts';
import type { ApiFixture } from '../testing/api-test-folder.ts';
import { DEFAULT_SETTINGS } from './analysis-settings.ts';

interface Customer { id: string; pAlive: number; churnWarning: boolean; tier: string }

function parseSse(text: string): { event: string; data: unknown }[] {
  return text.split('\n\n').filter((b) => b.trim()).map((block) => ({
    event: /^event: (.*)$/m.exec(block)?.[1] ?? 'message', data: JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null') as unknown,
  }));
}

/** New sales after the sample's last day (as in imports.test.ts): two known customers and a new one. */
const NEW_SALES = ['customer_id,date,amount', 'M000007,2026-07-02,120.00', 'M000012,2026-07-03,80.50', 'NEW0001,2026-07-04,42.00', ''].join('\n');

for (const engine of enginesUnderTest()) {
  const run = engine.skipReason ? describe.skip : describe;
  run(`saved settings drive the analysis on ${engine.name}${engine.skipReason ? ` [skipped: ${engine.skipReason}]` : ''}`, () => {
    let f: ApiFixture;
    beforeAll(async () => { f = await makeApiFixture(engine); });
    afterAll(async () => f?.dispose());

    const as = (role: 'admin' | 'analyst' = 'admin') => ({ authorization: `Bearer ${f.tokens[role]}` });
    const put = (body: unknown): Promise<Response> => Promise.resolve(f.app.request('/api/settings', {
      method: 'PUT', headers: { ...as(), 'content-type': 'application/json' }, body: JSON.stringify(body),
    }));
    const customers = async (): Promise<Customer[]> => {
      const res = await f.app.request('/api/customers.csv', { headers: as() });
      expect(res.status).toBe(200);
      const [head, ...lines] = (await res.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
      const cols = (head ?? '').split(',');
      const at = (name: string): number => { expect(cols, name).toContain(name); return cols.indexOf(name); };
      const [id, pAlive, warning, tier] = [at('customer_id'), at('p_alive'), at('churn_warning'), at('pyramid_tier')];
      return lines.map((l) => l.split(',')).map((v) => ({ id: v[id] ?? '', pAlive: Number(v[pAlive]), churnWarning: v[warning] === 'true', tier: v[tier] ?? '' }));
    };
    const share = (list: Customer[], tier: string): number => list.filter((c) => c.tier === tier).length / list.length;
    /** Follows a job's events to its end; returns the last one. */
    const finish = async (path: string): Promise<{ event: string; data: unknown }> => {
      const res = await f.app.request(path, { headers: as() });
      expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
      const events = parseSse(await res.text());
      const last = events[events.length - 1];
      expect(last?.event, JSON.stringify(events)).toBe('done');
      return last ?? { event: 'none', data: null };
    };

    it('serves the segment names with the saved segment map applied, to every role', async () => {
      const names = async (): Promise<{ id: string; en: string; zh: string }[]> => {
        const res = await f.app.request('/api/segment-names', { headers: { authorization: `Bearer ${f.tokens.staff}` } });
        expect(res.status).toBe(200);
        return ((await res.json()) as { items: { id: string; en: string; zh: string }[] }).items;
      };
      const before = await names();
      expect(before.find((s) => s.id === 'cant-lose')).toEqual({ id: 'cant-lose', en: "Can't lose", zh: '不能失去的客户' });
      expect(before.at(-1)?.id).toBe('others');
      expect((await put({ thresholds: {}, weights: {}, segmentMap: { 'cant-lose': 'Win back', 'cant-lose.zh': '重点挽回', 'champions.en': 'Stars' } })).status).toBe(200);
      const after = await names();
      expect(after.find((s) => s.id === 'cant-lose')).toEqual({ id: 'cant-lose', en: 'Win back', zh: '重点挽回' });
      expect(after.find((s) => s.id === 'champions')).toMatchObject({ en: 'Stars', zh: before.find((s) => s.id === 'champions')?.zh });
      expect(after.map((s) => s.id)).toEqual(before.map((s) => s.id));
      expect((await put(DEFAULT_SETTINGS)).status).toBe(200);
    });

    it('refuses settings that are not a valid analysis configuration, saying why', async () => {
      expect(await (await f.app.request('/api/settings', { headers: as() })).json()).toEqual(DEFAULT_SETTINGS);
      const refused: [unknown, RegExp][] = [
        [{ thresholds: { 'churn.threshold': 1.5 }, weights: {}, segmentMap: {} }, /churn\.threshold/],
        [{ thresholds: { 'churn.treshold': 0.3 }, weights: {}, segmentMap: {} }, /unknown name "churn\.treshold".*churn\.threshold/],
        [{ thresholds: { 'pyramid.cuts.key': 0.3 }, weights: {}, segmentMap: {} }, /cuts must satisfy 0 < key ≤ large ≤ medium < 1/],
        [{ thresholds: { activePAlive: 0.4, 'churn.threshold': 0.3 }, weights: {}, segmentMap: {} }, /both set churn\.threshold/],
        [{ thresholds: { 'clusters.seed': 1.5 }, weights: {}, segmentMap: {} }, /clusters\.seed/],
        [{ thresholds: {}, weights: { current: 0, future: 0, credit: 0, loyalty: 0, growth: 0 }, segmentMap: {} }, /at least one weight/],
        [{ thresholds: {}, weights: { currnet: 1 }, segmentMap: {} }, /unknown name "currnet"/],
        [{ thresholds: {}, weights: {}, segmentMap: { 'no-such-segment': 'x' } }, /"no-such-segment" is not a segment id/],
        [{ thresholds: {}, weights: {}, segmentMap: { 'lost.fr': 'Perdu' } }, /"lost\.fr" is not a segment id/],
      ];
      for (const [body, message] of refused) {
        const res = await put(body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(((await res.json()) as { error: { message: string } }).error.message, JSON.stringify(body)).toMatch(message);
      }
      // Nothing refused was saved.
      expect(await (await f.app.request('/api/settings', { headers: as() })).json()).toEqual(DEFAULT_SETTINGS);
    });

    it('a saved churn threshold and pyramid cut apply from the re-analysis an admin starts, and after an import', async () => {
      const before = await customers();
      expect(before.every((c) => c.churnWarning === c.pAlive < 0.5)).toBe(true); // the defaults
      expect(share(before, 'key')).toBeLessThan(0.02);

      const settings = { thresholds: { 'churn.threshold': 0.9, 'pyramid.cuts.key': 0.04 }, weights: { loyalty: 0.5 }, segmentMap: { champions: 'Stars', 'lost.zh': '流失' } };
      expect((await put(settings)).status).toBe(200);
      expect(await (await f.app.request('/api/settings', { headers: as() })).json()).toEqual(settings);
      expect(await customers()).toEqual(before); // saving alone analyses nothing

      expect((await f.app.request('/api/settings/reanalyze', { method: 'POST', headers: as('analyst') })).status).toBe(403);
      const ids: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await f.app.request('/api/settings/reanalyze', { method: 'POST', headers: as() });
        expect(res.status).toBe(202);
        ids.push(((await res.json()) as { id: number }).id);
      }
      expect(ids[2]).toBe(ids[1]); // one still waiting in the queue is reused, not queued twice
      const done = await finish(`/api/settings/reanalyze/${ids[2]}/events`);
      expect(done.data).toMatchObject({ status: 'analysed', counts: { customers: before.length } });

      const after = await customers();
      expect(after.map((c) => c.id).sort()).toEqual(before.map((c) => c.id).sort());
      expect(after.every((c) => c.churnWarning === c.pAlive < 0.9)).toBe(true);
      expect(after.filter((c) => c.churnWarning).length).toBeGreaterThan(before.filter((c) => c.churnWarning).length);
      expect(share(after, 'key')).toBeGreaterThan(0.035);
      expect(share(after, 'key')).toBeLessThan(0.045);
      const overview = (await (await f.app.request('/api/overview', { headers: as() })).json()) as { lastRun: { inputFile: string } };
      expect(overview.lastRun.inputFile).toMatch(/^re-analysis with the settings saved 20\d\d-/);

      // An import's re-analysis reads the saved settings too.
      const form = new FormData();
      form.append('file', new File([NEW_SALES], 'new-sales.csv', { type: 'text/csv' }));
      const started = await f.app.request('/api/imports', { method: 'POST', headers: as(), body: form });
      expect(started.status).toBe(202);
      await finish(`/api/imports/${((await started.json()) as { id: number }).id}/events`);
      const imported = await customers();
      expect(imported).toHaveLength(before.length + 1);
      expect(imported.every((c) => c.churnWarning === c.pAlive < 0.9)).toBe(true);
      expect(share(imported, 'key')).toBeGreaterThan(0.035);
      expect(f.log).toEqual([]);
    });

    it('an unknown re-analysis is a 404', async () => {
      const res = await f.app.request('/api/settings/reanalyze/9999/events', { headers: as() });
      expect(res.status).toBe(404);
    });
  });
}
