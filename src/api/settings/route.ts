// GET/PUT /api/settings (admins): thresholds, weights and the segment map, kept in the operational
// store's settings table (analysis-settings.ts). They drive the analysis: the re-analysis after every
// import, POST /api/settings/reanalyze (reanalyze-route.ts) and `cvm analyze --data DIR` without
// --config. PUT refuses settings that do not make a valid AnalyzeConfig, with the reason.
import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { ConfigError } from '../../pipeline/config-error.ts';
import { ApiError, ErrorSchema } from '../api-error.ts';
import type { ApiDeps, ApiEnv } from '../api-context.ts';
import { ADMINS, allow } from '../auth/authenticate.ts';
import { DEFAULT_SETTINGS, readSavedSettings, SettingsSchema, settingsToConfig, writeSettings } from './analysis-settings.ts';
import { reanalyzeRoutes } from './reanalyze-route.ts';
import { segmentNamesRoute } from './segment-names-route.ts';

const json = <T>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const errors = { 400: json(ErrorSchema, 'malformed, or not a valid analysis configuration'), 401: json(ErrorSchema, 'not signed in'), 403: json(ErrorSchema, 'admins only') };

export function settingsRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(createRoute({
    method: 'get', path: '/api/settings', tags: ['settings'], summary: 'Analysis settings (the defaults until an admin saves some)', middleware: [allow(...ADMINS)],
    responses: { 200: json(SettingsSchema, 'settings'), ...errors },
  }), async (c) => {
    const saved = await readSavedSettings(deps.store.db);
    const parsed = SettingsSchema.safeParse(saved?.value);
    return c.json(parsed.success ? parsed.data : DEFAULT_SETTINGS, 200);
  });

  app.openapi(createRoute({
    method: 'put', path: '/api/settings', tags: ['settings'],
    summary: 'Replace the analysis settings; they apply from the next analysis (an import, or POST /api/settings/reanalyze)', middleware: [allow(...ADMINS)],
    request: { body: { content: { 'application/json': { schema: SettingsSchema } }, required: true } },
    responses: { 200: json(SettingsSchema, 'saved'), ...errors },
  }), async (c) => {
    const settings = c.req.valid('json');
    try {
      settingsToConfig(settings, 'settings');
    } catch (e) {
      if (e instanceof ConfigError) throw new ApiError('invalid-input', e.message);
      throw e;
    }
    await writeSettings(deps.store.db, settings);
    return c.json(settings, 200);
  });

  reanalyzeRoutes(app, deps);
  segmentNamesRoute(app, deps);
}
