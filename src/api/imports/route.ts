// Imports over the API: list batches, upload a sales file (import + analyse in the background),
// follow its progress as server-sent events, download its reject file. Analysts and admins only.
import { existsSync, readFileSync } from 'node:fs';
import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { listImportBatches } from '../../domain/import-batches/import-batch-repository.ts';
import { ApiError, ErrorSchema } from '../api-error.ts';
import type { ApiDeps, ApiEnv } from '../api-context.ts';
import { allow, ANALYSTS } from '../auth/authenticate.ts';
import { csvResponse } from '../csv.ts';
import { relayEvents } from './event-stream.ts';

const json = <T>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const errors = { 401: json(ErrorSchema, 'not signed in'), 403: json(ErrorSchema, 'role may not') };
/** Uploads larger than this are refused before they are read (a 1M-customer log is ~150 MB). */
export const MAX_UPLOAD_BYTES = 1024 ** 3;

const BatchSchema = z.object({
  id: z.number().int(), kind: z.string(), fileName: z.string().nullable(), status: z.string(), counts: z.record(z.string(), z.number()),
  error: z.string().nullable(), attempts: z.number().int(), startedAt: z.string(), finishedAt: z.string().nullable(), hasRejects: z.boolean(),
}).openapi('ImportBatch');
const IdParam = z.object({ id: z.coerce.number().int().min(1).openapi({ param: { name: 'id', in: 'path' }, example: 1 }) });

export function importRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(createRoute({
    method: 'get', path: '/api/imports', tags: ['imports'], summary: 'Import batches, newest first', middleware: [allow(...ANALYSTS)],
    request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50).openapi({ param: { name: 'limit', in: 'query' } }) }) },
    responses: { 200: json(z.object({ items: z.array(BatchSchema) }), 'batches'), 400: json(ErrorSchema, 'bad query'), ...errors },
  }), async (c) => {
    const batches = await listImportBatches(deps.store.db, { limit: c.req.valid('query').limit });
    return c.json({
      items: batches.map((b) => ({
        id: b.id, kind: b.kind, fileName: b.file_name, status: b.status, counts: b.counts, error: b.error, attempts: b.attempts,
        startedAt: b.started_at.toISOString(), finishedAt: b.finished_at ? b.finished_at.toISOString() : null, hasRejects: existsSync(deps.imports.rejectFile(b.id)),
      })),
    }, 200);
  });

  app.openapi(createRoute({
    method: 'post', path: '/api/imports', tags: ['imports'], summary: 'Upload a sales file: imports it and re-analyses the folder in the background', middleware: [allow(...ANALYSTS)],
    request: { body: { content: { 'multipart/form-data': { schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) }) } }, required: true } },
    responses: { 202: json(z.object({ id: z.number().int() }), 'started; follow GET /api/imports/{id}/events'), 400: json(ErrorSchema, 'no file'), 413: json(ErrorSchema, 'too large'), ...errors },
  }), async (c) => {
    const length = Number(c.req.header('content-length') ?? '0');
    if (length > MAX_UPLOAD_BYTES) throw new ApiError('too-large', `the upload is larger than ${MAX_UPLOAD_BYTES / 1024 ** 2} MB`);
    const type = c.req.header('content-type') ?? '';
    if (!type.startsWith('multipart/form-data')) throw new ApiError('invalid-input', 'send the file as multipart/form-data with a field named "file"');
    const body = await c.req.parseBody().catch(() => { throw new ApiError('invalid-input', 'the multipart body could not be read'); });
    const file = body.file;
    if (!(file instanceof File)) throw new ApiError('invalid-input', 'the form has no file field named "file"');
    if (file.size === 0) throw new ApiError('invalid-input', `the file "${file.name}" is empty`);
    const id = await deps.imports.start(file.name, new Uint8Array(await file.arrayBuffer()));
    return c.json({ id }, 202);
  });

  app.openapi(createRoute({
    method: 'get', path: '/api/imports/{id}/events', tags: ['imports'], summary: 'Progress of an import as server-sent events: progress, done, error', middleware: [allow(...ANALYSTS)],
    request: { params: IdParam },
    responses: { 200: { content: { 'text/event-stream': { schema: z.string() } }, description: 'events until done or error' }, 404: json(ErrorSchema, 'no such import'), ...errors },
  }), async (c) => {
    const { id } = c.req.valid('param');
    const relay = relayEvents((listener) => deps.imports.follow(id, listener));
    if (!relay.live) {
      // Not run by this process (an earlier server, or the CLI): one event from the stored batch.
      const batch = await deps.store.db.selectFrom('import_batches').selectAll().where('id', '=', id).executeTakeFirst();
      if (!batch) throw new ApiError('not-found', `no import with id ${id}`);
      relay.queued.push(batch.status === 'failed'
        ? { event: 'error', data: { message: batch.error ?? 'failed' } }
        : batch.status === 'done' ? { event: 'done', data: { counts: batch.counts, status: 'imported' } }
        : { event: 'error', data: { message: 'this import was interrupted (the server stopped); upload the file again to resume it' } });
    }
    return relay.respond(c);
  });

  app.openapi(createRoute({
    method: 'get', path: '/api/imports/{id}/rejects.csv', tags: ['imports'], summary: 'The reject file of an import (line, reason, raw)', middleware: [allow(...ANALYSTS)],
    request: { params: IdParam },
    responses: { 200: { content: { 'text/csv': { schema: z.string() } }, description: 'the rejected rows' }, 404: json(ErrorSchema, 'no rejects'), ...errors },
  }), (c) => {
    const { id } = c.req.valid('param');
    const path = deps.imports.rejectFile(id);
    if (!existsSync(path)) throw new ApiError('not-found', `import ${id} has no reject file (no rows were rejected, or no such import)`);
    return csvResponse(`import-${id}-rejects.csv`, readFileSync(path, 'utf8'));
  });
}
