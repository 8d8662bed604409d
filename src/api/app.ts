// The HTTP API: a small core that builds the OpenAPIHono app from plug-in route modules. Every /api route
// passes `authenticate` (open: health and login); each route names the roles it allows; input is
// validated by zod, and every error becomes `{ error: { code, message } }` in api-error.ts.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Hook } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { ApiError, errorResponse } from './api-error.ts';
import type { ApiDeps, ApiEnv } from './api-context.ts';
import { authRoutes } from './auth/route.ts';
import { ALL_ROLES, allow, authenticate } from './auth/authenticate.ts';
import { customerRoutes } from './customers/route.ts';
import { renderDocs } from './docs/render-docs.ts';
import type { OpenApiLike } from './docs/render-docs.ts';
import { importRoutes, MAX_UPLOAD_BYTES } from './imports/route.ts';
import { reportRoutes } from './reports/route.ts';
import { serveDashboard } from './serve-dashboard.ts';
import { settingsRoutes } from './settings/route.ts';
import { userRoutes } from './users/route.ts';

export type RouteModule = (app: OpenAPIHono<ApiEnv>, deps: ApiDeps) => void;
export const ROUTE_MODULES: readonly RouteModule[] = [authRoutes, reportRoutes, customerRoutes, importRoutes, userRoutes, settingsRoutes];

/** zod's issues as one readable line: "pageSize: Too big: expected number to be <=500; …". */
const validationHook: Hook<unknown, ApiEnv, string, unknown> = (result, c) => {
  if (result.success) return;
  const message = result.error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ');
  return c.json({ error: { code: 'invalid-input', message: `${result.target}: ${message}` } }, 400);
};

export const API_INFO = {
  title: 'cvm API', version: '0.1.0',
  description: 'Customer value management: customers and their scores, segments, churn list, models, imports. Sign in with POST /api/auth/login (cookie + x-csrf-token) or send Authorization: Bearer <token>.',
};

/**
 * @example
 * const app = createApp(deps);
 * const res = await app.request('/api/health');
 */
export function createApp(deps: ApiDeps): OpenAPIHono<ApiEnv> {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  app.onError((e, c) => errorResponse(c, e, deps.log));
  app.use('*', secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'], styleSrc: ["'self'", "'unsafe-inline'"] } }));
  app.use('/api/*', authenticate(deps));
  // JSON bodies are small; only an upload may be large (checked again in its route). GET and HEAD have
  // no body (@hono/node-server gives them none), and asking for it would build a full fetch Request per
  // read: ~0.1 ms of every page request under load.
  app.use('/api/*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const limit = c.req.path === '/api/imports' ? MAX_UPLOAD_BYTES : 1024 * 1024;
    return bodyLimit({ maxSize: limit, onError: () => { throw new ApiError('too-large', `the request body is larger than ${limit} bytes`); } })(c, next);
  });

  app.openapi(createRoute({
    method: 'get', path: '/api/health', tags: ['server'], summary: 'Liveness (open)',
    responses: { 200: { content: { 'application/json': { schema: z.object({ ok: z.boolean(), data: z.boolean() }) } }, description: 'the server runs' } },
  }), (c) => c.json({ ok: true, data: deps.analytics.hasData }, 200));

  for (const mount of ROUTE_MODULES) mount(app, deps);

  app.doc31('/api/openapi.json', { openapi: '3.1.0', info: API_INFO });
  app.openAPIRegistry.registerPath({
    method: 'get', path: '/api/openapi.json', tags: ['server'], summary: 'This OpenAPI document', responses: { 200: { description: 'the document' } },
  });
  app.openapi(createRoute({
    method: 'get', path: '/api/docs', tags: ['server'], summary: 'The API reference as a page (offline)', middleware: [allow(...ALL_ROLES)],
    responses: { 200: { content: { 'text/html': { schema: z.string() } }, description: 'the page' } },
  }), (c) => c.html(renderDocs(app.getOpenAPI31Document({ openapi: '3.1.0', info: API_INFO }) as unknown as OpenApiLike)));

  app.all('/api/*', () => { throw new ApiError('not-found', 'no such API route (see /api/docs)'); });
  serveDashboard(app, deps);
  return app;
}
