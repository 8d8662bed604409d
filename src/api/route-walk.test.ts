// Acceptance (issue 6): walk EVERY route of /api/openapi.json as anonymous, staff, analyst and admin and
// assert the status each may get, from a table written by hand (a new route without a row fails the
// test). Write routes are sent an empty JSON body: the table then shows that the role check comes before
// validation (staff get 403, not 400) and that an admin's malformed request is a 400, not a 500.
// Then malformed input of many kinds to every write route: always a 4xx with a message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../../test/support/store-engines.ts';
import { makeApiFixture } from './testing/api-test-folder.ts';
import type { ApiFixture } from './testing/api-test-folder.ts';

type Who = 'anonymous' | 'staff' | 'analyst' | 'admin';
const WHO: Who[] = ['anonymous', 'staff', 'analyst', 'admin'];
const ANALYSIS = [401, 403, 200, 200];
const LISTS = [401, 200, 200, 200];
const ADMIN_READ = [401, 403, 403, 200];

/** "METHOD /path" → [anonymous, staff, analyst, admin]. Path parameters are filled in by PARAMS. */
const EXPECTED: Record<string, number[]> = {
  'GET /api/health': [200, 200, 200, 200],
  'POST /api/auth/login': [400, 400, 400, 400],
  'POST /api/auth/logout': [401, 204, 204, 204],
  'GET /api/auth/me': LISTS,
  'GET /api/overview': LISTS,
  'GET /api/segment-names': LISTS,
  'GET /api/segments': ANALYSIS,
  'GET /api/rfm-grid': ANALYSIS,
  'GET /api/pyramid': ANALYSIS,
  'GET /api/clusters': ANALYSIS,
  'GET /api/lifecycle': ANALYSIS,
  'GET /api/survival': ANALYSIS,
  'GET /api/cohorts': ANALYSIS,
  'GET /api/products/hot': ANALYSIS,
  'GET /api/rules': ANALYSIS,
  'GET /api/loyalty': ANALYSIS,
  'GET /api/satisfaction': ANALYSIS,
  'GET /api/economics': ANALYSIS,
  'GET /api/quality': ANALYSIS,
  'GET /api/models': ANALYSIS,
  'GET /api/diagnostics': ANALYSIS,
  'GET /api/replenishment': LISTS,
  'GET /api/customers': LISTS,
  'GET /api/customers.csv': LISTS,
  'GET /api/churn': LISTS,
  'GET /api/churn.csv': LISTS,
  'GET /api/customers/{id}': LISTS,
  'GET /api/imports': ANALYSIS,
  'POST /api/imports': [401, 403, 415, 415], // JSON instead of multipart/form-data
  'GET /api/imports/{id}/events': [401, 403, 404, 404],
  'GET /api/imports/{id}/rejects.csv': [401, 403, 404, 404],
  'GET /api/users': ADMIN_READ,
  'POST /api/users': [401, 403, 403, 400],
  'PATCH /api/users/{id}': [401, 403, 403, 400],
  'DELETE /api/users/{id}': [401, 403, 403, 404],
  'POST /api/tokens': [401, 403, 403, 400],
  'GET /api/settings': ADMIN_READ,
  'PUT /api/settings': [401, 403, 403, 400],
  'POST /api/settings/reanalyze': [401, 403, 403, 202], // takes no body; the admin's call queues one re-analysis
  'GET /api/settings/reanalyze/{id}/events': [401, 403, 403, 404],
  'GET /api/openapi.json': LISTS,
  'GET /api/docs': LISTS,
};
/** A real customer of the sample; ids of imports and users that do not exist. */
const PARAMS: Record<string, string> = { '/api/customers/{id}': 'M000007', '/api/imports/{id}/events': '9999', '/api/imports/{id}/rejects.csv': '9999', '/api/users/{id}': '999999', '/api/settings/reanalyze/{id}/events': '9999' };
/** Bodies that are valid JSON but fail validation (PATCH's fields are all optional, so give it a bad role). */
const BODY: Record<string, string> = { 'PATCH /api/users/{id}': '{"role":"owner"}' };

type Operation = { method: string; path: string };

