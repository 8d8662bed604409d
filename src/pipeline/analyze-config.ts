// `cvm analyze --config FILE.json`: every threshold, weight and label of the retail analytics in one
// small JSON file, validated by one zod schema. Every key is optional and falls back to the default
// below (docs/retail-analytics.md lists them with their reasons); unknown keys are refused with the
// valid ones named, so a typo such as "suport" does not silently leave the default in place.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { DEFAULT_SEGMENTS, validateSegmentMap, type SegmentRule } from '../analytics/rfm/rfm-segments.ts';
import { DEFAULT_CUTS, type PyramidCuts } from '../analytics/pyramid/value-pyramid.ts';
import { DEFAULT_WEIGHTS, type Weights } from '../analytics/composite/composite-score.ts';
import { DEFAULT_HOT_THRESHOLDS, type HotThresholds } from '../analytics/products/hot-products.ts';
import { ConfigError } from './config-error.ts';

export interface AnalyzeConfig {
  rfm: { segments: readonly SegmentRule[] };
  pyramid: { cuts: PyramidCuts; rankBy: 'predicted' | 'historic' };
  composite: { weights: Weights };
  churn: { threshold: number };
  clusters: { kMin: number; kMax: number; k: number | null; sample: number; silhouetteSample: number; restarts: number; seed: number; describeThreshold: number };
  lifecycle: { windowDays: number; growth: number; maxDepth: number };
  survival: { lapseDays: number; by: string; cohortMonths: number };
  hotProducts: HotThresholds & { weeks: number; top: number };
  rules: { support: number; confidence: number; minlen: number; maxlen: number; top: number; pruneRedundant: boolean };
  replenishment: { minPurchases: number; dueDays: number; top: number };
}

/**
 * Defaults. Clusters: k-means runs on a seeded sample of 10,000 customers (5 k-means++ starts per k) and
 * the silhouette, O(n²), on 5,000 of them; the centroids of 10,000 customers on 3–6 features move
 * far less than the clusters differ, and everyone is then assigned in SQL. Association rules: a retailer's catalogue has thousands of items and a basket a handful,
 * so arules' own 0.1 support finds nothing; 1 % of the orders (the Online Retail file: ~200 of 18,500
 * invoices) with confidence 0.5 keeps the rules a buyer would act on, and length ≤ 3 keeps them readable.
 */
export const DEFAULT_ANALYZE_CONFIG: AnalyzeConfig = {
  rfm: { segments: DEFAULT_SEGMENTS },
  pyramid: { cuts: DEFAULT_CUTS, rankBy: 'predicted' },
  composite: { weights: DEFAULT_WEIGHTS },
  churn: { threshold: 0.5 },
  clusters: { kMin: 2, kMax: 8, k: null, sample: 10_000, silhouetteSample: 5_000, restarts: 5, seed: 1, describeThreshold: 0.25 },
  lifecycle: { windowDays: 90, growth: 0.2, maxDepth: 4 },
  survival: { lapseDays: 90, by: 'pyramid_tier', cohortMonths: 12 },
  hotProducts: { ...DEFAULT_HOT_THRESHOLDS, weeks: 4, top: 20 },
  rules: { support: 0.01, confidence: 0.5, minlen: 2, maxlen: 3, top: 20, pruneRedundant: true },
  replenishment: { minPurchases: 3, dueDays: 14, top: 20 },
};

const share = z.number().min(0).max(1);
const positive = z.number().positive();
const whole = (min: number, max: number) => z.number().int().min(min).max(max);
const range = z.tuple([whole(1, 5), whole(1, 5)]);
const label = z.strictObject({ en: z.string().min(1), zh: z.string().min(1) });

