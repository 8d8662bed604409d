// POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me.
import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrfTokenFor, createSession, deleteSession, SESSION_TTL_MS } from '../../domain/sessions/session-repository.ts';
import { decoyHash, verifyPassword } from '../../domain/users/password-hash.ts';
import { findUserForLogin } from '../../domain/users/user-repository.ts';
import { ApiError, ErrorSchema } from '../api-error.ts';
import { SESSION_COOKIE } from '../api-context.ts';
import type { ApiDeps, ApiEnv } from '../api-context.ts';
import { ALL_ROLES, allow } from './authenticate.ts';
import { LoginBody, SessionSchema } from './schemas.ts';

const json = <T>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

const login = createRoute({
  method: 'post', path: '/api/auth/login', tags: ['auth'], summary: 'Sign in: sets the session cookie, returns the CSRF token',
  request: { body: { content: { 'application/json': { schema: LoginBody } }, required: true } },
  responses: { 200: json(SessionSchema, 'signed in'), 400: json(ErrorSchema, 'malformed'), 401: json(ErrorSchema, 'wrong email or password'), 429: json(ErrorSchema, 'too many failed attempts; see Retry-After') },
});
const logout = createRoute({
  method: 'post', path: '/api/auth/logout', tags: ['auth'], summary: 'Sign out (ends the session)', middleware: [allow(...ALL_ROLES)],
  responses: { 204: { description: 'signed out' }, 401: json(ErrorSchema, 'not signed in') },
});
const me = createRoute({
  method: 'get', path: '/api/auth/me', tags: ['auth'], summary: 'The signed-in user and the CSRF token', middleware: [allow(...ALL_ROLES)],
  responses: { 200: json(SessionSchema, 'the user'), 401: json(ErrorSchema, 'not signed in') },
});

export function authRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(login, async (c) => {
    const { email, password } = c.req.valid('json');
    const key = email.trim().toLowerCase();
    const address = deps.clientAddress(c);
    const wait = deps.limiter.retryAfter(address, key);
    if (wait > 0) throw new ApiError('rate-limited', `too many failed sign-ins; try again in ${wait} s`, { 'Retry-After': String(wait) });
    const user = await findUserForLogin(deps.store.db, key);
    // Unknown emails are checked against a decoy hash, so both failures take as long.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
    if (!user || !ok) {
      deps.limiter.fail(address, key);
      throw new ApiError('unauthenticated', 'wrong email or password');
    }
    deps.limiter.succeed(key);
    const session = await createSession(deps.store.db, deps.secret, user.id);
    setCookie(c, SESSION_COOKIE, session.token, {
      httpOnly: true, sameSite: 'Strict', secure: deps.secureCookies, path: '/', maxAge: Math.floor(SESSION_TTL_MS / 1000),
    });
    const { passwordHash: _hash, ...publicUser } = user;
    return c.json({ user: publicUser, csrfToken: session.csrfToken }, 200);
  });

  app.openapi(logout, async (c) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) await deleteSession(deps.store.db, deps.secret, cookie);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: deps.secureCookies });
    return c.body(null, 204);
  });

  app.openapi(me, (c) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    const csrfToken = c.get('via') === 'session' && cookie ? csrfTokenFor(deps.secret, cookie) : null;
    return c.json({ user: c.get('user'), csrfToken }, 200);
  });
}
