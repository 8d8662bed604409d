// API tokens for scripts (`Authorization: Bearer cvm_…`). A token is 256 random bits, so the store keeps
// a plain SHA-256 of it: a slow hash protects guessable secrets, and these are not guessable.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.ts';
import { UserError } from '../users/user-error.ts';
import type { PublicUser } from '../users/user-repository.ts';
import { authDb } from './auth-tables.ts';

export const TOKEN_PREFIX = 'cvm_';
const sha256 = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Last-used times are written at most once a minute per token, so that a busy script does not turn every read into a write. */
const LAST_USED_EVERY_MS = 60_000;
const lastUsedWritten = new Map<number, number>();

export interface NewApiToken {
  id: number;
  name: string;
  /** Shown once; only its hash is kept. */
  token: string;
}

/**
 * @example
 * const { token } = await createApiToken(db, user.id, 'nightly export'); // 'cvm_…'
 */
export async function createApiToken(db: Kysely<Database>, userId: number, name: string): Promise<NewApiToken> {
  const label = name.trim();
  if (label.length === 0 || label.length > 100) throw new UserError('invalid-user', 'a token needs a name of 1 to 100 characters');
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const row = await authDb(db)
    .insertInto('api_tokens')
    .values({ user_id: userId, name: label, token_hash: sha256(token) })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  return { id: row.id, name: label, token };
}

/** The user a bearer token belongs to, or undefined. */
export async function findTokenUser(db: Kysely<Database>, token: string): Promise<PublicUser | undefined> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return undefined;
  const adb = authDb(db);
  const row = await adb
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id as token_id', 'users.id', 'users.email', 'users.name', 'users.role', 'users.created_at'])
    .where('api_tokens.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row) return undefined;
  const now = Date.now();
  if (now - (lastUsedWritten.get(row.token_id) ?? 0) > LAST_USED_EVERY_MS) {
    lastUsedWritten.set(row.token_id, now);
    await adb.updateTable('api_tokens').set({ last_used_at: new Date(now) }).where('id', '=', row.token_id).execute();
  }
  return { id: row.id, email: row.email, name: row.name, role: row.role, createdAt: row.created_at.toISOString() };
}
