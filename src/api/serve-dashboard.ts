// The built dashboard (web/dist) at `/`, with every non-file path answered by index.html so the
// single-page app's own routes (e.g. /customers/M001) survive a reload.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import type { ApiDeps, ApiEnv } from './api-context.ts';

export const DEFAULT_WEB_DIR = resolve(import.meta.dirname, '../../web/dist');

export function serveDashboard(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  const root = deps.webDir ?? DEFAULT_WEB_DIR;
  const index = join(root, 'index.html');
  app.use('*', serveStatic({ root }));
  app.get('*', (c) => {
    if (!existsSync(index)) {
      return c.html(`<!doctype html><meta charset="utf-8"><title>cvm</title><p>The dashboard is not built (no ${index}). Run <code>npm run build:web</code>, or use the API: <a href="/api/docs">/api/docs</a>.</p>
<p>控制台尚未构建：请运行 <code>npm run build:web</code>，或使用 API：<a href="/api/docs">/api/docs</a>。</p>`, 503);
    }
    return c.html(readFileSync(index, 'utf8'));
  });
}
