// GET /api/segment-names (every role): the RFM segments' names in English and Chinese as the dashboard
// should show them, i.e. the defaults renamed by the saved segment map. Every page that shows a segment
// (customer lists, churn list, customer 360) needs them, and staff may not read the settings
// themselves; renaming takes effect at once, as segment ids do not change with their names.
import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { DEFAULT_SEGMENTS, OTHERS, type SegmentRule } from '../../analytics/rfm/rfm-segments.ts';
import { ErrorSchema } from '../api-error.ts';
import type { ApiDeps, ApiEnv } from '../api-context.ts';
import { ALL_ROLES, allow } from '../auth/authenticate.ts';
import { readSavedSettings, SettingsSchema, settingsToConfig } from './analysis-settings.ts';

const SegmentNamesSchema = z.object({
  items: z.array(z.object({ id: z.string(), en: z.string(), zh: z.string() })),
}).openapi('SegmentNames');

/** The segments with the saved names; the defaults when nothing valid was saved (the settings page says why). */
export async function segmentNames(deps: ApiDeps): Promise<{ id: string; en: string; zh: string }[]> {
  const saved = await readSavedSettings(deps.store.db);
  const parsed = SettingsSchema.safeParse(saved?.value);
  let rules: readonly SegmentRule[] = DEFAULT_SEGMENTS;
  if (parsed.success) {
    try {
      rules = settingsToConfig(parsed.data).rfm.segments;
    } catch {
      // Settings saved before a check was added: the analysis refuses them with the reason, and the
      // names fall back to the defaults until an admin saves valid ones.
    }
  }
  return [...rules, OTHERS].map((s) => ({ id: s.id, en: s.label.en, zh: s.label.zh }));
}

export function segmentNamesRoute(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(createRoute({
    method: 'get', path: '/api/segment-names', tags: ['settings'], summary: 'RFM segment names in English and Chinese, with the saved segment map applied', middleware: [allow(...ALL_ROLES)],
    responses: { 200: { content: { 'application/json': { schema: SegmentNamesSchema } }, description: 'names' }, 401: { content: { 'application/json': { schema: ErrorSchema } }, description: 'not signed in' } },
  }), async (c) => c.json({ items: await segmentNames(deps) }, 200));
}
