// An import over the API, end to end: multipart upload → child process imports and re-analyses a copy →
// the copy is swapped in while readers keep reading → events over SSE → a second run with "previous".
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../../../test/support/store-engines.ts';
import { makeApiFixture, signIn } from '../testing/api-test-folder.ts';
import type { ApiFixture } from '../testing/api-test-folder.ts';

const engine = enginesUnderTest().find((e) => e.name === 'pglite' && !e.skipReason);
const run = engine ? describe : describe.skip;

/** New sales after the sample's last day: two known customers, one new one, and one row with a bad date (line 5). */
const NEW_SALES = ['customer_id,date,amount', 'M000007,2026-07-02,120.00', 'M000012,2026-07-03,80.50', 'NEW0001,2026-07-04,42.00', 'M000007,not-a-date,10.00', ''].join('\n');

function parseSse(text: string): { event: string; data: unknown }[] {
  return text.split('\n\n').filter((b) => b.trim()).map((block) => {
    const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
    const data = /^data: (.*)$/m.exec(block)?.[1] ?? 'null';
    return { event, data: JSON.parse(data) as unknown };
  });
}

run('imports over the API', () => {
  let f: ApiFixture;
  let tmp: string;
  beforeAll(async () => {
    if (!engine) return;
    f = await makeApiFixture(engine);
    tmp = mkdtempSync(join(tmpdir(), 'cvm-import-upload-'));
  });
  afterAll(async () => {
    await f?.dispose();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('uploads a file, streams progress and done, keeps answering reads meanwhile, then serves the new run', async () => {
    const auth = { authorization: `Bearer ${f.tokens.analyst}` };
    const before = (await (await f.app.request('/api/overview', { headers: auth })).json()) as { customers: { value: number } };
    writeFileSync(join(tmp, 'new-sales.csv'), NEW_SALES);
    const form = new FormData();
    form.append('file', new File([NEW_SALES], 'new-sales.csv', { type: 'text/csv' }));
    // A browser session needs the CSRF header for the upload too.
    const session = await signIn(f.app, f.emails.analyst);
    expect((await f.app.request('/api/imports', { method: 'POST', headers: { cookie: session.cookie }, body: form })).status).toBe(403);
    const started = await f.app.request('/api/imports', { method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf }, body: form });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: number };

    // Readers during the import: every one must succeed.
    const statuses: number[] = [];
    let reading = true;
    const readers = (async () => {
      while (reading) {
        const r = await f.app.request('/api/customers?pageSize=5', { headers: auth });
        statuses.push(r.status);
        await r.arrayBuffer();
        await new Promise((resolve) => setTimeout(resolve, 5)); // a client's think time; also lets the event loop turn
      }
    })();
    const events = await f.app.request(`/api/imports/${id}/events`, { headers: auth });
    expect(events.headers.get('content-type')).toMatch(/text\/event-stream/);
    const list = parseSse(await events.text());
    reading = false;
    await readers;
    expect(list.filter((e) => e.event === 'progress').length).toBeGreaterThan(3);
    const last = list[list.length - 1];
    expect(last?.event, JSON.stringify(list)).toBe('done');
    expect(last?.data).toMatchObject({ counts: { read: 4, loaded: 3, rejected: 1 } });
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set([200]));

    const after = (await (await f.app.request('/api/overview', { headers: auth })).json()) as { customers: { value: number; previous: number }; lastRun: { runId: number } };
    expect(after.lastRun.runId).toBe(2);
    expect(after.customers.value).toBe(before.customers.value + 1);
    expect(after.customers.previous).toBe(before.customers.value);
    const newcomer = await f.app.request('/api/customers/NEW0001', { headers: auth });
    expect(newcomer.status).toBe(200);

    const batches = (await (await f.app.request('/api/imports', { headers: auth })).json()) as { items: { id: number; status: string; counts: Record<string, number>; hasRejects: boolean }[] };
    expect(batches.items.find((b) => b.id === id)).toMatchObject({ status: 'done', counts: { read: 4, rejected: 1 }, hasRejects: true });
    const rejects = await f.app.request(`/api/imports/${id}/rejects.csv`, { headers: auth });
    expect(rejects.status).toBe(200);
    const text = await rejects.text();
    expect(text).toMatch(/^line,reason,raw/m);
    expect(text).toContain('not-a-date');
    expect(text).toMatch(/^5,/m);

    // Late followers replay the whole stream.
    const again = parseSse(await (await f.app.request(`/api/imports/${id}/events`, { headers: auth })).text());
    expect(again.map((e) => e.event)).toEqual(list.map((e) => e.event));
  });

  it('a file that cannot be imported ends with an error event and a failed batch', async () => {
    const auth = { authorization: `Bearer ${f.tokens.admin}` };
    const form = new FormData();
    form.append('file', new File(['name,colour\nx,blue\n'], 'wrong.csv', { type: 'text/csv' }));
    const { id } = (await (await f.app.request('/api/imports', { method: 'POST', headers: auth, body: form })).json()) as { id: number };
    const list = parseSse(await (await f.app.request(`/api/imports/${id}/events`, { headers: auth })).text());
    expect(list[list.length - 1]).toMatchObject({ event: 'error', data: { message: expect.stringMatching(/column/) } });
    const batches = (await (await f.app.request('/api/imports', { headers: auth })).json()) as { items: { id: number; status: string }[] };
    expect(batches.items.find((b) => b.id === id)?.status).toBe('failed');
    // the served data is unchanged
    expect(((await (await f.app.request('/api/overview', { headers: auth })).json()) as { lastRun: { runId: number } }).lastRun.runId).toBe(2);
  });
});
