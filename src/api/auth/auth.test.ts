// Sign-in, cookies, CSRF, sign-out, the login rate limit and API tokens, over the real app and store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../../../test/support/store-engines.ts';
import { makeApiFixture, PASSWORD, signIn } from '../testing/api-test-folder.ts';
import type { ApiFixture } from '../testing/api-test-folder.ts';

const engine = enginesUnderTest().find((e) => e.name === 'pglite' && !e.skipReason);
const run = engine ? describe : describe.skip;

run('auth on PGlite', () => {
  let f: ApiFixture;
  let address = '10.0.0.1';
  beforeAll(async () => {
    if (!engine) return;
    f = await makeApiFixture(engine, { loginLimits: { perEmail: 3, perAddress: 6, windowMs: 60_000 }, address: () => address });
  });
  afterAll(async () => f?.dispose());

  it('login sets an HttpOnly SameSite=Strict cookie and returns the user and a CSRF token; me answers with both', async () => {
    const { res, cookie, csrf } = await signIn(f.app, f.emails.staff);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: Record<string, unknown>; csrfToken: string };
    expect(body.user).toMatchObject({ email: f.emails.staff, role: 'staff', name: 'Test staff' });
    expect(body.user).not.toHaveProperty('passwordHash');
    expect(JSON.stringify(body)).not.toMatch(/scrypt/);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^cvm_session=[\w-]{40,};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toMatch(/Secure/); // --dev in the fixture
    expect(csrf).toMatch(/^[0-9a-f]{64}$/);
    const me = await f.app.request('/api/auth/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { email: f.emails.staff }, csrfToken: csrf });
  });

  it('a wrong password or unknown email is 401 with the same message', async () => {
    const wrong = await signIn(f.app, f.emails.analyst, 'not the password');
    const unknown = await signIn(f.app, 'nobody@example.com', 'not the password');
    expect([wrong.res.status, unknown.res.status]).toEqual([401, 401]);
    expect(await wrong.res.json()).toEqual(await unknown.res.json());
  });

  it('state-changing requests with the cookie need the x-csrf-token header', async () => {
    const { cookie, csrf } = await signIn(f.app, f.emails.admin);
    const put = (headers: Record<string, string>): Promise<Response> => Promise.resolve(f.app.request('/api/settings', {
      method: 'PUT', headers: { cookie, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ thresholds: { activePAlive: 0.4 }, weights: { current: 1 }, segmentMap: { champions: '冠军' } }),
    }));
    const none = await put({});
    expect(none.status).toBe(403);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('csrf');
    expect((await put({ 'x-csrf-token': 'f'.repeat(64) })).status).toBe(403);
    const ok = await put({ 'x-csrf-token': csrf });
    expect(ok.status).toBe(200);
    const back = await f.app.request('/api/settings', { headers: { cookie } });
    expect(await back.json()).toEqual({ thresholds: { activePAlive: 0.4 }, weights: { current: 1 }, segmentMap: { champions: '冠军' } });
    // GET needs no CSRF token; a token from another session does not work.
    const other = await signIn(f.app, f.emails.admin);
    expect((await put({ 'x-csrf-token': other.csrf })).status).toBe(403);
  });

  it('logout ends the session: the cookie no longer works', async () => {
    const { cookie, csrf } = await signIn(f.app, f.emails.analyst);
    expect((await f.app.request('/api/overview', { headers: { cookie } })).status).toBe(200);
    expect((await f.app.request('/api/auth/logout', { method: 'POST', headers: { cookie } })).status).toBe(403);
    const out = await f.app.request('/api/auth/logout', { method: 'POST', headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/cvm_session=;.*Max-Age=0/);
    expect((await f.app.request('/api/overview', { headers: { cookie } })).status).toBe(401);
  });

  it('failed logins are limited per email (429 with Retry-After), and the right password is refused too while limited', async () => {
    address = '10.0.0.2';
    for (let i = 0; i < 3; i++) expect((await signIn(f.app, f.emails.staff, 'wrong password')).res.status).toBe(401);
    const limited = await signIn(f.app, f.emails.staff, PASSWORD);
    expect(limited.res.status).toBe(429);
    const retry = Number(limited.res.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    expect(((await limited.res.json()) as { error: { message: string } }).error.message).toMatch(/try again in \d+ s/);
    // another account from another address is not affected
    address = '10.0.0.3';
    expect((await signIn(f.app, f.emails.admin)).res.status).toBe(200);
  });

  it('failed logins are limited per address across emails', async () => {
    address = '10.0.0.4';
    for (let i = 0; i < 6; i++) expect((await signIn(f.app, `spray${i}@example.com`, 'wrong password')).res.status).toBe(401);
    expect((await signIn(f.app, f.emails.admin)).res.status).toBe(429);
    address = '10.0.0.5';
    expect((await signIn(f.app, f.emails.admin)).res.status).toBe(200);
  });

  it('API tokens: bearer works without CSRF, a wrong one is 401, the role still applies', async () => {
    const h = (t: string) => ({ authorization: `Bearer ${t}`, 'content-type': 'application/json' });
    const created = await f.app.request('/api/tokens', { method: 'POST', headers: h(f.tokens.admin), body: JSON.stringify({ name: 'script' }) });
    expect(created.status).toBe(201);
    const { token } = (await created.json()) as { token: string };
    expect(token).toMatch(/^cvm_[\w-]{43}$/);
    expect((await f.app.request('/api/users', { headers: h(token) })).status).toBe(200);
    expect((await f.app.request('/api/users', { headers: h('cvm_' + 'A'.repeat(43)) })).status).toBe(401);
    expect((await f.app.request('/api/users', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
    expect((await f.app.request('/api/users', { headers: h(f.tokens.staff) })).status).toBe(403);
    // the store keeps only a hash of the token
    const rows = await f.deps.store.db.selectFrom('users').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('admins manage users; the last admin cannot be demoted or deleted', async () => {
    const h = { authorization: `Bearer ${f.tokens.admin}`, 'content-type': 'application/json' };
    const made = await f.app.request('/api/users', { method: 'POST', headers: h, body: JSON.stringify({ email: 'New@Example.com', role: 'staff', password: 'another long one', name: '王芳' }) });
    expect(made.status).toBe(201);
    const user = (await made.json()) as { id: number; email: string };
    expect(user.email).toBe('new@example.com');
    expect((await f.app.request('/api/users', { method: 'POST', headers: h, body: JSON.stringify({ email: 'new@example.com', role: 'staff', password: 'another long one' }) })).status).toBe(409);
    expect((await f.app.request('/api/users', { method: 'POST', headers: h, body: JSON.stringify({ email: 'short@example.com', role: 'staff', password: 'short' }) })).status).toBe(400);
    expect((await signIn(f.app, 'new@example.com', 'another long one')).res.status).toBe(200);
    const patched = await f.app.request(`/api/users/${user.id}`, { method: 'PATCH', headers: h, body: JSON.stringify({ role: 'analyst' }) });
    expect(await patched.json()).toMatchObject({ role: 'analyst', name: '王芳' });
    const list = (await (await f.app.request('/api/users', { headers: h })).json()) as { items: { id: number; role: string }[] };
    const adminId = list.items.find((u) => u.role === 'admin')?.id;
    const demote = await f.app.request(`/api/users/${adminId}`, { method: 'PATCH', headers: h, body: JSON.stringify({ role: 'staff' }) });
    expect(demote.status).toBe(409);
    expect((await f.app.request(`/api/users/${adminId}`, { method: 'DELETE', headers: h })).status).toBe(409);
    expect((await f.app.request(`/api/users/${user.id}`, { method: 'DELETE', headers: h })).status).toBe(204);
    expect((await signIn(f.app, 'new@example.com', 'another long one')).res.status).toBe(401);
  });
});
