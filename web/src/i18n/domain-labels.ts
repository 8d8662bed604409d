// Names of the analytics' codes (segment, tier, stage ids) in both languages, taken from the analytics
// code itself so the dashboard, the report and the CLI agree; an unknown code is shown as it is.
import { DEFAULT_SEGMENTS, OTHERS } from '../../../src/analytics/rfm/rfm-segments.ts';
import { TIER_LABELS } from '../../../src/analytics/pyramid/value-pyramid.ts';
import { STAGE_NAMES } from '../../../src/analytics/lifecycle/lifecycle-stages.ts';
import type { Lang } from '../../../src/report/report-data.ts';

type Words = { en: string; zh: string };

const SEGMENTS = new Map<string, Words>([...DEFAULT_SEGMENTS, OTHERS].map((s) => [s.id, s.label]));
const TIERS = new Map<string, Words>(Object.entries(TIER_LABELS));
const STAGES = new Map<string, Words>([
  ...Object.entries(STAGE_NAMES),
  // Movement rows use these two for customers who were not yet customers at the first date.
  ['new', { en: 'new', zh: '新客户' }],
  ['none', { en: 'not yet a customer', zh: '尚未成为客户' }],
]);

function pick(map: Map<string, Words>, id: string, lang: Lang): string {
  const w = map.get(id);
  return w ? (lang === 'en' ? w.en : w.zh) : id;
}

// Names an admin gave the segments in the settings' segment map (GET /api/segment-names, loaded by the
// app layout for every signed-in page): they win over the defaults above.
const renamed = new Map<string, Words>();

/** Replaces the saved segment names (ids are unchanged by renaming, so every page can use them at once). */
export function setSegmentNames(items: readonly { id: string; en: string; zh: string }[]): void {
  renamed.clear();
  for (const s of items) renamed.set(s.id, { en: s.en, zh: s.zh });
}

export const segmentName = (id: string, lang: Lang): string => pick(renamed.has(id) ? renamed : SEGMENTS, id, lang);
export const tierName = (id: string, lang: Lang): string => pick(TIERS, id, lang);
export const stageName = (id: string, lang: Lang): string => pick(STAGES, id, lang);
export const SEGMENT_IDS: readonly string[] = [...SEGMENTS.keys()];
export const TIER_IDS: readonly string[] = ['key', 'large', 'medium', 'small'];
