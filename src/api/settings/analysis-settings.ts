// The analysis settings an admin saves in the dashboard (GET/PUT /api/settings), kept in the operational
// store's settings table under the key "analysis", and how they become the AnalyzeConfig that
// `cvm analyze --data DIR` and the re-analyses of `cvm serve` run with. The shape stays the dashboard's
// three name → value maps; the names are AnalyzeConfig paths (thresholds), the five value-score
// dimensions (weights) and RFM segment ids (segment map: the segment's name in reports), so the
// conversion is a lookup and every value is checked by the same schema as a `--config` file.
import { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { DEFAULT_SEGMENTS } from '../../analytics/rfm/rfm-segments.ts';
import { authDb } from '../../domain/sessions/auth-tables.ts';
import { analyzeConfigOf, DEFAULT_ANALYZE_CONFIG, type AnalyzeConfig } from '../../pipeline/analyze-config.ts';
import { ConfigError } from '../../pipeline/config-error.ts';
import type { Database } from '../../store/database.ts';

export const SETTINGS_KEY = 'analysis';

const Name = z.string().min(1).max(64).regex(/^[\w.-]+$/);
export const SettingsSchema = z.object({
  thresholds: z.record(Name, z.number().finite()),
  weights: z.record(Name, z.number().finite().min(0)),
  segmentMap: z.record(Name, z.string().min(1).max(100)),
}).strict().openapi('Settings', {
  example: { thresholds: { 'churn.threshold': 0.4, 'pyramid.cuts.key': 0.02 }, weights: { current: 0.4, future: 0.4 }, segmentMap: { 'cant-lose': 'Win back', 'cant-lose.zh': '重点挽回' } },
});
export type AnalysisSettings = z.infer<typeof SettingsSchema>;

type Tree = { [key: string]: unknown };
const isTree = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Dotted paths of the numeric leaves of an object, e.g. ['churn.threshold', 'pyramid.cuts.key', …]. */
function numericPaths(o: Tree, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'number' ? [prefix + k] : isTree(v) ? numericPaths(v, `${prefix}${k}.`) : []));
}

const WEIGHT_NAMES = Object.keys(DEFAULT_ANALYZE_CONFIG.composite.weights);
/**
 * Threshold names: every number of AnalyzeConfig outside the weights (which have their own map), plus
 * clusters.k, a number whose default is "choose by silhouette" (null). Strings and switches (pyramid
 * rank, survival grouping, rule pruning) are left to a --config file.
 */
export const THRESHOLD_NAMES: readonly string[] = [
  ...numericPaths(DEFAULT_ANALYZE_CONFIG as unknown as Tree).filter((p) => !p.startsWith('composite.weights.')), 'clusters.k',
];
/** What earlier versions saved by default for the churn threshold (P(alive) below it → churn warning). */
const ALIASES: Readonly<Record<string, string>> = { activePAlive: 'churn.threshold' };
const SEGMENT_IDS = DEFAULT_SEGMENTS.map((s) => s.id);

/** What GET /api/settings answers before anything is saved: the defaults of the numbers a CRM manager tunes most. */
export const DEFAULT_SETTINGS: AnalysisSettings = {
  thresholds: { 'churn.threshold': DEFAULT_ANALYZE_CONFIG.churn.threshold, ...prefixed('pyramid.cuts.', DEFAULT_ANALYZE_CONFIG.pyramid.cuts) },
  weights: { ...DEFAULT_ANALYZE_CONFIG.composite.weights },
  segmentMap: {},
};

function prefixed(prefix: string, o: object): Record<string, number> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [prefix + k, Number(v)]));
}

const listed = (names: readonly string[]): string => names.join(', ');

/**
 * The AnalyzeConfig the settings stand for: the defaults with each named value replaced, validated by
 * the --config schema. Throws ConfigError (code bad-config) naming every unknown name or bad value.
 * @example settingsToConfig({ thresholds: { 'churn.threshold': 0.3 }, weights: {}, segmentMap: {} }).churn.threshold // 0.3
 */