for (const engine of enginesUnderTest()) {
  const run = engine.skipReason ? describe.skip : describe;
  run(`API route walk on ${engine.name}${engine.skipReason ? ` [skipped: ${engine.skipReason}]` : ''}`, () => {
    let f: ApiFixture;
    let operations: Operation[];
    beforeAll(async () => {
      f = await makeApiFixture(engine);
      const doc = (await (await f.app.request('/api/openapi.json', { headers: { authorization: `Bearer ${f.tokens.admin}` } })).json()) as { paths: Record<string, Record<string, unknown>> };
      operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => ({ method: m.toUpperCase(), path })));
    });
    afterAll(async () => f?.dispose());

    const call = async (op: Operation, who: Who, body?: string, contentType = 'application/json'): Promise<Response> => {
      const headers: Record<string, string> = {};
      if (who !== 'anonymous') headers.authorization = `Bearer ${f.tokens[who]}`;
      const write = op.method !== 'GET';
      if (write) headers['content-type'] = contentType;
      const path = op.path.replace(/\{id\}/, PARAMS[op.path] ?? '1');
      return f.app.request(path, { method: op.method, headers, body: write ? (body ?? BODY[`${op.method} ${op.path}`] ?? '{}') : undefined });
    };

    it('the OpenAPI document lists exactly the routes of the table', () => {
      expect(operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual(Object.keys(EXPECTED).sort());
    });

    it('every route answers each role with the allowed status', async () => {
      const got: Record<string, number[]> = {};
      const bodies: string[] = [];
      for (const op of operations) {
        const key = `${op.method} ${op.path}`;
        got[key] = [];
        for (const who of WHO) {
          const res = await call(op, who);
          got[key].push(res.status);
          const text = await res.text();
          if (res.status >= 400) {
            const error = (JSON.parse(text) as { error: { code: string; message: string } }).error;
            expect(error.message.length, `${key} as ${who}`).toBeGreaterThan(5);
            bodies.push(text);
          }
        }
      }
      expect(got).toEqual(EXPECTED);
      expect(bodies.join('\n')).not.toMatch(/\bat [\w.]+ \(|node_modules|\.ts:\d+/); // no stack traces
      expect(f.log).toEqual([]); // nothing reached the 500 handler
    });

    it('malformed input to every write route is a 4xx with a message, never a 500', async () => {
      const bad: [string, string][] = [
        ['not json', 'application/json'], ['[1,2,3]', 'application/json'], ['{"email": 5, "password": []}', 'application/json'],
        [JSON.stringify({ email: 'x'.repeat(5000), password: 'y', role: 'staff', name: 7, thresholds: 'high' }), 'application/json'],
        ['{"__proto__": {"admin": true}}', 'application/json'], ['email=a&password=b', 'application/x-www-form-urlencoded'],
        ['', 'application/json'], ['\u0000\u0001binary', 'application/octet-stream'], ['--x\r\nbroken multipart', 'multipart/form-data; boundary=x'],
      ];
      for (const op of operations.filter((o) => o.method !== 'GET')) {
        for (const [body, type] of bad) {
          const res = await call(op, 'admin', body, type);
          const key = `${op.method} ${op.path} with ${JSON.stringify(body.slice(0, 30))} as ${type}`;
          // logout ends nothing for a token and so succeeds whatever the body says
          if (op.path === '/api/auth/logout') { expect(res.status, key).toBe(204); continue; }
          // a re-analysis takes no body, so any body is ignored; the one still queued is reused, not a new one each time
          if (op.path === '/api/settings/reanalyze') { expect(res.status, key).toBe(202); continue; }
          expect(res.status, key).toBeGreaterThanOrEqual(400);
          expect(res.status, key).toBeLessThan(500);
          const json = (await res.json()) as { error?: { message?: string } };
          expect(json.error?.message?.length ?? 0, key).toBeGreaterThan(5);
        }
      }
      for (const path of ['/api/users/abc', '/api/users/-1', '/api/users/1.5']) {
        const res = await f.app.request(path, { method: 'DELETE', headers: { authorization: `Bearer ${f.tokens.admin}` } });
        expect(res.status, path).toBe(400);
      }
      expect(f.log).toEqual([]);
    });

    it('bad query parameters are 400s that say what is wrong', async () => {
      for (const q of ['pageSize=0', 'pageSize=100000', 'page=-1', 'page=abc', 'sort=nope', 'sort=clv_12m;drop table customers', 'order=up', 'churnWarning=maybe']) {
        const res = await f.app.request(`/api/customers?${q}`, { headers: { authorization: `Bearer ${f.tokens.staff}` } });
        expect(res.status, q).toBe(400);
        expect(((await res.json()) as { error: { message: string } }).error.message, q).toMatch(/page|sort|order|churnWarning/);
      }
    });
  });
}
