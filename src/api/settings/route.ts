// GET/PUT /api/settings (admins): thresholds, weights and the segment map, kept in the operational
// store's settings table under the key "analysis". Stored and served for the dashboard; `cvm analyze`
// does not read them yet (its defaults are in src/analytics/*), which the dashboard page says.
import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { authDb } from '../../domain/sessions/auth-tables.ts';
import { ErrorSchema } from '../api-error.ts';
import type { ApiDeps, ApiEnv } from '../api-context.ts';
import { ADMINS, allow } from '../auth/authenticate.ts';

const json = <T>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const errors = { 400: json(ErrorSchema, 'malformed'), 401: json(ErrorSchema, 'not signed in'), 403: json(ErrorSchema, 'admins only') };
const KEY = 'analysis';

const Name = z.string().min(1).max(64).regex(/^[\w.-]+$/);
export const SettingsSchema = z.object({
  thresholds: z.record(Name, z.number().finite()),
  weights: z.record(Name, z.number().finite().min(0)),
  segmentMap: z.record(Name, z.string().min(1).max(100)),
}).strict().openapi('Settings', { example: { thresholds: { activePAlive: 0.5 }, weights: { current: 0.3, future: 0.3 }, segmentMap: { 'cant-lose': 'win back' } } });
type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = { thresholds: { activePAlive: 0.5 }, weights: {}, segmentMap: {} };

export function settingsRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  const db = authDb(deps.store.db);
  app.openapi(createRoute({
    method: 'get', path: '/api/settings', tags: ['settings'], summary: 'Analysis settings', middleware: [allow(...ADMINS)],
    responses: { 200: json(SettingsSchema, 'settings'), ...errors },
  }), async (c) => {
    const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
    const parsed = SettingsSchema.safeParse(row?.value);
    return c.json(parsed.success ? parsed.data : DEFAULT_SETTINGS, 200);
  });

  app.openapi(createRoute({
    method: 'put', path: '/api/settings', tags: ['settings'], summary: 'Replace the analysis settings', middleware: [allow(...ADMINS)],
    request: { body: { content: { 'application/json': { schema: SettingsSchema } }, required: true } },
    responses: { 200: json(SettingsSchema, 'saved'), ...errors },
  }), async (c) => {
    const settings = c.req.valid('json');
    const value = JSON.stringify(settings);
    await db.insertInto('settings').values({ key: KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: new Date() })).execute();
    return c.json(settings, 200);
  });
}
