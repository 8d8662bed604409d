// The one error type of the HTTP API and the one place that turns any thrown value into a response:
// `{ error: { code, message } }` with a 4xx/5xx status, never a stack trace. Errors of other areas
// (users, store, ingest) are mapped here by their string codes.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from '@hono/zod-openapi';

export type ApiErrorCode =
  | 'invalid-input'
  | 'unauthenticated'
  | 'forbidden'
  | 'csrf'
  | 'not-found'
  | 'conflict'
  | 'rate-limited'
  | 'too-large'
  | 'unavailable'
  | 'internal';

const STATUS: Record<string, ContentfulStatusCode> = {
  'invalid-input': 400, unauthenticated: 401, forbidden: 403, csrf: 403, 'not-found': 404, conflict: 409,
  'too-large': 413, 'rate-limited': 429, unavailable: 503, internal: 500,
  // UserError (src/domain/users/user-error.ts)
  'invalid-user': 400, 'user-exists': 409, 'user-not-found': 404, 'last-admin': 409,
  // StoreError / IngestError codes a request can cause
  'invalid-params': 400, 'empty-file': 400, 'binary-file': 400, 'bad-encoding': 400, 'missing-columns': 400,
  'bad-mapping': 400, 'strict-rejects': 400, 'all-rejected': 400, 'store-busy': 503,
};

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  /** Extra headers, e.g. Retry-After for 429. */
  readonly headers: Readonly<Record<string, string>>;
  constructor(code: ApiErrorCode, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.headers = headers;
  }
}

export const ErrorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .openapi('Error', { example: { error: { code: 'forbidden', message: 'staff may not open settings' } } });

interface CodedError { code: string; message: string }
const isCoded = (e: unknown): e is Error & CodedError => e instanceof Error && typeof (e as Partial<CodedError>).code === 'string';

/** The status and body for any thrown value; unknown errors become 500 with a generic message (logged by the caller). */
export function errorBody(e: unknown): { status: ContentfulStatusCode; code: string; message: string; headers: Record<string, string> } {
  if (e instanceof ApiError) return { status: STATUS[e.code] ?? 500, code: e.code, message: e.message, headers: { ...e.headers } };
  // Hono's own HTTPException (e.g. a malformed JSON body) carries a 4xx status.
  if (e instanceof Error && 'status' in e && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return { status: e.status as ContentfulStatusCode, code: 'invalid-input', message: e.message || 'malformed request', headers: {} };
  }
  if (isCoded(e) && e.code in STATUS) return { status: STATUS[e.code] ?? 500, code: e.code, message: e.message, headers: {} };
  return { status: 500, code: 'internal', message: 'internal error (see the server log)', headers: {} };
}

export function errorResponse(c: Context, e: unknown, log: (line: string) => void = (l) => console.error(l)): Response {
  const body = errorBody(e);
  if (body.status >= 500) log(`[cvm serve] ${c.req.method} ${c.req.path}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  for (const [k, v] of Object.entries(body.headers)) c.header(k, v);
  return c.json({ error: { code: body.code, message: body.message } }, body.status);
}
