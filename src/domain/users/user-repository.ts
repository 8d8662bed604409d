// Users of `cvm serve`: admin, analyst, staff (src/store/database.ts UserRole). Emails are compared
// lower-cased; passwords are stored only as scrypt hashes (password-hash.ts) and never returned.
import type { Kysely } from 'kysely';
import type { Database, UserRole } from '../../store/database.ts';
import { hashPassword } from './password-hash.ts';
import { UserError } from './user-error.ts';

export const USER_ROLES: readonly UserRole[] = ['admin', 'analyst', 'staff'];
export const MIN_PASSWORD_LENGTH = 10;

/** A user as the API and CLI show it (no password hash). */
export interface PublicUser {
  id: number;
  email: string;
  name: string | null;
  role: UserRole;
  createdAt: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (!EMAIL.test(e) || e.length > 254) throw new UserError('invalid-user', `not an email address: "${email}"`);
  return e;
}

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new UserError('invalid-user', `the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > 1024) throw new UserError('invalid-user', 'the password must have at most 1024 characters');
}

function checkRole(role: string): UserRole {
  if (!(USER_ROLES as readonly string[]).includes(role)) throw new UserError('invalid-user', `role must be one of ${USER_ROLES.join(', ')}, got "${role}"`);
  return role as UserRole;
}

const columns = ['id', 'email', 'name', 'role', 'created_at'] as const;
type Row = { id: number; email: string; name: string | null; role: UserRole; created_at: Date };
const toPublic = (r: Row): PublicUser => ({ id: r.id, email: r.email, name: r.name, role: r.role, createdAt: r.created_at.toISOString() });

export interface NewUserInput {
  email: string;
  role: string;
  password: string;
  name?: string | null;
}

/**
 * @example
 * const admin = await createUser(db, { email: 'li@shop.cn', role: 'admin', password: '…', name: '李' });
 */
export async function createUser(db: Kysely<Database>, input: NewUserInput): Promise<PublicUser> {
  const email = normalizeEmail(input.email);
  const role = checkRole(input.role);
  checkPassword(input.password);
  const password_hash = await hashPassword(input.password);
  const row = await db
    .insertInto('users')
    .values({ email, role, name: input.name?.trim() || null, password_hash })
    .onConflict((oc) => oc.column('email').doNothing())
    .returning(columns)
    .executeTakeFirst();
  if (!row) throw new UserError('user-exists', `a user with email ${email} already exists`);
  return toPublic(row);
}

/** The user and their password hash, for signing in; undefined when no such email. */
export async function findUserForLogin(db: Kysely<Database>, email: string): Promise<(PublicUser & { passwordHash: string }) | undefined> {
  const row = await db.selectFrom('users').select([...columns, 'password_hash']).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  return row ? { ...toPublic(row), passwordHash: row.password_hash } : undefined;
}

export async function getUser(db: Kysely<Database>, id: number): Promise<PublicUser | undefined> {
  const row = await db.selectFrom('users').select(columns).where('id', '=', id).executeTakeFirst();
  return row ? toPublic(row) : undefined;
}

export async function listUsers(db: Kysely<Database>): Promise<PublicUser[]> {
  return (await db.selectFrom('users').select(columns).orderBy('id').execute()).map(toPublic);
}

export async function countAdmins(db: Kysely<Database>): Promise<number> {
  const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'admin').executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface UserChanges {
  name?: string | null;
  role?: string;
  password?: string;
}

/** Changes name, role or password; refuses to demote the last admin. */
export async function updateUser(db: Kysely<Database>, id: number, changes: UserChanges): Promise<PublicUser> {
  const current = await getUser(db, id);
  if (!current) throw new UserError('user-not-found', `no user with id ${id}`);
  const role = changes.role === undefined ? undefined : checkRole(changes.role);
  if (current.role === 'admin' && role !== undefined && role !== 'admin' && (await countAdmins(db)) <= 1) {
    throw new UserError('last-admin', 'this is the only admin: make another user admin first');
  }
  let password_hash: string | undefined;
  if (changes.password !== undefined) {
    checkPassword(changes.password);
    password_hash = await hashPassword(changes.password);
  }
  const set = {
    ...(changes.name !== undefined ? { name: changes.name?.trim() || null } : {}),
    ...(role !== undefined ? { role } : {}),
    ...(password_hash !== undefined ? { password_hash } : {}),
  };
  if (Object.keys(set).length === 0) return current;
  const row = await db.updateTable('users').set(set).where('id', '=', id).returning(columns).executeTakeFirstOrThrow();
  return toPublic(row);
}

/** Deletes a user (their sessions and tokens go with them); refuses to delete the last admin. */
export async function deleteUser(db: Kysely<Database>, id: number): Promise<void> {
  const current = await getUser(db, id);
  if (!current) throw new UserError('user-not-found', `no user with id ${id}`);
  if (current.role === 'admin' && (await countAdmins(db)) <= 1) throw new UserError('last-admin', 'this is the only admin and cannot be deleted');
  await db.deleteFrom('users').where('id', '=', id).execute();
}
