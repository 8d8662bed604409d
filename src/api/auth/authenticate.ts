// Who is calling: a bearer token (scripts) or the session cookie (the dashboard). Every /api route
// except the open ones needs one of them; a state-changing request authenticated by the cookie must
// also carry the session's CSRF token in a header, which a cross-site form or image cannot send.
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { findTokenUser } from '../../domain/sessions/api-token-repository.ts';
import { csrfMatches, findSessionUser } from '../../domain/sessions/session-repository.ts';
import type { UserRole } from '../../store/database.ts';
import { ApiError } from '../api-error.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../api-context.ts';
import type { ApiDeps, ApiEnv } from '../api-context.ts';

/** Routes anyone may call: "METHOD /api/path". */
const OPEN = new Set(['GET /api/health', 'POST /api/auth/login']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function authenticate(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const open = OPEN.has(`${c.req.method} ${c.req.path}`);
    const authorization = c.req.header('authorization');
    if (authorization !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(authorization);
      const user = m?.[1] ? await findTokenUser(deps.store.db, m[1]) : undefined;
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