const schema = z.strictObject({
  rfm: z.strictObject({
    segments: z.array(z.strictObject({ id: z.string().regex(/^[a-z0-9-]+$/, 'ids are lower-case letters, digits and -'), label, r: range, f: range, m: range })).min(1),
  }).partial(),
  pyramid: z.strictObject({
    cuts: z.strictObject({ key: share, large: share, medium: share }).refine((c) => c.key > 0 && c.key <= c.large && c.large <= c.medium && c.medium < 1, 'cuts must satisfy 0 < key ≤ large ≤ medium < 1'),
    rankBy: z.enum(['predicted', 'historic']),
  }).partial(),
  composite: z.strictObject({
    weights: z.strictObject({ current: z.number().min(0), future: z.number().min(0), credit: z.number().min(0), loyalty: z.number().min(0), growth: z.number().min(0) })
      .refine((w) => w.current + w.future + w.credit + w.loyalty + w.growth > 0, 'at least one weight must be above 0'),
  }).partial(),
  churn: z.strictObject({ threshold: share }).partial(),
  clusters: z.strictObject({
    kMin: whole(2, 50), kMax: whole(2, 50), k: whole(1, 50).nullable(), sample: whole(100, 1_000_000), silhouetteSample: whole(100, 100_000), restarts: whole(1, 100),
    seed: whole(0, 2 ** 31), describeThreshold: z.number().min(0).max(5),
  }).partial(),
  lifecycle: z.strictObject({ windowDays: whole(1, 3650), growth: z.number().min(0).lt(1), maxDepth: whole(1, 10) }).partial(),
  survival: z.strictObject({ lapseDays: whole(1, 36500), by: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a column of customers.csv, e.g. pyramid_tier'), cohortMonths: whole(0, 120) }).partial(),
  hotProducts: z.strictObject({ weeklyUnits: z.number().min(0), firstTimeBuyerShare: share, favorites: z.number().min(0), views: z.number().min(0), weeks: whole(1, 520), top: whole(1, 1000) }).partial(),
  rules: z.strictObject({ support: positive.max(1), confidence: share, minlen: whole(1, 10), maxlen: whole(1, 10), top: whole(1, 1000), pruneRedundant: z.boolean() }).partial(),
  replenishment: z.strictObject({ minPurchases: whole(3, 1000), dueDays: whole(1, 3650), top: whole(1, 1000) }).partial(),
}).partial();

/**
 * Validates config JSON text and fills in the defaults; `where` names the file in messages.
 * @example parseAnalyzeConfig('{"rules": {"support": 0.02}, "churn": {"threshold": 0.3}}').rules.support // 0.02
 */
export function parseAnalyzeConfig(text: string, where = 'the config file'): AnalyzeConfig {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ConfigError('bad-config', `${where} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  return analyzeConfigOf(json, where);
}

/**
 * Validates an already-parsed config object (a --config file's JSON, or the settings saved in a data
 * folder, src/api/settings/analysis-settings.ts) and fills in the defaults; one schema for both.
 * @example analyzeConfigOf({ churn: { threshold: 0.3 } }, 'the saved settings').churn.threshold // 0.3
 */
export function analyzeConfigOf(json: unknown, where = 'the config file'): AnalyzeConfig {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
    throw new ConfigError('bad-config', `${where}: ${problems}. Sections: ${Object.keys(DEFAULT_ANALYZE_CONFIG).join(', ')} (see docs/retail-analytics.md)`);
  }
  const p = parsed.data;
  const d = DEFAULT_ANALYZE_CONFIG;
  const config: AnalyzeConfig = {
    rfm: { ...d.rfm, ...p.rfm }, pyramid: { ...d.pyramid, ...p.pyramid }, composite: { ...d.composite, ...p.composite },
    churn: { ...d.churn, ...p.churn }, clusters: { ...d.clusters, ...p.clusters }, lifecycle: { ...d.lifecycle, ...p.lifecycle },
    survival: { ...d.survival, ...p.survival }, hotProducts: { ...d.hotProducts, ...p.hotProducts }, rules: { ...d.rules, ...p.rules },
    replenishment: { ...d.replenishment, ...p.replenishment },
  };
  const problems = [...validateSegmentMap(config.rfm.segments).map((m) => `rfm.segments: ${m}`)];
  if (config.clusters.kMin > config.clusters.kMax) problems.push(`clusters: kMin (${config.clusters.kMin}) is above kMax (${config.clusters.kMax})`);
  if (config.rules.minlen > config.rules.maxlen) problems.push(`rules: minlen (${config.rules.minlen}) is above maxlen (${config.rules.maxlen})`);
  if (problems.length) throw new ConfigError('bad-config', `${where}: ${problems.join('; ')}`);
  return config;
}

export async function readAnalyzeConfig(path: string): Promise<AnalyzeConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new ConfigError('unreadable-config', `cannot read the config file ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseAnalyzeConfig(text, path);
}
