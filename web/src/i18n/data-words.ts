// Words that arrive inside the data rather than from the catalogue: the profile's gender and member
// tier codes, and the model choice reason the analysis writes in English only. Known ones are shown in
// the page's language; anything else is shown as it came, so nothing is hidden.
import type { Lang } from '../../../src/report/report-data.ts';
import { modelReasonZh } from '../../../src/report/model-reason.ts';

type Words = { en: string; zh: string };

const GENDER = new Map<string, Words>([
  ['f', { en: 'female', zh: '女' }], ['female', { en: 'female', zh: '女' }], ['女', { en: 'female', zh: '女' }],
  ['m', { en: 'male', zh: '男' }], ['male', { en: 'male', zh: '男' }], ['男', { en: 'male', zh: '男' }],
]);

// Member tiers of a loyalty programme (samples/customers.csv uses regular, silver, gold, platinum).
const MEMBER_TIER = new Map<string, Words>([
  ['regular', { en: 'regular', zh: '普通会员' }], ['normal', { en: 'regular', zh: '普通会员' }],
  ['bronze', { en: 'bronze', zh: '铜卡' }], ['silver', { en: 'silver', zh: '银卡' }],
  ['gold', { en: 'gold', zh: '金卡' }], ['platinum', { en: 'platinum', zh: '铂金' }],
  ['diamond', { en: 'diamond', zh: '钻石' }], ['vip', { en: 'VIP', zh: 'VIP' }],
]);

/** A profile field's value in the page's language: gender and member tier codes are translated. */
export function profileValue(field: string, value: string, lang: Lang): string {
  const map = field === 'gender' ? GENDER : field === 'tier' ? MEMBER_TIER : null;
  const w = map?.get(value.trim().toLowerCase());
  return w ? w[lang === 'en' ? 'en' : 'zh'] : value;
}

/**
 * The model choice reason of src/pipeline/value-pipeline.ts (explainChoice) in Chinese
 * (src/report/model-reason.ts); the English original is returned for English pages and for any reason
 * whose wording is not one of the known ones. Runs saved since the reason became bilingual carry both.
 */
export function modelReason(text: string, lang: Lang): string {
  if (lang === 'en') return text;
  return modelReasonZh(text) ?? text;
}

/** The file name of a path, Windows or POSIX: the dashboard shows what was uploaded, not where the server kept it. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}
