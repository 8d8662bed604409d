// Cookie sessions of `cvm serve`. The cookie carries a 256-bit random value; the store keeps only its
// HMAC under the server secret, so neither a database copy nor a log of session rows lets anyone sign
// in. The CSRF token is derived from the cookie value with the same secret (HMAC with another label),
// so it needs no column and changes with every session.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.ts';
import type { PublicUser } from '../users/user-repository.ts';
import { authDb } from './auth-tables.ts';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const mac = (secret: string, label: string, value: string): string => createHmac('sha256', secret).update(`${label}:${value}`).digest('hex');

export const csrfTokenFor = (secret: string, sessionToken: string): string => mac(secret, 'csrf', sessionToken);

/** Compares a presented CSRF token with the session's, in constant time. */
export function csrfMatches(secret: string, sessionToken: string, presented: string): boolean {
  const expected = Buffer.from(csrfTokenFor(secret, sessionToken));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/**
 * @example
 * const { token, csrfToken } = await createSession(db, secret, user.id); // token goes into the cookie
 */
export async function createSession(db: Kysely<Database>, secret: string, userId: number, ttlMs = SESSION_TTL_MS): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlMs);
  const adb = authDb(db);
  await adb.insertInto('sessions').values({ id: mac(secret, 'session', token), user_id: userId, expires_at: expiresAt }).execute();
  // Expired rows are removed now and then rather than by a timer: sign-ins are rare enough.
  await adb.deleteFrom('sessions').where('expires_at', '<', new Date()).execute();
  return { token, csrfToken: csrfTokenFor(secret, token), expiresAt };
}

/** The signed-in user of a cookie value, or undefined when unknown or expired. */
export async function findSessionUser(db: Kysely<Database>, secret: string, token: string): Promise<PublicUser | undefined> {
  if (token.length < 20 || token.length > 100) return undefined;
  const row = await authDb(db)
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.role', 'users.created_at'])
    .where('sessions.id', '=', mac(secret, 'session', token))
    .where('sessions.expires_at', '>', new Date())
    .executeTakeFirst();
  return row ? { id: row.id, email: row.email, name: row.name, role: row.role, createdAt: row.created_at.toISOString() } : undefined;
}

export async function deleteSession(db: Kysely<Database>, secret: string, token: string): Promise<void> {
  await authDb(db).deleteFrom('sessions').where('id', '=', mac(secret, 'session', token)).execute();
}
