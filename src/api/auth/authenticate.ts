// Who is calling: a bearer token (scripts) or the session cookie (the dashboard). Every /api route
// except the open ones needs one of them; a state-changing request authenticated by the cookie must
// also carry the session's CSRF token in a header, which a cross-site form or image cannot send.
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { findTokenUser } from '../../domain/sessions/api-token-repository.ts';
import { csrfMatches, findSessionUser } from '../../domain/sessions/session-repository.ts';
import type { UserRole } from '../../store/database.ts';
import type { PublicUser } from '../../domain/users/user-repository.ts';
import { ApiError } from '../api-error.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../api-context.ts';
import type { ApiDeps, ApiEnv } from '../api-context.ts';

/** Routes anyone may call: "METHOD /api/path". */
const OPEN = new Set(['GET /api/health', 'POST /api/auth/login']);

/**
 * Token → user for a few seconds: a script (or the load test) sending many requests would otherwise
 * cost one store query each. Changes to users clear it (users/route.ts), so a deleted user's or a
 * demoted user's token stops working at once.
 */
const TOKEN_CACHE_MS = 10_000;
const tokenCache = new Map<string, { user: PublicUser; until: number }>();
export const clearTokenCache = (): void => tokenCache.clear();

async function tokenUser(deps: ApiDeps, token: string): Promise<PublicUser | undefined> {
  const hit = tokenCache.get(token);
  if (hit && hit.until > Date.now()) return hit.user;
  const user = await findTokenUser(deps.store.db, token);
  if (user) {
    if (tokenCache.size > 1000) tokenCache.clear();
    tokenCache.set(token, { user, until: Date.now() + TOKEN_CACHE_MS });
  }
  return user;
}
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function authenticate(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const open = OPEN.has(`${c.req.method} ${c.req.path}`);
    const authorization = c.req.header('authorization');
    if (authorization !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(authorization);
      const user = m?.[1] ? await tokenUser(deps, m[1]) : undefined;
      if (!user) {
        if (open) return next();
        throw new ApiError('unauthenticated', 'the API token is not valid');
      }
      c.set('user', user);
      c.set('via', 'token');
      return next();
    }
    const cookie = getCookie(c, SESSION_COOKIE);
    const user = cookie ? await findSessionUser(deps.store.db, deps.secret, cookie) : undefined;
    if (!user || !cookie) {
      if (open) return next();
      throw new ApiError('unauthenticated', 'sign in first (POST /api/auth/login) or send Authorization: Bearer <token>');
    }
    if (!SAFE_METHODS.has(c.req.method) && !csrfMatches(deps.secret, cookie, c.req.header(CSRF_HEADER) ?? '')) {
      throw new ApiError('csrf', `missing or wrong ${CSRF_HEADER} header (the csrfToken from login or GET /api/auth/me)`);
    }
    c.set('user', user);
    c.set('via', 'session');
    return next();
  };
}

const ROLE_NAMES: Record<UserRole, string> = { admin: 'admins', analyst: 'analysts', staff: 'staff' };

/**
 * Lets only the given roles through (after `authenticate`).
 * @example createRoute({ …, middleware: [allow('admin')] })
 */
export function allow(...roles: UserRole[]): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (!roles.includes(user.role)) {
      throw new ApiError('forbidden', `this needs the role ${roles.join(' or ')}; ${ROLE_NAMES[user.role]} may not use it`);
    }
    return next();
  };
}

export const ALL_ROLES: UserRole[] = ['admin', 'analyst', 'staff'];
export const ANALYSTS: UserRole[] = ['admin', 'analyst'];
export const ADMINS: UserRole[] = ['admin'];