export function settingsToConfig(s: AnalysisSettings, where = 'the saved settings'): AnalyzeConfig {
  const problems: string[] = [];
  const config = structuredClone(DEFAULT_ANALYZE_CONFIG) as unknown as Tree;
  const seen = new Map<string, string>();
  for (const [given, value] of Object.entries(s.thresholds)) {
    const name = ALIASES[given] ?? given;
    if (!THRESHOLD_NAMES.includes(name)) { problems.push(`thresholds: unknown name "${given}" (known: ${listed(THRESHOLD_NAMES)})`); continue; }
    const earlier = seen.get(name);
    if (earlier !== undefined) { problems.push(`thresholds: "${given}" and "${earlier}" both set ${name}; keep one`); continue; }
    seen.set(name, given);
    const path = name.split('.');
    const leaf = path.pop() ?? '';
    let node: Tree = config;
    for (const part of path) node = node[part] as Tree; // the path exists: it was read off the defaults
    node[leaf] = value;
  }
  const weights = (config.composite as Tree).weights as Tree;
  for (const [name, value] of Object.entries(s.weights)) {
    if (WEIGHT_NAMES.includes(name)) weights[name] = value;
    else problems.push(`weights: unknown name "${name}" (known: ${listed(WEIGHT_NAMES)})`);
  }
  const segments = (config.rfm as { segments: { id: string; label: { en: string; zh: string } }[] }).segments;
  for (const [key, value] of Object.entries(s.segmentMap)) {
    // "at-risk" names the segment in both languages; "at-risk.en" / "at-risk.zh" in one only.
    const [id = '', lang, ...rest] = key.split('.');
    const segment = segments.find((g) => g.id === id);
    if (!segment || rest.length > 0 || (lang !== undefined && lang !== 'en' && lang !== 'zh')) {
      problems.push(`segmentMap: "${key}" is not a segment id, optionally followed by .en or .zh (ids: ${listed(SEGMENT_IDS)})`);
      continue;
    }
    if (lang !== 'zh') segment.label.en = value;
    if (lang !== 'en') segment.label.zh = value;
  }
  if (problems.length) throw new ConfigError('bad-config', `${where}: ${problems.join('; ')}`);
  return analyzeConfigOf(config, where);
}

export interface SavedSettings {
  /** As stored; may predate a check added since, so it is validated where it is used. */
  value: unknown;
  savedAt: Date;
}

/** The settings row of the store, if an admin ever saved one. */
export async function readSavedSettings(db: Kysely<Database>): Promise<SavedSettings | undefined> {
  const row = await authDb(db).selectFrom('settings').select(['value', 'updated_at']).where('key', '=', SETTINGS_KEY).executeTakeFirst();
  return row ? { value: row.value, savedAt: new Date(row.updated_at) } : undefined;
}

/** Saves (replaces) the settings; returns when they were saved. */
export async function writeSettings(db: Kysely<Database>, settings: AnalysisSettings): Promise<Date> {
  const value = JSON.stringify(settings);
  const savedAt = new Date();
  await authDb(db).insertInto('settings').values({ key: SETTINGS_KEY, value, updated_at: savedAt })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: savedAt })).execute();
  return savedAt;
}

/**
 * The AnalyzeConfig of the store's saved settings, or undefined when none were saved. Saved settings
 * that are no longer valid throw ConfigError rather than being skipped, so an analysis never runs under
 * other settings than the ones the dashboard shows.
 * @example const saved = await savedAnalyzeConfig(store.db); // { config, savedAt } | undefined
 */
export async function savedAnalyzeConfig(db: Kysely<Database>): Promise<{ config: AnalyzeConfig; savedAt: Date } | undefined> {
  const saved = await readSavedSettings(db);
  if (!saved) return undefined;
  const where = `the settings saved in the data folder on ${saved.savedAt.toISOString()}`;
  const shape = SettingsSchema.safeParse(saved.value);
  if (!shape.success) throw new ConfigError('bad-config', `${where} are not {thresholds, weights, segmentMap}; save them again on the dashboard's settings page, or pass --config`);
  return { config: settingsToConfig(shape.data, where), savedAt: saved.savedAt };
}
