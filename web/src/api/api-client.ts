// A small typed client over fetch for `cvm serve`'s /api: JSON in and out, the session cookie sent by
// the browser, the CSRF token added to every state-changing request, and `{error:{code,message}}`
// turned into one error type the pages can show.

/** A failed API call: the HTTP status and the server's error code and message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

/** `?a=1&b=x` from the defined, non-empty values, in key order so the same query gives the same URL. */
export function queryString(params: QueryParams | undefined): string {
  if (!params) return '';
  const q = new URLSearchParams();
  for (const key of Object.keys(params).sort()) {
    const v = params[key];
    if (v === undefined || v === null || v === '') continue;
    q.set(key, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function apiUrl(path: string, params?: QueryParams): string {
  return `/api${path}${queryString(params)}`;
}

let csrfToken: string | null = null;

/** Set from the login or /auth/me answer; sent as x-csrf-token on every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

async function errorFrom(res: Response): Promise<ApiError> {
  let code = `http-${res.status}`;
  let message = res.statusText || `HTTP ${res.status}`;
  try {
    const body: unknown = await res.json();
    if (body && typeof body === 'object' && 'error' in body) {
      const e = (body as { error: { code?: unknown; message?: unknown } }).error;
      if (typeof e.code === 'string') code = e.code;
      if (typeof e.message === 'string') message = e.message;
    }
  } catch { /* not JSON (a proxy's page): keep the status text */ }
  return new ApiError(res.status, code, message);
}

async function send<T>(method: string, path: string, body?: BodyInit, json = false, params?: QueryParams): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (json) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(apiUrl(path, params), { method, headers, body, credentials: 'same-origin' });
  if (!res.ok) throw await errorFrom(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export function apiGet<T>(path: string, params?: QueryParams): Promise<T> {
  return send<T>('GET', path, undefined, false, params);
}

export function apiWrite<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return send<T>(method, path, body === undefined ? undefined : JSON.stringify(body), body !== undefined);
}

export function apiUpload<T>(path: string, form: FormData): Promise<T> {
  return send<T>('POST', path, form);
}
