// Kysely types of the tables added by migration 0003 (sessions, api_tokens, settings). They live here,
// beside their repositories, and are joined to the store's Database with `withTables`, so the auth
// area does not need to edit the shared src/store/database.ts.
import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';
import type { Database } from '../../store/database.ts';

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export type SessionsTable = {
  /** HMAC-SHA256 (server secret) of the cookie value, hex. */
  id: string;
  user_id: number;
  created_at: CreatedAt;
  expires_at: ColumnType<Date, Date | string, Date | string>;
};

export type ApiTokensTable = {
  id: Generated<number>;
  user_id: number;
  name: string;
  /** SHA-256 of the token, hex (tokens are 256-bit random, so no salt or slow hash is needed). */
  token_hash: string;
  created_at: CreatedAt;
  last_used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
};

export type SettingsTable = {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: CreatedAt;
};

export type AuthTables = {
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  settings: SettingsTable;
};

export type AuthDatabase = Database & AuthTables;
export type AuthDb = Kysely<AuthDatabase>;

/** The store's Kysely handle, seeing the auth tables too. */
export const authDb = (db: Kysely<Database> | Transaction<Database>): AuthDb => (db as Kysely<Database>).withTables<AuthTables>();
