// POST /api/settings/reanalyze (admins): re-runs the analysis of the served data under the saved
// settings, in the background and in the imports' queue (import-runner.ts), then swaps the new results
// in; GET /api/settings/reanalyze/{id}/events follows it as server-sent events (progress, done, error),
// like an import. Saving settings does not start one by itself: a manager usually adjusts several
// numbers in a row and a run takes minutes on a large folder, so the settings page offers the button.
import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { ApiError, ErrorSchema } from '../api-error.ts';
import type { ApiDeps, ApiEnv } from '../api-context.ts';
import { ADMINS, allow } from '../auth/authenticate.ts';
import { relayEvents } from '../imports/event-stream.ts';

const json = <T>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const errors = { 401: json(ErrorSchema, 'not signed in'), 403: json(ErrorSchema, 'admins only') };
const IdParam = z.object({ id: z.coerce.number().int().min(1).openapi({ param: { name: 'id', in: 'path' }, example: 1 }) });

export function reanalyzeRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(createRoute({
    method: 'post', path: '/api/settings/reanalyze', tags: ['settings'], middleware: [allow(...ADMINS)],
    summary: 'Re-analyse the served data under the saved settings, in the background (takes no body; a re-analysis still queued is reused)',
    responses: {
      202: json(z.object({ id: z.number().int() }), 'queued; follow GET /api/settings/reanalyze/{id}/events'),
      409: json(ErrorSchema, 'nothing to analyse yet: import a sales file first'), ...errors,
    },
  }), (c) => {
    const id = deps.imports.reanalyze();
    if (id === undefined) throw new ApiError('conflict', 'nothing to analyse yet: import a sales file first');
    return c.json({ id }, 202);
  });

  app.openapi(createRoute({
    method: 'get', path: '/api/settings/reanalyze/{id}/events', tags: ['settings'], middleware: [allow(...ADMINS)],
    summary: 'Progress of a re-analysis as server-sent events: progress, done, error',
    request: { params: IdParam },
    responses: { 200: { content: { 'text/event-stream': { schema: z.string() } }, description: 'events until done or error' }, 404: json(ErrorSchema, 'no such re-analysis'), 400: json(ErrorSchema, 'bad id'), ...errors },
  }), (c) => {
    const { id } = c.req.valid('param');
    const relay = relayEvents((listener) => deps.imports.follow(id, listener, 'analysis'));
    // Re-analyses are numbered by the server process, so an id of an earlier server is unknown here.
    if (!relay.live) throw new ApiError('not-found', `no re-analysis ${id} since this server started`);
    return relay.respond(c);
  });
}
