// Users and API tokens (admins only), and POST /api/tokens for the caller's own scripts.
import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { createApiToken } from '../../domain/sessions/api-token-repository.ts';
import { createUser, deleteUser, listUsers, MIN_PASSWORD_LENGTH, updateUser } from '../../domain/users/user-repository.ts';
import { ErrorSchema } from '../api-error.ts';
import type { ApiDeps, ApiEnv } from '../api-context.ts';
import { ADMINS, allow, clearTokenCache } from '../auth/authenticate.ts';
import { UserSchema } from '../auth/schemas.ts';

const json = <T>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const body = <T>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const errors = { 400: json(ErrorSchema, 'malformed'), 401: json(ErrorSchema, 'not signed in'), 403: json(ErrorSchema, 'admins only') };
const Role = z.enum(['admin', 'analyst', 'staff']);
const Password = z.string().min(MIN_PASSWORD_LENGTH).max(1024);
const IdParam = z.object({ id: z.coerce.number().int().min(1).openapi({ param: { name: 'id', in: 'path' }, example: 2 }) });

const NewUser = z.object({ email: z.string().min(3).max(254), role: Role, password: Password, name: z.string().max(200).nullable().optional() }).strict().openapi('NewUser');
const UserChanges = z.object({ role: Role.optional(), password: Password.optional(), name: z.string().max(200).nullable().optional() }).strict().openapi('UserChanges');
const NewToken = z.object({ name: z.string().min(1).max(100) }).strict().openapi('NewToken');

export function userRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  const db = deps.store.db;
  app.openapi(createRoute({
    method: 'get', path: '/api/users', tags: ['users'], summary: 'All users', middleware: [allow(...ADMINS)],
    responses: { 200: json(z.object({ items: z.array(UserSchema) }), 'users'), ...errors },
  }), async (c) => c.json({ items: await listUsers(db) }, 200));

  app.openapi(createRoute({
    method: 'post', path: '/api/users', tags: ['users'], summary: 'Create a user', middleware: [allow(...ADMINS)], request: body(NewUser),
    responses: { 201: json(UserSchema, 'created'), 409: json(ErrorSchema, 'email taken'), ...errors },
  }), async (c) => c.json(await createUser(db, c.req.valid('json')), 201));

  app.openapi(createRoute({
    method: 'patch', path: '/api/users/{id}', tags: ['users'], summary: 'Change a user\'s role, name or password', middleware: [allow(...ADMINS)],
    request: { params: IdParam, ...body(UserChanges) },
    responses: { 200: json(UserSchema, 'changed'), 404: json(ErrorSchema, 'no such user'), 409: json(ErrorSchema, 'would leave no admin'), ...errors },
  }), async (c) => {
    const user = await updateUser(db, c.req.valid('param').id, c.req.valid('json'));
    clearTokenCache();
    return c.json(user, 200);
  });

  app.openapi(createRoute({
    method: 'delete', path: '/api/users/{id}', tags: ['users'], summary: 'Delete a user (and their sessions and tokens)', middleware: [allow(...ADMINS)],
    request: { params: IdParam },
    responses: { 204: { description: 'deleted' }, 404: json(ErrorSchema, 'no such user'), 409: json(ErrorSchema, 'the last admin'), ...errors },
  }), async (c) => {
    await deleteUser(db, c.req.valid('param').id);
    clearTokenCache();
    return c.body(null, 204);
  });

  app.openapi(createRoute({
    method: 'post', path: '/api/tokens', tags: ['users'], summary: 'Create an API token for the caller (shown once)', middleware: [allow(...ADMINS)], request: body(NewToken),
    responses: { 201: json(z.object({ id: z.number().int(), name: z.string(), token: z.string() }), 'the token'), ...errors },
  }), async (c) => c.json(await createApiToken(db, c.get('user').id, c.req.valid('json').name), 201));
}
